#include "http/connection_loop.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mail_mcp {
namespace {

// epoll_event.data.ptr for the two descriptors that are not connections.
char listen_tag, wake_tag;

constexpr size_t kReadChunk = 16 * 1024;
constexpr auto kDeadlineCheckInterval = std::chrono::milliseconds(50);

SteadyTime Now() { return std::chrono::steady_clock::now(); }

const char* StatusText(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
  }
  return "Error";
}

const char* ErrorCode(int status) {
  switch (status) {
    case 408:
      return "request_timeout";
    case 413:
      return "payload_too_large";
    case 429:
      return "too_many_connections";
    case 431:
      return "headers_too_large";
    case 503:
      return "unavailable";
  }
  return "bad_request";
}

std::string PeerText(const sockaddr_storage& addr, int* port) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &in.sin_addr, buf, sizeof buf);
    *port = ntohs(in.sin_port);
    return buf;
  }
  if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    *port = ntohs(in6.sin6_port);
    IpAddress a;
    std::memcpy(a.bytes.data(), &in6.sin6_addr, 16);
    return a.ToString();  // an IPv4 client of a dual-stack socket prints as IPv4
  }
  return "";
}

}  // namespace

ConnectionLoop::ConnectionLoop(ConnectionLoopOptions options, Dispatch dispatch, RefusalLog log)
    : options_(std::move(options)), dispatch_(std::move(dispatch)), log_(std::move(log)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

ConnectionLoop::~ConnectionLoop() {
  for (auto& [ptr, c] : connections_)
    if (c->fd >= 0) ::close(c->fd);
  if (wake_fd_ >= 0) ::close(wake_fd_);
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
}

void ConnectionLoop::Stop() {
  stopping_ = true;
  uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

void ConnectionLoop::Finished(Connection* c, bool keep_alive) {
  {
    std::lock_guard<std::mutex> lock(finished_mutex_);
    finished_.emplace_back(c, keep_alive);
  }
  uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

void ConnectionLoop::Run() {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &listen_tag;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, options_.listen_fd, &ev);
  ev.data.ptr = &wake_tag;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  bool listening = true;
  SteadyTime accept_paused_until{};
  SteadyTime last_check = Now();
  epoll_event events[128];
  for (;;) {
    if (stopping_ && listening) {
      // No new connections; what is being read or waits idle is dropped, what a worker has finishes.
      epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, options_.listen_fd, nullptr);
      listening = false;
      std::vector<Connection*> drop;
      for (auto& [ptr, c] : connections_)
        if (c->state != Connection::State::kWorking) drop.push_back(ptr);
      for (Connection* c : drop) Close(c);
    }
    if (stopping_ && connections_.empty()) break;
    int n = epoll_wait(epoll_fd_, events, 128, int(kDeadlineCheckInterval.count()));
    for (int i = 0; i < n; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &listen_tag) {
        // Out of descriptors: stop listening briefly rather than spin on the ready socket.
        if (!stopping_ && !Accept() && accept_paused_until == SteadyTime{}) {
          epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, options_.listen_fd, nullptr);
          accept_paused_until = Now() + std::chrono::milliseconds(100);
        }
      } else if (tag == &wake_tag) {
        uint64_t count;
        (void)!::read(wake_fd_, &count, sizeof count);
        TakeFinished();
      } else {
        auto* c = static_cast<Connection*>(tag);
        if (connections_.count(c) && c->state != Connection::State::kWorking) OnReadable(c);
      }
    }
    SteadyTime now = Now();
    if (accept_paused_until != SteadyTime{} && now >= accept_paused_until && !stopping_) {
      accept_paused_until = {};
      ev.events = EPOLLIN;
      ev.data.ptr = &listen_tag;
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, options_.listen_fd, &ev);
    }
    if (now - last_check >= kDeadlineCheckInterval) {
      last_check = now;
      ExpireDeadlines();
    }
  }
}

