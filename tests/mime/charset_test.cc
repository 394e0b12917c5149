#include "mime/charset.h"

#include "testing.h"
#include "util/utf8.h"

using namespace mail_mcp;

namespace {

/// Decodes and checks the result is exact and not flagged lossy.
void ExpectDecodes(const std::string& bytes, const char* charset, const std::string& utf8) {
  const Decoded d = ToUtf8(bytes, charset);
  EXPECT_EQ(d.utf8, utf8);
  EXPECT_FALSE(d.lossy);
}

}  // namespace

TEST(Charset, DecodesWesternEuropeanLatinCharsets) {
  ExpectDecodes("Gr\xfc\xdf\x65", "ISO-8859-1", "Grüße");
  ExpectDecodes("Gr\xfc\xdf\x65", "iso-8859-15", "Grüße");
  ExpectDecodes("\xa4uro", "ISO-8859-15", "€uro");  // 0xA4 is € in Latin-9, ¤ in Latin-1
  ExpectDecodes("\xa4", "iso-8859-1", "¤");
  ExpectDecodes("\x93Hi\x94 \x96 ok\x85", "windows-1252", "“Hi” – ok…");
}

TEST(Charset, DecodesEveryIso8859Part) {
  ExpectDecodes("\xaf\xf3\xb3\xe6", "iso-8859-2", "Żółć");
  ExpectDecodes("\xe6", "iso-8859-3", "ĉ");
  ExpectDecodes("\xa2", "iso-8859-4", "ĸ");
  ExpectDecodes("\xbf\xe0\xd8\xd2\xd5\xe2", "iso-8859-5", "Привет");
  ExpectDecodes("\xe5\xd1\xcd\xc8\xc7", "iso-8859-6", "مرحبا");
  ExpectDecodes("\xc5\xeb\xeb\xdc\xe4\xe1", "iso-8859-7", "Ελλάδα");
  ExpectDecodes("\xf9\xec\xe5\xed", "iso-8859-8", "שלום");
  ExpectDecodes("\x54\xfc\x72\x6b\xe7\x65", "iso-8859-9", "Türkçe");
  ExpectDecodes("\xaf", "iso-8859-10", "Ŋ");
  ExpectDecodes("\xce", "iso-8859-11", "ฮ");
  ExpectDecodes("\xc0\xfe\x75\x6f\x6c\x61\x73", "iso-8859-13", "Ąžuolas");
  ExpectDecodes("\xd0", "iso-8859-14", "Ŵ");
  ExpectDecodes("\xde\x61\x72\xe3", "iso-8859-16", "Țară");
}

TEST(Charset, DecodesWindowsCodePages) {
  ExpectDecodes("\x8e\x6c\x75\x9d\x6f\x75\xe8\x6b\xfd", "windows-1250", "Žluťoučký");
  ExpectDecodes("\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251", "Привет");
  ExpectDecodes("\xc5\xeb\xeb\xdc\xe4\xe1", "windows-1253", "Ελλάδα");
  ExpectDecodes("\x54\xfc\x72\x6b\xe7\x65", "windows-1254", "Türkçe");
  ExpectDecodes("\xf9\xec\xe5\xed", "windows-1255", "שלום");
  ExpectDecodes("\xe3\xd1\xcd\xc8\xc7", "windows-1256", "مرحبا");
  ExpectDecodes("\xc0\xfe\x75\x6f\x6c\x61\x73", "windows-1257", "Ąžuolas");
  ExpectDecodes("\xd0\xfd\xf5", "windows-1258", "Đươ");
}

TEST(Charset, DecodesKoi8RussianAndUkrainian) {
  ExpectDecodes("\xf0\xd2\xc9\xd7\xc5\xd4\x20\xcd\xc9\xd2", "KOI8-R", "Привет мир");
  ExpectDecodes("\xf0\xd2\xc9\xd7\xa6\xd4", "koi8-u", "Привіт");
}

TEST(Charset, DecodesJapaneseInShiftJisEucJpAndIso2022Jp) {
  ExpectDecodes("\x93\xfa\x96\x7b\x8c\xea", "Shift_JIS", "日本語");
  ExpectDecodes("\xc6\xfc\xcb\xdc\xb8\xec", "EUC-JP", "日本語");
  ExpectDecodes("\x1b\x24\x42\x46\x7c\x4b\x5c\x38\x6c\x1b\x28\x42", "ISO-2022-JP", "日本語");
}

TEST(Charset, ShiftJisTrailByteThatLooksLikeBackslashStaysInTheCharacter) {
  ExpectDecodes("\x95\x5c", "shift_jis", "表");
  ExpectDecodes("\x95\x5c", "x-sjis", "表");
}

