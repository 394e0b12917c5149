// The attachment-link checkers (src/store): KeyOfSignedUrl of the S3 store (SigV4 presigned URLs,
// path-style on an endpoint and virtual-hosted on AWS) and of the embedded store (HMAC links).
// send_mail_message takes attachment_urls from the assistant and must accept exactly the links
// this server signed, before any network access.
//
// The input is a URL. Whatever a checker accepts must be an object key of the form the stores
// write ("attachments/" and 64 hex digits), and a link to it signed now must be accepted too.
// Seeds: tests/fuzz/corpus/sigv4_url (links signed with the harness keys by `scripts/fuzz seeds`,
// and near misses).
#include <string>

#include "fuzz_support.h"
#include "store/file_object_store.h"
#include "store/s3_object_store.h"

using namespace mail_mcp;

namespace {

S3Options Options(bool aws) {
  S3Options o;
  o.access_key_id = fuzz::kS3AccessKey;
  o.secret_access_key = fuzz::kS3Secret;
  o.region = fuzz::kS3Region;
  o.bucket = fuzz::kS3Bucket;
  if (!aws) {
    o.endpoint = fuzz::kS3Endpoint;
    o.path_style = true;
  }
  return o;
}

bool IsObjectKey(const std::string& key) {
  constexpr std::string_view kPrefix = "attachments/";
  return key.size() == kPrefix.size() + 64 && key.compare(0, kPrefix.size(), kPrefix) == 0 &&
         key.find_first_not_of("0123456789abcdef", kPrefix.size()) == std::string::npos;
}

void Check(const ObjectStore& store, const std::string& url) {
  auto key = store.KeyOfSignedUrl(url, fuzz::kNow);
  if (!key.ok()) return;
  FUZZ_CHECK(IsObjectKey(*key), "a link to something that is not an object key was accepted");
  std::string ours = store.SignedUrl(*key, ObjectInfo{"a.pdf", "application/pdf"}, fuzz::kNow, 3600);
  auto again = store.KeyOfSignedUrl(ours, fuzz::kNow);
  FUZZ_CHECK(again.ok() && *again == *key, "a link the store just signed is refused");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const S3ObjectStore local(Options(false), S3Timeouts{});
  static const S3ObjectStore aws(Options(true), S3Timeouts{});
  static const FileObjectStore embedded("/nonexistent/fuzz", fuzz::kBaseUrl, fuzz::kKey);
  const std::string url(fuzz::AsView(data, size));
  Check(local, url);
  Check(aws, url);
  Check(embedded, url);
  return 0;
}
