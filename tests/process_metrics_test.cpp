// The handling-process figures (docs/metrics.md, "The handling process") over a small
// hand-made ledger; every expected figure is worked out by hand in the comments.
//
// The working days come from the mainland China calendar: in March 2020 every weekday is a
// working day (2 March is a Monday); the 2020 Spring Festival rest ran from 24 January to
// 2 February, so the 7th working day after 23 January is 11 February.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/calendar.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }
const std::optional<std::string> none;

case_record reported(std::string id, std::string district_id, const char* on,
                     std::string lead_unit = {}) {
  case_record c;
  c.id = std::move(id);
  c.district = std::move(district_id);
  c.reported_on = d(on);
  c.unit = std::move(lead_unit);
  return c;
}
case_record resolved(case_record c, const char* on) {
  c.status = case_status::resolved;
  c.resolved_on = d(on);
  return c;
}
case_record due(case_record c, const char* on) {
  c.due_on = d(on);
  return c;
}
case_record extended(case_record c, const char* on, const char* to) {
  c.extended_on = d(on);
  c.extended_due_on = d(to);
  return c;
}
case_record followed_up(case_record c, const char* on,
                        std::optional<satisfaction_level> said = std::nullopt) {
  c.followed_up_on = d(on);
  c.satisfaction = said;
  return c;
}
case_record helped_by(case_record c, id_list co_units) {
  c.co_units = std::move(co_units);
  return c;
}

// Three districts (jinan with no units) and three units: two of Cangshan's and one of the
// city's, whose ids sort u_city < u_cs_dev < u_cs_hr.
ledger make_ledger(std::vector<case_record> cases, std::optional<calendar> days = std::nullopt) {
  ledger_builder builder;
  for (const auto& [id, name] : {std::pair{"cangshan", "仓山区"}, std::pair{"jinan", "晋安区"},
                                 std::pair{"minhou", "闽侯县"}}) {
    district record;
    record.id = id;
    record.name = name;
    builder.add(std::move(record));
  }
  for (const auto& [id, name, district_id] :
       {std::tuple{"u_cs_hr", "仓山区人社局", "cangshan"},
        std::tuple{"u_cs_dev", "仓山区发改局", "cangshan"}, std::tuple{"u_city", "市工信局", ""}}) {
    unit record;
    record.id = id;
    record.name = name;
    record.district = district_id;
    builder.add(std::move(record));
  }
  if (days) builder.use_calendar(std::move(*days));
  for (case_record& c : cases) builder.add(std::move(c));
  return std::move(builder).build();
}

std::vector<case_record> process_cases() {
  using enum satisfaction_level;
  case_record c1 = reported("c1", "cangshan", "2020-03-02", "u_cs_hr");
  c1.due_workdays = 7;  // due 2020-03-11
  c1 = followed_up(helped_by(resolved(c1, "2020-03-10"), {"u_city"}), "2020-03-12", satisfied);
  case_record c6 = reported("c6", "minhou", "2020-01-23");
  c6.due_workdays = 7;  // due 2020-02-11, across the Spring Festival
  c6 = followed_up(resolved(c6, "2020-02-12"), "2020-02-20", dissatisfied);
  case_record c7 = reported("c7", "minhou", "2020-02-03", "u_city");
  c7.status = case_status::unresolvable;
  c7.closed_on = d("2020-03-05");
  c7 = followed_up(c7, "2020-03-06", satisfied);
  case_record c9 = helped_by(reported("c9", "cangshan", "2020-03-02", "u_cs_hr"), {"u_cs_dev"});
  c9.status = case_status::withdrawn;
  c9.closed_on = d("2020-03-03");
  return {
      c1,
      // Extended by as_of, resolved within the new due: on time.
      followed_up(
          resolved(extended(due(reported("c2", "cangshan", "2020-03-02", "u_cs_hr"), "2020-03-11"),
                            "2020-03-10", "2020-03-20"),
                   "2020-03-18"),
          "2020-03-19", basically_satisfied),
      // Open past its due: late and overdue.
      helped_by(due(reported("c3", "cangshan", "2020-03-02", "u_cs_dev"), "2020-03-11"),
                {"u_cs_hr", "u_city"}),
      // Open, but extended past as_of: neither late nor overdue.
      extended(due(reported("c4", "cangshan", "2020-03-02", "u_cs_dev"), "2020-03-11"),
               "2020-03-11", "2020-04-10"),
      // Extended after as_of and followed up after as_of: neither counts yet.
      followed_up(
          resolved(extended(due(reported("c5", "minhou", "2020-03-20", "u_city"), "2020-04-15"),
                            "2020-04-10", "2020-04-30"),
                   "2020-03-30"),
          "2020-04-02", satisfied),
      c6,
      c7,
      // Resolved only after as_of: open at as_of, and past its due.
      resolved(due(reported("c8", "cangshan", "2020-03-25", "u_cs_hr"), "2020-03-30"),
               "2020-04-02"),
      c9,
  };
}

