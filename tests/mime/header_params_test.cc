#include "mime/header_params.h"

#include "testing.h"

using namespace mail_mcp;

TEST(HeaderParams, LowerCasesTypeAndParamNamesButNotValues) {
  const HeaderValue v = ParseHeaderValue("Text/HTML; Charset=\"UTF-8\"; Format=Flowed");
  EXPECT_EQ(v.value, "text/html");
  EXPECT_EQ(v.params.at("charset"), "UTF-8");
  EXPECT_EQ(v.params.at("format"), "Flowed");
}

TEST(HeaderParams, HandlesQuotedStringsWithSemicolonsAndEscapes) {
  const HeaderValue v = ParseHeaderValue("attachment; filename=\"a;b \\\"c\\\".txt\"; size=12");
  EXPECT_EQ(v.value, "attachment");
  EXPECT_EQ(v.params.at("filename"), "a;b \"c\".txt");
  EXPECT_EQ(v.params.at("size"), "12");
}

TEST(HeaderParams, DropsCommentsAnywhere) {
  const HeaderValue v = ParseHeaderValue("text/plain (body text); charset=us-ascii (Plain text)");
  EXPECT_EQ(v.value, "text/plain");
  EXPECT_EQ(v.params.at("charset"), "us-ascii");
}

TEST(HeaderParams, ToleratesBlanksAroundSlashAndMissingSemicolon) {
  EXPECT_EQ(ParseHeaderValue("  text / plain ").value, "text/plain");
  const HeaderValue v = ParseHeaderValue("text/html charset=utf-8");
  EXPECT_EQ(v.value, "text/html");
  EXPECT_EQ(v.params.at("charset"), "utf-8");
}

TEST(HeaderParams, UnfoldsFoldedValues) {
  const HeaderValue v = ParseHeaderValue("multipart/mixed;\r\n\tboundary=\"----=_Part_1\"");
  EXPECT_EQ(v.value, "multipart/mixed");
  EXPECT_EQ(v.params.at("boundary"), "----=_Part_1");
}

TEST(HeaderParams, DecodesRfc2231CharsetAndPercentEncoding) {
  const HeaderValue v = ParseHeaderValue("attachment; filename*=utf-8''%E2%82%AC%20rates.pdf");
  EXPECT_EQ(v.params.at("filename"), "€ rates.pdf");
  const HeaderValue latin = ParseHeaderValue("attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt");
  EXPECT_EQ(latin.params.at("filename"), "Grüße.txt");
}

TEST(HeaderParams, JoinsRfc2231ContinuationsInIndexOrderMixingEncodedAndPlain) {
  const HeaderValue v = ParseHeaderValue(
      "attachment;\r\n filename*1*=%E2%82%AC;\r\n filename*0*=utf-8''Preis%20;\r\n"
      " filename*2=\" final.pdf\"");
  EXPECT_EQ(v.params.at("filename"), "Preis € final.pdf");
  const HeaderValue plain = ParseHeaderValue("message/external-body; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub\"");
  EXPECT_EQ(plain.params.at("url"), "ftp://cs.utk.edu/pub");
}

TEST(HeaderParams, MultibyteCharacterSplitAcrossContinuationsReassembles) {
  // "日本" in UTF-8 with the first character split between sections.
  const HeaderValue v = ParseHeaderValue("inline; name*0*=UTF-8''%E6%97; name*1*=%A5%E6%9C%AC");
  EXPECT_EQ(v.params.at("name"), "日本");
}

TEST(HeaderParams, ExtendedParameterWinsOverPlainOne) {
  const HeaderValue v = ParseHeaderValue("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%C3%A9t%C3%A9.pdf");
  EXPECT_EQ(v.params.at("filename"), "été.pdf");
}

TEST(HeaderParams, DecodesEncodedWordsInQuotedValues) {
  const HeaderValue v = ParseHeaderValue("application/pdf; name=\"=?UTF-8?B?w6l0w6kucGRm?=\"");
  EXPECT_EQ(v.params.at("name"), "été.pdf");
  const HeaderValue sjis = ParseHeaderValue("attachment; filename=\"=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=.txt\"");
  EXPECT_EQ(sjis.params.at("filename"), "日本語.txt");
}

TEST(HeaderParams, RawEightBitValuesAreGuessed) {
  EXPECT_EQ(ParseHeaderValue("attachment; filename=\"caf\xe9.txt\"").params.at("filename"), "café.txt");
  EXPECT_EQ(ParseHeaderValue("attachment; filename=\"caf\xc3\xa9.txt\"").params.at("filename"), "café.txt");
}

TEST(HeaderParams, BoundaryIsKeptByteForByte) {
  const HeaderValue v = ParseHeaderValue("multipart/alternative; boundary==?utf-8?Q?x?=");
  EXPECT_EQ(v.params.at("boundary"), "=?utf-8?Q?x?=");
}

TEST(HeaderParams, JunkYieldsWhatCanBeRecognised) {
  EXPECT_EQ(ParseHeaderValue("").value, "");
  EXPECT_TRUE(ParseHeaderValue(";;;=;==").params.empty());
  const HeaderValue v = ParseHeaderValue("text/plain; charset=\"unterminated; x=1");
  EXPECT_EQ(v.params.at("charset"), "unterminated; x=1");
  const HeaderValue c = ParseHeaderValue("text/plain; (unterminated comment; charset=utf-8");
  EXPECT_EQ(c.value, "text/plain");
  EXPECT_EQ(ParseHeaderValue("attachment; filename*99999=x").params.count("filename"), 0u);
}

TEST(HeaderParams, FirstOfRepeatedParametersWins) {
  EXPECT_EQ(ParseHeaderValue("text/plain; charset=utf-8; charset=latin1").params.at("charset"), "utf-8");
}

TEST(HeaderParams, ManyParametersAreBounded) {
  std::string raw = "text/plain";
  for (int i = 0; i < 5000; ++i) raw += "; p" + std::to_string(i) + "=v";
  const HeaderValue v = ParseHeaderValue(raw);
  EXPECT_LE(v.params.size(), 300u);
  std::string sections = "attachment";
  for (int i = 0; i < 5000; ++i) sections += "; f*" + std::to_string(i % 1000) + "=ab";
  EXPECT_LE(ParseHeaderValue(sections).params.at("f").size(), 2000u);
}
