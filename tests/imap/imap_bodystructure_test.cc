#include "imap/imap_bodystructure.h"

#include "imap/imap_envelope.h"
#include "imap/imap_fetch_fixture.h"
#include "imap/imap_value_fixture.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

/// The value of `item` in the first FETCH response of kDovecotFetch whose sequence number is `seq`.
ImapValue FixtureItem(const std::string& seq, const std::string& item) {
  auto responses = ParseImapResponses(kDovecotFetch);
  if (!responses.ok()) return {};
  for (const ImapResponse& r : *responses) {
    if (r.values.size() != 3 || r.values[0].text != seq) continue;
    const auto& items = r.values[2].items;
    for (size_t i = 0; i + 1 < items.size(); i += 2)
      if (items[i].IsAtom(item)) return items[i + 1];
  }
  return {};
}

ImapValue Value(const std::string& text) { return ImapValueFromText(text); }

}  // namespace

TEST(ImapEnvelope, ParsesDovecotEnvelopeWithGroupsAndLiteralSubject) {
  auto e = ParseEnvelope(FixtureItem("1", "ENVELOPE"));
  ASSERT_OK(e);
  EXPECT_EQ(e->date, "Mon, 3 Feb 2025 10:00:00 +0100");
  EXPECT_EQ(e->subject, "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= nested \"quoted\" (paren) {5}");
  EXPECT_EQ(e->in_reply_to, "<parent@example.test>");
  EXPECT_EQ(e->message_id, "<nested-1@example.test>");
  ASSERT_EQ(e->from.size(), 1u);
  EXPECT_EQ(e->from[0].name, "=?UTF-8?B?SsO8cmdlbg==?=");
  EXPECT_EQ(e->from[0].mailbox, "juergen");
  EXPECT_EQ(e->from[0].host, "example.test");
  EXPECT_EQ(e->sender.size(), 1u);
  EXPECT_EQ(e->reply_to.size(), 1u);
  ASSERT_EQ(e->to.size(), 5u);  // team: a, "B, Bee" <b>; then c
  EXPECT_TRUE(e->to[0].group_start);
  EXPECT_EQ(e->to[0].mailbox, "team");
  EXPECT_EQ(e->to[2].name, "B, Bee");
  EXPECT_TRUE(e->to[3].group_end);
  EXPECT_FALSE(e->to[4].group_start || e->to[4].group_end);
  EXPECT_EQ(e->to[4].mailbox, "c");
  ASSERT_EQ(e->cc.size(), 2u);
  EXPECT_TRUE(e->cc[0].group_start && e->cc[1].group_end);
  EXPECT_TRUE(e->bcc.empty());

  auto plain = ParseEnvelope(FixtureItem("2", "ENVELOPE"));
  ASSERT_OK(plain);
  EXPECT_EQ(plain->date, "");
  EXPECT_EQ(plain->message_id, "");
}

TEST(ImapEnvelope, MalformedIsAnError) {
  EXPECT_FALSE(ParseEnvelope(Value("(NIL NIL)")).ok());
  EXPECT_FALSE(ParseEnvelope(Value("NIL")).ok());
  EXPECT_FALSE(ParseEnvelope(Value("(NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL)")).ok());
  EXPECT_FALSE(ParseEnvelope(Value("(NIL NIL \"x\" NIL NIL NIL NIL NIL NIL NIL)")).ok());
  EXPECT_FALSE(ParseEnvelope(Value("(NIL (a) NIL NIL NIL NIL NIL NIL NIL NIL)")).ok());
}

TEST(ImapBodyStructure, NestedMultipartsAttachmentsAndMessages) {
  auto root = ParseBodyStructure(FixtureItem("1", "BODYSTRUCTURE"));
  ASSERT_OK(root);
  EXPECT_EQ(root->part, "TEXT");
  EXPECT_EQ(root->type + "/" + root->subtype, "multipart/mixed");
  EXPECT_EQ(root->params.at("boundary"), "outer");
  ASSERT_EQ(root->children.size(), 4u);

  const BodyPart& alt = root->children[0];
  EXPECT_EQ(alt.part, "1");
  EXPECT_EQ(alt.subtype, "alternative");
  ASSERT_EQ(alt.children.size(), 2u);
  EXPECT_EQ(alt.children[0].part, "1.1");
  EXPECT_EQ(alt.children[0].encoding, "quoted-printable");
  EXPECT_EQ(alt.children[0].size, 43u);
  EXPECT_EQ(alt.children[0].lines, 3u);
  EXPECT_EQ(alt.children[0].params.at("charset"), "utf-8");
  EXPECT_EQ(alt.children[1].part, "1.2");
  EXPECT_EQ(alt.children[1].subtype, "html");

  const BodyPart& pdf = root->children[1];
  EXPECT_EQ(pdf.part, "2");
  EXPECT_EQ(pdf.type + "/" + pdf.subtype, "application/pdf");
  EXPECT_EQ(pdf.id, "<pdf1@example.test>");
  EXPECT_EQ(pdf.description, "My CV");
  EXPECT_EQ(pdf.encoding, "base64");
  EXPECT_EQ(pdf.disposition, "attachment");
  // Dovecot joins RFC 2231 continuations but leaves the charset''percent encoding to us.
  EXPECT_EQ(pdf.disposition_params.at("filename*"), "utf-8''r%C3%A9sum%C3%A9.pdf");
  EXPECT_EQ(pdf.disposition_params.at("size"), "12");
  EXPECT_EQ(pdf.params.at("name*"), "utf-8''r%C3%A9sum%C3%A9.pdf");

  const BodyPart& inner = root->children[2];
  EXPECT_EQ(inner.part, "3");
  EXPECT_EQ(inner.type + "/" + inner.subtype, "message/rfc822");
  ASSERT_TRUE(inner.is_message());
  EXPECT_EQ(inner.envelope->subject, "inner message");
  EXPECT_EQ(inner.lines, 17u);
  EXPECT_EQ(inner.disposition, "inline");
  ASSERT_EQ(inner.children.size(), 1u);
  const BodyPart& inner_mixed = inner.children[0];
  EXPECT_EQ(inner_mixed.part, "3.TEXT");
  ASSERT_EQ(inner_mixed.children.size(), 2u);
  EXPECT_EQ(inner_mixed.children[0].part, "3.1");
  EXPECT_EQ(inner_mixed.children[1].part, "3.2");
  EXPECT_EQ(inner_mixed.children[1].params.at("name"), "a.png");

  const BodyPart& single = root->children[3];
  EXPECT_EQ(single.part, "4");
  ASSERT_EQ(single.children.size(), 1u);
  EXPECT_EQ(single.children[0].part, "4.1");
  EXPECT_EQ(single.children[0].type, "text");

  auto plain = ParseBodyStructure(FixtureItem("2", "BODYSTRUCTURE"));
  ASSERT_OK(plain);
  EXPECT_EQ(plain->part, "1");
  EXPECT_EQ(plain->type + "/" + plain->subtype, "text/plain");
  EXPECT_EQ(plain->lines, 1u);
  EXPECT_TRUE(plain->children.empty());
}

