#include "util/mail_host.h"

#include "util/ascii.h"

namespace mail_mcp {

bool IsValidMailHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  if (host.front() == '[') {
    if (host.size() < 4 || host.back() != ']') return false;
    for (char c : host.substr(1, host.size() - 2))
      if (!IsAsciiHexDigit(c) && c != ':' && c != '.') return false;
    return true;
  }
  if (host.front() == '-' || host.front() == '.' || host.back() == '-') return false;
  for (char c : host)
    if (!IsAsciiAlnum(c) && c != '-' && c != '.') return false;
  return true;
}

}  // namespace mail_mcp
