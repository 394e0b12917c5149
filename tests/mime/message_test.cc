#include "mime/message.h"

#include "mime/encoded_words.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

/// "part_id:content_type" for every part in pre-order, to check tree shape and numbering at once.
void Outline(const MimePart& p, std::string* out) {
  *out += "[" + p.part_id + ":" + p.content_type + "]";
  for (const MimePart& c : p.children) Outline(c, out);
}
std::string Outline(const MimePart& p) {
  std::string s;
  Outline(p, &s);
  return s;
}

std::string Crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const char kNested[] =
    "From: Alice <alice@example.com>\n"
    "Subject: Fwd: report\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "This is a preamble.\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=alt\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Gr=C3=BC=C3=9Fe, see attached=\n"
    " message.\n"
    "--alt\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>Gr\xc3\xbc\xc3\x9f\x65</p>\n"
    "--alt--\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "Content-Disposition: attachment; filename=\"fwd.eml\"\n"
    "\n"
    "From: Bob <bob@example.com>\n"
    "Subject: report\n"
    "Content-Type: multipart/mixed; boundary=inner\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain\n"
    "\n"
    "Numbers inside.\n"
    "--inner\n"
    "Content-Type: application/pdf; name=\"r.pdf\"\n"
    "Content-Transfer-Encoding: base64\n"
    "Content-ID: <part3@example.com>\n"
    "\n"
    "JVBERi0=\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Subject: single\n"
    "\n"
    "Just text.\n"
    "--outer--\n"
    "Epilogue to ignore.\n";

}  // namespace

TEST(MimeMessage, NumbersNestedPartsLikeImap) {
  auto m = ParseMimeMessage(kNested);
  ASSERT_OK(m);
  EXPECT_EQ(Outline(*m),
            "[:multipart/mixed][1:multipart/alternative][1.1:text/plain][1.2:text/html]"
            "[2:message/rfc822][2:multipart/mixed][2.1:text/plain][2.2:application/pdf]"
            "[3:message/rfc822][3.1:text/plain]");
}

TEST(MimeMessage, EmbeddedMessageKeepsItsOwnHeaders) {
  auto m = ParseMimeMessage(kNested);
  ASSERT_OK(m);
  const MimePart* fwd = FindPart(*m, "2");
  ASSERT_TRUE(fwd != nullptr);
  EXPECT_EQ(fwd->content_type, "message/rfc822");
  EXPECT_EQ(fwd->filename, "fwd.eml");
  EXPECT_EQ(fwd->disposition, "attachment");
  EXPECT_CONTAINS(fwd->body, "From: Bob");
  ASSERT_EQ(fwd->children.size(), 1u);
  EXPECT_EQ(GetHeader(fwd->children[0], "subject"), "report");
  EXPECT_EQ(GetHeader(FindPart(*m, "3")->children[0], "Subject"), "single");
  EXPECT_EQ(PartText(*FindPart(*m, "3.1")), "Just text.");
}

TEST(MimeMessage, ExtractsPartFieldsAndDecodesText) {
  auto m = ParseMimeMessage(kNested);
  ASSERT_OK(m);
  EXPECT_EQ(GetHeader(*m, "FROM"), "Alice <alice@example.com>");
  const MimePart* plain = FindPart(*m, "1.1");
  ASSERT_TRUE(plain != nullptr);
  EXPECT_EQ(plain->transfer_encoding, "quoted-printable");
  EXPECT_EQ(plain->type_params.at("charset"), "utf-8");
  EXPECT_EQ(PartText(*plain), "Grüße, see attached message.");
  const MimePart* pdf = FindPart(*m, "2.2");
  ASSERT_TRUE(pdf != nullptr);
  EXPECT_EQ(pdf->filename, "r.pdf");
  EXPECT_EQ(pdf->content_id, "part3@example.com");
  EXPECT_EQ(pdf->body, "JVBERi0=");
  EXPECT_EQ(DecodeTransferEncoding(pdf->body, pdf->transfer_encoding), "%PDF-");
  EXPECT_TRUE(m->body.empty());  // a split multipart's content lives in its children
}

TEST(MimeMessage, CrlfAndLfOnlyMessagesParseTheSame) {
  auto lf = ParseMimeMessage(kNested);
  auto crlf = ParseMimeMessage(Crlf(kNested));
  ASSERT_OK(lf);
  ASSERT_OK(crlf);
  EXPECT_EQ(Outline(*crlf), Outline(*lf));
  EXPECT_EQ(PartText(*FindPart(*crlf, "1.1")), "Grüße, see attached message.");
  EXPECT_EQ(FindPart(*crlf, "2.2")->body, "JVBERi0=");
}

