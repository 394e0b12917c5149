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
};

StatusOr<Config> LoadConfig(const EnvMap& env);

/// A fresh ENCRYPTION_KEY value: base64 of 32 random bytes.
std::string GenerateEncryptionKey();

}  // namespace mail_mcp
