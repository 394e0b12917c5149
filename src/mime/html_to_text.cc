#include "mime/html_to_text.h"

#include <algorithm>
#include <unordered_map>

#include "mime/charset.h"
#include "mime/css.h"
#include "mime/html_visibility.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// Nesting shown in the output beyond this is flattened, so "> " prefixes stay bounded.
constexpr int kMaxShownNesting = 8;
/// Attribute values are read up to this many bytes (a style attribute longer than this is junk).
constexpr size_t kMaxAttributeBytes = 8192;

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

bool IsVoidElement(std::string_view t) {
  static const char* const kVoid[] = {"area",  "base", "br",   "col",   "embed",  "hr",    "img",
                                      "input", "link", "meta", "param", "source", "track", "wbr"};
  for (const char* v : kVoid)
    if (t == v) return true;
  return false;
}

/// Start tags that close an open <p> (HTML's "close a p element" rule, the usual cases).
bool ClosesParagraph(std::string_view t) {
  static const char* const kTags[] = {"address", "article", "aside",    "blockquote", "center", "details", "dir",
                                      "div",     "dl",      "fieldset", "figcaption", "figure", "footer",  "form",
                                      "header",  "hr",      "li",       "main",       "menu",   "nav",     "ol",
                                      "p",       "pre",     "section",  "table",      "ul",     "dd",      "dt"};
  for (const char* c : kTags)
    if (t == c) return true;
  return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6';
}

/// The code point starting at s[i] (U+FFFD for a bad byte) and its length.
char32_t CodePointAt(std::string_view s, size_t i, size_t* length) {
  size_t pos = i;
  char32_t cp = 0xfffd;
  if (!NextUtf8CodePoint(s, &pos, &cp)) pos = i + 1;
  *length = pos - i;
  return cp;
}

/// Characters that draw nothing and join nothing: zero-width spaces and joiners (when not joining
/// two visible characters), word joiner and invisible operators, the Mongolian vowel separator, a
/// byte-order mark, the combining grapheme joiner, a soft hyphen.
bool IsInvisible(char32_t cp) {
  return cp == 0x200b || cp == 0x200c || cp == 0x200d || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x180e ||
         cp == 0xfeff || cp == 0x034f || cp == 0x00ad;
}

/// Unicode tag characters (U+E0000..U+E007F): invisible, and they spell ASCII text ("ASCII smuggling").
bool IsTagCharacter(char32_t cp) { return cp >= 0xe0000 && cp <= 0xe007f; }

/// Something a person sees: not blank, not invisible.
bool HasVisibleCharacter(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n;
    const char32_t cp = CodePointAt(s, i, &n);
    i += n;
    if (!(cp <= 0x20 || cp == 0xa0 || IsInvisible(cp) || IsTagCharacter(cp))) return true;
  }
  return false;
}

class Converter {
 public:
  VisibleText Run(std::string_view html) {
    CollectStyleSheets(html);
    size_t i = 0;
    while (i < html.size()) {
      const size_t lt = html.find('<', i);
      Text(html.substr(i, (lt == std::string_view::npos ? html.size() : lt) - i));
      if (lt == std::string_view::npos) break;
      i = Markup(html, lt);
    }
    EndLink();
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    return {IsValidUtf8(out_) ? out_ : ToValidUtf8(out_), hidden_};
  }

 private:
  struct Frame {
    std::string tag;
    Visibility visibility;
  };
  /// Bounds the element stack: deeper elements are not tracked (their end tags are then ignored).
  static constexpr size_t kMaxDepth = 512;
  /// How deep an implied end tag looks for the element it closes.
  static constexpr size_t kImpliedEndReach = 64;

  /// The rules of every <style> element, wherever it is (a rule applies to the whole document).
  void CollectStyleSheets(std::string_view html) {
    size_t pos = 0;
    while (true) {
      const size_t open = FindIgnoreCase(html, "<style", pos);
      if (open == std::string_view::npos) return;
      const size_t gt = html.find('>', open);
      if (gt == std::string_view::npos) return;
      size_t close = FindIgnoreCase(html, "</style", gt);
      if (close == std::string_view::npos) close = html.size();
      sheet_.Add(html.substr(gt + 1, close - gt - 1));
      pos = close;
    }
  }