TEST(MimeMessage, SinglePartMessageBodyIsPartOne) {
  auto m = ParseMimeMessage(
      "Subject: hi\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nGr\xfc\xdf\x65\r\nline 2\r\n");
  ASSERT_OK(m);
  EXPECT_EQ(m->part_id, "1");
  EXPECT_EQ(m->content_type, "text/plain");
  EXPECT_EQ(PartText(*m), "Grüße\nline 2\n");
}

TEST(MimeMessage, MissingContentTypeDefaultsToTextPlain) {
  auto m = ParseMimeMessage("Subject: x\n\nbody");
  ASSERT_OK(m);
  EXPECT_EQ(m->content_type, "text/plain");
  EXPECT_EQ(m->body, "body");
}

TEST(MimeMessage, HtmlOnlyMessage) {
  auto m = ParseMimeMessage(
      "Content-Type: text/html; charset=windows-1252\n"
      "Content-Transfer-Encoding: base64\n\n"
      "PHA+k0hpIJQ8L3A+\n");
  ASSERT_OK(m);
  EXPECT_EQ(m->content_type, "text/html");
  EXPECT_EQ(PartText(*m), "<p>“Hi ”</p>");
}

TEST(MimeMessage, FoldedHeadersAreUnfoldedAndKeptRaw) {
  auto m = ParseMimeMessage("Subject: =?utf-8?Q?a?=\r\n =?utf-8?Q?b?=\r\nX-Long: one\r\n\ttwo\r\n\r\n");
  ASSERT_OK(m);
  EXPECT_EQ(GetHeader(*m, "subject"), "=?utf-8?Q?a?= =?utf-8?Q?b?=");
  EXPECT_EQ(GetHeader(*m, "x-long"), "one\ttwo");
  EXPECT_TRUE(FindHeader(*m, "Missing") == nullptr);
}

TEST(MimeMessage, RepeatedHeadersAreAllKeptInOrder) {
  auto m = ParseMimeMessage("Received: a\nReceived: b\nreceived: c\n\n");
  ASSERT_OK(m);
  const std::vector<std::string> r = GetHeaders(*m, "Received");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0], "a");
  EXPECT_EQ(r[2], "c");
}

TEST(MimeMessage, TruncatedMultipartClosesWhatIsOpen) {
  auto m = ParseMimeMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nfirst\n"
      "--b\nContent-Type: multipart/alternative; boundary=c\n\n"
      "--c\nContent-Type: text/plain\n\ncut off here");
  ASSERT_OK(m);
  EXPECT_EQ(Outline(*m), "[:multipart/mixed][1:text/plain][2:multipart/alternative][2.1:text/plain]");
  EXPECT_EQ(FindPart(*m, "2.1")->body, "cut off here");
}

TEST(MimeMessage, TruncatedInsideHeadersStillParses) {
  auto m = ParseMimeMessage("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/pl");
  ASSERT_OK(m);
  EXPECT_EQ(Outline(*m), "[:multipart/mixed][1:text/pl]");
}

TEST(MimeMessage, MultipartWithoutUsableBoundaryBecomesText) {
  auto none = ParseMimeMessage("Content-Type: multipart/mixed\n\nhello\n");
  ASSERT_OK(none);
  EXPECT_EQ(none->content_type, "text/plain");
  EXPECT_EQ(none->body, "hello\n");
  auto wrong = ParseMimeMessage("Content-Type: multipart/mixed; boundary=zzz\n\n--b\nhello\n--b--\n");
  ASSERT_OK(wrong);
  EXPECT_EQ(wrong->content_type, "text/plain");
  EXPECT_CONTAINS(wrong->body, "hello");
}

TEST(MimeMessage, BoundaryPrefixOfAnotherLineIsNotADelimiter) {
  auto m =
      ParseMimeMessage("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nkeep --bx and\n--bogus\nlines\n--b--  \n");
  ASSERT_OK(m);
  ASSERT_EQ(m->children.size(), 1u);
  EXPECT_EQ(m->children[0].body, "keep --bx and\n--bogus\nlines");
}

TEST(MimeMessage, BodyWithoutBlankLineAfterHeadersStartsAtFirstNonHeaderLine) {
  auto m = ParseMimeMessage("Subject: x\nthis is not a header\nmore");
  ASSERT_OK(m);
  EXPECT_EQ(m->body, "this is not a header\nmore");
  auto mbox = ParseMimeMessage("From alice@x Mon Jan  1 00:00:00 2024\nSubject: y\n\nz");
  ASSERT_OK(mbox);
  EXPECT_EQ(GetHeader(*mbox, "Subject"), "y");
}

