// Readable plain text from an HTML mail body: the text a person sees, and only that.
//
// What an assistant needs from HTML mail is its words and its links, not its layout. HtmlToText
// drops <script>, <style>, <title> and comments; turns block elements into line breaks (p, div,
// br, tr, headings), list items into "- " lines and blockquotes into "> " lines; keeps links as
// "text (url)" (just the text when it already is the URL, nothing for javascript: and "#"
// anchors); shows images by their alt text; decodes character references (common named ones,
// decimal and hex; invalid code points become U+FFFD); collapses whitespace (a non-breaking space
// counts as one) and allows at most one blank line in a row.
//
// Text a person would not see is left out, because mail is untrusted input to a language model
// and hidden text is a known channel for instructions aimed at it: whatever CSS or attributes hide
// (mime/html_visibility.h says exactly what: display:none, visibility, zero or tiny font sizes,
// opacity, text coloured like its background, off-screen, clipped or collapsed boxes, including
// through <style> rules with simple selectors), <template> contents, comments, zero-width
// characters and Unicode tag characters. To know what an element hides, the converter keeps the
// stack of open elements, closing unclosed <p>, <li>, <td>... where browsers do. Each left-out
// piece of text is counted (a run of consecutive hidden elements once), so the caller can say
// that something was removed; the HTML itself is never changed.
//
// Input is UTF-8 (convert with PartText first). One forward pass with no backtracking (plus one
// scan for <style> elements), so huge, unclosed or deeply nested markup costs linear time; the
// element stack, quote and list nesting shown in the output are capped.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

struct VisibleText {
  std::string text;   // valid UTF-8
  size_t hidden = 0;  // pieces of text left out because a reader would not see them (see above)
};
/// The text of `html` with "\n" line breaks, without leading or trailing blank lines.
VisibleText RenderHtml(std::string_view html);

/// Plain text without the characters that draw nothing: zero-width characters (a zero-width
/// joiner between two visible non-ASCII characters stays) and Unicode tag characters, whose runs
/// are counted as hidden pieces.
VisibleText VisiblePlainText(std::string_view text);

/// RenderHtml's text.
std::string HtmlToText(std::string_view html);

/// The charset label a <meta charset=...> or <meta http-equiv="Content-Type" content="...;
/// charset=..."> element declares within the first 1024 bytes of `html` (the HTML prescan's
/// reach), as written; "" when there is none.
std::string HtmlMetaCharset(std::string_view html);

/// Decodes character references in `text` ("&amp;", "&#8364;", "&#x20AC;"); unknown ones stay.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace mail_mcp
