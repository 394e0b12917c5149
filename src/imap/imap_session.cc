#include "imap/imap_session.h"

#include <algorithm>
#include <array>
#include <utility>

#include "crypto/random.h"
#include "util/ascii.h"
#include "util/byte_size.h"

namespace mail_mcp {
namespace {

constexpr long kLogoutTimeoutMs = 2000;

/// Server text for an error message: printable and short.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 300) {
      out += "...";
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  return out;
}

/// A random tag prefix: a message body or a server cannot guess the tags of later commands.
/// From getrandom (crypto/random.h), not std::random_device: libc++ reads /dev/urandom for that,
/// and a FROM-scratch root has none (every IMAP login failed there).
std::string RandomTagPrefix() {
  static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string prefix;
  for (unsigned char byte : RandomBytesOrDie(6)) prefix += kLetters[byte % 52];
  return prefix;
}

std::vector<std::string> FlagList(const ImapValue& list) {
  std::vector<std::string> out;
  for (const ImapValue& v : list.items)
    if (v.kind == ImapValue::Kind::kAtom) out.push_back(v.text);
  return out;
}

/// The atoms after a CAPABILITY keyword, e.g. of "[CAPABILITY IMAP4rev1 IDLE]".
std::vector<std::string> CapabilityAtoms(const std::vector<ImapValue>& values) {
  std::vector<std::string> out;
  for (size_t i = 1; i < values.size(); ++i)
    if (values[i].kind == ImapValue::Kind::kAtom) out.push_back(values[i].text);
  return out;
}

}  // namespace

std::optional<std::vector<std::string>> LoginCapabilities(std::string_view transcript) {
  auto responses = ParseImapResponses(transcript);
  if (!responses.ok() || responses->empty()) return std::nullopt;
  const ImapResponse& last = responses->back();
  if (last.kind != ImapResponse::Kind::kTagged || last.status() != "OK") return std::nullopt;
  std::vector<ImapValue> code = ImapResponseCode(last.text);
  if (!code.empty() && code[0].IsAtom("CAPABILITY")) return CapabilityAtoms(code);
  for (size_t i = responses->size() - 1; i-- > 0;) {
    const ImapResponse& r = (*responses)[i];
    if (r.kind != ImapResponse::Kind::kUntagged) break;
    if (!r.values.empty() && r.values[0].IsAtom("CAPABILITY")) return CapabilityAtoms(r.values);
  }
  return std::nullopt;
}

bool IsRepeatable(const ImapCommand& command) {
  static constexpr std::array<std::string_view, 13> kReads = {
      "NOOP",   "CAPABILITY", "LIST",  "LSUB",      "STATUS",    "SELECT", "EXAMINE",
      "SEARCH", "UID SEARCH", "FETCH", "UID FETCH", "NAMESPACE", "CHECK"};
  for (std::string_view name : kReads)
    if (EqualsIgnoreCase(command.name(), name)) return true;
  return false;
}

ImapSession::ImapSession(const MailAccount& account, const MailConnectOptions& options, size_t max_response_bytes)
    : handle_(std::make_unique<CurlMailHandle>(ImapEndpoint(account), options, max_response_bytes)),
      options_(options),
      max_response_bytes_(max_response_bytes),
      tag_prefix_(RandomTagPrefix()) {}

ImapSession::~ImapSession() {
  ReleaseMemory();
  if (!connected_) return;
  if (!logged_out_) SendLogout();
  AwaitLogout(std::chrono::steady_clock::now() + std::chrono::milliseconds(kLogoutTimeoutMs));
}

void ImapSession::SendLogout() {
  if (!connected_ || !broken_.ok() || logged_out_) return;
  logged_out_ = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kLogoutTimeoutMs);
  if (!handle_->Send(NextTag() + " LOGOUT\r\n", deadline).ok()) (void)Broken(Status::Unavailable("LOGOUT failed"));
}

void ImapSession::AwaitLogout(Deadline deadline) {
  if (!connected_) return;
  if (logged_out_ && broken_.ok()) {
    /// Best effort: a server that does not answer by the deadline is simply cut off. The tag is the
    /// last one SendLogout used.
    ImapResult ignored;
    bool continuation = false;
    received_bytes_ = 0;
    // Ignored on purpose: the reply (BYE, then OK) or its absence changes nothing, the session ends.
    (void)ReadUntil(tag_prefix_ + std::to_string(tag_counter_), false, deadline, &ignored, &continuation);
  }
  /// curl would send its own LOGOUT on close and wait for the reply; the session is over.
  handle_->SetCloseTimeout(kLogoutTimeoutMs);
  handle_->Shutdown();
  connected_ = false;
}

