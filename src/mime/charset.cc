#include "mime/charset.h"

#include <iconv.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "mime/double_byte.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr char32_t kReplacement = 0xfffd;

/// A charset we know: its canonical MIME name and the iconv names to try, best first (none for the
/// charsets mime/double_byte.h decodes itself). More than one name because glibc and musl spell
/// their supersets differently (musl has no "BIG5-HKSCS" name, its "BIG5" includes HKSCS).
struct Charset {
  const char* key;  // label reduced to lower-case letters and digits
  const char* canonical;
  const char* iconv_names[3];
};

// Labels seen in real mail, keyed by the alphanumeric part of the lower-cased label.
constexpr Charset kCharsets[] = {
    {"utf8", "utf-8", {}},
    {"unicode11utf8", "utf-8", {}},
    {"xunicode20utf8", "utf-8", {}},
    {"usascii", "us-ascii", {}},
    {"ascii", "us-ascii", {}},
    {"ansix341968", "us-ascii", {}},
    {"iso646us", "us-ascii", {}},
    {"us", "us-ascii", {}},
    {"cp367", "us-ascii", {}},
    {"latin1", "iso-8859-1", {}},
    {"l1", "iso-8859-1", {}},
    {"cp819", "iso-8859-1", {}},
    {"latin2", "iso-8859-2", {"ISO-8859-2"}},
    {"latin3", "iso-8859-3", {"ISO-8859-3"}},
    {"latin4", "iso-8859-4", {"ISO-8859-4"}},
    {"latin5", "iso-8859-9", {"ISO-8859-9"}},
    {"latin6", "iso-8859-10", {"ISO-8859-10"}},
    {"latin7", "iso-8859-13", {"ISO-8859-13"}},
    {"latin8", "iso-8859-14", {"ISO-8859-14"}},
    {"latin9", "iso-8859-15", {"ISO-8859-15"}},
    {"latin10", "iso-8859-16", {"ISO-8859-16"}},
    {"cyrillic", "iso-8859-5", {"ISO-8859-5"}},
    {"greek", "iso-8859-7", {"ISO-8859-7"}},
    {"hebrew", "iso-8859-8", {"ISO-8859-8"}},
    {"koi8r", "koi8-r", {"KOI8-R"}},
    {"koi8", "koi8-r", {"KOI8-R"}},
    {"cskoi8r", "koi8-r", {"KOI8-R"}},
    {"koi8u", "koi8-u", {"KOI8-U"}},
    {"koi8ru", "koi8-u", {"KOI8-U"}},
    {"shiftjis", "shift_jis", {}},
    {"sjis", "shift_jis", {}},
    {"xsjis", "shift_jis", {}},
    {"csshiftjis", "shift_jis", {}},
    {"mskanji", "shift_jis", {}},
    {"windows31j", "shift_jis", {}},
    {"cp932", "shift_jis", {}},
    {"ms932", "shift_jis", {}},
    {"windows932", "shift_jis", {}},
    {"xmscp932", "shift_jis", {}},
    {"xsjiscp932", "shift_jis", {}},
    {"eucjp", "euc-jp", {}},
    {"xeucjp", "euc-jp", {}},
    {"cseucpkdfmtjapanese", "euc-jp", {}},
    {"eucjpms", "euc-jp", {}},  // Microsoft's EUC-JP (code page 51932): the same rows
    {"cp51932", "euc-jp", {}},
    {"iso2022jp", "iso-2022-jp", {}},
    {"csiso2022jp", "iso-2022-jp", {}},
    {"iso2022jp2", "iso-2022-jp", {}},
    {"iso2022jp1", "iso-2022-jp", {}},
    {"csiso2022jp2", "iso-2022-jp", {}},
    {"cp50220", "iso-2022-jp", {}},  // .NET's names for ISO-2022-JP with Windows' rows
    {"cp50221", "iso-2022-jp", {}},
    {"cp50222", "iso-2022-jp", {}},
    // GB2312 mail is routinely GBK in practice; GBK is a strict superset, so decode as GBK.
    {"gb2312", "gbk", {"GBK"}},
    {"gb231280", "gbk", {"GBK"}},
    {"csgb2312", "gbk", {"GBK"}},
    {"euccn", "gbk", {"GBK"}},
    {"xeuccn", "gbk", {"GBK"}},
    {"chinese", "gbk", {"GBK"}},
    {"gbk", "gbk", {"GBK"}},
    {"xgbk", "gbk", {"GBK"}},
    {"cp936", "gbk", {"GBK"}},
    {"ms936", "gbk", {"GBK"}},
    {"windows936", "gbk", {"GBK"}},
    {"gb18030", "gb18030", {"GB18030"}},
    {"big5", "big5", {"BIG5-HKSCS", "BIG5"}},
    {"xxbig5", "big5", {"BIG5-HKSCS", "BIG5"}},
    {"cnbig5", "big5", {"BIG5-HKSCS", "BIG5"}},
    {"csbig5", "big5", {"BIG5-HKSCS", "BIG5"}},
    {"big5hkscs", "big5", {"BIG5-HKSCS", "BIG5"}},
    {"cp950", "big5", {"BIG5-HKSCS", "BIG5"}},
    // ks_c_5601-1987 is Outlook's name for what is really Windows code page 949 (UHC), a superset
    // of EUC-KR, which is how mime/double_byte.h decodes every EUC-KR label.
    {"euckr", "euc-kr", {}},
    {"cseuckr", "euc-kr", {}},
    {"ksc56011987", "euc-kr", {}},
    {"ksc5601", "euc-kr", {}},
    {"ksc56011989", "euc-kr", {}},
    {"xwindows949", "euc-kr", {}},
    {"ksx1001", "euc-kr", {}},
    {"cp949", "euc-kr", {}},
    {"uhc", "euc-kr", {}},
    {"windows949", "euc-kr", {}},
    {"korean", "euc-kr", {}},
    {"utf16", "utf-16", {"UTF-16"}},
    {"utf16le", "utf-16le", {"UTF-16LE"}},
    {"utf16be", "utf-16be", {"UTF-16BE"}},
    {"utf32", "utf-32", {"UTF-32"}},
    {"utf32le", "utf-32le", {"UTF-32LE"}},
    {"utf32be", "utf-32be", {"UTF-32BE"}},
    {"tis620", "windows-874", {"CP874", "TIS-620"}},
    {"windows874", "windows-874", {"CP874", "TIS-620"}},
    {"cp874", "windows-874", {"CP874", "TIS-620"}},
    {"cp866", "ibm866", {"CP866"}},
    {"ibm866", "ibm866", {"CP866"}},
    {"cp850", "ibm850", {"CP850"}},
    {"ibm850", "ibm850", {"CP850"}},
    {"cp437", "ibm437", {"CP437"}},
    {"ibm437", "ibm437", {"CP437"}},
    {"utf7", "utf-7", {}},                      // ours: musl has no UTF-7
    {"unicode11utf7", "utf-7", {}},             // Outlook Express
    {"macintosh", "macintosh", {"MACINTOSH"}},  // glibc only
    {"xmacroman", "macintosh", {"MACINTOSH"}},
};

