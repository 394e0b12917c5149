#include "imap/imap_utf7.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

std::string Decoded(std::string_view wire) { return DecodeImapUtf7(wire).value_or("<nullopt>"); }
std::string Encoded(std::string_view utf8) { return EncodeImapUtf7(utf8).value_or("<nullopt>"); }

}  // namespace

TEST(ImapUtf7, DecodesTheRfc3501Example) {
  EXPECT_EQ(Decoded("~peter/mail/&U,BTFw-/&ZeVnLIqe-"), "~peter/mail/台北/日本語");
}

TEST(ImapUtf7, EncodesTheRfc3501Example) {
  EXPECT_EQ(Encoded("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
}

TEST(ImapUtf7, AmpersandIsAmpersandDash) {
  EXPECT_EQ(Decoded("&-"), "&");
  EXPECT_EQ(Encoded("&"), "&-");
  EXPECT_EQ(Decoded("R&-D"), "R&D");
  EXPECT_EQ(Encoded("R&D"), "R&-D");
}

TEST(ImapUtf7, PlainAsciiIsUnchanged) {
  EXPECT_EQ(Decoded("INBOX.Sent Items-2024 ~!@#$%^*()"), "INBOX.Sent Items-2024 ~!@#$%^*()");
  EXPECT_EQ(Encoded("INBOX.Sent Items-2024"), "INBOX.Sent Items-2024");
  EXPECT_EQ(Decoded(""), "");
  EXPECT_EQ(Encoded(""), "");
}

TEST(ImapUtf7, EncodesEmojiAsASurrogatePair) {
  EXPECT_EQ(Encoded("😀"), "&2D3eAA-");
  EXPECT_EQ(Decoded("&2D3eAA-"), "😀");
  EXPECT_EQ(Encoded("Fun 😀🎉!"), "Fun &2D3eANg834k-!");
  EXPECT_EQ(Decoded("Fun &2D3eANg834k-!"), "Fun 😀🎉!");
}

TEST(ImapUtf7, EncodesLatinAccentsAndDashAfterShift) {
  EXPECT_EQ(Encoded("Entwürfe"), "Entw&APw-rfe");
  EXPECT_EQ(Encoded("ä-b"), "&AOQ--b");
  EXPECT_EQ(Decoded("&AOQ--b"), "ä-b");
  EXPECT_EQ(Encoded("ä&"), "&AOQ-&-");
  EXPECT_EQ(Decoded("&AOQ-&-"), "ä&");
}

TEST(ImapUtf7, RoundTripsAssortedNames) {
  for (std::string_view name : {"Ünïcödé/台北", "日本語", "a&b&&c", "Корзина", "&", "-&-", "x😀y😀z", "\xEF\xBF\xBF",
                                "\xF4\x8F\xBF\xBF", "tab\there", "\x7F"}) {
    auto wire = EncodeImapUtf7(name);
    ASSERT_TRUE(wire.has_value());
    auto back = DecodeImapUtf7(*wire);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, std::string(name));
  }
}

TEST(ImapUtf7, RejectsUnterminatedShift) {
  EXPECT_FALSE(DecodeImapUtf7("&U,BTFw").has_value());
  EXPECT_FALSE(DecodeImapUtf7("abc&").has_value());
}

TEST(ImapUtf7, RejectsBadBase64) {
  EXPECT_FALSE(DecodeImapUtf7("&U/BTFw-").has_value());  // '/' is ',' in modified base64
  EXPECT_FALSE(DecodeImapUtf7("&U=BTFw-").has_value());
  EXPECT_FALSE(DecodeImapUtf7("&U BTFw-").has_value());
}

TEST(ImapUtf7, RejectsNonCanonicalForms) {
  EXPECT_FALSE(DecodeImapUtf7("&AGE-").has_value());       // 'a' must be sent as itself
  EXPECT_FALSE(DecodeImapUtf7("&ACY-").has_value());       // '&' must be "&-"
  EXPECT_FALSE(DecodeImapUtf7("&AOQ-&APY-").has_value());  // two shifts in a row: one run
  EXPECT_FALSE(DecodeImapUtf7("&AOR-").has_value());       // non-zero padding bits
  EXPECT_FALSE(DecodeImapUtf7("&AOQA-").has_value());      // a whole unused sextet
  EXPECT_FALSE(DecodeImapUtf7("&AO-").has_value());        // half a UTF-16 unit
  EXPECT_FALSE(DecodeImapUtf7("&AAA-").has_value());       // U+0000
}

TEST(ImapUtf7, RejectsUnpairedSurrogates) {
  EXPECT_FALSE(DecodeImapUtf7("&2D0-").has_value());     // lone high surrogate
  EXPECT_FALSE(DecodeImapUtf7("&3gA-").has_value());     // lone low surrogate
  EXPECT_FALSE(DecodeImapUtf7("&3gDYPQ-").has_value());  // low before high
  EXPECT_FALSE(DecodeImapUtf7("&2D3YPQ-").has_value());  // high followed by high
  EXPECT_FALSE(DecodeImapUtf7("&2D0AYQ-").has_value());  // high followed by a BMP char
}

TEST(ImapUtf7, RejectsRawEightBitAndControlBytes) {
  EXPECT_FALSE(DecodeImapUtf7("Entwürfe").has_value());
  EXPECT_FALSE(DecodeImapUtf7("a\tb").has_value());
  EXPECT_FALSE(DecodeImapUtf7(std::string_view("a\0b", 3)).has_value());
}

TEST(ImapUtf7, EncoderRejectsInvalidUtf8) {
  EXPECT_FALSE(EncodeImapUtf7("\xC3").has_value());              // truncated
  EXPECT_FALSE(EncodeImapUtf7("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_FALSE(EncodeImapUtf7("\xED\xA0\x80").has_value());      // UTF-8-encoded surrogate
  EXPECT_FALSE(EncodeImapUtf7("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_FALSE(EncodeImapUtf7("\xFF").has_value());
  EXPECT_FALSE(EncodeImapUtf7(std::string_view("a\0b", 3)).has_value());
}
