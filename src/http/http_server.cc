#include "http/http_server.h"

// GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s <regex> (which httplib uses) when building
// with sanitizers: a known false positive (GCC bug 105562), silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// httplib listens with a backlog of 5: a burst of clients (64 concurrent MCP requests in
// scripts/bench-footprint) overflowed it and waited out TCP SYN retries of 1, 3, 7 and 15 s.
#define CPPHTTPLIB_LISTEN_BACKLOG 1024
// The connection loop ends a head at a bare LF too (RFC 9112 §2.2 allows it); httplib must agree.
#define CPPHTTPLIB_ALLOW_LF_AS_LINE_TERMINATOR
// poll(), not select(): descriptors above FD_SETSIZE (1024) are normal with many connections.
#define CPPHTTPLIB_USE_POLL
#include <httplib.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>

#include "crypto/random.h"
#include "http/client_address.h"
#include "http/connection_loop.h"
#include "http/worker_pool.h"
#include "util/ascii.h"
#include "util/json_escape.h"

namespace mail_mcp {
namespace {

/// What the log line of the request on this worker thread says beyond httplib's request and
/// response; reset for each request, filled by PreRoute and Dispatch.
struct RequestLog {
  std::chrono::steady_clock::time_point started;
  std::string request_id;
  std::string client;
  std::vector<std::pair<std::string, std::string>> fields;
  bool routed = false;  // PreRoute ran: httplib parsed the head
};
thread_local RequestLog t_log;

/// The stream of the request being served on this worker thread (Dispatch reads bodies from it).
thread_local httplib::Stream* t_stream = nullptr;

constexpr size_t kKeepAliveMaxRequests = 1000;
constexpr auto kIdleTimeout = std::chrono::seconds(60);
/// Workers that serve only fast routes (health, metadata), whatever the others wait on.
constexpr size_t kFastOnlyWorkers = 2;

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

/// A client's X-Request-Id is reused when it is a plain id (1-64 of [A-Za-z0-9._:-], as UUIDs and
/// the ids of common proxies are), so one id follows the request through the proxy's log and ours.
bool IsWellFormedRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(IsAsciiAlnum(c) || c == '.' || c == '_' || c == ':' || c == '-')) return false;
  return true;
}

