// What the workbook shows of the handling process besides the report (docs/xlsx.md): the
// overdue open cases and the figures by unit, and the listing's process fields, over a
// small hand-made ledger; the expected values are worked out by hand in the comments.
//
// The working days come from the mainland China calendar: in March 2020 every weekday is a
// working day (2 March is a Monday).
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/process_shown.hpp"
#include "io/xlsx/write/process_figures.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }

case_record reported(std::string id, const char* on, std::string lead_unit) {
  case_record c;
  c.id = std::move(id);
  c.district = "cangshan";
  c.reported_on = d(on);
  c.unit = std::move(lead_unit);
  c.summary = "用工缺口";
  return c;
}

// One district, three units in the order u_hr, u_dev, u_city (the city's has no district).
ledger make_ledger(bool with_units, std::vector<case_record> cases) {
  ledger_builder builder;
  district cangshan;
  cangshan.id = "cangshan";
  cangshan.name = "仓山区";
  builder.add(std::move(cangshan));
  if (with_units) {
    for (const auto& [id, name, district_id] :
         {std::tuple{"u_hr", "仓山区人社局", "cangshan"},
          std::tuple{"u_dev", "仓山区发改局", "cangshan"}, std::tuple{"u_city", "市工信局", ""}}) {
      unit record;
      record.id = id;
      record.name = name;
      record.district = district_id;
      builder.add(std::move(record));
    }
  }
  for (case_record& c : cases) builder.add(std::move(c));
  return std::move(builder).build();
}

std::vector<case_record> process_cases() {
  // Open past its due 3-11, two co-units: overdue 20 days, 14 working days (3-12 … 3-31).
  case_record c3 = reported("c3", "2020-03-02", "u_dev");
  c3.due_on = d("2020-03-11");
  c3.co_units = {"u_hr", "u_city"};
  // Extended on its due to 4-10, which as-of has not reached: not overdue.
  case_record c4 = reported("c4", "2020-03-02", "u_dev");
  c4.due_on = d("2020-03-11");
  c4.extended_on = d("2020-03-11");
  c4.extended_due_on = d("2020-04-10");
  // Resolved after as-of: open at as-of, one day past its due 3-30 (a Monday; 3-31 works).
  case_record c8 = reported("c8", "2020-03-25", "u_hr");
  c8.due_on = d("2020-03-30");
  c8.status = case_status::resolved;
  c8.resolved_on = d("2020-04-02");
  // Resolved on time, followed up and satisfied; no lead unit.
  case_record c1 = reported("c1", "2020-03-02", "");
  c1.due_on = d("2020-03-11");
  c1.status = case_status::resolved;
  c1.resolved_on = d("2020-03-10");
  c1.followed_up_on = d("2020-03-12");
  c1.satisfaction = satisfaction_level::basically_satisfied;
  // Past its due but withdrawn: never overdue.
  case_record c9 = reported("c9", "2020-03-02", "u_hr");
  c9.due_on = d("2020-03-05");
  c9.status = case_status::withdrawn;
  c9.closed_on = d("2020-03-20");
  return {c8, c4, c3, c1, c9};
}

report_options q1() {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  return options;
}

TEST(ProcessWorkbook, OverdueCasesComeMostOverdueFirstWithDaysAndWorkingDays) {
  const ledger book = make_ledger(true, process_cases());
  const report r = compute_report(book, q1());
  const detail::process_figures figures = detail::count_process(r, book, true);
  ASSERT_EQ(figures.overdue.size(), 2U);
  EXPECT_EQ(r.total.metrics.cases.overdue_open, 2);  // the same cases as the report's
  const detail::overdue_case& c3 = figures.overdue[0];
  EXPECT_EQ(c3.id, "c3");
  EXPECT_EQ(c3.unit, "u_dev");
  EXPECT_EQ(c3.due, d("2020-03-11"));
  EXPECT_EQ(c3.days, 20);
  EXPECT_EQ(c3.workdays, 14);
  EXPECT_EQ(c3.summary, "用工缺口");
  const detail::overdue_case& c8 = figures.overdue[1];
  EXPECT_EQ(c8.id, "c8");
  EXPECT_EQ(c8.days, 1);
  EXPECT_EQ(c8.workdays, 1);
}

TEST(ProcessWorkbook, AFormThatDoesNotAskForTheProcessGetsNone) {
  const ledger book = make_ledger(true, process_cases());
  const report r = compute_report(book, q1());
  ASSERT_GT(r.total.metrics.cases.overdue_open, 0);
  const detail::process_figures figures = detail::count_process(r, book, false);
  EXPECT_FALSE(figures.shown);
  EXPECT_FALSE(figures.by_unit.has_value());
  EXPECT_TRUE(figures.overdue.empty());
}

