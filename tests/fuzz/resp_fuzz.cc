// The state store's parsers of bytes from outside (src/state/): a Redis server's replies (RESP2 and
// RESP3), the embedded store's journal lines (a file on disk, possibly torn), and STATE_URL.
//
// The input goes whole to one RespReader and, cut at positions its first bytes choose, to
// another: both must return the same replies (the cut one may refuse an oversized reply sooner),
// and while waiting for more the cut one holds no more than RespLimits allows. Each line of the input goes to
// ParseJournalLine: what it accepts must format back to the same line. The first line goes to ParseRedisUrl: what it
// accepts names a port from 1 to 65535 and a database that is not negative. Seeds: tests/fuzz/corpus/resp (replies
// Redis 7 sends for the store's commands, journal lines, URLs).
#include <string>

#include "fuzz_support.h"
#include "state/redis_url.h"
#include "state/resp.h"
#include "state/state_journal.h"

using namespace mail_mcp;

namespace {

/// A reply as text, so two readers' replies can be compared.
std::string Describe(const RespValue& v) {
  std::string out = std::to_string(int(v.type)) + ":" + std::to_string(v.integer) + ":" + v.text + "[";
  for (const RespValue& e : v.elements) out += Describe(e) + ",";
  return out + "]";
}

/// Every reply `reader` returns, then "!" if it stopped on an error.
std::string Drain(RespReader& reader) {
  std::string out;
  for (;;) {
    auto next = reader.Next();
    if (!next.ok()) return out + "!";
    if (!*next) return out;
    out += Describe(**next) + ";";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = fuzz::AsView(data, size);
  RespLimits limits;
  limits.max_reply_bytes = 4096;  // small, so the fuzzer reaches the bounds

  RespReader whole(limits);
  whole.Feed(input);
  const std::string at_once = Drain(whole);

  RespReader pieces(limits);
  std::string in_pieces;
  size_t pos = 0, step = size ? data[0] % 7 + 1 : 1;
  bool failed = false;
  while (pos < size && !failed) {
    const size_t n = std::min(step, size - pos);
    pieces.Feed(input.substr(pos, n));
    pos += n;
    std::string got = Drain(pieces);
    failed = !got.empty() && got.back() == '!';
    // Waiting for the rest of a reply, the reader holds no more than one reply may be.
    if (!failed) FUZZ_CHECK(pieces.buffered() <= limits.max_reply_bytes, "the reader holds too much");
    in_pieces += got;
    step = data[pos - 1] % 13 + 1;
  }
  // Cut into pieces, a stream over a bound may be refused earlier (on the bytes seen so far) but
  // never later, and a stream read whole never yields a different reply.
  if (!failed) FUZZ_CHECK(in_pieces == at_once, "cutting the stream changed the replies");
  else
    FUZZ_CHECK(at_once.substr(0, in_pieces.size() - 1) == in_pieces.substr(0, in_pieces.size() - 1),
               "cutting the stream changed the replies before an error");

  for (std::string_view line : fuzz::Split(input, '\n', 64)) {
    JournalRecord r;
    if (!ParseJournalLine(std::string(line), &r)) continue;
    FUZZ_CHECK(FormatJournalLine(r) == std::string(line) + "\n", "a journal line does not round-trip");
  }

  RedisOptions options;
  if (ParseRedisUrl(fuzz::Split(input, '\n', 2)[0], &options).ok())
    FUZZ_CHECK(!options.host.empty() && options.port >= 1 && options.port <= 65535 && options.db >= 0,
               "an accepted STATE_URL names no server");
  return 0;
}
