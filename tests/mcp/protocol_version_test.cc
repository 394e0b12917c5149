#include "mcp/protocol_version.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ProtocolVersion, SupportsTheStatelessRevisionAndThreeLegacyOnes) {
  for (const char* v : {"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"})
    EXPECT_TRUE(IsSupportedProtocolVersion(v));
  EXPECT_FALSE(IsSupportedProtocolVersion("2024-11-05"));
  EXPECT_FALSE(IsSupportedProtocolVersion(""));
  EXPECT_EQ(kSupportedProtocolVersions.front(), kStatelessProtocolVersion);
}

TEST(ProtocolVersion, OnlyTheStatelessRevisionIsOutsideTheInitializeEra) {
  EXPECT_TRUE(IsStatelessProtocolVersion("2026-07-28"));
  EXPECT_FALSE(IsLegacyProtocolVersion("2026-07-28"));
  for (const char* v : {"2025-11-25", "2025-06-18", "2025-03-26"}) {
    EXPECT_TRUE(IsLegacyProtocolVersion(v));
    EXPECT_FALSE(IsStatelessProtocolVersion(v));
  }
  EXPECT_FALSE(IsLegacyProtocolVersion("1999-01-01"));
  EXPECT_TRUE(IsLegacyProtocolVersion(kLatestLegacyProtocolVersion));
  EXPECT_TRUE(IsLegacyProtocolVersion(kDefaultProtocolVersion));
}
