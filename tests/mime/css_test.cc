#include "mime/css.h"

#include <chrono>

#include "testing.h"

using namespace mail_mcp;

namespace {

std::string Hex(const std::optional<CssColor>& c) {
  if (!c) return "none";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02x%02x%02x/%.2f", c->r, c->g, c->b, c->alpha);
  return buf;
}

}  // namespace

TEST(Css, ColoursInEveryCommonForm) {
  EXPECT_EQ(Hex(ParseCssColor("#FFF")), "ffffff/1.00");
  EXPECT_EQ(Hex(ParseCssColor("#fefefe")), "fefefe/1.00");
  EXPECT_EQ(Hex(ParseCssColor("#11223380")), "112233/0.50");
  EXPECT_EQ(Hex(ParseCssColor("rgb(255, 0, 10)")), "ff000a/1.00");
  EXPECT_EQ(Hex(ParseCssColor("rgba(0,0,0,0)")), "000000/0.00");
  EXPECT_EQ(Hex(ParseCssColor("rgb(100% 0% 0% / 50%)")), "ff0000/0.50");
  EXPECT_EQ(Hex(ParseCssColor(" White ")), "ffffff/1.00");
  EXPECT_EQ(Hex(ParseCssColor("transparent")), "000000/0.00");
  EXPECT_EQ(Hex(ParseCssColor("ffffff")), "ffffff/1.00");  // bgcolor=ffffff
  EXPECT_EQ(Hex(ParseCssColor("currentColor")), "none");
  EXPECT_EQ(Hex(ParseCssColor("linear-gradient(#fff, #000)")), "none");
  EXPECT_EQ(Hex(ParseCssColor("#ggg")), "none");
}

TEST(Css, ContrastRatioFollowsWcag) {
  const CssColor white{255, 255, 255, 1}, black{0, 0, 0, 1}, near{254, 254, 254, 1};
  EXPECT_GT(ContrastRatio(white, black), 20.9);
  EXPECT_LT(ContrastRatio(white, near), 1.02);
  EXPECT_LT(ContrastRatio(white, white), 1.0001);
}

TEST(Css, DeclarationsDropCommentsImportantAndIrrelevantProperties) {
  CssDeclarations d;
  ParseCssDeclarations("COLOR: Red !important; /* display:none */ margin: 0; font-size:0;;bad", &d);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].first, "color");
  EXPECT_EQ(d[0].second, "red");
  EXPECT_EQ(d[1].first, "font-size");
}

TEST(Css, StyleSheetMatchesSimpleSelectorsInCascadeOrder) {
  StyleSheet s;
  s.Add(
      "#main{color:blue} .a.b{color:green} p{color:red} p.a{display:none} div p{color:white} "
      "@media print{p{display:none}} a:hover{color:red}");
  const CssDeclarations d = s.Match("p", {"a", "b"}, "main");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].second, "red");    // p (1)
  EXPECT_EQ(d[1].second, "none");   // p.a (11)
  EXPECT_EQ(d[2].second, "green");  // .a.b (20)
  EXPECT_EQ(d[3].second, "blue");   // #main (100)
  EXPECT_TRUE(s.Match("span", {}, "").empty());
  EXPECT_FALSE(s.colors_reliable());  // "div p" and "a:hover" set colours we cannot place
  StyleSheet plain;
  plain.Add(".x{display:none}");
  EXPECT_TRUE(plain.colors_reliable());
}

TEST(Css, HugeStyleSheetsStayBoundedAndFast) {
  std::string css;
  for (int i = 0; i < 20000; ++i) css += ".c" + std::to_string(i) + "{display:none}";
  StyleSheet s;
  const auto start = std::chrono::steady_clock::now();
  s.Add(css);
  std::vector<std::string> classes;
  for (int i = 0; i < 32; ++i) classes.push_back("c" + std::to_string(i));
  for (int i = 0; i < 20000; ++i) s.Match("div", classes, "x");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(s.Match("div", {"c1999"}, "").size(), 1u);
  EXPECT_TRUE(s.Match("div", {"c2000"}, "").empty());  // past kMaxCssRules
  StyleSheet junk;
  junk.Add(std::string(100000, '{') + std::string(100000, '}') + "@media{{{{");
  EXPECT_TRUE(junk.empty());
}
