#include "caseledger/core/money.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <system_error>
#include <type_traits>

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"

namespace {

using caseledger::money;

TEST(Money, ParsesTheFormsLedgersUse) {
  EXPECT_EQ(money::parse("400000.00").fen(), 40'000'000);
  EXPECT_EQ(money::parse("400000").fen(), 40'000'000);
  EXPECT_EQ(money::parse("400000.5").fen(), 40'000'050);
  EXPECT_EQ(money::parse("0.01").fen(), 1);
  EXPECT_EQ(money::parse("-12.30").fen(), -1'230);
  EXPECT_EQ(money::parse("0").fen(), 0);
}

TEST(Money, ParsesJsonExponentsExactly) {
  EXPECT_EQ(money::parse("4e5").fen(), 40'000'000);
  EXPECT_EQ(money::parse("1.5E+2").fen(), 15'000);
  EXPECT_EQ(money::parse("1234e-2").fen(), 1'234);
  EXPECT_EQ(money::parse("12.300").fen(), 1'230);  // trailing zeros are not precision
  EXPECT_EQ(money::parse("0.000").fen(), 0);
}

TEST(Money, RefusesOverPreciseAmounts) {
  try {
    (void)money::parse("12.345");
    FAIL() << "12.345 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "amount '12.345' has more than two decimals");
  }
  EXPECT_THROW((void)money::parse("1e-3"), std::invalid_argument);
}

TEST(Money, RefusesWhatIsNotADecimalNumber) {
  for (const char* text : {"", "abc", "1.", ".5", "1,000", "+5", "1e", "1.2.3", " 1", "¥5"}) {
    EXPECT_THROW((void)money::parse(text), std::invalid_argument) << text;
  }
}

TEST(Money, DetectsAmountsThatDoNotFit) {
  // int64 max is 9223372036854775807 fen = 92233720368547758.07 yuan.
  EXPECT_EQ(money::parse("92233720368547758.07").fen(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(money::parse("-92233720368547758.08").fen(), std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW((void)money::parse("92233720368547758.08"), caseledger::overflow_error);
  EXPECT_THROW((void)money::parse("1e30"), caseledger::overflow_error);
  EXPECT_THROW((void)money::parse("99999999999999999999999"), caseledger::overflow_error);
}

TEST(Money, PrintsTwoDecimals) {
  EXPECT_EQ(money::from_fen(40'000'000).to_string(), "400000.00");
  EXPECT_EQ(money::from_fen(5).to_string(), "0.05");
  EXPECT_EQ(money::from_fen(-50).to_string(), "-0.50");
  EXPECT_EQ(money::from_fen(std::numeric_limits<std::int64_t>::min()).to_string(),
            "-92233720368547758.08");
}

TEST(Money, PrintsWanYuanRoundedHalfUp) {
  EXPECT_EQ(money::parse("160000").to_wan_string(), "16.00");
  EXPECT_EQ(money::parse("160000").to_wan_string(0), "16");
  EXPECT_EQ(money::parse("5500000").to_wan_string(1), "550.0");
  EXPECT_EQ(money::parse("125").to_wan_string(2), "0.01");    // 0.0125 -> 0.01
  EXPECT_EQ(money::parse("150").to_wan_string(2), "0.02");    // 0.015 -> 0.02 (half up)
  EXPECT_EQ(money::parse("-150").to_wan_string(2), "-0.02");  // away from zero
  EXPECT_EQ(money::parse("49").to_wan_string(2), "0.00");
  EXPECT_EQ(money::parse("120000000").to_wan_string(0), "12000");  // 1.2亿
}

TEST(Money, SumsBeyondDoublePrecisionStayExact) {
  // 2^53 fen + 1 fen is not representable as a double; the sum must be exact.
  const money big = money::from_fen(9'007'199'254'740'992);
  EXPECT_EQ((big + money::from_fen(1)).fen(), 9'007'199'254'740'993);
  EXPECT_EQ((big + money::from_fen(1)).to_string(), "90071992547409.93");
}

TEST(Money, OverflowingSumThrowsInsteadOfWrapping) {
  money total = money::from_fen(std::numeric_limits<std::int64_t>::max());
  EXPECT_THROW(total += money::from_fen(1), caseledger::overflow_error);
  EXPECT_EQ(total.fen(), std::numeric_limits<std::int64_t>::max()) << "unchanged after a throw";
  money low = money::from_fen(std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW(low -= money::from_fen(1), caseledger::overflow_error);
}

}  // namespace

namespace caseledger {
namespace {

TEST(Errors, EveryErrorOfTheLibraryIsACaseledgerErrorAndItsStandardOne) {
  static_assert(std::is_base_of_v<error, ledger_error> &&
                std::is_base_of_v<std::invalid_argument, ledger_error>);
  static_assert(std::is_base_of_v<error, file_error> &&
                std::is_base_of_v<std::system_error, file_error>);
  static_assert(std::is_base_of_v<error, usage_error> &&
                std::is_base_of_v<std::invalid_argument, usage_error>);
  static_assert(std::is_base_of_v<error, value_error> &&
                std::is_base_of_v<std::invalid_argument, value_error>);
  static_assert(std::is_base_of_v<error, overflow_error> &&
                std::is_base_of_v<std::overflow_error, overflow_error>);
  try {
    date::parse("2020-02-30");
    FAIL() << "an impossible date parsed";
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "'2020-02-30' is not a calendar date");
  }
}

TEST(Errors, AnAmountWithTooManyDecimalsSaysSoByItsKind) {
  try {
    money::parse("1.005");
    FAIL() << "three decimals parsed";
  } catch (const value_error& e) {
    EXPECT_EQ(e.reason(), value_error::kind::too_precise);
    EXPECT_STREQ(e.what(), "amount '1.005' has more than two decimals");
  }
  try {
    money::parse("1.0x");
    FAIL() << "a malformed amount parsed";
  } catch (const value_error& e) {
    EXPECT_EQ(e.reason(), value_error::kind::malformed);
    EXPECT_STREQ(e.what(), "'1.0x' is not a decimal amount");
  }
}

}  // namespace
}  // namespace caseledger
