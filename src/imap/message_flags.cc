#include "imap/message_flags.h"

#include "util/ascii.h"

namespace mail_mcp {

StatusOr<std::string> NormalizeFlag(std::string_view flag) {
  static const char* kSystem[] = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};
  std::string f(flag);
  if (f.empty()) return Status::InvalidArgument("flag must not be empty");
  // Before any comparison, and without echoing the flag: a C-string comparison stopped at the NUL
  // of "\Deleted<NUL>X" and applied \Deleted (issue 19, item 10).
  for (unsigned char c : f)
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("a flag contains a control character");
  if (f.front() == '\\') {
    for (const char* s : kSystem)
      if (EqualsIgnoreCase(s, f)) return std::string(s);
    if (EqualsIgnoreCase(f, "\\Recent")) return Status::InvalidArgument("\\Recent is set by the server only");
    return Status::InvalidArgument("unknown system flag '" + f +
                                   "' (use \\Seen, \\Answered, \\Flagged, \\Deleted, \\Draft or a keyword)");
  }
  if (f.size() > 100) return Status::InvalidArgument("keyword is too long (at most 100 characters)");
  for (unsigned char c : f) {
    // RFC 3501 atom: no CTL, SP, ( ) { % * " \ ] and 7-bit only.
    if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' || c == '\\' ||
        c == ']')
      return Status::InvalidArgument("keyword '" + f + "' contains a character IMAP does not allow in flags");
  }
  return f;
}

}  // namespace mail_mcp
