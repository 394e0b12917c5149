#include "compose/message_builder.h"

#include <algorithm>
#include <functional>

#include "compose/header_writer.h"
#include "mime/encoded_words.h"
#include "mime/message.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

ComposeRequest Basic() {
  ComposeRequest r;
  r.from_name = "Alice Example";
  r.from_email = "alice@example.com";
  r.to = {{"", "bob@example.org"}};
  r.subject = "Hello";
  r.text_body = "Hi Bob,\nsee you.\n";
  r.date_unix = 1700000000;
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t end = s.find("\r\n", start);
    if (end == std::string::npos) {
      if (start < s.size()) out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 2;
  }
}

size_t LongestLine(const std::string& s) {
  size_t longest = 0;
  for (const std::string& l : Lines(s)) longest = std::max(longest, l.size());
  return longest;
}

std::string Show(const std::vector<MailAddress>& list) {
  std::string s;
  for (const MailAddress& a : list) s += "[" + a.name + "|" + a.address + "]";
  return s;
}

MimePart Parse(const ComposedMessage& m) {
  StatusOr<MimePart> p = ParseMimeMessage(m.bytes);
  if (!p.ok()) return MimePart{};
  return *p;
}

/// The header block (up to the first blank line).
std::string HeaderBlock(const std::string& bytes) { return bytes.substr(0, bytes.find("\r\n\r\n") + 2); }

}  // namespace

TEST(ComposeMessage, PlainAsciiTextIsSevenBitWithStandardHeaders) {
  auto m = ComposeMessage(Basic());
  ASSERT_OK(m);
  const std::string h = HeaderBlock(m->bytes);
  EXPECT_CONTAINS(h, "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n");
  EXPECT_CONTAINS(h, "From: Alice Example <alice@example.com>\r\n");
  EXPECT_CONTAINS(h, "To: bob@example.org\r\n");
  EXPECT_CONTAINS(h, "Subject: Hello\r\n");
  EXPECT_CONTAINS(h, "MIME-Version: 1.0\r\n");
  EXPECT_CONTAINS(h, "Content-Type: text/plain; charset=utf-8\r\n");
  EXPECT_CONTAINS(h, "Content-Transfer-Encoding: 7bit\r\n");
  EXPECT_CONTAINS(h, "Message-ID: " + m->message_id + "\r\n");
  EXPECT_EQ(m->message_id.size(), 1 + 32 + 1 + 11 + 1);
  EXPECT_EQ(m->message_id.substr(33), "@example.com>");
  EXPECT_EQ(m->envelope_recipients.size(), 1u);
  const MimePart p = Parse(*m);
  EXPECT_EQ(PartText(p), "Hi Bob,\nsee you.\n");
}

TEST(ComposeMessage, MessageIdsAreRandomAndUseTheSenderDomain) {
  ComposeRequest r = Basic();
  r.from_email = "alice@Mail.Example.COM";
  auto a = ComposeMessage(r);
  auto b = ComposeMessage(r);
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_NE(a->message_id, b->message_id);
  EXPECT_CONTAINS(a->message_id, "@mail.example.com>");
}

TEST(ComposeMessage, NonAsciiSubjectNamesAndBodyRoundTrip) {
  ComposeRequest r = Basic();
  r.from_name = "Jörg Müller";
  r.to = {{"Doe, John", "john@example.org"}, {"Зоя \"Z\" Петрова", "zoya@example.ru"}, {"", "c@example.net"}};
  r.cc = {{"李小龍", "lee@example.cn"}, {"O'Brien =?x?= Test", "ob@example.ie"}};
  r.subject = "Grüße aus Köln — 会议纪要 📎 and a long tail of words to force folding of the header line";
  r.text_body = "Hallo Zoë,\n\nÄpfel kosten 3 €.\n" + std::string(200, 'z') + "\nEnde.";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_LE(LongestLine(m->bytes), kFoldColumn);
  const MimePart p = Parse(*m);
  EXPECT_EQ(DecodeHeaderText(GetHeader(p, "Subject")), r.subject);
  EXPECT_EQ(Show(ParseAddressList(GetHeader(p, "From"))), "[Jörg Müller|alice@example.com]");
  EXPECT_EQ(Show(ParseAddressList(GetHeader(p, "To"))),
            "[Doe, John|john@example.org][Зоя \"Z\" Петрова|zoya@example.ru][|c@example.net]");
  EXPECT_EQ(Show(ParseAddressList(GetHeader(p, "Cc"))), "[李小龍|lee@example.cn][O'Brien =?x?= Test|ob@example.ie]");
  EXPECT_EQ(p.transfer_encoding, "quoted-printable");
  // The message always ends in CRLF, which a single-part body keeps.
  EXPECT_EQ(PartText(p), "Hallo Zoë,\n\nÄpfel kosten 3 €.\n" + std::string(200, 'z') + "\nEnde.\n");
}

