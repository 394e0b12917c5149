#include "crypto/constant_time.h"

namespace mail_mcp {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Lengths are not secret here (hex secrets, fixed-size digests); contents are.
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  size_t n = a.size() < b.size() ? a.size() : b.size();
  volatile unsigned char acc = 0;
  for (size_t i = 0; i < n; ++i) acc = acc | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  return (diff | acc) == 0;
}

}  // namespace mail_mcp
