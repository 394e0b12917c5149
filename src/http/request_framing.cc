#include "http/request_framing.h"

#include <charconv>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// The next line of `s` from `*pos` without its CRLF (a bare LF also ends it, as httplib reads it);
/// nullopt when no line end is in `s` yet.
std::optional<std::string_view> NextLine(std::string_view s, size_t* pos) {
  size_t lf = s.find('\n', *pos);
  if (lf == std::string_view::npos) return std::nullopt;
  std::string_view line = s.substr(*pos, lf - *pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  *pos = lf + 1;
  return line;
}

/// Parses a whole decimal Content-Length value (RFC 9110 §8.6: 1*DIGIT).
std::optional<uint64_t> ParseLength(std::string_view v) {
  if (!AllDigits(v) || v.size() > 15) return std::nullopt;
  uint64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

HeadScan Bad(const char* why) {
  HeadScan s;
  s.outcome = HeadScan::Outcome::kBad;
  s.why = why;
  return s;
}

}  // namespace

HeadScan ScanHead(std::string_view buffer) {
  size_t pos = 0;
  std::optional<std::string_view> line;
  // Leading empty lines (a client's stray CRLF after a previous body) are skipped.
  while ((line = NextLine(buffer, &pos)) && line->empty()) {
  }
  if (!line) return HeadScan{};
  const std::string_view request_line = *line;
  // The fields: the head is complete at the first empty line.
  std::optional<uint64_t> length;
  bool chunked = false, has_transfer_encoding = false;
  HeadScan scan;
  RequestHead& h = scan.head;
  bool keep_alive_10 = false;
  for (;;) {
    line = NextLine(buffer, &pos);
    if (!line) return HeadScan{};
    if (line->empty()) break;
    size_t colon = line->find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // httplib skips such lines too
    std::string_view name = line->substr(0, colon);
    std::string_view value = Trim(line->substr(colon + 1), " \t");
    if (EqualsIgnoreCase(name, "Content-Length")) {
      auto n = ParseLength(value);
      if (!n) return Bad("invalid Content-Length");
      if (length && *length != *n) return Bad("conflicting Content-Length");
      length = n;
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      if (has_transfer_encoding || !EqualsIgnoreCase(value, "chunked")) return Bad("unsupported Transfer-Encoding");
      has_transfer_encoding = chunked = true;
    } else if (EqualsIgnoreCase(name, "Expect")) {
      h.expect_continue = EqualsIgnoreCase(value, "100-continue");
    } else if (EqualsIgnoreCase(name, "Connection")) {
      if (EqualsIgnoreCase(value, "close")) h.close = true;
      if (EqualsIgnoreCase(value, "keep-alive")) keep_alive_10 = true;
    }
  }
  if (chunked && length) return Bad("both Content-Length and Transfer-Encoding");
  // Request line: method SP target SP version.
  size_t sp1 = request_line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return Bad("malformed request line");
  h.method = std::string(request_line.substr(0, sp1));
  std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  h.path = std::string(target.substr(0, target.find('?')));
  if (request_line.substr(sp2 + 1) == "HTTP/1.0" && !keep_alive_10) h.close = true;
  h.head_bytes = pos;
  if (chunked) h.body = RequestHead::Body::kChunked;
  else if (length && *length > 0) h.body = RequestHead::Body::kLength;
  h.content_length = length.value_or(0);
  scan.outcome = HeadScan::Outcome::kComplete;
  return scan;
}

std::optional<size_t> RequestEnd(std::string_view buffer, const RequestHead& head) {
  switch (head.body) {
    case RequestHead::Body::kNone:
      return head.head_bytes;
    case RequestHead::Body::kLength:
      if (buffer.size() - head.head_bytes < head.content_length) return std::nullopt;
      return head.head_bytes + head.content_length;
    case RequestHead::Body::kChunked:
      break;
  }
  // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF, ended by a zero-size
  // chunk, optional trailer fields and an empty line.
  size_t pos = head.head_bytes;
  for (;;) {
    auto size_line = NextLine(buffer, &pos);
    if (!size_line) return std::nullopt;
    std::string_view digits = size_line->substr(0, size_line->find_first_of("; \t"));
    if (digits.empty() || digits.size() > 12) return 0;
    uint64_t size = 0;
    for (char c : digits) {
      int d = HexDigitValue(c);
      if (d < 0) return 0;
      size = size * 16 + uint64_t(d);
    }
    if (size == 0) break;
    if (buffer.size() - pos < size + 2) return std::nullopt;
    pos += size;
    if (buffer.compare(pos, 2, "\r\n") != 0) return 0;
    pos += 2;
  }
  for (;;) {  // trailer fields up to the empty line
    auto trailer = NextLine(buffer, &pos);
    if (!trailer) return std::nullopt;
    if (trailer->empty()) return pos;
  }
}

}  // namespace mail_mcp
