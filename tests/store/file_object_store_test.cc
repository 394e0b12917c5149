#include "store/file_object_store.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <utime.h>

#include <fstream>
#include <vector>

#include "testing.h"

using namespace mail_mcp;

namespace {

const std::string kBase = "https://mail.example.com";
const std::string kSecret(32, 's');
const std::string kKey = "attachments/" + std::string(64, 'a');
constexpr int64_t kNow = 1800000000;

/// A fresh empty folder under /tmp, removed by the destructor.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/file_object_store_test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { (void)!system(("rm -rf '" + path + "'").c_str()); }
};

void SetMtime(const std::string& path, int64_t t) {
  struct utimbuf times {
    time_t(t), time_t(t)
  };
  utime(path.c_str(), &times);
}

}  // namespace

TEST(FileObjectStore, InitCreatesNestedFolders) {
  TempDir tmp;
  FileObjectStore store(tmp.path + "/a/b/c", kBase, kSecret);
  ASSERT_OK(store.Init());
  struct stat st {};
  EXPECT_EQ(stat((tmp.path + "/a/b/c").c_str(), &st), 0);
}

TEST(FileObjectStore, PutThenHeadGetAndLocateRoundTripBytesAndInfo) {
  TempDir tmp;
  FileObjectStore store(tmp.path, kBase, kSecret);
  ASSERT_OK(store.Init());
  auto missing = store.Head(kKey);
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  std::string bytes("\0\x01binary\xff", 9);
  ASSERT_OK(store.Put(kKey, {"Bericht für März.pdf", "application/pdf"}, bytes));
  auto head = store.Head(kKey);
  ASSERT_OK(head);
  ASSERT_TRUE(head->has_value());
  EXPECT_EQ((*head)->size.value_or(0), 9u);
  auto got = store.Get(kKey, 100);
  ASSERT_OK(got);
  EXPECT_EQ(got->bytes, bytes);
  EXPECT_EQ(got->info.filename, "Bericht für März.pdf");
  EXPECT_EQ(got->info.content_type, "application/pdf");
  auto where = store.Locate(kKey);
  ASSERT_OK(where);
  EXPECT_EQ(where->path, tmp.path + "/" + std::string(64, 'a'));
}

TEST(FileObjectStore, GetRefusesObjectsOverTheLimit) {
  TempDir tmp;
  FileObjectStore store(tmp.path, kBase, kSecret);
  ASSERT_OK(store.Put(kKey, {"a.bin", "application/octet-stream"}, std::string(1000, 'x')));
  auto got = store.Get(kKey, 999);
  EXPECT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kResourceExhausted);
  EXPECT_OK(store.Get(kKey, 1000));
}

TEST(FileObjectStore, KeysOtherThanItsOwnAreRefusedBeforeTouchingTheDisk) {
  TempDir tmp;
  FileObjectStore store(tmp.path, kBase, kSecret);
  for (std::string bad : std::vector<std::string>{"attachments/../../etc/passwd", "attachments/" + std::string(64, 'A'),
                                                  "attachments/" + std::string(63, 'a'), std::string(64, 'a'),
                                                  "other/" + std::string(64, 'a')}) {
    EXPECT_FALSE(store.Head(bad).ok());
    EXPECT_FALSE(store.Put(bad, {}, "x").ok());
    EXPECT_FALSE(store.Get(bad, 10).ok());
  }
}

TEST(FileObjectStore, SignedUrlIsAcceptedUntilItExpires) {
  FileObjectStore store("/nonexistent", kBase, kSecret);
  std::string url = store.SignedUrl(kKey, {}, kNow, 3600);
  EXPECT_EQ(url.rfind(kBase + "/" + kKey + "?expires=1800003600&signature=", 0), 0u);
  auto key = store.KeyOfSignedUrl(url, kNow + 3599);
  ASSERT_OK(key);
  EXPECT_EQ(*key, kKey);
  EXPECT_CONTAINS(store.KeyOfSignedUrl(url, kNow + 3600).status().message(), "expired");
}

TEST(FileObjectStore, ForgedAndForeignLinksAreRefused) {
  FileObjectStore store("/nonexistent", kBase, kSecret);
  std::string url = store.SignedUrl(kKey, {}, kNow, 3600);
  std::string other_key = "attachments/" + std::string(64, 'b');
  // Another object's key under this object's signature.
  std::string moved = url;
  moved.replace(moved.find(kKey), kKey.size(), other_key);
  EXPECT_CONTAINS(store.KeyOfSignedUrl(moved, kNow).status().message(), "bad signature");
  // A later expiry under the old signature.
  std::string extended = url;
  extended.replace(extended.find("1800003600"), 10, "1900003600");
  EXPECT_CONTAINS(store.KeyOfSignedUrl(extended, kNow).status().message(), "bad signature");
  // A different server key signs differently.
  FileObjectStore other("/nonexistent", kBase, std::string(32, 't'));
  EXPECT_FALSE(other.KeyOfSignedUrl(url, kNow).ok());
  for (std::string bad : std::vector<std::string>{
           "http://169.254.169.254/latest/meta-data", "https://mail.example.com.evil.test/" + kKey,
           "https://evil.test/" + kKey + url.substr(url.find('?')), "https://mail.example.com/" + kKey,
           url + "&expires=1", url + "&x=1", "https://mail.example.com/attachments/../mcp?expires=1&signature=aa",
           "https://user@mail.example.com/" + kKey + url.substr(url.find('?'))}) {
    EXPECT_FALSE(store.KeyOfSignedUrl(bad, kNow).ok());
  }
}

TEST(FileObjectStore, SweepRemovesOnlyObjectsOlderThanTheRetention) {
  TempDir tmp;
  FileObjectStore store(tmp.path, kBase, kSecret);
  std::string old_key = "attachments/" + std::string(64, 'b');
  ASSERT_OK(store.Put(kKey, {"new.txt", "text/plain"}, "new"));
  ASSERT_OK(store.Put(old_key, {"old.txt", "text/plain"}, "old"));
  SetMtime(tmp.path + "/" + std::string(64, 'b'), kNow - 1000);
  SetMtime(tmp.path + "/" + std::string(64, 'b') + ".json", kNow - 1000);
  SetMtime(tmp.path + "/" + std::string(64, 'a'), kNow - 10);
  std::ofstream(tmp.path + "/" + std::string(64, 'c') + ".tmp-0123456789abcdef") << "partial";
  SetMtime(tmp.path + "/" + std::string(64, 'c') + ".tmp-0123456789abcdef", kNow - 7200);
  EXPECT_EQ(store.RemoveOlderThan(kNow, 500), 1u);
  EXPECT_FALSE(store.Head(old_key)->has_value());
  EXPECT_FALSE(store.Locate(old_key).ok());
  EXPECT_TRUE(store.Head(kKey)->has_value());
  struct stat st {};
  EXPECT_NE(stat((tmp.path + "/" + std::string(64, 'c') + ".tmp-0123456789abcdef").c_str(), &st), 0);
}