const char* const kIsoNames[17] = {nullptr,       "ISO-8859-1",  "ISO-8859-2", "ISO-8859-3",  "ISO-8859-4",
                                   "ISO-8859-5",  "ISO-8859-6",  "ISO-8859-7", "ISO-8859-8",  "ISO-8859-9",
                                   "ISO-8859-10", "ISO-8859-11", nullptr,      "ISO-8859-13", "ISO-8859-14",
                                   "ISO-8859-15", "ISO-8859-16"};

/// The label lower-cased, without surrounding blanks/quotes or an RFC 2231 "*lang" suffix.
std::string CleanLabel(std::string_view label) {
  std::string out;
  for (char c : label.substr(0, 64)) {
    if (c == '*') break;
    out.push_back(ToLowerAscii(c));
  }
  return std::string(Trim(out, " \t\r\n\"'"));
}

/// ISO-8859-N from labels like "iso-8859-2", "ISO_8859-1:1987", "iso8859-8-i"; 0 if not one.
int IsoPart(const std::string& label) {
  size_t p = label.find("8859");
  if (p == std::string::npos || (p != 0 && label.compare(0, 3, "iso") != 0)) return 0;
  p += 4;
  while (p < label.size() && (label[p] == '-' || label[p] == '_' || label[p] == ' ')) ++p;
  int n = 0, digits = 0;
  while (p < label.size() && IsAsciiDigit(label[p]) && digits < 2) n = n * 10 + (label[p++] - '0'), ++digits;
  return (n >= 1 && n <= 16 && kIsoNames[n]) ? n : 0;
}

