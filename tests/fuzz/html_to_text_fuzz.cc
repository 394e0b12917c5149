// HTML mail bodies turned into text for assistants (src/mime/html_to_text.h).
//
// The input is an HTML body. For UTF-8 input (what PartText hands over) both the text and the
// decoded character references must be UTF-8. Seeds:
// tests/fuzz/corpus/html_to_text (HTML from the unit tests).
#include <string>

#include "fuzz_support.h"
#include "mime/html_to_text.h"
#include "util/utf8.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html = fuzz::AsView(data, size);
  std::string text = HtmlToText(html);
  std::string entities = DecodeHtmlEntities(html);
  if (IsValidUtf8(html)) {
    FUZZ_CHECK(IsValidUtf8(text), "HtmlToText output is not UTF-8");
    FUZZ_CHECK(IsValidUtf8(entities), "DecodeHtmlEntities output is not UTF-8");
  }
  return 0;
}