TEST(ComposeMessage, QuotesDisplayNamesWithSpecials) {
  ComposeRequest r = Basic();
  r.from_name = "Example, Alice (Sales)";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_CONTAINS(m->bytes, "From: \"Example, Alice (Sales)\" <alice@example.com>\r\n");
}

TEST(ComposeMessage, HtmlBodyMakesAlternativeWithTextFirst) {
  ComposeRequest r = Basic();
  r.text_body = "Plain version ✓";
  r.html_body = "<p>HTML <b>version</b> ✓</p>";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  const MimePart p = Parse(*m);
  EXPECT_EQ(p.content_type, "multipart/alternative");
  ASSERT_EQ(p.children.size(), 2u);
  EXPECT_EQ(p.children[0].content_type, "text/plain");
  EXPECT_EQ(p.children[1].content_type, "text/html");
  EXPECT_EQ(p.children[0].type_params.at("charset"), "utf-8");
  EXPECT_EQ(PartText(p.children[0]), "Plain version ✓");
  EXPECT_EQ(PartText(p.children[1]), "<p>HTML <b>version</b> ✓</p>");
}

TEST(ComposeMessage, HtmlOnlyGetsAGeneratedTextAlternative) {
  ComposeRequest r = Basic();
  r.text_body = "";
  r.html_body = "<p>Only <i>html</i></p>";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  const MimePart p = Parse(*m);
  ASSERT_EQ(p.children.size(), 2u);
  EXPECT_CONTAINS(PartText(p.children[0]), "Only html");
}

TEST(ComposeMessage, AttachmentsRoundTripWithUnicodeFilenames) {
  ComposeRequest r = Basic();
  r.html_body = "<p>see attached</p>";
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary += static_cast<char>((i * 31) & 0xff);
  const std::string long_name = "Отчёт за третий квартал — итоговая версия для совета директоров (финал).pdf";
  r.attachments = {{"report.pdf", "Application/PDF", binary},
                   {"Grüße 📎.txt", "text/plain", "hello\n"},
                   {long_name, "", "x"},
                   {"say \"hi\".txt", "text/plain", ""}};
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_LE(LongestLine(m->bytes), kFoldColumn);
  const MimePart p = Parse(*m);
  EXPECT_EQ(p.content_type, "multipart/mixed");
  ASSERT_EQ(p.children.size(), 5u);
  EXPECT_EQ(p.children[0].content_type, "multipart/alternative");
  EXPECT_EQ(PartText(p.children[0].children[0]), "Hi Bob,\nsee you.\n");
  const char* names[] = {"report.pdf", "Grüße 📎.txt", long_name.c_str(), "say \"hi\".txt"};
  const char* types[] = {"application/pdf", "text/plain", "application/octet-stream", "text/plain"};
  for (size_t i = 0; i < 4; ++i) {
    const MimePart& a = p.children[i + 1];
    EXPECT_EQ(a.filename, names[i]);
    EXPECT_EQ(a.content_type, types[i]);
    EXPECT_EQ(a.disposition, "attachment");
    EXPECT_EQ(a.transfer_encoding, "base64");
    EXPECT_EQ(a.type_params.at("name"), names[i]);
    EXPECT_EQ(DecodeTransferEncoding(a.body, a.transfer_encoding), r.attachments[i].data);
  }
  EXPECT_CONTAINS(m->bytes, " filename=\"Gr_e _.txt\";\r\n filename*=utf-8''Gr%C3%BC%C3%9Fe%20%F0%9F%93%8E.txt\r\n");
  EXPECT_CONTAINS(m->bytes, "filename*1*=");
}

