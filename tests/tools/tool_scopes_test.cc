// Ties each tool's annotations to the scope it needs: a new tool has to name a scope, and its
// readOnlyHint, destructiveHint and openWorldHint must say what that scope's table row says.
#include <set>

#include "mcp/tool_registry.h"
#include "testing.h"
#include "tools/all_tools.h"
#include "tools/mail_scopes.h"

using namespace mail_mcp;

namespace {

struct Registry {
  Registry() { RegisterAllTools(tools); }
  ToolRegistry tools;
};

}  // namespace

TEST(ToolScopes, EveryToolNeedsAKnownScopeAndEveryScopeHasATool) {
  Registry r;
  std::set<std::string> used;
  for (const auto& tool : r.tools.tools()) {
    const MailScope* scope = FindMailScope(tool->required_scope());
    if (!scope) std::printf("    %s needs unknown scope '%s'\n", tool->name().c_str(), tool->required_scope().c_str());
    ASSERT_TRUE(scope != nullptr);
    EXPECT_EQ(tool->required_scope(), std::string(scope->name));  // the full name, not the short one
    used.insert(scope->name);
  }
  for (const MailScope& s : MailScopes()) EXPECT_TRUE(used.count(s.name) == 1);
}

TEST(ToolScopes, AnnotationsAgreeWithWhatTheirScopeMayDo) {
  Registry r;
  for (const auto& tool : r.tools.tools()) {
    const MailScope* scope = FindMailScope(tool->required_scope());
    ASSERT_TRUE(scope != nullptr);
    ToolAnnotations a = tool->annotations();
    std::printf("    %s: %s\n", tool->name().c_str(), scope->name);
    EXPECT_EQ(a.read_only, !scope->changes_mailbox);
    EXPECT_EQ(a.destructive, scope->destroys);
    EXPECT_EQ(a.open_world, scope->reaches_others);
    // Reading twice is as harmless as reading once.
    if (a.read_only) EXPECT_TRUE(a.idempotent);
  }
}

TEST(ToolScopes, ReadingIsExactlyTheFourReadTools) {
  Registry r;
  std::set<std::string> readers;
  for (const auto& tool : r.tools.tools())
    if (tool->required_scope() == kScopeRead) readers.insert(tool->name());
  EXPECT_TRUE(readers == (std::set<std::string>{"list_mailboxes", "list_mail_messages", "get_mail_message",
                                                "search_mail_messages"}));
}

TEST(ToolScopes, MarkingAMessageReadNeedsTheOrganizeScopeToo) {
  Registry r;
  const Tool* get = r.tools.Find("get_mail_message");
  ASSERT_TRUE(get != nullptr);
  picojson::object args;
  args["folder"] = picojson::value("INBOX");
  args["uid"] = picojson::value(int64_t(1));
  EXPECT_TRUE(get->ExtraScopesFor(args).empty());
  args["mark_as_read"] = picojson::value(false);
  EXPECT_TRUE(get->ExtraScopesFor(args).empty());
  args["mark_as_read"] = picojson::value(true);
  EXPECT_EQ(get->ExtraScopesFor(args).ToString(), kScopeOrganize);
  // Every extra scope any tool can ask for is a known one.
  for (const auto& tool : r.tools.tools()) {
    ScopeSet extras = tool->ExtraScopesFor(args);
    for (const std::string& extra : extras.names()) EXPECT_TRUE(FindMailScope(extra) != nullptr);
  }
}

TEST(MailScopes, NamesAreValidUniqueAndTheIrreversibleOnesAreMarked) {
  std::set<std::string> names, short_names;
  for (const MailScope& s : MailScopes()) {
    EXPECT_TRUE(IsValidScopeToken(s.name));
    EXPECT_TRUE(names.insert(s.name).second);
    EXPECT_TRUE(short_names.insert(s.short_name).second);
    EXPECT_EQ(std::string(s.name), std::string("mail:") + s.short_name);
    EXPECT_FALSE(std::string(s.label).empty());
    EXPECT_FALSE(std::string(s.detail).empty());
    EXPECT_EQ(s.sensitive(), s.name == std::string(kScopeSend) || s.name == std::string(kScopeDelete));
  }
  EXPECT_EQ(AllMailScopes().size(), MailScopes().size());
  EXPECT_EQ(FindMailScope("read"), FindMailScope("mail:read"));
  EXPECT_TRUE(FindMailScope("mail:admin") == nullptr);
  EXPECT_EQ(MailScopes().front().name, std::string(kScopeRead));  // the page lists reading first
}
