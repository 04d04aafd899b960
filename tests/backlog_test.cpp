// Backlog aging: the open cases at as_of by age bucket and the oldest one, over hand-made
// cases whose ages sit on every bucket boundary (worked out in the comments).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/group_metrics.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

using counts = std::vector<std::int64_t>;

date d(const char* text) { return date::parse(text); }

case_record reported(std::string id, std::string district_id, const char* on) {
  case_record c;
  c.id = std::move(id);
  c.district = std::move(district_id);
  c.reported_on = d(on);
  return c;
}
case_record resolved(case_record c, const char* on) {
  c.status = case_status::resolved;
  c.resolved_on = d(on);
  return c;
}
case_record closed(case_record c, case_status status, const char* on) {
  c.status = status;
  c.closed_on = d(on);
  return c;
}

district make_district(std::string id) {
  district made;
  made.id = id;
  made.name = id;
  return made;
}

ledger make_ledger(std::vector<case_record> cases) {
  ledger_builder builder;
  builder.add(make_district("a"));
  builder.add(make_district("b"));
  for (case_record& c : cases) builder.add(std::move(c));
  return std::move(builder).build();
}

backlog_metrics with_ages(const std::vector<std::int32_t>& ages) {
  backlog_metrics backlog;
  for (std::size_t i = 0; i < ages.size(); ++i) backlog.add("c" + std::to_string(i), ages[i]);
  return backlog;
}

TEST(Backlog, BucketsIncludeTheirLastDay) {
  // 0 and 7 in 0–7; 8 and 30 in 8–30; 31 and 90 in 31–90; 91 and 400 over 90.
  const backlog_metrics backlog = with_ages({0, 7, 8, 30, 31, 90, 91, 400});
  EXPECT_EQ(backlog.bucket_counts({7, 30, 90}), (counts{2, 2, 2, 2}));
  EXPECT_EQ(backlog.bucket_counts({0}), (counts{1, 7}));
  EXPECT_EQ(backlog.bucket_counts({}), (counts{8}));
  EXPECT_EQ(backlog.bucket_counts({1000}), (counts{8, 0}));
  EXPECT_EQ(backlog_metrics{}.bucket_counts({7, 30, 90}), (counts{0, 0, 0, 0}));
}

TEST(Backlog, OlderThanIsStrict) {
  const backlog_metrics backlog = with_ages({0, 7, 8, 30, 31, 90, 91, 400});
  EXPECT_EQ(backlog.older_than(30), 4);  // 31, 90, 91, 400
  EXPECT_EQ(backlog.older_than(0), 7);
  EXPECT_EQ(backlog.older_than(400), 0);
  EXPECT_EQ(backlog.older_than(-1), 8);
}

TEST(Backlog, TheOldestIsTheGreatestAgeThenTheSmallestId) {
  backlog_metrics backlog;
  EXPECT_FALSE(backlog.oldest.has_value());
  backlog.add("b", 10);
  backlog.add("a", 10);
  backlog.add("c", 9);
  EXPECT_EQ(backlog.oldest, (open_case_age{"a", 10}));
  backlog.add("z", 11);
  EXPECT_EQ(backlog.oldest, (open_case_age{"z", 11}));
}

TEST(Backlog, MergingInEitherOrderGivesTheSame) {
  backlog_metrics one;
  one.add("b", 10);
  one.add("x", 3);
  backlog_metrics two;
  two.add("a", 10);
  two.add("y", 40);
  two.add("z", 40);
  backlog_metrics left = one;
  left.merge(two);
  backlog_metrics right = two;
  right.merge(one);
  EXPECT_EQ(left, right);
  EXPECT_EQ(left.oldest, (open_case_age{"y", 40}));
  EXPECT_EQ(left.bucket_counts({7, 30, 90}), (counts{1, 2, 2, 0}));
  backlog_metrics empty;
  empty.merge(left);
  EXPECT_EQ(empty, left);
}