bool ConnectionLoop::Accept() {
  for (;;) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    int fd = accept4(options_.listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) {
        if (EvictOldestIdle()) continue;
        return false;
      }
      return true;  // EAGAIN: all taken
    }
    // Responses go out as header and body writes: without TCP_NODELAY, Nagle's algorithm holds the
    // second until the client's delayed ACK (~40 ms per request on a kept-alive connection).
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto owned = std::make_unique<Connection>();
    Connection* c = owned.get();
    c->fd = fd;
    c->peer = PeerText(addr, &c->peer_port);
    sockaddr_storage local{};
    socklen_t local_len = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) == 0)
      c->local = PeerText(local, &c->local_port);
    auto peer_ip = ParseIpAddress(c->peer);
    c->capped = true;
    if (peer_ip)
      for (const IpNetwork& n : options_.uncapped)
        if (n.Contains(*peer_ip)) c->capped = false;
    connections_.emplace(c, std::move(owned));
    ++open_;
    size_t from_peer = c->capped ? ++per_client_[c->peer] : 0;
    c->state = Connection::State::kHead;
    c->deadline = Now() + options_.header_timeout;
    if (connections_.size() > options_.max_connections && !EvictOldestIdle()) {
      Refuse(c, 503, "too many connections");
      continue;
    }
    if (from_peer > options_.max_per_client) {
      Refuse(c, 429, "too many connections from this client");
      continue;
    }
    Arm(c);
  }
}

void ConnectionLoop::OnReadable(Connection* c) {
  if (c->state == Connection::State::kIdle) {
    LeaveIdle(c);
    c->state = Connection::State::kHead;
    c->deadline = Now() + options_.header_timeout;
  }
  // Read what is there, but no more than the request in progress may still need.
  const size_t cap = c->state == Connection::State::kBody ? c->head.head_bytes + options_.max_body_bytes + kReadChunk
                                                          : options_.max_head_bytes + kReadChunk;
  for (;;) {
    if (c->buffer.size() >= cap) break;
    size_t old = c->buffer.size();
    c->buffer.resize(old + kReadChunk);
    ssize_t n = ::recv(c->fd, c->buffer.data() + old, kReadChunk, 0);
    c->buffer.resize(old + (n > 0 ? size_t(n) : 0));
    if (n > 0) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n < 0 && errno == EINTR) continue;
    // The client closed (or the connection failed): a request it left half-sent is dropped.
    Close(c);
    return;
  }
  Advance(c);
}

bool ConnectionLoop::Advance(Connection* c) {
  if (c->state == Connection::State::kHead || c->state == Connection::State::kIdle) {
    if (c->buffer.empty()) return true;
    HeadScan scan = ScanHead(c->buffer);
    if (scan.outcome == HeadScan::Outcome::kBad) {
      Refuse(c, 400, scan.why);
      return false;
    }
    if (scan.outcome == HeadScan::Outcome::kIncomplete) {
      if (c->buffer.size() > options_.max_head_bytes) {
        Refuse(c, 431, "request head too large");
        return false;
      }
      return true;
    }
    c->head = std::move(scan.head);
    if (c->head.body == RequestHead::Body::kLength && c->head.content_length > options_.max_body_bytes) {
      Refuse(c, 413, "request body too large");
      return false;
    }
    c->state = Connection::State::kBody;
    c->deadline = Now() + options_.body_timeout;
  }
  if (c->state != Connection::State::kBody) return true;
  // Bodies are buffered within a process-wide budget; one that does not fit waits, unread, until
  // others finish (its deadline still runs).
  if (c->head.body != RequestHead::Body::kNone && c->budgeted == 0) {
    size_t need = c->head.body == RequestHead::Body::kLength ? size_t(c->head.content_length) : options_.max_body_bytes;
    if (budget_used_ + need > options_.body_budget_bytes && budget_used_ > 0) {
      if (c->armed) {
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
        c->armed = false;
      }
      if (!c->waiting_for_budget) ++waiting_for_budget_;
      c->waiting_for_budget = true;
      return true;
    }
    if (c->waiting_for_budget) --waiting_for_budget_;
    c->waiting_for_budget = false;
    budget_used_ += need;
    c->budgeted = need;
  }
  auto end = RequestEnd(c->buffer, c->head);
  if (end && *end == 0) {
    Refuse(c, 400, "malformed chunked body");
    return false;
  }
  if (!end) {
    if (c->buffer.size() > c->head.head_bytes + options_.max_body_bytes) {
      Refuse(c, 413, "request body too large");
      return false;
    }
    if (c->head.expect_continue && !c->sent_continue) {
      // RFC 9110 §10.1.1: the client may wait for this before sending the body.
      static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      if (::send(c->fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL) != ssize_t(sizeof kContinue - 1)) {
        Close(c);
        return false;
      }
      c->sent_continue = true;
    }
    Arm(c);
    return true;
  }
  c->request_bytes = *end;
  c->state = Connection::State::kWorking;
  if (c->armed) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
    c->armed = false;
  }
  dispatch_(c);
  return true;
}

