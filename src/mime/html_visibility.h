// Whether the text of one HTML element can be seen, from its ancestors' state, its attributes and
// its CSS (mime/css.h), for mime/html_to_text.h.
//
// Text counts as hidden when a person looking at the rendered mail would not see it:
//   - the element or an ancestor is not drawn: display:none, the `hidden` attribute; a box moved
//     off-screen (position absolute or fixed with left/top/right/bottom at -500px or beyond, or
//     text-indent there); clipped away (clip: rect(0 0 0 0) on a positioned box, clip-path:
//     inset(50%)); squeezed to nothing (a zero height, max-height, width or max-width with
//     overflow hidden); scaled to zero (transform: scale(0));
//   - visibility:hidden (inherited, but a descendant may say visible again);
//   - a font size under 3px (font-size and the font shorthand; em and % scale the parent's, so a
//     child may set a readable size again, as mail layouts do after a font-size:0 container);
//   - an opacity under 0.1 (multiplied down the tree), or a text colour with alpha under 0.1;
//   - text whose colour is (nearly) the background's: WCAG contrast ratio under 1.1, where the
//     background is the nearest ancestor's background colour (white when none is set, as mail
//     clients draw) and is unknown, so never compared, under a background image or gradient.
// Presentational attributes (bgcolor, background, <font color>, <body text>) count like CSS of the
// lowest priority, and a link is link-blue unless told otherwise, as browsers draw them. Borderline cases lean to
// "visible": a person may squint, but must never be shown less than the mail says because of a guess.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mime/css.h"

namespace mail_mcp {

/// What html_to_text reads of an element's attributes.
struct ElementAttributes {
  std::string style;                 // the style attribute
  std::vector<std::string> classes;  // lower-cased
  std::string id;                    // lower-cased
  bool hidden = false;               // the `hidden` attribute
  std::string bgcolor, color, text;  // bgcolor=, <font color=>, <body text=>
  bool background_image = false;     // a background= attribute (an image behind the element)
};

struct Visibility {
  bool removed = false;  // not drawn at all (display:none and the like): the whole subtree
  bool visible = true;   // the visibility property
  double font_px = 16;
  double opacity = 1;
  std::optional<CssColor> color = CssColor{0, 0, 0, 1};             // nullopt: unknown
  std::optional<CssColor> background = CssColor{255, 255, 255, 1};  // nullopt: unknown (an image)

  /// True when text with this state cannot be seen; colours are compared only when `colors_reliable`.
  bool Hidden(bool colors_reliable) const;
};

/// The state of an element `tag` (lower case) inside an element of state `parent`.
Visibility ChildVisibility(const Visibility& parent, std::string_view tag, const ElementAttributes& attributes,
                           const StyleSheet& sheet);

}  // namespace mail_mcp
