// ScopeSet: a set of OAuth scope names (RFC 6749 §3.3), the permissions a grant holds.
//
// A scope string is a space-separated list of scope-tokens (printable ASCII except space, '"' and
// '\'); order and repetition carry no meaning, so a ScopeSet keeps its names sorted and unique and
// prints them back in that canonical order. It knows nothing about what a name allows: the
// authorization server decides which names exist, and each MCP tool names the one it needs.
//
// Thread-safety: a value type; const methods may run concurrently.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

class ScopeSet {
 public:
  ScopeSet() = default;
  /// The given names (each must be a valid scope-token; see Parse for text from outside).
  ScopeSet(std::initializer_list<std::string_view> names);

  /// Parses a scope parameter. Runs of spaces are tolerated (clients differ); an empty string is
  /// the empty set. A name with a character outside the scope-token set is an error, so nothing
  /// that could break a header or a quoted-string ever becomes a scope.
  static StatusOr<ScopeSet> Parse(std::string_view text);

  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  bool Contains(std::string_view name) const;
  /// True when every name of `other` is in this set.
  bool Includes(const ScopeSet& other) const;

  void Add(std::string_view name);
  ScopeSet Union(const ScopeSet& other) const;
  ScopeSet Intersection(const ScopeSet& other) const;

  /// The canonical scope string: the names sorted, separated by one space.
  std::string ToString() const;

  friend bool operator==(const ScopeSet& a, const ScopeSet& b) { return a.names_ == b.names_; }
  friend bool operator!=(const ScopeSet& a, const ScopeSet& b) { return !(a == b); }

 private:
  std::vector<std::string> names_;  // sorted, unique
};

/// RFC 6749 §3.3 scope-token: one or more of %x21 / %x23-5B / %x5D-7E.
bool IsValidScopeToken(std::string_view name);

}  // namespace mail_mcp
