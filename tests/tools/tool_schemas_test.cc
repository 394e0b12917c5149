#include "mcp/schema_validator.h"
#include "mcp/tool_registry.h"
#include "testing.h"
#include "tools/all_tools.h"

using namespace mail_mcp;

TEST(ToolSchemas, EveryInputSchemaParsesAndUsesOnlyEnforcedKeywords) {
  ToolRegistry registry;
  RegisterAllTools(registry);
  ASSERT_TRUE(registry.tools().size() >= 4u);
  for (const auto& tool : registry.tools()) {
    picojson::value in = tool->input_schema();
    EXPECT_TRUE(in.is<picojson::object>());
    EXPECT_EQ(in.get("type").to_str(), "object");
    Status s = CheckSchemaSupported(in);
    if (!s.ok()) std::printf("    %s: %s\n", tool->name().c_str(), s.message().c_str());
    EXPECT_TRUE(s.ok());
    picojson::value out = tool->output_schema();
    EXPECT_EQ(out.get("type").to_str(), "object");
    EXPECT_FALSE(tool->description().empty());
  }
}

TEST(ToolSchemas, ReadToolsAreMarkedReadOnly) {
  ToolRegistry registry;
  RegisterAllTools(registry);
  for (const char* name : {"list_mailboxes", "list_mail_messages", "get_mail_message", "search_mail_messages"}) {
    const Tool* t = registry.Find(name);
    ASSERT_TRUE(t != nullptr);
    EXPECT_TRUE(t->annotations().read_only);
    EXPECT_FALSE(t->annotations().destructive);
  }
}
