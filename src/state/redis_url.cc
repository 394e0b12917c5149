#include "state/redis_url.h"

#include <charconv>

#include "util/mail_host.h"
#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

bool WholeNumber(std::string_view s, long max, int* out) {
  long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || s[0] == '-' || s[0] == '+' || ec != std::errc() || end != s.data() + s.size() || n > max)
    return false;
  *out = int(n);
  return true;
}

}  // namespace

Status ParseRedisUrl(std::string_view url, RedisOptions* out) {
  RedisOptions r;
  if (url.substr(0, 8) == "redis://") {
    url.remove_prefix(8);
  } else if (url.substr(0, 9) == "rediss://") {
    r.tls = true;
    url.remove_prefix(9);
  } else {
    return Status::InvalidArgument("must start with redis:// or rediss://");
  }
  if (url.find_first_of("?#") != std::string_view::npos)
    return Status::InvalidArgument("must not have a query or fragment");
  // The authority ends at the first '/'; userinfo at its last '@' (a password may hold '@' only
  // percent-encoded, but be lenient about an unencoded one).
  std::string_view authority = url.substr(0, url.find('/'));
  std::string_view path = url.substr(authority.size());
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    size_t colon = userinfo.find(':');
    auto user = PercentDecode(userinfo.substr(0, colon), false);
    auto pass = PercentDecode(colon == std::string_view::npos ? "" : userinfo.substr(colon + 1), false);
    if (!user || !pass) return Status::InvalidArgument("has a malformed user name or password (percent-encoding)");
    if (colon == std::string_view::npos) {
      // redis://secret@host is how many tools spell a password without a user.
      r.password = *user;
    } else {
      r.username = *user;
      r.password = *pass;
    }
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("has a malformed IPv6 address");
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return Status::InvalidArgument("has a malformed host");
      port = rest.substr(1);
    }
  } else if (size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || !IsValidMailHost(host)) return Status::InvalidArgument("has no valid host");
  r.host = std::string(host);
  if (!port.empty() && (!WholeNumber(port, 65535, &r.port) || r.port == 0))
    return Status::InvalidArgument("has a port that is not a number from 1 to 65535");
  if (!path.empty() && path != "/") {
    if (!WholeNumber(path.substr(1), 1000000, &r.db))
      return Status::InvalidArgument("must end in a database number (/0, /1, ...) or nothing");
  }
  r.ca_file = out->ca_file;
  r.timeout_ms = out->timeout_ms;
  *out = std::move(r);
  return Status::OK();
}

}  // namespace mail_mcp
