// Randomly mutated messages through every MIME entry point: nothing may crash, hang or produce
// invalid UTF-8. Deterministic (fixed seed) so a failure reproduces.
#include <cstdint>

#include "mime/address_list.h"
#include "mime/encoded_words.h"
#include "mime/header_params.h"
#include "mime/html_to_text.h"
#include "mime/message.h"
#include "mime/text_window.h"
#include "testing.h"
#include "util/utf8.h"

using namespace mail_mcp;

namespace {

const char kSeed[] =
    "From: =?utf-8?Q?J=C3=B6rg?= <j@x.de>, \"Doe, J\" <d@y.com>, Team: a@b.c;\r\n"
    "Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?= =?utf-8?B?5pel5g==?=\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
    "--b1\r\nContent-Type: multipart/alternative; boundary=b2\r\n\r\n"
    "--b2\r\nContent-Type: text/plain; charset=shift_jis\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    "k/qWe4zq\r\n--b2\r\nContent-Type: text/html; charset=koi8-r\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>=F0=D2<a href=3D\"u\">x</a>&amp;</p>=\r\n\r\n"
    "--b2--\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n"
    "Content-Type: application/x; name*0*=utf-8''%E2%82; name*1*=%AC\r\n\r\nbody\r\n--b1--\r\n";

uint32_t Next(uint32_t* s) {
  *s = *s * 1664525u + 1013904223u;
  return *s >> 8;
}

void Walk(const MimePart& p, size_t* parts) {
  ++*parts;
  const std::string text = PartText(p);
  EXPECT_TRUE(IsValidUtf8(text));
  if (p.content_type == "text/html") EXPECT_TRUE(IsValidUtf8(HtmlToText(text)));
  EXPECT_TRUE(IsValidUtf8(WindowText(text, 3, 10).text));
  EXPECT_TRUE(IsValidUtf8(p.filename));
  for (const auto& [name, value] : p.headers) {
    EXPECT_TRUE(IsValidUtf8(DecodeHeaderText(value)));
    for (const MailAddress& a : ParseAddressList(value)) EXPECT_TRUE(IsValidUtf8(a.name));
    for (const auto& [k, v] : ParseHeaderValue(value).params)
      if (k != "boundary") EXPECT_TRUE(IsValidUtf8(v));
  }
  for (const MimePart& c : p.children) Walk(c, parts);
}

}  // namespace

TEST(MimeRobustness, RandomMutationsNeverCrashOrEmitInvalidUtf8) {
  const std::string seed = kSeed;
  const char kInteresting[] = "=?\r\n-\"(<>;:@&#%*'\\\xff\x80\x1b";
  uint32_t state = 12345;
  {
    auto m = ParseMimeMessage(seed);
    ASSERT_OK(m);
    size_t parts = 0;
    Walk(*m, &parts);
    EXPECT_EQ(parts, 6u);
  }
  for (int round = 0; round < 1500; ++round) {
    std::string s = seed;
    const int edits = 1 + static_cast<int>(Next(&state) % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const size_t pos = Next(&state) % s.size();
      switch (Next(&state) % 4) {
        case 0:
          s.erase(pos, 1 + Next(&state) % 20);
          break;
        case 1:
          s.insert(pos, 1, kInteresting[Next(&state) % (sizeof(kInteresting) - 1)]);
          break;
        case 2:
          s[pos] = static_cast<char>(Next(&state));
          break;
        case 3:
          s.resize(pos);
          break;  // truncation
      }
    }
    auto m = ParseMimeMessage(s);
    ASSERT_OK(m);
    size_t parts = 0;
    Walk(*m, &parts);
  }
}
