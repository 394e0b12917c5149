// The HTTP server over real loopback sockets: framing, deadlines, limits and lanes, with raw
// clients that misbehave the way the issues describe (issue 19, items 9 and 12; issue 20, items 13
// and 16).
#include "http/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "testing.h"

using namespace mail_mcp;
using Clock = std::chrono::steady_clock;

namespace {

/// An HttpServer on a free loopback port, serving on its own thread, with a few test routes.
class TestServer {
 public:
  explicit TestServer(HttpServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.access_log = false;
    if (options.worker_threads == 0) options.worker_threads = 2;
    server_ = std::make_unique<HttpServer>(options);
    server_->Route(
        "GET", "/health", [](HttpRequest&, HttpResponse& res) { res.Json(200, R"({"status":"ok"})"); }, Cors::kNone, 0,
        RouteTraits{.fast = true});
    server_->Route("POST", "/echo", [](HttpRequest& req, HttpResponse& res) {
      res.Json(200, "{\"bytes\":" + std::to_string(req.body.size()) + "}");
      res.SetHeader("X-Body", req.body.substr(0, 64));
      res.SetHeader("X-Client", req.remote_addr);
      res.SetHeader("X-Seen-Request-Id", req.request_id);
    });
    server_->Route(
        "POST", "/checked",
        [](HttpRequest& req, HttpResponse& res) {
          if (req.Header("Authorization").empty()) return res.Json(401, R"({"error":"invalid_token"})");
          if (!req.ReadBody(res)) return;
          res.Json(200, "{\"bytes\":" + std::to_string(req.body.size()) + "}");
        },
        Cors::kNone, 0, RouteTraits{.handler_reads_body = true});
    server_->Route("GET", "/slow", [this](HttpRequest&, HttpResponse& res) {
      std::unique_lock<std::mutex> lock(mutex_);
      release_.wait_for(lock, std::chrono::seconds(10), [this] { return released_; });
      res.Json(200, "{}");
    });
    thread_ = std::thread([this] {
      Status s = server_->Run([this](int port) {
        std::lock_guard<std::mutex> lock(mutex_);
        port_ = port;
        started_.notify_all();
      });
      if (!s.ok()) std::printf("    server: %s\n", s.message().c_str());
    });
    std::unique_lock<std::mutex> lock(mutex_);
    started_.wait(lock, [this] { return port_ != 0; });
  }
  ~TestServer() {
    Release();
    server_->Stop();
    thread_.join();
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    release_.notify_all();
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable started_, release_;
  bool released_ = false;
  int port_ = 0;
};

/// A raw client socket on 127.0.0.1 (or another loopback source address).
class RawClient {
 public:
  RawClient(int port, const char* source = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (source) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      inet_pton(AF_INET, source, &local.sin_addr);
      ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(const std::string& bytes) { (void)!::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  /// Everything received until `done(received)` holds, the peer closes, or `timeout` passes.
  std::string Receive(std::chrono::milliseconds timeout, const std::function<bool(const std::string&)>& done) {
    std::string got;
    auto deadline = Clock::now() + timeout;
    while (!done(got)) {
      int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (left <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, left) <= 0) break;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      got.append(buf, size_t(n));
    }
    return got;
  }
  /// Reads until `count` complete responses (by their Content-Length) have arrived.
  std::string Responses(int count, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    return Receive(timeout, [count](const std::string& s) { return CountResponses(s) >= count; });
  }
  bool closed() const { return closed_; }

  static int CountResponses(const std::string& s) {
    int n = 0;
    size_t pos = 0;
    for (;;) {
      size_t head_end = s.find("\r\n\r\n", pos);
      if (head_end == std::string::npos) return n;
      if (s.compare(pos, 12, "HTTP/1.1 100") == 0) {
        pos = head_end + 4;
        continue;
      }
      size_t cl = s.find("Content-Length: ", pos);
      size_t len = cl != std::string::npos && cl < head_end ? std::stoul(s.substr(cl + 16)) : 0;
      if (s.size() < head_end + 4 + len) return n;
      ++n;
      pos = head_end + 4 + len;
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

std::string Post(const std::string& path, const std::string& body, const std::string& extra = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + extra + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

long MsSince(Clock::time_point t) {
  return long(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count());
}

/// GET /health on a fresh connection; the time to the whole answer in ms, or -1.
long HealthMs(int port, const char* source = nullptr) {
  RawClient c(port, source);
  auto t = Clock::now();
  c.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string r = c.Responses(1);
  return r.find("\"ok\"") != std::string::npos ? MsSince(t) : -1;
}

}  // namespace

TEST(HttpServer, APostWithoutContentLengthOrChunkedIsAnsweredAtOnceAsEmpty) {
  TestServer s;
  RawClient c(s.port());
  auto t = Clock::now();
  c.Send("POST /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string r = c.Responses(1);
  EXPECT_CONTAINS(r, "HTTP/1.1 200");
  EXPECT_CONTAINS(r, "{\"bytes\":0}");
  EXPECT_LT(MsSince(t), 1000);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  TestServer s;
  RawClient c(s.port());
  c.Send(Post("/echo", "first") + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n" + Post("/echo", "second!"));
  std::string r = c.Responses(3);
  EXPECT_EQ(RawClient::CountResponses(r), 3);
  size_t a = r.find("X-Body: first"), b = r.find("\"ok\""), d = r.find("X-Body: second!");
  EXPECT_TRUE(a != std::string::npos && b != std::string::npos && d != std::string::npos && a < b && b < d);
  EXPECT_FALSE(c.closed());
}

TEST(HttpServer, ChunkedBodiesAreDecodedAndExpectContinueIsAnsweredOnce) {
  TestServer s;
  RawClient c(s.port());
  c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
  std::string r = c.Responses(1);
  EXPECT_CONTAINS(r, "X-Body: abcdefg");
  RawClient e(s.port());
  e.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  std::string cont = e.Receive(std::chrono::milliseconds(2000),
                               [](const std::string& got) { return got.find("\r\n\r\n") != std::string::npos; });
  EXPECT_EQ(cont, "HTTP/1.1 100 Continue\r\n\r\n");
  e.Send("wxyz");
  std::string rest = e.Responses(1);
  EXPECT_CONTAINS(rest, "X-Body: wxyz");
  EXPECT_EQ(rest.find("100 Continue"), std::string::npos);
}

// A multipart upload reached cpp-httplib's form parser (400) before the route could say 401
// (issue 19, item 12). Bodies are never parsed as forms, and a route may refuse before reading.
TEST(HttpServer, ARouteRefusesOnTheHeadBeforeAnyBodyIsParsed) {
  TestServer s;
  std::string multipart = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--b--\r\n";
  RawClient c(s.port());
  c.Send(Post("/checked", multipart, "Content-Type: multipart/form-data; boundary=b\r\n"));
  EXPECT_CONTAINS(c.Responses(1), "HTTP/1.1 401");
  RawClient broken(s.port());
  broken.Send(Post("/checked", "garbage", "Content-Type: multipart/form-data; boundary=zz\r\n"));
  EXPECT_CONTAINS(broken.Responses(1), "HTTP/1.1 401");
  RawClient raw(s.port());
  raw.Send(Post("/echo", multipart, "Content-Type: multipart/form-data; boundary=b\r\n"));
  std::string r = raw.Responses(1);
  EXPECT_CONTAINS(r, "HTTP/1.1 200");
  EXPECT_CONTAINS(r, "{\"bytes\":" + std::to_string(multipart.size()) + "}");
}

TEST(HttpServer, AWellFormedIncomingRequestIdIsReused) {
  TestServer s;
  RawClient c(s.port());
  c.Send(Post("/echo", "", "X-Request-Id: 3f2a1c9e-5b7d-4e1f-9a0b-123456789abc\r\n") +
         Post("/echo", "", "X-Request-Id: bad id\"\r\n"));
  std::string r = c.Responses(2);
  EXPECT_CONTAINS(r, "X-Request-Id: 3f2a1c9e-5b7d-4e1f-9a0b-123456789abc");
  EXPECT_CONTAINS(r, "X-Seen-Request-Id: 3f2a1c9e-5b7d-4e1f-9a0b-123456789abc");
  EXPECT_EQ(r.find("bad id"), std::string::npos);
}

TEST(HttpServer, TheClientAddressIsForwardedOnlyByTrustedProxies) {
  HttpServerOptions o;
  o.trusted_proxies = {*ParseIpNetwork("127.0.0.2")};
  TestServer s(o);
  RawClient direct(s.port());
  direct.Send(Post("/echo", "", "X-Forwarded-For: 198.51.100.7\r\n"));
  EXPECT_CONTAINS(direct.Responses(1), "X-Client: 127.0.0.1");
  RawClient proxied(s.port(), "127.0.0.2");
  proxied.Send(Post("/echo", "", "X-Forwarded-For: 6.6.6.6, 198.51.100.7\r\n"));
  EXPECT_CONTAINS(proxied.Responses(1), "X-Client: 198.51.100.7");
}

// 64 connections sending one header byte per second left no worker for anyone (issue 20, item 16).
TEST(HttpServer, TricklingClientsGet408AtTheirDeadlineAndHealthKeepsAnswering) {
  HttpServerOptions o;
  o.header_timeout_ms = 700;
  o.body_timeout_ms = 700;
  o.worker_threads = 2;
  TestServer s(o);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 64; ++i) {
    slow.push_back(std::make_unique<RawClient>(s.port()));
    slow.back()->Send(i % 2 ? "G" : Post("/echo", "").substr(0, 30) + "Content-Length: 10\r\n\r\nab");
  }
  auto t = Clock::now();
  long worst = 0;
  while (MsSince(t) < 500) {
    for (auto& c : slow) c->Send(" ");
    long ms = HealthMs(s.port());
    EXPECT_GE(ms, 0);
    worst = std::max(worst, ms);
  }
  EXPECT_LT(worst, 200);
  // Each slow client is told why and closed, within its deadline (plus the loop's 50 ms tick).
  for (auto& c : slow) {
    std::string r = c->Receive(std::chrono::milliseconds(1500), [](const std::string&) { return false; });
    EXPECT_CONTAINS(r, "HTTP/1.1 408");
    EXPECT_TRUE(c->closed());
  }
  EXPECT_LT(MsSince(t), 1800);
  EXPECT_GE(HealthMs(s.port()), 0);
}

TEST(HttpServer, ConnectionsPerClientAreCappedAndOtherClientsAreServed) {
  HttpServerOptions o;
  o.max_connections_per_client = 3;
  TestServer s(o);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<RawClient>(s.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  RawClient over(s.port());
  std::string r = over.Receive(std::chrono::milliseconds(2000), [](const std::string&) { return false; });
  EXPECT_CONTAINS(r, "HTTP/1.1 429");
  EXPECT_GE(HealthMs(s.port(), "127.0.0.2"), 0);
  held.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_GE(HealthMs(s.port()), 0);
}

// Idle kept-alive connections held a worker each (issue 20, item 13): now they hold none.
TEST(HttpServer, IdleKeptAliveConnectionsHoldNoWorker) {
  HttpServerOptions o;
  o.worker_threads = 2;
  TestServer s(o);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 50; ++i) {
    idle.push_back(std::make_unique<RawClient>(s.port()));
    idle.back()->Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(RawClient::CountResponses(idle.back()->Responses(1)), 1);
  }
  auto t = Clock::now();
  RawClient c(s.port());
  c.Send(Post("/echo", "still served"));
  EXPECT_CONTAINS(c.Responses(1), "X-Body: still served");
  EXPECT_LT(MsSince(t), 500);
  for (auto& i : idle) {
    i->Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(RawClient::CountResponses(i->Responses(1)), 1);
  }
}

TEST(HttpServer, HealthIsServedWhileEveryWorkerIsBusy) {
  HttpServerOptions o;
  o.worker_threads = 2;
  TestServer s(o);
  std::vector<std::unique_ptr<RawClient>> busy;
  for (int i = 0; i < 4; ++i) {
    busy.push_back(std::make_unique<RawClient>(s.port()));
    busy.back()->Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  long ms = HealthMs(s.port());
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, 500);
  s.Release();
  for (auto& b : busy) EXPECT_EQ(RawClient::CountResponses(b->Responses(1)), 1);
}
