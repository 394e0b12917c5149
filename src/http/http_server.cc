#include "http/http_server.h"

// GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s <regex> (which httplib uses) when building
// with sanitizers: a known false positive (GCC bug 105562), silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// httplib listens with a backlog of 5: a burst of clients (64 concurrent MCP requests in
// scripts/bench-footprint) overflowed it and waited out TCP SYN retries of 1, 3, 7 and 15 s.
#define CPPHTTPLIB_LISTEN_BACKLOG 1024
// httplib writes a response's headers and body separately. Without TCP_NODELAY, Nagle's algorithm
// holds the second write until the client ACKs the first, which a client with delayed ACKs does
// after ~40 ms: every request on a kept-alive connection stalled that long (GET /health: 183 req/s
// from 8 kept-alive clients). Set on the listening socket, it is inherited by accepted sockets.
#define CPPHTTPLIB_TCP_NODELAY true
#include <httplib.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "crypto/random.h"
#include "util/json_escape.h"

namespace mail_mcp {
namespace {

/// Written on the worker thread before routing, read by the logger on the same thread afterwards.
thread_local std::chrono::steady_clock::time_point t_started;
thread_local std::string t_request_id;

std::string UtcTimestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  int ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

const char* kCorsAllowHeaders =
    "Authorization, Content-Type, MCP-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-ID";
const char* kCorsExposeHeaders = "WWW-Authenticate, Mcp-Session-Id, X-Request-Id";

}  // namespace

struct HttpServer::RouteEntry {
  HttpHandler handler;
  Cors cors;
  size_t max_body;
};

class HttpServer::Impl {
 public:
  explicit Impl(HttpServerOptions o) : options(std::move(o)) {}

  HttpServerOptions options;
  httplib::Server server;
  std::map<std::string, std::map<std::string, RouteEntry>> routes;  // path -> method -> route
  std::mutex log_mutex;

  const std::map<std::string, RouteEntry>* FindPath(const std::string& path) const {
    auto it = routes.find(path);
    if (it != routes.end()) return &it->second;
    for (const auto& [pattern, methods] : routes) {
      size_t n = pattern.size();
      if (n >= 2 && pattern.compare(n - 2, 2, "/*") == 0 && path.size() > n - 1 &&
          path.compare(0, n - 1, pattern, 0, n - 1) == 0)
        return &methods;
    }
    return nullptr;
  }

  static void ApplyCors(Cors cors, const httplib::Request& req, httplib::Response& res) {
    if (cors == Cors::kNone) return;
    std::string origin = req.get_header_value("Origin");
    if (cors == Cors::kAnyOrigin) {
      res.set_header("Access-Control-Allow-Origin", "*");
    } else if (!origin.empty()) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    res.set_header("Access-Control-Expose-Headers", kCorsExposeHeaders);
  }

  static std::string AllowList(const std::map<std::string, RouteEntry>& methods) {
    std::string allow;
    for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m.first;
    if (!methods.count("OPTIONS")) allow += ", OPTIONS";
    return allow;
  }