TEST(Charset, DecodesChineseInGbkGb18030AndBig5) {
  ExpectDecodes("\xd6\xd0\xce\xc4", "GBK", "中文");
  ExpectDecodes("\xd6\xd0\xce\xc4", "gb2312", "中文");
  ExpectDecodes("\xd6\xd0\xce\xc4", "GB18030", "中文");
  ExpectDecodes("\x81\x30\x84\x36 \x81\x32\xce\x39", "gb18030", "¥ ก");  // four-byte, in the BMP
  // Four-byte sequences for planes 1..16 (musl's iconv decodes these wrongly; we do it ourselves).
  ExpectDecodes("\x94\x39\xfc\x36\xd6\xd0\x95\x32\x83\x37", "gb18030", "😀中𠀋");
  ExpectDecodes("\xe3\x32\x9a\x35", "gb18030", "\U0010ffff");
  const Decoded beyond = ToUtf8("\xe3\x32\x9a\x36", "gb18030");  // past U+10FFFF
  EXPECT_TRUE(beyond.lossy);
  EXPECT_EQ(beyond.utf8, "\xef\xbf\xbd");
  ExpectDecodes("\xa4\xa4\xa4\xe5", "Big5", "中文");
}

TEST(Charset, Big5IsBig5HkscsWithItsSupplementaryPlaneCharacters) {
  // HKSCS rows (lead bytes 0x87..0xA0 and 0xFA..0xFE), one of them beyond the BMP (U+2010C).
  ExpectDecodes("\x88\x40\x88\x45\x8e\xa2\xfe\x40", "big5", "\u31c0\U0002010c\u451d\u9442");
  ExpectDecodes("\x88\x40\x88\x45", "Big5-HKSCS", "\u31c0\U0002010c");
}

TEST(Charset, DecodesKoreanIncludingOutlookLabelAndUhcExtension) {
  ExpectDecodes("\xc7\xd1\xb1\xb9\xbe\xee", "EUC-KR", "한국어");
  ExpectDecodes("\xc7\xd1\xb1\xb9\xbe\xee", "ks_c_5601-1987", "한국어");
  ExpectDecodes("\x8c\x63", "ks_c_5601-1987", "똠");  // outside EUC-KR, inside CP949
}

TEST(Charset, DecodesUtf16AndUtf32WithExplicitEndianOrBom) {
  ExpectDecodes(std::string("H\0\xe9\0", 4), "UTF-16LE", "Hé");
  ExpectDecodes(std::string("\0H\0\xe9", 4), "utf-16be", "Hé");
  ExpectDecodes(std::string("\xff\xfeH\0\xe9\0", 6), "UTF-16", "Hé");
  ExpectDecodes(std::string("\xff\xfe\0\0H\0\0\0\xe9\0\0\0", 12), "UTF-32", "Hé");
}

