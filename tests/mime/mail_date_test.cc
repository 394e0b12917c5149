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

TEST(MailDate, EveryObsoleteFormOfRfc5322Section4_3Parses) {
  // No blank before the zone (the example).
  EXPECT_EQ(*Rfc5322DateToIso("01 Jan 2001 00:01+0000"), "2001-01-01T00:01:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("Mon, 6 Jan 2025 10:00:00-0500"), "2025-01-06T10:00:00-05:00");
  // Comments (nested, with quoted pairs) anywhere CFWS may appear, and blanks around the colons.
  EXPECT_EQ(*Rfc5322DateToIso("(x) Mon (day) , 6 (d) Jan (m(n)) 2025 10 : 00 : 00 (t) +0100 (\\)"),
            "2025-01-06T10:00:00+01:00");
  EXPECT_EQ(*Rfc5322DateToIso("Mon,\r\n 6 Jan 2025\r\n 10:00:00 +0100"), "2025-01-06T10:00:00+01:00");
  // Two- and three-digit years (00-49 -> 20xx, 50-99 and three digits -> 1900 + n).
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 25 10:00 +0000"), "2025-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 99 10:00 +0000"), "1999-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 105 10:00 +0000"), "2005-01-06T10:00:00+00:00");
  // obs-zone: UT, GMT, the US zones; military letters and unknown names mean "-0000".
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 2025 10:00 UT"), "2025-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 2025 10:00 pdt"), "2025-01-06T10:00:00-07:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 2025 10:00 A"), "2025-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("6 Jan 2025 10:00:00 +0000 GMT"), "2025-01-06T10:00:00+00:00");
  // Missing seconds, missing day name, one-digit day, full month name, a leap second.
  EXPECT_EQ(*Rfc5322DateToIso("6 January 2025 10:00 +0000"), "2025-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("31 Dec 2016 23:59:60 +0000"), "2016-12-31T23:59:59+00:00");
  // asctime(), as old software writes it.
  EXPECT_EQ(*Rfc5322DateToIso("Mon Jan  6 10:00:00 2025"), "2025-01-06T10:00:00+00:00");
  EXPECT_EQ(*Rfc5322DateToIso("Thu Jan  9 10:00:00 PST 2025"), "2025-01-09T10:00:00-08:00");
}

TEST(MailDate, BrokenSendersZoneWithAColonAndDashedDateKeepTheirInstant) {
  // Not RFC 5322, but unambiguous, and reading "+01:00" as an unknown zone would move the instant.
  EXPECT_EQ(*Rfc5322DateToIso("Mon, 06 Jan 2025 10:00:00 +01:00"), "2025-01-06T10:00:00+01:00");
  EXPECT_EQ(*Rfc5322DateToIso("Mon, 06 Jan 2025 10:00:00-05:30"), "2025-01-06T10:00:00-05:30");
  // The day-month-year order with dashes (as in IMAP's INTERNALDATE).
  EXPECT_EQ(*Rfc5322DateToIso("Mon, 06-Jan-2025 10:00:00 +0100"), "2025-01-06T10:00:00+01:00");
  EXPECT_EQ(*Rfc5322DateToIso("6-jan-25 10:00 -0000"), "2025-01-06T10:00:00+00:00");
}

TEST(MailDate, GarbageIsRejectedNotGuessed) {
  EXPECT_FALSE(Rfc5322DateToIso("6 Jan 2025").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("6 Jan 2025 10 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("6 Jan 1850 10:00 +0000").has_value());
  EXPECT_FALSE(Rfc5322DateToIso("2025-01-06T10:00:00Z").has_value());
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
