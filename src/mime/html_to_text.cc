#include "mime/html_to_text.h"

#include <algorithm>

#include "mime/charset.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// Nesting shown in the output beyond this is flattened, so "> " prefixes stay bounded.
constexpr int kMaxShownNesting = 8;

/// HTML's ASCII whitespace (the living standard's definition: form feed included).
constexpr std::string_view kHtmlWhitespace = " \t\n\r\f";
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

struct Entity {
  const char* name;
  char32_t cp;
};
// Sorted by name (byte order) for binary search. U+0000 means "emit nothing" (soft hyphen and
// zero-width joiners, which only steer rendering).
constexpr Entity kEntities[] = {
    {"AElig", 0xc6},   {"Aacute", 0xc1},   {"Acirc", 0xc2},   {"Agrave", 0xc0},   {"Aring", 0xc5},
    {"Atilde", 0xc3},  {"Auml", 0xc4},     {"Ccedil", 0xc7},  {"Eacute", 0xc9},   {"Ecirc", 0xca},
    {"Egrave", 0xc8},  {"Euml", 0xcb},     {"Iacute", 0xcd},  {"Ntilde", 0xd1},   {"Oacute", 0xd3},
    {"Ocirc", 0xd4},   {"Ograve", 0xd2},   {"Oslash", 0xd8},  {"Otilde", 0xd5},   {"Ouml", 0xd6},
    {"Uacute", 0xda},  {"Ucirc", 0xdb},    {"Ugrave", 0xd9},  {"Uuml", 0xdc},     {"aacute", 0xe1},
    {"acirc", 0xe2},   {"acute", 0xb4},    {"aelig", 0xe6},   {"agrave", 0xe0},   {"amp", '&'},
    {"apos", '\''},    {"aring", 0xe5},    {"atilde", 0xe3},  {"auml", 0xe4},     {"bdquo", 0x201e},
    {"brvbar", 0xa6},  {"bull", 0x2022},   {"ccedil", 0xe7},  {"cedil", 0xb8},    {"cent", 0xa2},
    {"check", 0x2713}, {"copy", 0xa9},     {"curren", 0xa4},  {"dagger", 0x2020}, {"darr", 0x2193},
    {"deg", 0xb0},     {"divide", 0xf7},   {"eacute", 0xe9},  {"ecirc", 0xea},    {"egrave", 0xe8},
    {"emsp", ' '},     {"ensp", ' '},      {"eth", 0xf0},     {"euml", 0xeb},     {"euro", 0x20ac},
    {"frac12", 0xbd},  {"frac14", 0xbc},   {"frac34", 0xbe},  {"ge", 0x2265},     {"gt", '>'},
    {"harr", 0x2194},  {"hellip", 0x2026}, {"iacute", 0xed},  {"icirc", 0xee},    {"iexcl", 0xa1},
    {"igrave", 0xec},  {"infin", 0x221e},  {"iquest", 0xbf},  {"iuml", 0xef},     {"laquo", 0xab},
    {"larr", 0x2190},  {"ldquo", 0x201c},  {"le", 0x2264},    {"lrm", 0},         {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", '<'},        {"macr", 0xaf},    {"mdash", 0x2014},  {"micro", 0xb5},
    {"middot", 0xb7},  {"nbsp", ' '},      {"ndash", 0x2013}, {"ne", 0x2260},     {"not", 0xac},
    {"ntilde", 0xf1},  {"oacute", 0xf3},   {"ocirc", 0xf4},   {"oelig", 0x153},   {"ograve", 0xf2},
    {"ordf", 0xaa},    {"ordm", 0xba},     {"oslash", 0xf8},  {"otilde", 0xf5},   {"ouml", 0xf6},
    {"para", 0xb6},    {"permil", 0x2030}, {"plusmn", 0xb1},  {"pound", 0xa3},    {"prime", 0x2032},
    {"quot", '"'},     {"raquo", 0xbb},    {"rarr", 0x2192},  {"rdquo", 0x201d},  {"reg", 0xae},
    {"rlm", 0},        {"rsaquo", 0x203a}, {"rsquo", 0x2019}, {"sbquo", 0x201a},  {"sect", 0xa7},
    {"shy", 0},        {"sup1", 0xb9},     {"sup2", 0xb2},    {"sup3", 0xb3},     {"szlig", 0xdf},
    {"thinsp", ' '},   {"thorn", 0xfe},    {"times", 0xd7},   {"trade", 0x2122},  {"uacute", 0xfa},
    {"uarr", 0x2191},  {"ucirc", 0xfb},    {"ugrave", 0xf9},  {"uml", 0xa8},      {"uuml", 0xfc},
    {"yacute", 0xfd},  {"yen", 0xa5},      {"yuml", 0xff},    {"zwj", 0},         {"zwnj", 0},
};

const Entity* FindEntity(std::string_view name) {
  const Entity* end = kEntities + sizeof(kEntities) / sizeof(kEntities[0]);
  const Entity* it = std::lower_bound(kEntities, end, name,
                                      [](const Entity& e, std::string_view n) { return std::string_view(e.name) < n; });
  return (it != end && std::string_view(it->name) == name) ? it : nullptr;
}

/// Decodes the reference at text[i] == '&' into `out`; returns the bytes consumed, or 0 when it
/// is not a reference (the '&' is then literal).
size_t DecodeReference(std::string_view text, size_t i, std::string* out) {
  size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    const size_t digits_start = j;
    char32_t cp = 0;
    while (j < text.size() && (hex ? IsAsciiHexDigit(text[j]) : IsAsciiDigit(text[j]))) {
      const int v = HexDigitValue(text[j]);
      if (cp <= 0x10ffff) cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      ++j;
    }
    if (j == digits_start) return 0;
    if (j < text.size() && text[j] == ';') ++j;
    if (cp >= 0x80 && cp < 0xa0) cp = Windows1252CodePoint(static_cast<unsigned char>(cp));
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    AppendUtf8(cp, out);
    return j - i;
  }
  while (j < text.size() && j - i <= 8 && (IsAsciiAlpha(text[j]) || IsAsciiDigit(text[j]))) ++j;
  const std::string_view name = text.substr(i + 1, j - i - 1);
  const Entity* e = FindEntity(name);
  if (e == nullptr) return 0;
  const bool semicolon = j < text.size() && text[j] == ';';
  // Without ';' only the few legacy references browsers also accept bare.
  if (!semicolon && name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "nbsp" &&
      name != "copy" && name != "reg")
    return 0;
  if (e->cp != 0) AppendUtf8(e->cp, out);
  return j - i + (semicolon ? 1 : 0);
}