std::string ImapSession::NextTag() { return tag_prefix_ + std::to_string(++tag_counter_); }

Status ImapSession::Broken(Status why) {
  if (broken_.ok()) broken_ = Status::Unavailable("the connection to the IMAP server was lost: " + why.message());
  return why;
}

Status ImapSession::Connect() {
  if (connected_) return Status::OK();
  ++connections_made_;
  if (Status s = handle_->ConnectOnly(); !s.ok()) return s;
  connected_ = true;
  capabilities_.clear();
  if (auto caps = LoginCapabilities(handle_->transcript())) {
    capabilities_ = std::move(*caps);
    return Status::OK();
  }
  auto result = RunOk(ImapCommand("CAPABILITY"));
  if (!result.ok()) return result.status();
  for (const ImapResponse& r : result->untagged)
    if (!r.values.empty() && r.values[0].IsAtom("CAPABILITY")) capabilities_ = CapabilityAtoms(r.values);
  return Status::OK();
}

Status ImapSession::Reconnect(bool reopen) {
  std::optional<MailboxState> was = std::move(selected_);
  /// The old connection is dead or out of step: close it without waiting for anything.
  handle_->SetCloseTimeout(kLogoutTimeoutMs);
  handle_->Shutdown();
  handle_ = std::make_unique<CurlMailHandle>(handle_->endpoint(), options_, max_response_bytes_);
  reader_ = ImapResponseReader();
  broken_ = Status::OK();
  connected_ = logged_out_ = sync_pending_ = false;
  selected_.reset();
  if (Status s = Connect(); !s.ok()) return s;
  if (!was) return Status::OK();
  if (!reopen) {
    /// The command being retried is the SELECT or EXAMINE that Open is running: it fills in the
    /// state Open set up for it, afresh.
    selected_.emplace();
    selected_->name = std::move(was->name);
    selected_->read_only = was->read_only;
    return Status::OK();
  }
  auto reopened = Open(was->read_only ? "EXAMINE" : "SELECT", was->name);
  return reopened.ok() ? Status::OK() : reopened.status();
}

bool ImapSession::StillAlive() {
  if (!reusable()) return false;
  char buffer[4096];
  size_t n = 0;
  switch (handle_->PollIdle(buffer, sizeof buffer, &n)) {
    case CurlMailHandle::IdleState::kQuiet:
      return true;
    case CurlMailHandle::IdleState::kClosed:
      (void)Broken(Status::Unavailable("the IMAP server closed the connection"));
      return false;
    case CurlMailHandle::IdleState::kData:
      break;
  }
  /// Servers speak unasked only to say goodbye (autologout, shutdown, an administrator's kick);
  /// anything else while no command runs leaves us unsure of the stream, so the session goes.
  (void)Broken(Status::Unavailable("the IMAP server sent data while the session was idle"));
  return false;
}

void ImapSession::BeginReuse(const MailConnectOptions& options) {
  options_ = options;
  retry_armed_ = true;
}

void ImapSession::EndUse() {
  options_.bearer_refused = nullptr;
  retry_armed_ = false;
  reader_.ReleaseMemory();
  ReleaseMemory();
}

Status ImapSession::ReserveMemory() {
  /// Small responses (most of them) cost no budget: the budget is for the large ones.
  constexpr size_t kFreeBytes = size_t{256} << 10;
  constexpr size_t kStep = size_t{1} << 20;
  MemoryBudget* budget = options_.memory_budget;
  if (!budget || received_bytes_ <= kFreeBytes) return Status::OK();
  const size_t want = (2 * received_bytes_ + kStep - 1) / kStep * kStep;
  if (want <= reserved_bytes_) return Status::OK();
  if (!budget->TryReserve(want - reserved_bytes_))
    return Status::ResourceExhausted("the server is busy reading other large mail responses (its " +
                                     std::to_string(budget->limit() >> 20) +
                                     " MiB for them is in use); try again in a moment");
  reserved_bytes_ = want;
  return Status::OK();
}