TEST(ComposeMessage, BoundariesDoNotOccurInTheContent) {
  ComposeRequest r = Basic();
  r.text_body = "--=_mail_mcp_\r\n--=_mail_mcp_0123456789abcdef01234567--\r\n";
  r.html_body = "<pre>--=_mail_mcp_</pre>";
  r.attachments = {{"a.txt", "text/plain", "--=_mail_mcp_"}};
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  const MimePart p = Parse(*m);
  ASSERT_EQ(p.children.size(), 2u);
  EXPECT_EQ(PartText(p.children[0].children[0]), "--=_mail_mcp_\n--=_mail_mcp_0123456789abcdef01234567--\n");
}

TEST(ComposeMessage, BccIsInTheEnvelopeButNeverInTheHeaders) {
  ComposeRequest r = Basic();
  r.to = {{"Bob", "bob@example.org"}};
  r.cc = {{"", "carol@example.org"}, {"", "BOB@example.org"}};
  r.bcc = {{"Secret Sam", "sam@hidden.example"}, {"", "carol@example.org"}};
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_TRUE(m->bytes.find("hidden.example") == std::string::npos);
  EXPECT_TRUE(m->bytes.find("Secret Sam") == std::string::npos);
  EXPECT_TRUE(m->bytes.find("Bcc") == std::string::npos);
  const std::vector<std::string> expected = {"bob@example.org", "carol@example.org", "sam@hidden.example"};
  EXPECT_TRUE(m->envelope_recipients == expected);
}

TEST(ComposeMessage, BccOnlyMailGetsUndisclosedRecipients) {
  ComposeRequest r = Basic();
  r.to.clear();
  r.bcc = {{"", "sam@hidden.example"}};
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_CONTAINS(m->bytes, "To: undisclosed-recipients:;\r\n");
  EXPECT_TRUE(m->bytes.find("hidden.example") == std::string::npos);
}

TEST(ComposeMessage, RequiresARecipient) {
  ComposeRequest r = Basic();
  r.to.clear();
  EXPECT_FALSE(ComposeMessage(r).ok());
}

TEST(ComposeMessage, EveryHeaderInjectionAttemptIsRejected) {
  using Mutator = std::function<void(ComposeRequest&, const std::string&)>;
  const std::vector<std::pair<const char*, Mutator>> fields = {
      {"from name", [](ComposeRequest& r, const std::string& v) { r.from_name += v; }},
      {"from address", [](ComposeRequest& r, const std::string& v) { r.from_email += v; }},
      {"to name", [](ComposeRequest& r, const std::string& v) { r.to[0].name = "Bob" + v; }},
      {"to address", [](ComposeRequest& r, const std::string& v) { r.to[0].address += v; }},
      {"cc name",
       [](ComposeRequest& r, const std::string& v) {
         r.cc = {{"C" + v, "c@x.com"}};
       }},
      {"cc address",
       [](ComposeRequest& r, const std::string& v) {
         r.cc = {{"", "c@x.com" + v}};
       }},
      {"bcc name",
       [](ComposeRequest& r, const std::string& v) {
         r.bcc = {{"B" + v, "b@x.com"}};
       }},
      {"bcc address",
       [](ComposeRequest& r, const std::string& v) {
         r.bcc = {{"", "b@x.com" + v}};
       }},
      {"subject", [](ComposeRequest& r, const std::string& v) { r.subject += v; }},
      {"attachment filename",
       [](ComposeRequest& r, const std::string& v) {
         r.attachments = {{"a.txt" + v, "text/plain", "x"}};
       }},
      {"attachment content_type",
       [](ComposeRequest& r, const std::string& v) {
         r.attachments = {{"a.txt", "text/plain" + v, "x"}};
       }},
      {"in_reply_to", [](ComposeRequest& r, const std::string& v) { r.in_reply_to = "<a@b>" + v; }},
      {"references", [](ComposeRequest& r, const std::string& v) { r.references = "<a@b>" + v; }},
  };
  const std::string attacks[] = {"\r\nBcc: evil@attacker.example", "\nX-Evil: 1", "\rX-Evil: 1",
                                 std::string("\0evil", 5), "\r\n\r\n<html>body</html>"};
  for (const auto& [field, mutate] : fields) {
    for (const std::string& attack : attacks) {
      ComposeRequest r = Basic();
      mutate(r, attack);
      auto m = ComposeMessage(r);
      EXPECT_FALSE(m.ok());
      EXPECT_TRUE(m.status().code() == Status::Code::kInvalidArgument);
      EXPECT_CONTAINS(m.status().message(), field);
    }
  }
}

