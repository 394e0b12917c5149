// Writing header fields for outgoing mail: injection checks, RFC 2047 encoded words, folding.
//
// Every value that reaches a header comes from an assistant and is untrusted, so CheckHeaderInput
// refuses CR, LF, NUL and other control characters outright (a value is never "cleaned": a
// silently altered recipient or subject is worse than an error). Text that is not plain ASCII is
// written as UTF-8 "B" encoded words of at most 64 characters, split only between code points, and
// every field is folded at spaces so that lines stay within 78 characters where the content allows
// it (a quoted display name or a long ASCII address cannot be split) and always far below 998.
//
// Thread-safety: pure functions; a FoldedHeader is a value owned by one builder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mime/address_list.h"
#include "util/status.h"

namespace mail_mcp {

/// Soft line limit of RFC 5322 §2.1.1 (the hard one is 998).
constexpr size_t kFoldColumn = 78;

/// OK when `value` is valid UTF-8 without CR, LF, NUL or other control characters (tab is
/// allowed); otherwise InvalidArgument naming `field`.
Status CheckHeaderInput(std::string_view value, std::string_view field);

/// `utf8` as a sequence of "=?utf-8?B?...?=" words, each at most 64 characters.
std::vector<std::string> EncodeWords(std::string_view utf8);

/// Accumulates one header field as space-separated tokens, folding before a token that would push
/// the line past kFoldColumn (never before the first token on a line).
class FoldedHeader {
 public:
  explicit FoldedHeader(std::string_view name);
  /// Appends " token", or "CRLF token" when the line is full.
  void Add(std::string_view token);
  /// Appends `text` to the last token with no space (e.g. the "," after a mailbox).
  void Glue(std::string_view text);
  /// The whole field, ending in CRLF.
  std::string Finish() const { return out_ + "\r\n"; }

 private:
  std::string out_;
  size_t line_length_ = 0;
  bool line_has_token_ = false;
};

/// "Subject: ..." style unstructured field; `text` must have passed CheckHeaderInput.
std::string UnstructuredHeader(std::string_view name, std::string_view text);

/// "To: Alice <a@x.com>, =?utf-8?B?...?= <b@y.com>"; entries must have been validated.
std::string AddressHeader(std::string_view name, const std::vector<MailAddress>& addresses);

}  // namespace mail_mcp
