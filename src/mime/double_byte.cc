#include "mime/double_byte.h"

#include <array>
#include <optional>

#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr char32_t kReplacement = 0xfffd;

bool IsAscii(unsigned char b) { return b < 0x80; }

/// Collects decoded code points; every error is one U+FFFD and marks the result lossy.
class Output {
 public:
  explicit Output(size_t input_size) { d_.utf8.reserve(input_size + input_size / 2); }
  void Put(char32_t cp) { AppendUtf8(cp, &d_.utf8); }
  void Ascii(unsigned char b) { d_.utf8.push_back(static_cast<char>(b)); }
  void Error() {
    Put(kReplacement);
    d_.lossy = true;
  }
  /// Ends a two-byte sequence: its character, or one U+FFFD when `cp` is 0. True when the trail
  /// byte must be read again: an ASCII byte after a bad lead starts over (WHATWG's "restore").
  bool Pair(char32_t cp, unsigned char trail) {
    if (cp != 0) {
      Put(cp);
      return false;
    }
    Error();
    return IsAscii(trail);
  }
  Decoded Take() { return std::move(d_); }

 private:
  Decoded d_;
};

/// JIS X 0208 (with the code page 932 rows) by 0-based row and cell, through the CP932 table:
/// Shift_JIS packs two 94-cell rows into each lead byte's 188 trail bytes, so the WHATWG "pointer"
/// row * 94 + cell is the same number in both encodings.
char32_t Jis0208(unsigned row, unsigned cell) {
  const unsigned pointer = row * 94 + cell;
  const unsigned lead = pointer / 188, trail = pointer % 188;
  return kCp932.At(static_cast<unsigned char>(lead + (lead < 0x1f ? 0x81 : 0xc1)),
                   static_cast<unsigned char>(trail + (trail < 0x3f ? 0x40 : 0x41)));
}

/// The Unified Hangul Code extension of code page 949: the 8,822 Hangul syllables KS X 1001 lacks,
/// in code point order (scripts/gen-charset-tables checks that CP949 is exactly this). Built once.
const std::array<uint16_t, 8822>& UhcSyllables() {
  static const std::array<uint16_t, 8822> table = [] {
    std::array<bool, 11172> in_ksc{};
    for (unsigned lead = 0xb0; lead <= 0xc8; ++lead)  // KS X 1001's Hangul rows
      for (unsigned trail = 0xa1; trail <= 0xfe; ++trail) {
        const char32_t cp = kKsc5601.At(static_cast<unsigned char>(lead), static_cast<unsigned char>(trail));
        if (cp >= 0xac00 && cp <= 0xd7a3) in_ksc[cp - 0xac00] = true;
      }
    std::array<uint16_t, 8822> out{};
    size_t n = 0;
    for (char32_t cp = 0xac00; cp <= 0xd7a3 && n < out.size(); ++cp)
      if (!in_ksc[cp - 0xac00]) out[n++] = static_cast<uint16_t>(cp);
    return out;
  }();
  return table;
}

/// The UHC extension's code point at (lead, trail), 0 when that position is not in it. Positions
/// run over lead bytes 0x81..0xC6 and, per lead, trail bytes 0x41-0x5A, 0x61-0x7A and 0x81-0xFE
/// (only 0x81-0xA0 from lead 0xA1 on, where 0xA1-0xFE is KS X 1001; and only up to 0x52 on 0xC6).
char32_t UhcExtension(unsigned char lead, unsigned char trail) {
  if (lead < 0x81 || lead > 0xc6 || (lead == 0xc6 && trail > 0x52)) return 0;
  unsigned column;
  if (trail >= 0x41 && trail <= 0x5a) column = trail - 0x41;
  else if (trail >= 0x61 && trail <= 0x7a) column = 26 + trail - 0x61;
  else if (trail >= 0x81 && trail <= (lead < 0xa1 ? 0xfe : 0xa0)) column = 52 + trail - 0x81;
  else return 0;
  const unsigned index = lead < 0xa1 ? (lead - 0x81) * 178 + column : 32 * 178 + (lead - 0xa1) * 84 + column;
  return index < UhcSyllables().size() ? UhcSyllables()[index] : 0;
}

}  // namespace

char32_t DoubleByteTable::At(unsigned char lead, unsigned char trail) const {
  if (lead < lead_min || lead > lead_max || trail < trail_min || trail > trail_max) return 0;
  const unsigned row = rows[lead - lead_min];
  if (row == 0) return 0;
  return cells[(row - 1) * (unsigned(trail_max) - trail_min + 1) + (trail - trail_min)];
}

// WHATWG Encoding Standard §13.3.1 (Shift_JIS decoder), with code page 932 as the index.
Decoded DecodeShiftJis(std::string_view bytes) {
  Output out(bytes.size());
  unsigned char lead = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (lead != 0) {
      const unsigned char l = lead;
      lead = 0;
      char32_t cp = 0;
      if ((b >= 0x40 && b <= 0x7e) || (b >= 0x80 && b <= 0xfc)) {
        const unsigned pointer = (l - (l < 0xa0 ? 0x81 : 0xc1)) * 188 + b - (b < 0x7f ? 0x40 : 0x41);
        // The user-defined area (lead bytes 0xF0-0xF9) maps to the Private Use Area by arithmetic.
        cp = pointer >= 8836 && pointer <= 10715 ? 0xe000 - 8836 + pointer : kCp932.At(l, b);
      }
      if (out.Pair(cp, b)) --i;
      continue;
    }
    if (IsAscii(b) || b == 0x80) out.Put(b);
    else if (b >= 0xa1 && b <= 0xdf) out.Put(0xff61 - 0xa1 + b);  // half-width katakana
    else if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) lead = b;
    else out.Error();
  }
  if (lead != 0) out.Error();  // cut off after a lead byte
  return out.Take();
}

