// ImapSession: one logged-in IMAP connection over which mail_mcp speaks IMAP itself.
//
// curl does what it is trusted with: TCP, TLS (implicit, or STARTTLS which is then mandatory),
// certificate checks and the login (see CurlMailHandle::ConnectOnly). After that every command is
// built by ImapCommand and written with curl_easy_send, and the server's bytes are cut into
// responses by ImapResponseReader, which understands literals. That is what curl's own IMAP
// commands (CURLOPT_CUSTOMREQUEST) cannot do reliably: deliver literal data, survive message lines
// that look like its tagged replies, keep the connection after a NO, accept lines over 64 KiB.
//
// Tags are a random prefix plus a counter, so nothing in a message can predict them (the reader
// never looks inside literals anyway). A command's NO or BAD is an ordinary ImapResult; Run fails
// only when the command could not be carried out: invalid arguments (nothing sent), a timeout,
// the server going away (BYE, closed connection), a response larger than max_response_bytes or a
// malformed one. After any such failure the session is broken (the stream is out of step) and
// every later Run fails fast with Unavailable.
//
// Mailbox size updates (untagged EXISTS, RECENT, EXPUNGE, VANISHED, and a changed UIDVALIDITY) may
// come with any response; Run applies them to selected() and keeps them out of ImapResult::untagged.
//
// A session outlives one MCP request: ImapSessionPool (imap_session_pool.h) keeps it logged in,
// with its mailbox still selected, for the next call of the same account. So OpenMailbox re-uses
// the selection (a NOOP, sent in the same write as the next command, picks up what changed), and a
// session handed out again (BeginReuse) may find its connection dead: the first command then
// reconnects and runs once more, when nothing has been answered yet and the command only reads
// (see IsRepeatable). A command that changes the mailbox is never sent twice.
//
// Timeouts: options.connect_timeout_ms covers TCP, TLS and login; options.command_timeout_ms each
// whole command (sending it and reading its entire response).
//
// Memory: a command's response is bounded by its own MaxResponseBytes (what its caller needs) or
// the session's max_response_bytes; beyond a small free allowance, what a call buffers is also
// taken from options.memory_budget (the process-wide ceiling), counted twice (the bytes as read,
// and the values parsed from them), held until EndUse, and a response that does not fit fails
// with ResourceExhausted.
//
// Thread-safety: not thread-safe; one thread at a time (the pool hands a session to one call).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imap/imap_command.h"
#include "imap/imap_response.h"
#include "net/curl_mail_handle.h"
#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// What one command produced.
struct ImapResult {
  std::vector<ImapResponse> untagged;  // in arrival order, mailbox size updates excluded
  std::string status;                  // the tagged reply: "OK", "NO" or "BAD"
  std::string text;                    // its resp-text, e.g. "[TRYCREATE] No such mailbox"

  bool ok() const { return status == "OK"; }
};

/// The mailbox opened by Select or Examine (RFC 3501 §6.3.1).
struct MailboxState {
  std::string name;                          // UTF-8, as given to Select/Examine
  uint32_t exists = 0;                       // kept current by later EXISTS/EXPUNGE responses
  uint32_t uidvalidity = 0;                  // 0 when the server did not say
  uint32_t uidnext = 0;                      // 0 when the server did not say
  uint64_t highestmodseq = 0;                // CONDSTORE; 0 when absent
  std::vector<std::string> flags;            // e.g. "\\Seen", "$Forwarded"
  std::vector<std::string> permanent_flags;  // may include "\\*"
  bool read_only = true;
  bool expunged = false;  // messages were expunged since: sequence numbers moved
};

/// What a caller needs of a mailbox: reading works in either EXAMINE or SELECT state (we only ever
/// fetch with BODY.PEEK); changing needs SELECT.
enum class MailboxAccess { kRead, kWrite };

