#include "crypto/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "util/hex.h"

namespace mail_mcp {

Status RandomBytes(void* out, size_t len) {
  auto* p = static_cast<unsigned char*>(out);
  size_t done = 0;
  while (done < len) {
    ssize_t n = getrandom(p + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Internal("getrandom failed");
    }
    done += size_t(n);
  }
  return Status::OK();
}

std::string RandomBytesOrDie(size_t len) {
  std::string s(len, '\0');
  if (!RandomBytes(s.data(), len).ok()) {
    std::fputs("fatal: the kernel provided no random bytes (getrandom)\n", stderr);
    std::abort();
  }
  return s;
}

std::string RandomHex(size_t bytes) { return HexEncode(RandomBytesOrDie(bytes)); }

}  // namespace mail_mcp
