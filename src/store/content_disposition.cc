#include "store/content_disposition.h"

#include "util/media_type.h"
#include "util/url_encoding.h"

namespace mail_mcp {

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
  return IsMediaType(content_type) ? content_type : "application/octet-stream";
}

}  // namespace mail_mcp
