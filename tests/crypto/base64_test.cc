#include "crypto/base64.h"

#include "testing.h"

using namespace mail_mcp;

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(*Base64UrlDecode("-_-_"), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64Url, RoundTripsEveryByteValueAndLength) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += char(i);
  for (size_t n = 0; n <= all.size(); n += 7) {
    auto back = Base64UrlDecode(Base64UrlEncode(all.substr(0, n)));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, all.substr(0, n));
  }
}

TEST(Base64Url, RejectsPaddingStandardAlphabetAndGarbage) {
  EXPECT_FALSE(Base64UrlDecode("Zg==").has_value());
  EXPECT_FALSE(Base64UrlDecode("+/+/").has_value());
  EXPECT_FALSE(Base64UrlDecode("Zm9v YmFy").has_value());
  EXPECT_FALSE(Base64UrlDecode("Zm9v\n").has_value());
  EXPECT_FALSE(Base64UrlDecode(std::string("Zm\0v", 4)).has_value());
}

TEST(Base64Url, RejectsImpossibleLengthAndNonCanonicalTrailingBits) {
  EXPECT_FALSE(Base64UrlDecode("Z").has_value());    // 1 mod 4 cannot be produced
  EXPECT_FALSE(Base64UrlDecode("Zh").has_value());   // "Zg" with a stray low bit
  EXPECT_FALSE(Base64UrlDecode("Zm9").has_value());  // "Zm8" with stray bits
  EXPECT_TRUE(Base64UrlDecode("Zg").has_value());
}

TEST(Base64, PaddedStandardRoundTripAndStrictness) {
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(*Base64Decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(*Base64Decode(""), "");
  EXPECT_FALSE(Base64Decode("Zm9vYg").has_value());    // missing padding
  EXPECT_FALSE(Base64Decode("Zm9v=mE=").has_value());  // padding in the middle
  EXPECT_FALSE(Base64Decode("Zm9vYg=").has_value());
  EXPECT_FALSE(Base64Decode("-_-_").has_value());  // URL alphabet
}

TEST(Base64, DigitValueUsesTheGivenLastTwoDigits) {
  EXPECT_EQ(Base64DigitValue('A', '+', '/'), 0);
  EXPECT_EQ(Base64DigitValue('z', '+', '/'), 51);
  EXPECT_EQ(Base64DigitValue('9', '+', '/'), 61);
  EXPECT_EQ(Base64DigitValue('/', '+', '/'), 63);
  EXPECT_EQ(Base64DigitValue('_', '-', '_'), 63);
  EXPECT_EQ(Base64DigitValue(',', '+', ','), 63);  // IMAP modified UTF-7
  EXPECT_EQ(Base64DigitValue('/', '+', ','), -1);
  EXPECT_EQ(Base64DigitValue('=', '+', '/'), -1);
  EXPECT_EQ(Base64DigitValue('\xC3', '+', '/'), -1);
}