/// Windows-125N from "windows-1251", "cp1251", "x-cp1251"; 0 if not one.
int WindowsPage(const std::string& key) {
  for (const char* prefix : {"windows", "xcp", "cp"}) {
    const size_t n = std::strlen(prefix);
    if (key.size() == n + 4 && key.compare(0, n, prefix) == 0 && key.compare(n, 3, "125") == 0 &&
        IsAsciiDigit(key[n + 3]))
      return 1250 + (key[n + 3] - '0');
  }
  return 0;
}

struct Resolved {
  std::string canonical;  // "" when unknown
  const char* names[3] = {};
  std::string iso_or_windows;  // backing store for a computed iconv name
};

Resolved Resolve(std::string_view label) {
  Resolved r;
  const std::string clean = CleanLabel(label);
  std::string key;
  for (char c : clean)
    if (IsAsciiAlnum(c)) key.push_back(c);
  if (const int iso = IsoPart(clean)) {
    r.iso_or_windows = kIsoNames[iso];
    r.canonical = "iso-8859-" + std::to_string(iso);
    return r;
  }
  if (const int page = WindowsPage(key)) {
    r.canonical = "windows-" + std::to_string(page);
    r.iso_or_windows = "WINDOWS-" + std::to_string(page);
    return r;
  }
  for (const Charset& c : kCharsets) {
    if (key == c.key) {
      r.canonical = c.canonical;
      for (int i = 0; i < 3; ++i) r.names[i] = c.iconv_names[i];
      return r;
    }
  }
  return r;
}

/// How many bytes of an ill-formed UTF-8 sequence starting at bytes[pos] one U+FFFD stands for:
/// its "maximal subpart" (Unicode §3.9, as the WHATWG decoder does): the lead byte and every
/// continuation byte that could still have completed it. "\xe2\x82" then "A" is one U+FFFD and "A".
size_t IllFormedUtf8Length(std::string_view bytes, size_t pos) {
  const unsigned char lead = static_cast<unsigned char>(bytes[pos]);
  size_t need;
  unsigned char lo = 0x80, hi = 0xbf;  // the range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) need = 2, lo = lead == 0xe0 ? 0xa0 : 0x80, hi = lead == 0xed ? 0x9f : 0xbf;
  else if (lead >= 0xf0 && lead <= 0xf4) need = 3, lo = lead == 0xf0 ? 0x90 : 0x80, hi = lead == 0xf4 ? 0x8f : 0xbf;
  else return 1;
  size_t n = 1;
  for (; n <= need && pos + n < bytes.size(); ++n) {
    const unsigned char b = static_cast<unsigned char>(bytes[pos + n]);
    if (n == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf)) break;
  }
  return n;
}

/// UTF-8 with each ill-formed sequence replaced by one U+FFFD, and a leading byte-order mark dropped.
Decoded DecodeUtf8(std::string_view bytes) {
  Decoded d;
  if (bytes.substr(0, 3) == "\xef\xbb\xbf") bytes.remove_prefix(3);
  d.utf8.reserve(bytes.size());
  // Valid runs are copied whole: one append per code point cost a memcpy call per character.
  size_t pos = 0, run = 0;
  while (pos < bytes.size()) {
    char32_t cp;
    if (NextUtf8CodePoint(bytes, &pos, &cp)) continue;
    d.utf8.append(bytes.data() + run, pos - run);
    AppendUtf8(kReplacement, &d.utf8);
    d.lossy = true;
    pos += IllFormedUtf8Length(bytes, pos);
    run = pos;
  }
  d.utf8.append(bytes.data() + run, bytes.size() - run);
  return d;
}