TEST(MimeMessage, DigestChildrenDefaultToMessageRfc822) {
  auto m = ParseMimeMessage("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
  ASSERT_OK(m);
  EXPECT_EQ(Outline(*m), "[:multipart/digest][1:message/rfc822][1.1:text/plain]");
}

TEST(MimeMessage, Base64EncodedRfc822IsDecodedBeforeParsing) {
  // "Subject: b64\n\nhidden" in base64.
  auto m = ParseMimeMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n"
      "Content-Transfer-Encoding: base64\n\nU3ViamVjdDogYjY0CgpoaWRkZW4=\n--b--\n");
  ASSERT_OK(m);
  const MimePart* inner = FindPart(*m, "1.1");
  ASSERT_TRUE(inner != nullptr);
  EXPECT_EQ(inner->body, "hidden");
}

TEST(MimeMessage, DeepNestingStopsAtTheDepthLimit) {
  std::string raw;
  for (int i = 0; i < 200; ++i)
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  raw += "\ninnermost\n";
  auto m = ParseMimeMessage(raw);
  ASSERT_OK(m);
  int depth = 0;
  for (const MimePart* p = &*m; !p->children.empty(); p = &p->children[0]) ++depth;
  EXPECT_LE(depth, kMaxMimeDepth);
  std::string rfc822;
  for (int i = 0; i < 200; ++i) rfc822 += "Content-Type: message/rfc822\n\n";
  EXPECT_OK(ParseMimeMessage(rfc822));
}

TEST(MimeMessage, PartCountIsBounded) {
  std::string raw = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 5000; ++i) raw += "--b\n\nx\n";
  auto m = ParseMimeMessage(raw);
  ASSERT_OK(m);
  EXPECT_LE(m->children.size(), kMaxMimeParts);
  EXPECT_GT(m->children.size(), 900u);
}

TEST(MimeMessage, EmptyAndGarbageInputDoNotFail) {
  EXPECT_OK(ParseMimeMessage(""));
  EXPECT_OK(ParseMimeMessage("\n\n\n"));
  EXPECT_OK(ParseMimeMessage(std::string("\0\xff\r\r\n:", 6)));
  EXPECT_OK(ParseMimeMessage("Content-Type: multipart/mixed; boundary=\"\"\n\n--\n"));
}

TEST(MimeMessage, OversizedMessageIsRefused) {
  const std::string big(kMaxMimeMessageBytes + 1, 'a');
  auto m = ParseMimeMessage(big);
  EXPECT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Status::Code::kResourceExhausted);
}

TEST(MimeMessage, FilenameFallsBackToContentTypeNameAndDecodesRfc2231) {
  auto m = ParseMimeMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: application/pdf; name=\"=?utf-8?Q?r=C3=A9sum=C3=A9.pdf?=\"\n\nx\n"
      "--b\nContent-Type: application/pdf\nContent-Disposition: attachment;\n"
      " filename*0*=utf-8''%E2%82%AC; filename*1=\".pdf\"\n\ny\n--b--\n");
  ASSERT_OK(m);
  EXPECT_EQ(FindPart(*m, "1")->filename, "résumé.pdf");
  EXPECT_EQ(FindPart(*m, "2")->filename, "€.pdf");
}

TEST(MimeMessage, FlowedTextIsUnwrappedWithDelSp) {
  const std::map<std::string, std::string> params = {{"charset", "utf-8"}, {"format", "Flowed"}, {"delsp", "yes"}};
  EXPECT_EQ(DecodeBodyText("a table of col \r\numns\r\n", "7bit", params, "text/plain"), "a table of columns\n");
  // Only text/plain flows; HTML with the same parameters is left alone.
  EXPECT_EQ(DecodeBodyText("col \r\numns\r\n", "7bit", params, "text/html"), "col \numns\n");
  EXPECT_EQ(DecodeBodyText("col \r\numns\r\n", "7bit", {{"format", "fixed"}}, "text/plain"), "col \numns\n");
}

TEST(MimeMessage, BodyWithoutCharsetIsAsciiAndAServerSubstitutedNulIsNotEuro) {
  EXPECT_EQ(DecodeBodyText("ab\x80"
                           "cd\r\n",
                           "7bit", {}, "text/plain"),
            "ab\ufffdcd\n");
  EXPECT_EQ(DecodeBodyText("=00x", "quoted-printable", {{"charset", "us-ascii"}}, "text/plain"), "\ufffdx");
}