/// What Run does when the NOOP that rode along with a command reports that the mailbox changed
/// (new or expunged messages, a new UIDVALIDITY). Servers may run pipelined commands concurrently
/// (RFC 3501 §5.5; Dovecot does), so the command's answer may predate those changes.
enum class OnMailboxChange {
  kRunAgain,      // send the command once more, now that the NOOP is done (it only reads)
  kCallerChecks,  // return the answer as is: the caller compares selected() with what it assumed
};

/// True for commands that only read, which the session may send again on a fresh connection when
/// the first try found a dead one (NOOP, CAPABILITY, LIST, LSUB, STATUS, SELECT, EXAMINE, SEARCH,
/// FETCH and their UID forms). STORE, EXPUNGE, MOVE, COPY, APPEND and everything else are not.
bool IsRepeatable(const ImapCommand& command);

/// The post-login capabilities in what the server said while curl logged in (its transcript), when
/// it said them: the [CAPABILITY ...] code of the tagged reply that ended the login (RFC 3501
/// §7.1; Dovecot, Cyrus and others send it), or untagged CAPABILITY responses just before that
/// reply (Gmail). Capabilities from the greeting, or from the CAPABILITY curl sends before logging
/// in, describe the unauthenticated state and are never used. nullopt: ask with CAPABILITY.
std::optional<std::vector<std::string>> LoginCapabilities(std::string_view transcript);

class ImapSession {
 public:
  static constexpr size_t kDefaultMaxResponseBytes = size_t{64} << 20;

  using Deadline = CurlMailHandle::Deadline;

  /// Nothing is sent until Connect(). `max_response_bytes` bounds all bytes of one command's
  /// response (ResourceExhausted past it).
  ImapSession(const MailAccount& account, const MailConnectOptions& options,
              size_t max_response_bytes = kDefaultMaxResponseBytes);
  /// Logs out (best effort, waiting at most ~2 s) unless that was done, and closes the connection.
  virtual ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  /// Connects and logs in. The capabilities come with the login reply from most servers
  /// (RFC 3501 §7.1 CAPABILITY response code); only when they do not is CAPABILITY sent.
  /// Unauthenticated for a wrong username or password; Unavailable when the server cannot be
  /// reached or trusted; InvalidArgument for a bad host or port.
  virtual Status Connect();
  bool connected() const { return connected_; }

  /// The server's post-login capabilities, ignoring ASCII case ("LITERAL+", "ESEARCH", "AUTH=PLAIN").
  bool HasCapability(std::string_view name) const;
  const std::vector<std::string>& capabilities() const { return capabilities_; }

  /// Overrides what CAPABILITY said about literals (for tests of synchronizing literals, or a
  /// server known to advertise LITERAL+ wrongly). Call after Connect().
  void set_literal_support(LiteralSupport support) { literal_override_ = support; }

  /// Runs one command (see the header comment for what is an error and what is a result).
  StatusOr<ImapResult> Run(const ImapCommand& command, OnMailboxChange on_change = OnMailboxChange::kRunAgain);
  /// Run, then a NO or BAD becomes a Status: NotFound for [NONEXISTENT] or [TRYCREATE] (and
  /// Dovecot 2.3's "Mailbox doesn't exist"), otherwise InvalidArgument with the server's text,
  /// made printable and cut to 300 bytes.
  StatusOr<ImapResult> RunOk(const ImapCommand& command, OnMailboxChange on_change = OnMailboxChange::kRunAgain);

  /// EXAMINE (read-only) or SELECT (read-write) a mailbox by its UTF-8 name. NotFound when it
  /// does not exist. On any failure no mailbox is selected.
  StatusOr<MailboxState> Examine(std::string_view utf8_name);
  StatusOr<MailboxState> Select(std::string_view utf8_name);
  /// Makes `utf8_name` the selected mailbox, re-using the selection when it is that mailbox in a
  /// mode that suffices (an EXAMINEd mailbox is SELECTed for kWrite). Re-using sends nothing now:
  /// a NOOP goes out with the next command, so the server reports what changed meanwhile (new and
  /// expunged messages, a new UIDVALIDITY) before it runs that command. The state returned is
  /// then the one before that NOOP; selected() is current once the next command has run.
  StatusOr<MailboxState> OpenMailbox(std::string_view utf8_name, MailboxAccess access);
  /// Sends the NOOP that OpenMailbox left pending, if any, so that selected() is current.
  Status Sync();
  /// The mailbox now selected, or null.
  const MailboxState* selected() const { return selected_ ? &*selected_ : nullptr; }

