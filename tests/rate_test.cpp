#include "caseledger/metrics/rate.hpp"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

TEST(Rate, ValueIsTheFraction) {
  EXPECT_DOUBLE_EQ(*rate(1, 4).value(), 0.25);
  EXPECT_DOUBLE_EQ(*rate(40, 40).value(), 1.0);
  EXPECT_DOUBLE_EQ(*rate(0, 7).value(), 0.0);
}

TEST(Rate, ZeroDenominatorHasNoValueAndNoDisplay) {
  EXPECT_FALSE(rate(0, 0).value().has_value());
  EXPECT_FALSE(rate(0, 0).display(1).has_value());
  EXPECT_FALSE(rate(5, 0).display(0).has_value());
}

TEST(Rate, TheArticlesFigure) {
  // 184 / 186 = 98.9247…%
  EXPECT_EQ(rate(184, 186).display(1), "98.9%");
  EXPECT_EQ(rate(184, 186).display(0), "99%");
  EXPECT_EQ(rate(184, 186).display(2), "98.92%");
  EXPECT_EQ(rate(184, 186).display(6), "98.924731%");
}

TEST(Rate, RoundsHalfUpExactly) {
  // 1/8 = 12.5% exactly: half up gives 13% (a double-based banker's rounding would not).
  EXPECT_EQ(rate(1, 8).display(0), "13%");
  // 1/16 = 6.25%: half up to one decimal is 6.3%.
  EXPECT_EQ(rate(1, 16).display(1), "6.3%");
  // 3/8 = 37.5%.
  EXPECT_EQ(rate(3, 8).display(0), "38%");
  // 1/3 = 33.333…%, 2/3 = 66.666…%.
  EXPECT_EQ(rate(1, 3).display(1), "33.3%");
  EXPECT_EQ(rate(2, 3).display(1), "66.7%");
  // 33/38 = 86.842…% (Lianjiang's January–February figure).
  EXPECT_EQ(rate(33, 38).display(1), "86.8%");
}

TEST(Rate, WholeAndEmptyRates) {
  EXPECT_EQ(rate(40, 40).display(1), "100.0%");
  EXPECT_EQ(rate(40, 40).display(0), "100%");
  EXPECT_EQ(rate(0, 3).display(1), "0.0%");
  EXPECT_EQ(rate(0, 3).display(0), "0%");
  // 999/1000 = 99.9% rounds to 100% at 0 decimals.
  EXPECT_EQ(rate(999, 1000).display(0), "100%");
  EXPECT_EQ(rate(1, 1000).display(1), "0.1%");
  EXPECT_EQ(rate(1, 10000).display(1), "0.0%");
  EXPECT_EQ(rate(5, 10000).display(1), "0.1%");  // 0.05% exactly, half up
}

TEST(Rate, HugeCountsDoNotOverflow) {
  constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(rate(big, big).display(1), "100.0%");
  EXPECT_EQ(rate(big - 1, big).display(3), "100.000%");
  EXPECT_EQ(rate(1, big).display(6), "0.000000%");
}

TEST(Rate, NegativeFractionsKeepTheirSign) {
  EXPECT_EQ(rate(-1, 8).display(0), "-13%");
  EXPECT_EQ(rate(1, -4).display(1), "-25.0%");
  EXPECT_EQ(rate(-1, 10000).display(1), "0.0%");  // no "-0.0%"
}

TEST(Rate, DecimalsOutsideZeroToSixAreAUsageError) {
  try {
    (void)rate(1, 2).display(7);
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "rate decimals must be 0 to 6, got 7");
  }
  EXPECT_THROW((void)rate(1, 2).display(-1), usage_error);
  EXPECT_THROW((void)rate(0, 0).display(-1), usage_error);
}

TEST(Rate, EqualityIsOnTheFractionAsWritten) {
  EXPECT_EQ(rate(1, 2), rate(1, 2));
  EXPECT_NE(rate(1, 2), rate(2, 4));
}

}  // namespace
}  // namespace caseledger