report_options q1(std::vector<group_dimension> group_by) {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  options.group_by = std::move(group_by);
  return options;
}

const report_group& group_of(const report& r, const group_key& key) {
  for (const report_group& group : r.groups) {
    if (group.key == key) return group;
  }
  throw std::out_of_range("no such group");
}

std::vector<group_key> keys_of(const report& r) {
  std::vector<group_key> keys;
  for (const report_group& group : r.groups) keys.push_back(group.key);
  return keys;
}

TEST(ProcessMetrics, TheTotalCountsEveryFigureByItsAsOfRules) {
  const ledger book = make_ledger(process_cases());
  const case_metrics& cases =
      compute_report(book, q1({group_dimension::district})).total.metrics.cases;
  // c1–c8 coordinated (c9 withdrawn); resolved by as_of: c1 c2 c5 c6; c7 unresolvable.
  EXPECT_EQ(cases.coordinated, 8);
  EXPECT_EQ(cases.resolved, 4);
  EXPECT_EQ(cases.unresolvable, 1);
  // With a due: all but c7. Extended by as_of: c2, c4 (c5's came after as_of).
  EXPECT_EQ(cases.with_due, 7);
  EXPECT_EQ(cases.extended, 2);
  EXPECT_EQ(cases.extension_rate(), (rate{2, 7}));
  // On time: c1 (3-10 ≤ 3-11), c2 (3-18 ≤ extended 3-20), c5 (3-30 ≤ its own 4-15).
  // Late: c3 (open, due 3-11), c6 (2-12 > 2-11), c8 (open at as_of, due 3-30).
  // c4's effective due 4-10 is not passed.
  EXPECT_EQ(cases.on_time, 3);
  EXPECT_EQ(cases.late, 3);
  EXPECT_EQ(cases.overdue_open, 2);  // c3, c8
  // Working days: c1 3-02→3-10: 6; c2 3-02→3-18: 12; c5 3-20→3-30: 6;
  // c6 1-23→2-12: 8 (2-03 … 2-12 after the rest). Sorted 6 6 8 12.
  EXPECT_EQ(cases.workdays_to_resolve.count(), 4);
  EXPECT_EQ(cases.workdays_to_resolve.sum(), 32);
  EXPECT_EQ(cases.workdays_to_resolve.percentile(50), 6);
  EXPECT_EQ(cases.workdays_to_resolve.percentile(90), 12);
  EXPECT_EQ(cases.workdays_to_resolve.max(), 12);
  EXPECT_EQ(cases.workdays_outside_calendar, 0);
  // Calendar days for comparison: 8, 16, 10, 20.
  EXPECT_EQ(cases.days_to_resolve.sum(), 54);
  // Followed up by as_of: c1, c2, c6 and the closed c7 (c5's call came after as_of).
  EXPECT_EQ(cases.followed_up, 4);
  EXPECT_EQ(cases.follow_up_rate(), (rate{4, 5}));
  EXPECT_EQ(cases.satisfaction, (std::array<std::int64_t, 3>{2, 1, 1}));  // c1 c7; c2; c6
  EXPECT_EQ(cases.satisfaction_rate(), (rate{3, 4}));
  // c1 has one co-unit, c3 two; the withdrawn c9's is not counted.
  EXPECT_EQ(cases.co_handled, 3);
}

