// Period-over-period comparison: which window a report is compared with, the changes of
// counts, amounts and rates (zero and null bases included), and the groups side by side.
// Every expected figure is worked out by hand beside it.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }

report_options window(const char* from, const char* to) {
  report_options options;
  options.from = d(from);
  options.to = d(to);
  return options;
}

comparison_window compared(report_options options, const char* spec) {
  options.compare = comparison_spec::parse(spec);
  return comparison_window_for(options);
}

void expect_window(const comparison_window& w, const char* from, const char* to,
                   const char* as_of) {
  EXPECT_EQ(w.from.to_string(), from);
  EXPECT_EQ(w.to.to_string(), to);
  EXPECT_EQ(w.as_of.to_string(), as_of);
}

TEST(ComparisonWindow, PreviousOfWholeMonthsIsAsManyMonthsBefore) {
  // Q1 2020 has 91 days, Q4 2019 92: months, not days.
  expect_window(compared(window("2020-01-01", "2020-03-31"), "previous"), "2019-10-01",
                "2019-12-31", "2019-12-31");
  expect_window(compared(window("2020-03-01", "2020-03-31"), "previous"), "2020-02-01",
                "2020-02-29", "2020-02-29");
  expect_window(compared(window("2020-01-01", "2020-02-29"), "previous"), "2019-11-01",
                "2019-12-31", "2019-12-31");
  expect_window(compared(window("2020-01-01", "2020-12-31"), "previous"), "2019-01-01",
                "2019-12-31", "2019-12-31");
}

TEST(ComparisonWindow, PreviousOfOtherWindowsIsAsManyDaysBefore) {
  // 10 days, 03-05 … 03-14: the 10 days before, 02-24 … 03-04 (2020 is a leap year).
  expect_window(compared(window("2020-03-05", "2020-03-14"), "previous"), "2020-02-24",
                "2020-03-04", "2020-03-04");
  expect_window(compared(window("2020-01-01", "2020-01-01"), "previous"), "2019-12-31",
                "2019-12-31", "2019-12-31");
}

TEST(ComparisonWindow, YearAgoIsTheSameMonthsOrDays) {
  expect_window(compared(window("2020-01-01", "2020-03-31"), "year-ago"), "2019-01-01",
                "2019-03-31", "2019-03-31");
  expect_window(compared(window("2020-02-01", "2020-02-29"), "year-ago"), "2019-02-01",
                "2019-02-28", "2019-02-28");
  // A whole February a year after a leap year compares with the whole leap February.
  expect_window(compared(window("2021-02-01", "2021-02-28"), "year-ago"), "2020-02-01",
                "2020-02-29", "2020-02-29");
  expect_window(compared(window("2020-02-10", "2020-02-29"), "year-ago"), "2019-02-10",
                "2019-02-28", "2019-02-28");
}

TEST(ComparisonWindow, AnExplicitWindow) {
  expect_window(compared(window("2020-01-01", "2020-03-31"), "2019-07-01..2019-08-15"),
                "2019-07-01", "2019-08-15", "2019-08-15");
}

TEST(ComparisonWindow, AsOfKeepsItsDistanceFromTheWindowsEnd) {
  report_options options = window("2020-01-01", "2020-03-31");
  options.as_of = d("2020-04-10");  // 10 days after the end
  expect_window(compared(options, "previous"), "2019-10-01", "2019-12-31", "2020-01-10");
  options.as_of = d("2020-03-21");  // 10 days before the end
  expect_window(compared(options, "year-ago"), "2019-01-01", "2019-03-31", "2019-03-21");
  // 30 days before the end of March is 1 March; 30 days before 29 February lies before
  // February: the comparison as-of stops at its window's start.
  options = window("2020-03-01", "2020-03-31");
  options.as_of = d("2020-03-01");
  expect_window(compared(options, "previous"), "2020-02-01", "2020-02-29", "2020-02-01");
}

TEST(ComparisonWindow, WithoutACompareOptionThereIsNone) {
  EXPECT_THROW(comparison_window_for(window("2020-01-01", "2020-03-31")), usage_error);
}

