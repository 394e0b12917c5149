#include "net/fake_line_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace testing {
namespace {

bool WaitReadable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) == 1;
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

}  // namespace

FakeLineServer::FakeLineServer(std::string greeting, std::function<std::string(const std::string&)> respond) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 1) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return;  // port() stays 0 and the client fails to connect
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread(&FakeLineServer::Serve, this, std::move(greeting), std::move(respond));
}

FakeLineServer::~FakeLineServer() {
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
}

std::vector<std::string> FakeLineServer::received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

void FakeLineServer::Serve(std::string greeting, std::function<std::string(const std::string&)> respond) {
  if (!WaitReadable(listen_fd_, 5000)) return;
  int fd = accept(listen_fd_, nullptr, nullptr);
  if (fd < 0) return;
  SendAll(fd, greeting);
  std::string buffer;
  char chunk[1024];
  // Ends when the client closes, or after 5 s of silence (a test that went wrong).
  while (WaitReadable(fd, 5000)) {
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t lf;
    while ((lf = buffer.find('\n')) != std::string::npos) {
      std::string line = buffer.substr(0, lf);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      buffer.erase(0, lf + 1);
      {
        std::lock_guard<std::mutex> lock(mu_);
        received_.push_back(line);
      }
      SendAll(fd, respond(line));
    }
  }
  close(fd);
}

}  // namespace testing
