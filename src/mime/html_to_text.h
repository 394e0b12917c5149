// Readable plain text from an HTML mail body.
//
// What an assistant needs from HTML mail is its words and its links, not its layout. HtmlToText
// drops <script>, <style>, <title> and comments; turns block elements into line breaks (p, div,
// br, tr, headings), list items into "- " lines and blockquotes into "> " lines; keeps links as
// "text (url)" (just the text when it already is the URL, nothing for javascript: and "#"
// anchors); shows images by their alt text; decodes character references (common named ones,
// decimal and hex; invalid code points become U+FFFD); collapses whitespace (a non-breaking space
// counts as one) and allows at most one blank line in a row.
//
// Input is UTF-8 (convert with PartText first). One forward pass with no backtracking, so huge,
// unclosed or deeply nested markup costs linear time; quote and list nesting shown in the output
// is capped so prefixes cannot blow up the output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

struct RenderedHtml {
  std::string text;   // valid UTF-8 with "\n" line breaks, without leading or trailing blank lines
  size_t hidden = 0;  // pieces of text left out because a reader would not see them (see above)
};
RenderedHtml RenderHtml(std::string_view html);

/// RenderHtml's text.
std::string HtmlToText(std::string_view html);

/// Decodes character references in `text` ("&amp;", "&#8364;", "&#x20AC;"); unknown ones stay.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace mail_mcp
