// The server's configuration: every setting mail_mcp reads, parsed and validated once at startup.
//
// One table (AllSettings) names each environment variable, its default and the form it accepts;
// LoadConfig reads exactly those variables and nothing else does. A missing variable takes its
// default, which is parsed by the same code as a value the operator wrote, so each default is
// defined once, in that table. A bad value stops start-up: the error names the variable and the
// accepted form, and echoes the value only for settings that are not secrets. .env.sample and the
// README's configuration table list the same variables, which tests/config/settings_doc_test.cc
// keeps true.
//
// The parts of Config that lower layers consume are their own option structs (MailConnectOptions,
// S3Options), so those layers never see Config itself.
//
// Thread-safety: a Config is an immutable value after LoadConfig returns; AllSettings is a
// constant table.
#pragma once

#include <string>
#include <vector>

#include "config/dotenv.h"
#include "idp/idp_provider.h"
#include "imap/imap_session_pool.h"
#include "net/mail_account.h"
#include "state/redis_url.h"
#include "store/s3_object_store.h"
#include "util/ip_address.h"
#include "util/status.h"

namespace mail_mcp {

struct Config {
  std::string base_url;                      // BASE_URL without a trailing slash, e.g. https://mail.example.com
  std::string encryption_key;                // ENCRYPTION_KEY decoded: exactly 32 bytes
  std::string host;                          // HOST
  int port = 0;                              // PORT
  std::vector<std::string> allowed_origins;  // ALLOWED_ORIGINS: extra browser origins allowed to call /mcp

  /// SSL_CERT_FILE (the CA bundle for IMAP, SMTP and S3), MAIL_CONNECT_TIMEOUT_MS, MAIL_COMMAND_TIMEOUT_MS.
  MailConnectOptions mail;
  /// AWS_*; s3.bucket empty means "use the embedded store". s3.ca_file is SSL_CERT_FILE.
  S3Options s3;
  /// ATTACHMENTS_DIR: the embedded store's folder, used when S3 is not configured (see
  /// ChooseDataDirs for its default in a source checkout).
  std::string attachments_dir;
  /// ATTACHMENT_PUBLISH_TIMEOUT_MS: what publishing one message's attachments may take in all.
  int attachment_publish_timeout_ms = 0;

  /// STATE_URL (a shared Redis/Valkey; not configured: the embedded store), its ca_file
  /// SSL_CERT_FILE and timeout_ms STATE_TIMEOUT_MS.
  RedisOptions state_redis;
  /// STATE_DIR: the embedded state store's folder (used codes, refresh generations, revocations).
  std::string state_dir;

  int login_max_failures = 0;          // LOGIN_MAX_FAILURES per client address per window
  int login_window_seconds = 0;        // LOGIN_WINDOW_SECONDS
  int worker_threads = 0;              // WORKER_THREADS: HTTP requests handled at once
  int max_mail_calls_per_account = 0;  // MAX_MAIL_CALLS_PER_ACCOUNT: mail tool calls in flight per mailbox
  int max_mail_calls_per_client = 0;   // MAX_MAIL_CALLS_PER_CLIENT: mail tool calls in flight per client address
  /// UPSTREAM_MEMORY_BUDGET_MB, in bytes: what all requests together may buffer of server responses.
  size_t upstream_memory_budget_bytes = 0;
  /// IMAP_POOL_MAX_PER_ACCOUNT, _MAX_IDLE, _IDLE_SECONDS, _MAX_AGE_SECONDS, _WAIT_MS.
  ImapPoolOptions imap_pool;

  /// TRUSTED_PROXIES: peers whose X-Forwarded-For / Forwarded names the client (http/client_address.h).
  std::vector<IpNetwork> trusted_proxies;
  int max_connections_per_client = 0;  // MAX_CONNECTIONS_PER_CLIENT (trusted proxies are not counted)
  int header_timeout_ms = 0;           // HTTP_HEADER_TIMEOUT_MS: the whole request head, from its first byte
  int body_timeout_ms = 0;             // HTTP_BODY_TIMEOUT_MS: the whole request body, after the head

  /// GOOGLE_*, MICROSOFT_*, OAUTH_CLIENT_*: the apps registered at the providers clients sign in with.
  IdpSettings idp;

  bool UsesS3() const { return !s3.bucket.empty(); }
};

/// One environment variable the server reads.
struct SettingInfo {
  const char* name;
  /// The value used when the variable is unset or empty, as an operator would write it; "" when
  /// the setting is off or empty by default. Required settings have none.
  const char* default_value;
  bool required;
  /// True for values that must never be echoed (keys, secrets).
  bool secret;
  /// What a valid value looks like, for error messages.
  const char* accepted;
};

/// Every variable LoadConfig reads, in the order .env.sample and the README document them.
const std::vector<SettingInfo>& AllSettings();

/// Parses and validates every setting of `env` (see the header comment).
StatusOr<Config> LoadConfig(const EnvMap& env);
/// ATTACHMENTS_DIR's and STATE_DIR's defaults, "data/attachments" and "data/state", are relative to
/// the working directory. When that directory is a source checkout (`in_checkout`: it holds .git),
/// mail attachments and the state journal would land in the tree, in `git status` and in the Docker
/// build context: each one left unset is then $XDG_STATE_HOME/mail_mcp/attachments or .../state
/// (default ~/.local/state/...). With neither XDG_STATE_HOME nor HOME, start-up stops and names them.
Status ChooseDataDirs(const EnvMap& env, bool in_checkout, Config* config);
/// What the commands start from: LoadConfig over the process environment merged with the file at
/// `dotenv_path` (ReadEnvironmentWithDotEnv), then ChooseDataDirs for the working directory.
/// A file that cannot be read fails with its own message, an invalid setting with
/// "configuration error: " and LoadConfig's.
StatusOr<Config> LoadConfigFromEnvironment(const std::string& dotenv_path);

/// A fresh ENCRYPTION_KEY value: base64 of 32 random bytes.
std::string GenerateEncryptionKey();

}  // namespace mail_mcp