void ConnectionLoop::TakeFinished() {
  std::vector<std::pair<Connection*, bool>> done;
  {
    std::lock_guard<std::mutex> lock(finished_mutex_);
    done.swap(finished_);
  }
  for (auto [c, keep_alive] : done) {
    budget_used_ -= c->budgeted;
    c->budgeted = 0;
    if (!keep_alive || stopping_) {
      Close(c);
      continue;
    }
    c->buffer.erase(0, c->request_bytes);
    c->request_bytes = 0;
    c->sent_continue = false;
    c->head = RequestHead{};
    ++c->requests;
    if (c->buffer.empty()) {
      MakeIdle(c);
      Arm(c);
    } else {
      // A pipelined request arrived with the last one.
      c->state = Connection::State::kHead;
      c->deadline = Now() + options_.header_timeout;
      if (Advance(c) && c->state != Connection::State::kWorking) Arm(c);
    }
  }
  if (!done.empty()) ResumeWaiting();
}

void ConnectionLoop::ResumeWaiting() {
  if (waiting_for_budget_ == 0) return;
  std::vector<Connection*> waiting;
  for (auto& [ptr, c] : connections_)
    if (c->waiting_for_budget) waiting.push_back(ptr);
  for (Connection* c : waiting) Advance(c);
}

void ConnectionLoop::ExpireDeadlines() {
  SteadyTime now = Now();
  std::vector<Connection*> expired;
  for (auto& [ptr, c] : connections_)
    if (c->state != Connection::State::kWorking && now >= c->deadline) expired.push_back(ptr);
  for (Connection* c : expired) {
    // Nothing sent since the last response (or since connecting): just close, as an idle one.
    if (c->state == Connection::State::kIdle || (c->state == Connection::State::kHead && c->buffer.empty())) Close(c);
    else Refuse(c, 408, c->state == Connection::State::kHead ? "request head too slow" : "request body too slow");
  }
  ResumeWaiting();  // closing may have freed body budget
}

void ConnectionLoop::Refuse(Connection* c, int status, const char* reason) {
  std::string body = std::string("{\"error\":\"") + ErrorCode(status) + "\",\"error_description\":\"" + reason + "\"}";
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + StatusText(status) +
                         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n";
  if (status == 429 || status == 503) response += "Retry-After: 1\r\n";
  response += "\r\n" + body;
  // Best effort and never blocking: the client may not be reading.
  (void)!::send(c->fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(c->fd, SHUT_WR);
  if (log_) log_(*c, status, reason);
  Close(c);
}

void ConnectionLoop::Close(Connection* c) {
  if (c->armed) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
  ::close(c->fd);
  if (c->capped) {
    auto it = per_client_.find(c->peer);
    if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
  }
  LeaveIdle(c);
  budget_used_ -= c->budgeted;
  if (c->waiting_for_budget) --waiting_for_budget_;
  --open_;
  connections_.erase(c);
}

void ConnectionLoop::Arm(Connection* c) {
  if (c->armed) return;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.ptr = c;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c->fd, &ev) == 0) c->armed = true;
}

void ConnectionLoop::MakeIdle(Connection* c) {
  c->state = Connection::State::kIdle;
  c->deadline = Now() + options_.idle_timeout;
  idle_.push_back(c);
  c->idle_position = std::prev(idle_.end());
  c->in_idle_list = true;
}

void ConnectionLoop::LeaveIdle(Connection* c) {
  if (!c->in_idle_list) return;
  idle_.erase(c->idle_position);
  c->in_idle_list = false;
}

bool ConnectionLoop::EvictOldestIdle() {
  if (idle_.empty()) return false;
  Close(idle_.front());
  return true;
}

}  // namespace mail_mcp
