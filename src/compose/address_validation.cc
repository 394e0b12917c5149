#include "compose/address_validation.h"

#include <algorithm>
#include <string>

#include "compose/header_writer.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxAddressBytes = 254;  // RFC 5321 §4.5.3.1.3 path limit minus the brackets
constexpr size_t kMaxLocalBytes = 64;
constexpr size_t kMaxLabelBytes = 63;

/// RFC 5322 atext: what a dot-atom local part may contain besides dots.
bool IsAtext(char c) {
  return IsAsciiAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string Quoted(std::string_view s) {
  return "\"" + std::string(s.substr(0, 80)) + (s.size() > 80 ? "...\"" : "\"");
}

Status Invalid(std::string_view address, const std::string& why) {
  return Status::InvalidArgument("invalid email address " + Quoted(address) + ": " + why);
}

Status ValidateLocalPart(std::string_view address, std::string_view local) {
  if (local.empty()) return Invalid(address, "nothing before the @");
  if (local.size() > kMaxLocalBytes) return Invalid(address, "the part before @ exceeds 64 characters");
  if (local.front() == '"') return Invalid(address, "quoted local parts are not supported");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return Invalid(address, "misplaced dot before the @");
  for (char c : local)
    if (c != '.' && !IsAtext(c)) return Invalid(address, std::string("character '") + c + "' is not allowed");
  return Status::OK();
}

Status ValidateDomain(std::string_view address, std::string_view domain) {
  if (domain.empty()) return Invalid(address, "nothing after the @");
  if (domain.front() == '[') return Invalid(address, "IP address literals are not supported");
  if (domain.find('.') == std::string_view::npos) return Invalid(address, "the domain needs a dot");
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty()) return Invalid(address, "empty label in the domain");
    if (label.size() > kMaxLabelBytes) return Invalid(address, "a domain label exceeds 63 characters");
    if (label.front() == '-' || label.back() == '-') return Invalid(address, "a domain label starts or ends with '-'");
    for (char c : label)
      if (!IsAsciiAlnum(c) && c != '-')
        return Invalid(address, std::string("character '") + c + "' is not allowed in the domain");
    start = dot + 1;
  }
  return Status::OK();
}

/// Splits a comma-separated list at the commas outside quotes, comments and angle brackets.
std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool quoted = false, angle = false;
  int comment = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      ++comment;
    } else if (c == ')' && comment > 0) {
      --comment;
    } else if (comment == 0 && c == '<') {
      angle = true;
    } else if (comment == 0 && c == '>') {
      angle = false;
    } else if (comment == 0 && !angle && c == ',') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start <= s.size()) out.push_back(s.substr(std::min(start, s.size())));
  return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

Status AddRecipient(MailAddress a, std::vector<MailAddress>* out) {
  if (Status s = CheckHeaderInput(a.name, "recipient name"); !s.ok()) return s;
  if (a.name.size() > kMaxDisplayNameBytes) return Status::InvalidArgument("recipient name is too long");
  if (Status s = CheckHeaderInput(a.address, "recipient address"); !s.ok()) return s;
  if (Status s = ValidateEmailAddress(a.address); !s.ok()) return s;
  if (out->size() >= kMaxRecipients)
    return Status::InvalidArgument("too many recipients (at most " + std::to_string(kMaxRecipients) + ")");
  out->push_back(std::move(a));
  return Status::OK();
}

Status AddFromString(std::string_view list, std::vector<MailAddress>* out) {
  // Checked before parsing: the parser unfolds CR/LF, which would hide an injection attempt.
  if (Status s = CheckHeaderInput(list, "recipient"); !s.ok()) return s;
  for (std::string_view entry : SplitList(list)) {
    if (IsBlank(entry)) continue;
    std::vector<MailAddress> parsed = ParseAddressList(entry);
    if (parsed.size() != 1) return Status::InvalidArgument("recipient " + Quoted(entry) + " is not one email address");
    // "a@x.com b@y.com" parses as name "a@x.com": almost surely a missing comma.
    if (parsed[0].name.find('@') != std::string::npos && entry.find('"') == std::string_view::npos)
      return Status::InvalidArgument("recipient " + Quoted(entry) +
                                     " looks like several addresses; separate them with commas");
    if (Status s = AddRecipient(std::move(parsed[0]), out); !s.ok()) return s;
  }
  return Status::OK();
}

Status AddFromObject(const picojson::object& o, std::vector<MailAddress>* out) {
  MailAddress a;
  auto text = [&](const char* key, std::string* dst) -> Status {
    auto it = o.find(key);
    if (it == o.end() || it->second.is<picojson::null>()) return Status::OK();
    if (!it->second.is<std::string>())
      return Status::InvalidArgument(std::string("recipient \"") + key + "\" must be a string");
    *dst = it->second.get<std::string>();
    return Status::OK();
  };
  if (Status s = text("name", &a.name); !s.ok()) return s;
  if (Status s = text("address", &a.address); !s.ok()) return s;
  if (a.address.empty())
    if (Status s = text("email", &a.address); !s.ok()) return s;
  if (a.address.empty()) return Status::InvalidArgument("recipient object needs an \"address\"");
  return AddRecipient(std::move(a), out);
}

}  // namespace

Status ValidateEmailAddress(std::string_view address) {
  if (address.empty()) return Status::InvalidArgument("email address is empty");
  for (unsigned char c : address) {
    if (c == '\r' || c == '\n' || c == '\0')
      return Status::InvalidArgument("email address must not contain CR, LF or NUL");
    if (c >= 0x80)
      return Invalid(address,
                     "internationalised (non-ASCII) addresses are not supported; use the ASCII (punycode) form");
    if (c <= ' ' || c == 0x7f) return Invalid(address, "spaces and control characters are not allowed");
    if (c == '<' || c == '>' || c == ',' || c == ';' || c == '(' || c == ')' || c == '\\')
      return Invalid(address, "give the bare address (local@domain) without brackets or lists");
  }
  if (address.size() > kMaxAddressBytes) return Invalid(address, "longer than 254 characters");
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return Invalid(address, "no @");
  if (Status s = ValidateLocalPart(address, address.substr(0, at)); !s.ok()) return s;
  return ValidateDomain(address, address.substr(at + 1));
}

StatusOr<std::vector<MailAddress>> ParseRecipients(const picojson::value& value) {
  std::vector<MailAddress> out;
  if (value.is<picojson::null>()) return out;
  if (value.is<std::string>()) {
    if (Status s = AddFromString(value.get<std::string>(), &out); !s.ok()) return s;
    return out;
  }
  if (!value.is<picojson::array>())
    return Status::InvalidArgument("recipients must be a string or an array of strings or {name, address} objects");
  for (const picojson::value& item : value.get<picojson::array>()) {
    Status s;
    if (item.is<std::string>()) s = AddFromString(item.get<std::string>(), &out);
    else if (item.is<picojson::object>()) s = AddFromObject(item.get<picojson::object>(), &out);
    else s = Status::InvalidArgument("each recipient must be a string or a {name, address} object");
    if (!s.ok()) return s;
  }
  return out;
}

}  // namespace mail_mcp
