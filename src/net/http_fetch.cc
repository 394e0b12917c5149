#include "net/http_fetch.h"

#include <curl/curl.h>

#include <memory>

#include "net/curl_global.h"
#include "net/curl_status.h"
#include "util/ascii.h"
#include "util/url.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

struct Transfer {
  HttpFetchReply* reply;
  size_t max_body;
  size_t header_bytes = 0;
  bool too_large = false;
};

size_t OnHeader(char* data, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > kMaxHeaderBytes) {
    t->too_large = true;
    return 0;
  }
  std::string_view line = TrimRight(std::string_view(data, n), "\r\n");
  if (line.substr(0, 5) == "HTTP/") {
    /// A new response begins (after a "100 Continue", say): forget the previous one's headers.
    t->reply->headers.clear();
    const size_t space = line.find(' ');
    t->reply->status = space == std::string_view::npos ? 0 : std::atol(std::string(line.substr(space + 1)).c_str());
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  t->reply->headers[ToLowerAscii(line.substr(0, colon))] = std::string(Trim(line.substr(colon + 1)));
  return n;
}

size_t OnBody(char* data, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const size_t n = size * count;
  if (t->reply->body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;  // curl aborts with CURLE_WRITE_ERROR
  }
  t->reply->body.append(data, n);
  return n;
}

bool HasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

int SetHttpTransferOptions(CURL* curl, const std::string& url, const HttpFetchOptions& options, char* errbuf) {
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, option, value);
  };
  set(CURLOPT_ERRORBUFFER, errbuf);
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_CAINFO, options.ca_file.c_str());
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  set(CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  set(CURLOPT_TIMEOUT_MS, options.timeout_ms);
  set(CURLOPT_NOSIGNAL, 1L);
  return rc;
}

std::string HttpFetchReply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

StatusOr<HttpFetchReply> HttpFetch(const HttpFetchRequest& request, const HttpFetchOptions& options,
                                   const std::string& what) {
  auto url = ParseHttpUrl(request.url);
  if (!url) return Status::InvalidArgument("the " + what + " URL is not an absolute http(s) URL");
  if (url->scheme != "https" && !IsLoopbackHost(url->host))
    return Status::InvalidArgument("the " + what + " URL must use https");
  if (request.method != "GET" && request.method != "POST")
    return Status::InvalidArgument("unsupported HTTP method " + request.method);
  /// curl would send a header line holding CR/LF as two lines: a header injection.
  for (const std::string& h : request.headers)
    if (HasLineBreak(h)) return Status::InvalidArgument("an HTTP header for the " + what + " contains a line break");

  std::unique_ptr<curl_slist, SlistDeleter> list;
  for (const std::string& h : request.headers) {
    list.reset(curl_slist_append(list.release(), h.c_str()));
    if (!list) return Status::Internal("could not build the request headers");
  }
  EnsureCurlGlobalInit();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("could not create a curl handle");

  HttpFetchReply reply;
  Transfer transfer{&reply, options.max_response_bytes};
  char errbuf[CURL_ERROR_SIZE] = {};
  auto rc = static_cast<CURLcode>(SetHttpTransferOptions(curl.get(), request.url, options, errbuf));
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl.get(), option, value);
  };
  set(CURLOPT_HTTPHEADER, list.get());
  set(CURLOPT_HEADERFUNCTION, &OnHeader);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  set(CURLOPT_WRITEFUNCTION, &OnBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  if (request.method == "POST") {
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.c_str());
  }
  if (rc != CURLE_OK) return Status::Internal(std::string("could not configure curl: ") + curl_easy_strerror(rc));

  rc = curl_easy_perform(curl.get());
  if (transfer.too_large)
    return Status::ResourceExhausted("the response of the " + what + " " + url->host + " is too large");
  if (Status s = CurlToStatus(rc, errbuf, what, url->host, url->EffectivePort()); !s.ok()) return s;
  return reply;
}

}  // namespace mail_mcp
