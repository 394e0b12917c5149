#include "mcp/tool_registry.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace mail_mcp {

void ToolRegistry::Add(std::unique_ptr<Tool> tool) {
  if (!tool) {
    std::fprintf(stderr, "ToolRegistry::Add: null tool\n");
    std::abort();
  }
  std::string name = tool->name();
  if (Find(name)) {
    std::fprintf(stderr, "ToolRegistry::Add: duplicate tool name \"%s\"\n", name.c_str());
    std::abort();
  }
  tools_.push_back(std::move(tool));
  names_.push_back(std::move(name));
}

const Tool* ToolRegistry::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return tools_[i].get();
  return nullptr;
}

}  // namespace mail_mcp
