// HttpFetch: one HTTP(S) request to a server we are a client of (an OAuth provider's discovery
// document, token and userinfo endpoints), through libcurl.
//
// The rules of every other connection apply (CurlMailHandle's): certificates verified against
// HttpFetchOptions::ca_file, bounded connect and total timeouts, no signals. Only http and https, and
// plain http only to a loopback host (anything else would carry codes, secrets and tokens in clear);
// redirects are never followed (an endpoint that moves is a configuration to fix, not a hop to trust).
// The response body is bounded: past max_response_bytes the transfer stops with ResourceExhausted.
// An HTTP error status is a reply, not a failure: callers read their protocol's error body.
//
// Thread-safety: HttpFetch is reentrant; each call uses its own curl handle and connection.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "util/status.h"

typedef void CURL;

namespace mail_mcp {

struct HttpFetchOptions {
  std::string ca_file;
  long connect_timeout_ms = 10000;
  long timeout_ms = 30000;
  size_t max_response_bytes = size_t{1} << 20;
};

struct HttpFetchRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::vector<std::string> headers;  // "Name: value" lines, e.g. "Authorization: Basic …"
  std::string body;                  // sent with POST, as is (set a Content-Type header)
};

struct HttpFetchReply {
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case; the last of a repeated header
  std::string body;

  std::string Header(const std::string& lower_name) const;
};

/// What every HTTP(S) transfer of ours sets on its easy handle (HttpFetch's, the S3 store's): `url`,
/// http and https only, no redirects, certificates verified against options.ca_file with TLS 1.2 or
/// newer, the connect and total timeouts, no signals, and `errbuf` (CURL_ERROR_SIZE bytes) for
/// curl's detail. Returns CURLE_OK, or the code of the first option curl refused.
int SetHttpTransferOptions(CURL* curl, const std::string& url, const HttpFetchOptions& options, char* errbuf);

/// Sends `request`. InvalidArgument for a URL that is not http(s), http to a non-loopback host, or a
/// header or body with a CR/LF where it cannot be; Unavailable when the server cannot be reached,
/// trusted, or timed out (the message names the host, never the body or headers); ResourceExhausted
/// for a body larger than the limit. `what` names the server in messages, e.g. "sign-in provider".
StatusOr<HttpFetchReply> HttpFetch(const HttpFetchRequest& request, const HttpFetchOptions& options,
                                   const std::string& what);

}  // namespace mail_mcp
