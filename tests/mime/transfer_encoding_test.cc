#include "mime/transfer_encoding.h"

#include "testing.h"

using namespace mail_mcp;

TEST(TransferEncoding, Base64SkipsWhitespaceAndGarbage) {
  EXPECT_EQ(DecodeBase64Lenient("Zm9v\r\nYmFy"), "foobar");
  EXPECT_EQ(DecodeBase64Lenient(" Zm9v*YmE=\n"), "fooba");
  EXPECT_EQ(DecodeBase64Lenient("Zm9vYg"), "foob");  // missing padding
  EXPECT_EQ(DecodeBase64Lenient(""), "");
  EXPECT_EQ(DecodeBase64Lenient("Z"), "");  // a lone character carries no byte
}

TEST(TransferEncoding, Base64DecodesConcatenatedPaddedChunks) {
  EXPECT_EQ(DecodeBase64Lenient("Zg==Zm8=Zm9v"), "ffofoo");
}

TEST(TransferEncoding, QuotedPrintableSoftBreaksAndEscapes) {
  EXPECT_EQ(DecodeQuotedPrintable("Gr=C3=BC=c3=9fe=\r\n and=\n more=  \r\nend"), "Grüße and moreend");
  EXPECT_EQ(DecodeQuotedPrintable("a=3Db"), "a=b");
}

TEST(TransferEncoding, QuotedPrintableKeepsBadEscapesLiterally) {
  EXPECT_EQ(DecodeQuotedPrintable("x=ZZ y=4 z="), "x=ZZ y=4 z");
  EXPECT_EQ(DecodeQuotedPrintable("50% =G1"), "50% =G1");
}

TEST(TransferEncoding, QuotedPrintableDropsTrailingBlanksButKeepsEncodedOnes) {
  EXPECT_EQ(DecodeQuotedPrintable("line   \r\nnext\t\nkeep=20\n"), "line\r\nnext\nkeep \n");
}

TEST(TransferEncoding, DispatchesOnEncodingNameCaseInsensitively) {
  EXPECT_EQ(DecodeTransferEncoding("Zm9v", " BASE64 "), "foo");
  EXPECT_EQ(DecodeTransferEncoding("a=3Db", "Quoted-Printable"), "a=b");
  EXPECT_EQ(DecodeTransferEncoding("a=3Db", "7bit"), "a=3Db");
  EXPECT_EQ(DecodeTransferEncoding("raw\xff", "8bit"), "raw\xff");
  EXPECT_EQ(DecodeTransferEncoding("raw", "binary"), "raw");
  EXPECT_EQ(DecodeTransferEncoding("raw", "x-uuencode"), "raw");
  EXPECT_EQ(DecodeTransferEncoding("raw", ""), "raw");
}
