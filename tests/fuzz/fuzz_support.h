// Shared pieces of the libFuzzer harnesses (tests/fuzz/*_fuzz.cc): a check that stops the run on a
// broken invariant, the fixed configuration the token, OAuth and link harnesses (and the seed
// writer that produced their corpus) agree on, and a way to cut one input into fields.
//
// Each harness is one binary built by `make fuzz`; libFuzzer supplies main(). A harness feeds the
// bytes to public parser functions (the ones the server hands network input to) and checks the
// promises their headers make (valid UTF-8 out, no CR/LF where none may be, ...). Crashes, leaks
// and undefined behaviour are found by ASan/UBSan; FUZZ_CHECK turns a broken promise into a crash.
//
// Thread-safety: libFuzzer runs a harness on one thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(cond, what)                                                         \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, what); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace fuzz {

/// The ENCRYPTION_KEY, BASE_URL and clock of the token and OAuth harnesses. Seeds hold tokens
/// sealed with this key at this time, so they open (and the fuzzer starts past the seal).
inline const std::string kKey(32, 'F');
inline constexpr char kBaseUrl[] = "https://mail.example.com";
inline constexpr char kResource[] = "https://mail.example.com/mcp";
inline constexpr int64_t kNow = 1'800'000'000;

/// The attachment stores of the link harness: S3 path-style on a local endpoint, S3 on AWS
/// (virtual-hosted), and the embedded store.
inline constexpr char kS3Endpoint[] = "http://127.0.0.1:17480";
inline constexpr char kS3Bucket[] = "mail-attachments";
inline constexpr char kS3Region[] = "eu-west-1";
inline constexpr char kS3AccessKey[] = "AKIAFUZZFUZZFUZZFUZZ";
inline constexpr char kS3Secret[] = "fuzz/secret/key/fuzz/secret/key/fuzz/sec";

/// Splits `data` at the first `fields - 1` occurrences of `sep`; the last field keeps the rest.
inline std::vector<std::string_view> Split(std::string_view data, char sep, size_t fields) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < fields) {
    size_t at = data.find(sep);
    if (at == std::string_view::npos) break;
    out.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  out.push_back(data);
  return out;
}

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace fuzz
