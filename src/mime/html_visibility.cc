#include "mime/html_visibility.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// Thresholds (see the header): below them a person does not see the text.
constexpr double kMinFontPx = 3;
constexpr double kMinOpacity = 0.1;
constexpr double kMinContrast = 1.1;
constexpr double kOffScreenPx = -500;

/// A number with an optional unit: "12px" -> {12, "px"}; nullopt when it is not one.
struct Dimension {
  double value;
  std::string unit;
};
std::optional<Dimension> ParseDimension(std::string_view v) {
  v = Trim(v);
  if (v.empty() || v.size() > 24) return std::nullopt;
  std::string s(v);
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(d)) return std::nullopt;
  return Dimension{d, std::string(end)};
}

/// A length in px; `em_px` is what 1em is, `percent_of` what 100% is (nullopt: % is unknown).
std::optional<double> LengthPx(std::string_view v, double em_px, std::optional<double> percent_of) {
  const auto d = ParseDimension(v);
  if (!d) return std::nullopt;
  // A bare number is px: mail is mostly rendered in quirks mode, where browsers read it so.
  if (d->unit.empty() || d->unit == "px") return d->value;
  if (d->unit == "pt") return d->value * 4 / 3;
  if (d->unit == "em") return d->value * em_px;
  if (d->unit == "rem") return d->value * 16;
  if (d->unit == "%") return percent_of ? std::optional(d->value * *percent_of / 100) : std::nullopt;
  if (d->unit == "vw" || d->unit == "vh") return d->value * 8;  // a small screen: any size but 0 is some size
  return std::nullopt;
}

bool IsZeroLength(std::string_view v) {
  const auto d = ParseDimension(v);
  return d && d->value == 0;
}

/// A font-size value in px given the parent's; nullopt when unknown (the size is then inherited).
std::optional<double> FontSizePx(std::string_view v, double parent_px) {
  struct Keyword {
    const char* name;
    double px;
  };
  static const Keyword kKeywords[] = {{"xx-small", 9}, {"x-small", 10}, {"small", 13},    {"medium", 16},
                                      {"large", 18},   {"x-large", 24}, {"xx-large", 32}, {"xxx-large", 48}};
  for (const Keyword& k : kKeywords)
    if (v == k.name) return k.px;
  if (v == "smaller") return parent_px / 1.2;
  if (v == "larger") return parent_px * 1.2;
  return LengthPx(v, parent_px, parent_px);
}

/// The font size inside the `font` shorthand ("bold 12px/1.5 Arial", "0/0 a"): the first word
/// that is a size, before any "/line-height".
std::optional<double> FontShorthandPx(std::string_view v, double parent_px) {
  while (!v.empty()) {
    v = Trim(v);
    size_t end = v.find(' ');
    std::string_view word = v.substr(0, end);
    if (const size_t slash = word.find('/'); slash != std::string_view::npos) word = word.substr(0, slash);
    if (auto px = FontSizePx(word, parent_px)) return px;
    if (end == std::string_view::npos) break;
    v.remove_prefix(end);
  }
  return std::nullopt;
}

std::optional<double> Opacity(std::string_view v) {
  const auto d = ParseDimension(v);
  if (!d || (!d->unit.empty() && d->unit != "%")) return std::nullopt;
  return std::clamp(d->unit == "%" ? d->value / 100 : d->value, 0.0, 1.0);
}

/// The element's own declarations, the later overriding the earlier.
struct Declared {
  std::string display, visibility, font_size, font, opacity, color, background, background_color, background_image;
  std::string position, left, top, right, bottom, text_indent, overflow, height, max_height, width, max_width;
  std::string clip, clip_path, transform;

  void Apply(const CssDeclarations& list) {
    for (const auto& [property, value] : list) {
      std::string* field = Field(property);
      if (field != nullptr) *field = value;
      // The shorthand resets the longhands it covers.
      if (property == "background") background_color.clear(), background_image.clear();
      if (property == "font") font_size.clear();
      if (property == "font-size") font.clear();
    }
  }

 private:
  std::string* Field(const std::string& p) {
    struct Entry {
      const char* name;
      std::string Declared::*field;
    };
    static const Entry kFields[] = {{"display", &Declared::display},
                                    {"visibility", &Declared::visibility},
                                    {"font-size", &Declared::font_size},
                                    {"font", &Declared::font},
                                    {"opacity", &Declared::opacity},
                                    {"color", &Declared::color},
                                    {"background", &Declared::background},
                                    {"background-color", &Declared::background_color},
                                    {"background-image", &Declared::background_image},
                                    {"position", &Declared::position},
                                    {"left", &Declared::left},
                                    {"top", &Declared::top},
                                    {"right", &Declared::right},
                                    {"bottom", &Declared::bottom},
                                    {"text-indent", &Declared::text_indent},
                                    {"overflow", &Declared::overflow},
                                    {"height", &Declared::height},
                                    {"max-height", &Declared::max_height},
                                    {"width", &Declared::width},
                                    {"max-width", &Declared::max_width},
                                    {"clip", &Declared::clip},
                                    {"clip-path", &Declared::clip_path},
                                    {"transform", &Declared::transform}};
    for (const Entry& e : kFields)
      if (p == e.name) return &(this->*e.field);
    return nullptr;
  }
};