TEST(ImapBodyStructure, NestedMultipartNumbering) {
  // multipart/mixed ( text, multipart/related ( html, image ) )
  auto root = ParseBodyStructure(
      Value("((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)((\"text\" \"html\" NIL NIL NIL \"8bit\" 2 1)"
            "(\"image\" \"gif\" (\"NAME\" \"x.gif\") \"<c>\" NIL \"BASE64\" 3) \"related\") \"MIXED\")"));
  ASSERT_OK(root);
  EXPECT_EQ(root->subtype, "mixed");
  EXPECT_EQ(root->children[0].type, "text");
  EXPECT_EQ(root->children[0].encoding, "7bit");
  EXPECT_EQ(root->children[1].part, "2");
  EXPECT_EQ(root->children[1].children[1].part, "2.2");
  EXPECT_EQ(root->children[1].children[1].params.at("name"), "x.gif");
}

TEST(ImapBodyStructure, UnknownExtensionDataIsSkipped) {
  auto part = ParseBodyStructure(
      Value("(\"application\" \"zip\" NIL NIL NIL \"base64\" 10 \"md5sum\" (\"ATTACHMENT\" (\"FILENAME\" \"a.zip\")) "
            "(\"en\" \"de\") \"http://x\" (future (data 1)) 42 \"more\")"));
  ASSERT_OK(part);
  EXPECT_EQ(part->md5, "md5sum");
  EXPECT_EQ(part->disposition, "attachment");
  EXPECT_EQ(part->disposition_params.at("filename"), "a.zip");
  ASSERT_EQ(part->language.size(), 2u);
  EXPECT_EQ(part->location, "http://x");
}

TEST(ImapBodyStructure, MalformedAndTooDeepAreErrors) {
  EXPECT_FALSE(ParseBodyStructure(Value("NIL")).ok());
  EXPECT_FALSE(ParseBodyStructure(Value("()")).ok());
  EXPECT_FALSE(ParseBodyStructure(Value("(\"text\" \"plain\" NIL)")).ok());
  EXPECT_FALSE(ParseBodyStructure(Value("((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1))")).ok());  // no subtype
  EXPECT_FALSE(ParseBodyStructure(Value("(\"text\" \"plain\" (\"odd\") NIL NIL \"7bit\" 1 1)")).ok());
  EXPECT_FALSE(ParseBodyStructure(Value("(\"text\" \"plain\" NIL NIL NIL \"7bit\" x 1)")).ok());
  std::string deep = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)";
  for (int i = 0; i < 40; ++i) deep = "(" + deep + " \"mixed\")";
  EXPECT_FALSE(ParseBodyStructure(Value(deep)).ok());
  EXPECT_OK(ParseBodyStructure(Value(deep), 50));
}

TEST(ImapBodyStructure, ContentTypeWithoutSubtypeIsTextPlainOrOpaqueData) {
  // Dovecot reports "Content-Type: text" as ("text" "" ...): RFC 2045 §5.2 makes it text/plain.
  auto text = ParseBodyStructure(Value(R"(("text" "" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL))"));
  ASSERT_OK(text);
  EXPECT_EQ(text->type + "/" + text->subtype, "text/plain");
  auto none = ParseBodyStructure(Value(R"(("" "" NIL NIL NIL "7bit" 6 1 NIL NIL NIL NIL))"));
  ASSERT_OK(none);
  EXPECT_EQ(none->type + "/" + none->subtype, "text/plain");
  auto image = ParseBodyStructure(Value(R"(("image" "" NIL NIL NIL "base64" 8 NIL NIL NIL NIL))"));
  ASSERT_OK(image);
  EXPECT_EQ(image->type + "/" + image->subtype, "application/octet-stream");
}
