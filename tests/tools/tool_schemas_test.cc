#include <cstdio>
#include <string>
#include <vector>

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

namespace {

/// Paths in `schema` whose "type" is a list rather than one name.
void CollectTypeLists(const picojson::value& schema, const std::string& path, std::vector<std::string>* out) {
  if (schema.is<picojson::array>()) {
    const auto& a = schema.get<picojson::array>();
    for (size_t i = 0; i < a.size(); ++i) CollectTypeLists(a[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (!schema.is<picojson::object>()) return;
  for (const auto& [key, v] : schema.get<picojson::object>()) {
    if (key == "type" && !v.is<std::string>()) out->push_back(path);
    CollectTypeLists(v, path + "." + key, out);
  }
}

}  // namespace

// `"type":["array","string"]` on to/cc/bcc was refused by clients that accept one type only
// (Gemini function declarations, strict validators): issue 19, item 11.
TEST(ToolSchemas, EveryInputSchemaGivesEachValueOneJsonType) {
  ToolRegistry registry;
  RegisterAllTools(registry);
  for (const auto& tool : registry.tools()) {
    std::vector<std::string> lists;
    CollectTypeLists(tool->input_schema(), tool->name(), &lists);
    for (const auto& path : lists) std::printf("    type list at %s\n", path.c_str());
    EXPECT_TRUE(lists.empty());
  }
}

TEST(ToolSchemas, ASingleRecipientStringIsStillAcceptedAsTheDescriptionsSay) {
  ToolRegistry registry;
  RegisterAllTools(registry);
  for (const char* name : {"send_mail_message", "create_draft_mail_message"}) {
    const Tool* t = registry.Find(name);
    ASSERT_TRUE(t != nullptr);
    EXPECT_EQ(t->input_schema().get("properties").get("to").get("type").to_str(), "array");
    EXPECT_CONTAINS(t->input_schema().get("properties").get("to").get("description").to_str(), "single string");
    picojson::object args;
    args["to"] = picojson::value("a@example.com, B <b@example.com>");
    args["cc"] = picojson::value(picojson::array{picojson::value("c@example.com")});
    args["subject"] = picojson::value("s");
    t->NormalizeArguments(args);
    ASSERT_TRUE(args["to"].is<picojson::array>());
    EXPECT_EQ(args["to"].get(0).to_str(), "a@example.com, B <b@example.com>");
    EXPECT_EQ(args["cc"].get<picojson::array>().size(), 1u);
    picojson::value v(args);
    EXPECT_OK(ValidateToolArguments(t->input_schema(), &v));
    picojson::object bad;
    bad["to"] = picojson::value(int64_t(5));
    bad["subject"] = picojson::value("s");
    t->NormalizeArguments(bad);
    picojson::value b(bad);
    EXPECT_FALSE(ValidateToolArguments(t->input_schema(), &b).ok());
  }
}