TEST(ComposeMessage, AttachmentContentTypesMustBeTypeSlashSubtype) {
  for (const char* bad : {"pdf", "application/", "/pdf", "application/pdf; name=x", "text/plain\"", "multipart/mixed",
                          "message/rfc822", "a b/c"}) {
    ComposeRequest r = Basic();
    r.attachments = {{"a.bin", bad, "x"}};
    EXPECT_FALSE(ComposeMessage(r).ok());
  }
  ComposeRequest r = Basic();
  r.attachments = {{"a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "x"}};
  EXPECT_OK(ComposeMessage(r));
  r.attachments = {{"", "text/plain", "x"}};
  EXPECT_FALSE(ComposeMessage(r).ok());
}

TEST(ComposeMessage, RejectsInvalidUtf8Bodies) {
  ComposeRequest r = Basic();
  r.text_body = "bad \xff byte";
  EXPECT_CONTAINS(ComposeMessage(r).status().message(), "text_body");
  r = Basic();
  r.subject = "bad \xc3";
  EXPECT_CONTAINS(ComposeMessage(r).status().message(), "subject");
}

TEST(ComposeMessage, LinesNeverExceed998AndEncodedBodiesStayWithin78) {
  ComposeRequest r = Basic();
  r.from_name = std::string(250, 'N');
  r.to = {{"\"" + std::string(200, 'q') + "\"", std::string(64, 'l') + "@" + std::string(60, 'd') + ".example.com"}};
  for (int i = 0; i < 30; ++i) r.to.push_back({"Näme " + std::to_string(i), "u" + std::to_string(i) + "@x.com"});
  r.subject = std::string(900, 'S') + " " + std::string(300, 'x') + " ü";
  r.text_body = std::string(5000, 'a') + "\n" + std::string(3000, ' ') + "\n\n" + std::string(2000, '.');
  r.html_body = "<p>" + std::string(4000, 'h') + "</p>";
  r.attachments = {{std::string(255, 'f'), "text/plain", std::string(10000, 'd')}};
  r.in_reply_to = "<" + std::string(200, 'i') + "@x>";
  for (int i = 0; i < 21; ++i) r.references += "<" + std::string(100, 'a' + i) + "@x> ";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_LE(LongestLine(m->bytes), 998u);
  const MimePart p = Parse(*m);
  EXPECT_EQ(DecodeHeaderText(GetHeader(p, "Subject")), r.subject);
  // Only the fields carrying an unsplittable quoted name or id may pass 78; bodies never do.
  const std::string body = m->bytes.substr(m->bytes.find("\r\n\r\n"));
  for (const std::string& line : Lines(body))
    if (line.rfind(" name=", 0) != 0 && line.rfind(" filename=", 0) != 0) EXPECT_LE(line.size(), kFoldColumn);
  for (const std::string& line : Lines(HeaderBlock(m->bytes)))
    if (line.rfind("Subject:", 0) == 0 || line.find("=?utf-8?B?") != std::string::npos)
      EXPECT_LE(line.size(), kFoldColumn);
  ASSERT_EQ(p.children.size(), 2u);
  EXPECT_EQ(PartText(p.children[0].children[0]),
            std::string(5000, 'a') + "\n" + std::string(3000, ' ') + "\n\n" + std::string(2000, '.'));
}

TEST(ComposeMessage, BodyLineEndingsBecomeCrlf) {
  ComposeRequest r = Basic();
  r.text_body = "a\nb\rc\r\nd";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_CONTAINS(m->bytes, "\r\n\r\na\r\nb\r\nc\r\nd\r\n");
  for (size_t i = 0; i < m->bytes.size(); ++i) {
    if (m->bytes[i] == '\n') EXPECT_TRUE(i > 0 && m->bytes[i - 1] == '\r');
    if (m->bytes[i] == '\r') EXPECT_TRUE(i + 1 < m->bytes.size() && m->bytes[i + 1] == '\n');
  }
}

TEST(ComposeMessage, ReplyHeadersAreWrittenAndReferencesDefaultToInReplyTo) {
  ComposeRequest r = Basic();
  r.in_reply_to = "<orig@example.org>";
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_CONTAINS(m->bytes, "In-Reply-To: <orig@example.org>\r\nReferences: <orig@example.org>\r\n");
  r.references = "<root@example.org>  <orig@example.org>";
  m = ComposeMessage(r);
  ASSERT_OK(m);
  EXPECT_CONTAINS(m->bytes, "References: <root@example.org> <orig@example.org>\r\n");
  r.references = "not-an-id";
  EXPECT_FALSE(ComposeMessage(r).ok());
  r.references = "";
  r.in_reply_to = "orig@example.org";
  EXPECT_FALSE(ComposeMessage(r).ok());
}

TEST(ComposeMessage, RejectsInvalidAddresses) {
  ComposeRequest r = Basic();
  r.to = {{"", "bob"}};
  EXPECT_CONTAINS(ComposeMessage(r).status().message(), "to");
  r = Basic();
  r.from_email = "alice@";
  EXPECT_FALSE(ComposeMessage(r).ok());
}

TEST(FormatRfc5322Date, UsesUtcAndEnglishNames) {
  EXPECT_EQ(FormatRfc5322Date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(951782400), "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST(ComposeMessage, AnEmbeddedMessageIsAttachedUnchangedAsMessageRfc822) {
  ComposeRequest r = Basic();
  const std::string original =
      "From: Carol <carol@example.net>\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nMessage-ID: <o@example.net>\r\n"
      "\r\nGrüße aus Berlin\r\n";
  OutgoingAttachment a{"Grüße.eml", "ignored/type", original};
  a.embedded_message = true;
  r.attachments = {a};
  auto m = ComposeMessage(r);
  ASSERT_OK(m);
  const MimePart p = Parse(*m);
  ASSERT_EQ(p.children.size(), 2u);
  const MimePart& e = p.children[1];
  EXPECT_EQ(e.content_type, "message/rfc822");
  EXPECT_EQ(e.transfer_encoding, "8bit");
  EXPECT_EQ(e.filename, "Grüße.eml");
  EXPECT_CONTAINS(m->bytes, "\r\n\r\n" + original);  // byte for byte after its part headers
}

TEST(ComposeMessage, AnEmbeddedMessageThatCannotTravelAs8BitGoesAsBase64File) {
  for (const std::string& bad : {std::string("Subject: x\r\n\r\nbare\nlf\r\n"),
                                 std::string("Subject: x\r\n\r\n") + std::string(999, 'a') + "\r\n",
                                 std::string("Subject: x\r\n\r\nnul\0here\r\n", 25)}) {
    ComposeRequest r = Basic();
    OutgoingAttachment a{"original.eml", "", bad};
    a.embedded_message = true;
    r.attachments = {a};
    auto m = ComposeMessage(r);
    ASSERT_OK(m);
    const MimePart p = Parse(*m);
    ASSERT_EQ(p.children.size(), 2u);
    EXPECT_EQ(p.children[1].content_type, "application/octet-stream");
    EXPECT_EQ(p.children[1].transfer_encoding, "base64");
    EXPECT_EQ(DecodeTransferEncoding(p.children[1].body, "base64"), bad);
  }
}