// Window 2019-12-01 … 2020-03-31, as of 2020-03-31, district a:
//   a1 reported 03-31, open                     age 0    0–7
//   a2 reported 03-24, open                     age 7    0–7
//   a3 reported 03-23, open                     age 8    8–30
//   a4 reported 03-01, open                     age 30   8–30
//   a5 reported 02-29, open                     age 31   31–90
//   a6 reported 01-01, open                     age 90   31–90 (31 + 29 + 30)
//   a7 reported 2019-12-31, open                age 91   over 90
//   a8 reported 2019-12-01, resolved 04-02      age 121  over 90 (resolved after as_of)
//   a9 reported 01-10, resolved 03-01           not open
//   a10 reported 01-10, unresolvable 04-05      age 81   31–90 (closed after as_of)
//   a11 reported 01-10, withdrawn 01-12         never counted
//   a12 reported 01-10, unresolvable 03-15      not open
//   a13 reported 2019-11-30, open               before the window: not in this report
ledger aging_ledger() {
  return make_ledger({
      reported("a1", "a", "2020-03-31"),
      reported("a2", "a", "2020-03-24"),
      reported("a3", "a", "2020-03-23"),
      reported("a4", "a", "2020-03-01"),
      reported("a5", "a", "2020-02-29"),
      reported("a6", "a", "2020-01-01"),
      reported("a7", "a", "2019-12-31"),
      resolved(reported("a8", "a", "2019-12-01"), "2020-04-02"),
      resolved(reported("a9", "a", "2020-01-10"), "2020-03-01"),
      closed(reported("a10", "a", "2020-01-10"), case_status::unresolvable, "2020-04-05"),
      closed(reported("a11", "a", "2020-01-10"), case_status::withdrawn, "2020-01-12"),
      closed(reported("a12", "a", "2020-01-10"), case_status::unresolvable, "2020-03-15"),
      reported("a13", "a", "2019-11-30"),
  });
}

report_options aging_options() {
  report_options options;
  options.from = d("2019-12-01");
  options.to = d("2020-03-31");
  return options;
}

TEST(Backlog, OpenCasesAtAsOfByAgeBucket) {
  const ledger book = aging_ledger();
  const report r = compute_report(book, aging_options());
  ASSERT_EQ(r.groups.size(), 2u);
  const group_metrics& a = r.groups[0].metrics;
  EXPECT_EQ(a.backlog.ages.count(), 9);
  EXPECT_EQ(a.cases.open(), 9);  // 11 coordinated (not a11, a13) − a9 resolved − a12 closed
  EXPECT_EQ(a.backlog.bucket_counts(r.options.aging_limits), (counts{2, 2, 3, 2}));
  EXPECT_EQ(a.backlog.oldest, (open_case_age{"a8", 121}));
  EXPECT_EQ(a.backlog.older_than(30), 5);  // a5 a6 a7 a8 a10

  const group_metrics& b = r.groups[1].metrics;
  EXPECT_EQ(b.backlog.ages.count(), 0);
  EXPECT_FALSE(b.backlog.oldest.has_value());
  EXPECT_EQ(r.total.metrics.backlog, a.backlog);
}

TEST(Backlog, BucketsAreAnOption) {
  const ledger book = aging_ledger();
  report_options options = aging_options();
  options.aging_limits = {30};
  const report r = compute_report(book, options);
  EXPECT_EQ(r.groups[0].metrics.backlog.bucket_counts(options.aging_limits), (counts{4, 5}));
}

TEST(Backlog, ACaseReportedAfterAsOfHasNoAgeYet) {
  // As of 03-15: x1 (reported 03-20) is coordinated and open but not yet in the backlog;
  // x2 (reported 03-10, resolved 03-20) is open at 03-15, 5 days old.
  const ledger book = make_ledger({reported("x1", "b", "2020-03-20"),
                                   resolved(reported("x2", "b", "2020-03-10"), "2020-03-20")});
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  options.as_of = d("2020-03-15");
  const report r = compute_report(book, options);
  const group_metrics& b = r.groups[1].metrics;
  EXPECT_EQ(b.cases.open(), 2);
  EXPECT_EQ(b.backlog.ages.count(), 1);
  EXPECT_EQ(b.backlog.oldest, (open_case_age{"x2", 5}));
}

TEST(Backlog, WithMonthsACaseAgesInTheMonthItWasReported) {
  const ledger book = aging_ledger();
  report_options options = aging_options();
  options.group_by = {group_dimension::month};
  const report r = compute_report(book, options);
  ASSERT_EQ(r.groups.size(), 4u);                          // 2019-12 … 2020-03
  EXPECT_EQ(r.groups[0].metrics.backlog.ages.count(), 2);  // a7 a8
  EXPECT_EQ(r.groups[1].metrics.backlog.ages.count(), 2);  // a6 a10
  EXPECT_EQ(r.groups[2].metrics.backlog.ages.count(), 1);  // a5
  EXPECT_EQ(r.groups[3].metrics.backlog.ages.count(), 4);  // a1 a2 a3 a4
}

TEST(Backlog, LimitsMustIncreaseFromZero) {
  report_options options = aging_options();
  options.aging_limits = {7, 7};
  try {
    options.validate();
    FAIL() << "no usage_error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "aging bucket limits must be increasing whole days from 0, got 7,7");
  }
  options.aging_limits = {-1, 5};
  EXPECT_THROW(options.validate(), usage_error);
  options.aging_limits = {30, 7};
  EXPECT_THROW(options.validate(), usage_error);
  options.aging_limits = {0, 1};
  EXPECT_NO_THROW(options.validate());
  options.aging_limits = {};
  EXPECT_NO_THROW(options.validate());
}

}  // namespace
}  // namespace caseledger