  static size_t FindIgnoreCase(std::string_view html, std::string_view needle, size_t from) {
    while (true) {
      const size_t p = html.find('<', from);
      if (p == std::string_view::npos) return p;
      if (StartsWithIgnoreCase(html.substr(p), needle)) return p;
      from = p + 1;
    }
  }

  const Visibility& Current() const { return stack_.empty() ? root_ : stack_.back().visibility; }
  void Refresh() { hidden_now_ = Current().Hidden(sheet_.colors_reliable()); }

  /// Counts a piece of hidden text once per run: consecutive hidden elements are one piece.
  void NoteHidden(std::string_view text) {
    if (!HasVisibleCharacter(text)) return;
    if (!in_hidden_run_) ++hidden_;
    in_hidden_run_ = true;
  }

  /// Character data, with references decoded and whitespace collapsed (kept inside <pre>).
  void Text(std::string_view raw) {
    if (raw.empty()) return;
    const std::string text = DecodeHtmlEntities(raw);
    if (hidden_now_) {
      NoteHidden(text);
      // Hidden blanks still part words ("A</span> <span>B" in a font-size:0 row reads "A B").
      if (text.find_first_of(kHtmlWhitespace) != std::string::npos) Space();
      return;
    }
    Emit(text);
  }

  void Push(const std::string& tag, const Visibility& v) {
    if (stack_.size() >= kMaxDepth) {
      ++untracked_;
      return;
    }
    stack_.push_back({tag, v});
    ++open_[tag];
    Refresh();
  }

  /// Closes the open elements from index `k` up.
  void PopFrom(size_t k) {
    for (size_t j = k; j < stack_.size(); ++j) --open_[stack_[j].tag];
    stack_.resize(k);
    Refresh();
  }

  bool IsOpen(std::string_view tag) const {
    auto it = open_.find(std::string(tag));
    return it != open_.end() && it->second > 0;
  }

  /// Pops up to and including the innermost open element named in `names`, unless an element
  /// named in `boundaries` is found first. False when nothing was popped.
  /// Looks at most kImpliedEndReach elements deep, and only when such an element is open at all,
  /// so hostile markup cannot make every start tag walk the whole stack.
  bool PopTo(std::initializer_list<std::string_view> names, std::initializer_list<std::string_view> boundaries) {
    bool any = false;
    for (std::string_view n : names) any = any || IsOpen(n);
    if (!any) return false;
    for (size_t k = stack_.size(), seen = 0; k-- > 0 && seen < kImpliedEndReach; ++seen) {
      const std::string& t = stack_[k].tag;
      for (std::string_view n : names)
        if (t == n) {
          PopFrom(k);
          return true;
        }
      for (std::string_view b : boundaries)
        if (t == b) return false;
    }
    return false;
  }

  /// The end tags HTML implies when `tag` starts (an unclosed <p>, <li>, <td>... ends here).
  void ImpliedEnds(std::string_view tag) {
    if (ClosesParagraph(tag)) PopTo({"p"}, {"table", "td", "th", "caption", "button", "template", "li"});
    if (tag == "li") PopTo({"li"}, {"ul", "ol", "table", "td", "th"});
    if (tag == "dt" || tag == "dd") PopTo({"dt", "dd"}, {"dl", "table", "td", "th"});
    if (tag == "td" || tag == "th") PopTo({"td", "th"}, {"tr", "table"});
    if (tag == "tr") PopTo({"tr"}, {"table", "tbody", "thead", "tfoot"});
    if (tag == "tbody" || tag == "thead" || tag == "tfoot") PopTo({"tbody", "thead", "tfoot"}, {"table"});
    if (tag == "option") PopTo({"option"}, {"select"});
  }