/// UTF-7 (RFC 2152), which musl's iconv lacks: "+" opens a run of modified base64 holding UTF-16,
/// any character outside the alphabet closes it ("-" is then absorbed), "+-" is "+". A lone
/// surrogate, a cut-off character or non-zero bits left over are one U+FFFD each; 8-bit bytes are
/// U+FFFD.
Decoded DecodeUtf7(std::string_view bytes) {
  Decoded d;
  d.utf8.reserve(bytes.size());
  auto bad = [&] { AppendUtf8(kReplacement, &d.utf8), d.lossy = true; };
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  };
  for (size_t i = 0; i < bytes.size();) {
    const char c = bytes[i];
    if (c != '+') {
      if (static_cast<unsigned char>(c) >= 0x80) bad();
      else d.utf8.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < bytes.size() && bytes[i + 1] == '-') {
      d.utf8.push_back('+');
      i += 2;
      continue;
    }
    uint32_t bits = 0;
    int nbits = 0;
    char32_t high = 0;  // a high surrogate waiting for its low one
    for (++i; i < bytes.size() && sextet(bytes[i]) >= 0; ++i) {
      bits = (bits << 6 | uint32_t(sextet(bytes[i]))) & 0x3fffff;
      if ((nbits += 6) < 16) continue;
      nbits -= 16;
      const char32_t unit = (bits >> nbits) & 0xffff;
      if (unit >= 0xdc00 && unit <= 0xdfff && high != 0) {
        AppendUtf8(0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00), &d.utf8);
        high = 0;
        continue;
      }
      if (high != 0) bad(), high = 0;
      if (unit >= 0xd800 && unit <= 0xdbff) high = unit;
      else if (unit >= 0xdc00 && unit <= 0xdfff) bad();
      else AppendUtf8(unit, &d.utf8);
    }
    if (high != 0) bad();
    if (nbits >= 6 || (bits & ((1u << nbits) - 1)) != 0) bad();
    if (i < bytes.size() && bytes[i] == '-') ++i;
  }
  return d;
}

/// Text declared as US-ASCII (or declaring nothing, which means US-ASCII) that holds 8-bit bytes.
/// Well-formed UTF-8 sequences are read as UTF-8: mislabelled UTF-8 is common and a multi-byte
/// UTF-8 sequence practically never arises by accident. Every other 8-bit byte is U+FFFD, never
/// guessed as another charset's letter (Dovecot hands out a NUL as 0x80, which Windows-1252 would
/// turn into "€").
Decoded DecodeAsciiLabelled(std::string_view bytes) {
  Decoded d = DecodeUtf8(bytes);
  d.lossy = true;
  return d;
}

std::string DecodeWindows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (char c : bytes) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x80) out.push_back(c);
    else AppendUtf8(Windows1252CodePoint(b), &out);
  }
  return out;
}