bool IsBlockTag(std::string_view t) {
  static const char* const kBlocks[] = {"address", "article", "aside", "caption",  "center",     "dd",      "details",
                                        "div",     "dl",      "dt",    "fieldset", "figcaption", "figure",  "footer",
                                        "form",    "header",  "main",  "nav",      "section",    "summary", "tr",
                                        "table",   "thead",   "tbody", "tfoot"};
  for (const char* b : kBlocks)
    if (t == b) return true;
  return false;
}

bool IsParagraphTag(std::string_view t) {
  return t == "p" || t == "hr" || (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6');
}

class Converter {
 public:
  std::string Run(std::string_view html) {
    size_t i = 0;
    while (i < html.size()) {
      const size_t lt = html.find('<', i);
      Text(html.substr(i, (lt == std::string_view::npos ? html.size() : lt) - i));
      if (lt == std::string_view::npos) break;
      i = Markup(html, lt);
    }
    EndLink();
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    return IsValidUtf8(out_) ? out_ : ToValidUtf8(out_);
  }

 private:
  /// Character data, with references decoded and whitespace collapsed (kept inside <pre>).
  void Text(std::string_view raw) { Emit(DecodeHtmlEntities(raw)); }

  void Emit(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const unsigned char u = static_cast<unsigned char>(c);
      // U+00A0 no-break space counts as a space; zero-width characters (U+200B..U+200D, U+FEFF,
      // U+034F), used to pad preview text, are dropped.
      if (u == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xa0) {
        ++i;
        Space();
        continue;
      }
      if (u == 0xcd && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x8f) {
        ++i;
        continue;
      }
      if (u == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          static_cast<unsigned char>(s[i + 2]) >= 0x8b && static_cast<unsigned char>(s[i + 2]) <= 0x8d) {
        i += 2;
        continue;
      }
      if (u == 0xef && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xbb &&
          static_cast<unsigned char>(s[i + 2]) == 0xbf) {
        i += 2;
        continue;
      }
      if (pre_ > 0 && c == '\n') {
        pending_newlines_ = std::min(pending_newlines_ + 1, 2);
        if (out_.empty()) pending_newlines_ = 0;
        continue;
      }
      if (pre_ > 0 && c == '\r') continue;
      if (pre_ > 0 && (c == ' ' || c == '\t')) {
        Char(' ', /*literal_space=*/true);
        continue;
      }
      if (IsSpace(c) || u < 0x20) {
        Space();
        continue;
      }
      Char(c, false);
    }
  }

  void Space() { pending_space_ = true; }

  void Block(int newlines) { pending_newlines_ = std::max(pending_newlines_, newlines); }

  void LineBreak() { pending_newlines_ = std::min(pending_newlines_ + 1, 2); }

  void Char(char c, bool literal_space) {
    const int quote = std::min(quote_depth_, kMaxShownNesting);
    if (pending_newlines_ > 0 && !out_.empty()) {
      // A blank line between quoted lines is quoted too; one at the edge of a quote is not.
      const int blank_quote = std::min(line_quote_, quote);
      for (int k = 0; k < pending_newlines_; ++k) {
        if (k > 0 && blank_quote > 0) out_.append(static_cast<size_t>(blank_quote), '>');
        out_.push_back('\n');
      }
      at_line_start_ = true;
    }
    pending_newlines_ = 0;
    if (at_line_start_) {
      for (int k = 0; k < quote; ++k) out_ += "> ";
      line_quote_ = quote;
      if (pending_bullet_) {
        const int indent = std::min(std::max(list_depth_, 1), kMaxShownNesting) - 1;
        out_.append(static_cast<size_t>(2 * indent), ' ');
        out_ += "- ";
        pending_bullet_ = false;
      }
      at_line_start_ = false;
      pending_space_ = false;
      if (c == ' ' && !literal_space) return;
    } else if (pending_space_) {
      out_.push_back(' ');
      pending_space_ = false;
    }
    out_.push_back(c);
  }

  /// Handles markup starting at html[lt] == '<'; returns the position after it.
  size_t Markup(std::string_view html, size_t lt) {
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      return end == std::string_view::npos ? html.size() : end + 3;
    }
    const size_t next = lt + 1;
    if (next < html.size() && (html[next] == '!' || html[next] == '?')) {
      const size_t end = html.find('>', next);
      return end == std::string_view::npos ? html.size() : end + 1;
    }
    const bool closing = next < html.size() && html[next] == '/';
    size_t i = closing ? next + 1 : next;
    if (i >= html.size() || !IsAsciiAlpha(html[i])) {
      Emit("<");  // a lone '<' in text
      return next;
    }
    std::string name;
    while (i < html.size() && (IsAsciiAlpha(html[i]) || IsAsciiDigit(html[i]) || html[i] == '-' || html[i] == ':')) {
      if (name.size() < 16) name.push_back(ToLowerAscii(html[i]));
      ++i;
    }
    std::string href, alt;
    bool has_href = false;
    // Attributes: name[=value], value quoted with ' or " or bare.
    while (i < html.size() && html[i] != '>') {
      if (IsSpace(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      const size_t name_start = i;
      while (i < html.size() && !IsSpace(html[i]) && html[i] != '=' && html[i] != '>' && html[i] != '/') ++i;
      std::string attr;
      for (size_t k = name_start; k < i && k - name_start < 16; ++k) attr.push_back(ToLowerAscii(html[k]));
      while (i < html.size() && IsSpace(html[i])) ++i;
      if (i >= html.size() || html[i] != '=') continue;
      ++i;
      while (i < html.size() && IsSpace(html[i])) ++i;
      size_t vstart = i, vend;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        const size_t close = html.find(html[i], i + 1);
        vstart = i + 1;
        vend = close == std::string_view::npos ? html.size() : close;
        i = close == std::string_view::npos ? html.size() : close + 1;
      } else {
        while (i < html.size() && !IsSpace(html[i]) && html[i] != '>') ++i;
        vend = i;
      }
      if (attr == "href") {
        href = DecodeHtmlEntities(html.substr(vstart, vend - vstart));
        has_href = true;
      } else if (attr == "alt") {
        alt = DecodeHtmlEntities(html.substr(vstart, vend - vstart));
      }
    }
    if (i >= html.size()) return html.size();  // a tag cut off by the end: dropped, as browsers do
    const size_t after = i + 1;
    if (!closing && (name == "script" || name == "style" || name == "title" || name == "textarea"))
      return SkipRawText(html, after, name);
    Tag(name, closing, has_href ? &href : nullptr, alt);
    return after;
  }

  /// Skips the contents of a raw-text element up to and including its end tag (or to the end).
  size_t SkipRawText(std::string_view html, size_t pos, const std::string& name) {
    while (true) {
      const size_t p = html.find("</", pos);
      if (p == std::string_view::npos) return html.size();
      if (StartsWithIgnoreCase(html.substr(p + 2), name)) {
        const size_t gt = html.find('>', p + 2);
        return gt == std::string_view::npos ? html.size() : gt + 1;
      }
      pos = p + 2;
    }
  }

  void Tag(const std::string& t, bool closing, const std::string* href, const std::string& alt) {
    if (t == "br") {
      LineBreak();
    } else if (IsParagraphTag(t) || t == "blockquote" || t == "pre") {
      Block(2);
      if (t == "blockquote") quote_depth_ = std::max(0, quote_depth_ + (closing ? -1 : 1));
      if (t == "pre") pre_ = std::max(0, pre_ + (closing ? -1 : 1));
    } else if (t == "ul" || t == "ol") {
      Block(list_depth_ == 0 && !closing ? 2 : 1);
      list_depth_ = std::max(0, list_depth_ + (closing ? -1 : 1));
      if (closing && list_depth_ == 0) Block(2);
    } else if (t == "li") {
      Block(1);
      if (!closing) pending_bullet_ = true;
    } else if (IsBlockTag(t)) {
      Block(1);
    } else if (t == "td" || t == "th") {
      Space();
    } else if (t == "img") {
      if (!closing && !alt.empty()) {
        Space();
        Emit(alt);
        Space();
      }
    } else if (t == "a") {
      EndLink();
      if (!closing && href != nullptr) {
        in_link_ = true;
        link_href_ = *href;
        link_start_ = out_.size();
      }
    }
  }

  void EndLink() {
    if (!in_link_) return;
    in_link_ = false;
    const std::string_view url = Trim(link_href_, kHtmlWhitespace);
    if (url.empty() || url[0] == '#' || StartsWithIgnoreCase(url, "javascript:") || StartsWithIgnoreCase(url, "data:"))
      return;
    std::string_view text = std::string_view(out_).substr(std::min(link_start_, out_.size()));
    while (!text.empty() && (IsSpace(text.front()) || text.front() == '>' || text.front() == '-'))
      text.remove_prefix(1);
    auto same = [&](std::string_view a, std::string_view b) {
      while (!a.empty() && a.back() == '/') a.remove_suffix(1);
      while (!b.empty() && b.back() == '/') b.remove_suffix(1);
      return a == b;
    };
    std::string_view bare = url;
    for (std::string_view scheme : {"mailto:", "http://", "https://", "tel:"})
      if (StartsWithIgnoreCase(bare, scheme)) bare.remove_prefix(scheme.size());
    if (same(text, url) || same(text, bare)) return;
    Space();
    if (text.empty()) {
      Emit(url);
    } else {
      Char('(', false);
      for (char c : url)  // URLs keep their bytes, minus any whitespace or controls
        if (!IsSpace(c) && static_cast<unsigned char>(c) >= 0x20) Char(c, true);
      Char(')', false);
    }
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
  bool at_line_start_ = true;
  bool pending_bullet_ = false;
  int quote_depth_ = 0;
  int line_quote_ = 0;  // quote depth of the last line written
  int list_depth_ = 0;
  int pre_ = 0;
  bool in_link_ = false;
  std::string link_href_;
  size_t link_start_ = 0;
};

}  // namespace

std::string DecodeHtmlEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      if (const size_t n = DecodeReference(text, i, &out)) {
        i += n - 1;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

RenderedHtml RenderHtml(std::string_view html) { return {Converter().Run(html), 0}; }

std::string HtmlToText(std::string_view html) { return RenderHtml(html).text; }

}  // namespace mail_mcp
