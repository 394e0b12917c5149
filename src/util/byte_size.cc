#include "util/byte_size.h"

namespace mail_mcp {

std::string ByteSizeText(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (size_t{1} << 20)) {
    const size_t tenths = (bytes * 10 + (size_t{1} << 19)) >> 20;  // rounded to 0.1 MiB
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
  }
  if (bytes >= (size_t{1} << 10) && bytes % (size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace mail_mcp
