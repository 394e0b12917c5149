// S3ObjectStore without a network: addressing, and presigned links made and checked back.
#include "store/s3_object_store.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int64_t kWeek = 604800;
constexpr char kSecret[] = "testsecretkey0000000000000000000000000000";

S3Options LocalOptions() {
  S3Options c;
  c.access_key_id = "TESTACCESSKEY0000000";
  c.secret_access_key = kSecret;
  c.region = "us-east-1";
  c.bucket = "attachments-bucket";
  c.endpoint = "http://127.0.0.1:17480";
  c.path_style = true;
  return c;
}

S3Options AwsOptions() {
  S3Options c = LocalOptions();
  c.region = "eu-west-3";
  c.endpoint = "";
  c.path_style = false;
  return c;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

/// The refusal message for `url` checked at `now`, or "" when it was accepted.
std::string RefusalOf(const S3ObjectStore& store, const std::string& url, int64_t now = kNow + 60) {
  auto key = store.KeyOfSignedUrl(url, now);
  if (key.ok()) return "";
  EXPECT_EQ(key.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(key.status().message().find(kSecret) == std::string::npos);
  return key.status().message();
}

}  // namespace

TEST(S3ObjectStore, AddressesAwsVirtualHosted) {
  S3ObjectStore store(AwsOptions(), {});
  EXPECT_OK(store.Init());
  EXPECT_EQ(store.ObjectUrl("attachments/ab12"),
            "https://attachments-bucket.s3.eu-west-3.amazonaws.com/attachments/ab12");
  const std::string url = store.SignedUrl("attachments/ab12", {"a.pdf", "application/pdf"}, kNow, 3600);
  EXPECT_CONTAINS(url, "https://attachments-bucket.s3.eu-west-3.amazonaws.com/attachments/ab12?X-Amz-Algorithm=");
  EXPECT_CONTAINS(url, "X-Amz-Credential=TESTACCESSKEY0000000%2F20260101%2Feu-west-3%2Fs3%2Faws4_request");
  EXPECT_EQ(RefusalOf(store, url), "");
}

TEST(S3ObjectStore, AddressesAwsPathStyle) {
  S3Options c = AwsOptions();
  c.path_style = true;
  S3ObjectStore store(c, {});
  EXPECT_EQ(store.ObjectUrl("k"), "https://s3.eu-west-3.amazonaws.com/attachments-bucket/k");
}

TEST(S3ObjectStore, AddressesCustomEndpoints) {
  S3ObjectStore path_style(LocalOptions(), {});
  EXPECT_OK(path_style.Init());
  EXPECT_EQ(path_style.ObjectUrl("attachments/ab12"), "http://127.0.0.1:17480/attachments-bucket/attachments/ab12");

  S3Options c = LocalOptions();
  c.endpoint = "https://minio.example.com";
  c.path_style = false;
  S3ObjectStore virtual_hosted(c, {});
  EXPECT_OK(virtual_hosted.Init());
  EXPECT_EQ(virtual_hosted.ObjectUrl("a b"), "https://attachments-bucket.minio.example.com/a%20b");
  const std::string url = virtual_hosted.SignedUrl("a b", {}, kNow, 60);
  EXPECT_EQ(*virtual_hosted.KeyOfSignedUrl(url, kNow), "a b");
  // The same link is not a path-style link, and vice versa.
  EXPECT_EQ(RefusalOf(path_style, url), "attachment link refused: not a link to this server's attachment store");
}

TEST(S3ObjectStore, RefusesUnusableConfiguration) {
  S3Options c = AwsOptions();
  c.bucket = "Not_A_DNS_Name";
  EXPECT_FALSE(S3ObjectStore(c, {}).Init().ok());
  c.path_style = true;  // legacy names are fine in the path
  EXPECT_OK(S3ObjectStore(c, {}).Init());
  c = AwsOptions();
  c.region = "eu-west-3.evil.com/";
  EXPECT_FALSE(S3ObjectStore(c, {}).Init().ok());
  c = AwsOptions();
  c.access_key_id = "AK/ID";
  EXPECT_FALSE(S3ObjectStore(c, {}).Init().ok());
}

TEST(S3ObjectStore, SignedUrlRoundTrips) {
  S3ObjectStore store(LocalOptions(), {});
  struct Case {
    std::string key;
    ObjectInfo info;
  };
  const Case cases[] = {
      {"attachments/0123456789abcdef", {"report.pdf", "application/pdf"}},
      {"dir/with space/and+plus=sign.txt", {"a \"quoted\" name;.txt", "text/plain"}},
      {"\xC3\xBCnicode/\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87",
       {"R\xC3\xA9sum\xC3\xA9 2024 \xE2\x82\xAC.pdf", "application/pdf"}},
      {"k", {"", ""}},
  };
  for (const Case& c : cases) {
    const std::string url = store.SignedUrl(c.key, c.info, kNow, kWeek);
    auto key = store.KeyOfSignedUrl(url, kNow + kWeek - 1);
    ASSERT_OK(key);
    EXPECT_EQ(*key, c.key);
  }
  const std::string url =
      store.SignedUrl("dir/with space/x+y", {"R\xC3\xA9sum\xC3\xA9.pdf", "application/pdf"}, kNow, 60);
  EXPECT_CONTAINS(url, "http://127.0.0.1:17480/attachments-bucket/dir/with%20space/x%2By?");
  EXPECT_CONTAINS(url,
                  "response-content-disposition=attachment%3B%20filename%3D%22R_sum_.pdf%22%3B%20filename%2A%3D"
                  "UTF-8%27%27R%25C3%25A9sum%25C3%25A9.pdf");
  EXPECT_CONTAINS(url, "response-content-type=application%2Fpdf");
  EXPECT_CONTAINS(url, "X-Amz-Expires=60&X-Amz-SignedHeaders=host&response-");
}

TEST(S3ObjectStore, RefusesLinksThatAreNotOurs) {
  S3ObjectStore store(LocalOptions(), {});
  const std::string url = store.SignedUrl("attachments/ab12", {"a.pdf", "application/pdf"}, kNow, 3600);
  ASSERT_EQ(RefusalOf(store, url), "");
  const std::string not_ours = "attachment link refused: not a link to this server's attachment store";
  EXPECT_EQ(RefusalOf(store, Replace(url, "127.0.0.1:17480", "127.0.0.2:17480")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "127.0.0.1:17480", "127.0.0.1:17481")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "127.0.0.1:17480", "127.0.0.1")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "http://", "https://")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "/attachments-bucket/", "/other-bucket/")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "/attachments-bucket/", "/")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "/attachments/ab12", "/attachments/%61b12")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "/attachments/ab12", "/attachments/../ab12")), not_ours);
  EXPECT_EQ(RefusalOf(store, Replace(url, "http://", "http://user@")),
            "attachment link refused: not an http(s) URL without user information");
  EXPECT_EQ(RefusalOf(store, "ftp://127.0.0.1:17480/attachments-bucket/attachments/ab12"),
            "attachment link refused: not an http(s) URL without user information");
  EXPECT_EQ(RefusalOf(store, url + "#frag"), "attachment link refused: the link has a fragment");
}

