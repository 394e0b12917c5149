// The request and response values our route handlers see.
//
// Handlers never touch cpp-httplib: the server (http_server.cc) converts to and from these plain
// values, so routes can be unit-tested without sockets and httplib.h stays in one translation unit
// (it is large and slow to compile).
//
// Thread-safety: plain values; each request is handled on one worker thread.
#pragma once

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

struct HttpRequest {
  std::string method;
  std::string path;   // decoded path, no query
  std::string query;  // raw query string without '?'
  std::string body;
  std::string remote_addr;
  std::string request_id;
  std::multimap<std::string, std::string, HeaderNameLess> headers;

  /// The first value of header `name`, or "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
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
};

}  // namespace mail_mcp