void WriteLogLine(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

std::vector<std::string> HeaderValues(const httplib::Request& req, const char* name) {
  std::vector<std::string> out;
  auto range = req.headers.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

const char* kCorsAllowHeaders =
    "Authorization, Content-Type, MCP-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-ID";
const char* kCorsExposeHeaders = "WWW-Authenticate, Mcp-Session-Id, X-Request-Id";

/// httplib's Stream over one buffered request: reads come from the connection's buffer (the loop
/// has already received the whole request), and end at the request's last byte; writes go to the
/// socket, waiting at most `write_timeout` for each bit of progress.
class BufferedRequestStream final : public httplib::Stream {
 public:
  BufferedRequestStream(const Connection& c, std::chrono::milliseconds write_timeout)
      : c_(c), write_timeout_(write_timeout), swallow_continue_(c.sent_continue) {}

  bool is_readable() const override { return pos_ < c_.request_bytes; }
  bool is_writable() const override {
    pollfd p{c_.fd, POLLOUT, 0};
    return ::poll(&p, 1, int(write_timeout_.count())) > 0 && !(p.revents & (POLLERR | POLLHUP));
  }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, c_.request_bytes - pos_);
    std::memcpy(ptr, c_.buffer.data() + pos_, n);
    pos_ += n;
    return ssize_t(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (swallow_continue_ && Swallow(ptr, size)) return ssize_t(size);
    size_t sent = 0;
    while (sent < size) {
      ssize_t n = ::send(c_.fd, ptr + sent, size - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += size_t(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && is_writable()) continue;
      return -1;
    }
    return ssize_t(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.peer;
    port = c_.peer_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }

 private:
  /// The loop already answered "Expect: 100-continue" (it reads the body before httplib runs), so
  /// httplib's own "100 Continue", written as a status line and then CRLF, is dropped.
  bool Swallow(const char* ptr, size_t size) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    std::string_view data(ptr, size);
    if (kContinue.substr(swallowed_).substr(0, size) != data) {
      swallow_continue_ = false;
      return false;
    }
    swallowed_ += size;
    if (swallowed_ == kContinue.size()) swallow_continue_ = false;
    return true;
  }

  const Connection& c_;
  std::chrono::milliseconds write_timeout_;
  size_t pos_ = 0;
  bool swallow_continue_;
  size_t swallowed_ = 0;
};

/// httplib's server, used for HTTP/1.1 itself (parsing, routing hooks, writing responses) on the
/// streams we hand it, not for accepting or keeping connections.
class Engine final : public httplib::Server {
 public:
  bool Serve(httplib::Stream& stream, const Connection& c, bool close_connection, bool& connection_closed) {
    return process_request(stream, c.peer, c.peer_port, c.local, c.local_port, close_connection, connection_closed,
                           nullptr);
  }
  int ListenSocket() const { return svr_sock_; }
};

}  // namespace

struct HttpServer::RouteEntry {
  HttpHandler handler;
  Cors cors;
  size_t max_body;
  RouteTraits traits;
};

class HttpServer::Impl {
 public:
  explicit Impl(HttpServerOptions o) : options(std::move(o)) {}

  HttpServerOptions options;
  Engine engine;
  std::map<std::string, std::map<std::string, RouteEntry>> routes;  // path -> method -> route
  std::mutex stop_mutex;
  bool stopping = false;
  ConnectionLoop* loop = nullptr;  // while Run() runs

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

  const RouteEntry* FindRoute(const std::string& method, const std::string& path) const {
    const auto* methods = FindPath(path);
    if (!methods) return nullptr;
    auto route = methods->find(method == "HEAD" ? "GET" : method);
    return route == methods->end() ? nullptr : &route->second;
  }

  /// Preflights and 404s are as cheap as health checks.
  bool IsFast(const RequestHead& head) const {
    if (head.method == "OPTIONS") return true;
    const auto* methods = FindPath(head.path);
    if (!methods) return true;
    const RouteEntry* route = FindRoute(head.method, head.path);
    return route && route->traits.fast;
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

  static void JsonError(httplib::Response& res, int status, const char* error, const char* description) {
    res.status = status;
    res.set_content(std::string("{\"error\":\"") + error + "\",\"error_description\":\"" + description + "\"}",
                    "application/json");
  }

  /// Runs once the head is parsed: the client address, the request id, preflights, 404/405 and the
  /// declared body size.
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    t_log.routed = true;
    t_log.client = ResolveClientAddress(req.remote_addr, HeaderValues(req, "X-Forwarded-For"),
                                        HeaderValues(req, "Forwarded"), options.trusted_proxies);
    std::string incoming_id = req.get_header_value("X-Request-Id");
    t_log.request_id = IsWellFormedRequestId(incoming_id) ? incoming_id : RandomHex(8);
    res.set_header("X-Request-Id", t_log.request_id);
    const auto* methods = FindPath(req.path);
    if (!methods) {
      JsonError(res, 404, "not_found", "no such endpoint");
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
      res.set_header("Allow", AllowList(*methods));
      ApplyCors(methods->begin()->second.cors, req, res);
      JsonError(res, 405, "method_not_allowed", "method not allowed on this endpoint");
      return httplib::Server::HandlerResponse::Handled;
    }
    // The loop has the whole body already; a declared length over the route's limit is refused
    // before anything parses it.
    size_t limit = route->second.max_body ? route->second.max_body : options.max_body_bytes;
    if (req.get_header_value_u64("Content-Length") > limit) {
      ApplyCors(route->second.cors, req, res);
      JsonError(res, 413, "payload_too_large", "request body is too large");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  /// Reads the body of `req` (decoding chunked framing) into `body`, at most `limit` bytes.
  /// httplib has not read it (POST, PUT, PATCH and DELETE go to content-reader handlers, so its
  /// multipart parser never runs); other methods' bodies httplib read itself.
  static bool ReadBody(const httplib::Request& req, size_t limit, std::string* body, HttpResponse& out) {
    const bool has_reader =
        req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
    if (!has_reader || t_stream == nullptr) {
      *body = req.body;
      return true;
    }
    int status = 400;
    bool too_large = false;
    // httplib's chunked reader adds trailer fields to the request's headers, so it wants it
    // mutable: the Request is process_request's own local, handed to handlers as const.
    bool ok = httplib::detail::read_content(
        *t_stream, const_cast<httplib::Request&>(req), limit, status, nullptr,
        [&](const char* data, size_t n, uint64_t, uint64_t) {
          if (body->size() + n > limit) {
            too_large = true;
            return false;
          }
          body->append(data, n);
          return true;
        },
        /*decompress=*/true);
    if (ok) return true;
    body->clear();
    if (too_large || status == 413)
      out.Json(413, R"({"error":"payload_too_large","error_description":"request body is too large"})");
    else if (status == 415)
      out.Json(415, R"({"error":"unsupported_media_type","error_description":"unsupported Content-Encoding"})");
    else out.Json(400, R"({"error":"bad_request","error_description":"malformed request body"})");
    return false;
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    const RouteEntry& route = *FindRoute(req.method, req.path);
    size_t limit = route.max_body ? route.max_body : options.max_body_bytes;
    ApplyCors(route.cors, req, res);
    HttpRequest r;
    r.method = req.method;
    r.path = req.path;
    size_t q = req.target.find('?');
    if (q != std::string::npos) r.query = req.target.substr(q + 1);
    r.remote_addr = t_log.client;
    r.peer_addr = req.remote_addr;
    r.request_id = t_log.request_id;
    for (const auto& [k, v] : req.headers)
      if (k != "REMOTE_ADDR" && k != "REMOTE_PORT" && k != "LOCAL_ADDR" && k != "LOCAL_PORT") r.headers.emplace(k, v);
    HttpResponse out;
    if (route.traits.handler_reads_body) {
      r.body_reader = [&req, limit](HttpRequest& self, HttpResponse& o) { return ReadBody(req, limit, &self.body, o); };
      route.handler(r, out);
    } else if (ReadBody(req, limit, &r.body, out)) {
      route.handler(r, out);
    }
    t_log.fields = std::move(out.log_fields);
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
      JsonError(res, 404, "not_found", "no such attachment");
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
    if (!options.access_log) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_log.started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", ms);
    // Only the path: query strings carry authorization codes and client ids.
    std::string line = "{\"time\":\"" + UtcTimestamp() + "\",\"method\":" + JsonQuote(req.method.substr(0, 16)) +
                       ",\"path\":" + JsonQuote(req.path.substr(0, 256)) + ",\"status\":" + std::to_string(res.status) +
                       ",\"duration_ms\":" + duration + ",\"request_id\":" + JsonQuote(t_log.request_id) +
                       ",\"client\":" + JsonQuote(t_log.client);
    for (const auto& [name, value] : t_log.fields)
      line += "," + JsonQuote(name) + ":" + JsonQuote(value.substr(0, 200));
    line += "}\n";
    WriteLogLine(line);
  }

  /// One request of `c`, on a worker: httplib parses it from the buffer, routes it and writes the
  /// response; then the connection goes back to the loop.
  void Serve(ConnectionLoop& loop, Connection* c) {
    t_log = RequestLog{};
    t_log.started = std::chrono::steady_clock::now();
    t_log.client = c->peer;
    t_log.request_id = RandomHex(8);
    BufferedRequestStream stream(*c, std::chrono::seconds(options.write_timeout_s));
    t_stream = &stream;
    bool stopping_now;
    {
      std::lock_guard<std::mutex> lock(stop_mutex);
      stopping_now = stopping;
    }
    const bool last = stopping_now || size_t(c->requests) + 1 >= kKeepAliveMaxRequests;
    bool closed = false;
    bool written = engine.Serve(stream, *c, last, closed);
    t_stream = nullptr;
    // A head httplib could not parse (never routed) may have been framed differently from what the
    // loop thought: close rather than guess where the next request starts.
    loop.Finished(c, written && !closed && !last && t_log.routed);
  }

  void LogRefusal(const Connection& c, int status, const char* reason) {
    if (!options.access_log) return;
    std::string line = "{\"time\":\"" + UtcTimestamp() + "\",\"status\":" + std::to_string(status) +
                       ",\"client\":" + JsonQuote(c.peer) + ",\"reason\":" + JsonQuote(reason) + "}\n";
    WriteLogLine(line);
  }
};

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;

void HttpServer::Route(const std::string& method, const std::string& path, HttpHandler handler, Cors cors,
                       size_t max_body, RouteTraits traits) {
  impl_->routes[path][method] = RouteEntry{std::move(handler), cors, max_body, traits};
}

namespace {

/// Raises the descriptor limit to the hard limit (each connection is one) and returns how many
/// connections fit, leaving room for the workers' IMAP, SMTP and S3 connections and files.
size_t ConnectionCapacity(size_t workers) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = std::min<rlim_t>(lim.rlim_max, 1 << 20);
    setrlimit(RLIMIT_NOFILE, &lim);
    getrlimit(RLIMIT_NOFILE, &lim);
  }
  size_t reserve = 64 + 4 * workers;
  size_t limit = lim.rlim_cur == RLIM_INFINITY ? (1 << 20) : size_t(lim.rlim_cur);
  return limit > reserve + 64 ? limit - reserve : 64;
}

}  // namespace

Status HttpServer::Run(const std::function<void(int)>& on_listening) {
  Impl& d = *impl_;
  auto& s = d.engine;
  // Shown in the Keep-Alive response header; the loop closes idle connections after kIdleTimeout.
  s.set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(kIdleTimeout).count());
  s.set_keep_alive_max_count(kKeepAliveMaxRequests);
  s.set_payload_max_length(2 * d.options.max_body_bytes);
  s.set_pre_routing_handler([&d](const httplib::Request& req, httplib::Response& res) { return d.PreRoute(req, res); });
  auto dispatch = [&d](const httplib::Request& req, httplib::Response& res) { d.Dispatch(req, res); };
  auto dispatch_reader = [&d](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
    d.Dispatch(req, res);
  };
  // PreRoute has already rejected unknown paths and methods, so one catch-all per method suffices.
  // Methods with a body get content-reader handlers: httplib then leaves the body to us.
  s.Get(".*", dispatch);
  s.Options(".*", dispatch);
  s.Post(".*", dispatch_reader);
  s.Put(".*", dispatch_reader);
  s.Delete(".*", dispatch_reader);
  s.Patch(".*", dispatch_reader);
  s.set_logger([&d](const httplib::Request& req, const httplib::Response& res) { d.Log(req, res); });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    Impl::JsonError(res, 500, "server_error", "internal error");
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string code = res.status == 413 ? "payload_too_large" : res.status >= 500 ? "server_error" : "bad_request";
    res.set_content("{\"error\":\"" + code + "\"}", "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });

  int port = d.options.port;
  if (port == 0) {
    port = s.bind_to_any_port(d.options.host);
    if (port < 0) return Status::Unavailable("cannot listen on " + d.options.host);
  } else if (!s.bind_to_port(d.options.host, port)) {
    return Status::Unavailable("cannot listen on " + d.options.host + ":" + std::to_string(port));
  }
  const int listen_fd = s.ListenSocket();
  ::fcntl(listen_fd, F_SETFL, ::fcntl(listen_fd, F_GETFL) | O_NONBLOCK);

  ConnectionLoopOptions loop_options;
  loop_options.listen_fd = listen_fd;
  loop_options.max_connections = ConnectionCapacity(d.options.worker_threads + kFastOnlyWorkers);
  loop_options.max_per_client = d.options.max_connections_per_client;
  loop_options.uncapped = d.options.trusted_proxies;
  loop_options.header_timeout = std::chrono::milliseconds(d.options.header_timeout_ms);
  loop_options.body_timeout = std::chrono::milliseconds(d.options.body_timeout_ms);
  loop_options.idle_timeout = kIdleTimeout;
  loop_options.max_body_bytes = 2 * d.options.max_body_bytes;
  {
    WorkerPool workers(d.options.worker_threads, kFastOnlyWorkers);
    ConnectionLoop* loop_ptr = nullptr;
    ConnectionLoop loop(
        loop_options,
        [&d, &workers, &loop_ptr](Connection* c) {
          workers.Submit([&d, &loop_ptr, c] { d.Serve(*loop_ptr, c); }, d.IsFast(c->head));
        },
        [&d](const Connection& c, int status, const char* reason) { d.LogRefusal(c, status, reason); });
    loop_ptr = &loop;
    {
      std::lock_guard<std::mutex> lock(d.stop_mutex);
      d.loop = &loop;
      if (d.stopping) loop.Stop();
    }
    if (on_listening) on_listening(port);
    loop.Run();
    {
      std::lock_guard<std::mutex> lock(d.stop_mutex);
      d.loop = nullptr;
    }
    workers.Shutdown();
  }
  ::close(listen_fd);
  return Status::OK();
}

void HttpServer::Stop() {
  std::lock_guard<std::mutex> lock(impl_->stop_mutex);
  impl_->stopping = true;
  if (impl_->loop) impl_->loop->Stop();
}

}  // namespace mail_mcp
