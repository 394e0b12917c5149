// The server's configuration, validated once at startup.
//
// Built from an EnvMap (process environment over `.env`); every error names the variable that is
// wrong and why, and never echoes a secret's value. .env.sample documents each variable.
//
// Thread-safety: a Config is an immutable value after LoadConfig returns.
#pragma once

#include <string>
#include <vector>

#include "config/dotenv.h"
#include "util/status.h"

namespace mail_mcp {

struct Config {
  std::string base_url;        // BASE_URL without a trailing slash, e.g. https://mail.example.com
  std::string encryption_key;  // ENCRYPTION_KEY decoded: exactly 32 bytes
  std::string host = "0.0.0.0";
  int port = 3000;
  std::string ssl_cert_file = "/etc/ssl/certs/ca-certificates.crt";  // CA bundle for IMAP/SMTP/S3 TLS
  std::vector<std::string> allowed_origins;  // extra browser origins allowed to call /mcp

  // S3; all empty means "use the embedded store".
  std::string aws_access_key_id;
  std::string aws_secret_access_key;
  std::string aws_region = "us-east-1";
  std::string aws_s3_bucket;
  /// AWS_S3_ENDPOINT for S3-compatible stores (Ceph, MinIO, R2, …), an origin such as
  /// http://127.0.0.1:17480; empty means AWS itself (https://s3.<region>.amazonaws.com).
  std::string aws_s3_endpoint;
  /// Path-style URLs (endpoint/bucket/key) instead of virtual-hosted (bucket.endpoint/key). Defaults
  /// to true with a custom endpoint (what Ceph and MinIO expect) and false on AWS; AWS_S3_PATH_STYLE
  /// overrides either.
  bool aws_s3_path_style = false;

  /// The embedded store's folder (ATTACHMENTS_DIR), used when S3 is not configured.
  std::string attachments_dir = "data/attachments";

  bool UsesS3() const { return !aws_s3_bucket.empty(); }
};

StatusOr<Config> LoadConfig(const EnvMap& env);

/// A fresh ENCRYPTION_KEY value: base64 of 32 random bytes.
std::string GenerateEncryptionKey();

}  // namespace mail_mcp
