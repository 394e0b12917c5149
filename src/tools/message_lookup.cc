#include "tools/message_lookup.h"

#include <algorithm>

#include "imap/imap_fetch.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"

namespace mail_mcp {

StatusOr<ImapLease> OpenImap(const MailContext& ctx, std::string_view folder) {
  return ctx.imap_pool ? ctx.imap_pool->Acquire(*ctx.account, *ctx.connect, folder)
                       : ImapSessionPool::Unpooled(*ctx.account, *ctx.connect);
}

StatusOr<MailboxState> OpenFolder(ImapSession& imap, const std::string& folder, bool writable) {
  if (!imap.connected())
    if (Status s = imap.Connect(); !s.ok()) return Status::Error(s.code(), ImapFailure(s.message()));
  auto box = imap.OpenMailbox(folder, writable ? MailboxAccess::kWrite : MailboxAccess::kRead);
  if (!box.ok())
    return Status::Error(box.status().code(),
                         ImapFailure("cannot open folder '" + folder + "': " + box.status().message()));
  return box;
}

namespace {

using FlagsByUid = std::map<uint32_t, std::vector<std::string>>;

/// The FLAGS of the untagged FETCH responses in `r` for the messages among `uids` (ascending). A
/// server may add unsolicited FETCH responses for other messages: only those asked for are kept. A
/// response without FLAGS counts as "no flags" when FLAGS were fetched, and as not reported after a
/// STORE (`fetched_flags` false), where it says nothing about them.
StatusOr<FlagsByUid> FlagsReported(const ImapResult& r, const std::vector<uint32_t>& uids, bool fetched_flags) {
  auto fetched = ParseFetchResponses(r.untagged);
  if (!fetched.ok()) return fetched.status();
  FlagsByUid out;
  for (const FetchedMessage& m : *fetched)
    if (m.uid != 0 && (m.flags || fetched_flags) && std::binary_search(uids.begin(), uids.end(), m.uid))
      out[m.uid] = m.flags.value_or(std::vector<std::string>{});
  return out;
}

ImapCommand StoreCommand(const std::vector<uint32_t>& uids, const char* op, const std::vector<std::string>& flags) {
  ImapCommand store("UID STORE");
  store.Atom(CompressSequenceSet(uids)).Atom(op).Atom("(");
  for (const auto& f : flags) store.Atom(f);
  store.Atom(")");
  return store;
}

}  // namespace

StatusOr<FlagsByUid> FetchFlagsOf(ImapSession& imap, const std::vector<uint32_t>& uids) {
  if (uids.empty()) return FlagsByUid{};
  ImapCommand fetch("UID FETCH");
  fetch.Atom(CompressSequenceSet(uids)).Raw("(UID FLAGS)");
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  return FlagsReported(*r, uids, /*fetched_flags=*/true);
}

Status StoreFlags(ImapSession& imap, const std::vector<uint32_t>& uids, const char* op,
                  const std::vector<std::string>& flags) {
  if (flags.empty() || uids.empty()) return Status::OK();
  auto r = imap.RunOk(StoreCommand(uids, op, flags));
  return r.ok() ? Status::OK() : r.status();
}

StatusOr<FlagsByUid> StoreFlagsReporting(ImapSession& imap, const std::vector<uint32_t>& uids, const char* op,
                                         const std::vector<std::string>& flags) {
  if (uids.empty()) return FlagsByUid{};
  auto r = imap.RunOk(StoreCommand(uids, op, flags));
  if (!r.ok()) return r.status();
  return FlagsReported(*r, uids, /*fetched_flags=*/false);
}

Status ExpungeUids(ImapSession& imap, const std::vector<uint32_t>& uids) {
  if (uids.empty()) return Status::OK();
  ImapCommand expunge("UID EXPUNGE");
  expunge.Atom(CompressSequenceSet(uids));
  auto r = imap.RunOk(expunge);
  return r.ok() ? Status::OK() : r.status();
}

StatusOr<std::vector<std::string>> FetchFlags(ImapSession& imap, uint32_t uid, const std::string& folder) {
  auto found = FetchFlagsOf(imap, {uid});
  if (!found.ok()) return found.status();
  if (auto it = found->find(uid); it != found->end()) return it->second;
  return Status::NotFound("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder + "'");
}

StatusOr<SelectedMessages> SelectMessages(const picojson::object& args, const MailContext& ctx) {
  SelectedMessages s;
  std::string folder = StringArg(args, "folder");
  auto uids = UidsArg(args, &s.bulk);
  if (!uids.ok()) return uids.status();
  s.uids = std::move(*uids);
  if (Status v = ValidateFolderName(folder); !v.ok()) return v;
  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return Status::Error(lease.status().code(), ImapFailure(lease.status().message()));
  s.lease = std::move(*lease);
  if (auto box = OpenFolder(*s.lease, folder, /*writable=*/true); !box.ok()) return box.status();
  auto present = FetchFlagsOf(*s.lease, s.uids);
  if (!present.ok()) return Status::Error(present.status().code(), ImapFailure(present.status().message()));
  s.present = std::move(*present);
  if (!s.bulk && s.present.empty())
    return Status::NotFound("Message not found: no message with uid " + std::to_string(s.uids.front()) + " in '" +
                            folder + "'");
  for (const auto& [uid, flags] : s.present) s.targets.push_back(uid);
  return s;
}

Status SelectMessage(ImapSession& imap, const std::string& folder, uint32_t uid) {
  if (auto box = OpenFolder(imap, folder, /*writable=*/true); !box.ok()) return box.status();
  if (auto flags = FetchFlags(imap, uid, folder); !flags.ok()) return flags.status();
  return Status::OK();
}

Status StoreFlags(ImapSession& imap, uint32_t uid, const char* op, const std::vector<std::string>& flags) {
  return StoreFlags(imap, std::vector<uint32_t>{uid}, op, flags);
}

}  // namespace mail_mcp
