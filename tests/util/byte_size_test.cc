#include "util/byte_size.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ByteSizeText, WholeUnitsOrTenthsOfAMebibyte) {
  EXPECT_EQ(ByteSizeText(size_t{64} << 20), "64 MiB");
  EXPECT_EQ(ByteSizeText((size_t{8} << 20) + (size_t{64} << 10)), "8.1 MiB");
  EXPECT_EQ(ByteSizeText(30000000 + (64 << 10)), "28.7 MiB");
  EXPECT_EQ(ByteSizeText(size_t{512} << 10), "512 KiB");
  EXPECT_EQ(ByteSizeText(1000), "1000 bytes");
}