// WHATWG Encoding Standard §13.1.1 (EUC-JP decoder).
Decoded DecodeEucJp(std::string_view bytes) {
  Output out(bytes.size());
  unsigned char lead = 0;
  bool jis0212 = false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (lead == 0x8e && b >= 0xa1 && b <= 0xdf) {
      lead = 0;
      out.Put(0xff61 - 0xa1 + b);
      continue;
    }
    if (lead == 0x8f && b >= 0xa1 && b <= 0xfe) {
      jis0212 = true;
      lead = b;
      continue;
    }
    if (lead != 0) {
      const unsigned char l = lead;
      lead = 0;
      char32_t cp = 0;
      if (l >= 0xa1 && l <= 0xfe && b >= 0xa1 && b <= 0xfe)
        cp = jis0212 ? kJis0212.At(l, b) : Jis0208(l - 0xa1u, b - 0xa1u);
      jis0212 = false;
      if (out.Pair(cp, b)) --i;
      continue;
    }
    if (IsAscii(b)) out.Ascii(b);
    else if (b == 0x8e || b == 0x8f || (b >= 0xa1 && b <= 0xfe)) lead = b;
    else out.Error();
  }
  if (lead != 0) out.Error();
  return out.Take();
}

namespace {

// WHATWG Encoding Standard §13.2.1 (ISO-2022-JP decoder).
class Iso2022JpDecoder {
 public:
  explicit Iso2022JpDecoder(size_t size) : out_(size) {}

  void Feed(unsigned char b) {
    switch (state_) {
      case State::kAscii:
      case State::kRoman:
        if (b == 0x1b) return Escape();
        output_ = false;
        if (b > 0x7f || b == 0x0e || b == 0x0f) return out_.Error();
        if (state_ == State::kRoman && b == 0x5c) return out_.Put(0xa5);    // JIS X 0201 Roman: yen sign
        if (state_ == State::kRoman && b == 0x7e) return out_.Put(0x203e);  // and overline
        return out_.Ascii(b);
      case State::kKatakana:
        if (b == 0x1b) return Escape();
        output_ = false;
        if (b >= 0x21 && b <= 0x5f) return out_.Put(0xff61 - 0x21 + b);
        return out_.Error();
      case State::kLeadByte:
        if (b == 0x1b) return Escape();
        output_ = false;
        if (b < 0x21 || b > 0x7e) return out_.Error();
        lead_ = b;
        state_ = State::kTrailByte;
        return;
      case State::kTrailByte: {
        if (b == 0x1b) {
          Escape();
          return out_.Error();
        }
        state_ = State::kLeadByte;
        const char32_t cp = (b >= 0x21 && b <= 0x7e) ? Jis0208(lead_ - 0x21u, b - 0x21u) : 0;
        return cp != 0 ? out_.Put(cp) : out_.Error();
      }
      case State::kEscapeStart:
        if (b == 0x24 || b == 0x28) {
          lead_ = b;
          state_ = State::kEscape;
          return;
        }
        output_ = false;
        state_ = output_state_;
        out_.Error();
        return Feed(b);  // the byte after a lone ESC is text in the previous state
      case State::kEscape: {
        const unsigned char l = lead_;
        lead_ = 0;
        std::optional<State> next;
        if (l == 0x28 && b == 0x42) next = State::kAscii;                         // ESC ( B
        else if (l == 0x28 && b == 0x4a) next = State::kRoman;                    // ESC ( J
        else if (l == 0x28 && b == 0x49) next = State::kKatakana;                 // ESC ( I
        else if (l == 0x24 && (b == 0x40 || b == 0x42)) next = State::kLeadByte;  // ESC $ @, ESC $ B
        if (next) {
          state_ = output_state_ = *next;
          // Two escapes with nothing between them are an error (they could hide text switching).
          if (output_) out_.Error();
          output_ = true;
          return;
        }
        output_ = false;
        state_ = output_state_;
        out_.Error();
        Feed(l);  // an unknown escape: both bytes after ESC are text in the previous state
        return Feed(b);
      }
    }
  }

  Decoded Finish() {
    if (state_ == State::kTrailByte || state_ == State::kEscapeStart) {
      out_.Error();
    } else if (state_ == State::kEscape) {
      state_ = output_state_;
      out_.Error();
      Feed(lead_);
    }
    return out_.Take();
  }

 private:
  enum class State { kAscii, kRoman, kKatakana, kLeadByte, kTrailByte, kEscapeStart, kEscape };
  void Escape() { state_ = State::kEscapeStart; }

  Output out_;
  State state_ = State::kAscii, output_state_ = State::kAscii;
  unsigned char lead_ = 0;
  bool output_ = false;
};

}  // namespace

Decoded DecodeIso2022Jp(std::string_view bytes) {
  Iso2022JpDecoder decoder(bytes.size());
  for (char c : bytes) decoder.Feed(static_cast<unsigned char>(c));
  return decoder.Finish();
}

// WHATWG Encoding Standard §14.1.1 (EUC-KR decoder), with code page 949 as the index.
Decoded DecodeEucKr(std::string_view bytes) {
  Output out(bytes.size());
  unsigned char lead = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (lead != 0) {
      const unsigned char l = lead;
      lead = 0;
      const char32_t cp = (l >= 0xa1 && b >= 0xa1) ? kKsc5601.At(l, b) : UhcExtension(l, b);
      if (out.Pair(cp, b)) --i;
      continue;
    }
    if (IsAscii(b)) out.Ascii(b);
    else if (b >= 0x81 && b <= 0xfe) lead = b;
    else out.Error();
  }
  if (lead != 0) out.Error();
  return out.Take();
}

}  // namespace mail_mcp
