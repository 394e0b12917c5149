#include "mcp/protocol_version.h"

namespace mail_mcp {

bool IsSupportedProtocolVersion(std::string_view version) {
  for (std::string_view v : kSupportedProtocolVersions)
    if (v == version) return true;
  return false;
}

bool IsStatelessProtocolVersion(std::string_view version) { return version == kStatelessProtocolVersion; }

bool IsLegacyProtocolVersion(std::string_view version) {
  return IsSupportedProtocolVersion(version) && !IsStatelessProtocolVersion(version);
}

}  // namespace mail_mcp
