#include "util/calendar.h"

#include <string>

#include "testing.h"

using namespace mail_mcp;

TEST(Calendar, MonthAbbreviationsBothWays) {
  EXPECT_EQ(std::string(MonthAbbrev(1)), "Jan");
  EXPECT_EQ(std::string(MonthAbbrev(12)), "Dec");
  EXPECT_EQ(std::string(MonthAbbrev(13)), "");
  EXPECT_EQ(MonthFromAbbrev("feb"), 2);
  EXPECT_EQ(MonthFromAbbrev("DEC"), 12);
  EXPECT_EQ(MonthFromAbbrev("Foo"), 0);
  EXPECT_EQ(MonthFromAbbrev("January"), 0);
}

TEST(Calendar, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 0), 0);
}
