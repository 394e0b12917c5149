// WriteJson: picojson's compact serialization, byte for byte, appended in runs.
//
// picojson::value::serialize() writes through a back_insert_iterator, one character at a time (a
// push_back each): for a tools/call result of 30 KiB that was a visible share of a warm call's
// time. The output here is identical — the same escapes ("\/" included, \u00xx for control
// characters and DEL, other bytes as they are), object members in key order, numbers through
// picojson's own to_str() — so callers may switch without a byte of the protocol changing.
//
// Thread-safety: pure functions.
#pragma once

#include <picojson.h>

#include <string>
#include <string_view>

namespace mail_mcp {

/// What `v.serialize()` returns.
std::string WriteJson(const picojson::value& v);
/// Appends what `v.serialize()` returns.
void AppendJson(std::string* out, const picojson::value& v);
/// Appends `s` as picojson writes a string value: quoted and escaped.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace mail_mcp
