// How a byte count reads in messages for people: "64 MiB", "8.1 MiB", "512 KiB", "1000 bytes".
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>

namespace mail_mcp {

/// Whole MiB when an exact multiple, else MiB to 0.1 from 1 MiB up; below, whole KiB when an exact
/// multiple, else the byte count.
std::string ByteSizeText(size_t bytes);

}  // namespace mail_mcp