TEST(S3ObjectStore, RefusesTamperedLinks) {
  S3ObjectStore store(LocalOptions(), {});
  const std::string url = store.SignedUrl("attachments/ab12", {"a.pdf", "application/pdf"}, kNow, 3600);
  const std::string bad_signature = "attachment link refused: bad signature";
  std::string flipped = url;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_EQ(RefusalOf(store, flipped), bad_signature);
  EXPECT_EQ(RefusalOf(store, Replace(url, "/attachments/ab12", "/attachments/ab13")), bad_signature);
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-Expires=3600", "X-Amz-Expires=7200")), bad_signature);
  EXPECT_EQ(RefusalOf(store, Replace(url, "application%2Fpdf", "text%2Fhtml")), bad_signature);
  EXPECT_EQ(RefusalOf(store, Replace(url, "&response-content-type=application%2Fpdf", "")), bad_signature);
  EXPECT_EQ(RefusalOf(store, url + "&extra=1"), bad_signature);
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-Expires=3600", "X-Amz-Expires=604801")),
            "attachment link refused: bad X-Amz-Expires");
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-Expires=3600", "X-Amz-Expires=36e2")),
            "attachment link refused: bad X-Amz-Expires");
  EXPECT_EQ(RefusalOf(store, url + "&X-Amz-Expires=3600"),
            "attachment link refused: repeated query parameter X-Amz-Expires");
  EXPECT_EQ(RefusalOf(store, url + "&X-Amz-Signature=00"),
            "attachment link refused: repeated query parameter X-Amz-Signature");
  EXPECT_EQ(RefusalOf(store, Replace(url, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1")),
            "attachment link refused: not an AWS4-HMAC-SHA256 presigned link");
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3Brange")),
            "attachment link refused: the link must sign only the host header");
  EXPECT_EQ(RefusalOf(store, Replace(url, "%2F20260101%2F", "%2F20260102%2F")),
            "attachment link refused: signed for another region, service or date");
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-Date=20260101T000000Z", "X-Amz-Date=20260101T000000")),
            "attachment link refused: bad X-Amz-Date");
  EXPECT_EQ(RefusalOf(store, Replace(url, "X-Amz-Expires", "X-Amz-Expire%")),
            "attachment link refused: malformed query");
}

