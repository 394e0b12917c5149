// Unwrapping of text/plain; format=flowed (RFC 3676).
//
// Flowed text is sent in short lines so that old readers can show it, with a trailing space marking
// each line break that is only a soft wrap. A reader rejoins those lines into paragraphs, so does
// UnwrapFlowed: a line ending in a space is joined with the next line of the same quote depth
// (with DelSp=yes the space itself is wrap debris and goes, so "col" + "umns" is "columns"),
// space-stuffing (the one space put before a line starting with a space, ">" or "From ") is
// removed, and the signature separator "-- " never flows. Quoted paragraphs come out with one
// ">" per level and a space ("> ", ">> ") before their text.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// `text` (lines separated by LF or CRLF) unwrapped; the result uses LF.
std::string UnwrapFlowed(std::string_view text, bool delsp);

}  // namespace mail_mcp
