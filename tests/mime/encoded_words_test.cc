#include "mime/encoded_words.h"

#include "testing.h"
#include "util/utf8.h"

using namespace mail_mcp;

TEST(EncodedWords, DecodesBAndQInAnyCase) {
  EXPECT_EQ(DecodeHeaderText("=?UTF-8?B?R3LDvMOfZQ==?="), "Grüße");
  EXPECT_EQ(DecodeHeaderText("=?utf-8?b?R3LDvMOfZQ==?="), "Grüße");
  EXPECT_EQ(DecodeHeaderText("=?iso-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?="), "Grüße aus Köln");
  EXPECT_EQ(DecodeHeaderText("=?ISO-8859-1?q?caf=e9?="), "café");
}

TEST(EncodedWords, DecodesLegacyCharsetsThroughIconv) {
  EXPECT_EQ(DecodeHeaderText("=?koi8-r?B?8NLJ18XU?="), "Привет");
  EXPECT_EQ(DecodeHeaderText("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?="), "日本語");
  EXPECT_EQ(DecodeHeaderText("=?gb2312?B?1tDOxA==?="), "中文");
  EXPECT_EQ(DecodeHeaderText("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?="), "Привет");
}

TEST(EncodedWords, KeepsTextAroundEncodedWords) {
  EXPECT_EQ(DecodeHeaderText("Re: =?utf-8?Q?Caf=C3=A9?= tonight?"), "Re: Café tonight?");
  EXPECT_EQ(DecodeHeaderText("plain subject"), "plain subject");
  EXPECT_EQ(DecodeHeaderText(""), "");
}

TEST(EncodedWords, DropsWhitespaceBetweenAdjacentEncodedWords) {
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?a?= =?utf-8?Q?b?="), "ab");
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?a?=\r\n =?iso-8859-1?Q?b?="), "ab");
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?a?= x =?utf-8?Q?b?="), "a x b");
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?a_?= =?utf-8?Q?b?="), "a b");  // encoded space is kept
}

TEST(EncodedWords, JoinsMultibyteCharacterSplitAcrossAdjacentWords) {
  // "日本語" in UTF-8 with the second character's bytes split between two B words.
  EXPECT_EQ(DecodeHeaderText("=?utf-8?B?5pel5g==?= =?utf-8?B?nKzoqp4=?="), "日本語");
  // The same in Q, with the words folded onto a continuation line.
  EXPECT_EQ(DecodeHeaderText("=?UTF-8?Q?=E6=97=A5=E6?=\r\n\t=?utf-8?Q?=9C=AC=E8=AA=9E?="), "日本語");
}

TEST(EncodedWords, IgnoresRfc2231LanguageSuffix) {
  EXPECT_EQ(DecodeHeaderText("=?utf-8*en?Q?Hello_World?="), "Hello World");
  EXPECT_EQ(DecodeHeaderText("=?US-ASCII*EN?Q?Keith_Moore?="), "Keith Moore");
}

TEST(EncodedWords, LeavesBrokenWordsAsTheyAre) {
  EXPECT_EQ(DecodeHeaderText("=?utf-8?X?abc?="), "=?utf-8?X?abc?=");  // unknown encoding
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?unterminated"), "=?utf-8?Q?unterminated");
  EXPECT_EQ(DecodeHeaderText("=??Q?abc?="), "=??Q?abc?=");  // no charset
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?has space?="), "=?utf-8?Q?has space?=");
  EXPECT_EQ(DecodeHeaderText("a =? b ?= c"), "a =? b ?= c");
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?ok?= =?bad"), "ok =?bad");
}

TEST(EncodedWords, DecodesWordsGluedToOtherText) {
  EXPECT_EQ(DecodeHeaderText("[list]=?utf-8?Q?caf=C3=A9?="), "[list]café");
}

TEST(EncodedWords, LenientBase64AndQEscapes) {
  EXPECT_EQ(DecodeHeaderText("=?utf-8?B?R3LDvMOfZQ?="), "Grüße");     // missing padding
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?100=25_=ZZ?="), "100% =ZZ");  // bad escape kept
}

TEST(EncodedWords, UnknownCharsetInWordStillProducesText) {
  EXPECT_EQ(DecodeHeaderText("=?x-unknown?Q?caf=C3=A9?="), "café");
  EXPECT_EQ(DecodeHeaderText("=?x-unknown?Q?caf=E9?="), "café");
}

TEST(EncodedWords, UnfoldsCrlfLadenHeaderText) {
  EXPECT_EQ(DecodeHeaderText("Meeting\r\n tomorrow\r\n\tat 10"), "Meeting tomorrow at 10");
  EXPECT_EQ(DecodeHeaderText("a\nb"), "a b");  // a bare line break cannot smuggle a new line
  EXPECT_EQ(DecodeHeaderText("=?utf-8?Q?line=0D=0Abreak?="), "line  break");
  EXPECT_EQ(UnfoldHeader("a\r\n b\n\tc\r d"), "a b\tc d");
}

TEST(EncodedWords, ImapLookingTextStaysLiteral) {
  EXPECT_EQ(DecodeHeaderText("* 1 FETCH (BODY[HEADER] {42}\r\n"), "* 1 FETCH (BODY[HEADER] {42} ");
  EXPECT_EQ(DecodeHeaderText("a001 OK \"quoted\" =?utf-8?Q?x?="), "a001 OK \"quoted\" x");
}

TEST(EncodedWords, RawEightBitHeaderBytesAreUtf8OrWindows1252) {
  EXPECT_EQ(DecodeHeaderText("Gr\xc3\xbc\xc3\x9f\x65"), "Grüße");
  EXPECT_EQ(DecodeHeaderText("Gr\xfc\xdf\x65 \x93hi\x94"), "Grüße “hi”");
}

TEST(EncodedWords, HostileInputStaysLinearAndValid) {
  std::string nasty;
  for (int i = 0; i < 20000; ++i) nasty += "=?=?a?q?";
  const std::string out = DecodeHeaderText(nasty);
  EXPECT_TRUE(IsValidUtf8(out));
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "=?utf-8?B?QQ==?= ";
  EXPECT_EQ(DecodeHeaderText(many), std::string(20000, 'A') + " ");
}

TEST(EncodedWords, Utf7WordsDecodeInTheReleaseBuildToo) {
  EXPECT_EQ(DecodeHeaderText("=?utf-7?Q?+ZeVnLIqe-?= ok"), "日本語 ok");
  EXPECT_EQ(DecodeHeaderText("=?UNICODE-1-1-UTF-7?B?K1plVm5MSXFlLQ==?="), "日本語");
}
