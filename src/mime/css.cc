#include "mime/css.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// `s` without CSS comments ("/* ... */"), which may sit anywhere.
std::string WithoutComments(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const size_t end = s.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
      out.push_back(' ');
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

/// Declaration properties that can make text invisible; the others are dropped when parsing.
bool Relevant(std::string_view property) {
  static const char* const kProperties[] = {
      "display",          "visibility", "font-size",  "opacity", "color",     "background", "background-color",
      "background-image", "position",   "left",       "top",     "right",     "bottom",     "text-indent",
      "overflow",         "height",     "max-height", "width",   "max-width", "clip",       "clip-path",
      "transform",        "font"};
  for (const char* p : kProperties)
    if (property == p) return true;
  return false;
}

struct Named {
  const char* name;
  uint32_t rgb;
};
// CSS named colours: the basic sixteen and the near-white and near-black ones text is hidden with.
constexpr Named kNamedColors[] = {
    {"aliceblue", 0xf0f8ff},  {"antiquewhite", 0xfaebd7}, {"aqua", 0x00ffff},          {"azure", 0xf0ffff},
    {"beige", 0xf5f5dc},      {"bisque", 0xffe4c4},       {"black", 0x000000},         {"blue", 0x0000ff},
    {"cornsilk", 0xfff8dc},   {"cyan", 0x00ffff},         {"darkblue", 0x00008b},      {"darkgray", 0xa9a9a9},
    {"darkgreen", 0x006400},  {"darkgrey", 0xa9a9a9},     {"darkred", 0x8b0000},       {"darkslategray", 0x2f4f4f},
    {"dimgray", 0x696969},    {"floralwhite", 0xfffaf0},  {"fuchsia", 0xff00ff},       {"gainsboro", 0xdcdcdc},
    {"ghostwhite", 0xf8f8ff}, {"gray", 0x808080},         {"green", 0x008000},         {"grey", 0x808080},
    {"honeydew", 0xf0fff0},   {"ivory", 0xfffff0},        {"lavenderblush", 0xfff0f5}, {"lightgray", 0xd3d3d3},
    {"lightgrey", 0xd3d3d3},  {"lightyellow", 0xffffe0},  {"lime", 0x00ff00},          {"linen", 0xfaf0e6},
    {"magenta", 0xff00ff},    {"maroon", 0x800000},       {"midnightblue", 0x191970},  {"mintcream", 0xf5fffa},
    {"mistyrose", 0xffe4e1},  {"navy", 0x000080},         {"oldlace", 0xfdf5e6},       {"olive", 0x808000},
    {"orange", 0xffa500},     {"purple", 0x800080},       {"red", 0xff0000},           {"seashell", 0xfff5ee},
    {"silver", 0xc0c0c0},     {"snow", 0xfffafa},         {"teal", 0x008080},          {"white", 0xffffff},
    {"whitesmoke", 0xf5f5f5}, {"yellow", 0xffff00},
};

std::optional<CssColor> HexColor(std::string_view hex) {
  for (char c : hex)
    if (!IsAsciiHexDigit(c)) return std::nullopt;
  auto nibble = [&](size_t i) { return HexDigitValue(hex[i]); };
  CssColor c;
  if (hex.size() == 3 || hex.size() == 4) {
    c.r = uint8_t(nibble(0) * 17), c.g = uint8_t(nibble(1) * 17), c.b = uint8_t(nibble(2) * 17);
    if (hex.size() == 4) c.alpha = nibble(3) / 15.0;
    return c;
  }
  if (hex.size() == 6 || hex.size() == 8) {
    c.r = uint8_t(nibble(0) * 16 + nibble(1)), c.g = uint8_t(nibble(2) * 16 + nibble(3));
    c.b = uint8_t(nibble(4) * 16 + nibble(5));
    if (hex.size() == 8) c.alpha = (nibble(6) * 16 + nibble(7)) / 255.0;
    return c;
  }
  return std::nullopt;
}

/// One rgb()/rgba() argument: "12", "50%", "0.5" (alpha); nullopt when it is none of them.
std::optional<double> Channel(std::string_view v, double scale_of_percent) {
  v = Trim(v);
  if (v.empty() || v.size() > 16) return std::nullopt;
  const bool percent = v.back() == '%';
  if (percent) v.remove_suffix(1);
  std::string s(v);
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return percent ? d * scale_of_percent / 100 : d;
}

std::optional<CssColor> FunctionColor(std::string_view v) {
  const size_t open = v.find('('), close = v.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  // Both the comma form "rgb(1, 2, 3)" and the space form "rgb(1 2 3 / 50%)".
  std::string args(v.substr(open + 1, close - open - 1));
  std::replace(args.begin(), args.end(), ',', ' ');
  std::replace(args.begin(), args.end(), '/', ' ');
  std::vector<std::string_view> parts;
  std::string_view rest = args;
  while (!rest.empty()) {
    rest = Trim(rest);
    const size_t space = rest.find(' ');
    if (!rest.empty()) parts.push_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space);
  }
  if (parts.size() != 3 && parts.size() != 4) return std::nullopt;
  CssColor c;
  double channel[3];
  for (int i = 0; i < 3; ++i) {
    auto ch = Channel(parts[size_t(i)], 255);
    if (!ch) return std::nullopt;
    channel[i] = std::clamp(*ch, 0.0, 255.0);
  }
  c.r = uint8_t(std::lround(channel[0])), c.g = uint8_t(std::lround(channel[1])),
  c.b = uint8_t(std::lround(channel[2]));
  if (parts.size() == 4) {
    auto a = Channel(parts[3], 1);
    if (!a) return std::nullopt;
    c.alpha = std::clamp(*a, 0.0, 1.0);
  }
  return c;
}

