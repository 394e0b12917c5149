#include "imap/imap_quote.h"

#include "imap/imap_utf7.h"
#include "util/ascii.h"

namespace mail_mcp {

std::optional<std::string> QuoteImapString(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\r' || c == '\n' || c == '\0' || u >= 0x80) return std::nullopt;
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::optional<std::string> MailboxArgument(std::string_view utf8_name) {
  if (utf8_name.empty()) return std::nullopt;
  if (EqualsIgnoreCase(utf8_name, "INBOX")) return std::string("\"INBOX\"");
  std::optional<std::string> wire = EncodeImapUtf7(utf8_name);
  if (!wire) return std::nullopt;
  return QuoteImapString(*wire);
}

}  // namespace mail_mcp
