#include "store/s3_object_store.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <memory>

#include "crypto/constant_time.h"
#include "crypto/sha256.h"
#include "net/curl_global.h"
#include "net/curl_status.h"
#include "net/http_fetch.h"
#include "store/content_disposition.h"
#include "util/ascii.h"
#include "util/calendar.h"
#include "util/hex.h"
#include "util/url.h"
#include "util/url_encoding.h"

namespace mail_mcp {

struct S3Response {
  long status = 0;
  std::map<std::string, std::string> headers;  // of the final response; lower-case names
  std::string body;
  bool too_large = false;  // a 2xx body over the caller's limit

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;
/// Error bodies are small XML documents; only <Code> is read from them.
constexpr size_t kMaxErrorBody = 64 * 1024;
/// How far in the future a link's X-Amz-Date may be (clock skew between our servers).
constexpr int64_t kMaxClockSkew = 300;
constexpr size_t kMaxKeyBytes = 1024;
constexpr size_t kMaxUrlBytes = 16 * 1024;
constexpr char kNotOurs[] = "not a link to this server's attachment store";

Status Refuse(const std::string& reason) { return Status::InvalidArgument("attachment link refused: " + reason); }

bool Is2xx(long status) { return status >= 200 && status < 300; }

/// Keys we can put in a URL path and get back unchanged: no control bytes, no leading '/', and no
/// empty, "." or ".." segments (clients and proxies rewrite those).
Status CheckKey(const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyBytes) return Status::InvalidArgument("object key is empty or too long");
  for (unsigned char c : key)
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("object key contains control characters");
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string::npos) end = key.size();
    const std::string segment = key.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..")
      return Status::InvalidArgument("object key has an empty, \".\" or \"..\" segment");
    start = end + 1;
  }
  return Status::OK();
}

bool AllOf(const std::string& s, const char* extra, bool upper_ok) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper_ok && c >= 'A' && c <= 'Z') ||
                    std::string(extra).find(char(c)) != std::string::npos;
    if (!ok) return false;
  }
  return true;
}

