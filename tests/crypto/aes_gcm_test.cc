// Known-answer tests from McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B,
// and the content-encryption step of RFC 7516 Appendix A.1.
#include "crypto/aes_gcm.h"

#include "crypto/base64.h"
#include "testing.h"
#include "util/hex.h"

using namespace mail_mcp;

namespace {

std::string H(const char* hex) { return *HexDecode(hex); }

const char kKey256[] = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const char kIv[] = "cafebabefacedbaddecaf888";
const char kPlain[] =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const char kAad[] = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

void ExpectVector(const std::string& key, const std::string& iv, const std::string& aad, const std::string& plain,
                  const char* cipher_hex, const char* tag_hex) {
  auto sealed = AesGcmEncrypt(key, iv, aad, plain);
  ASSERT_OK(sealed);
  EXPECT_EQ(HexEncode(sealed->ciphertext), cipher_hex);
  EXPECT_EQ(HexEncode(sealed->tag), tag_hex);
  auto opened = AesGcmDecrypt(key, iv, aad, sealed->ciphertext, sealed->tag);
  ASSERT_OK(opened);
  EXPECT_EQ(*opened, plain);
}

}  // namespace

TEST(AesGcm, McGrewViegaTestCase13EmptyPlaintext) {
  ExpectVector(std::string(32, '\0'), std::string(12, '\0'), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b");
}

TEST(AesGcm, McGrewViegaTestCase14OneZeroBlock) {
  ExpectVector(std::string(32, '\0'), std::string(12, '\0'), "", std::string(16, '\0'),
               "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919");
}

TEST(AesGcm, McGrewViegaTestCase15FourBlocks) {
  ExpectVector(H(kKey256), H(kIv), "", H(kPlain),
               "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
               "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
               "b094dac5d93471bdec1a502270e3cc6c");
}

TEST(AesGcm, McGrewViegaTestCase16WithAad) {
  ExpectVector(H(kKey256), H(kIv), H(kAad), H(kPlain).substr(0, 60),
               "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
               "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
               "76fc6ece0f4e1768cddf8853bb2d551b");
}

TEST(AesGcm, McGrewViegaTestCase4Aes128) {
  ExpectVector(H(kKey256).substr(0, 16), H(kIv), H(kAad), H(kPlain).substr(0, 60),
               "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
               "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
               "5bc94fbc3221a5db94fae95ae7121a47");
}

TEST(AesGcm, Rfc7516AppendixA1ContentEncryption) {
  const unsigned char cek[] = {177, 161, 244, 128, 84,  143, 225, 115, 63, 180, 3,   255, 107, 154, 212, 246,
                               138, 7,   110, 91,  112, 46,  34,  105, 47, 130, 203, 46,  122, 234, 64,  252};
  const unsigned char iv[] = {227, 197, 117, 252, 2, 219, 233, 68, 180, 225, 77, 219};
  auto sealed = AesGcmEncrypt(std::string(reinterpret_cast<const char*>(cek), 32),
                              std::string(reinterpret_cast<const char*>(iv), 12),
                              "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ",
                              "The true sign of intelligence is not knowledge but imagination.");
  ASSERT_OK(sealed);
  EXPECT_EQ(Base64UrlEncode(sealed->ciphertext),
            "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A");
  EXPECT_EQ(Base64UrlEncode(sealed->tag), "XFBoMYUZodetZdvTiFvSkQ");
}

TEST(AesGcm, RejectsAlteredCiphertextTagAadOrKey) {
  std::string key = H(kKey256), iv = H(kIv);
  auto sealed = AesGcmEncrypt(key, iv, "aad", "secret message");
  ASSERT_OK(sealed);
  std::string c = sealed->ciphertext, t = sealed->tag;
  c[0] ^= 1;
  EXPECT_EQ(AesGcmDecrypt(key, iv, "aad", c, sealed->tag).status().code(), Status::Code::kUnauthenticated);
  t[15] ^= 0x80;
  EXPECT_EQ(AesGcmDecrypt(key, iv, "aad", sealed->ciphertext, t).status().code(), Status::Code::kUnauthenticated);
  EXPECT_FALSE(AesGcmDecrypt(key, iv, "aaD", sealed->ciphertext, sealed->tag).ok());
  std::string other = key;
  other[31] ^= 1;
  EXPECT_FALSE(AesGcmDecrypt(other, iv, "aad", sealed->ciphertext, sealed->tag).ok());
  EXPECT_FALSE(AesGcmDecrypt(key, iv, "aad", sealed->ciphertext, sealed->tag.substr(0, 12)).ok());
}

TEST(AesGcm, RejectsBadKeySizes) {
  EXPECT_EQ(AesGcmEncrypt(std::string(31, 'k'), std::string(12, '\0'), "", "x").status().code(),
            Status::Code::kInvalidArgument);
}
