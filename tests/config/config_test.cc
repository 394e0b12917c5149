#include "config/config.h"

#include "crypto/base64.h"
#include "testing.h"
#include "util/ip_address.h"

using namespace mail_mcp;

namespace {

EnvMap Good() {
  return {{"BASE_URL", "https://mail.example.com/"}, {"ENCRYPTION_KEY", Base64Encode(std::string(32, 'k'))}};
}

std::string ErrorOf(EnvMap env) { return LoadConfig(env).status().message(); }

}  // namespace

TEST(Config, DefaultsAndTrailingSlash) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_EQ(c->base_url, "https://mail.example.com");
  EXPECT_EQ(c->port, 3000);
  EXPECT_EQ(c->encryption_key, std::string(32, 'k'));
  EXPECT_TRUE(c->s3.bucket.empty());
}

TEST(Config, EncryptionKeyMustBeBase64OfExactly32Bytes) {
  auto env = Good();
  env["ENCRYPTION_KEY"] = Base64Encode(std::string(31, 'k'));
  EXPECT_CONTAINS(ErrorOf(env), "ENCRYPTION_KEY");
  EXPECT_CONTAINS(ErrorOf(env), "32 bytes");
  env["ENCRYPTION_KEY"] = "not base64!";
  EXPECT_CONTAINS(ErrorOf(env), "ENCRYPTION_KEY");
  EXPECT_EQ(ErrorOf(env).find("not base64!"), std::string::npos);  // the value is never echoed
  env.erase("ENCRYPTION_KEY");
  EXPECT_CONTAINS(ErrorOf(env), "ENCRYPTION_KEY: is not set");
}

TEST(Config, BaseUrlMustBeHttpsUnlessLoopback) {
  auto env = Good();
  env["BASE_URL"] = "http://mail.example.com";
  EXPECT_CONTAINS(ErrorOf(env), "BASE_URL");
  env["BASE_URL"] = "http://localhost:3000";
  EXPECT_OK(LoadConfig(env));
  env["BASE_URL"] = "http://127.0.0.1:3000";
  EXPECT_OK(LoadConfig(env));
  env["BASE_URL"] = "https://mail.example.com/sub";
  EXPECT_CONTAINS(ErrorOf(env), "BASE_URL");
  env["BASE_URL"] = "mail.example.com";
  EXPECT_CONTAINS(ErrorOf(env), "BASE_URL");
  env.erase("BASE_URL");
  EXPECT_CONTAINS(ErrorOf(env), "BASE_URL");
}

TEST(Config, PortIsValidated) {
  auto env = Good();
  env["PORT"] = "8080";
  auto c = LoadConfig(env);
  ASSERT_OK(c);
  EXPECT_EQ(c->port, 8080);
  for (const char* bad : {"0", "65536", "80a", "-1", "99999999999"}) {
    env["PORT"] = bad;
    EXPECT_CONTAINS(ErrorOf(env), "PORT");
  }
}

TEST(Config, S3SettingsAreAllOrNothing) {
  auto env = Good();
  env["AWS_S3_BUCKET"] = "bucket";
  EXPECT_CONTAINS(ErrorOf(env), "AWS_ACCESS_KEY_ID");
  env["AWS_ACCESS_KEY_ID"] = "AKIA";
  EXPECT_CONTAINS(ErrorOf(env), "AWS_SECRET_ACCESS_KEY");
  env["AWS_SECRET_ACCESS_KEY"] = "secret";
  auto c = LoadConfig(env);
  ASSERT_OK(c);
  EXPECT_EQ(c->s3.region, "us-east-1");
}

TEST(Config, AllowedOriginsAreNormalised) {
  auto env = Good();
  env["ALLOWED_ORIGINS"] = "https://a.example.com, http://localhost:6274";
  auto c = LoadConfig(env);
  ASSERT_OK(c);
  ASSERT_EQ(c->allowed_origins.size(), 2u);
  EXPECT_EQ(c->allowed_origins[1], "http://localhost:6274");
  env["ALLOWED_ORIGINS"] = "https://a.example.com/path";
  EXPECT_CONTAINS(ErrorOf(env), "ALLOWED_ORIGINS");
}