/// "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 7231 IMF-fixdate) as Unix seconds.
std::optional<int64_t> ParseImfFixdate(const std::string& value) {
  char weekday[4] = {}, month[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(value.c_str(), "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", weekday, &day, month, &year, &hour,
                  &minute, &second, &consumed) != 7 ||
      consumed != int(value.size()))
    return std::nullopt;
  const int mon = MonthFromAbbrev(month);
  if (!mon || year < 1970 || day < 1 || day > DaysInMonth(year, mon) || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  struct tm tm {};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(timegm(&tm));
}

/// S3's <Code> from an XML error body, letters, digits and dots only; "" when absent.
std::string ErrorCode(const std::string& body) {
  const size_t open = body.find("<Code>");
  if (open == std::string::npos) return "";
  const size_t start = open + 6, close = body.find("</Code>", start);
  if (close == std::string::npos || close - start > 64) return "";
  std::string code = body.substr(start, close - start);
  return AllOf(code, ".", true) ? code : "";
}

// libcurl callbacks; `userdata` is the Transfer.
struct Transfer {
  S3Response* response;
  size_t max_body;
  size_t header_bytes = 0;
  const std::string* upload = nullptr;
  size_t upload_offset = 0;
};

size_t OnHeader(char* data, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > kMaxHeaderBytes) return 0;
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  S3Response* r = t->response;
  if (line.compare(0, 5, "HTTP/") == 0) {
    /// A new response begins (after a "100 Continue", say): forget the previous one's headers.
    r->headers.clear();
    const size_t space = line.find(' ');
    r->status = space == std::string::npos ? 0 : std::atol(line.c_str() + space + 1);
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return n;
  const std::string name = ToLowerAscii(std::string_view(line).substr(0, colon));
  size_t v = colon + 1;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
  r->headers[name] = line.substr(v);
  if (name == "content-length" && Is2xx(r->status)) {
    /// Refuse an oversized object before any of it arrives.
    const unsigned long long length = std::strtoull(line.c_str() + v, nullptr, 10);
    if (length > t->max_body) {
      r->too_large = true;
      return 0;
    }
  }
  return n;
}

size_t OnBody(char* data, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const size_t n = size * count;
  S3Response* r = t->response;
  if (Is2xx(r->status)) {
    if (r->body.size() + n > t->max_body) {
      r->too_large = true;
      return 0;  // curl aborts with CURLE_WRITE_ERROR
    }
    r->body.append(data, n);
  } else if (r->body.size() < kMaxErrorBody) {
    r->body.append(data, std::min(n, kMaxErrorBody - r->body.size()));
  }
  return n;
}

size_t OnUpload(char* buffer, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const size_t n = std::min(size * count, t->upload->size() - t->upload_offset);
  t->upload->copy(buffer, n, t->upload_offset);
  t->upload_offset += n;
  return n;
}

/// curl rewinds the body when it must resend it (e.g. the server answered before reading it all).
int OnSeek(void* userdata, curl_off_t offset, int origin) {
  auto* t = static_cast<Transfer*>(userdata);
  if (origin != SEEK_SET || offset < 0 || size_t(offset) > t->upload->size()) return CURL_SEEKFUNC_CANTSEEK;
  t->upload_offset = size_t(offset);
  return CURL_SEEKFUNC_OK;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

S3ObjectStore::S3ObjectStore(const S3Options& options, S3Timeouts timeouts)
    : credentials_{options.access_key_id, options.secret_access_key, options.region, "s3"},
      bucket_(options.bucket),
      ca_file_(options.ca_file),
      timeouts_(timeouts) {
  const bool aws = options.endpoint.empty();
  const bool path_style = options.path_style;
  Url endpoint;
  if (aws) {
    endpoint.scheme = "https";
    endpoint.host = "s3." + options.region + ".amazonaws.com";
  } else if (auto parsed = ParseHttpUrl(options.endpoint); parsed && parsed->path.empty() && !parsed->has_query) {
    endpoint = *parsed;
  } else {
    config_status_ = Status::InvalidArgument("AWS_S3_ENDPOINT must be an origin (scheme://host[:port])");
  }
  if (credentials_.access_key_id.empty() || credentials_.secret_access_key.empty() ||
      !AllOf(credentials_.access_key_id, "-_.", true))
    config_status_ = Status::InvalidArgument("AWS_ACCESS_KEY_ID must be letters and digits, and a secret is required");
  if (!AllOf(options.region, aws ? "-" : "-_", !aws) || options.region.size() > 64)
    config_status_ = Status::InvalidArgument("AWS_REGION is not a valid region name");
  /// Virtual-hosted buckets are DNS labels; path-style ones may use S3's legacy characters.
  const bool bucket_ok = path_style ? AllOf(bucket_, "._-", true) && bucket_.size() <= 255
                                    : AllOf(bucket_, ".-", false) && bucket_.size() >= 3 && bucket_.size() <= 63 &&
                                          bucket_.front() != '.' && bucket_.front() != '-' && bucket_.back() != '.' &&
                                          bucket_.back() != '-';
  if (!bucket_ok)
    config_status_ = Status::InvalidArgument(std::string("AWS_S3_BUCKET is not a valid bucket name") +
                                             (path_style ? "" : " for virtual-hosted URLs (AWS_S3_PATH_STYLE=true?)"));
  if (!path_style) endpoint.host = bucket_ + "." + endpoint.host;
  scheme_ = endpoint.scheme;
  origin_ = endpoint.Origin();
  host_ = origin_.substr(scheme_.size() + 3);
  host_name_ = endpoint.host;
  port_ = endpoint.EffectivePort();
  path_prefix_ = path_style ? "/" + bucket_ : "";
}

std::string S3ObjectStore::ObjectPath(const std::string& key) const {
  return path_prefix_ + "/" + S3UriEncode(key, false);
}

std::string S3ObjectStore::ObjectUrl(const std::string& key) const { return origin_ + ObjectPath(key); }

Status S3ObjectStore::Perform(const char* method, const std::string& key, const SigV4Pairs& headers,
                              const std::string* upload, size_t max_body, S3Response* response,
                              StoreDeadline deadline) const {
  if (!config_status_.ok()) return config_status_;
  if (Status s = CheckKey(key); !s.ok()) return s;
  long request_ms = timeouts_.request_ms;
  if (deadline != kNoStoreDeadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return Status::Unavailable("the S3 server " + host_name_ + ":" + std::to_string(port_) +
                                 " timed out (no time left for " + method + ")");
    request_ms = std::min<long>(request_ms, static_cast<long>(left.count()));
  }

  SigV4Request request{method, ObjectPath(key), {}, headers, HexEncode(Sha256(upload ? *upload : ""))};
  request.headers.emplace_back("host", host_);
  const std::string authorization = SignHeaders(credentials_, std::time(nullptr), &request);

  /// Exactly the signed headers go out (Host included, so curl cannot send another spelling),
  /// plus the signature; "Expect:" skips the 100-continue round trip.
  std::unique_ptr<curl_slist, SlistDeleter> list;
  auto add = [&list](const std::string& line) { list.reset(curl_slist_append(list.release(), line.c_str())); };
  for (const auto& [name, value] : request.headers) add(name + ": " + value);
  add("Authorization: " + authorization);
  add("Expect:");

  EnsureCurlGlobalInit();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl || !list) return Status::Internal("could not create a curl handle");
  Transfer transfer{response, max_body};
  transfer.upload = upload;
  char errbuf[CURL_ERROR_SIZE] = {};
  const std::string url = ObjectUrl(key);
  const std::string method_name = method;

  HttpFetchOptions transport;
  transport.ca_file = ca_file_;
  transport.connect_timeout_ms = std::min(timeouts_.connect_ms, request_ms);
  transport.timeout_ms = request_ms;
  auto rc = static_cast<CURLcode>(SetHttpTransferOptions(curl.get(), url, transport, errbuf));
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl.get(), option, value);
  };
  set(CURLOPT_PATH_AS_IS, 1L);  // the path goes out exactly as signed
  set(CURLOPT_HTTPHEADER, list.get());
  set(CURLOPT_HEADERFUNCTION, &OnHeader);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  set(CURLOPT_WRITEFUNCTION, &OnBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  if (method_name == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else if (method_name == "PUT") {
    set(CURLOPT_UPLOAD, 1L);
    set(CURLOPT_READFUNCTION, &OnUpload);
    set(CURLOPT_READDATA, static_cast<void*>(&transfer));
    set(CURLOPT_SEEKFUNCTION, &OnSeek);
    set(CURLOPT_SEEKDATA, static_cast<void*>(&transfer));
    set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload->size()));
  }
  if (rc != CURLE_OK) return Status::Internal(std::string("could not configure curl: ") + curl_easy_strerror(rc));

  rc = curl_easy_perform(curl.get());
  if (response->too_large)
    return Status::ResourceExhausted("object " + key + " is larger than " + std::to_string(max_body) + " bytes");
  return CurlToStatus(rc, errbuf, "S3", host_name_, port_);
}

