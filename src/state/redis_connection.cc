#include "state/redis_connection.h"

#include <chrono>

namespace mail_mcp {
namespace {

MailEndpoint Endpoint(const RedisOptions& o) {
  MailEndpoint e;
  e.protocol = kRawStreamProtocol;
  e.host = o.host;
  e.port = o.port;
  e.implicit_tls = o.tls;
  return e;
}

MailConnectOptions Connect(const RedisOptions& o) {
  MailConnectOptions m;
  m.ca_file = o.ca_file;
  m.connect_timeout_ms = o.timeout_ms;
  m.command_timeout_ms = o.timeout_ms;
  return m;
}

}  // namespace

RedisConnection::RedisConnection(const RedisOptions& options)
    : options_(options), handle_(Endpoint(options), Connect(options)) {}

std::string RedisConnection::ServerName() const {
  return "the Redis server " + options_.host + ":" + std::to_string(options_.port);
}

StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Open(const RedisOptions& options) {
  std::unique_ptr<RedisConnection> c(new RedisConnection(options));
  if (Status s = c->handle_.ConnectOnly(); !s.ok()) return s;
  std::vector<RedisCommand> hello;
  if (!options.password.empty()) {
    if (options.username.empty()) hello.push_back({"AUTH", options.password});
    else hello.push_back({"AUTH", options.username, options.password});
  }
  if (options.db != 0) hello.push_back({"SELECT", std::to_string(options.db)});
  if (hello.empty()) return c;
  auto replies = c->Exchange(hello);
  if (!replies.ok()) return replies.status();
  size_t i = 0;
  if (!options.password.empty()) {
    const RespValue& auth = (*replies)[i++];
    // WRONGPASS (ACL) or ERR invalid password; the reply may quote nothing secret, but it is not
    // echoed either way.
    if (!auth.IsOk()) return Status::Unauthenticated(c->ServerName() + " refused the user name or password");
  }
  if (options.db != 0 && !(*replies)[i].IsOk())
    return Status::InvalidArgument(c->ServerName() + " refused database " + std::to_string(options.db) + ": " +
                                   (*replies)[i].text.substr(0, 200));
  return c;
}

StatusOr<std::vector<RespValue>> RedisConnection::Exchange(const std::vector<RedisCommand>& commands) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.timeout_ms);
  std::string out;
  for (const RedisCommand& c : commands) out += EncodeRespCommand(c);
  if (Status s = handle_.Send(out, deadline); !s.ok()) return s;
  std::vector<RespValue> replies;
  replies.reserve(commands.size());
  char buffer[4096];
  while (replies.size() < commands.size()) {
    auto next = reader_.Next();
    if (!next.ok()) return Status::Unavailable(next.status().message());
    if (*next) {
      replies.push_back(std::move(**next));
      continue;
    }
    auto n = handle_.Receive(buffer, sizeof buffer, deadline);
    if (!n.ok()) return n.status();
    reader_.Feed(std::string_view(buffer, *n));
  }
  // A reply we did not ask for (RESP3 push) would put every later exchange out of step.
  if (reader_.buffered() != 0) return Status::Unavailable(ServerName() + " sent more replies than asked for");
  return replies;
}

StatusOr<RespValue> RedisConnection::Call(const RedisCommand& command) {
  auto replies = Exchange({command});
  if (!replies.ok()) return replies.status();
  return std::move((*replies)[0]);
}

}  // namespace mail_mcp