TEST(Config, GeneratedKeysAreValidAndDistinct) {
  std::string a = GenerateEncryptionKey(), b = GenerateEncryptionKey();
  EXPECT_NE(a, b);
  EXPECT_EQ(Base64Decode(a)->size(), 32u);
}

TEST(Config, S3EndpointDefaultsToPathStyleAndMustBeHttpsUnlessLoopback) {
  auto env = Good();
  env["AWS_ACCESS_KEY_ID"] = "AKID";
  env["AWS_SECRET_ACCESS_KEY"] = "secret";
  env["AWS_S3_BUCKET"] = "bucket";
  auto aws = LoadConfig(env);
  ASSERT_OK(aws);
  EXPECT_TRUE(aws->UsesS3());
  EXPECT_TRUE(aws->s3.endpoint.empty());
  EXPECT_FALSE(aws->s3.path_style);
  env["AWS_S3_ENDPOINT"] = "http://127.0.0.1:17480/";
  auto local = LoadConfig(env);
  ASSERT_OK(local);
  EXPECT_EQ(local->s3.endpoint, "http://127.0.0.1:17480");
  EXPECT_TRUE(local->s3.path_style);
  env["AWS_S3_PATH_STYLE"] = "false";
  EXPECT_FALSE(LoadConfig(env)->s3.path_style);
  env["AWS_S3_PATH_STYLE"] = "yes";
  EXPECT_CONTAINS(ErrorOf(env), "AWS_S3_PATH_STYLE");
  env.erase("AWS_S3_PATH_STYLE");
  env["AWS_S3_ENDPOINT"] = "http://minio.example.com";
  EXPECT_CONTAINS(ErrorOf(env), "AWS_S3_ENDPOINT: must use https");
  env["AWS_S3_ENDPOINT"] = "https://minio.example.com/bucket";
  EXPECT_CONTAINS(ErrorOf(env), "AWS_S3_ENDPOINT: must be an origin");
}

TEST(Config, EmbeddedStoreFolderDefaultsAndOverrides) {
  auto env = Good();
  EXPECT_FALSE(LoadConfig(env)->UsesS3());
  EXPECT_EQ(LoadConfig(env)->attachments_dir, "data/attachments");
  env["ATTACHMENTS_DIR"] = "/var/lib/mail_mcp";
  EXPECT_EQ(LoadConfig(env)->attachments_dir, "/var/lib/mail_mcp");
}

TEST(Config, EveryNumberIsAWholeNumberInRangeOrStartupStopsNamingTheVariable) {
  for (const char* name : {"LOGIN_MAX_FAILURES", "LOGIN_WINDOW_SECONDS", "MAIL_CONNECT_TIMEOUT_MS",
                           "MAIL_COMMAND_TIMEOUT_MS", "WORKER_THREADS", "PORT", "IMAP_POOL_MAX_PER_ACCOUNT",
                           "IMAP_POOL_IDLE_SECONDS", "IMAP_POOL_MAX_AGE_SECONDS", "IMAP_POOL_WAIT_MS"}) {
    for (const char* bad : {"15m", "lots", "-5", "0", "1e3", " 7", "7 ", "+7", "99999999999999999999"}) {
      auto env = Good();
      env[name] = bad;
      std::string error = ErrorOf(env);
      EXPECT_CONTAINS(error, std::string(name) + ": must be a whole number");
      EXPECT_CONTAINS(error, std::string("(got '") + bad + "')");
    }
  }
}

