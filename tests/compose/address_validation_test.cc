#include "compose/address_validation.h"

#include "testing.h"

using namespace mail_mcp;

namespace {
std::string Show(const std::vector<MailAddress>& list) {
  std::string s;
  for (const MailAddress& a : list) s += "[" + a.name + "|" + a.address + "]";
  return s;
}
picojson::value Json(const std::string& text) {
  picojson::value v;
  picojson::parse(v, text);
  return v;
}
}  // namespace

TEST(ValidateEmailAddress, AcceptsOrdinaryAddresses) {
  EXPECT_OK(ValidateEmailAddress("alice@example.com"));
  EXPECT_OK(ValidateEmailAddress("first.last+tag@mail.example.co.uk"));
  EXPECT_OK(ValidateEmailAddress("o'brien_#1@x-y.example"));
}

TEST(ValidateEmailAddress, RejectsMalformedAddresses) {
  for (const char* bad : {"", "alice", "@example.com", "alice@", "alice@localhost", "a..b@x.com", ".a@x.com",
                          "a.@x.com", "a b@x.com", "<a@x.com>", "a@x.com, b@y.com", "a@-x.com", "a@x-.com", "a@x..com",
                          "a@[1.2.3.4]", "\"a b\"@x.com", "a@x_y.com"}) {
    EXPECT_FALSE(ValidateEmailAddress(bad).ok());
  }
}

TEST(ValidateEmailAddress, RejectsLineBreaksAndNul) {
  EXPECT_CONTAINS(ValidateEmailAddress("a@x.com\r\nBcc: evil@y.com").message(), "CR, LF or NUL");
  EXPECT_FALSE(ValidateEmailAddress(std::string("a@x.com\0b", 9)).ok());
}

TEST(ValidateEmailAddress, EnforcesLengthLimits) {
  EXPECT_OK(ValidateEmailAddress(std::string(64, 'a') + "@x.com"));
  EXPECT_FALSE(ValidateEmailAddress(std::string(65, 'a') + "@x.com").ok());
  EXPECT_FALSE(ValidateEmailAddress("a@" + std::string(64, 'b') + ".com").ok());
  std::string long_domain;
  for (int i = 0; i < 5; ++i) long_domain += std::string(60, 'd') + ".";
  EXPECT_FALSE(ValidateEmailAddress("a@" + long_domain + "com").ok());
}

TEST(ValidateEmailAddress, NonAsciiAddressesGetAClearError) {
  EXPECT_CONTAINS(ValidateEmailAddress("jörg@x.de").message(), "non-ASCII");
  EXPECT_CONTAINS(ValidateEmailAddress("a@bücher.de").message(), "punycode");
  EXPECT_OK(ValidateEmailAddress("a@xn--bcher-kva.de"));
}

TEST(ParseRecipients, AcceptsOneCommaSeparatedString) {
  auto r = ParseRecipients(Json(R"("alice@x.com, \"Doe, John\" <john@y.com>, Bob <bob@z.org>")"));
  ASSERT_OK(r);
  EXPECT_EQ(Show(*r), "[|alice@x.com][Doe, John|john@y.com][Bob|bob@z.org]");
}

TEST(ParseRecipients, AcceptsArraysOfStringsAndObjects) {
  auto r = ParseRecipients(
      Json(R"(["a@x.com", {"name": "Jörg", "address": "j@x.de"}, {"email": "e@x.com"}, "C <c@x.com>, d@x.com"])"));
  ASSERT_OK(r);
  EXPECT_EQ(Show(*r), "[|a@x.com][Jörg|j@x.de][|e@x.com][C|c@x.com][|d@x.com]");
}

TEST(ParseRecipients, NullAndEmptyMeanNone) {
  auto a = ParseRecipients(picojson::value());
  ASSERT_OK(a);
  EXPECT_TRUE(a->empty());
  auto b = ParseRecipients(Json(R"("")"));
  ASSERT_OK(b);
  EXPECT_TRUE(b->empty());
  auto c = ParseRecipients(Json("[]"));
  ASSERT_OK(c);
  EXPECT_TRUE(c->empty());
}

TEST(ParseRecipients, RejectsInvalidEntries) {
  EXPECT_FALSE(ParseRecipients(Json(R"("alice@x.com, not an address")")).ok());
  EXPECT_FALSE(ParseRecipients(Json(R"(["alice"])")).ok());
  EXPECT_FALSE(ParseRecipients(Json(R"([{"name": "No address"}])")).ok());
  EXPECT_FALSE(ParseRecipients(Json(R"([{"address": 5}])")).ok());
  EXPECT_FALSE(ParseRecipients(Json("[42]")).ok());
  EXPECT_FALSE(ParseRecipients(Json("42")).ok());
  EXPECT_FALSE(ParseRecipients(Json(R"("a@x.com b@y.com")")).ok());
}

TEST(ParseRecipients, RejectsHeaderInjection) {
  EXPECT_CONTAINS(ParseRecipients(Json(R"("a@x.com\r\nBcc: evil@y.com")")).status().message(), "CR, LF or NUL");
  EXPECT_FALSE(ParseRecipients(Json(R"([{"name": "A\nBcc: e@y.com", "address": "a@x.com"}])")).ok());
  EXPECT_FALSE(ParseRecipients(Json(R"([{"name": "A", "address": "a@x.com\r\n"}])")).ok());
}

TEST(ParseRecipients, CapsTheNumberOfRecipients) {
  std::string list;
  for (size_t i = 0; i <= kMaxRecipients; ++i) list += "u" + std::to_string(i) + "@x.com,";
  EXPECT_FALSE(ParseRecipients(picojson::value(list)).ok());
}
