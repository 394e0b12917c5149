// Comparison of secrets in time that depends only on their lengths.
//
// Used for client secrets, PKCE challenges, signatures: an early-exit comparison would let a remote
// caller learn a secret byte by byte from response times.
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace mail_mcp {

bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace mail_mcp
