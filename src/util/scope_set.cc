#include "util/scope_set.h"

#include <algorithm>

namespace mail_mcp {

bool IsValidScopeToken(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    // %x21 / %x23-5B / %x5D-7E: printable ASCII without space, '"' and '\'.
    if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

ScopeSet::ScopeSet(std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) Add(n);
}

StatusOr<ScopeSet> ScopeSet::Parse(std::string_view text) {
  ScopeSet out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view name = text.substr(i, end - i);
    if (!IsValidScopeToken(name)) return Status::InvalidArgument("scope holds a character a scope name cannot have");
    out.Add(name);
    i = end;
  }
  return out;
}

bool ScopeSet::Contains(std::string_view name) const { return std::binary_search(names_.begin(), names_.end(), name); }

bool ScopeSet::Includes(const ScopeSet& other) const {
  return std::includes(names_.begin(), names_.end(), other.names_.begin(), other.names_.end());
}

void ScopeSet::Add(std::string_view name) {
  auto at = std::lower_bound(names_.begin(), names_.end(), name);
  if (at == names_.end() || *at != name) names_.insert(at, std::string(name));
}

ScopeSet ScopeSet::Union(const ScopeSet& other) const {
  ScopeSet out;
  std::set_union(names_.begin(), names_.end(), other.names_.begin(), other.names_.end(),
                 std::back_inserter(out.names_));
  return out;
}

ScopeSet ScopeSet::Intersection(const ScopeSet& other) const {
  ScopeSet out;
  std::set_intersection(names_.begin(), names_.end(), other.names_.begin(), other.names_.end(),
                        std::back_inserter(out.names_));
  return out;
}

std::string ScopeSet::ToString() const {
  std::string out;
  for (const std::string& n : names_) {
    if (!out.empty()) out += ' ';
    out += n;
  }
  return out;
}

}  // namespace mail_mcp
