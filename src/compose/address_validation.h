// Validation of the addresses an assistant asks us to send mail to, and parsing of recipient lists.
//
// Outgoing addresses are held to a stricter standard than the ones we read (address_list.h is
// lenient because it must show whatever arrives): an address that goes into an SMTP RCPT TO and a
// header must be a plain ASCII dot-atom addr-spec, "local@domain.tld", with RFC 5321 length
// limits, so that nothing an assistant types can break out of the header or the SMTP command.
// Quoted local parts, domain literals and internationalised (UTF-8) addresses are refused with an
// error saying so, rather than sent in a form some server would mangle.
//
// Thread-safety: pure functions.
#pragma once

#include <picojson.h>

#include <string_view>
#include <vector>

#include "mime/address_list.h"
#include "util/status.h"

namespace mail_mcp {

/// Most recipients one ParseRecipients call (one of To, Cc or Bcc) accepts.
constexpr size_t kMaxRecipients = 100;
/// Longest display name accepted, in bytes of UTF-8.
constexpr size_t kMaxDisplayNameBytes = 256;

/// OK when `address` is an ASCII addr-spec "local@domain" (dot-atom local part of at most 64
/// characters, a domain of LDH labels with at least one dot, at most 254 characters in all).
Status ValidateEmailAddress(std::string_view address);

/// Recipients from a tool argument: an array whose items are strings ("a@x.com",
/// "Alice <a@x.com>", or several comma-separated) or objects {"name": ..., "address": ...}
/// ("email" is accepted for "address"), or one comma-separated string. null means none. Every
/// address is validated; display names must be UTF-8 without control characters.
StatusOr<std::vector<MailAddress>> ParseRecipients(const picojson::value& value);

}  // namespace mail_mcp
