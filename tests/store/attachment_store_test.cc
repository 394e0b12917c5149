#include "store/attachment_store.h"

#include <map>

#include "testing.h"

using namespace mail_mcp;

namespace {

/// An in-memory ObjectStore that counts calls: enough to prove AttachmentStore's decisions.
class MemoryStore : public ObjectStore {
 public:
  mutable std::map<std::string, std::pair<int64_t, StoredObject>> objects;
  mutable int puts = 0;
  int64_t* now;
  bool reachable = true;

  explicit MemoryStore(int64_t* clock) : now(clock) {}
  StatusOr<std::optional<ObjectHead>> Head(const std::string& key, StoreDeadline) const override {
    if (!reachable) return Status::Unavailable("S3: connection refused");
    auto it = objects.find(key);
    if (it == objects.end()) return std::optional<ObjectHead>();
    return std::optional<ObjectHead>(ObjectHead{it->second.first, it->second.second.bytes.size()});
  }
  Status Put(const std::string& key, const ObjectInfo& info, const std::string& bytes, StoreDeadline) const override {
    ++puts;
    objects[key] = {*now, StoredObject{info, bytes}};
    return Status::OK();
  }
  StatusOr<StoredObject> Get(const std::string& key, size_t max_bytes) const override {
    auto it = objects.find(key);
    if (it == objects.end()) return Status::NotFound("gone");
    if (it->second.second.bytes.size() > max_bytes) return Status::ResourceExhausted("too big");
    return it->second.second;
  }
  std::string SignedUrl(const std::string& key, const ObjectInfo&, int64_t t, int64_t lifetime) const override {
    return "mem://" + key + "#" + std::to_string(t + lifetime);
  }
  StatusOr<std::string> KeyOfSignedUrl(const std::string& url, int64_t t) const override {
    size_t hash = url.find('#');
    if (url.rfind("mem://", 0) != 0 || hash == std::string::npos) return Status::InvalidArgument("foreign");
    if (std::stoll(url.substr(hash + 1)) <= t) return Status::Expired("expired");
    return url.substr(6, hash - 6);
  }
};

struct Fixture {
  int64_t now = 1800000000;
  MemoryStore* backend;
  AttachmentStore store;
  int fetches = 0;
  Fixture()
      : backend(new MemoryStore(&now)),
        store(std::unique_ptr<ObjectStore>(backend), std::string(32, 'k'), [this] { return now; }) {}
  StatusOr<AttachmentLink> Publish(const std::string& identity) {
    return store.Publish(identity, {"a.txt", "text/plain"}, [this]() -> StatusOr<std::string> {
      ++fetches;
      return std::string("bytes");
    });
  }
};

}  // namespace

TEST(AttachmentStore, KeysAreStableHmacsThatRevealNothingOfTheIdentity) {
  Fixture f;
  std::string key = f.store.ObjectKey("v1\nimap.example.com\n993\nalice@example.com\nINBOX\n7\n42\n2");
  EXPECT_EQ(key, f.store.ObjectKey("v1\nimap.example.com\n993\nalice@example.com\nINBOX\n7\n42\n2"));
  EXPECT_EQ(key.size(), std::string("attachments/").size() + 64);
  EXPECT_EQ(key.find("alice"), std::string::npos);
  EXPECT_NE(key, f.store.ObjectKey("v1\nimap.example.com\n993\nalice@example.com\nINBOX\n7\n42\n3"));
  AttachmentStore other(std::make_unique<MemoryStore>(&f.now), std::string(32, 'x'), [] { return 0; });
  EXPECT_NE(key, other.ObjectKey("v1\nimap.example.com\n993\nalice@example.com\nINBOX\n7\n42\n2"));
}

TEST(AttachmentStore, PublishUploadsOnceAndLinksForSevenDays) {
  Fixture f;
  auto first = f.Publish("id");
  ASSERT_OK(first);
  EXPECT_EQ(first->expires_at, f.now + 7 * 24 * 3600);
  f.now += 3600;
  auto second = f.Publish("id");
  ASSERT_OK(second);
  EXPECT_EQ(f.fetches, 1);
  EXPECT_EQ(f.backend->puts, 1);
  EXPECT_EQ(second->expires_at, f.now + 7 * 24 * 3600);
}

TEST(AttachmentStore, LinksCarryTheObjectSizeWhetherUploadedOrAlreadyStored) {
  Fixture f;
  auto first = f.Publish("id");
  ASSERT_OK(first);
  EXPECT_EQ(first->size.value_or(0), 5u);  // "bytes", as fetched
  auto second = f.Publish("id");
  ASSERT_OK(second);
  EXPECT_EQ(f.fetches, 1);
  EXPECT_EQ(second->size.value_or(0), 5u);  // from the store's HEAD
}

TEST(AttachmentStore, StaleObjectsAreRewrittenSoRetentionNeverOutrunsALink) {
  Fixture f;
  ASSERT_OK(f.Publish("id"));
  f.now += AttachmentStore::kRefreshAfter + 1;
  ASSERT_OK(f.Publish("id"));
  EXPECT_EQ(f.backend->puts, 2);
  EXPECT_GE(AttachmentStore::kRetention, AttachmentStore::kRefreshAfter + AttachmentStore::kLinkLifetime);
}

TEST(AttachmentStore, UnreachableStoreIsAnErrorAndFetchesNothing) {
  Fixture f;
  f.backend->reachable = false;
  auto link = f.Publish("id");
  EXPECT_FALSE(link.ok());
  EXPECT_CONTAINS(link.status().message(), "connection refused");
  EXPECT_EQ(f.fetches, 0);
}

TEST(AttachmentStore, OpenAcceptsOnlyTheBackendsOwnUnexpiredLinks) {
  Fixture f;
  auto link = f.Publish("id");
  ASSERT_OK(link);
  auto object = f.store.Open(link->url, 100);
  ASSERT_OK(object);
  EXPECT_EQ(object->bytes, "bytes");
  EXPECT_EQ(object->info.filename, "a.txt");
  EXPECT_FALSE(f.store.Open("http://169.254.169.254/latest", 100).ok());
  EXPECT_EQ(f.store.Open(link->url, 4).status().code(), Status::Code::kResourceExhausted);
  f.now = link->expires_at;
  EXPECT_CONTAINS(f.store.Open(link->url, 100).status().message(), "expired");
}

TEST(AttachmentStore, FindThenWriteIsPublishInTwoSteps) {
  Fixture f;
  const ObjectInfo info{"a.txt", "text/plain"};
  auto missing = f.store.Find("id", info);
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto written = f.store.Write("id", info, "bytes");
  ASSERT_OK(written);
  auto found = f.store.Find("id", info);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->url, written->url);
  EXPECT_EQ(f.backend->puts, 1);
  f.now += AttachmentStore::kRefreshAfter + 1;
  auto stale = f.store.Find("id", info);
  ASSERT_OK(stale);
  EXPECT_FALSE(stale->has_value());
}
