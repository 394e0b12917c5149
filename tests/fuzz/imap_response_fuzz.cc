// IMAP response reader and tokenizer (src/imap/imap_response.h): the bytes an IMAP server sends,
// cut into responses as they arrive.
//
// The input is the server's byte stream. It is fed to ImapResponseReader twice, all at once and in
// pieces whose sizes come from the stream itself, and both must give the same responses and the
// same verdict: where a stream is cut must never change what it means. Every status text also goes
// through ImapResponseCode. Seeds: tests/fuzz/corpus/imap_response (responses from the unit tests).
#include <string>

#include "fuzz_support.h"
#include "imap/imap_response.h"

using namespace mail_mcp;

namespace {

void Describe(const ImapValue& v, std::string* out) {
  out->push_back(char('0' + int(v.kind)));
  *out += std::to_string(v.text.size()) + ":" + v.text;
  if (v.is_list()) {
    out->push_back('(');
    for (const ImapValue& item : v.items) Describe(item, out);
    out->push_back(')');
  }
}

/// Every response the reader yields, then its verdict (need more bytes, or the error).
std::string ReadAll(std::string_view stream, size_t piece_seed) {
  ImapResponseReader reader;
  std::string out;
  size_t fed = 0, step = piece_seed;
  for (;;) {
    ImapResponse r;
    auto next = reader.Next(&r);
    if (!next.ok()) return out + "error " + std::to_string(int(next.status().code()));
    if (*next) {
      out += std::to_string(int(r.kind)) + r.tag + "|" + r.text + "|" + r.status() + "|" + r.name() + "|";
      for (const ImapValue& v : r.values) Describe(v, &out);
      for (const ImapValue& v : ImapResponseCode(r.text)) Describe(v, &out);
      out += "\n";
      continue;
    }
    if (fed == stream.size()) return out + "more " + std::to_string(reader.buffered());
    // Pieces of 1 to 64 bytes, varying along the stream (a whole stream at once when piece_seed is 0).
    step = piece_seed == 0 ? stream.size() : (step * 31 + 7) % 64 + 1;
    size_t n = std::min(step, stream.size() - fed);
    reader.Append(stream.substr(fed, n));
    fed += n;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view stream = fuzz::AsView(data, size);
  const std::string whole = ReadAll(stream, 0);
  const std::string pieces = ReadAll(stream, size == 0 ? 1 : data[0] + 1);
  FUZZ_CHECK(whole == pieces, "the responses depend on how the stream was cut");
  (void)ParseImapResponses(stream);
  return 0;
}