TEST(Config, NumbersTakeTheirDefaultsAndValues) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_EQ(c->login_max_failures, 10);
  EXPECT_EQ(c->login_window_seconds, 900);
  EXPECT_EQ(c->mail.connect_timeout_ms, 10000);
  EXPECT_EQ(c->mail.command_timeout_ms, 30000);
  EXPECT_EQ(c->worker_threads, 64);
  EXPECT_EQ(c->host, "0.0.0.0");
  EXPECT_EQ(c->mail.ca_file, "/etc/ssl/certs/ca-certificates.crt");
  EXPECT_EQ(c->s3.ca_file, c->mail.ca_file);
  auto env = Good();
  env["LOGIN_WINDOW_SECONDS"] = "60";
  env["WORKER_THREADS"] = "8";
  env["MAIL_COMMAND_TIMEOUT_MS"] = "5000";
  env["SSL_CERT_FILE"] = "/tmp/ca.pem";
  c = LoadConfig(env);
  ASSERT_OK(c);
  EXPECT_EQ(c->login_window_seconds, 60);
  EXPECT_EQ(c->worker_threads, 8);
  EXPECT_EQ(c->mail.command_timeout_ms, 5000);
  EXPECT_EQ(c->s3.ca_file, "/tmp/ca.pem");
}

TEST(Config, TheImapPoolIsOnByDefaultWithItsBounds) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_EQ(c->imap_pool.max_per_account, 3);
  EXPECT_EQ(c->imap_pool.max_idle, 256);
  EXPECT_EQ(c->imap_pool.idle_seconds, 120);
  EXPECT_EQ(c->imap_pool.max_age_seconds, 600);
  EXPECT_EQ(c->imap_pool.wait_ms, 10000);
  auto env = Good();
  env["IMAP_POOL_MAX_IDLE"] = "0";  // turns pooling off
  env["IMAP_POOL_MAX_PER_ACCOUNT"] = "15";
  c = LoadConfig(env);
  ASSERT_OK(c);
  EXPECT_EQ(c->imap_pool.max_idle, 0);
  EXPECT_EQ(c->imap_pool.max_per_account, 15);
  env["IMAP_POOL_IDLE_SECONDS"] = "1800";  // past the RFC's 30-minute autologout floor
  EXPECT_CONTAINS(ErrorOf(env), "IMAP_POOL_IDLE_SECONDS: must be a whole number of seconds from 1 to 1500");
  env.erase("IMAP_POOL_IDLE_SECONDS");
  env["IMAP_POOL_MAX_IDLE"] = "-1";
  EXPECT_CONTAINS(ErrorOf(env), "IMAP_POOL_MAX_IDLE: must be a whole number");
}

TEST(Config, SecretsAreNeverEchoedInErrors) {
  auto env = Good();
  env["ENCRYPTION_KEY"] = "c2VjcmV0";  // valid base64 of the wrong length
  EXPECT_EQ(ErrorOf(env).find("c2VjcmV0"), std::string::npos);
  for (const SettingInfo& s : AllSettings())
    if (std::string(s.name).find("SECRET") != std::string::npos || std::string(s.name).find("KEY") != std::string::npos)
      EXPECT_TRUE(s.secret || std::string(s.name) == "AWS_ACCESS_KEY_ID");
}

TEST(Config, TrustedProxiesAreAddressesOrNetworks) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_TRUE(c->trusted_proxies.empty());
  EXPECT_EQ(c->max_connections_per_client, 512);
  EXPECT_EQ(c->header_timeout_ms, 10000);
  EXPECT_EQ(c->body_timeout_ms, 30000);
  auto env = Good();
  env["TRUSTED_PROXIES"] = "127.0.0.1, ::1,10.0.0.0/8";
  c = LoadConfig(env);
  ASSERT_OK(c);
  ASSERT_EQ(c->trusted_proxies.size(), 3u);
  EXPECT_TRUE(c->trusted_proxies[2].Contains(*ParseIpAddress("10.9.8.7")));
  for (const char* bad : {"localhost", "10.0.0.1/8", "10.0.0.0/33", "proxy.example.com"}) {
    env["TRUSTED_PROXIES"] = bad;
    EXPECT_CONTAINS(ErrorOf(env), "TRUSTED_PROXIES");
    EXPECT_CONTAINS(ErrorOf(env), bad);
  }
  env = Good();
  env["HTTP_HEADER_TIMEOUT_MS"] = "10s";
  EXPECT_CONTAINS(ErrorOf(env), "HTTP_HEADER_TIMEOUT_MS: must be a whole number of milliseconds");
  env = Good();
  env["MAX_CONNECTIONS_PER_CLIENT"] = "0";
  EXPECT_CONTAINS(ErrorOf(env), "MAX_CONNECTIONS_PER_CLIENT");
}