void ImapSession::ReleaseMemory() {
  if (options_.memory_budget && reserved_bytes_) options_.memory_budget->Release(reserved_bytes_);
  reserved_bytes_ = 0;
}

bool ImapSession::HasCapability(std::string_view name) const {
  for (const std::string& c : capabilities_)
    if (EqualsIgnoreCase(c, name)) return true;
  return false;
}

bool ImapSession::AbsorbSizeUpdate(const ImapResponse& r) {
  if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty()) return false;
  if (selected_ && r.status() == "OK") {
    /// A new UIDVALIDITY of the selected mailbox (RFC 3501 §2.3.1.1: every UID known before is void).
    std::vector<ImapValue> code = ImapResponseCode(r.text);
    if (code.size() == 2 && code[0].IsAtom("UIDVALIDITY")) {
      std::optional<uint64_t> n = ImapNumber(code[1]);
      if (n && *n <= UINT32_MAX && *n != selected_->uidvalidity && selected_->uidvalidity != 0) {
        selected_->uidvalidity = static_cast<uint32_t>(*n);
        selected_->expunged = true;
        return true;
      }
    }
    return false;
  }
  if (r.values[0].IsAtom("VANISHED")) {
    if (selected_) selected_->expunged = true;
    return true;
  }
  if (r.values.size() != 2) return false;
  std::optional<uint64_t> n = ImapNumber(r.values[0]);
  if (!n) return false;
  const ImapValue& what = r.values[1];
  if (what.IsAtom("EXISTS")) {
    if (selected_) selected_->exists = static_cast<uint32_t>(*n);
  } else if (what.IsAtom("EXPUNGE")) {
    if (selected_) {
      if (selected_->exists > 0) --selected_->exists;
      selected_->expunged = true;
    }
  } else if (!what.IsAtom("RECENT")) {
    return false;
  }
  return true;
}

Status ImapSession::ReadUntil(std::string_view tag, bool until_continuation, CurlMailHandle::Deadline deadline,
                              ImapResult* result, bool* got_continuation, std::string_view also, bool* also_done) {
  char buffer[32 << 10];
  while (true) {
    ImapResponse r;
    auto next = reader_.Next(&r);
    if (!next.ok()) {
      if (next.status().code() == Status::Code::kResourceExhausted) return Broken(next.status());
      return Broken(Status::Unavailable("the IMAP server's response could not be parsed: " + next.status().message()));
    }
    if (*next) {
      switch (r.kind) {
        case ImapResponse::Kind::kContinuation:
          if (!until_continuation) return Broken(Status::Unavailable("the IMAP server asked for data it was not sent"));
          *got_continuation = true;
          return Status::OK();
        case ImapResponse::Kind::kTagged:
          retry_armed_ = false;  // the connection works: a later failure is the server's, not a dead socket
          if (!also.empty() && r.tag == also && !*also_done) {
            *also_done = true;
            continue;
          }
          if (r.tag != tag) return Broken(Status::Unavailable("the IMAP server answered a command that was not sent"));
          result->status = r.status();
          result->text = std::move(r.text);
          if (result->status != "OK" && result->status != "NO" && result->status != "BAD")
            return Broken(Status::Unavailable("the IMAP server sent an invalid reply"));
          return Status::OK();
        case ImapResponse::Kind::kUntagged:
          if (r.status() == "BYE")
            return Broken(Status::Unavailable("the IMAP server closed the session: " + Printable(r.text)));
          if (!AbsorbSizeUpdate(r)) result->untagged.push_back(std::move(r));
          continue;
      }
    }
    auto n = handle_->Receive(buffer, sizeof buffer, deadline);
    if (!n.ok()) return Broken(n.status());
    received_bytes_ += *n;
    if (received_bytes_ > response_limit_)
      return Broken(Status::ResourceExhausted("the response from the IMAP server is larger than " +
                                              ByteSizeText(response_limit_)));
    if (Status s = ReserveMemory(); !s.ok()) return Broken(s);
    reader_.Append(std::string_view(buffer, *n));
  }
}