TEST(ProcessMetrics, ByUnitTheLeadUnitHasTheCaseAndEachCoUnitItsHelp) {
  const ledger book = make_ledger(process_cases());
  const report r = compute_report(book, q1({group_dimension::unit}));
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"u_city"}, {"u_cs_dev"}, {"u_cs_hr"}, {none}}));
  EXPECT_EQ(group_of(r, {"u_city"}).label, (group_label{"市工信局", "市工信局"}));
  EXPECT_EQ(group_of(r, {none}).label, (group_label{"未指定", "(none)"}));

  const case_metrics& city = group_of(r, {"u_city"}).metrics.cases;
  EXPECT_EQ(city.coordinated, 2);  // c5, c7
  EXPECT_EQ(city.co_handled, 2);   // c1, c3
  EXPECT_EQ(city.followed_up, 1);  // c7
  const case_metrics& dev = group_of(r, {"u_cs_dev"}).metrics.cases;
  EXPECT_EQ(dev.coordinated, 2);  // c3, c4
  EXPECT_EQ(dev.overdue_open, 1);
  EXPECT_EQ(dev.extended, 1);
  EXPECT_EQ(dev.co_handled, 0);  // only the withdrawn c9's
  const case_metrics& hr = group_of(r, {"u_cs_hr"}).metrics.cases;
  EXPECT_EQ(hr.coordinated, 3);  // c1, c2, c8
  EXPECT_EQ(hr.co_handled, 1);   // c3
  EXPECT_EQ(hr.on_time_rate(), (rate{2, 3}));
  EXPECT_EQ(group_of(r, {none}).metrics.cases.coordinated, 1);  // c6

  // The total is the merge of the groups: co_handled counts each pair once.
  EXPECT_EQ(r.total.metrics.cases.co_handled, 3);
  EXPECT_EQ(r.total.metrics.cases.coordinated, 8);
}

TEST(ProcessMetrics, ByDistrictAndUnitPairsADistrictsUnitsWithIt) {
  const ledger book = make_ledger(process_cases());
  const report r = compute_report(book, q1({group_dimension::district, group_dimension::unit}));
  // Owed rows: Cangshan's two units, (jinan, none) and (minhou, none). The city unit's rows
  // come from its cases (minhou) and its help (cangshan).
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"cangshan", "u_city"},
                                                {"cangshan", "u_cs_dev"},
                                                {"cangshan", "u_cs_hr"},
                                                {"jinan", none},
                                                {"minhou", "u_city"},
                                                {"minhou", none}}));
  EXPECT_EQ(group_of(r, {"cangshan", "u_city"}).metrics.cases.coordinated, 0);
  EXPECT_EQ(group_of(r, {"cangshan", "u_city"}).metrics.cases.co_handled, 2);
  EXPECT_EQ(group_of(r, {"minhou", "u_city"}).metrics.cases.coordinated, 2);
  EXPECT_EQ(group_of(r, {"minhou", none}).metrics.cases.coordinated, 1);
  EXPECT_EQ(group_of(r, {"jinan", none}).metrics, group_metrics{});
  EXPECT_EQ(group_of(r, {"cangshan", "u_cs_hr"}).label,
            (group_label{"仓山区 · 仓山区人社局", "cangshan · 仓山区人社局"}));
}

TEST(ProcessMetrics, NotGroupedByUnitCoUnitsCountInTheCasesGroup) {
  const ledger book = make_ledger(process_cases());
  const report r = compute_report(book, q1({group_dimension::district}));
  EXPECT_EQ(group_of(r, {"cangshan"}).metrics.cases.co_handled, 3);  // c1: 1, c3: 2
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.cases.co_handled, 0);
}

TEST(ProcessMetrics, AsOfBeforeTheExtensionJudgesAgainstTheOriginalDue) {
  const ledger book = make_ledger(process_cases());
  report_options options = q1({group_dimension::district});
  options.as_of = d("2020-03-09");  // before c2's extension on 3-10
  const case_metrics& cases = compute_report(book, options).total.metrics.cases;
  // By 3-09 nothing of March is resolved; c4's extension (3-11) is not known either. No
  // due has passed (3-11 > 3-09) but c6's: resolved late.
  EXPECT_EQ(cases.extended, 0);
  EXPECT_EQ(cases.overdue_open, 0);
  EXPECT_EQ(cases.late, 1);
  EXPECT_EQ(cases.on_time, 0);
  EXPECT_EQ(cases.followed_up, 2);  // c6 (2-20) and the closed c7 (3-06)
}

