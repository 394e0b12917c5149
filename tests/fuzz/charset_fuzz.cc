// Charset conversion and transfer decoding (src/mime/charset.h, transfer_encoding.h,
// text_window.h): the body bytes of a part in whatever charset and encoding it claims.
//
// The input is a charset label, "\n", then the bytes. ToUtf8 must always give valid UTF-8 (through
// iconv, for every label musl and glibc know), as must GuessToUtf8; both lenient transfer decoders
// run on the bytes; WindowText pages the result. Seeds: tests/fuzz/corpus/charset (labels and
// text from the unit tests: Latin, Cyrillic, CJK, stateful ISO-2022-JP).
#include <string>

#include "fuzz_support.h"
#include "mime/charset.h"
#include "mime/text_window.h"
#include "mime/transfer_encoding.h"
#include "util/utf8.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string_view> fields = fuzz::Split(fuzz::AsView(data, size), '\n', 2);
  std::string_view label = fields[0], bytes = fields.back();
  if (fields.size() == 1) label = "";

  Decoded decoded = ToUtf8(bytes, label);
  FUZZ_CHECK(IsValidUtf8(decoded.utf8), "ToUtf8 output is not UTF-8");
  (void)CanonicalCharset(label);
  FUZZ_CHECK(IsValidUtf8(GuessToUtf8(bytes)), "GuessToUtf8 output is not UTF-8");

  std::string base64 = DecodeBase64Lenient(bytes);
  FUZZ_CHECK(base64.size() <= bytes.size() * 3 / 4 + 3, "base64 decoded to more bytes than it can hold");
  std::string qp = DecodeQuotedPrintable(bytes);
  FUZZ_CHECK(qp.size() <= bytes.size(), "quoted-printable decoded to more bytes than it had");
  (void)DecodeTransferEncoding(bytes, label);

  size_t offset = size % 7, max_chars = size % 13 + 1;
  TextWindow window = WindowText(decoded.utf8, offset, max_chars);
  FUZZ_CHECK(IsValidUtf8(window.text), "a window of UTF-8 text is not UTF-8");
  FUZZ_CHECK(window.offset <= window.total_chars, "a window starts past the end");
  return 0;
}
