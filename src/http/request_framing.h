// Where one HTTP/1.1 request ends in a byte stream (RFC 9112 §2, §6), found before it is handed on.
//
// The connection loop (connection_loop.h) reads each request whole before a worker sees it, so it
// must know where the head ends and how long the body is: ScanHead reads the request line and the
// framing fields of a complete head; BodyEnd then says whether the body is complete in the buffer.
// A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3 rule 7),
// so it is answered at once instead of waiting for bytes that never come. Framing that could be
// read two ways (Content-Length with Transfer-Encoding, differing Content-Lengths, a coding other
// than chunked) is refused: a proxy in front might read it the other way (request smuggling).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

struct RequestHead {
  size_t head_bytes = 0;  // request line + fields + the blank line
  std::string method;
  std::string path;  // the request target up to '?'
  enum class Body { kNone, kLength, kChunked } body = Body::kNone;
  uint64_t content_length = 0;   // for kLength
  bool expect_continue = false;  // "Expect: 100-continue"
  bool close = false;            // "Connection: close", or HTTP/1.0 without keep-alive
};

struct HeadScan {
  enum class Outcome { kIncomplete, kComplete, kBad } outcome = Outcome::kIncomplete;
  RequestHead head;      // when kComplete
  const char* why = "";  // when kBad: a short reason for the log
};

/// Looks for a complete request head at the start of `buffer` (leading blank lines, which RFC 9112
/// §2.2 lets a server ignore, are part of it).
HeadScan ScanHead(std::string_view buffer);

/// Where the request whose head `head` describes ends in `buffer` (which starts with that head):
/// its size in bytes once the whole body is there, nullopt while more is needed, or 0 when the
/// chunked framing is malformed.
std::optional<size_t> RequestEnd(std::string_view buffer, const RequestHead& head);

}  // namespace mail_mcp
