#include "config/config.h"

#include <unistd.h>

#include <charconv>

#include "crypto/base64.h"
#include "crypto/random.h"
#include "util/ip_address.h"
#include "util/url.h"

namespace mail_mcp {
namespace {

/// Stores one variable's (non-empty) value into the Config; InvalidArgument says what is wrong
/// with it, without the variable's name (LoadConfig adds that).
using Apply = Status (*)(const std::string& value, Config* c);

struct Setting {
  SettingInfo info;
  Apply apply;
};

Status Invalid(const std::string& why) { return Status::InvalidArgument(why); }

/// A whole decimal number in [min, max]: digits only, so "15m", "1e3", "-1" and " 5" are refused.
template <typename Int>
Status WholeNumber(const std::string& value, long min, long max, const char* accepted, Int* out) {
  long n = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (value.empty() || value[0] == '-' || value[0] == '+' || ec != std::errc() || ptr != end || n < min || n > max)
    return Invalid(std::string("must be ") + accepted);
  *out = Int(n);
  return Status::OK();
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

/// An http(s) origin; https unless loopback (what travels to it would otherwise be in clear).
StatusOr<std::string> SecureOrigin(std::string value, const char* in_clear) {
  while (!value.empty() && value.back() == '/') value.pop_back();
  auto url = ParseHttpUrl(value);
  if (!url) return Invalid("is not an absolute http(s) URL");
  if (!url->path.empty() || url->has_query || url->has_fragment)
    return Invalid("must be an origin only (scheme://host[:port]), without a path, query or fragment");
  if (url->scheme != "https" && !IsLoopbackHost(url->host))
    return Invalid(std::string("must use https unless the host is loopback (localhost, 127.0.0.1, [::1]): ") +
                   in_clear);
  return url->Origin();
}

/// An app credential: printable ASCII (it goes into form posts and Basic authentication).
Status AppCredential(const std::string& value, std::string* out) {
  if (value.size() > 512) return Invalid("is too long");
  for (char ch : value)
    if (ch <= ' ' || ch == 0x7f) return Invalid("must be printable ASCII without spaces");
  *out = value;
  return Status::OK();
}

constexpr char kNumberOfMs[] = "a whole number of milliseconds from 100 to 600000";

// The order is the documentation's (.env.sample, README).
const Setting kSettings[] = {
    {{"BASE_URL", "", true, false,
      "the public origin of this server, e.g. https://mail.example.com (https unless the host is loopback)"},
     [](const std::string& v, Config* c) -> Status {
       auto origin = SecureOrigin(v, "it is the OAuth issuer that browsers and clients trust");
       if (!origin.ok()) return origin.status();
       // Keep the operator's spelling (minus trailing slashes): it is the issuer clients compare.
       c->base_url = v.substr(0, v.find_last_not_of('/') + 1);
       return Status::OK();
     }},
    {{"ENCRYPTION_KEY", "", true, true, "base64 of exactly 32 bytes (make one with: mail_mcp key)"},
     [](const std::string& v, Config* c) -> Status {
       auto raw = Base64Decode(v);
       if (!raw) return Invalid("is not valid base64 (make one with: mail_mcp key)");
       if (raw->size() != 32) return Invalid("must decode to exactly 32 bytes, got " + std::to_string(raw->size()));
       c->encryption_key = *raw;
       return Status::OK();
     }},
    {{"PORT", "3000", false, false, "a whole number from 1 to 65535"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 65535, "a whole number from 1 to 65535", &c->port);
     }},
    {{"HOST", "0.0.0.0", false, false, "the address to listen on, e.g. 127.0.0.1 or ::"},
     [](const std::string& v, Config* c) -> Status {
       for (char ch : v)
         if (ch <= ' ' || ch == '/' || ch == '@' || ch == '?' || ch == '#') return Invalid("is not an address");
       c->host = v;
       return Status::OK();
     }},
    {{"SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt", false, false, "the path of a PEM CA bundle"},
     [](const std::string& v, Config* c) -> Status {
       c->mail.ca_file = c->s3.ca_file = c->state_redis.ca_file = v;
       return Status::OK();
     }},
    {{"ALLOWED_ORIGINS", "", false, false, "comma-separated origins, e.g. http://localhost:6274"},
     [](const std::string& v, Config* c) -> Status {
       for (const std::string& origin : SplitList(v)) {
         auto o = ParseHttpUrl(origin);
         if (!o || !o->path.empty() || o->has_query) return Invalid("'" + origin + "' is not an origin");
         c->allowed_origins.push_back(o->Origin());
       }
       return Status::OK();
     }},
    {{"LOGIN_MAX_FAILURES", "10", false, false, "a whole number from 1 to 1000000"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 1000000, "a whole number from 1 to 1000000", &c->login_max_failures);
     }},
    {{"LOGIN_WINDOW_SECONDS", "900", false, false, "a whole number of seconds from 1 to 86400"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 86400, "a whole number of seconds from 1 to 86400", &c->login_window_seconds);
     }},
    {{"MAIL_CONNECT_TIMEOUT_MS", "10000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 100, 600000, kNumberOfMs, &c->mail.connect_timeout_ms);
     }},
    {{"MAIL_COMMAND_TIMEOUT_MS", "30000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 100, 600000, kNumberOfMs, &c->mail.command_timeout_ms);
     }},
    /// Calls over these caps are refused at once, never queued: a queued call would hold an HTTP
    /// worker, and slow mail servers would then starve requests that need none.
    {{"MAX_MAIL_CALLS_PER_ACCOUNT", "8", false, false, "a whole number from 1 to 1000"},
     [](const std::string& v, Config* c) -> Status {
       return WholeNumber(v, 1, 1000, "a whole number from 1 to 1000", &c->max_mail_calls_per_account);
     }},
    {{"MAX_MAIL_CALLS_PER_CLIENT", "16", false, false, "a whole number from 1 to 4096"},
     [](const std::string& v, Config* c) -> Status {
       return WholeNumber(v, 1, 4096, "a whole number from 1 to 4096", &c->max_mail_calls_per_client);
     }},
    /// The ceiling that makes peak memory predictable: large IMAP responses (attachments, long
    /// texts, hostile servers) of all requests together, counted twice (read and parsed).
    {{"UPSTREAM_MEMORY_BUDGET_MB", "256", false, false, "a whole number of MiB from 16 to 65536"},
     [](const std::string& v, Config* c) -> Status {
       long mib = 0;
       if (Status s = WholeNumber(v, 16, 65536, "a whole number of MiB from 16 to 65536", &mib); !s.ok()) return s;
       c->upstream_memory_budget_bytes = size_t(mib) << 20;
       return Status::OK();
     }},
    {{"WORKER_THREADS", "64", false, false, "a whole number from 1 to 4096"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 4096, "a whole number from 1 to 4096", &c->worker_threads);
     }},
    {{"TRUSTED_PROXIES", "", false, false,
      "comma-separated addresses or CIDR networks of your reverse proxies, e.g. 127.0.0.1,::1 or 10.0.0.0/8"},
     [](const std::string& v, Config* c) -> Status {
       for (const std::string& item : SplitList(v)) {
         auto network = ParseIpNetwork(item);
         if (!network) return Invalid("'" + item + "' is not an address or a CIDR network (host bits must be zero)");
         c->trusted_proxies.push_back(*network);
       }
       return Status::OK();
     }},
    {{"MAX_CONNECTIONS_PER_CLIENT", "512", false, false, "a whole number from 1 to 100000"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 100000, "a whole number from 1 to 100000", &c->max_connections_per_client);
     }},
    {{"HTTP_HEADER_TIMEOUT_MS", "10000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) { return WholeNumber(v, 100, 600000, kNumberOfMs, &c->header_timeout_ms); }},
    {{"HTTP_BODY_TIMEOUT_MS", "30000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) { return WholeNumber(v, 100, 600000, kNumberOfMs, &c->body_timeout_ms); }},
    {{"GOOGLE_CLIENT_ID", "", false, false, "the OAuth client id of your Google Cloud app"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.google.client_id); }},
    {{"GOOGLE_CLIENT_SECRET", "", false, true, "the OAuth client secret of your Google Cloud app"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.google.client_secret); }},
    {{"MICROSOFT_CLIENT_ID", "", false, false, "the application (client) id of your Microsoft Entra app"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.microsoft.client_id); }},
    {{"MICROSOFT_CLIENT_SECRET", "", false, true, "a client secret value of your Microsoft Entra app"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.microsoft.client_secret); }},
    {{"MICROSOFT_TENANT", "common", false, false,
      "common, organizations, consumers, a tenant id or a tenant domain (e.g. contoso.onmicrosoft.com)"},
     [](const std::string& v, Config* c) -> Status {
       if (Status s = CheckMicrosoftTenant(v); !s.ok()) return s;
       c->idp.microsoft_tenant = v;
       return Status::OK();
     }},
    {{"OAUTH_CLIENT_ID", "", false, false,
      "the client id registered at the provider of generate --oauth-issuer clients"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.generic.client_id); }},
    {{"OAUTH_CLIENT_SECRET", "", false, true, "the client secret registered at that provider"},
     [](const std::string& v, Config* c) { return AppCredential(v, &c->idp.generic.client_secret); }},
    /// Gmail allows 15 IMAP connections per account and Dovecot 10 per user and address by default:
    /// 3 leaves room for the user's own mail clients.
    {{"IMAP_POOL_MAX_PER_ACCOUNT", "3", false, false, "a whole number from 1 to 100"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 100, "a whole number from 1 to 100", &c->imap_pool.max_per_account);
     }},
    {{"IMAP_POOL_MAX_IDLE", "256", false, false, "a whole number from 0 (no pooling) to 100000"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 0, 100000, "a whole number from 0 (no pooling) to 100000", &c->imap_pool.max_idle);
     }},
    /// Servers log idle sessions out after 30 minutes at the earliest (RFC 3501 §5.4); the bound
    /// keeps well under that, and under the idle timeouts of NAT gateways and firewalls.
    {{"IMAP_POOL_IDLE_SECONDS", "120", false, false, "a whole number of seconds from 1 to 1500"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 1, 1500, "a whole number of seconds from 1 to 1500", &c->imap_pool.idle_seconds);
     }},
    /// A pooled login outlives a password change (servers keep its session); this bounds how long.
    {{"IMAP_POOL_MAX_AGE_SECONDS", "600", false, false, "a whole number of seconds from 10 to 86400"},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 10, 86400, "a whole number of seconds from 10 to 86400", &c->imap_pool.max_age_seconds);
     }},
    {{"IMAP_POOL_WAIT_MS", "10000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) { return WholeNumber(v, 100, 600000, kNumberOfMs, &c->imap_pool.wait_ms); }},
    {{"AWS_ACCESS_KEY_ID", "", false, false, "the S3 access key id"},
     [](const std::string& v, Config* c) -> Status {
       c->s3.access_key_id = v;
       return Status::OK();
     }},
    {{"AWS_SECRET_ACCESS_KEY", "", false, true, "the S3 secret access key"},
     [](const std::string& v, Config* c) -> Status {
       c->s3.secret_access_key = v;
       return Status::OK();
     }},
    {{"AWS_S3_BUCKET", "", false, false, "the S3 bucket name"},
     [](const std::string& v, Config* c) -> Status {
       c->s3.bucket = v;
       return Status::OK();
     }},
    {{"AWS_REGION", "us-east-1", false, false, "the bucket's region, e.g. eu-west-1"},
     [](const std::string& v, Config* c) -> Status {
       c->s3.region = v;
       return Status::OK();
     }},
    {{"AWS_S3_ENDPOINT", "", false, false, "the origin of an S3-compatible store, e.g. https://s3.example.com"},
     [](const std::string& v, Config* c) -> Status {
       auto origin = SecureOrigin(v, "attachments would travel in clear");
       if (!origin.ok()) return origin.status();
       c->s3.endpoint = *origin;
       c->s3.path_style = true;  // what Ceph and MinIO expect; AWS_S3_PATH_STYLE (applied later) overrides
       return Status::OK();
     }},
    {{"AWS_S3_PATH_STYLE", "", false, false, "true or false (unset: true with AWS_S3_ENDPOINT, else false)"},
     [](const std::string& v, Config* c) -> Status {
       if (v != "true" && v != "false") return Invalid("must be true or false");
       c->s3.path_style = v == "true";
       return Status::OK();
     }},
    {{"ATTACHMENTS_DIR", "data/attachments", false, false, "a folder path"},
     [](const std::string& v, Config* c) -> Status {
       c->attachments_dir = v;
       return Status::OK();
     }},
    /// MCP clients give up on a call after 60 s by default; the message itself must still arrive,
    /// so the store's round trips for all of its attachments (run concurrently) get well under that.
    {{"ATTACHMENT_PUBLISH_TIMEOUT_MS", "20000", false, false, "a number of milliseconds from 100 to 50000"},
     [](const std::string& v, Config* c) -> Status {
       return WholeNumber(v, 100, 50000, "a number of milliseconds from 100 to 50000",
                          &c->attachment_publish_timeout_ms);
     }},
    {{"STATE_URL", "", false, true, "redis://[[user]:password@]host[:port][/db] or rediss://..."},
     [](const std::string& v, Config* c) -> Status { return ParseRedisUrl(v, &c->state_redis); }},
    {{"STATE_DIR", "data/state", false, false, "a folder path"},
     [](const std::string& v, Config* c) -> Status {
       c->state_dir = v;
       return Status::OK();
     }},
    {{"STATE_TIMEOUT_MS", "2000", false, false, kNumberOfMs},
     [](const std::string& v, Config* c) {
       return WholeNumber(v, 100, 600000, kNumberOfMs, &c->state_redis.timeout_ms);
     }},
};

std::string Get(const EnvMap& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

}  // namespace

const std::vector<SettingInfo>& AllSettings() {
  static const std::vector<SettingInfo> all = [] {
    std::vector<SettingInfo> v;
    for (const Setting& s : kSettings) v.push_back(s.info);
    return v;
  }();
  return all;
}

StatusOr<Config> LoadConfig(const EnvMap& env) {
  Config c;
  for (const Setting& s : kSettings) {
    const SettingInfo& info = s.info;
    std::string value = Get(env, info.name);
    const bool from_env = !value.empty();
    if (!from_env) {
      if (info.required)
        return Status::InvalidArgument(std::string(info.name) + ": is not set (" + info.accepted + ")");
      value = info.default_value;
      if (value.empty()) continue;
    }
    Status applied = s.apply(value, &c);
    if (!applied.ok()) {
      std::string message = std::string(info.name) + ": " + applied.message();
      if (from_env && !info.secret) message += " (got '" + value + "')";
      return Status::InvalidArgument(message);
    }
  }
  // Settings that only make sense together.
  const bool any_s3 = !c.s3.access_key_id.empty() || !c.s3.secret_access_key.empty() || !c.s3.bucket.empty();
  if (any_s3) {
    if (c.s3.access_key_id.empty())
      return Status::InvalidArgument("AWS_ACCESS_KEY_ID: is required when S3 is configured");
    if (c.s3.secret_access_key.empty())
      return Status::InvalidArgument("AWS_SECRET_ACCESS_KEY: is required when S3 is configured");
    if (c.s3.bucket.empty()) return Status::InvalidArgument("AWS_S3_BUCKET: is required when S3 is configured");
  }
  const struct {
    const IdpCredentials& app;
    const char* id_name;
    const char* secret_name;
  } apps[] = {{c.idp.google, "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"},
              {c.idp.microsoft, "MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"},
              {c.idp.generic, "OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET"}};
  for (const auto& a : apps) {
    if (a.app.client_id.empty() != a.app.client_secret.empty())
      return Status::InvalidArgument(std::string(a.app.client_id.empty() ? a.id_name : a.secret_name) +
                                     ": is required with " + (a.app.client_id.empty() ? a.secret_name : a.id_name));
  }
  return c;
}

Status ChooseDataDirs(const EnvMap& env, bool in_checkout, Config* config) {
  const bool attachments = Get(env, "ATTACHMENTS_DIR").empty(), state_dir = Get(env, "STATE_DIR").empty();
  if (!in_checkout || (!attachments && !state_dir)) return Status::OK();
  std::string state = Get(env, "XDG_STATE_HOME");
  if (state.empty() || state.front() != '/') {
    std::string home = Get(env, "HOME");
    if (home.empty() || home.front() != '/') {
      const std::string names = attachments && state_dir ? "ATTACHMENTS_DIR and STATE_DIR"
                                : attachments            ? "ATTACHMENTS_DIR"
                                                         : "STATE_DIR";
      return Status::InvalidArgument(names +
                                     ": not set, the working directory is a source checkout (it holds .git) and there "
                                     "is no HOME to keep data in: set them to folders outside the checkout");
    }
    state = home + "/.local/state";
  }
  if (attachments) config->attachments_dir = state + "/mail_mcp/attachments";
  if (state_dir) config->state_dir = state + "/mail_mcp/state";
  return Status::OK();
}

StatusOr<Config> LoadConfigFromEnvironment(const std::string& dotenv_path) {
  auto env = ReadEnvironmentWithDotEnv(dotenv_path);
  if (!env.ok()) return env.status();
  auto config = LoadConfig(*env);
  if (config.ok()) {
    if (Status s = ChooseDataDirs(*env, ::access(".git", F_OK) == 0, &*config); !s.ok()) config = s;
  }
  if (!config.ok()) return Status::Error(config.status().code(), "configuration error: " + config.status().message());
  return config;
}

std::string GenerateEncryptionKey() { return Base64Encode(RandomBytesOrDie(32)); }

}  // namespace mail_mcp