  /// An end tag closes the innermost open element of its name and everything inside it (an end
  /// tag with no open element is ignored, as browsers ignore it). Each search ends in pops, so the
  /// work is bounded by the pushes.
  void EndTag(const std::string& tag) {
    if (untracked_ > 0) {
      --untracked_;
      return;
    }
    if (!IsOpen(tag)) return;
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k].tag == tag) return PopFrom(k);
    }
  }

  void Emit(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const char c = s[i];
      const unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80) {
        size_t n;
        const char32_t cp = CodePointAt(s, i, &n);
        if (cp == 0xa0) {  // a no-break space counts as a space
          Space();
        } else if (IsTagCharacter(cp)) {
          // Invisible, yet readable by a model: hidden content, one count per run.
          if (!in_tag_run_) ++hidden_;
          in_tag_run_ = true;
        } else if (IsInvisible(cp) && !JoinsVisible(cp, s, i + n)) {
          // Dropped: zero-width characters pad preview text and split words to dodge filters.
        } else {
          for (size_t k = 0; k < n; ++k) Char(s[i + k], false);
          last_visible_ = cp;
        }
        if (!IsTagCharacter(cp)) in_tag_run_ = false;
        i += n;
        continue;
      }
      in_tag_run_ = false;
      ++i;
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
      last_visible_ = static_cast<char32_t>(u);
    }
  }

  /// A zero-width joiner or non-joiner between two visible non-ASCII characters shapes them (emoji
  /// sequences, Persian and Indic scripts) and stays.
  bool JoinsVisible(char32_t cp, std::string_view s, size_t next) const {
    if (cp != 0x200c && cp != 0x200d) return false;
    if (last_visible_ < 0x80 || last_visible_ == 0xa0 || pending_space_ || next >= s.size()) return false;
    size_t n;
    const char32_t after = CodePointAt(s, next, &n);
    return after >= 0x80 && after != 0xa0 && !IsInvisible(after);
  }

  void Space() { pending_space_ = true; }

  void Block(int newlines) { pending_newlines_ = std::max(pending_newlines_, newlines); }

  void LineBreak() { pending_newlines_ = std::min(pending_newlines_ + 1, 2); }

  void Char(char c, bool literal_space) {
    if (c != ' ') in_hidden_run_ = false;  // visible text ends a run of hidden text
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
      const std::string_view body = html.substr(lt + 4, (end == std::string_view::npos ? html.size() : end) - lt - 4);
      // A comment is never shown; one holding words is hidden text. Outlook's conditional comments
      // ("[if mso]>...", "<![endif]") are markup for one client, not a message to the reader.
      const std::string_view trimmed = Trim(body, kHtmlWhitespace);
      if (!StartsWithIgnoreCase(trimmed, "[if") && !StartsWithIgnoreCase(trimmed, "<![endif") &&
          !StartsWithIgnoreCase(trimmed, "[endif"))
        NoteHidden(DecodeHtmlEntities(body));
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
      Text("<");  // a lone '<' in text
      return next;
    }
    std::string name;
    while (i < html.size() && (IsAsciiAlpha(html[i]) || IsAsciiDigit(html[i]) || html[i] == '-' || html[i] == ':')) {
      if (name.size() < 16) name.push_back(ToLowerAscii(html[i]));
      ++i;
    }
    std::string href, alt;
    bool has_href = false;
    ElementAttributes attributes;
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
      if (attr == "hidden") attributes.hidden = true;
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
      const std::string_view value = html.substr(vstart, std::min<size_t>(vend - vstart, kMaxAttributeBytes));
      if (attr == "href") {
        href = DecodeHtmlEntities(value);
        has_href = true;
      } else if (attr == "alt") {
        alt = DecodeHtmlEntities(value);
      } else if (attr == "style") {
        attributes.style = DecodeHtmlEntities(value);
      } else if (attr == "class") {
        std::string_view rest = value;
        while (!(rest = Trim(rest, kHtmlWhitespace)).empty() && attributes.classes.size() < 32) {
          const size_t end = rest.find_first_of(kHtmlWhitespace);
          attributes.classes.push_back(ToLowerAscii(rest.substr(0, end)));
          if (end == std::string_view::npos) break;
          rest.remove_prefix(end);
        }
      } else if (attr == "id") {
        attributes.id = ToLowerAscii(Trim(value, kHtmlWhitespace));
      } else if (attr == "bgcolor") {
        attributes.bgcolor = std::string(Trim(value, kHtmlWhitespace));
      } else if (attr == "background") {
        attributes.background_image = !Trim(value, kHtmlWhitespace).empty();
      } else if (attr == "color" && name == "font") {
        attributes.color = std::string(Trim(value, kHtmlWhitespace));
      } else if (attr == "text" && name == "body") {
        attributes.text = std::string(Trim(value, kHtmlWhitespace));
      }
    }
    if (i >= html.size()) return html.size();  // a tag cut off by the end: dropped, as browsers do
    const size_t after = i + 1;
    if (closing) {
      EndTag(name);
      Tag(name, true, nullptr, alt);
      return after;
    }
    if (name == "script" || name == "style" || name == "title" || name == "textarea")
      return SkipRawText(html, after, name).end;
    if (name == "template") {
      // A template's content is never rendered.
      const RawText skipped = SkipRawText(html, after, name);
      if (!hidden_now_) NoteHidden(skipped.text);
      return skipped.end;
    }
    ImpliedEnds(name);
    const Visibility v = ChildVisibility(Current(), name, attributes, sheet_);
    if (IsVoidElement(name)) {
      // An image is its alt text, if it is seen at all.
      if (name == "img" && !alt.empty() && v.Hidden(sheet_.colors_reliable())) {
        NoteHidden(alt);
        alt.clear();
      }
    } else {
      Push(name, v);
    }
    Tag(name, false, has_href ? &href : nullptr, alt);
    return after;
  }

  struct RawText {
    size_t end;             // after the end tag (or the end of the input)
    std::string_view text;  // the contents
  };
  /// Skips the contents of a raw-text element up to and including its end tag (or to the end).
  RawText SkipRawText(std::string_view html, size_t pos, const std::string& name) {
    const size_t start = pos;
    while (true) {
      const size_t p = html.find("</", pos);
      if (p == std::string_view::npos) return {html.size(), html.substr(start)};
      if (StartsWithIgnoreCase(html.substr(p + 2), name)) {
        const size_t gt = html.find('>', p + 2);
        return {gt == std::string_view::npos ? html.size() : gt + 1, html.substr(start, p - start)};
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
      if (!closing && href != nullptr && !hidden_now_) {
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

  StyleSheet sheet_;
  Visibility root_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, int> open_;  // open elements by tag name
  size_t untracked_ = 0;                       // elements opened past kMaxDepth
  bool hidden_now_ = false;                    // text here is not seen
  size_t hidden_ = 0;                          // hidden pieces of text left out
  bool in_hidden_run_ = false;                 // the last text met was hidden (a run counts once)
  bool in_tag_run_ = false;                    // the last character was a Unicode tag character
  char32_t last_visible_ = 0;                  // the last character written, for zero-width joiners

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

std::string HtmlMetaCharset(std::string_view html) {
  const std::string head = ToLowerAscii(html.substr(0, 1024));
  for (size_t meta = head.find("<meta"); meta != std::string::npos; meta = head.find("<meta", meta + 5)) {
    const size_t end = std::min(head.find('>', meta), head.size());
    const size_t at = head.find("charset", meta);
    if (at >= end) continue;
    size_t i = at + 7;
    while (i < end && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) ++i;
    if (i >= end || head[i] != '=') continue;
    ++i;
    while (i < end && (head[i] == ' ' || head[i] == '\t' || head[i] == '"' || head[i] == '\'')) ++i;
    size_t j = i;
    while (j < end && (IsAsciiAlnum(head[j]) || head[j] == '-' || head[j] == '_' || head[j] == '.' || head[j] == ':'))
      ++j;
    if (j > i) return std::string(html.substr(i, j - i));
  }
  return "";
}

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

VisibleText RenderHtml(std::string_view html) { return Converter().Run(html); }

std::string HtmlToText(std::string_view html) { return RenderHtml(html).text; }

VisibleText VisiblePlainText(std::string_view text) {
  VisibleText v;
  v.text.reserve(text.size());
  bool in_tags = false;
  char32_t previous = 0;
  for (size_t i = 0; i < text.size();) {
    size_t n;
    const char32_t cp = CodePointAt(text, i, &n);
    if (IsTagCharacter(cp)) {
      if (!in_tags) ++v.hidden;
      in_tags = true;
      i += n;
      continue;
    }
    in_tags = false;
    bool keep = !IsInvisible(cp);
    if (!keep && (cp == 0x200c || cp == 0x200d) && previous >= 0x80 && previous != 0xa0 && i + n < text.size()) {
      size_t m;
      const char32_t after = CodePointAt(text, i + n, &m);
      keep = after >= 0x80 && after != 0xa0 && !IsInvisible(after);  // it joins two visible characters
    }
    if (keep) {
      v.text.append(text.substr(i, n));
      previous = cp;
    }
    i += n;
  }
  return v;
}

}  // namespace mail_mcp
