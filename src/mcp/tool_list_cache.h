// ToolListCache: the serialized tools/list results, built once and then only copied out.
//
// The list is the same for every request of one era while the server runs, and building it (nine
// schemas copied into a picojson tree, then serialized) cost ~3 ms of CPU per request: at 64
// connections that made tools/list slower than the TypeScript SDK serving the same bytes. So the
// result object of each era (legacy, and 2026-07-28 with its resultType, _meta and caching hints)
// is serialized once; McpHandler splices the request's id around the bytes
// (JsonRpcResultBodyFromSerialized).
//
// Keyed by era and by the set of tools shown (a bit per tool in registration order), so that a
// list narrowed per caller (say, to the tools a grant's scopes allow) is built once per distinct
// set, on first use. The full set is built at construction and read without a lock.
//
// Thread-safety: Get may be called from any number of threads; entries are never removed, so the
// references it returns stay valid for the cache's lifetime.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <picojson.h>

namespace mail_mcp {

class ToolListCache {
 public:
  /// Builds the result object of tools/list for an era (`stateless`: 2026-07-28) and a set of tools.
  using Build = std::function<picojson::value(bool stateless, uint64_t tools)>;

  /// Builds both eras for `all_tools` now.
  ToolListCache(Build build, uint64_t all_tools);
  ToolListCache(const ToolListCache&) = delete;
  ToolListCache& operator=(const ToolListCache&) = delete;

  /// The serialized result object for this era and set of tools.
  const std::string& Get(bool stateless, uint64_t tools) const;

 private:
  const Build build_;
  const uint64_t all_tools_;
  std::string all_[2];  // the full set: [0] legacy, [1] stateless
  mutable std::mutex mutex_;
  mutable std::map<std::pair<bool, uint64_t>, std::unique_ptr<const std::string>> entries_;
};

}  // namespace mail_mcp
