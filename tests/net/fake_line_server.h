// FakeLineServer: a scripted plaintext TCP server on 127.0.0.1 for one client connection.
//
// For tests of how the mail code reacts to servers that misbehave before TLS starts (no STARTTLS
// offered, for example) and of what the client sends in the clear. It sends a greeting, then for
// each line the client sends, whatever the responder returns; the lines received are kept.
//
// Thread-safety: the server runs on its own thread; received() may be read after the client is done.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace testing {

class FakeLineServer {
 public:
  /// `respond` gets each client line without its CRLF and returns the bytes to send back.
  FakeLineServer(std::string greeting, std::function<std::string(const std::string&)> respond);
  ~FakeLineServer();  // stops and joins the thread
  FakeLineServer(const FakeLineServer&) = delete;
  FakeLineServer& operator=(const FakeLineServer&) = delete;

  int port() const { return port_; }
  std::vector<std::string> received() const;

 private:
  void Serve(std::string greeting, std::function<std::string(const std::string&)> respond);

  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mu_;
  std::vector<std::string> received_;
  std::thread thread_;
};

}  // namespace testing
