// Header fields on their own (src/mime): RFC 2047 encoded words, folding, RFC 2045/2231
// parameters, address lists, dates, Content-Transfer-Encoding and the charsets behind them all.
//
// The input is one raw header value. Outputs the headers promise to be UTF-8 are checked, and an
// unfolded value must hold no CR or LF (a hostile value must not smuggle line breaks). Seeds:
// tests/fuzz/corpus/mime_header (header values from the unit tests).
#include <string>

#include "fuzz_support.h"
#include "mime/address_list.h"
#include "mime/encoded_words.h"
#include "mime/header_params.h"
#include "mime/mail_date.h"
#include "util/utf8.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw = fuzz::AsView(data, size);
  std::string unfolded = UnfoldHeader(raw);
  FUZZ_CHECK(unfolded.find_first_of("\r\n") == std::string::npos, "an unfolded header still breaks a line");
  FUZZ_CHECK(IsValidUtf8(DecodeHeaderText(raw)), "decoded header text is not UTF-8");

  HeaderValue value = ParseHeaderValue(raw);
  for (const auto& [name, param] : value.params)
    if (name != "boundary") FUZZ_CHECK(IsValidUtf8(param), "a decoded parameter is not UTF-8");

  std::vector<MailAddress> addresses = ParseAddressList(raw);
  FUZZ_CHECK(addresses.size() <= kMaxAddresses, "more addresses than the bound");
  for (const MailAddress& a : addresses) FUZZ_CHECK(IsValidUtf8(a.name), "a display name is not UTF-8");

  (void)Rfc5322DateToIso(raw);
  (void)InternalDateToIso(raw);
  return 0;
}
