#include "config/config.h"

#include "crypto/base64.h"
#include "crypto/random.h"
#include "util/url.h"

namespace mail_mcp {
namespace {

std::string Get(const EnvMap& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

Status Bad(const char* name, const std::string& why) { return Status::InvalidArgument(std::string(name) + ": " + why); }

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

}  // namespace

StatusOr<Config> LoadConfig(const EnvMap& env) {
  Config c;

  std::string base = Get(env, "BASE_URL");
  if (base.empty()) return Bad("BASE_URL", "is not set (the public URL of this server, e.g. https://mail.example.com)");
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto url = ParseHttpUrl(base);
  if (!url) return Bad("BASE_URL", "is not an absolute http(s) URL");
  if (!url->path.empty() || url->has_query || url->has_fragment)
    return Bad("BASE_URL", "must be an origin only (scheme://host[:port]), without a path, query or fragment");
  if (url->scheme != "https" && !IsLoopbackHost(url->host))
    return Bad("BASE_URL", "must use https unless the host is loopback (localhost, 127.0.0.1, [::1])");
  c.base_url = base;

  std::string key = Get(env, "ENCRYPTION_KEY");
  if (key.empty()) return Bad("ENCRYPTION_KEY", "is not set (make one with: mail_mcp key)");
  auto raw = Base64Decode(key);
  if (!raw) return Bad("ENCRYPTION_KEY", "is not valid base64 (make one with: mail_mcp key)");
  if (raw->size() != 32)
    return Bad("ENCRYPTION_KEY", "must decode to exactly 32 bytes, got " + std::to_string(raw->size()));
  c.encryption_key = *raw;

  if (std::string port = Get(env, "PORT"); !port.empty()) {
    int p = 0;
    for (char ch : port) {
      if (ch < '0' || ch > '9' || p > 65535) return Bad("PORT", "must be a number from 1 to 65535");
      p = p * 10 + (ch - '0');
    }
    if (p < 1 || p > 65535) return Bad("PORT", "must be a number from 1 to 65535");
    c.port = p;
  }
  if (std::string host = Get(env, "HOST"); !host.empty()) c.host = host;
  if (std::string ca = Get(env, "SSL_CERT_FILE"); !ca.empty()) c.ssl_cert_file = ca;
  for (const std::string& origin : SplitList(Get(env, "ALLOWED_ORIGINS"))) {
    auto o = ParseHttpUrl(origin);
    if (!o || !o->path.empty() || o->has_query) return Bad("ALLOWED_ORIGINS", "'" + origin + "' is not an origin");
    c.allowed_origins.push_back(o->Origin());
  }

  c.aws_access_key_id = Get(env, "AWS_ACCESS_KEY_ID");
  c.aws_secret_access_key = Get(env, "AWS_SECRET_ACCESS_KEY");
  c.aws_s3_bucket = Get(env, "AWS_S3_BUCKET");
  if (std::string region = Get(env, "AWS_REGION"); !region.empty()) c.aws_region = region;
  bool any_s3 = !c.aws_access_key_id.empty() || !c.aws_secret_access_key.empty() || !c.aws_s3_bucket.empty();
  if (any_s3) {
    if (c.aws_access_key_id.empty()) return Bad("AWS_ACCESS_KEY_ID", "is required when S3 is configured");
    if (c.aws_secret_access_key.empty()) return Bad("AWS_SECRET_ACCESS_KEY", "is required when S3 is configured");
    if (c.aws_s3_bucket.empty()) return Bad("AWS_S3_BUCKET", "is required when S3 is configured");
  }
  if (std::string endpoint = Get(env, "AWS_S3_ENDPOINT"); !endpoint.empty()) {
    while (endpoint.back() == '/') endpoint.pop_back();
    auto e = ParseHttpUrl(endpoint);
    if (!e || !e->path.empty() || e->has_query || e->has_fragment)
      return Bad("AWS_S3_ENDPOINT", "must be an origin (scheme://host[:port]) without a path");
    if (e->scheme != "https" && !IsLoopbackHost(e->host))
      return Bad("AWS_S3_ENDPOINT", "must use https unless the host is loopback (attachments would travel in clear)");
    c.aws_s3_endpoint = e->Origin();
    c.aws_s3_path_style = true;
  }
  if (std::string style = Get(env, "AWS_S3_PATH_STYLE"); !style.empty()) {
    if (style != "true" && style != "false") return Bad("AWS_S3_PATH_STYLE", "must be true or false");
    c.aws_s3_path_style = style == "true";
  }
  if (std::string dir = Get(env, "ATTACHMENTS_DIR"); !dir.empty()) c.attachments_dir = dir;
  return c;
}

std::string GenerateEncryptionKey() { return Base64Encode(RandomBytesOrDie(32)); }

}  // namespace mail_mcp
