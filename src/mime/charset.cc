#include "mime/charset.h"

#include <iconv.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr char32_t kReplacement = 0xfffd;

/// A charset we know: its canonical MIME name and the iconv names to try, best first. More than
/// one name because glibc and musl spell their supersets differently (glibc's CP932 keeps 0x5C as
/// a backslash where its SHIFT_JIS turns it into a yen sign; musl only knows "shift_jis").
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
    {"shiftjis", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"sjis", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"xsjis", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"csshiftjis", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"mskanji", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"windows31j", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"cp932", "shift_jis", {"CP932", "SHIFT_JIS"}},
    {"eucjp", "euc-jp", {"EUC-JP"}},
    {"xeucjp", "euc-jp", {"EUC-JP"}},
    {"cseucpkdfmtjapanese", "euc-jp", {"EUC-JP"}},
    {"iso2022jp", "iso-2022-jp", {"ISO-2022-JP-2", "ISO-2022-JP"}},
    {"csiso2022jp", "iso-2022-jp", {"ISO-2022-JP-2", "ISO-2022-JP"}},
    {"iso2022jp2", "iso-2022-jp", {"ISO-2022-JP-2", "ISO-2022-JP"}},
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
    // of EUC-KR; musl's "euckr" decoder already includes the UHC extension.
    {"euckr", "euc-kr", {"CP949", "EUC-KR"}},
    {"cseuckr", "euc-kr", {"CP949", "EUC-KR"}},
    {"ksc56011987", "euc-kr", {"CP949", "EUC-KR"}},
    {"ksc5601", "euc-kr", {"CP949", "EUC-KR"}},
    {"ksx1001", "euc-kr", {"CP949", "EUC-KR"}},
    {"cp949", "euc-kr", {"CP949", "EUC-KR"}},
    {"uhc", "euc-kr", {"CP949", "EUC-KR"}},
    {"windows949", "euc-kr", {"CP949", "EUC-KR"}},
    {"korean", "euc-kr", {"CP949", "EUC-KR"}},
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
    {"utf7", "utf-7", {"UTF-7"}},               // glibc only; musl falls back to the guess
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

/// UTF-8 with every invalid byte replaced by U+FFFD (decoding resumes at the next byte) and a
/// leading byte-order mark dropped.
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
    run = ++pos;
  }
  d.utf8.append(bytes.data() + run, bytes.size() - run);
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

/// Converts with an open descriptor; bad bytes become U+FFFD and conversion resumes after them.
Decoded ConvertWithIconv(iconv_t cd, std::string_view bytes) {
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
      ++in;  // skip only the offending byte: the next one may start a valid character
      --in_left;
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
    Decoded part = ConvertWithIconv(cd, bytes.substr(run_start, end - run_start));
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
  if (IsValidUtf8(bytes)) return std::string(bytes);
  return DecodeWindows1252(bytes);
}

Decoded ToUtf8(std::string_view bytes, std::string_view charset) {
  const Resolved r = Resolve(charset);
  const std::string& c = r.canonical;
  if (c == "utf-8") return DecodeUtf8(bytes);
  if (c == "us-ascii") {
    if (IsAscii(bytes)) return {std::string(bytes), false};
    return {GuessToUtf8(bytes), true};  // 8-bit bytes under an ASCII label: the label is wrong
  }
  // Text labelled Latin-1 is in practice Windows-1252 (its 0x80..0x9F smart quotes and dashes
  // would otherwise come out as invisible C1 controls); browsers decode it the same way. Done
  // here rather than by iconv so both libcs agree byte for byte.
  if (c == "iso-8859-1" || c == "windows-1252") return {DecodeWindows1252(bytes), false};
  if (IsAscii(bytes) && c.compare(0, 6, "utf-16") != 0 && c.compare(0, 6, "utf-32") != 0 && c != "utf-7" &&
      c != "iso-2022-jp" && !c.empty())
    return {std::string(bytes), false};  // every other supported charset is an ASCII superset
  const char* names[4] = {r.names[0], r.names[1], r.names[2], nullptr};
  if (!r.iso_or_windows.empty()) names[0] = r.iso_or_windows.c_str(), names[1] = nullptr;
  for (const char* name : names) {
    if (name == nullptr) break;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == reinterpret_cast<iconv_t>(-1)) continue;
    Decoded d = c == "gb18030" ? ConvertGb18030(cd, bytes) : ConvertWithIconv(cd, bytes);
    iconv_close(cd);
    return d;
  }
  // Unknown label, or one this libc's iconv lacks: guess, and say the result is a guess.
  return {GuessToUtf8(bytes), true};
}

}  // namespace mail_mcp
