#include "caseledger/core/date.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using caseledger::date;

TEST(Date, ParsesAndPrintsIsoDates) {
  const date d = date::parse("2020-02-29");
  EXPECT_EQ(d.year(), 2020);
  EXPECT_EQ(d.month(), 2u);
  EXPECT_EQ(d.day(), 29u);
  EXPECT_EQ(d.to_string(), "2020-02-29");
  EXPECT_EQ(d.month_key(), "2020-02");
  EXPECT_EQ(date::parse("1970-01-01").days_since_epoch(), 0);
  EXPECT_EQ(date::parse("2020-01-01").days_since_epoch(), 18262);
}

TEST(Date, RefusesImpossibleDates) {
  try {
    (void)date::parse("2020-02-30");
    FAIL() << "2020-02-30 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "'2020-02-30' is not a calendar date");
  }
  EXPECT_THROW((void)date::parse("2019-02-29"), std::invalid_argument);
  EXPECT_THROW((void)date::parse("2020-13-01"), std::invalid_argument);
  EXPECT_THROW((void)date::parse("2020-00-10"), std::invalid_argument);
  EXPECT_THROW((void)date::from_ymd(2021, 4, 31), std::invalid_argument);
}

TEST(Date, RefusesOtherShapes) {
  for (const char* text :
       {"2020-1-5", "2020/01/05", "20200105", "2020-01-05T00:00", "", "２０２０-01-05"}) {
    try {
      (void)date::parse(text);
      FAIL() << text << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()),
                "'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
    }
  }
}

TEST(Date, CountsDaysAcrossMonthsAndLeapDays) {
  EXPECT_EQ(date::parse("2020-03-01") - date::parse("2020-02-28"), 2);
  EXPECT_EQ(date::parse("2019-03-01") - date::parse("2019-02-28"), 1);
  EXPECT_EQ(date::parse("2020-01-01") - date::parse("2020-01-05"), -4);
  EXPECT_EQ(date::parse("2020-01-31").plus_days(1), date::parse("2020-02-01"));
}

TEST(Date, OrdersChronologically) {
  EXPECT_LT(date::parse("2019-12-31"), date::parse("2020-01-01"));
  EXPECT_EQ(date::parse("2020-05-05"), date::from_ymd(2020, 5, 5));
}

TEST(Date, FindsMonthBoundaries) {
  EXPECT_EQ(date::parse("2020-02-17").first_of_month(), date::parse("2020-02-01"));
  EXPECT_EQ(date::parse("2020-02-17").first_of_next_month(), date::parse("2020-03-01"));
  EXPECT_EQ(date::parse("2020-12-31").first_of_next_month(), date::parse("2021-01-01"));
}

}  // namespace