Status S3ObjectStore::HttpError(const char* method, const std::string& key, const S3Response& response) const {
  const std::string code = ErrorCode(response.body);
  const std::string what = std::string("S3 ") + method + " of " + bucket_ + "/" + key + " failed: HTTP " +
                           std::to_string(response.status) + (code.empty() ? "" : " " + code);
  const long s = response.status;
  if (s == 401 || s == 403) return Status::PermissionDenied(what);
  if (s == 404) return Status::NotFound(what);
  if (s == 408 || s == 429 || s >= 500) return Status::Unavailable(what);
  return Status::Internal(what);
}

StatusOr<std::optional<ObjectHead>> S3ObjectStore::Head(const std::string& key, StoreDeadline deadline) const {
  S3Response response;
  if (Status s = Perform("HEAD", key, {}, nullptr, std::numeric_limits<size_t>::max(), &response, deadline); !s.ok())
    return s;
  if (response.status == 404) return std::optional<ObjectHead>();
  if (!Is2xx(response.status)) return HttpError("HEAD", key, response);
  ObjectHead head;
  /// Without a readable Last-Modified the object counts as written at the epoch: stale, so
  /// AttachmentStore rewrites it rather than trusting it.
  head.written_at = ParseImfFixdate(response.Header("last-modified")).value_or(0);
  const std::string length = response.Header("content-length");
  if (!length.empty() && length.size() <= 15 && AllDigits(length)) head.size = std::stoull(length);
  return std::optional<ObjectHead>(head);
}

Status S3ObjectStore::Put(const std::string& key, const ObjectInfo& info, const std::string& bytes,
                          StoreDeadline deadline) const {
  SigV4Pairs headers = {{"content-type", SafeContentType(info.content_type)},
                        {"content-disposition", AttachmentDisposition(info.filename)}};
  if (!info.filename.empty()) headers.emplace_back("x-amz-meta-filename", PercentEncode(info.filename));
  S3Response response;
  if (Status s = Perform("PUT", key, headers, &bytes, kMaxErrorBody, &response, deadline); !s.ok()) return s;
  return Is2xx(response.status) ? Status::OK() : HttpError("PUT", key, response);
}

