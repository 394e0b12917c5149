// The HTTP front door: our connection loop and worker pool, cpp-httplib for HTTP/1.1 itself, and our
// routing, limits, logging and shutdown.
//
// Connections are owned by a ConnectionLoop (connection_loop.h): idle kept-alive connections and
// requests still arriving hold no thread, and each request reaches a worker only once its head and
// body are complete (within HTTP_HEADER_TIMEOUT_MS and HTTP_BODY_TIMEOUT_MS). A worker then runs
// cpp-httplib's request parser, our routing and the handler over the buffered bytes, writes the
// response, and gives the connection back. Routes marked `fast` (health, metadata) are served by a
// lane of workers that slow tool calls cannot take over (worker_pool.h).
//
// Routes are exact (method, path) pairs; a path ending in "/*" matches every path under it. The
// server adds what every route needs: the client address (behind TRUSTED_PROXIES, the forwarded
// one), a request id (X-Request-Id: the client's own when well-formed, else a fresh one), one JSON
// log line per request on stdout (never a query string, header value or body: those carry codes,
// tokens and passwords; routes add their own fields, such as the JSON-RPC method), per-route body
// limits (413), 404/405 as JSON, CORS preflight for routes that allow browsers, and a graceful stop.
// The body of a POST is read by the server before the handler runs, never by cpp-httplib's
// multipart parser; a route can instead read it itself after checking the head (RouteTraits).
//
// Thread-safety: configure (Route, options) before Run(); handlers then run concurrently on the
// worker pool and must be thread-safe. Stop() may be called from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/http_types.h"
#include "util/ip_address.h"
#include "util/status.h"

namespace mail_mcp {

using HttpHandler = std::function<void(HttpRequest&, HttpResponse&)>;

/// Where to listen, how many requests to serve at once and the client limits come from the
/// configuration (HOST, PORT, WORKER_THREADS, TRUSTED_PROXIES, MAX_CONNECTIONS_PER_CLIENT,
/// HTTP_HEADER_TIMEOUT_MS, HTTP_BODY_TIMEOUT_MS, where their defaults live); the rest are fixed.
struct HttpServerOptions {
  std::string host;
  int port = 0;               // 0: any free port (Run's callback tells which)
  size_t worker_threads = 0;  // IMAP/SMTP calls block a worker, so more than the core count
  std::vector<IpNetwork> trusted_proxies;
  size_t max_connections_per_client = 512;
  int header_timeout_ms = 10000;
  int body_timeout_ms = 30000;
  int write_timeout_s = 30;         // a response write that makes no progress for this long fails
  size_t max_body_bytes = 1 << 20;  // the largest any route accepts; routes may set lower limits
  bool access_log = true;           // one JSON line per request on stdout (tests turn it off)
};

/// Per-route CORS policy for browser clients (MCP Inspector and the like).
enum class Cors {
  kNone,        // no CORS headers
  kAnyOrigin,   // Access-Control-Allow-Origin: * (discovery, token: no cookies, nothing ambient)
  kEchoOrigin,  // echo the request's Origin; the route itself decides whether that origin is allowed
};

/// How a route is served beyond its method, path, CORS policy and body limit.
struct RouteTraits {
  /// Cheap and never waits on anything (health, metadata): served by the fast lane.
  bool fast = false;
  /// The handler calls HttpRequest::ReadBody itself, after its checks on the head.
  bool handler_reads_body = false;
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// `max_body` 0 means the server-wide limit.
  void Route(const std::string& method, const std::string& path, HttpHandler handler, Cors cors = Cors::kNone,
             size_t max_body = 0, RouteTraits traits = {});

  /// Binds and serves until Stop(); returns an error if the address cannot be bound.
  Status Run(const std::function<void(int port)>& on_listening = nullptr);
  /// Stops accepting, lets in-flight requests finish, then makes Run() return.
  void Stop();

 private:
  struct RouteEntry;
  class Impl;

  std::unique_ptr<Impl> impl_;
};

}  // namespace mail_mcp