bool IsAscii(std::string_view bytes) {
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

/// How many input bytes one undecodable sequence at `bytes[0]` covers, for iconv's charsets: in the
/// double-byte ones (Big5, GBK, GB18030) a lead byte takes its trail byte along unless that is ASCII
/// (the WHATWG decoders' rule: an ASCII byte after a bad lead starts over, anything else belongs to
/// the bad pair), so the next character is not read from the middle of this one; UTF-16 and UTF-32
/// skip a whole code unit.
struct Resync {
  size_t unit = 1;           // 2 for UTF-16, 4 for UTF-32
  bool double_byte = false;  // Big5, GBK, GB18030
  size_t Skip(std::string_view bytes) const {
    if (unit > 1) return std::min(unit, bytes.size());
    const unsigned char b = static_cast<unsigned char>(bytes[0]);
    if (double_byte && b >= 0x81 && b <= 0xfe && bytes.size() > 1 && static_cast<unsigned char>(bytes[1]) >= 0x80)
      return 2;
    return 1;
  }
};

/// Converts with an open descriptor; each undecodable sequence becomes one U+FFFD and conversion
/// resumes after it.
Decoded ConvertWithIconv(iconv_t cd, std::string_view bytes, const Resync& resync) {
  Decoded d;
  d.utf8.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write input
  size_t in_left = bytes.size();
  char buf[4096];
  while (in_left > 0) {
    char* out = buf;
    size_t out_left = sizeof(buf);
    const size_t before = in_left;
    const size_t r = iconv(cd, &in, &in_left, &out, &out_left);
    d.utf8.append(buf, static_cast<size_t>(out - buf));
    if (r != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG && (in_left < before || out != buf)) continue;
    AppendUtf8(kReplacement, &d.utf8);
    d.lossy = true;
    if (errno == EILSEQ && in_left > 0) {
      const size_t skip = resync.Skip(std::string_view(in, in_left));
      in += skip;
      in_left -= skip;
    } else {
      break;  // EINVAL: a character cut off by the end of the input
    }
  }
  char* out = buf;
  size_t out_left = sizeof(buf);
  if (iconv(cd, nullptr, nullptr, &out, &out_left) != static_cast<size_t>(-1))
    d.utf8.append(buf, static_cast<size_t>(out - buf));
  if (!IsValidUtf8(d.utf8)) {  // defensive: output must be valid whatever iconv did
    d.utf8 = ToValidUtf8(d.utf8);
    d.lossy = true;
  }
  return d;
}

/// GB18030 with its four-byte supplementary-plane sequences (first byte 0x90..0xE3) decoded here
/// and everything else by iconv: those sequences map to code points by arithmetic alone
/// (GB 18030-2005 §6.3.3), and musl's iconv gets them wrong (it turns U+1F600 into U+4364C).
Decoded ConvertGb18030(iconv_t cd, std::string_view bytes) {
  Decoded d;
  size_t run_start = 0, i = 0;
  auto flush = [&](size_t end) {
    if (end <= run_start) return;
    Decoded part = ConvertWithIconv(cd, bytes.substr(run_start, end - run_start), Resync{.double_byte = true});
    d.utf8 += part.utf8;
    d.lossy = d.lossy || part.lossy;
  };
  auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  while (i < bytes.size()) {
    const unsigned char b = byte(i);
    if (b < 0x81 || b == 0xff || i + 1 >= bytes.size()) {
      ++i;
    } else if (byte(i + 1) < 0x30 || byte(i + 1) > 0x39) {
      i += 2;  // a two-byte character
    } else if (b >= 0x90 && b <= 0xe3 && i + 3 < bytes.size() && byte(i + 2) >= 0x81 && byte(i + 2) <= 0xfe &&
               byte(i + 3) >= 0x30 && byte(i + 3) <= 0x39) {
      flush(i);
      const char32_t linear =
          (b - 0x90) * 12600u + (byte(i + 1) - 0x30) * 1260u + (byte(i + 2) - 0x81) * 10u + (byte(i + 3) - 0x30);
      const char32_t cp = 0x10000 + linear;
      if (cp <= 0x10ffff) {
        AppendUtf8(cp, &d.utf8);
      } else {
        AppendUtf8(kReplacement, &d.utf8);
        d.lossy = true;
      }
      i += 4;
      run_start = i;
    } else {
      i = std::min(i + 4, bytes.size());  // a four-byte BMP character: iconv's tables
    }
  }
  flush(bytes.size());
  return d;
}

}  // namespace

char32_t Windows1252CodePoint(unsigned char b) {
  static const char16_t kHigh[32] = {0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
                                     0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
                                     0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                     0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178};
  return (b >= 0x80 && b < 0xa0) ? kHigh[b - 0x80] : b;
}