StatusOr<StoredObject> S3ObjectStore::Get(const std::string& key, size_t max_bytes) const {
  S3Response response;
  if (Status s = Perform("GET", key, {}, nullptr, max_bytes, &response); !s.ok()) return s;
  if (!Is2xx(response.status)) return HttpError("GET", key, response);
  StoredObject object;
  object.info.content_type = SafeContentType(response.Header("content-type"));
  object.info.filename = PercentDecode(response.Header("x-amz-meta-filename"), false).value_or("");
  object.bytes = std::move(response.body);
  return object;
}

std::string S3ObjectStore::SignedUrl(const std::string& key, const ObjectInfo& info, int64_t now,
                                     int64_t lifetime_s) const {
  const SigV4Request request{"GET",
                             ObjectPath(key),
                             {{"response-content-disposition", AttachmentDisposition(info.filename)},
                              {"response-content-type", SafeContentType(info.content_type)}},
                             {{"host", host_}},
                             kUnsignedPayload};
  return ObjectUrl(key) + "?" + PresignQuery(credentials_, now, lifetime_s, request);
}

StatusOr<std::string> S3ObjectStore::KeyOfSignedUrl(const std::string& url, int64_t now) const {
  if (!config_status_.ok()) return config_status_;
  if (url.size() > kMaxUrlBytes) return Refuse("the link is too long");
  const std::optional<Url> parsed = ParseHttpUrl(url);
  if (!parsed) return Refuse("not an http(s) URL without user information");
  if (parsed->has_fragment) return Refuse("the link has a fragment");
  if (parsed->scheme != scheme_ || parsed->host != host_name_ || parsed->EffectivePort() != port_ ||
      parsed->path.compare(0, path_prefix_.size() + 1, path_prefix_ + "/") != 0)
    return Refuse(kNotOurs);

  // The key: its path must be exactly the one SignedUrl writes for it.
  const std::optional<std::string> key = PercentDecode(parsed->path.substr(path_prefix_.size() + 1), false);
  if (!key || !CheckKey(*key).ok() || ObjectPath(*key) != parsed->path) return Refuse(kNotOurs);

  // The query: each parameter once. Our links never hold a raw '+', so reading it as a space
  // (form encoding) can only make a signature fail, never pass.
  const std::optional<ParamMap> params = ParseUrlEncoded(parsed->query);
  if (!params) return Refuse("malformed query");
  SigV4Request request{"GET", parsed->path, {}, {{"host", host_}}, kUnsignedPayload};
  for (const auto& [name, value] : *params) {
    if (params->count(name) > 1) return Refuse("repeated query parameter " + name);
    if (name != "X-Amz-Signature") request.query.emplace_back(name, value);
  }
  auto param = [&params](const char* name) {
    auto it = params->find(name);
    return it == params->end() ? std::string() : it->second;
  };
  if (param("X-Amz-Algorithm") != kSigV4Algorithm) return Refuse("not an AWS4-HMAC-SHA256 presigned link");
  if (param("X-Amz-SignedHeaders") != "host") return Refuse("the link must sign only the host header");
  const std::string amz_date = param("X-Amz-Date"), expires_text = param("X-Amz-Expires");
  const std::optional<int64_t> date = ParseAmzDate(amz_date);
  if (!date) return Refuse("bad X-Amz-Date");
  const std::string credential = param("X-Amz-Credential");
  if (credential.compare(0, credentials_.access_key_id.size() + 1, credentials_.access_key_id + "/") != 0)
    return Refuse("signed with another access key");
  if (credential != credentials_.access_key_id + "/" + CredentialScope(credentials_, amz_date))
    return Refuse("signed for another region, service or date");
  const bool digits = !expires_text.empty() && expires_text.size() <= 6 &&
                      expires_text.find_first_not_of("0123456789") == std::string::npos;
  const int64_t expires = digits ? std::stol(expires_text) : 0;
  if (expires < 1 || expires > kMaxPresignSeconds) return Refuse("bad X-Amz-Expires");
  if (!ConstantTimeEquals(param("X-Amz-Signature"), SignatureHex(credentials_, amz_date, request)))
    return Refuse("bad signature");
  if (*date > now + kMaxClockSkew) return Refuse("the link is dated in the future");
  if (now >= *date + expires) return Refuse("link expired");
  return *key;
}

}  // namespace mail_mcp
