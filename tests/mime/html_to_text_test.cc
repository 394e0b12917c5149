#include "mime/html_to_text.h"

#include "testing.h"
#include "util/utf8.h"

using namespace mail_mcp;

TEST(HtmlToText, DropsScriptStyleTitleAndComments) {
  EXPECT_EQ(HtmlToText("<html><head><title>T</title><style>p{color:red}</style>"
                       "<script>var a = '<p>x</p>';</script></head>"
                       "<body><!-- hidden <p>no</p> -->Hello</body></html>"),
            "Hello");
  EXPECT_EQ(HtmlToText("a<SCRIPT type=x>alert(1)</Script >b"), "ab");
}

TEST(HtmlToText, BlockElementsBecomeLineBreaks) {
  EXPECT_EQ(HtmlToText("<p>one</p><p>two</p>"), "one\n\ntwo");
  EXPECT_EQ(HtmlToText("<div>a</div><div>b</div>"), "a\nb");
  EXPECT_EQ(HtmlToText("a<br>b<br/>c<br><br>d"), "a\nb\nc\n\nd");
  EXPECT_EQ(HtmlToText("<h1>Title</h1>text"), "Title\n\ntext");
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), "a b\nc");
}

TEST(HtmlToText, AtMostOneBlankLineInARow) {
  EXPECT_EQ(HtmlToText("a<br><br><br><br><p></p><p></p><div></div>b"), "a\n\nb");
}

TEST(HtmlToText, ListItemsGetDashes) {
  EXPECT_EQ(HtmlToText("<p>Items:</p><ul><li>one</li><li>two<ul><li>sub</li></ul></li></ul>after"),
            "Items:\n\n- one\n- two\n  - sub\n\nafter");
}

TEST(HtmlToText, BlockquotesArePrefixed) {
  EXPECT_EQ(HtmlToText("reply<blockquote>quoted<br>text</blockquote>end"), "reply\n\n> quoted\n> text\n\nend");
}

TEST(HtmlToText, LinksKeepTheirUrls) {
  EXPECT_EQ(HtmlToText("See <a href=\"https://x.com/a?b=1&amp;c=2\">the doc</a>."),
            "See the doc (https://x.com/a?b=1&c=2).");
  EXPECT_EQ(HtmlToText("<a href='https://x.com/'>https://x.com/</a>"), "https://x.com/");
  EXPECT_EQ(HtmlToText("<a href=\"mailto:a@b.c\">a@b.c</a>"), "a@b.c");
  EXPECT_EQ(HtmlToText("<a href=\"javascript:alert(1)\">click</a>"), "click");
  EXPECT_EQ(HtmlToText("<a href=\"#top\">top</a>"), "top");
  EXPECT_EQ(HtmlToText("<a href=\"https://x.com/i\"><img src=x></a>"), "https://x.com/i");
  EXPECT_EQ(HtmlToText("<a name=anchor>plain</a>"), "plain");
}

TEST(HtmlToText, ImagesShowAltText) {
  EXPECT_EQ(HtmlToText("Logo: <img src=\"l.png\" alt=\"ACME &amp; Co\">!"), "Logo: ACME & Co !");
  EXPECT_EQ(HtmlToText("<img src=\"pixel.gif\">x"), "x");
}

TEST(HtmlToText, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(HtmlToText("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &apos;"), "<b> & \"q\" 's' '");
  EXPECT_EQ(HtmlToText("wait&hellip; &mdash; &ndash; &rsquo;&lsquo;&rdquo;&ldquo;"), "wait… — – ’‘”“");
  EXPECT_EQ(HtmlToText("&#8364; &#x20AC; &#X20ac; &euro;"), "€ € € €");
  EXPECT_EQ(HtmlToText("&#150; &#0; &#xD800; &#x110000; &#99999999999;"),
            "– \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd");
  EXPECT_EQ(HtmlToText("&unknown; &amp &copy 5 &ampx"), "&unknown; & © 5 &ampx");
}

TEST(HtmlToText, CollapsesWhitespaceIncludingNbsp) {
  EXPECT_EQ(HtmlToText("  a \n\t b&nbsp;&nbsp;&nbsp;c\xc2\xa0\xc2\xa0 d  "), "a b c d");
  EXPECT_EQ(HtmlToText("pre&zwnj;&#8203;view\xe2\x80\x8c"), "preview");
}

TEST(HtmlToText, PreKeepsLineStructure) { EXPECT_EQ(HtmlToText("<pre>a  b\n  c</pre>"), "a  b\n  c"); }

TEST(HtmlToText, LoneAngleBracketsAreText) { EXPECT_EQ(HtmlToText("1 < 2 and 3 <= 4"), "1 < 2 and 3 <= 4"); }

TEST(HtmlToText, UnclosedConstructsEndQuietly) {
  EXPECT_EQ(HtmlToText("text<!-- never closed"), "text");
  EXPECT_EQ(HtmlToText("text<script>never closed"), "text");
  EXPECT_EQ(HtmlToText("text<a href=\"unterminated>more"), "text");
  EXPECT_EQ(HtmlToText("text<div"), "text");
}

TEST(HtmlToText, OutputIsValidUtf8EvenForInvalidInput) {
  EXPECT_TRUE(IsValidUtf8(HtmlToText("bad \xff\xfe bytes <p>\xc3")));
}

TEST(HtmlToText, HostileInputIsLinearAndBounded) {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "<blockquote>x<br>";
  const std::string out = HtmlToText(deep);
  EXPECT_LT(out.size(), 50000u * 40);  // prefixes are capped, not 2 bytes per nesting level
  std::string tags(200000, '<');
  EXPECT_TRUE(IsValidUtf8(HtmlToText(tags)));
  std::string links;
  for (int i = 0; i < 50000; ++i) links += "<a href=u>";
  EXPECT_TRUE(IsValidUtf8(HtmlToText(links)));
  std::string scripts;
  for (int i = 0; i < 50000; ++i) scripts += "<script></scrip";
  EXPECT_EQ(HtmlToText(scripts), "");
}

TEST(HtmlToText, DecodeHtmlEntitiesLeavesUnknownReferences) {
  EXPECT_EQ(DecodeHtmlEntities("a&amp;b&zz;c&#65;"), "a&b&zz;cA");
}