// With scripts/start, data/attachments was inside the git checkout (issue 19, item 3).
TEST(Config, InASourceCheckoutAttachmentsDefaultToAFolderOutsideIt) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_EQ(c->attachments_dir, "data/attachments");
  EnvMap env = Good();
  env["HOME"] = "/home/ada";
  Config outside = *c;
  EXPECT_OK(ChooseDataDirs(env, false, &outside));
  EXPECT_EQ(outside.attachments_dir, "data/attachments");
  Config in = *c;
  EXPECT_OK(ChooseDataDirs(env, true, &in));
  EXPECT_EQ(in.attachments_dir, "/home/ada/.local/state/mail_mcp/attachments");
  EXPECT_EQ(in.state_dir, "/home/ada/.local/state/mail_mcp/state");  // the state journal neither
  env["XDG_STATE_HOME"] = "/var/state";
  EXPECT_OK(ChooseDataDirs(env, true, &in));
  EXPECT_EQ(in.attachments_dir, "/var/state/mail_mcp/attachments");
  // An explicit setting is kept, even inside a checkout.
  env["ATTACHMENTS_DIR"] = "data/attachments";
  Config set = *c;
  EXPECT_OK(ChooseDataDirs(env, true, &set));
  EXPECT_EQ(set.attachments_dir, "data/attachments");
  EnvMap bare = Good();
  Status s = ChooseDataDirs(bare, true, &set);
  EXPECT_FALSE(s.ok());
  EXPECT_CONTAINS(s.message(), "ATTACHMENTS_DIR");
}

TEST(Config, StateStoreDefaultsToEmbeddedAndStateUrlIsParsedWithTheCaAndTimeout) {
  auto c = LoadConfig(Good());
  ASSERT_OK(c);
  EXPECT_FALSE(c->state_redis.configured());
  EXPECT_EQ(c->state_dir, "data/state");
  auto env = Good();
  env["STATE_URL"] = "rediss://mail_mcp:pw@redis.internal:6380/2";
  env["STATE_TIMEOUT_MS"] = "750";
  env["SSL_CERT_FILE"] = "/tmp/ca.pem";
  c = LoadConfig(env);
  ASSERT_OK(c);
  EXPECT_TRUE(c->state_redis.tls);
  EXPECT_EQ(c->state_redis.host, "redis.internal");
  EXPECT_EQ(c->state_redis.db, 2);
  EXPECT_EQ(c->state_redis.password, "pw");
  EXPECT_EQ(c->state_redis.ca_file, "/tmp/ca.pem");
  EXPECT_EQ(c->state_redis.timeout_ms, 750);
}

TEST(Config, ABadStateUrlStopsStartUpWithoutEchoingIt) {
  auto env = Good();
  env["STATE_URL"] = "redis://mail_mcp:hunter2@host:99999";
  std::string error = ErrorOf(env);
  EXPECT_CONTAINS(error, "STATE_URL: ");
  EXPECT_EQ(error.find("hunter2"), std::string::npos);
  env["STATE_URL"] = "";
  env["STATE_TIMEOUT_MS"] = "5";
  EXPECT_CONTAINS(ErrorOf(env), "STATE_TIMEOUT_MS: must be a whole number");
}