TEST(ComparisonSpec, ParsesTheThreeForms) {
  EXPECT_EQ(comparison_spec::parse("previous").kind, comparison_kind::previous);
  EXPECT_EQ(comparison_spec::parse("year-ago").kind, comparison_kind::year_ago);
  const comparison_spec explicit_window = comparison_spec::parse("2019-10-01..2019-12-31");
  EXPECT_EQ(explicit_window.kind, comparison_kind::window);
  EXPECT_EQ(explicit_window.from, d("2019-10-01"));
  EXPECT_EQ(explicit_window.to, d("2019-12-31"));
}

void expect_usage_error(const char* text, const std::string& message) {
  try {
    comparison_spec::parse(text);
    ADD_FAILURE() << "no usage_error for " << text;
  } catch (const usage_error& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(ComparisonSpec, RefusesAnythingElse) {
  expect_usage_error("quarterly",
                     "comparison 'quarterly' is not previous, year-ago or FROM..TO "
                     "(YYYY-MM-DD..YYYY-MM-DD)");
  expect_usage_error("2019-10-01..2019-09-30",
                     "comparison window '2019-10-01..2019-09-30' ends before it starts");
  expect_usage_error("2019-02-30..2019-03-31",
                     "comparison window '2019-02-30..2019-03-31': '2019-02-30' is not a "
                     "calendar date");
}

TEST(ComparisonSpec, AnExplicitWindowBuiltBackwardsIsRefusedByValidate) {
  report_options options = window("2020-01-01", "2020-03-31");
  options.compare = comparison_spec{comparison_kind::window, d("2019-12-31"), d("2019-10-01")};
  EXPECT_THROW(options.validate(), usage_error);
}

TEST(CountChange, AbsoluteAndRelative) {
  const count_change up = compare_counts(186, 150);  // +36, 36/150 = 24%
  EXPECT_EQ(up.base, 150);
  EXPECT_EQ(up.change, 36);
  EXPECT_DOUBLE_EQ(*up.relative(), 0.24);
  EXPECT_EQ(up.relative_display(1), "+24.0%");
  EXPECT_EQ(up.relative_display(0), "+24%");

  const count_change down = compare_counts(1, 3);  // −2/3 = −66.666…%
  EXPECT_EQ(down.change, -2);
  EXPECT_EQ(down.relative_display(1), "-66.7%");
  EXPECT_EQ(compare_counts(0, 5).relative_display(1), "-100.0%");
  EXPECT_EQ(compare_counts(7, 7).relative_display(1), "0.0%");
  // 9 against 8 is +12.5%: half-up gives 13 at no decimals.
  EXPECT_EQ(compare_counts(9, 8).relative_display(0), "+13%");
  EXPECT_EQ(compare_counts(7, 8).relative_display(0), "-13%");
  // −1/100001 = −0.00099…%: rounds to zero, shown without a sign.
  EXPECT_EQ(compare_counts(100000, 100001).relative_display(1), "0.0%");
}

TEST(CountChange, AZeroBaseHasNoRelativeChange) {
  const count_change from_zero = compare_counts(5, 0);
  EXPECT_EQ(from_zero.change, 5);
  EXPECT_FALSE(from_zero.relative().has_value());
  EXPECT_FALSE(from_zero.relative_display(1).has_value());
  const count_change zeros = compare_counts(0, 0);
  EXPECT_EQ(zeros.change, 0);
  EXPECT_FALSE(zeros.relative().has_value());
}

TEST(CountChange, AChangeThatDoesNotFitIsAnOverflowError) {
  EXPECT_THROW(compare_counts(std::numeric_limits<std::int64_t>::max(), -1), overflow_error);
}

TEST(MoneyChange, AbsoluteAndRelative) {
  const money_change up =
      compare_money(money::parse("160000.00"), money::parse("100000.00"));  // +60%
  EXPECT_EQ(up.change.to_string(), "60000.00");
  EXPECT_EQ(up.relative_display(1), "+60.0%");
  const money_change from_zero = compare_money(money::parse("400000.00"), money{});
  EXPECT_EQ(from_zero.change.to_string(), "400000.00");
  EXPECT_FALSE(from_zero.relative().has_value());
  EXPECT_FALSE(from_zero.relative_display(1).has_value());
  // 0.01 against 0.03 yuan: −2/3.
  EXPECT_EQ(compare_money(money::from_fen(1), money::from_fen(3)).relative_display(2), "-66.67%");
}

TEST(RateChange, PercentagePoints) {
  // 184/186 = 98.9247…%, 150/160 = 93.75%: +5.1747… points.
  const rate_change up{{184, 186}, {150, 160}};
  EXPECT_NEAR(*up.points(), 5.174731, 1e-6);
  EXPECT_EQ(up.points_display(1), "+5.2");
  EXPECT_EQ(up.points_display(3), "+5.175");
  // 1/3 against 2/3: −33.333… points.
  EXPECT_EQ((rate_change{{1, 3}, {2, 3}}.points_display(1)), "-33.3");
  EXPECT_EQ((rate_change{{1, 2}, {2, 4}}.points_display(1)), "0.0");
  // 1/8 = 12.5% against 0: 12.5 points, half-up at no decimals.
  EXPECT_EQ((rate_change{{1, 8}, {0, 1}}.points_display(0)), "+13");
  EXPECT_EQ((rate_change{{0, 1}, {1, 8}}.points_display(0)), "-13");
}

TEST(RateChange, ANullRateOnEitherSideHasNoChange) {
  const rate_change null_base{{1, 2}, {0, 0}};
  EXPECT_FALSE(null_base.points().has_value());
  EXPECT_FALSE(null_base.points_display(1).has_value());
  const rate_change null_value{{0, 0}, {1, 2}};
  EXPECT_FALSE(null_value.points().has_value());
  EXPECT_FALSE(null_value.points_display(1).has_value());
}

// --- whole reports ----------------------------------------------------------------------

case_record reported(std::string id, std::string district_id, const char* on,
                     std::optional<case_channel> channel = case_channel::phone) {
  case_record c;
  c.id = std::move(id);
  c.district = std::move(district_id);
  c.reported_on = d(on);
  c.channel = channel;
  return c;
}
case_record resolved(case_record c, const char* on) {
  c.status = case_status::resolved;
  c.resolved_on = d(on);
  return c;
}

district make_district(std::string id) {
  district made;
  made.id = id;
  made.name = id;
  return made;
}

// Q1 2020 against Q4 2019.
//   a: Q4 three cases (one resolved), Q1 four (all resolved by 03-31).
//   b: Q4 none, Q1 one (open).
//   A case without a channel only in Q1.
ledger quarters_ledger() {
  ledger_builder builder;
  builder.add(make_district("a"));
  builder.add(make_district("b"));
  builder.add(resolved(reported("q4-1", "a", "2019-10-05"), "2019-10-20"));
  builder.add(reported("q4-2", "a", "2019-11-05"));
  builder.add(reported("q4-3", "a", "2019-12-20"));
  builder.add(resolved(reported("q1-1", "a", "2020-01-05"), "2020-01-06"));
  builder.add(resolved(reported("q1-2", "a", "2020-01-25"), "2020-02-06"));
  builder.add(resolved(reported("q1-3", "a", "2020-03-05"), "2020-03-06"));
  builder.add(resolved(reported("q1-4", "a", "2020-03-15", std::nullopt), "2020-03-16"));
  builder.add(reported("q1-5", "b", "2020-02-05"));
  return std::move(builder).build();
}

TEST(ComparedReport, EveryGroupAndTheTotalCarryTheirComparison) {
  const ledger book = quarters_ledger();
  report_options options = window("2020-01-01", "2020-03-31");
  options.compare = comparison_spec::parse("previous");
  const report r = compute_report(book, options);
  ASSERT_TRUE(r.comparison.has_value());
  EXPECT_EQ(r.comparison->kind, comparison_kind::previous);
  EXPECT_EQ(r.comparison->from, d("2019-10-01"));
  EXPECT_EQ(r.comparison->as_of, d("2019-12-31"));

  ASSERT_EQ(r.groups.size(), 2u);
  ASSERT_TRUE(r.groups[0].comparison.has_value());
  const group_metrics& a_then = *r.groups[0].comparison;
  EXPECT_EQ(a_then.cases.coordinated, 3);
  EXPECT_EQ(a_then.cases.resolved, 1);
  EXPECT_EQ(a_then.backlog.ages.count(), 2);  // q4-2, q4-3 open at 2019-12-31
  EXPECT_EQ(r.groups[0].metrics.cases.resolved, 4);
  // b had nothing in Q4: zeros, so its relative change is null, not infinite.
  ASSERT_TRUE(r.groups[1].comparison.has_value());
  EXPECT_EQ(r.groups[1].comparison->cases.coordinated, 0);
  EXPECT_FALSE(compare_counts(r.groups[1].metrics.cases.coordinated,
                              r.groups[1].comparison->cases.coordinated)
                   .relative()
                   .has_value());
  ASSERT_TRUE(r.total.comparison.has_value());
  EXPECT_EQ(r.total.comparison->cases.coordinated, 3);
  EXPECT_EQ(r.total.metrics.cases.coordinated, 5);

  // Without the option, nothing is compared.
  const report plain = compute_report(book, window("2020-01-01", "2020-03-31"));
  EXPECT_FALSE(plain.comparison.has_value());
  EXPECT_FALSE(plain.groups[0].comparison.has_value());
  EXPECT_FALSE(plain.total.comparison.has_value());
}

TEST(ComparedReport, MonthsAreComparedByTheirPlaceInTheWindow) {
  const ledger book = quarters_ledger();
  report_options options = window("2020-01-01", "2020-03-31");
  options.group_by = {group_dimension::month};
  options.compare = comparison_spec::parse("previous");
  const report r = compute_report(book, options);
  ASSERT_EQ(r.groups.size(), 3u);
  // January against October, February against November, March against December.
  EXPECT_EQ(r.groups[0].metrics.cases.coordinated, 2);
  EXPECT_EQ(r.groups[0].comparison->cases.coordinated, 1);
  EXPECT_EQ(r.groups[0].comparison->cases.resolved, 1);
  EXPECT_EQ(r.groups[1].comparison->cases.coordinated, 1);
  EXPECT_EQ(r.groups[1].comparison->cases.resolved, 0);
  EXPECT_EQ(r.groups[2].comparison->cases.coordinated, 1);
}

TEST(ComparedReport, AGroupOnlyThisPeriodHasComparedZeros) {
  const ledger book = quarters_ledger();
  report_options options = window("2020-01-01", "2020-03-31");
  options.group_by = {group_dimension::channel};
  options.compare = comparison_spec::parse("year-ago");
  const report r = compute_report(book, options);
  ASSERT_EQ(r.groups.size(), 8u);  // the 7 channels and null (q1-4)
  EXPECT_FALSE(r.groups.back().key[0].has_value());
  EXPECT_EQ(r.groups.back().metrics.cases.coordinated, 1);
  EXPECT_EQ(r.groups.back().comparison, group_metrics{});
}

TEST(ComparedReport, FinishingNeedsTheComparisonPartsExactlyWhenAsked) {
  const ledger book = quarters_ledger();
  report_options options = window("2020-01-01", "2020-03-31");
  aggregator now(book, options);
  now.add_all();
  const partial_aggregate parts = now.take();
  EXPECT_THROW(finish_report(parts, parts, book, options), usage_error);
  options.compare = comparison_spec::parse("previous");
  EXPECT_THROW(finish_report(parts, book, options), usage_error);

  const report_options base = comparison_options(options);
  EXPECT_FALSE(base.compare.has_value());
  EXPECT_EQ(base.from, d("2019-10-01"));
  aggregator then(book, base);
  then.add_all();
  const report split = finish_report(parts, then.take(), book, options);
  const report whole = compute_report(book, options);
  EXPECT_EQ(split.groups, whole.groups);
  EXPECT_EQ(split.total, whole.total);
  EXPECT_EQ(split.comparison, whole.comparison);
}

}  // namespace
}  // namespace caseledger
