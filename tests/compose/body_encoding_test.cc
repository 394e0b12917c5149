#include "compose/body_encoding.h"

#include <algorithm>

#include "mime/transfer_encoding.h"
#include "testing.h"

using namespace mail_mcp;

namespace {
size_t LongestLine(const std::string& s) {
  size_t longest = 0, start = 0;
  for (;;) {
    const size_t end = s.find("\r\n", start);
    const size_t len = (end == std::string::npos ? s.size() : end) - start;
    longest = std::max(longest, len);
    if (end == std::string::npos) return longest;
    start = end + 2;
  }
}
}  // namespace

TEST(NormalizeLineEndings, TurnsEveryConventionIntoCrlf) {
  EXPECT_EQ(NormalizeLineEndings("a\nb\r\nc\rd\n\n"), "a\r\nb\r\nc\r\nd\r\n\r\n");
}

TEST(NeedsQuotedPrintable, OnlyForEightBitNulOrLongLines) {
  EXPECT_FALSE(NeedsQuotedPrintable("Hello\r\nworld"));
  EXPECT_TRUE(NeedsQuotedPrintable("Grüße"));
  EXPECT_TRUE(NeedsQuotedPrintable(std::string(79, 'a')));
  EXPECT_FALSE(NeedsQuotedPrintable(std::string(78, 'a')));
  EXPECT_TRUE(NeedsQuotedPrintable(std::string("a\0b", 3)));
}

TEST(EncodeQuotedPrintable, RoundTripsAndKeepsLinesShort) {
  const std::string text = "Grüße = 100%\r\n" + std::string(300, 'x') + " \r\n.dot\r\nFrom here\r\n" +
                           std::string(100, '\xc3') + "\r\ntrailing tab\t";
  const std::string qp = EncodeQuotedPrintable(text);
  EXPECT_LE(LongestLine(qp), kEncodedLineLength);
  EXPECT_EQ(DecodeQuotedPrintable(qp), text);
  EXPECT_CONTAINS(qp, "=3D");
  EXPECT_CONTAINS(qp, "=20\r\n");
  EXPECT_CONTAINS(qp, "\r\n=2Edot");
  EXPECT_CONTAINS(qp, "\r\n=46rom here");
}

TEST(EncodeQuotedPrintable, NeverSplitsAnEscape) {
  for (size_t n = 70; n < 80; ++n) {
    const std::string text = std::string(n, 'a') + "ééééé";
    const std::string qp = EncodeQuotedPrintable(text);
    EXPECT_LE(LongestLine(qp), kEncodedLineLength);
    EXPECT_EQ(DecodeQuotedPrintable(qp), text);
  }
}

TEST(EncodeBase64Lines, WrapsAt76) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7);
  const std::string b64 = EncodeBase64Lines(data);
  EXPECT_EQ(LongestLine(b64), kEncodedLineLength);
  EXPECT_EQ(b64.substr(b64.size() - 2), "\r\n");
  EXPECT_EQ(DecodeBase64Lenient(b64), data);
  EXPECT_EQ(EncodeBase64Lines(""), "");
}