TEST(ProcessWorkbook, TheUnitsFiguresAreTheReportGroupedByUnit) {
  const ledger book = make_ledger(true, process_cases());
  const report r = compute_report(book, q1());
  const detail::process_figures figures = detail::count_process(r, book, true);
  ASSERT_TRUE(figures.by_unit.has_value());
  report_options by_unit = q1();
  by_unit.group_by = {group_dimension::unit};
  const report expected = compute_report(book, by_unit);
  ASSERT_EQ(figures.by_unit->groups.size(), expected.groups.size());
  for (std::size_t i = 0; i < expected.groups.size(); ++i) {
    EXPECT_EQ(figures.by_unit->groups[i].key, expected.groups[i].key);
    EXPECT_EQ(figures.by_unit->groups[i].metrics.cases, expected.groups[i].metrics.cases);
  }
  // u_city, u_dev, u_hr, then the cases without a unit (c1).
  ASSERT_EQ(expected.groups.size(), 4U);
  const case_metrics& city = figures.by_unit->groups[0].metrics.cases;
  EXPECT_EQ(city.coordinated, 0);
  EXPECT_EQ(city.co_handled, 1);  // c3
  const case_metrics& dev = figures.by_unit->groups[1].metrics.cases;
  EXPECT_EQ(dev.coordinated, 2);  // c3, c4
  EXPECT_EQ(dev.overdue_open, 1);
  EXPECT_EQ(dev.extended, 1);
  const case_metrics& hr = figures.by_unit->groups[2].metrics.cases;
  EXPECT_EQ(hr.coordinated, 1);  // c8 (c9 withdrawn)
  EXPECT_EQ(hr.co_handled, 1);   // c3
  const case_metrics& unassigned = figures.by_unit->groups[3].metrics.cases;
  EXPECT_EQ(unassigned.followed_up, 1);
  EXPECT_EQ(unassigned.satisfaction_rate(), (rate{1, 1}));
}

TEST(ProcessWorkbook, ShownWithUnitsOrAnExtensionOrAFollowUpNotForDueDatesAlone) {
  const ledger with_units = make_ledger(true, process_cases());
  EXPECT_TRUE(detail::shows_process(compute_report(with_units, q1()), with_units));

  std::vector<case_record> dues_only;
  for (case_record c : process_cases()) {
    c.unit.clear();
    c.co_units.clear();
    c.extended_on.reset();
    c.extended_due_on.reset();
    c.followed_up_on.reset();
    c.satisfaction.reset();
    dues_only.push_back(std::move(c));
  }
  const ledger old = make_ledger(false, dues_only);
  const report old_report = compute_report(old, q1());
  EXPECT_FALSE(detail::shows_process(old_report, old));
  const detail::process_figures figures = detail::count_process(old_report, old, true);
  EXPECT_FALSE(figures.shown);
  EXPECT_FALSE(figures.by_unit.has_value());
  EXPECT_EQ(figures.overdue.size(), 3U);  // c3, c4 (no extension now), c8: kept, not shown

  // A follow-up alone shows it.
  dues_only[3].followed_up_on = d("2020-03-12");
  const ledger followed = make_ledger(false, dues_only);
  EXPECT_TRUE(detail::shows_process(compute_report(followed, q1()), followed));
}

TEST(ProcessWorkbook, TheCompactListingKeepsTheProcessFieldsAsTheLedgerListingGivesThem) {
  const ledger book = make_ledger(true, process_cases());
  const detail::ledger_listing whole(book, q1());
  detail::compact_listing compact(book);
  for (const case_record& c : book.cases()) {
    if (detail::listed(c, q1())) compact.add(c);
  }
  compact.sort();
  ASSERT_EQ(whole.size(), 5U);
  ASSERT_EQ(compact.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const detail::listed_case a = whole.at(i);
    const detail::listed_case b = compact.at(i);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.unit, b.unit);
    EXPECT_EQ(a.unit_at, b.unit_at);
    EXPECT_TRUE(std::ranges::equal(a.co_units_at, b.co_units_at)) << a.id;
    EXPECT_EQ(a.extended_due_on, b.extended_due_on);
    EXPECT_EQ(a.followed_up_on, b.followed_up_on);
    EXPECT_EQ(a.satisfaction, b.satisfaction);
  }
  // Sorted by reported_on then id: c1 c3 c4 c9 (3-02), c8 (3-25).
  const detail::listed_case c3 = compact.at(1);
  EXPECT_EQ(c3.id, "c3");
  EXPECT_EQ(c3.unit_at, 1U);  // u_dev
  EXPECT_EQ(std::vector<std::uint32_t>(c3.co_units_at.begin(), c3.co_units_at.end()),
            (std::vector<std::uint32_t>{0, 2}));  // u_hr, u_city
  EXPECT_EQ(compact.at(0).satisfaction, satisfaction_level::basically_satisfied);
  EXPECT_EQ(compact.at(0).unit_at, detail::listed_case::no_position);
  EXPECT_EQ(compact.at(2).extended_due_on, d("2020-04-10"));
}

}  // namespace
}  // namespace caseledger
