#include "util/media_type.h"

namespace mail_mcp {
namespace {

bool IsToken(std::string_view t) {
  if (t.empty() || t.size() > 127) return false;
  for (char c : t) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= ' ' || u >= 0x7f || std::string_view("()<>@,;:\\\"/[]?=").find(c) != std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool IsMediaType(std::string_view content_type) {
  const size_t slash = content_type.find('/');
  return slash != std::string_view::npos && IsToken(content_type.substr(0, slash)) &&
         IsToken(content_type.substr(slash + 1));
}

}  // namespace mail_mcp
