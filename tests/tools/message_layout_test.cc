#include "tools/message_layout.h"

#include "imap/imap_value_fixture.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

BodyPart Structure(const std::string& text) { return BodyStructureFromText(text); }

std::string Parts(const std::vector<const BodyPart*>& parts) {
  std::string s;
  for (const BodyPart* p : parts) s += (s.empty() ? "" : ",") + p->part;
  return s;
}

/// The text parts, then "|" and the HTML parts.
std::string Text(const MessageLayout& l) { return Parts(l.text) + "|" + Parts(l.html); }

const char kPlain[] = R"(("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 10 1 NIL NIL NIL NIL))";
const char kHtml[] = R"(("text" "html" ("charset" "utf-8") NIL NIL "7bit" 20 1 NIL NIL NIL NIL))";
const char kImage[] =
    R"(("image" "jpeg" ("name" "a.jpg") "<img@x>" NIL "base64" 100 NIL ("inline" ("filename" "a.jpg")) NIL NIL))";

}  // namespace

TEST(MessageLayout, AppleMailTextImageTextShowsBothTextPartsInOrder) {
  const BodyPart root =
      Structure(std::string("(") + kPlain + kImage + kPlain + R"( "mixed" ("boundary" "x") NIL NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  EXPECT_EQ(Text(l), "1,3|");
  EXPECT_EQ(Parts(l.attachments), "2");
}

TEST(MessageLayout, AlternativeShowsItsLastBranchWithEveryTextPartOfIt) {
  // Apple Mail's rich form: plain alternative, and an HTML alternative of html / image / html.
  const BodyPart root =
      Structure(std::string("(") + kPlain + "(" + kHtml + kImage + kHtml +
                R"( "mixed" ("boundary" "m") NIL NIL NIL) "alternative" ("boundary" "a") NIL NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  EXPECT_EQ(Text(l), "2.1,2.3|2.1,2.3");
  EXPECT_EQ(Parts(l.attachments), "2.2");
}

TEST(MessageLayout, ListFooterAfterAnAlternativeIsTextToo) {
  const BodyPart root =
      Structure(std::string("((") + kPlain + kHtml + R"( "alternative" ("boundary" "a") NIL NIL NIL))" + kPlain +
                R"( "mixed" ("boundary" "m") NIL NIL NIL))");
  EXPECT_EQ(Text(LayOutMessage(root)), "1.2,2|1.2");
}

TEST(MessageLayout, DigestMessagesAreShownInlineUnderTheirHeadingAndAreAttachmentsToo) {
  const std::string message =
      R"(("message" "rfc822" NIL NIL NIL "7bit" 50 (NIL "Inner" NIL NIL NIL NIL NIL NIL NIL NIL) )" +
      std::string(kPlain) + " 3 NIL NIL NIL NIL)";
  const std::string alternative = std::string("(") + kPlain + kHtml + R"( "alternative" ("boundary" "a") NIL NIL NIL))";
  const std::string rich =
      R"(("message" "rfc822" NIL NIL NIL "7bit" 90 (NIL "Rich" NIL NIL NIL NIL NIL NIL NIL NIL) )" + alternative +
      " 5 NIL NIL NIL NIL)";
  const std::string attached =
      R"(("message" "rfc822" NIL NIL NIL "7bit" 50 (NIL "Fwd" NIL NIL NIL NIL NIL NIL NIL NIL) )" +
      std::string(kPlain) + R"( 3 NIL ("attachment" NIL) NIL NIL))";
  const BodyPart root =
      Structure(std::string("(") + kPlain + "(" + message + rich + attached +
                R"( "digest" ("boundary" "d") NIL NIL NIL))" + kPlain + R"( "mixed" ("boundary" "m") NIL NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  // A digest's messages are its content (RFC 2046 §5.1.5): each one's text follows its heading.
  // The one marked as an attachment stays only that; nothing inside a message is an attachment of
  // its own (the message is), and its HTML is not the digest's HTML.
  EXPECT_EQ(Text(l), "1,2.1.1,2.2.2,3|");
  EXPECT_EQ(Parts(l.attachments), "2.1,2.2,2.3");
  ASSERT_EQ(l.headings.size(), 2u);
  EXPECT_EQ(l.headings.at(l.text[1])->part, "2.1");
  EXPECT_EQ(l.headings.at(l.text[2])->part, "2.2");
  // A message/rfc822 in a mixed message (a forwarded one) stays an attachment.
  const BodyPart forwarded =
      Structure(std::string("(") + kPlain + message + R"( "mixed" ("boundary" "m") NIL NIL NIL))");
  EXPECT_EQ(Text(LayOutMessage(forwarded)), "1|");
  EXPECT_TRUE(LayOutMessage(forwarded).headings.empty());
}

TEST(MessageLayout, NamedInlineTextIsTheBodyOnlyWhenThereIsNoOtherText) {
  const char named[] =
      R"(("text" "plain" ("name" "notes.txt") NIL NIL "7bit" 10 1 NIL ("inline" ("filename" "notes.txt")) NIL NIL))";
  const BodyPart named_only = Structure(named);
  const MessageLayout alone = LayOutMessage(named_only);
  EXPECT_EQ(Text(alone), "1|");
  EXPECT_TRUE(alone.attachments.empty());
  const BodyPart mixed = Structure(std::string("(") + kPlain + named + R"( "mixed" ("boundary" "m") NIL NIL NIL))");
  const MessageLayout with_body = LayOutMessage(mixed);
  EXPECT_EQ(Text(with_body), "1|");
  EXPECT_EQ(Parts(with_body.attachments), "2");
}

TEST(MessageLayout, TextWithAttachmentDispositionStaysAnAttachment) {
  const BodyPart root = Structure(R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL ("attachment" NIL) NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  EXPECT_TRUE(l.text.empty());
  EXPECT_EQ(Parts(l.attachments), "1");
}

TEST(MessageLayout, ContentTypeTextWithoutSubtypeIsPlainText) {
  // Dovecot reports "Content-Type: text" as ("text" "" ...).
  const BodyPart root = Structure(R"(("text" "" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL))");
  EXPECT_EQ(root.subtype, "plain");
  EXPECT_EQ(Text(LayOutMessage(root)), "1|");
  const BodyPart image = Structure(R"(("image" "" NIL NIL NIL "base64" 6 NIL NIL NIL NIL))");
  EXPECT_EQ(image.type + "/" + image.subtype, "application/octet-stream");
}

TEST(MessageLayout, RelatedShowsItsStartPartAndKeepsTheRestAsAttachments) {
  const char html_b[] = R"(("text" "html" NIL "<b@x>" NIL "7bit" 20 1 NIL NIL NIL NIL))";
  const BodyPart root = Structure(std::string("(") + kImage + html_b + kPlain +
                                  R"( "related" ("boundary" "r" "start" "<b@x>") NIL NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  EXPECT_EQ(Text(l), "2|2");
  EXPECT_EQ(Parts(l.attachments), "1,3");
}

TEST(MessageLayout, PlainAlternativeOfAnHtmlMessageIsNotShown) {
  // The person sees the HTML; a plain alternative saying something else must not reach the
  // assistant unseen. Plain text last is shown (RFC 2046: the last alternative is preferred).
  const BodyPart html_last =
      Structure(std::string("(") + kPlain + kHtml + R"( "alternative" ("boundary" "a") NIL NIL NIL))");
  EXPECT_EQ(Text(LayOutMessage(html_last)), "2|2");
  const BodyPart plain_last =
      Structure(std::string("(") + kHtml + kPlain + R"( "alternative" ("boundary" "a") NIL NIL NIL))");
  EXPECT_EQ(Text(LayOutMessage(plain_last)), "2|1");
}

TEST(MessageLayout, AnEmptyLastAlternativeDoesNotHideTheTextBeforeIt) {
  const char empty_html[] = R"(("text" "html" ("charset" "utf-8") NIL NIL "7bit" 0 0 NIL NIL NIL NIL))";
  const BodyPart root =
      Structure(std::string("(") + kPlain + empty_html + R"( "alternative" ("boundary" "a") NIL NIL NIL))");
  EXPECT_EQ(Text(LayOutMessage(root)), "1|2");
}

TEST(MessageLayout, CalendarAlternativeIsAnAttachment) {
  const char calendar[] = R"(("text" "calendar" ("method" "REQUEST") NIL NIL "7bit" 30 2 NIL NIL NIL NIL))";
  const BodyPart root =
      Structure(std::string("(") + kPlain + kHtml + calendar + R"( "alternative" ("boundary" "a") NIL NIL NIL))");
  const MessageLayout l = LayOutMessage(root);
  EXPECT_EQ(Text(l), "2|2");
  EXPECT_EQ(Parts(l.attachments), "3");
}
