#include "mime/double_byte.h"

#include "mime/charset.h"
#include "testing.h"
#include "util/utf8.h"

using namespace mail_mcp;

namespace {

void ExpectExact(const Decoded& d, const std::string& utf8) {
  EXPECT_EQ(d.utf8, utf8);
  EXPECT_FALSE(d.lossy);
}

void ExpectLossy(const Decoded& d, const std::string& utf8) {
  EXPECT_EQ(d.utf8, utf8);
  EXPECT_TRUE(d.lossy);
}

}  // namespace

TEST(DoubleByte, ShiftJisDecodesWindowsCodePage932Extensions) {
  // NEC row 13: circled digits, the "stock company" sign, numero; the NEC-selected IBM rows and the
  // IBM extension rows (the same kanji twice: 髙 "high" with a ladder, 﨑 "saki"); what Outlook
  // writes every day as "Shift_JIS". musl's iconv had none of these.
  ExpectExact(DecodeShiftJis("\x87\x40\x87\x41\x87\x8a\x87\x82"), "①②㈱№");
  ExpectExact(DecodeShiftJis("\xee\xe0\xfb\xfc"), "髙髙");
  ExpectExact(DecodeShiftJis("\xed\x95\xfa\xb1"), "﨑﨑");
  ExpectExact(DecodeShiftJis("\xed\x40"), "纊");  // musl's iconv made this U+310F, a Bopomofo letter
  ExpectExact(DecodeShiftJis("\xfa\x40\xfa\x4a"), "ⅰⅠ");
  // Microsoft's mapping of the JIS symbols that differ between vendors: fullwidth forms.
  ExpectExact(DecodeShiftJis("\x81\x60\x81\x5f\x81\x7c"), "～＼－");
  // The user-defined area maps to the Private Use Area by arithmetic.
  ExpectExact(DecodeShiftJis("\xf0\x40\xf9\xfc"), "\ue000\ue757");
}

TEST(DoubleByte, ShiftJisDecodesAsciiKatakanaAndPlainJis) {
  ExpectExact(DecodeShiftJis("abc \\~"), "abc \\~");   // CP932 keeps backslash and tilde
  ExpectExact(DecodeShiftJis("\xb1\xdd\xdf"), "ｱﾝﾟ");  // half-width katakana
  ExpectExact(DecodeShiftJis("\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67"), "日本語のテキスト");
  ExpectExact(DecodeShiftJis("\x95\x5c"), "表");  // the trail byte 0x5C is not a backslash here
}

TEST(DoubleByte, ShiftJisInvalidPairInTheMiddleIsOneReplacementAndTheNextCharacterIsRight) {
  // 0x85 is a lead byte with no characters: "85 93" is one bad pair. Skipping only the 0x85 (what
  // the iconv loop did) would read "93 96" as a wrong kanji and "7B" as "{".
  ExpectLossy(DecodeShiftJis("\x93\xfa\x85\x93\x96\x7b"), "日\ufffd本");
  // A lead byte followed by ASCII: the ASCII byte is not swallowed (WHATWG "restore").
  ExpectLossy(DecodeShiftJis("\x93\x20\x96\x7b"), "\ufffd 本");
  ExpectLossy(DecodeShiftJis("\x93\x0d\x0a"), "\ufffd\r\n");
  // Bytes that are never valid, and a character cut off by the end.
  ExpectLossy(DecodeShiftJis("\xa0\xfd\xfe\xff"), "\ufffd\ufffd\ufffd\ufffd");
  ExpectLossy(DecodeShiftJis("\x93\xfa\x96"), "日\ufffd");
}

