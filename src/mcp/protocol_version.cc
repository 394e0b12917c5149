#include "mcp/protocol_version.h"

namespace mail_mcp {

bool IsSupportedProtocolVersion(std::string_view version) {
  for (std::string_view v : kSupportedProtocolVersions)
    if (v == version) return true;
  return false;
}

}  // namespace mail_mcp
