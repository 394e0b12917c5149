#include "oauth/redirect_uris.h"

#include "testing.h"

using namespace mail_mcp;

TEST(RedirectUris, DefaultsIncludeClaudeAndLoopbackOnAnyPort) {
  auto d = DefaultRedirectUris();
  EXPECT_TRUE(IsRedirectUriAllowed(d, "https://claude.ai/api/mcp/auth_callback"));
  EXPECT_TRUE(IsRedirectUriAllowed(d, "https://claude.com/api/mcp/auth_callback"));
  EXPECT_TRUE(IsRedirectUriAllowed(d, "http://127.0.0.1:33418/callback"));
  EXPECT_TRUE(IsRedirectUriAllowed(d, "http://localhost:6274/oauth/callback"));
  EXPECT_TRUE(IsRedirectUriAllowed(d, "http://[::1]:9000/cb?x=1"));
}

TEST(RedirectUris, NonLoopbackEntriesMatchExactly) {
  auto d = DefaultRedirectUris();
  EXPECT_FALSE(IsRedirectUriAllowed(d, "https://claude.ai/api/mcp/auth_callback/"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "https://claude.ai/api/mcp/auth_callback?x=1"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "https://claude.ai.evil.test/api/mcp/auth_callback"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "https://127.0.0.1/cb"));  // loopback entries are http only
  EXPECT_FALSE(IsRedirectUriAllowed(d, "http://127.0.0.1.evil.test/cb"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "http://user@127.0.0.1/cb"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "http://127.0.0.1/cb#frag"));
  EXPECT_FALSE(IsRedirectUriAllowed(d, "http://10.0.0.1/cb"));
}

TEST(RedirectUris, LoopbackEntryWithPathPinsThePath) {
  std::vector<std::string> list{"http://127.0.0.1/callback"};
  EXPECT_TRUE(IsRedirectUriAllowed(list, "http://127.0.0.1:5555/callback"));
  EXPECT_FALSE(IsRedirectUriAllowed(list, "http://127.0.0.1:5555/other"));
  EXPECT_FALSE(IsRedirectUriAllowed(list, "http://localhost:5555/callback"));
}

TEST(RedirectUris, EntriesAreValidated) {
  EXPECT_OK(ValidateRedirectUriEntry("https://app.example.com/cb"));
  EXPECT_OK(ValidateRedirectUriEntry("http://localhost"));
  EXPECT_FALSE(ValidateRedirectUriEntry("http://app.example.com/cb").ok());
  EXPECT_FALSE(ValidateRedirectUriEntry("https://app.example.com/cb#x").ok());
  EXPECT_FALSE(ValidateRedirectUriEntry("myapp://cb").ok());
}

TEST(RedirectUris, ReturnHostNamesTheSiteOrNothingForLoopback) {
  EXPECT_EQ(ReturnHost("https://claude.ai/api/mcp/auth_callback"), "claude.ai");
  EXPECT_EQ(ReturnHost("https://App.Example.com:8443/cb?x=1"), "app.example.com");
  EXPECT_EQ(ReturnHost("http://127.0.0.1:6274/oauth/callback"), "");
  EXPECT_EQ(ReturnHost("http://localhost:3334/cb"), "");
  EXPECT_EQ(ReturnHost("http://[::1]:9/cb"), "");
}
