// ToolRegistry: the set of tools the server offers, in a stable order.
//
// Tools are added once at startup; tools/list reports them in registration order, so clients see
// the same list (and prompt caches stay warm) on every request.
//
// Thread-safety: build it on one thread before serving, then share it read-only; Find and tools()
// are then safe from any number of threads. Add must not run concurrently with anything.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/tool.h"

namespace mail_mcp {

class ToolRegistry {
 public:
  ToolRegistry() = default;
  ToolRegistry(const ToolRegistry&) = delete;
  ToolRegistry& operator=(const ToolRegistry&) = delete;

  /// Takes ownership. A null tool or a second tool with the same name is a programming error: it
  /// aborts, at startup, rather than serving an ambiguous list.
  void Add(std::unique_ptr<Tool> tool);
  /// The tool called `name`, or null.
  const Tool* Find(std::string_view name) const;
  /// All tools, in registration order.
  const std::vector<std::unique_ptr<Tool>>& tools() const { return tools_; }

 private:
  std::vector<std::unique_ptr<Tool>> tools_;
  std::vector<std::string> names_;  // names_[i] == tools_[i]->name(), cached: name() allocates
};

}  // namespace mail_mcp
