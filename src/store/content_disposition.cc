#include "store/content_disposition.h"

#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string("!#$&-^_.+").find(c) != std::string::npos;
}

}  // namespace

std::string AttachmentDisposition(const std::string& filename) {
  if (filename.empty()) return "attachment";
  std::string ascii;
  for (unsigned char c : filename) {
    if (c >= 0x80) {
      // One '_' per UTF-8 sequence, not per byte.
      if ((c & 0xC0) != 0x80) ascii += '_';
    } else {
      ascii += (c < 0x20 || c == 0x7f || c == '"' || c == '\\') ? '_' : char(c);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(filename);
}

std::string SafeContentType(const std::string& content_type) {
  size_t slash = content_type.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < content_type.size() && content_type.size() <= 255;
  for (size_t i = 0; ok && i < content_type.size(); ++i) ok = i == slash || IsTokenChar(content_type[i]);
  return ok ? content_type : "application/octet-stream";
}

}  // namespace mail_mcp
