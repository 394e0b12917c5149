// RESP, the Redis serialization protocol (RESP2, and the RESP3 types a server may send): commands
// encoded as arrays of bulk strings, and an incremental reader for replies.
//
// The reader takes the bytes a Redis (or Valkey) server sends, in whatever pieces the network
// delivers them, and returns one complete reply at a time. Everything from the server is
// untrusted: a bulk string, an aggregate's element count and the nesting depth are bounded
// (RespLimits), lengths are parsed strictly (digits only, no overflow), every line must end in
// CRLF, and a malformed reply is an error, never a crash or an unbounded allocation. A Redis error
// reply ("-ERR ...") is a value of type kError, not a reader error: the caller decides what it means.
//
// Thread-safety: RespReader is not thread-safe (one per connection); the functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct RespValue {
  enum class Type {
    kSimpleString,  // +OK
    kError,         // -ERR ...   (also RESP3 blob errors, !)
    kInteger,       // :1
    kBulkString,    // $3 abc     (also RESP3 verbatim strings, =, without their "txt:" prefix)
    kNull,          // $-1, *-1, RESP3 _
    kArray,         // *N         (also RESP3 sets ~ and pushes >)
    kMap,           // RESP3 %N: elements hold key, value, key, value, ...
    kBoolean,       // RESP3 #t / #f, in `integer` (1 or 0)
    kDouble,        // RESP3 ,1.5, as text
    kBigNumber,     // RESP3 (123..., as text
  };
  Type type = Type::kNull;
  std::string text;                 // simple string, error, bulk string, double, big number
  int64_t integer = 0;              // integer, boolean
  std::vector<RespValue> elements;  // array, map

  bool IsError() const { return type == Type::kError; }
  bool IsNull() const { return type == Type::kNull; }
  /// True for +OK.
  bool IsOk() const { return type == Type::kSimpleString && text == "OK"; }
  /// The text of a simple or bulk string; nullopt for anything else.
  std::optional<std::string> String() const;
};

struct RespLimits {
  size_t max_bulk_bytes = 64 * 1024;  // our values are ids, counters and expiries
  size_t max_elements = 1024;         // per aggregate
  int max_depth = 8;
  size_t max_line_bytes = 4096;          // simple strings, errors, numbers
  size_t max_reply_bytes = 1024 * 1024;  // one whole reply, however it nests
};

/// `*N\r\n$len\r\narg\r\n...`: binary-safe, so arguments may hold any byte.
std::string EncodeRespCommand(const std::vector<std::string>& args);

class RespReader {
 public:
  explicit RespReader(RespLimits limits = {}) : limits_(limits) {}

  /// Appends bytes received from the server.
  void Feed(std::string_view bytes) { buffer_.append(bytes); }
  /// The next complete reply, nullopt when more bytes are needed, or InvalidArgument when the
  /// stream is malformed or over a limit (the connection must then be dropped: it is out of step).
  StatusOr<std::optional<RespValue>> Next();
  /// Bytes received but not yet returned as replies.
  size_t buffered() const { return buffer_.size() - pos_; }

 private:
  RespLimits limits_;
  std::string buffer_;
  size_t pos_ = 0;  // start of the first unreturned reply
};

}  // namespace mail_mcp
