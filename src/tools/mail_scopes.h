// The permissions a person can grant an assistant over their mailbox, as OAuth scopes.
//
// One table names each scope, says in plain words what it allows (the consent page shows these
// words, in this order) and states what a tool that needs it may do to the world. Every tool names
// the one scope it needs (MailToolSpec::scope); the MCP layer lists and runs only the tools whose
// scope the caller's token holds, and a unit test holds each tool's annotations (readOnlyHint,
// destructiveHint, openWorldHint) to the powers its scope states here, so a new tool can forget
// neither. Scopes are independent: a grant may hold any non-empty combination.
//
// Thread-safety: immutable constants and pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "util/scope_set.h"

namespace mail_mcp {

inline constexpr char kScopeRead[] = "mail:read";
inline constexpr char kScopeOrganize[] = "mail:organize";
inline constexpr char kScopeDraft[] = "mail:draft";
inline constexpr char kScopeSend[] = "mail:send";
inline constexpr char kScopeDelete[] = "mail:delete";

struct MailScope {
  const char* name;        // the OAuth scope, e.g. "mail:read"
  const char* short_name;  // what `mail_mcp generate --scopes=` also accepts, e.g. "read"
  const char* label;       // the consent page's checkbox label
  const char* detail;      // one plain sentence under it
  /// What tools needing this scope may do; their annotations must agree (tests/tools/).
  bool changes_mailbox;  // false: readOnlyHint true
  bool destroys;         // true: destructiveHint true (data may be gone for good)
  bool reaches_others;   // true: openWorldHint true (mail leaves the mailbox)
  /// Marked on the consent page: what cannot be taken back.
  bool sensitive() const { return destroys || reaches_others; }
};

/// Every scope, in the order the consent page and the metadata list them.
const std::vector<MailScope>& MailScopes();
/// The scope called `name`, by its full or short name; null if there is none.
const MailScope* FindMailScope(std::string_view name);
/// All of them: the ceiling of a client provisioned without --scopes, and what a client id or
/// token sealed before scopes existed is taken to allow.
ScopeSet AllMailScopes();

}  // namespace mail_mcp
