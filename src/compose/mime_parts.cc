#include "compose/mime_parts.h"

#include "compose/body_encoding.h"
#include "compose/header_writer.h"
#include "crypto/random.h"
#include "util/ascii.h"
#include "util/media_type.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// Characters of an RFC 2231 section, after "filename*N*=", that keep a line within 78 columns.
constexpr size_t kSectionChars = 54;

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

/// RFC 2231 attribute-char: everything else is %-encoded.
bool IsAttributeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

std::string QuoteParam(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// The name for readers that know neither RFC 2231 nor RFC 2047: its ASCII, with each run of
/// other characters as one "_" (which keeps the extension and the line short).
std::string AsciiFallback(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  bool in_run = false;
  while (pos < utf8.size()) {
    char32_t cp;
    size_t next = pos;
    if (!NextUtf8CodePoint(utf8, &next, &cp)) next = pos + 1, cp = 0xfffd;
    const bool plain = cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\';
    if (plain) out += static_cast<char>(cp);
    else if (!in_run) out += '_';
    in_run = !plain;
    pos = next;
  }
  return out;
}

/// `utf8` %-encoded, cut into sections of at most kSectionChars without splitting a character.
std::vector<std::string> PercentSections(std::string_view utf8) {
  static const char kHex[] = "0123456789ABCDEF";
  std::vector<std::string> sections(1);
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t next = pos;
    char32_t cp;
    if (!NextUtf8CodePoint(utf8, &next, &cp)) next = pos + 1;
    std::string piece;
    for (size_t i = pos; i < next; ++i) {
      const unsigned char c = static_cast<unsigned char>(utf8[i]);
      if (IsAttributeChar(static_cast<char>(c))) {
        piece += static_cast<char>(c);
      } else {
        piece += '%';
        piece += kHex[c >> 4];
        piece += kHex[c & 15];
      }
    }
    if (sections.back().size() + piece.size() > kSectionChars && !sections.back().empty()) sections.emplace_back();
    sections.back() += piece;
    pos = next;
  }
  return sections;
}

std::string DispositionHeader(std::string_view filename) {
  std::string h = "Content-Disposition: attachment;\r\n filename=" + QuoteParam(AsciiFallback(filename));
  if (AsciiFallback(filename) == filename) return h + "\r\n";
  const std::vector<std::string> sections = PercentSections(filename);
  if (sections.size() == 1) return h + ";\r\n filename*=utf-8''" + sections[0] + "\r\n";
  for (size_t i = 0; i < sections.size(); ++i)
    h += ";\r\n filename*" + std::to_string(i) + "*=" + (i == 0 ? "utf-8''" : "") + sections[i];
  return h + "\r\n";
}

std::string TypeHeader(std::string_view content_type, std::string_view filename) {
  std::string name;
  if (IsAscii(filename) && filename.find("=?") == std::string_view::npos) {
    name = QuoteParam(filename);
  } else {
    // Folded between the words, as Thunderbird does; readers unfold and join adjacent words.
    std::string words;
    for (const std::string& w : EncodeWords(filename)) words += (words.empty() ? "" : "\r\n ") + w;
    name = "\"" + words + "\"";
  }
  return "Content-Type: " + std::string(content_type) + ";\r\n name=" + name + "\r\n";
}

}  // namespace

StatusOr<std::string> NormalizeAttachmentType(std::string_view content_type) {
  if (content_type.empty()) return std::string("application/octet-stream");
  if (!IsMediaType(content_type))
    return Status::InvalidArgument("attachment content_type must be type/subtype, like application/pdf");
  std::string lower = ToLowerAscii(content_type);
  if (lower.rfind("multipart/", 0) == 0 || lower.rfind("message/", 0) == 0)
    return Status::InvalidArgument("attachment content_type " + lower +
                                   " is not supported; use application/octet-stream");
  return lower;
}

MimeEntity TextEntity(std::string_view subtype, std::string_view text) {
  const std::string crlf = NormalizeLineEndings(text);
  MimeEntity e;
  e.headers = "Content-Type: text/" + std::string(subtype) + "; charset=utf-8\r\n";
  if (NeedsQuotedPrintable(crlf)) {
    e.headers += "Content-Transfer-Encoding: quoted-printable\r\n";
    e.body = EncodeQuotedPrintable(crlf);
  } else {
    e.headers += "Content-Transfer-Encoding: 7bit\r\n";
    e.body = crlf;
  }
  return e;
}

MimeEntity AttachmentEntity(std::string_view filename, std::string_view content_type, std::string_view data) {
  MimeEntity e;
  e.headers =
      TypeHeader(content_type, filename) + DispositionHeader(filename) + "Content-Transfer-Encoding: base64\r\n";
  e.body = EncodeBase64Lines(data);
  return e;
}

MimeEntity MessageEntity(std::string_view filename, std::string_view message) {
  bool eight_bit = false, sendable = !message.empty();
  size_t line = 0;
  for (size_t i = 0; i < message.size() && sendable; ++i) {
    const unsigned char c = static_cast<unsigned char>(message[i]);
    if (c == '\r') {
      sendable = i + 1 < message.size() && message[i + 1] == '\n';
      ++i;
      line = 0;
      continue;
    }
    if (c == '\n' || c == 0 || ++line > 998) sendable = false;
    eight_bit = eight_bit || c >= 0x80;
  }
  if (!sendable) return AttachmentEntity(filename, "application/octet-stream", message);
  MimeEntity e;
  e.headers = "Content-Type: message/rfc822\r\n" + DispositionHeader(filename) +
              "Content-Transfer-Encoding: " + (eight_bit ? "8bit" : "7bit") + "\r\n";
  e.body = std::string(message);
  return e;
}

MimeEntity MultipartEntity(std::string_view subtype, const std::vector<MimeEntity>& parts) {
  std::vector<std::string> serialized;
  for (const MimeEntity& p : parts) serialized.push_back(SerializeEntity(p));
  std::string boundary;
  for (bool clash = true; clash;) {
    // "=_" cannot occur in quoted-printable or base64 output; the check covers 7bit text.
    boundary = "=_mail_mcp_" + RandomHex(12);
    clash = false;
    for (const std::string& s : serialized)
      if (s.find(boundary) != std::string::npos) clash = true;
  }
  MimeEntity e;
  e.headers = "Content-Type: multipart/" + std::string(subtype) + ";\r\n boundary=\"" + boundary + "\"\r\n";
  for (const std::string& s : serialized) {
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1), so the part's own
    // final line break, if any, survives.
    e.body += "--" + boundary + "\r\n" + s + "\r\n";
  }
  e.body += "--" + boundary + "--\r\n";
  return e;
}

std::string SerializeEntity(const MimeEntity& entity) { return entity.headers + "\r\n" + entity.body; }

}  // namespace mail_mcp
