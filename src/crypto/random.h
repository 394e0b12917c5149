// Cryptographically secure random bytes from the kernel.
//
// All secrets, IVs, token ids and client secrets come from here. It calls getrandom(2) directly:
// a FROM-scratch root has no /dev/urandom, and the syscall blocks only until the kernel pool is
// first seeded at boot.
//
// Thread-safety: safe from any thread.
#pragma once

#include <string>

#include "util/status.h"

namespace mail_mcp {

Status RandomBytes(void* out, size_t len);
/// `len` random bytes; aborts the process if the kernel cannot provide them (no safe fallback exists).
std::string RandomBytesOrDie(size_t len);
/// 2*`bytes` lowercase hex characters.
std::string RandomHex(size_t bytes);

}  // namespace mail_mcp
