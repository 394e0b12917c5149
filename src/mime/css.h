// The little CSS that decides whether the text of an HTML mail can be seen.
//
// HTML mail hides text from its reader with CSS: display:none, visibility:hidden, a zero font size
// or opacity, text coloured like its background, boxes moved off-screen, clipped or squeezed to
// nothing. Those are a channel for instructions meant for an assistant and not for the person, so
// mime/html_to_text.h leaves such text out. This file reads what it needs for that: declaration
// blocks (a style attribute, or a rule's body), colours, and the rules of <style> elements whose
// selectors are simple enough to match without a DOM (a tag, .class, #id, or one of each joined,
// as in "td.dark"); a rule inside an @-block (@media, @supports) applies only sometimes and is
// skipped. A rule with any other selector that sets a colour or background makes colours
// unreliable for the whole document (`colors_reliable`), so that text is never hidden because of a
// background we could not work out.
//
// Input is untrusted: everything is linear in its size, and a stylesheet keeps at most
// kMaxCssRules rules.
//
// Thread-safety: plain values and pure functions; a StyleSheet is immutable once built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mail_mcp {

constexpr size_t kMaxCssRules = 2000;

/// "property: value" pairs in source order; names lower-cased, values trimmed, "!important" dropped.
using CssDeclarations = std::vector<std::pair<std::string, std::string>>;

/// Appends the declarations of a block such as a style attribute ("color: red; font-size: 0").
void ParseCssDeclarations(std::string_view block, CssDeclarations* out);

struct CssColor {
  uint8_t r = 0, g = 0, b = 0;
  double alpha = 1;  // 0 is transparent
};
/// A colour value: the named colours, #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and
/// "transparent"; nullopt for anything else (gradients, var(), currentColor, system colours).
std::optional<CssColor> ParseCssColor(std::string_view value);

/// WCAG 2 contrast ratio of two opaque colours: 1 (the same) to 21 (black on white).
double ContrastRatio(const CssColor& a, const CssColor& b);

class StyleSheet {
 public:
  /// Adds the rules of one <style> element's text.
  void Add(std::string_view css);
  /// The declarations of the rules matching an element, in cascade order (lower specificity first,
  /// then source order), to be applied before its style attribute.
  CssDeclarations Match(std::string_view tag, const std::vector<std::string>& classes, std::string_view id) const;
  /// False when a rule we cannot match sets a colour or background.
  bool colors_reliable() const { return colors_reliable_; }
  bool empty() const { return rules_.empty(); }

 private:
  struct Rule {
    std::string tag, id;               // "" when the selector has none
    std::vector<std::string> classes;  // all must be present
    int specificity = 0;
    CssDeclarations declarations;
  };
  void AddRule(std::string_view selectors, std::string_view block);

  std::vector<Rule> rules_;
  /// Rule indexes by the one name each rule is filed under: its id ("#x"), else its first class
  /// (".x"), else its tag; an element looks up only its own names.
  std::unordered_map<std::string, std::vector<size_t>> index_;
  bool colors_reliable_ = true;
};

}  // namespace mail_mcp
