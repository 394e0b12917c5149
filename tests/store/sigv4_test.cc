// AWS's published SigV4 examples for S3 (API reference, "Examples: Signature Calculations in AWS
// Signature Version 4" and "Authenticating Requests: Using Query Parameters"), checked step by step.
#include "store/sigv4.h"

#include "crypto/sha256.h"
#include "testing.h"
#include "util/hex.h"

using namespace mail_mcp;

namespace {

constexpr int64_t k20130524 = 1369353600;  // 2013-05-24T00:00:00Z
constexpr char kHost[] = "examplebucket.s3.amazonaws.com";
constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char kCredential[] = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,";

SigV4Credentials ExampleCredentials() {
  return {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3"};
}

/// The canonical request of the bucket examples (GET "/", empty body) with `query`.
std::string BucketCanonicalRequest(const std::string& query) {
  return "GET\n/\n" + query +
         "\nhost:examplebucket.s3.amazonaws.com\n"
         "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
         "x-amz-date:20130524T000000Z\n\n"
         "host;x-amz-content-sha256;x-amz-date\n"
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

std::string ExampleStringToSign(const SigV4Request& signed_request) {
  return StringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", CanonicalRequest(signed_request));
}

}  // namespace

TEST(SigV4, GetObjectWithRange) {
  SigV4Request r{"GET", "/test.txt", {}, {{"Host", kHost}, {"Range", "bytes=0-9"}}, kEmptySha256};
  const std::string authorization = SignHeaders(ExampleCredentials(), k20130524, &r);
  EXPECT_EQ(CanonicalRequest(r),
            "GET\n/test.txt\n\n"
            "host:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n\n"
            "host;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ExampleStringToSign(r),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(authorization, std::string(kCredential) +
                               "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                               "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, PutObjectWithStorageClass) {
  const std::string payload_hash = HexEncode(Sha256("Welcome to Amazon S3."));
  EXPECT_EQ(payload_hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  SigV4Request r{
      "PUT",
      "/" + S3UriEncode("test$file.text", false),
      {},
      {{"Host", kHost}, {"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
      payload_hash};
  const std::string authorization = SignHeaders(ExampleCredentials(), k20130524, &r);
  EXPECT_EQ(CanonicalRequest(r),
            "PUT\n/test%24file.text\n\n"
            "date:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\n"
            "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
            "x-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\n"
            "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(ExampleStringToSign(r),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(authorization, std::string(kCredential) +
                               "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                               "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4, GetBucketLifecycleAndListObjects) {
  struct Example {
    SigV4Pairs query;
    std::string canonical_query, canonical_request_hash, signature;
  };
  const Example examples[] = {
      {{{"lifecycle", ""}},
       "lifecycle=",
       "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
       "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"},
      // List Objects: the signer sorts the query.
      {{{"prefix", "J"}, {"max-keys", "2"}},
       "max-keys=2&prefix=J",
       "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
       "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"},
  };
  for (const Example& e : examples) {
    SigV4Request r{"GET", "/", e.query, {{"Host", kHost}}, kEmptySha256};
    const std::string authorization = SignHeaders(ExampleCredentials(), k20130524, &r);
    EXPECT_EQ(CanonicalRequest(r), BucketCanonicalRequest(e.canonical_query));
    EXPECT_EQ(ExampleStringToSign(r),
              "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + e.canonical_request_hash);
    EXPECT_EQ(authorization,
              std::string(kCredential) + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=" + e.signature);
  }
}

TEST(SigV4, PresignedGetObject) {
  const SigV4Request r{"GET", "/test.txt", {}, {{"host", kHost}}, ""};
  const std::string query = PresignQuery(ExampleCredentials(), k20130524, 86400, r);
  const std::string canonical_query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2F"
      "aws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";
  EXPECT_EQ(query,
            canonical_query + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");

  // The intermediate steps, rebuilt from the same parameters.
  SigV4Request presigned = r;
  presigned.payload_hash = kUnsignedPayload;
  presigned.query = {{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
                     {"X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"},
                     {"X-Amz-Date", "20130524T000000Z"},
                     {"X-Amz-Expires", "86400"},
                     {"X-Amz-SignedHeaders", "host"}};
  EXPECT_EQ(CanonicalRequest(presigned),
            "GET\n/test.txt\n" + canonical_query + "\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
  EXPECT_EQ(ExampleStringToSign(presigned),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  EXPECT_EQ(SignatureHex(ExampleCredentials(), "20130524T000000Z", presigned),
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4, PresignClampsExpiry) {
  const SigV4Request r{"GET", "/k", {}, {{"host", kHost}}, ""};
  EXPECT_CONTAINS(PresignQuery(ExampleCredentials(), k20130524, 10 * 86400, r), "X-Amz-Expires=604800&");
  EXPECT_CONTAINS(PresignQuery(ExampleCredentials(), k20130524, 0, r), "X-Amz-Expires=1&");
}

TEST(SigV4, UnsignedPayloadHeader) {
  SigV4Request r{"GET", "/k", {}, {{"host", kHost}}, kUnsignedPayload};
  SignHeaders(ExampleCredentials(), k20130524, &r);
  EXPECT_CONTAINS(CanonicalRequest(r), "x-amz-content-sha256:UNSIGNED-PAYLOAD\n");
  EXPECT_CONTAINS(CanonicalRequest(r), "\nUNSIGNED-PAYLOAD");
}

TEST(SigV4, EncodesKeysTheS3Way) {
  EXPECT_EQ(S3UriEncode("a b+c", false), "a%20b%2Bc");
  EXPECT_EQ(S3UriEncode("dir/sub/file.txt", false), "dir/sub/file.txt");
  EXPECT_EQ(S3UriEncode("dir/sub/file.txt", true), "dir%2Fsub%2Ffile.txt");
  EXPECT_EQ(S3UriEncode("A-z_0.9~", true), "A-z_0.9~");
  EXPECT_EQ(S3UriEncode("r\xC3\xA9sum\xC3\xA9 \xE2\x82\xAC.pdf", false), "r%C3%A9sum%C3%A9%20%E2%82%AC.pdf");
  EXPECT_EQ(S3UriEncode("100%=&?#*!'()", true), "100%25%3D%26%3F%23%2A%21%27%28%29");
}

TEST(SigV4, CanonicalQueryEncodesAndSorts) {
  EXPECT_EQ(CanonicalQueryString({{"b", "x y+z/w"}, {"a", ""}, {"response-content-type", "text/plain"}}),
            "a=&b=x%20y%2Bz%2Fw&response-content-type=text%2Fplain");
  // Upper-case names sort before lower-case ones (byte order of the encoded names).
  EXPECT_EQ(CanonicalQueryString({{"x", "1"}, {"X-Amz-Date", "2"}}), "X-Amz-Date=2&x=1");
}

TEST(SigV4, HeaderValuesAreTrimmed) {
  const SigV4Request r{"PUT", "/", {}, {{"Host", "h"}, {"Content-Type", "  text/plain;   charset=utf-8 "}}, "p"};
  EXPECT_EQ(CanonicalRequest(r), "PUT\n/\n\ncontent-type:text/plain; charset=utf-8\nhost:h\n\ncontent-type;host\np");
}

TEST(SigV4, AmzDates) {
  EXPECT_EQ(FormatAmzDate(k20130524), "20130524T000000Z");
  EXPECT_EQ(FormatAmzDate(1700000000), "20231114T221320Z");
  EXPECT_EQ(*ParseAmzDate("20231114T221320Z"), 1700000000);
  EXPECT_EQ(*ParseAmzDate("20240229T235959Z"), 1709251199);
  EXPECT_FALSE(ParseAmzDate("20230229T000000Z").has_value());
  EXPECT_FALSE(ParseAmzDate("20231114T241320Z").has_value());
  EXPECT_FALSE(ParseAmzDate("20231114T221320").has_value());
  EXPECT_FALSE(ParseAmzDate("2023111XT221320Z").has_value());
  EXPECT_FALSE(ParseAmzDate("+0231114T221320Z").has_value());
  EXPECT_FALSE(ParseAmzDate("20231314T221320Z").has_value());
}