TEST(ProcessMetrics, TheDueDayItselfIsStillOnTimeAndNotOverdue) {
  // Resolved on the due day: on time. Open with the due day == as_of: not overdue.
  const ledger book = make_ledger(
      {resolved(due(reported("a", "cangshan", "2020-03-02"), "2020-03-11"), "2020-03-11"),
       due(reported("b", "cangshan", "2020-03-02"), "2020-03-31")});
  const case_metrics& cases =
      compute_report(book, q1({group_dimension::district})).total.metrics.cases;
  EXPECT_EQ(cases.on_time, 1);
  EXPECT_EQ(cases.late, 0);
  EXPECT_EQ(cases.overdue_open, 0);
}

TEST(ProcessMetrics, DatesOutsideTheCalendarAreLeftOutAndCounted) {
  // 2018 is not in the shipped calendar (2019–2026): no guess, a count of the left out.
  const ledger book =
      make_ledger({resolved(reported("old", "cangshan", "2018-12-20"), "2019-01-10"),
                   // 2019-01-01 is a holiday: 01-03, 01-04, 01-07, 01-08.
                   resolved(reported("new", "cangshan", "2019-01-02"), "2019-01-08")});
  report_options options;
  options.from = d("2018-12-01");
  options.to = d("2019-01-31");
  const case_metrics& cases = compute_report(book, options).total.metrics.cases;
  EXPECT_EQ(cases.resolved, 2);
  EXPECT_EQ(cases.workdays_to_resolve.count(), 1);
  EXPECT_EQ(cases.workdays_to_resolve.max(), 4);
  EXPECT_EQ(cases.workdays_outside_calendar, 1);
}

TEST(ProcessMetrics, WorkingDaysFollowTheLedgersCalendar) {
  // A calendar of 2020 without any holiday: c6's 1-23 → 2-12 is every weekday between,
  // 6 in January (24, 27–31) and 8 in February (3–7, 10–12).
  std::vector<case_record> cases = {resolved(reported("c6", "minhou", "2020-01-23"), "2020-02-12")};
  const ledger book = make_ledger(std::move(cases), calendar(2020, 2020));
  EXPECT_EQ(compute_report(book, q1({group_dimension::district}))
                .total.metrics.cases.workdays_to_resolve.max(),
            14);
}

TEST(ProcessMetrics, MeasuresTakeTheirCasesUnit) {
  ledger_builder builder;
  district cangshan;
  cangshan.id = "cangshan";
  cangshan.name = "仓山区";
  builder.add(std::move(cangshan));
  unit hr;
  hr.id = "u_cs_hr";
  hr.name = "仓山区人社局";
  hr.district = "cangshan";
  builder.add(std::move(hr));
  enterprise e1;
  e1.id = "e1";
  e1.name = "企业";
  e1.district = "cangshan";
  builder.add(std::move(e1));
  builder.add(reported("c1", "cangshan", "2020-03-02", "u_cs_hr"));
  measure grant;
  grant.id = "m1";
  grant.kind = measure_kind::subsidy;
  grant.district = "cangshan";
  grant.granted_on = d("2020-03-05");
  grant.amount = money::parse("1000");
  grant.enterprise = "e1";
  grant.case_id = "c1";
  builder.add(std::move(grant));
  const ledger book = std::move(builder).build();
  const report r = compute_report(book, q1({group_dimension::unit}));
  EXPECT_EQ(group_of(r, {"u_cs_hr"}).metrics.support[enum_index(measure_kind::subsidy)].count, 1);
  // The enterprise itself has no unit: its resumption is tracked under 未指定.
  EXPECT_EQ(group_of(r, {none}).metrics.resumption.tracked, 1);
}

TEST(ProcessMetrics, PartsMergeIntoTheWhole) {
  const ledger book = make_ledger(process_cases());
  for (const auto& group_by :
       {std::vector<group_dimension>{group_dimension::unit},
        std::vector<group_dimension>{group_dimension::district, group_dimension::unit}}) {
    const report_options options = q1(group_by);
    aggregator first(book, options);
    aggregator second(book, options);
    for (std::size_t i = 0; i < book.cases().size(); ++i) {
      (i % 2 == 0 ? first : second).add(book.cases()[i]);
    }
    partial_aggregate merged = second.take();
    merged.merge(first.take());
    aggregator whole(book, options);
    whole.add_all();
    EXPECT_EQ(merged, whole.take());
  }
}

}  // namespace
}  // namespace caseledger