  // For ImapSessionPool. Virtual so that tests can stand in a session without a server.

  /// Connected, not broken, and no command cut short by an exception: worth keeping for another call.
  virtual bool reusable() const { return connected_ && broken_.ok() && !in_command_; }
  /// For a session that sat idle: false when the server closed the connection or said something
  /// unasked meanwhile (a BYE at its autologout or from an administrator), found without waiting.
  virtual bool StillAlive();
  /// A new call takes this idle session: the call's options replace the last call's (a reconnect
  /// reports a refused bearer token to this call's flag, which lives only as long as the call), and
  /// the one transparent reconnect of the first command is armed.
  virtual void BeginReuse(const MailConnectOptions& options);
  /// The call is done with the session: forgets the call's flag, and frees what the last responses
  /// needed (up to max_response_bytes of buffer), so that an idle session costs little memory.
  virtual void EndUse();
  /// LOGOUT in two halves, so that many sessions can be logged out at the same time: send it,
  /// then wait for the reply (or `deadline`) and close. Either is a no-op on a broken session.
  virtual void SendLogout();
  virtual void AwaitLogout(Deadline deadline);
  /// Connections opened by this session (2 after a transparent reconnect); for tests.
  int connections_made() const { return connections_made_; }

 private:
  StatusOr<MailboxState> Open(std::string_view verb, std::string_view utf8_name);
  /// Sends `command` (after a NOOP when `with_noop`) and reads its whole response.
  StatusOr<ImapResult> Execute(const ImapCommand& command, bool with_noop);
  StatusOr<ImapResult> ExecuteUnguarded(const ImapCommand& command, bool with_noop);
  /// Replaces a dead connection with a new one, logged in, with the same mailbox selected again
  /// when `reopen`.
  Status Reconnect(bool reopen);
  /// Reads responses until the tagged reply for `tag` (or, when `until_continuation`, a "+"). The
  /// tagged reply of `also` (a NOOP sent in the same write) may come before it, and sets *also_done.
  Status ReadUntil(std::string_view tag, bool until_continuation, Deadline deadline, ImapResult* result,
                   bool* got_continuation, std::string_view also = {}, bool* also_done = nullptr);
  /// Applies EXISTS/RECENT/EXPUNGE/VANISHED and a new UIDVALIDITY; true when `r` was one of them.
  bool AbsorbSizeUpdate(const ImapResponse& r);
  Status Broken(Status why);
  std::string NextTag();
  /// Keeps the share of options_.memory_budget this call holds in step with received_bytes_.
  Status ReserveMemory();
  void ReleaseMemory();

  std::unique_ptr<CurlMailHandle> handle_;  // replaced by Reconnect
  MailConnectOptions options_;
  size_t max_response_bytes_;
  ImapResponseReader reader_;
  std::string tag_prefix_;
  uint64_t tag_counter_ = 0;
  size_t received_bytes_ = 0;  // for the command being run
  size_t response_limit_ = 0;  // for the command being run: its own limit or max_response_bytes_
  size_t reserved_bytes_ = 0;  // taken from options_.memory_budget by this call (given back by EndUse)
  bool connected_ = false;
  bool logged_out_ = false;  // LOGOUT sent (SendLogout)
  bool in_command_ = false;  // still set if an exception left a command half done
  Status broken_;
  std::vector<std::string> capabilities_;
  std::optional<MailboxState> selected_;
  std::optional<LiteralSupport> literal_override_;
  bool sync_pending_ = false;  // OpenMailbox re-used the selection: NOOP before the next command
  bool retry_armed_ = false;   // reused and nothing answered yet: a dead connection may be replaced
  int connections_made_ = 0;
};

}  // namespace mail_mcp