TEST(DoubleByte, EucJpDecodesCp932RowsJisX0212AndHalfWidthKatakana) {
  ExpectExact(DecodeEucJp("\xc6\xfc\xcb\xdc\xb8\xec"), "日本語");
  ExpectExact(DecodeEucJp("\xad\xa1\xad\xa2"), "①②");  // NEC row 13
  ExpectExact(DecodeEucJp("\x8f\xb0\xa1"), "丂");      // JIS X 0212 (three bytes)
  ExpectExact(DecodeEucJp("\x8f\xa2\xaf"), "˘");
  ExpectExact(DecodeEucJp("\x8e\xb1"), "ｱ");
  ExpectLossy(DecodeEucJp("\xc6\xfc\xff\xcb\xdc"), "日\ufffd本");
  ExpectLossy(DecodeEucJp("\xc6\x41"), "\ufffdA");
  ExpectLossy(DecodeEucJp("\x8f\xb0"), "\ufffd");
}

TEST(DoubleByte, Iso2022JpSwitchesSetsAndDecodesNecRow13) {
  ExpectExact(DecodeIso2022Jp("\x1b$B3Z$7$$\x1b(B ok"), "楽しい ok");
  ExpectExact(DecodeIso2022Jp("\x1b$B-!-\"\x1b(B"), "①②");  // Outlook's CP50220 uses row 13 too
  ExpectExact(DecodeIso2022Jp("\x1b(I1\x1b(B"), "ｱ");
  ExpectExact(DecodeIso2022Jp("\x1b(J\\~\x1b(B"), "¥‾");
  // An escape sequence we do not know: one U+FFFD, and its bytes are shown as text.
  ExpectLossy(DecodeIso2022Jp("a\x1b$Ab"), "a\ufffd$Ab");
  // Eight-bit bytes are never valid.
  ExpectLossy(DecodeIso2022Jp("a\x93z"), "a\ufffdz");
  // Two escapes in a row with nothing between them.
  ExpectLossy(DecodeIso2022Jp("\x1b$B\x1b(Bx"), "\ufffdx");
  ExpectLossy(DecodeIso2022Jp("\x1b$BF|\x1b"), "日\ufffd");
}

TEST(DoubleByte, EucKrDecodesCodePage949IncludingTheUhcExtension) {
  ExpectExact(DecodeEucKr("\xc7\xd1\xb1\xb9\xbe\xee"), "한국어");
  ExpectExact(DecodeEucKr("\x8c\x63"), "똠");            // UHC extension
  ExpectExact(DecodeEucKr("\x81\x41\xc6\x52"), "갂힣");  // its first and last syllables
  ExpectExact(DecodeEucKr("\xca\xa1"), "伽");            // hanja
  // Outside the extension: one U+FFFD per pair, an ASCII trail byte kept (musl's iconv made
  // "C7 41" into U+D7E6, a Hangul Jamo Extended-B letter).
  ExpectLossy(DecodeEucKr("\xc6\xa0\xc7\x81"), "\ufffd\ufffd");
  ExpectLossy(DecodeEucKr("\xc7\x41"), "\ufffdA");
  ExpectLossy(DecodeEucKr("\xc7\xd1\x80\xb1\xb9"), "한\ufffd국");
}

TEST(DoubleByte, EveryByteSequenceGivesValidUtf8) {
  std::string all;
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; b += 7) all += {static_cast<char>(a), static_cast<char>(b)};
  for (auto decode : {DecodeShiftJis, DecodeEucJp, DecodeIso2022Jp, DecodeEucKr}) {
    const Decoded d = decode(all);
    EXPECT_TRUE(IsValidUtf8(d.utf8));
    EXPECT_TRUE(d.lossy);
  }
}

TEST(DoubleByte, LabelsReachTheTableDecoders) {
  ExpectExact(ToUtf8("\x87\x40", "Shift_JIS"), "①");
  ExpectExact(ToUtf8("\x87\x40", "windows-31j"), "①");
  ExpectExact(ToUtf8("\x87\x40", "cp932"), "①");
  ExpectExact(ToUtf8("\xad\xa1", "euc-jp"), "①");
  ExpectExact(ToUtf8("\x1b$B-!\x1b(B", "ISO-2022-JP"), "①");
  ExpectExact(ToUtf8("\x8c\x63", "ks_c_5601-1987"), "똠");
  ExpectExact(ToUtf8("\x8c\x63", "windows-949"), "똠");
}
