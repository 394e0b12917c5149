// Parsing of parameterised header values: Content-Type and Content-Disposition (RFC 2045 §5.1,
// RFC 2183), with RFC 2231 extended parameters and the common RFC 2047 misuse.
//
// "text/plain; charset=\"utf-8\" (comment); format=flowed" becomes value "text/plain" and params
// {charset: "utf-8", format: "flowed"}. Parameter values come out decoded to UTF-8 whichever way
// the sender encoded them: quoted strings, RFC 2231 "name*=utf-8''%E2%82%AC.pdf" and continuations
// ("name*0=", "name*1*=", in any mix and order), or an encoded word inside a quoted string
// ("=?utf-8?B?...?="), which RFC 2047 forbids and every mailer still sends. The boundary parameter
// is the exception: it is kept byte for byte because it must match the body.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mail_mcp {

struct HeaderValue {
  std::string value;                          // lower-case, e.g. "multipart/mixed", "attachment"
  std::map<std::string, std::string> params;  // lower-case names -> decoded UTF-8 values
};

/// Never fails: junk yields whatever could be recognised (possibly an empty value).
HeaderValue ParseHeaderValue(std::string_view raw);

}  // namespace mail_mcp