StatusOr<ImapResult> ImapSession::Run(const ImapCommand& command, OnMailboxChange on_change) {
  if (Status s = command.status(); !s.ok()) return s;
  if (!connected_) return Status::Unavailable("not connected to the IMAP server");
  if (!broken_.ok()) return broken_;
  const bool repeatable = IsRepeatable(command);
  /// The pending NOOP rides along with a command that reads. A change waits for the NOOP's reply
  /// instead: then a dead connection shows before anything is sent that must not be sent twice.
  if (sync_pending_ && !repeatable)
    if (Status s = Sync(); !s.ok()) return s;
  const bool with_noop = sync_pending_;
  sync_pending_ = false;
  const bool could_retry = retry_armed_;
  std::optional<MailboxState> before;
  if (with_noop && selected_) before = *selected_;
  auto result = Execute(command, with_noop);
  if (result.ok()) {
    const bool changed =
        before && selected_ &&
        (selected_->exists != before->exists || selected_->uidvalidity != before->uidvalidity || selected_->expunged);
    if (changed && on_change == OnMailboxChange::kRunAgain) return Execute(command, false);
    return result;
  }
  if (!repeatable) {
    if (result.status().code() != Status::Code::kUnavailable) return result;
    return Status::Unavailable(result.status().message() + "; the server may or may not have carried out " +
                               command.name() + " (it was not sent again)");
  }
  /// Only a connection that was found dead before the server answered anything in this call: the
  /// pooled connection died while idle (a NAT timeout, a restart). A failure after an answer is
  /// the server's own and is reported.
  if (!could_retry || !retry_armed_ || broken_.ok()) return result;
  retry_armed_ = false;
  /// A SELECT or EXAMINE being retried opens the mailbox itself; anything else needs the one that was open.
  const bool opens = EqualsIgnoreCase(command.name(), "SELECT") || EqualsIgnoreCase(command.name(), "EXAMINE");
  if (Status s = Reconnect(/*reopen=*/!opens); !s.ok()) return s;
  /// The reconnect has re-opened the mailbox: that was the NOOP's purpose.
  if (EqualsIgnoreCase(command.name(), "NOOP")) return ImapResult{{}, "OK", "reconnected"};
  return Execute(command, false);
}

StatusOr<ImapResult> ImapSession::Execute(const ImapCommand& command, bool with_noop) {
  /// Cleared only on a normal return: a command that an exception cut short (bad_alloc, say) left
  /// the stream out of step, and such a session must never go back to the pool.
  in_command_ = true;
  auto result = ExecuteUnguarded(command, with_noop);
  in_command_ = false;
  return result;
}

StatusOr<ImapResult> ImapSession::ExecuteUnguarded(const ImapCommand& command, bool with_noop) {
  const LiteralSupport literals = literal_override_           ? *literal_override_
                                  : HasCapability("LITERAL+") ? LiteralSupport::kLiteralPlus
                                  : HasCapability("LITERAL-") ? LiteralSupport::kLiteralMinus
                                                              : LiteralSupport::kSynchronizing;
  std::string noop_tag;
  if (with_noop) noop_tag = NextTag();
  const std::string tag = NextTag();
  std::vector<std::string> segments = command.Segments(tag, literals);
  /// Pipelined (RFC 3501 §5.5): the NOOP brings the EXISTS/EXPUNGE the server owes us in the same
  /// round trip as the command. The server may run the two concurrently (Dovecot does): the
  /// command's untagged data can come before the NOOP's tagged reply, so everything untagged goes
  /// into the command's result, and Run repeats the command when the NOOP reported changes.
  if (with_noop) segments.front().insert(0, noop_tag + " NOOP\r\n");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.command_timeout_ms);
  received_bytes_ = 0;
  response_limit_ =
      command.max_response_bytes() ? std::min(command.max_response_bytes(), max_response_bytes_) : max_response_bytes_;
  ImapResult result;
  bool noop_done = !with_noop;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (Status s = handle_->Send(segments[i], deadline); !s.ok()) return Broken(s);
    if (i + 1 == segments.size()) break;
    bool continuation = false;
    if (Status s = ReadUntil(tag, true, deadline, &result, &continuation, noop_tag, &noop_done); !s.ok()) return s;
    if (!continuation) break;  // the server refused the command before its literal
  }
  bool unused = false;
  if (result.status.empty())
    if (Status s = ReadUntil(tag, false, deadline, &result, &unused, noop_tag, &noop_done); !s.ok()) return s;
  if (!noop_done) {
    /// The command finished first; the NOOP's reply (and what it reports) is still on its way.
    ImapResult noop;
    if (Status s = ReadUntil(noop_tag, false, deadline, &noop, &unused); !s.ok()) return s;
    for (ImapResponse& r : noop.untagged) result.untagged.push_back(std::move(r));
  }
  return result;
}

