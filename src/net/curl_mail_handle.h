// CurlMailHandle: one libcurl easy handle configured for one IMAP or SMTP server, with the
// security settings mail_mcp insists on, and a byte-exact record of what the server said.
//
// Every mail connection goes through here so the rules live in one place: TLS always (implicit
// TLS, or STARTTLS with CURLUSESSL_ALL so a server that does not offer it fails), certificates
// verified against MailConnectOptions::ca_file (parsed once and shared by every connection: a
// pooled session no longer keeps its own copy of the bundle; curl is built without a CA path), credentials in
// CURLOPT_USERNAME/PASSWORD and never in the URL, bounded connect/command timeouts, no signals.
//
// Login is SASL (SASL-IR when the server offers it): with a password, curl's choice among the
// mechanisms the server offers (PLAIN, LOGIN, …); with a bearer token (an OAuth account), OAUTHBEARER
// (RFC 7628) when the server offers it, else XOAUTH2 (what Google and Microsoft document), and never a
// password mechanism. A rejected token is Unauthenticated with what the server said, its base64 JSON
// error challenge decoded (sasl_bearer.h).
//
// A handle serves one connection, used in one of two ways:
//
// SMTP, one transfer per handle: Perform sends one custom command (the login check's NOOP) and
// PerformConfigured runs a transfer the caller set up on raw_handle() (SendMail's upload). curl
// connects, negotiates TLS and logs in as part of that transfer; the connection closes with the
// handle.
//
// IMAP, connect-only (for ImapSession): ConnectOnly() makes curl do just TCP, TLS (implicit or
// STARTTLS) and the login, and stop; the caller then speaks the protocol itself with Send() and
// Receive(), which wait on the socket with poll() up to a deadline. curl reads the login reply
// line by line and the server sends nothing unasked after it, so no bytes are lost in curl's
// buffer. Perform() must not be used on a connect-only handle.
//
// Timeouts: connect_timeout_ms covers TCP, TLS, greeting and login (curl's connect phase);
// command_timeout_ms covers each whole Perform, the connect phase included. After ConnectOnly the
// caller passes its own deadline to each Send and Receive.
//
// The transcript: curl hands *every* line the server sends to the header callback (pingpong
// "INFO" lines), including the greeting, the login replies and tagged completions. The write
// callback only gets the lines curl's state machine thinks belong to the command, so transcript()
// is what callers parse (the SMTP login check looks for the 235 that AUTH succeeded).
//
// Thread-safety: not thread-safe; use one handle per thread (handles share nothing, so any number
// of them may run in parallel).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "net/mail_account.h"
#include "util/status.h"

typedef void CURL;

namespace mail_mcp {

/// One server and the credentials to log in to it.
struct MailEndpoint {
  std::string protocol;  // "IMAP" or "SMTP": selects the URL scheme and names the server in errors
  std::string host;      // DNS name, IPv4, or IPv6 literal in brackets
  int port = 0;
  bool implicit_tls = true;  // imaps/smtps; false means STARTTLS (then mandatory)
  std::string username, password;
  std::string bearer_token;  // OAuth access token: log in with it instead of the password (see above)
};

MailEndpoint ImapEndpoint(const MailAccount& account);
MailEndpoint SmtpEndpoint(const MailAccount& account);

/// "imaps://host:port/", "imap://...", "smtps://...", "smtp://...". A bare IPv6 address gets the
/// brackets URLs need. No credentials and no path.
std::string MailEndpointUrl(const MailEndpoint& endpoint);

class CurlMailHandle {
 public:
  static constexpr size_t kDefaultMaxResponseBytes = size_t{32} << 20;

  /// Nothing is sent until Perform, PerformConfigured or ConnectOnly; a host that IsValidMailHost
  /// refuses makes them fail.
  CurlMailHandle(MailEndpoint endpoint, MailConnectOptions options,
                 size_t max_response_bytes = kDefaultMaxResponseBytes);
  ~CurlMailHandle();  // closes the connection; curl sends LOGOUT/QUIT first
  CurlMailHandle(const CurlMailHandle&) = delete;
  CurlMailHandle& operator=(const CurlMailHandle&) = delete;

  /// One transfer: connect and log in, then send `request` as CURLOPT_CUSTOMREQUEST. `request` must hold no byte below
  /// 0x20 (callers validate first; curl rejects them too). Errors come from CurlToStatus, except that a transcript
  /// larger than max_response_bytes is ResourceExhausted.
  Status Perform(std::string_view request);

  /// For transfers that a custom request cannot express (an SMTP upload with MAIL FROM and
  /// RCPT TO): the easy handle, on which the caller sets transfer options only (never the URL,
  /// credentials or TLS settings, which stay as SetUp made them), or null when setting up failed.
  CURL* raw_handle() { return setup_status_.ok() ? curl_ : nullptr; }
  /// Runs the transfer configured on raw_handle() with Perform's bookkeeping and error mapping.
  Status PerformConfigured();

  /// What the server sent during the last Perform or ConnectOnly, byte for byte (CRLFs included).
  const std::string& transcript() const { return transcript_; }

  using Deadline = std::chrono::steady_clock::time_point;

  /// Connects, negotiates TLS and logs in, then hands the connection to the caller (see above).
  /// Errors as for Perform (a wrong password is Unauthenticated). transcript() then holds the
  /// greeting and login replies.
  Status ConnectOnly();
  /// Sends all of `bytes` on a ConnectOnly connection. Unavailable when the connection fails or
  /// `deadline` passes.
  Status Send(std::string_view bytes, Deadline deadline);
  /// Receives between 1 and `size` bytes into `buffer`, waiting up to `deadline`. Unavailable when
  /// the server closed the connection, it failed, or the deadline passed ("timed out").
  StatusOr<size_t> Receive(char* buffer, size_t size, Deadline deadline);
  /// What an idle ConnectOnly connection holds, found without waiting.
  enum class IdleState {
    kQuiet,   // nothing to read: the connection looks alive
    kData,    // the server sent bytes unasked; they are in `buffer`, `*received` of them
    kClosed,  // the server closed the connection, or it failed
  };
  /// Reads what has arrived, if anything (TLS records that carry no data, such as TLS 1.3 session
  /// tickets, are consumed and count as quiet).
  IdleState PollIdle(char* buffer, size_t size, size_t* received);
  /// Ends a ConnectOnly connection at once (shutdown of the socket), so that closing the handle
  /// does not wait for a server that may be hung or out of step.
  void Shutdown();
  /// Bounds how long closing the connection may take (curl sends LOGOUT/QUIT on close).
  void SetCloseTimeout(long timeout_ms);

  const MailEndpoint& endpoint() const { return endpoint_; }

 private:
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  Status SetUp();
  /// CurlToStatus for the transfer's result, with a rejected bearer token explained.
  Status Finish(int curl_code);
  /// Waits until the socket is readable (or writable); false when `deadline` passed.
  StatusOr<bool> Wait(bool for_write, Deadline deadline);
  std::string ServerName() const;

  MailEndpoint endpoint_;
  MailConnectOptions options_;
  size_t max_response_bytes_;
  CURL* curl_ = nullptr;
  Status setup_status_;
  std::string transcript_;
  bool overflow_ = false;
  char errbuf_[256];  // CURL_ERROR_SIZE
};

}  // namespace mail_mcp