TEST(MimeMessage, HtmlWithoutAMimeCharsetIsReadInTheCharsetItsMetaElementDeclares) {
  // Mail clients read an HTML part's <meta> declaration when the MIME header names no charset (IMAP
  // servers then report "us-ascii", so that counts as none); bytes that are ASCII or valid UTF-8
  // need no declaration.
  const std::string sjis =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
      "</head><body>\x93\xfa\x96\x7b\x87\x40</body></html>";
  EXPECT_EQ(DecodeBodyText(sjis, "8bit", {}, "text/html"),
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
            "charset=Shift_JIS\"></head><body>日本①</body></html>");
  EXPECT_NE(DecodeBodyText(sjis, "8bit", {{"charset", "US-ASCII"}}, "text/html").find("日本①"), std::string::npos);
  EXPECT_EQ(DecodeBodyText("<meta charset='koi8-r'><p>\xd0\xd2", "8bit", {}, "text/html"),
            "<meta charset='koi8-r'><p>пр");
  EXPECT_EQ(DecodeBodyText("<META CHARSET=windows-1251>\xcf\xf0", "8bit", {}, "text/html"),
            "<META CHARSET=windows-1251>Пр");
  // A MIME charset other than us-ascii wins, as in browsers; so do plain text, an unknown or a
  // UTF-16 declaration, and a declaration past the first 1024 bytes (the HTML prescan's limit).
  EXPECT_EQ(DecodeBodyText("<meta charset=koi8-r>\xe9", "8bit", {{"charset", "iso-8859-1"}}, "text/html"),
            "<meta charset=koi8-r>é");
  EXPECT_EQ(DecodeBodyText("<meta charset=koi8-r>\xe9", "8bit", {}, "text/plain"), "<meta charset=koi8-r>\ufffd");
  EXPECT_EQ(DecodeBodyText("<meta charset=nonsense>\xe9", "8bit", {}, "text/html"), "<meta charset=nonsense>\ufffd");
  EXPECT_EQ(DecodeBodyText("<meta charset=utf-16le>\xe9", "8bit", {}, "text/html"), "<meta charset=utf-16le>\ufffd");
  EXPECT_EQ(DecodeBodyText(std::string(1100, ' ') + "<meta charset=koi8-r>\xd0", "8bit", {}, "text/html"),
            std::string(1100, ' ') + "<meta charset=koi8-r>\ufffd");
  EXPECT_EQ(DecodeBodyText("<meta charset=koi8-r>caf\xc3\xa9", "8bit", {}, "text/html"), "<meta charset=koi8-r>café");
}

TEST(MimeMessage, Rfc2231EncodedBoundaryStillSplits) {
  // Dovecot cannot read this boundary and reports one empty part; our parser splits it.
  auto m = ParseMimeMessage(
      "Content-Type: multipart/mixed; boundary*=''abcd\r\n\r\n--abcd\r\nContent-Type: text/plain\r\n\r\n"
      "hello part\r\n--abcd\r\nContent-Type: application/octet-stream; name=x.bin\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--abcd--\r\n");
  ASSERT_OK(m);
  ASSERT_EQ(m->children.size(), 2u);
  EXPECT_EQ(PartText(m->children[0]), "hello part");
  EXPECT_EQ(m->children[1].filename, "x.bin");
}

TEST(MimeMessage, Cp932MessageWithNecAndIbmExtensionsAndABrokenPairDecodesExactly) {
  // Outlook's "Shift_JIS": ①② and ㈱ (NEC row 13), 髙 (IBM extension), 﨑 (NEC-selected IBM), then
  // 日, a broken pair (0x85 has no characters) and 本: one U+FFFD, and 本 is still 本.
  auto m = ParseMimeMessage(
      "Subject: =?Shift_JIS?B?h0CHQQ==?=\r\nContent-Type: text/plain; charset=\"Shift_JIS\"\r\n"
      "Content-Transfer-Encoding: "
      "8bit\r\n\r\n\x87\x40\x87\x41\x87\x8a\xfb\xfc\xed\x95\r\n\x93\xfa\x85\x93\x96\x7b\r\n");
  ASSERT_OK(m);
  EXPECT_EQ(PartText(*m), "①②㈱髙﨑\n日\ufffd本\n");
  EXPECT_EQ(DecodeHeaderText(GetHeader(*m, "Subject")), "①②");
}