double Luminance(const CssColor& c) {
  auto linear = [](uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

bool IsIdentChar(char c) { return IsAsciiAlnum(c) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

void ParseCssDeclarations(std::string_view block, CssDeclarations* out) {
  const std::string text = WithoutComments(block);
  std::string_view rest = text;
  while (!rest.empty() && out->size() < 256) {
    const size_t semi = rest.find(';');
    std::string_view decl = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = ToLowerAscii(Trim(decl.substr(0, colon)));
    if (!Relevant(name)) continue;
    std::string_view value = Trim(decl.substr(colon + 1));
    if (const size_t bang = value.find('!'); bang != std::string_view::npos) value = Trim(value.substr(0, bang));
    out->emplace_back(std::move(name), ToLowerAscii(value));
  }
}

std::optional<CssColor> ParseCssColor(std::string_view value) {
  value = Trim(value);
  if (value.empty() || value.size() > 64) return std::nullopt;
  const std::string v = ToLowerAscii(value);
  if (v == "transparent") return CssColor{0, 0, 0, 0};
  if (v[0] == '#') return HexColor(std::string_view(v).substr(1));
  if (v.rfind("rgb(", 0) == 0 || v.rfind("rgba(", 0) == 0) return FunctionColor(v);
  for (const Named& n : kNamedColors)
    if (v == n.name) return CssColor{uint8_t(n.rgb >> 16), uint8_t(n.rgb >> 8), uint8_t(n.rgb), 1};
  // Old HTML attributes also take bare hex digits ("bgcolor=ffffff").
  if (v.size() == 6) return HexColor(v);
  return std::nullopt;
}

double ContrastRatio(const CssColor& a, const CssColor& b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void StyleSheet::Add(std::string_view css) {
  const std::string text = WithoutComments(css);
  size_t i = 0;
  while (i < text.size() && rules_.size() < kMaxCssRules) {
    const size_t open = text.find('{', i);
    if (open == std::string::npos) return;
    std::string_view prelude = Trim(std::string_view(text).substr(i, open - i));
    // Skip anything before the last ';' or '}' that is not part of this prelude (stray tokens).
    if (const size_t cut = prelude.find_last_of(";}"); cut != std::string_view::npos)
      prelude = Trim(prelude.substr(cut + 1));
    size_t close = open + 1;
    if (!prelude.empty() && prelude[0] == '@') {
      // An @-block: skip it whole, nested blocks included (@media applies only on some screens).
      int depth = 1;
      while (close < text.size() && depth > 0) {
        if (text[close] == '{') ++depth;
        else if (text[close] == '}') --depth;
        ++close;
      }
      i = close;
      continue;
    }
    const size_t end = text.find('}', open + 1);
    const std::string_view block =
        std::string_view(text).substr(open + 1, (end == std::string::npos ? text.size() : end) - open - 1);
    AddRule(prelude, block);
    i = end == std::string::npos ? text.size() : end + 1;
  }
}

void StyleSheet::AddRule(std::string_view selectors, std::string_view block) {
  CssDeclarations declarations;
  ParseCssDeclarations(block, &declarations);
  if (declarations.empty()) return;
  while (!selectors.empty() && rules_.size() < kMaxCssRules) {
    const size_t comma = selectors.find(',');
    const std::string_view selector = Trim(selectors.substr(0, comma));
    selectors = comma == std::string_view::npos ? std::string_view() : selectors.substr(comma + 1);
    // A compound selector of one tag, classes and one id, nothing else.
    Rule rule;
    bool simple = !selector.empty();
    size_t k = 0;
    while (simple && k < selector.size()) {
      const char kind = selector[k];
      if (kind == '.' || kind == '#') ++k;
      const size_t start = k;
      while (k < selector.size() && IsIdentChar(selector[k])) ++k;
      const std::string name = ToLowerAscii(selector.substr(start, k - start));
      if (name.empty() || (kind != '.' && kind != '#' && start != 0)) {
        simple = false;
      } else if (kind == '.') {
        rule.classes.push_back(name);
        rule.specificity += 10;
      } else if (kind == '#') {
        rule.id = name;
        rule.specificity += 100;
      } else {
        rule.tag = name;
        rule.specificity += 1;
      }
    }
    if (!simple || selector == "*") {
      for (const auto& [property, value] : declarations)
        if (property == "color" || property.rfind("background", 0) == 0) colors_reliable_ = false;
      continue;
    }
    rule.declarations = declarations;
    const std::string key = !rule.id.empty() ? "#" + rule.id : !rule.classes.empty() ? "." + rule.classes[0] : rule.tag;
    index_[key].push_back(rules_.size());
    rules_.push_back(std::move(rule));
  }
}

CssDeclarations StyleSheet::Match(std::string_view tag, const std::vector<std::string>& classes,
                                  std::string_view id) const {
  if (rules_.empty()) return {};
  std::vector<size_t> candidates;
  auto add = [&](const std::string& key) {
    if (auto it = index_.find(key); it != index_.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  };
  add(std::string(tag));
  if (!id.empty()) add("#" + std::string(id));
  for (const std::string& c : classes) add("." + c);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<const Rule*> matched;
  for (size_t i : candidates) {
    const Rule& r = rules_[i];
    if (!r.tag.empty() && r.tag != tag) continue;
    if (!r.id.empty() && r.id != id) continue;
    bool all = true;
    for (const std::string& c : r.classes) all = all && std::find(classes.begin(), classes.end(), c) != classes.end();
    if (all) matched.push_back(&r);
  }
  // Candidates are in source order; a stable sort by specificity keeps it among equals.
  std::stable_sort(matched.begin(), matched.end(),
                   [](const Rule* a, const Rule* b) { return a->specificity < b->specificity; });
  CssDeclarations out;
  for (const Rule* r : matched) out.insert(out.end(), r->declarations.begin(), r->declarations.end());
  return out;
}

}  // namespace mail_mcp