  /// Runs before the body is read: assigns the request id, answers preflights, enforces body limits.
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    t_request_id = RandomHex(8);
    res.set_header("X-Request-Id", t_request_id);
    const auto* methods = FindPath(req.path);
    if (!methods) {
      res.status = 404;
      res.set_content(R"({"error":"not_found","error_description":"no such endpoint"})", "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    auto route = methods->find(req.method == "HEAD" ? "GET" : req.method);
    if (req.method == "OPTIONS" && route == methods->end()) {
      Cors cors = methods->begin()->second.cors;
      res.status = 204;
      ApplyCors(cors, req, res);
      if (cors != Cors::kNone) {
        res.set_header("Access-Control-Allow-Methods", AllowList(*methods));
        res.set_header("Access-Control-Allow-Headers", kCorsAllowHeaders);
        res.set_header("Access-Control-Max-Age", "600");
      }
      res.set_header("Allow", AllowList(*methods));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (route == methods->end()) {
      res.status = 405;
      res.set_header("Allow", AllowList(*methods));
      ApplyCors(methods->begin()->second.cors, req, res);
      res.set_content(R"({"error":"method_not_allowed","error_description":"method not allowed on this endpoint"})",
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    size_t limit = route->second.max_body ? route->second.max_body : options.max_body_bytes;
    if (req.has_header("Content-Length")) {
      // A body somewhat over the limit is read (and dropped by Dispatch) before the 413: answering
      // while the client is still sending makes us close on it, and it sees a reset, not the 413.
      // Only bodies beyond any honest mistake are refused unread.
      const std::string& len = req.get_header_value("Content-Length");
      if (len.size() > 12 || std::strtoull(len.c_str(), nullptr, 10) > limit + options.max_body_bytes) {
        res.status = 413;
        ApplyCors(route->second.cors, req, res);
        res.set_content(R"({"error":"payload_too_large","error_description":"request body is too large"})",
                        "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    const auto* methods = FindPath(req.path);
    const RouteEntry& route = methods->at(req.method == "HEAD" ? "GET" : req.method);
    size_t limit = route.max_body ? route.max_body : options.max_body_bytes;
    ApplyCors(route.cors, req, res);
    if (req.body.size() > limit) {  // chunked bodies carry no Content-Length
      res.status = 413;
      res.set_content(R"({"error":"payload_too_large","error_description":"request body is too large"})",
                      "application/json");
      return;
    }
    HttpRequest r;
    r.method = req.method;
    r.path = req.path;
    size_t q = req.target.find('?');
    if (q != std::string::npos) r.query = req.target.substr(q + 1);
    r.body = req.body;
    r.remote_addr = req.remote_addr;
    r.request_id = t_request_id;
    for (const auto& [k, v] : req.headers) r.headers.emplace(k, v);
    HttpResponse out;
    route.handler(r, out);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    if (!out.file_path.empty()) {
      StreamFile(out, res);
    } else if (!out.body.empty() || !out.content_type.empty()) {
      res.set_content(std::move(out.body), out.content_type);  // 15 KiB for tools/list: moved, not copied
    }
  }

  /// Sends the file in 64 KiB chunks, so memory per download stays small whatever the file's size.
  static void StreamFile(const HttpResponse& out, httplib::Response& res) {
    std::shared_ptr<std::FILE> file(std::fopen(out.file_path.c_str(), "rb"), [](std::FILE* f) {
      if (f) std::fclose(f);
    });
    struct stat st {};
    if (!file || ::fstat(::fileno(file.get()), &st) != 0) {
      res.status = 404;
      res.set_content(R"({"error":"not_found","error_description":"no such attachment"})", "application/json");
      return;
    }
    res.set_content_provider(size_t(st.st_size), out.content_type,
                             [file](size_t offset, size_t length, httplib::DataSink& sink) {
                               char buf[64 * 1024];
                               if (std::fseek(file.get(), long(offset), SEEK_SET) != 0) return false;
                               size_t n = std::fread(buf, 1, std::min(length, sizeof buf), file.get());
                               return n > 0 && sink.write(buf, n);
                             });
  }

  void Log(const httplib::Request& req, const httplib::Response& res) {
    double ms = 0;
    if (t_started.time_since_epoch().count() != 0)
      ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", ms);
    // Only the path: query strings carry authorization codes and client ids.
    std::string line = "{\"time\":\"" + UtcTimestamp() + "\",\"method\":" + JsonQuote(req.method) +
                       ",\"path\":" + JsonQuote(req.path.substr(0, 256)) + ",\"status\":" + std::to_string(res.status) +
                       ",\"duration_ms\":" + duration + ",\"request_id\":\"" + t_request_id + "\"}\n";
    t_started = {};
    t_request_id.clear();
    std::lock_guard<std::mutex> lock(log_mutex);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  }
};

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;

void HttpServer::Route(const std::string& method, const std::string& path, HttpHandler handler, Cors cors,
                       size_t max_body) {
  impl_->routes[path][method] = RouteEntry{std::move(handler), cors, max_body};
}

Status HttpServer::Run(const std::function<void(int)>& on_listening) {
  Impl& d = *impl_;
  auto& s = d.server;
  size_t threads = d.options.worker_threads, queued = d.options.max_queued;
  s.new_task_queue = [threads, queued] { return new httplib::ThreadPool(threads, queued); };
  s.set_payload_max_length(2 * d.options.max_body_bytes);  // see PreRoute: oversized bodies are drained
  s.set_read_timeout(d.options.read_timeout_s, 0);
  s.set_write_timeout(d.options.write_timeout_s, 0);
  s.set_keep_alive_max_count(100);
  // An idle kept-alive connection holds a worker thread until this timeout: short, so idle clients
  // cannot starve the pool (64 idle clients and 32 workers delayed a burst by ~7 s at 5 s).
  s.set_keep_alive_timeout(2);
  s.set_pre_routing_handler([&d](const httplib::Request& req, httplib::Response& res) { return d.PreRoute(req, res); });
  auto dispatch = [&d](const httplib::Request& req, httplib::Response& res) { d.Dispatch(req, res); };
  // PreRoute has already rejected unknown paths and methods, so one catch-all per method suffices.
  s.Get(".*", dispatch);
  s.Post(".*", dispatch);
  s.Put(".*", dispatch);
  s.Delete(".*", dispatch);
  s.Options(".*", dispatch);
  s.Patch(".*", dispatch);
  s.set_logger([&d](const httplib::Request& req, const httplib::Response& res) { d.Log(req, res); });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(R"({"error":"server_error","error_description":"internal error"})", "application/json");
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string code = res.status == 413 ? "payload_too_large" : res.status >= 500 ? "server_error" : "bad_request";
    res.set_content("{\"error\":\"" + code + "\"}", "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  if (!s.bind_to_port(d.options.host, d.options.port))
    return Status::Unavailable("cannot listen on " + d.options.host + ":" + std::to_string(d.options.port));
  if (on_listening) on_listening(d.options.port);
  s.listen_after_bind();
  return Status::OK();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace mail_mcp
