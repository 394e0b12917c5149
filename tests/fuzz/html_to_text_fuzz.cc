// HTML mail bodies turned into text for assistants (src/mime/html_to_text.h).
//
// The input is an HTML body. For UTF-8 input (what PartText hands over) the text, the decoded
// character references and the visible plain text must be UTF-8; removing invisible characters
// never adds any. Seeds:
// tests/fuzz/corpus/html_to_text (HTML from the unit tests).
#include <string>

#include "fuzz_support.h"
#include "mime/html_to_text.h"
#include "util/utf8.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html = fuzz::AsView(data, size);
  const VisibleText rendered = RenderHtml(html);
  std::string entities = DecodeHtmlEntities(html);
  const VisibleText plain = VisiblePlainText(html);
  if (IsValidUtf8(html)) {
    FUZZ_CHECK(IsValidUtf8(rendered.text), "RenderHtml output is not UTF-8");
    FUZZ_CHECK(IsValidUtf8(entities), "DecodeHtmlEntities output is not UTF-8");
    FUZZ_CHECK(IsValidUtf8(plain.text), "VisiblePlainText output is not UTF-8");
  }
  FUZZ_CHECK(plain.text.size() <= html.size(), "VisiblePlainText added characters");
  return 0;
}
