#include "tools/mail_scopes.h"

namespace mail_mcp {

const std::vector<MailScope>& MailScopes() {
  // Read first (what most grants hold), then in rising order of consequence; the two whose effects
  // cannot be undone come last and are marked on the page.
  static const std::vector<MailScope> kScopes = {
      {.name = kScopeRead,
       .short_name = "read",
       .label = "Read your mail",
       .detail = "See your folders and messages and search them. Nothing in your mailbox changes.",
       .changes_mailbox = false,
       .destroys = false,
       .reaches_others = false},
      {.name = kScopeOrganize,
       .short_name = "organize",
       .label = "Organize messages",
       .detail = "Move messages between folders and mark them read, unread or flagged.",
       .changes_mailbox = true,
       .destroys = false,
       .reaches_others = false},
      {.name = kScopeDraft,
       .short_name = "draft",
       .label = "Write drafts",
       .detail = "Save new messages in your Drafts folder for you to review. It cannot send them.",
       .changes_mailbox = true,
       .destroys = false,
       .reaches_others = false},
      {.name = kScopeSend,
       .short_name = "send",
       .label = "Send mail as you",
       .detail = "Send messages from your address to anyone, without asking you first.",
       .changes_mailbox = true,
       .destroys = false,
       .reaches_others = true},
      {.name = kScopeDelete,
       .short_name = "delete",
       .label = "Delete messages",
       .detail = "Remove messages for good. They skip the Trash and usually cannot be recovered.",
       .changes_mailbox = true,
       .destroys = true,
       .reaches_others = false},
  };
  return kScopes;
}

const MailScope* FindMailScope(std::string_view name) {
  for (const MailScope& s : MailScopes())
    if (name == s.name || name == s.short_name) return &s;
  return nullptr;
}

ScopeSet AllMailScopes() {
  ScopeSet all;
  for (const MailScope& s : MailScopes()) all.Add(s.name);
  return all;
}

}  // namespace mail_mcp
