#include "mime/mail_date.h"

#include "testing.h"

using namespace mail_mcp;

TEST(MailDate, Rfc5322DatesKeepTheSendersOffset) {
  EXPECT_EQ(*Rfc5322DateToIso("Mon, 06 Jan 2025 10:00:00 +0100"), "2025-01-06T10:00:00+01:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 2025 10:00 -0730"), "2025-01-06T10:00:00-07:30");
  EXPECT_EQ(*Rfc5322DateToIso("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)"), "2003-07-01T10:52:37+02:00");
}

TEST(MailDate, ObsoleteFormsStillParse) {
  EXPECT_EQ(*Rfc5322DateToIso("Fri, 21 Nov 97 09:55:06 GMT"), "1997-11-21T09:55:06+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("Thu, 13 Feb 1969 23:32:54 EST"), "1969-02-13T23:32:54-05:00");
  EXPECT_EQ(*Rfc5322DateToIso("Mon,6 Jan 2025 10:00:00 XYZ"), "2025-01-06T10:00:00+00:00");
}

TEST(MailDate, GarbageIsRejectedNotGuessed) {
  EXPECT_FALSE(Rfc5322DateToIso("").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("yesterday").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("31 Feb 2025 10:00:00 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("29 Feb 2023 10:00:00 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("6 Foo 2025 10:00:00 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("6 Jan 2025 25:00:00 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso(std::string(500, '1')).has_value());
}

TEST(MailDate, InternalDate) {
  EXPECT_EQ(*InternalDateToIso("17-Jul-1996 02:44:25 -0700"), "1996-07-17T02:44:25-07:00");
  EXPECT_EQ(*InternalDateToIso(" 7-Jul-1996 02:44:25 +0000"), "1996-07-07T02:44:25+00:00");
  EXPECT_FALSE(InternalDateToIso("garbage").has_value());
}

TEST(MailDate, UnixTimeIsFormattedInUtc) {
  EXPECT_EQ(UnixTimeToIso(0), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(UnixTimeToIso(1796386827), "2026-12-04T12:20:27+00:00");
}