std::string CanonicalCharset(std::string_view label) { return Resolve(label).canonical; }

std::string GuessToUtf8(std::string_view bytes) {
  Decoded d{IsValidUtf8(bytes) ? std::string(bytes) : DecodeWindows1252(bytes)};
  ReplaceControlCharacters(&d);
  return std::move(d.utf8);
}

void ReplaceControlCharacters(Decoded* d) {
  std::string& s = d->utf8;
  // Most text has none: find the first one before copying anything.
  auto is_control = [&](size_t i) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x20) return b != '\t' && b != '\n' && b != '\r' && b != '\f';
    if (b == 0x7f) return true;
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    return b == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9f;
  };
  size_t i = 0;
  while (i < s.size() && !is_control(i)) ++i;
  if (i == s.size()) return;
  std::string out(s, 0, i);
  out.reserve(s.size() + 16);
  for (; i < s.size(); ++i) {
    if (!is_control(i)) {
      out.push_back(s[i]);
      continue;
    }
    if (static_cast<unsigned char>(s[i]) == 0xc2) ++i;
    AppendUtf8(kReplacement, &out);
  }
  s = std::move(out);
  d->lossy = true;
}

namespace {

Decoded Decode(std::string_view bytes, const Resolved& r) {
  const std::string& c = r.canonical;
  if (c == "utf-8") return DecodeUtf8(bytes);
  if (c == "us-ascii") return IsAscii(bytes) ? Decoded{std::string(bytes), false} : DecodeAsciiLabelled(bytes);
  // Text labelled Latin-1 is in practice Windows-1252 (its 0x80..0x9F smart quotes and dashes
  // would otherwise come out as invisible C1 controls); browsers decode it the same way. Done
  // here rather than by iconv so both libcs agree byte for byte.
  if (c == "iso-8859-1" || c == "windows-1252") return {DecodeWindows1252(bytes), false};
  if (IsAscii(bytes) && c.compare(0, 6, "utf-16") != 0 && c.compare(0, 6, "utf-32") != 0 && c != "utf-7" &&
      c != "iso-2022-jp" && !c.empty())
    return {std::string(bytes), false};  // every other supported charset is an ASCII superset
  // The Japanese and Korean code pages are ours (mime/double_byte.h says why), the same in both libcs.
  if (c == "shift_jis") return DecodeShiftJis(bytes);
  if (c == "euc-jp") return DecodeEucJp(bytes);
  if (c == "iso-2022-jp") return DecodeIso2022Jp(bytes);
  if (c == "euc-kr") return DecodeEucKr(bytes);
  if (c == "utf-7") return DecodeUtf7(bytes);
  const char* names[4] = {r.names[0], r.names[1], r.names[2], nullptr};
  if (!r.iso_or_windows.empty()) names[0] = r.iso_or_windows.c_str(), names[1] = nullptr;
  Resync resync;
  if (c == "utf-16" || c == "utf-16le" || c == "utf-16be") resync.unit = 2;
  if (c == "utf-32" || c == "utf-32le" || c == "utf-32be") resync.unit = 4;
  resync.double_byte = c == "big5" || c == "gbk" || c == "gb18030";
  for (const char* name : names) {
    if (name == nullptr) break;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == reinterpret_cast<iconv_t>(-1)) continue;
    Decoded d = c == "gb18030" ? ConvertGb18030(cd, bytes) : ConvertWithIconv(cd, bytes, resync);
    iconv_close(cd);
    return d;
  }
  // Unknown label, or one this libc's iconv lacks: guess, and say the result is a guess.
  return {IsValidUtf8(bytes) ? std::string(bytes) : DecodeWindows1252(bytes), true};
}

}  // namespace

Decoded ToUtf8(std::string_view bytes, std::string_view charset) {
  Decoded d = Decode(bytes, Resolve(charset));
  ReplaceControlCharacters(&d);
  return d;
}

}  // namespace mail_mcp