/// The background a `background` shorthand paints: a colour, "transparent" (the parent's shows
/// through: nullopt inside the optional), or unknown (an image or gradient: outer nullopt).
std::optional<std::optional<CssColor>> ShorthandBackground(std::string_view v) {
  if (v.find("url(") != std::string_view::npos || v.find("gradient(") != std::string_view::npos) return std::nullopt;
  if (v == "none" || v == "transparent" || v == "inherit" || v == "initial" || v == "unset")
    return std::optional<CssColor>();
  if (auto c = ParseCssColor(v)) return std::optional<CssColor>(c);
  // The colour among other words ("#fff no-repeat"); a function colour has no blank before "(".
  size_t start = 0;
  while (start < v.size()) {
    size_t end = v.find(' ', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view word = v.substr(start, end - start);
    if (word.find('(') != std::string_view::npos) word = v.substr(start, v.find(')', start) - start + 1);
    if (auto c = ParseCssColor(word)) return std::optional<CssColor>(c);
    start = std::max(end, start + word.size()) + 1;
  }
  return std::optional<CssColor>();  // only positions and repeats: no colour of its own
}

bool ClippedAway(const Declared& d) {
  if (!d.clip_path.empty()) {
    if (d.clip_path.rfind("inset(", 0) == 0) {
      const auto inset = ParseDimension(d.clip_path.substr(6));
      if (inset && inset->unit.rfind('%', 0) == 0 && inset->value >= 50) return true;
    }
    if (d.clip_path == "circle(0)" || d.clip_path == "circle(0px)" || d.clip_path == "circle(0%)") return true;
  }
  if (d.clip.rfind("rect(", 0) == 0 && (d.position == "absolute" || d.position == "fixed")) {
    // rect(0 0 0 0), rect(1px, 1px, 1px, 1px): nothing (or one pixel) of the box is drawn.
    std::string inner = d.clip.substr(5);
    for (char& c : inner)
      if (c == ',' || c == ')') c = ' ';
    std::string_view rest = inner;
    int values = 0;
    bool tiny = true;
    while (!(rest = Trim(rest)).empty()) {
      const size_t end = rest.find(' ');
      const auto px = LengthPx(rest.substr(0, end), 16, std::nullopt);
      tiny = tiny && px && std::fabs(*px) <= 1;
      ++values;
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end);
    }
    if (values == 4 && tiny) return true;
  }
  return false;
}

/// Not drawn at all: display:none, off-screen, clipped, collapsed or scaled to nothing.
bool Removed(const Declared& d, double font_px) {
  if (d.display == "none") return true;
  if (d.position == "absolute" || d.position == "fixed") {
    for (const std::string* offset : {&d.left, &d.top, &d.right, &d.bottom})
      if (auto px = LengthPx(*offset, font_px, std::nullopt); px && *px <= kOffScreenPx) return true;
  }
  if (auto px = LengthPx(d.text_indent, font_px, std::nullopt); px && *px <= kOffScreenPx) return true;
  if (d.overflow.rfind("hidden", 0) == 0 || d.overflow.rfind("clip", 0) == 0) {
    for (const std::string* size : {&d.height, &d.max_height, &d.width, &d.max_width})
      if (IsZeroLength(*size)) return true;
  }
  if (ClippedAway(d)) return true;
  if (d.transform.rfind("scale(", 0) == 0) {
    const auto scale = ParseDimension(d.transform.substr(6));  // a zero first factor: no width left
    if (scale && scale->value == 0) return true;
  }
  return false;
}

}  // namespace

bool Visibility::Hidden(bool colors_reliable) const {
  if (removed || !visible || font_px < kMinFontPx || opacity < kMinOpacity) return true;
  if (color && color->alpha < kMinOpacity) return true;
  if (colors_reliable && color && background && color->alpha >= 1 && ContrastRatio(*color, *background) < kMinContrast)
    return true;
  return false;
}

Visibility ChildVisibility(const Visibility& parent, std::string_view tag, const ElementAttributes& a,
                           const StyleSheet& sheet) {
  Visibility v = parent;
  if (a.hidden) v.removed = true;
  // Browsers draw links in their own colour, not the inherited one (white text around a link
  // does not make the link white).
  if (tag == "a") v.color = CssColor{0, 0, 0xee, 1};
  // Presentational attributes first: CSS overrides them.
  if (!a.bgcolor.empty()) {
    if (auto c = ParseCssColor(a.bgcolor)) v.background = c;
  }
  if (a.background_image) v.background.reset();
  if (!a.color.empty() || !a.text.empty()) {
    if (auto c = ParseCssColor(a.color.empty() ? a.text : a.color)) v.color = c;
  }
  Declared d;
  d.Apply(sheet.Match(tag, a.classes, a.id));
  if (!a.style.empty()) {
    CssDeclarations inline_style;
    ParseCssDeclarations(a.style, &inline_style);
    d.Apply(inline_style);
  }
  if (d.visibility == "hidden" || d.visibility == "collapse") v.visible = false;
  else if (d.visibility == "visible") v.visible = true;
  if (!d.font_size.empty()) v.font_px = FontSizePx(d.font_size, parent.font_px).value_or(v.font_px);
  else if (!d.font.empty()) v.font_px = FontShorthandPx(d.font, parent.font_px).value_or(v.font_px);
  if (auto o = Opacity(d.opacity)) v.opacity *= *o;
  if (d.color == "inherit") v.color = parent.color;
  else if (!d.color.empty()) v.color = ParseCssColor(d.color);  // unknown ones: nullopt
  if (!d.background.empty()) {
    if (auto bg = ShorthandBackground(d.background)) {
      if (*bg) v.background = **bg;
    } else {
      v.background.reset();
    }
  }
  if (!d.background_color.empty() && d.background_color != "transparent" && d.background_color != "inherit")
    v.background = ParseCssColor(d.background_color);
  if (!d.background_image.empty() && d.background_image != "none") v.background.reset();
  // A half-transparent background mixes with what is behind it: treat it as unknown.
  if (v.background && v.background->alpha < 1) v.background.reset();
  if (Removed(d, v.font_px)) v.removed = true;
  return v;
}

}  // namespace mail_mcp