Status ImapSession::Sync() {
  if (!sync_pending_) return Status::OK();
  sync_pending_ = false;
  auto r = Run(ImapCommand("NOOP"));
  return r.ok() ? Status::OK() : r.status();
}

StatusOr<ImapResult> ImapSession::RunOk(const ImapCommand& command, OnMailboxChange on_change) {
  auto result = Run(command, on_change);
  if (!result.ok() || result->ok()) return result;
  std::string message = "the IMAP server refused " + command.name() + ": " + Printable(result->text);
  if (result->status == "NO") {
    std::vector<ImapValue> code = ImapResponseCode(result->text);
    /// Dovecot 2.3 answers SELECT of a missing mailbox without a code: "Mailbox doesn't exist: X".
    if ((!code.empty() && (code[0].IsAtom("NONEXISTENT") || code[0].IsAtom("TRYCREATE"))) ||
        StartsWithIgnoreCase(result->text, "Mailbox doesn't exist") ||
        StartsWithIgnoreCase(result->text, "Mailbox does not exist"))
      return Status::NotFound(message);
  }
  return Status::InvalidArgument(message);
}

StatusOr<MailboxState> ImapSession::Examine(std::string_view utf8_name) { return Open("EXAMINE", utf8_name); }
StatusOr<MailboxState> ImapSession::Select(std::string_view utf8_name) { return Open("SELECT", utf8_name); }

StatusOr<MailboxState> ImapSession::OpenMailbox(std::string_view utf8_name, MailboxAccess access) {
  const bool writable = access == MailboxAccess::kWrite;
  if (selected_ && selected_->name == utf8_name && (!writable || !selected_->read_only) && broken_.ok()) {
    sync_pending_ = true;
    /// Sequence numbers are counted afresh from here: what the NOOP expunges is news to the caller.
    selected_->expunged = false;
    return *selected_;
  }
  return writable ? Select(utf8_name) : Examine(utf8_name);
}

StatusOr<MailboxState> ImapSession::Open(std::string_view verb, std::string_view utf8_name) {
  /// RFC 3501: a failed SELECT leaves no mailbox selected, so forget the old one first.
  selected_.reset();
  sync_pending_ = false;
  ImapCommand command(verb);
  command.Mailbox(utf8_name);
  if (Status s = command.status(); !s.ok()) return s;
  selected_.emplace();
  selected_->name = std::string(utf8_name);
  selected_->read_only = verb == "EXAMINE";
  auto result = RunOk(command);
  if (!result.ok()) {
    selected_.reset();
    return result.status();
  }
  if (!selected_) return Status::Internal("the mailbox state was lost while opening it");
  MailboxState& m = *selected_;
  for (const ImapResponse& r : result->untagged) {
    if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty()) continue;
    if (r.values[0].IsAtom("FLAGS") && r.values.size() == 2 && r.values[1].is_list()) {
      m.flags = FlagList(r.values[1]);
      continue;
    }
    if (r.status() != "OK") continue;
    std::vector<ImapValue> code = ImapResponseCode(r.text);
    if (code.size() != 2) continue;
    std::optional<uint64_t> n = ImapNumber(code[1]);
    if (code[0].IsAtom("PERMANENTFLAGS") && code[1].is_list()) m.permanent_flags = FlagList(code[1]);
    else if (code[0].IsAtom("UIDVALIDITY") && n && *n <= UINT32_MAX) m.uidvalidity = static_cast<uint32_t>(*n);
    else if (code[0].IsAtom("UIDNEXT") && n && *n <= UINT32_MAX) m.uidnext = static_cast<uint32_t>(*n);
    else if (code[0].IsAtom("HIGHESTMODSEQ") && n) m.highestmodseq = *n;
  }
  std::vector<ImapValue> code = ImapResponseCode(result->text);
  if (!code.empty() && code[0].IsAtom("READ-ONLY")) m.read_only = true;
  if (!code.empty() && code[0].IsAtom("READ-WRITE")) m.read_only = false;
  return m;
}

}  // namespace mail_mcp
