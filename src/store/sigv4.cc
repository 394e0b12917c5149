#include "store/sigv4.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "crypto/sha256.h"
#include "util/ascii.h"
#include "util/calendar.h"
#include "util/hex.h"
#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

/// Headers with lower-case names, sorted by name.
SigV4Pairs SortedHeaders(const SigV4Pairs& headers) {
  SigV4Pairs out;
  // Values get SigV4's "Trimall": no outer blanks, inner runs of spaces and tabs become one space.
  for (const auto& [name, value] : headers) out.emplace_back(ToLowerAscii(name), CollapseWhitespace(value, " \t"));
  std::sort(out.begin(), out.end());
  return out;
}

std::string SignedHeaderNames(const SigV4Pairs& sorted_headers) {
  std::string out;
  for (const auto& header : sorted_headers) out += (out.empty() ? "" : ";") + header.first;
  return out;
}

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string S3UriEncode(std::string_view s, bool encode_slash) {
  if (encode_slash) return PercentEncode(s);  // RFC 3986 unreserved kept, upper-case %XX
  std::string out;
  for (size_t start = 0; start <= s.size();) {
    size_t slash = std::min(s.find('/', start), s.size());
    out += PercentEncode(s.substr(start, slash - start));
    if (slash < s.size()) out += '/';
    start = slash + 1;
  }
  return out;
}

std::string CanonicalQueryString(const SigV4Pairs& query) {
  SigV4Pairs encoded;
  for (const auto& [name, value] : query) encoded.emplace_back(S3UriEncode(name, true), S3UriEncode(value, true));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

std::string CanonicalRequest(const SigV4Request& request) {
  const SigV4Pairs headers = SortedHeaders(request.headers);
  std::string out = request.method + "\n" + request.canonical_uri + "\n" + CanonicalQueryString(request.query) + "\n";
  for (const auto& [name, value] : headers) out += name + ":" + value + "\n";
  return out + "\n" + SignedHeaderNames(headers) + "\n" + request.payload_hash;
}

std::string FormatAmzDate(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<int64_t> ParseAmzDate(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14})
    if (!IsAsciiDigit(s[i])) return std::nullopt;
  struct tm tm {};
  tm.tm_year = Digits(s.substr(0, 4)) - 1900;
  tm.tm_mon = Digits(s.substr(4, 2)) - 1;
  tm.tm_mday = Digits(s.substr(6, 2));
  tm.tm_hour = Digits(s.substr(9, 2));
  tm.tm_min = Digits(s.substr(11, 2));
  tm.tm_sec = Digits(s.substr(13, 2));
  if (tm.tm_year < 70 || tm.tm_mday < 1 || tm.tm_mday > DaysInMonth(tm.tm_year + 1900, tm.tm_mon + 1) ||
      tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

std::string CredentialScope(const SigV4Credentials& credentials, std::string_view amz_date) {
  return std::string(amz_date.substr(0, 8)) + "/" + credentials.region + "/" + credentials.service + "/aws4_request";
}

std::string StringToSign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request) {
  return std::string(kSigV4Algorithm) + "\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" +
         HexEncode(Sha256(canonical_request));
}

std::string SignatureHex(const SigV4Credentials& credentials, std::string_view amz_date, const SigV4Request& request) {
  std::string key = HmacSha256("AWS4" + credentials.secret_access_key, amz_date.substr(0, 8));
  key = HmacSha256(key, credentials.region);
  key = HmacSha256(key, credentials.service);
  key = HmacSha256(key, "aws4_request");
  const std::string to_sign = StringToSign(amz_date, CredentialScope(credentials, amz_date), CanonicalRequest(request));
  return HexEncode(HmacSha256(key, to_sign));
}

std::string SignHeaders(const SigV4Credentials& credentials, int64_t now, SigV4Request* request) {
  const std::string amz_date = FormatAmzDate(now);
  request->headers.emplace_back("x-amz-date", amz_date);
  request->headers.emplace_back("x-amz-content-sha256", request->payload_hash);
  return std::string(kSigV4Algorithm) + " Credential=" + credentials.access_key_id + "/" +
         CredentialScope(credentials, amz_date) +
         ",SignedHeaders=" + SignedHeaderNames(SortedHeaders(request->headers)) +
         ",Signature=" + SignatureHex(credentials, amz_date, *request);
}

std::string PresignQuery(const SigV4Credentials& credentials, int64_t now, int64_t expires_s, SigV4Request request) {
  const std::string amz_date = FormatAmzDate(now);
  expires_s = std::clamp<int64_t>(expires_s, 1, kMaxPresignSeconds);
  request.payload_hash = kUnsignedPayload;
  request.query.emplace_back("X-Amz-Algorithm", kSigV4Algorithm);
  request.query.emplace_back("X-Amz-Credential",
                             credentials.access_key_id + "/" + CredentialScope(credentials, amz_date));
  request.query.emplace_back("X-Amz-Date", amz_date);
  request.query.emplace_back("X-Amz-Expires", std::to_string(expires_s));
  request.query.emplace_back("X-Amz-SignedHeaders", SignedHeaderNames(SortedHeaders(request.headers)));
  return CanonicalQueryString(request.query) + "&X-Amz-Signature=" + SignatureHex(credentials, amz_date, request);
}

}  // namespace mail_mcp
