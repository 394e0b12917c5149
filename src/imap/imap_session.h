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
// Mailbox size updates (untagged EXISTS, RECENT, EXPUNGE, VANISHED) may come with any response;
// Run applies them to selected() and keeps them out of ImapResult::untagged.
//
// Timeouts: options.connect_timeout_ms covers TCP, TLS and login; options.command_timeout_ms each
// whole command (sending it and reading its entire response).
//
// Thread-safety: not thread-safe; one session per MCP request.
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

class ImapSession {
 public:
  static constexpr size_t kDefaultMaxResponseBytes = size_t{64} << 20;

  /// Nothing is sent until Connect(). `max_response_bytes` bounds all bytes of one command's
  /// response (ResourceExhausted past it).
  ImapSession(const MailAccount& account, const MailConnectOptions& options,
              size_t max_response_bytes = kDefaultMaxResponseBytes);
  /// Sends LOGOUT (best effort, waiting at most ~2 s) and closes the connection.
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  /// Connects, logs in and asks for CAPABILITY. Unauthenticated for a wrong username or
  /// password; Unavailable when the server cannot be reached or trusted; InvalidArgument for a
  /// bad host or port.
  Status Connect();
  bool connected() const { return connected_; }

  /// The server's post-login capabilities, ignoring ASCII case ("LITERAL+", "ESEARCH", "AUTH=PLAIN").
  bool HasCapability(std::string_view name) const;
  const std::vector<std::string>& capabilities() const { return capabilities_; }

  /// Overrides what CAPABILITY said about literals (for tests of synchronizing literals, or a
  /// server known to advertise LITERAL+ wrongly). Call after Connect().
  void set_literal_support(LiteralSupport support) { literal_override_ = support; }

  /// Runs one command (see the header comment for what is an error and what is a result).
  StatusOr<ImapResult> Run(const ImapCommand& command);
  /// Run, then a NO or BAD becomes a Status: NotFound for [NONEXISTENT] or [TRYCREATE] (and
  /// Dovecot 2.3's "Mailbox doesn't exist"), otherwise InvalidArgument with the server's text,
  /// made printable and cut to 300 bytes.
  StatusOr<ImapResult> RunOk(const ImapCommand& command);

  /// EXAMINE (read-only) or SELECT (read-write) a mailbox by its UTF-8 name. NotFound when it
  /// does not exist. On any failure no mailbox is selected.
  StatusOr<MailboxState> Examine(std::string_view utf8_name);
  StatusOr<MailboxState> Select(std::string_view utf8_name);
  /// The mailbox now selected, or null.
  const MailboxState* selected() const { return selected_ ? &*selected_ : nullptr; }

 private:
  StatusOr<MailboxState> Open(std::string_view verb, std::string_view utf8_name);
  /// Reads responses until the tagged reply for `tag` (or, when `until_continuation`, a "+").
  Status ReadUntil(std::string_view tag, bool until_continuation, CurlMailHandle::Deadline deadline, ImapResult* result,
                   bool* got_continuation);
  /// Applies EXISTS/RECENT/EXPUNGE/VANISHED; true when `r` was one of them.
  bool AbsorbSizeUpdate(const ImapResponse& r);
  Status Broken(Status why);
  std::string NextTag();

  CurlMailHandle handle_;
  MailConnectOptions options_;
  size_t max_response_bytes_;
  ImapResponseReader reader_;
  std::string tag_prefix_;
  uint64_t tag_counter_ = 0;
  size_t received_bytes_ = 0;  // for the command being run
  bool connected_ = false;
  Status broken_;
  std::vector<std::string> capabilities_;
  std::optional<MailboxState> selected_;
  std::optional<LiteralSupport> literal_override_;
};

}  // namespace mail_mcp
