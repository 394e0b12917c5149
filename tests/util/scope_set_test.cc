#include "util/scope_set.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ScopeSet, ParseIgnoresOrderRepetitionAndExtraSpaces) {
  auto s = ScopeSet::Parse("  mail:send mail:read  mail:send ");
  ASSERT_OK(s);
  EXPECT_EQ(s->size(), 2u);
  EXPECT_EQ(s->ToString(), "mail:read mail:send");
  EXPECT_TRUE(s->Contains("mail:read"));
  EXPECT_FALSE(s->Contains("mail:delete"));
  auto empty = ScopeSet::Parse("");
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(empty->ToString(), "");
}

TEST(ScopeSet, ParseRefusesCharactersOutsideScopeTokens) {
  // Each could break the quoted-string of a WWW-Authenticate header or smuggle a second header.
  for (const char* bad : {"mail:read\"", "a\\b", "read\r\nX-Evil: 1", "tab\there", "caf\xC3\xA9", "nul\x01"})
    EXPECT_FALSE(ScopeSet::Parse(bad).ok());
  EXPECT_TRUE(IsValidScopeToken("!#[]~"));
  EXPECT_FALSE(IsValidScopeToken(""));
}

TEST(ScopeSet, SetOperationsKeepTheCanonicalOrder) {
  ScopeSet a{"mail:read", "mail:send"};
  ScopeSet b{"mail:send", "mail:delete"};
  EXPECT_EQ(a.Union(b).ToString(), "mail:delete mail:read mail:send");
  EXPECT_EQ(a.Intersection(b).ToString(), "mail:send");
  EXPECT_TRUE(a.Union(b).Includes(a));
  EXPECT_FALSE(a.Includes(b));
  EXPECT_TRUE(a.Includes(ScopeSet{}));
  EXPECT_TRUE(a == (ScopeSet{"mail:send", "mail:read"}));
  EXPECT_TRUE(a != b);
}
