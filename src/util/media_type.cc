#include "util/media_type.h"

#include "util/ascii.h"

namespace mail_mcp {
namespace {

bool IsTokenChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u > ' ' && u < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

bool IsToken(std::string_view t) {
  if (t.empty() || t.size() > 127) return false;
  for (char c : t)
    if (!IsTokenChar(c)) return false;
  return true;
}

/// Reads a token at the front of `s` and consumes it; "" when there is none.
std::string_view TakeToken(std::string_view& s) {
  size_t n = 0;
  while (n < s.size() && IsTokenChar(s[n])) ++n;
  std::string_view token = s.substr(0, n);
  s.remove_prefix(n);
  return token;
}

/// Reads a quoted-string (RFC 9110 §5.6.4) at the front of `s` into *out and consumes it.
bool TakeQuotedString(std::string_view& s, std::string* out) {
  if (s.empty() || s[0] != '"') return false;
  for (size_t i = 1; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      s.remove_prefix(i + 1);
      return true;
    }
    if (c == '\\') {
      if (++i == s.size()) return false;
      c = static_cast<unsigned char>(s[i]);
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    out->push_back(static_cast<char>(c));
  }
  return false;
}

/// "type/subtype" at the front of `s`, consumed (lowercased). "*" is a token, so Accept's media ranges parse too.
bool TakeTypeSubtype(std::string_view& s, std::string* type, std::string* subtype) {
  std::string_view t = TakeToken(s);
  if (t.empty() || s.empty() || s[0] != '/') return false;
  s.remove_prefix(1);
  std::string_view st = TakeToken(s);
  if (!IsToken(t) || !IsToken(st)) return false;
  *type = ToLowerAscii(t);
  *subtype = ToLowerAscii(st);
  return true;
}

/// `*( OWS ";" OWS name=value )` up to the end of `s`.
bool TakeParameters(std::string_view s, std::vector<std::pair<std::string, std::string>>* out) {
  for (;;) {
    s = TrimLeft(s, " \t");
    if (s.empty()) return true;
    if (s[0] != ';') return false;
    s = TrimLeft(s.substr(1), " \t");
    if (s.empty()) return true;  // a trailing ';' is harmless (RFC 9110 allows empty parameters)
    std::string_view name = TakeToken(s);
    if (name.empty() || s.empty() || s[0] != '=') return false;
    s.remove_prefix(1);
    std::string value;
    if (!s.empty() && s[0] == '"') {
      if (!TakeQuotedString(s, &value)) return false;
    } else {
      std::string_view v = TakeToken(s);
      if (v.empty()) return false;
      value = std::string(v);
    }
    out->emplace_back(ToLowerAscii(name), std::move(value));
  }
}

/// A q value ("0", "0.5", "1", "1.000"; RFC 9110 §12.4.2) in thousandths, or -1.
int ParseQuality(std::string_view q) {
  if (q.empty() || q.size() > 5 || (q[0] != '0' && q[0] != '1')) return -1;
  int value = (q[0] - '0') * 1000;
  if (q.size() == 1) return value;
  if (q[1] != '.') return -1;
  int scale = 100;
  for (char c : q.substr(2)) {
    if (!IsAsciiDigit(c)) return -1;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value > 1000 ? -1 : value;
}

}  // namespace

bool IsMediaType(std::string_view content_type) {
  const size_t slash = content_type.find('/');
  return slash != std::string_view::npos && IsToken(content_type.substr(0, slash)) &&
         IsToken(content_type.substr(slash + 1));
}

std::optional<std::string> MediaType::Parameter(std::string_view name) const {
  for (const auto& [k, v] : parameters)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<MediaType> ParseMediaType(std::string_view value) {
  std::string_view s = Trim(value, " \t");
  MediaType m;
  if (!TakeTypeSubtype(s, &m.type, &m.subtype)) return std::nullopt;
  if (!TakeParameters(s, &m.parameters)) return std::nullopt;
  return m;
}

int AcceptQuality(std::string_view accept, std::string_view type, std::string_view subtype) {
  if (Trim(accept, " \t").empty()) return 1000;
  int best_specificity = -1, quality = 0;
  while (!accept.empty()) {
    size_t comma = accept.find(',');
    // A comma inside a quoted parameter value is rare enough in Accept to treat as a separator:
    // the element it cuts fails to parse and is ignored.
    std::string_view element = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    std::string_view s = Trim(element, " \t");
    if (s.empty()) continue;
    std::string range_type, range_subtype;
    std::vector<std::pair<std::string, std::string>> params;
    if (!TakeTypeSubtype(s, &range_type, &range_subtype) || !TakeParameters(s, &params)) continue;
    if (range_type == "*" && range_subtype != "*") continue;  // "*/json" is not a media range
    int q = 1000;
    for (const auto& [name, v] : params)
      if (name == "q") q = ParseQuality(v);
    if (q < 0) continue;
    int specificity;
    if (range_type == type && range_subtype == subtype) specificity = 2;
    else if (range_type == type && range_subtype == "*") specificity = 1;
    else if (range_type == "*") specificity = 0;
    else continue;
    // Equally specific ranges (a client listing one twice) count with their best quality.
    if (specificity > best_specificity || (specificity == best_specificity && q > quality)) {
      best_specificity = specificity;
      quality = q;
    }
  }
  return quality;
}

}  // namespace mail_mcp
