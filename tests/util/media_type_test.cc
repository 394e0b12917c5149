#include "util/media_type.h"

#include <string>

#include "testing.h"

using namespace mail_mcp;

TEST(MediaType, BareTypeSlashSubtypeOnly) {
  EXPECT_TRUE(IsMediaType("application/pdf"));
  EXPECT_TRUE(IsMediaType("image/svg+xml"));
  EXPECT_TRUE(IsMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  EXPECT_FALSE(IsMediaType("text/plain; charset=utf-8"));
  EXPECT_FALSE(IsMediaType("text/html\r\nX: y"));
  EXPECT_FALSE(IsMediaType("text"));
  EXPECT_FALSE(IsMediaType("/plain"));
  EXPECT_FALSE(IsMediaType("text/"));
  EXPECT_FALSE(IsMediaType("a/b/c"));
  EXPECT_FALSE(IsMediaType("text/" + std::string(128, 'x')));
}