TEST(Charset, NormalisesAliasesAndCase) {
  EXPECT_EQ(CanonicalCharset("UTF8"), "utf-8");
  EXPECT_EQ(CanonicalCharset(" \"utf-8\" "), "utf-8");
  EXPECT_EQ(CanonicalCharset("latin1"), "iso-8859-1");
  EXPECT_EQ(CanonicalCharset("ISO_8859-1:1987"), "iso-8859-1");
  EXPECT_EQ(CanonicalCharset("iso-8859-8-i"), "iso-8859-8");
  EXPECT_EQ(CanonicalCharset("cp1252"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("x-cp1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset("x-sjis"), "shift_jis");
  EXPECT_EQ(CanonicalCharset("ks_c_5601-1987"), "euc-kr");
  EXPECT_EQ(CanonicalCharset("GB2312"), "gbk");
  EXPECT_EQ(CanonicalCharset("utf-8*en"), "utf-8");
  EXPECT_EQ(CanonicalCharset("x-unknown"), "");
  EXPECT_EQ(CanonicalCharset(""), "");
  ExpectDecodes("\xf9\xec\xe5\xed", "ISO-8859-8-I", "שלום");
  ExpectDecodes("Gr\xfc\xdf\x65", "LATIN1", "Grüße");
  ExpectDecodes("Gr\xc3\xbc\xc3\x9f\x65", "utf8", "Grüße");
}

TEST(Charset, JapaneseAndKoreanLabelsOfWindowsDotNetAndJavaAreKnown) {
  for (const char* label : {"MS932", "windows-932", "x-ms-cp932", "x-sjis-cp932"})
    ExpectDecodes("\x87\x40", label, "①");
  for (const char* label : {"CP50220", "cp50221", "ISO-2022-JP-1", "csISO2022JP2"})
    ExpectDecodes("\x1b$B-!\x1b(B", label, "①");
  for (const char* label : {"eucJP-ms", "CP51932"}) ExpectDecodes("\xad\xa1", label, "①");
  for (const char* label : {"x-windows-949", "KS_C_5601-1989"}) ExpectDecodes("\x8c\x63", label, "똠");
}

TEST(Charset, Utf7IsDecodedHereAsRfc2152SaysWithOneReplacementPerBadRun) {
  // musl's iconv has no UTF-7; Outlook Express labelled it "unicode-1-1-utf-7".
  ExpectDecodes("Hi Mom -+Jjo--!", "utf-7", "Hi Mom -☺-!");
  ExpectDecodes("+ZeVnLIqe-", "UNICODE-1-1-UTF-7", "日本語");
  ExpectDecodes("A+ImIDkQ.", "utf-7", "A≢Α.");
  ExpectDecodes("1 +- 1 = 2", "utf-7", "1 + 1 = 2");
  ExpectDecodes("+2D3eAA-", "utf-7", "😀");  // a surrogate pair across the base64 run
  // A lone surrogate, and a run that ends in the middle of a character, are one U+FFFD each.
  EXPECT_EQ(ToUtf8("+2D0-x", "utf-7").utf8, "\ufffdx");
  EXPECT_EQ(ToUtf8("+AGE", "utf-7").utf8, "a");            // two zero bits left over: fine
  EXPECT_EQ(ToUtf8("+AGF-", "utf-7").utf8, "a\ufffd");     // bits left over that are not zero
  EXPECT_EQ(ToUtf8("+AGEA-b", "utf-7").utf8, "a\ufffdb");  // a cut-off character
  EXPECT_TRUE(ToUtf8("+2D0-x", "utf-7").lossy);
  // 8-bit bytes are not UTF-7.
  EXPECT_EQ(ToUtf8("a\xe9"
                   "b",
                   "utf-7")
                .utf8,
            "a\ufffdb");
}

TEST(Charset, Latin1LabelDecodesWindowsSmartQuotes) { ExpectDecodes("\x93quoted\x94", "iso-8859-1", "“quoted”"); }

TEST(Charset, InvalidUtf8SequencesBecomeOneReplacementEachAndDecodingResumes) {
  // One U+FFFD per maximal ill-formed subpart (Unicode §3.9): the cut-off "\xe2\x82" is one.
  const Decoded d = ToUtf8("ok\xff then \xc3 end \xe2\x82", "utf-8");
  EXPECT_TRUE(d.lossy);
  EXPECT_EQ(d.utf8, "ok\xef\xbf\xbd then \xef\xbf\xbd end \xef\xbf\xbd");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_EQ(ToUtf8("\xe2\x82"
                   "A\xf0\x9f\x98Z",
                   "utf-8")
                .utf8,
            "\ufffdA\ufffdZ");
  EXPECT_EQ(ToUtf8("\xed\xa0\x80", "utf-8").utf8, "\ufffd\ufffd\ufffd");  // a surrogate: no valid prefix
  EXPECT_EQ(ToUtf8("\xc0\xaf", "utf-8").utf8, "\ufffd\ufffd");            // overlong
}

TEST(Charset, Utf8ByteOrderMarkIsDropped) { ExpectDecodes("\xef\xbb\xbfhi", "utf-8", "hi"); }

TEST(Charset, InvalidMultibyteSequenceSkipsOneByteAndKeepsTheRest) {
  // 0xFF is never valid in EUC-JP; the following characters still decode. (0x80..0x8D are not
  // a good probe: glibc passes them through as C1 controls, musl rejects them.)
  const Decoded d = ToUtf8("\xc6\xfc\xff\xcb\xdc", "euc-jp");
  EXPECT_TRUE(d.lossy);
  EXPECT_CONTAINS(d.utf8, "日");
  EXPECT_CONTAINS(d.utf8, "\xef\xbf\xbd");
  EXPECT_CONTAINS(d.utf8, "本");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
}

TEST(Charset, TruncatedMultibyteCharacterAtEndIsReplaced) {
  const Decoded d = ToUtf8("\xd6\xd0\xce", "gbk");
  EXPECT_TRUE(d.lossy);
  EXPECT_EQ(d.utf8, "中\xef\xbf\xbd");
}

TEST(Charset, UnknownCharsetWithValidUtf8IsTakenAsUtf8AndFlaggedLossy) {
  const Decoded d = ToUtf8("Gr\xc3\xbc\xc3\x9f\x65", "x-made-up");
  EXPECT_EQ(d.utf8, "Grüße");
  EXPECT_TRUE(d.lossy);
}

TEST(Charset, UnknownCharsetWithInvalidUtf8FallsBackToWindows1252) {
  const Decoded d = ToUtf8("Gr\xfc\xdf\x65 \x80", "x-made-up");
  EXPECT_EQ(d.utf8, "Grüße €");
  EXPECT_TRUE(d.lossy);
}

TEST(Charset, AsciiLabelOnEightBitTextKeepsUtf8ButNeverGuessesAnotherCharset) {
  const Decoded utf8 = ToUtf8("caf\xc3\xa9", "us-ascii");
  EXPECT_EQ(utf8.utf8, "café");
  EXPECT_TRUE(utf8.lossy);
  // A Latin-1 byte under an ASCII label is not a letter of some other charset: it is invalid.
  const Decoded latin = ToUtf8("caf\xe9", "US-ASCII");
  EXPECT_EQ(latin.utf8, "caf\ufffd");
  EXPECT_TRUE(latin.lossy);
  ExpectDecodes("plain", "us-ascii", "plain");
}

TEST(Charset, NulThatTheServerTurnedInto0x80IsReplacementNotEuro) {
  // Dovecot hands out a NUL in a message as 0x80; Windows-1252 would make it "€".
  const Decoded d = ToUtf8(
      "ab\x80"
      "cd",
      "us-ascii");
  EXPECT_EQ(d.utf8, "ab\ufffdcd");
  EXPECT_TRUE(d.lossy);
}

TEST(Charset, ControlCharactersBecomeReplacementButLineBreaksAndTabsStay) {
  const Decoded d = ToUtf8(std::string("a\0b\x1b[31mc\td\r\ne\ff\x7fg", 18), "utf-8");
  EXPECT_EQ(d.utf8, "a\ufffdb\ufffd[31mc\td\r\ne\ff\ufffdg");
  EXPECT_TRUE(d.lossy);
  // C1 controls, here from ISO-8859-2 bytes 0x80..0x9F.
  EXPECT_EQ(ToUtf8("x\x85y", "iso-8859-2").utf8, "x\ufffdy");
  EXPECT_EQ(ToUtf8("x\xc2\x9by", "utf-8").utf8, "x\ufffdy");
  EXPECT_EQ(GuessToUtf8(std::string("n\0m", 3)), "n\ufffdm");
  ExpectDecodes("no controls\there\n", "utf-8", "no controls\there\n");
}

TEST(Charset, BadPairInBig5AndGbkIsOneReplacementAndTheNextCharacterDecodes) {
  // A lead byte with a non-ASCII byte that does not complete it: one U+FFFD for both, so the
  // following character is not read from the middle of a pair.
  EXPECT_EQ(ToUtf8("\xa4\xa4\x80\xff\xa4\xe5", "big5").utf8, "中\ufffd\ufffd文");
  EXPECT_EQ(ToUtf8("\xa4\x20\xa4\xe5", "big5").utf8, "\ufffd 文");  // an ASCII trail is kept
  EXPECT_EQ(ToUtf8("\xd6\xd0\x81\x7f\xce\xc4", "gbk").utf8, "中\ufffd\ufffd文");
  EXPECT_EQ(ToUtf8("\xd6\xd0\xff\xce\xc4", "gbk").utf8, "中\ufffd文");
}

TEST(Charset, LoneSurrogateInUtf16SkipsOneCodeUnit) {
  EXPECT_EQ(ToUtf8(std::string("\x00\xdc"
                               "A\0B\0",
                               6),
                   "utf-16le")
                .utf8,
            "\ufffdAB");
}

TEST(Charset, OutputIsValidUtf8ForEveryByteInEveryCharset) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (const char* cs :
       {"utf-8", "us-ascii", "iso-8859-1", "iso-8859-6", "iso-8859-11", "windows-1253", "koi8-r", "shift_jis", "euc-jp",
        "iso-2022-jp", "gbk", "gb18030", "big5", "euc-kr", "utf-16", "utf-16le", "utf-32", "nonsense", ""}) {
    const Decoded d = ToUtf8(all + all, cs);
    EXPECT_TRUE(IsValidUtf8(d.utf8));
    EXPECT_FALSE(d.utf8.empty());
  }
}

TEST(Charset, GuessToUtf8KeepsValidUtf8AndReadsOtherBytesAsWindows1252) {
  EXPECT_EQ(GuessToUtf8("\xe2\x82\xac"), "€");
  EXPECT_EQ(GuessToUtf8("\x80 \xe9"), "€ é");
  EXPECT_EQ(GuessToUtf8(""), "");
}
