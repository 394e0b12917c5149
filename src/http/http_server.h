// The HTTP front door: a bounded cpp-httplib server with our routing, limits, logging and shutdown.
//
// Routes are exact (method, path) pairs; a path ending in "/*" matches every path under it. The server adds what every
// route needs: a request id (X-Request-Id), one JSON log line per request on stdout (never a query string, header value
// or body: those carry codes, tokens and passwords), per-route body limits (413), 404/405 as JSON, CORS preflight for
// routes that allow browsers, and a graceful stop.
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
#include "util/status.h"

namespace mail_mcp {

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;

/// Where to listen and how many requests to serve at once come from the configuration (HOST, PORT,
/// WORKER_THREADS, where their defaults live); the rest are fixed limits.
struct HttpServerOptions {
  std::string host;
  int port = 0;               // 0: any free port (Run's callback tells which)
  size_t worker_threads = 0;  // IMAP/SMTP calls block a worker, so more than the core count
  size_t max_queued = 256;    // connections beyond this are closed at once rather than queued forever
  int read_timeout_s = 30;
  int write_timeout_s = 30;
  size_t max_body_bytes = 1 << 20;  // the largest any route accepts; routes may set lower limits
};

/// Per-route CORS policy for browser clients (MCP Inspector and the like).
enum class Cors {
  kNone,        // no CORS headers
  kAnyOrigin,   // Access-Control-Allow-Origin: * (discovery, token: no cookies, nothing ambient)
  kEchoOrigin,  // echo the request's Origin; the route itself decides whether that origin is allowed
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// `max_body` 0 means the server-wide limit.
  void Route(const std::string& method, const std::string& path, HttpHandler handler, Cors cors = Cors::kNone,
             size_t max_body = 0);

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
