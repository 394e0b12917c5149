// ImapConnection: one logged-in IMAP session, to which callers send raw commands.
//
// Built on one CurlMailHandle (TLS, certificate checks, timeouts: see curl_mail_handle.h). curl
// keeps the connection open between commands, so the login happens once, on Connect() or on the
// first Command(). The session is not guaranteed to be the same across commands: curl silently
// reconnects (and logs in again) when the connection died or idled past ~2 minutes, and it closes
// the connection after any failed command, including a plain NO. session_changed() reports that,
// because state such as the SELECTed mailbox does not survive it.
//
// Command() returns the untagged responses the command produced, exactly as the server sent them
// (literals included), for the parsers in imap_response.h. It builds them from the full server
// transcript rather than from curl's write callback, which drops literal data and any untagged
// response not named like the command.
//
// Thread-safety: not thread-safe; one connection per thread (or per request) at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mail/curl_mail_handle.h"
#include "mail/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

class ImapConnection {
 public:
  /// Nothing is sent until Connect() or Command(). `max_response_bytes` bounds everything the
  /// server sends for one command (a larger response is ResourceExhausted).
  ImapConnection(const MailAccount& account, const MailConnectOptions& options,
                 size_t max_response_bytes = CurlMailHandle::kDefaultMaxResponseBytes);
  ~ImapConnection();  // curl sends LOGOUT and closes the connection
  ImapConnection(const ImapConnection&) = delete;
  ImapConnection& operator=(const ImapConnection&) = delete;

  /// Connects and logs in (verified: it runs NOOP in the new session). Unauthenticated for a
  /// wrong username or password; Unavailable when the server cannot be reached or trusted.
  Status Connect();

  /// Sends one command (without tag or CRLF, e.g. `LIST "" "*"`) and returns its untagged
  /// responses, each ending in CRLF. A NO or BAD is InvalidArgument with the server's text (NotFound
  /// for [NONEXISTENT]). A command holding CR, LF, NUL or another control byte is InvalidArgument
  /// and nothing is sent.
  StatusOr<std::string> Command(std::string_view command);

  /// True when the last Connect()/Command() ran in a new session (first login or a reconnect).
  bool session_changed() const { return handle_.last_perform_connected(); }

 private:
  CurlMailHandle handle_;
};

}  // namespace mail_mcp
