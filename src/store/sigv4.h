// AWS Signature Version 4 for S3: header-signed requests and presigned (query-string) URLs.
//
// Our own signer on our SHA-256/HMAC, following the S3 API reference ("Authenticating Requests
// (AWS Signature Version 4)"): canonical request → string to sign → signing key derived from the
// secret, date, region and service → hex HMAC. Every step is a pure function so tests can check
// the intermediate strings against AWS's published examples, and so S3ObjectStore can recompute
// the signature of a presigned link it is handed back (KeyOfSignedUrl) without any network access.
//
// S3 specifics: the path is URI-encoded exactly once (never normalised), object keys keep '/'
// in the path, and query names and values are encoded with '/' as %2F; "+" is never a space.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mail_mcp {

/// Who signs, and for which region and service.
struct SigV4Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;  // e.g. "us-east-1"
  std::string service = "s3";
};

using SigV4Pairs = std::vector<std::pair<std::string, std::string>>;

/// One HTTP request as SigV4 sees it.
struct SigV4Request {
  std::string method;         // "GET", "PUT", "HEAD"
  std::string canonical_uri;  // the path exactly as sent, already encoded: "/test%24file.text"
  SigV4Pairs query;           // decoded names and values, any order ("lifecycle" → {"lifecycle", ""})
  SigV4Pairs headers;         // distinct names in any case; must include "host"
  std::string payload_hash;   // hex SHA-256 of the body, or kUnsignedPayload
};

inline constexpr char kSigV4Algorithm[] = "AWS4-HMAC-SHA256";
inline constexpr char kUnsignedPayload[] = "UNSIGNED-PAYLOAD";
/// The longest X-Amz-Expires S3 accepts: seven days.
inline constexpr int64_t kMaxPresignSeconds = 604800;

/// S3's URI-encode: RFC 3986 unreserved characters stay, every other byte becomes %XX (upper
/// case), so UTF-8 is encoded byte by byte. '/' stays unless `encode_slash` (query values).
std::string S3UriEncode(std::string_view s, bool encode_slash);

/// "name=value&…" with names and values S3UriEncode'd (slash encoded), sorted by encoded name
/// (then value); an empty value still gets its '='.
std::string CanonicalQueryString(const SigV4Pairs& query);

/// The six-line canonical request: method, URI, query, headers (lower-case names, sorted, values
/// trimmed with inner runs of spaces collapsed), signed header names, payload hash.
std::string CanonicalRequest(const SigV4Request& request);

/// "20130524T000000Z" for Unix seconds.
std::string FormatAmzDate(int64_t unix_seconds);
/// The inverse, strict: exactly that shape and a real date and time; nullopt otherwise.
std::optional<int64_t> ParseAmzDate(std::string_view amz_date);

/// "20130524/us-east-1/s3/aws4_request" for an X-Amz-Date.
std::string CredentialScope(const SigV4Credentials& credentials, std::string_view amz_date);

/// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex SHA-256 of the canonical request>".
std::string StringToSign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request);

/// The lower-case hex signature of `request` at `amz_date`.
std::string SignatureHex(const SigV4Credentials& credentials, std::string_view amz_date, const SigV4Request& request);

/// Header-based signing: adds x-amz-date and x-amz-content-sha256 (= request->payload_hash) to
/// request->headers and returns the Authorization header value to send with them.
std::string SignHeaders(const SigV4Credentials& credentials, int64_t now, SigV4Request* request);

/// Query-string signing (a presigned URL) with SignedHeaders=host: request.headers must hold only
/// the host. Returns the URL's query: the canonical query string (request.query plus the X-Amz-*
/// parameters) followed by "&X-Amz-Signature=…". `expires_s` is clamped to 1..kMaxPresignSeconds.
std::string PresignQuery(const SigV4Credentials& credentials, int64_t now, int64_t expires_s, SigV4Request request);

}  // namespace mail_mcp