TEST(S3ObjectStore, RefusesOtherCredentials) {
  S3Options other_key = LocalOptions();
  other_key.access_key_id = "OTHERACCESSKEY000000";
  S3Options other_region = LocalOptions();
  other_region.region = "eu-central-1";
  S3Options other_secret = LocalOptions();
  other_secret.secret_access_key = "another-secret";
  S3ObjectStore store(LocalOptions(), {});
  const ObjectInfo info{"a.pdf", "application/pdf"};
  EXPECT_EQ(RefusalOf(store, S3ObjectStore(other_key, {}).SignedUrl("k", info, kNow, 60)),
            "attachment link refused: signed with another access key");
  EXPECT_EQ(RefusalOf(store, S3ObjectStore(other_region, {}).SignedUrl("k", info, kNow, 60)),
            "attachment link refused: signed for another region, service or date");
  EXPECT_EQ(RefusalOf(store, S3ObjectStore(other_secret, {}).SignedUrl("k", info, kNow, 60)),
            "attachment link refused: bad signature");
}

TEST(S3ObjectStore, RefusesExpiredAndFutureLinks) {
  S3ObjectStore store(LocalOptions(), {});
  const std::string url = store.SignedUrl("k", {}, kNow, 3600);
  EXPECT_EQ(RefusalOf(store, url, kNow + 3599), "");
  EXPECT_EQ(RefusalOf(store, url, kNow + 3600), "attachment link refused: link expired");
  EXPECT_EQ(RefusalOf(store, url, kNow - 300), "");  // clock skew between our servers
  EXPECT_EQ(RefusalOf(store, url, kNow - 301), "attachment link refused: the link is dated in the future");
  // A lifetime beyond S3's maximum is signed as the maximum.
  const std::string long_lived = store.SignedUrl("k", {}, kNow, 30 * 86400);
  EXPECT_CONTAINS(long_lived, "X-Amz-Expires=604800&");
  EXPECT_EQ(RefusalOf(store, long_lived, kNow + kWeek), "attachment link refused: link expired");
}

TEST(S3ObjectStore, RefusesUnsafeKeysBeforeAnyRequest) {
  S3Options c = LocalOptions();
  c.endpoint = "http://127.0.0.1:1";  // nothing listens: a request would fail differently
  S3ObjectStore store(c, {});
  for (const char* key : {"", "/abs", "a//b", "a/./b", "../x", "x/..", "a\nb"}) {
    auto head = store.Head(key);
    EXPECT_EQ(head.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(store.Put(key, {}, "bytes").code(), Status::Code::kInvalidArgument);
  }
}

TEST(S3ObjectStore, ADeadlineAlreadyPassedFailsAtOnceWithoutARequest) {
  // Port 1: a request would fail with "could not connect" instead.
  S3Options o = LocalOptions();
  o.endpoint = "http://127.0.0.1:1";
  S3ObjectStore store(o, S3Timeouts{});
  const StoreDeadline past = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  auto head = store.Head("attachments/abc", past);
  EXPECT_EQ(head.status().code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(head.status().message(), "timed out (no time left for HEAD)");
  Status put = store.Put("attachments/abc", {"a.txt", "text/plain"}, "bytes", past);
  EXPECT_CONTAINS(put.message(), "timed out (no time left for PUT)");
}
