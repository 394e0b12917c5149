// The request and response values our route handlers see.
//
// Handlers never touch cpp-httplib: the server (http_server.cc) converts to and from these plain
// values, so routes can be unit-tested without sockets and httplib.h stays in one translation unit
// (it is large and slow to compile).
//
// Thread-safety: plain values; each request is handled on one worker thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/url_encoding.h"

namespace mail_mcp {

/// Case-insensitive ordering for header names (RFC 9110 §5.1).
struct HeaderNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct HttpResponse;

struct HttpRequest {
  std::string method;
  std::string path;   // decoded path, no query
  std::string query;  // raw query string without '?'
  std::string body;
  /// The client's address: the TCP peer, or behind a trusted proxy the address it forwarded
  /// (http/client_address.h). Per-client limits and the log use this one.
  std::string remote_addr;
  /// The TCP peer itself (the proxy, when there is one).
  std::string peer_addr;
  std::string request_id;
  std::multimap<std::string, std::string, HeaderNameLess> headers;
  /// Set by the server for routes that read their body themselves (RouteTraits::handler_reads_body):
  /// fills `body`, or writes the error response (413, 400, ...) and returns false.
  std::function<bool(HttpRequest&, HttpResponse&)> body_reader;

  /// The first value of header `name`, or "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  /// Makes `body` available: a route that reads its body itself calls this once its checks on the
  /// head have passed, so a request it refuses (401, 415) is never parsed. Without a reader (tests,
  /// and routes whose body the server reads first) the body is already there: true.
  bool ReadBody(HttpResponse& res);
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// When set, the body is this file, streamed in chunks (attachments can be tens of megabytes)
  /// with `content_type`; `body` is ignored.
  std::string file_path;

  void SetHeader(std::string name, std::string value);
  void Json(int status, std::string body);
  void Html(int status, std::string body);
  /// 302 to `location`.
  void Redirect(std::string location);

  /// Extra fields for this request's log line (e.g. the JSON-RPC method, a refusal's reason
  /// category). Never a secret: no token, code, password or query string.
  std::vector<std::pair<std::string, std::string>> log_fields;
  void LogField(std::string name, std::string value) { log_fields.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace mail_mcp
