#include "mcp/tool_list_cache.h"

#include "util/json_writer.h"

namespace mail_mcp {

ToolListCache::ToolListCache(Build build, uint64_t all_tools) : build_(std::move(build)), all_tools_(all_tools) {
  for (bool stateless : {false, true}) all_[stateless] = WriteJson(build_(stateless, all_tools));
}

const std::string& ToolListCache::Get(bool stateless, uint64_t tools) const {
  if (tools == all_tools_) return all_[stateless];
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = entries_[{stateless, tools}];
  if (!entry) entry = std::make_unique<const std::string>(WriteJson(build_(stateless, tools)));
  return *entry;
}

}  // namespace mail_mcp
