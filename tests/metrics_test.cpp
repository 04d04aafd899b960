// The metrics engine over small hand-made ledgers; every expected figure is worked out by
// hand in the comments beside it.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/day_histogram.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }

// ---------------------------------------------------------------------------------------
// Building ledgers

case_record reported(std::string id, std::string district_id, const char* on,
                     case_category category = case_category::other) {
  case_record c;
  c.id = std::move(id);
  c.district = std::move(district_id);
  c.reported_on = d(on);
  c.category = category;
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
case_record due(case_record c, const char* on) {
  c.due_on = d(on);
  return c;
}
case_record via(case_record c, case_channel channel) {
  c.channel = channel;
  return c;
}
case_record handled_by(case_record c, std::string team_id) {
  c.team = std::move(team_id);
  return c;
}

measure money_measure(std::string id, measure_kind kind, std::string district_id, const char* on,
                      std::int64_t fen, std::string enterprise_id = {}, std::string project_id = {},
                      std::string case_id = {}) {
  measure m;
  m.id = std::move(id);
  m.district = std::move(district_id);
  m.kind = kind;
  m.granted_on = d(on);
  m.enterprise = std::move(enterprise_id);
  m.project = std::move(project_id);
  m.case_id = std::move(case_id);
  m.amount = money::from_fen(fen);
  return m;
}

measure transport(std::string id, std::string district_id, const char* on, transport_mode mode,
                  std::int64_t workers, worker_origin origin) {
  measure m;
  m.id = std::move(id);
  m.district = std::move(district_id);
  m.kind = measure_kind::transport;
  m.granted_on = d(on);
  m.mode = mode;
  m.workers = workers;
  m.origin = origin;
  return m;
}

measure supplies(std::string id, std::string district_id, const char* on, std::string item,
                 std::int64_t quantity, std::string enterprise_id, std::string project_id = {}) {
  measure m;
  m.id = std::move(id);
  m.district = std::move(district_id);
  m.kind = measure_kind::supplies;
  m.granted_on = d(on);
  m.enterprise = std::move(enterprise_id);
  m.project = std::move(project_id);
  m.item = std::move(item);
  m.quantity = quantity;
  return m;
}

// Three districts (jinan has no records at all), two enterprises, two projects and three
// teams, plus the given cases and measures.
//
//   e1 cangshan key,     resumed 2020-02-10      p1 cangshan key, not resumed
//   e2 minhou   not key, resumed 2020-04-05      p2 minhou   key, resumed 2020-03-31
//   t1 cangshan service_team "仓山一队"   t2 minhou party_team (no name)
//   t3 minhou service_team "闽侯服务队"
ledger make_ledger(std::vector<case_record> cases, std::vector<measure> measures = {}) {
  ledger_builder builder;
  const auto add_district = [&builder](const char* id, const char* name, const char* name_en) {
    district record;
    record.id = id;
    record.name = name;
    record.name_en = name_en;
    builder.add(std::move(record));
  };
  add_district("cangshan", "仓山区", "Cangshan");
  add_district("jinan", "晋安区", "Jin'an");
  add_district("minhou", "闽侯县", "");

  const auto add_enterprise = [&builder](const char* id, const char* district_id, bool key,
                                         std::optional<date> resumed_on) {
    enterprise record;
    record.id = id;
    record.name = std::string("企业") + id;
    record.district = district_id;
    record.key = key;
    record.resumed_on = resumed_on;
    builder.add(std::move(record));
  };
  add_enterprise("e1", "cangshan", true, d("2020-02-10"));
  add_enterprise("e2", "minhou", false, d("2020-04-05"));

  const auto add_project = [&builder](const char* id, const char* district_id, bool key,
                                      std::optional<date> resumed_on) {
    project record;
    record.id = id;
    record.name = std::string("项目") + id;
    record.district = district_id;
    record.key = key;
    record.resumed_on = resumed_on;
    builder.add(std::move(record));
  };
  add_project("p1", "cangshan", true, std::nullopt);
  add_project("p2", "minhou", true, d("2020-03-31"));

  const auto add_team = [&builder](const char* id, const char* district_id, team_kind kind,
                                   const char* name) {
    team record;
    record.id = id;
    record.district = district_id;
    record.kind = kind;
    record.name = name;
    record.members = 5;
    builder.add(std::move(record));
  };
  add_team("t1", "cangshan", team_kind::service_team, "仓山一队");
  add_team("t2", "minhou", team_kind::party_team, "");
  add_team("t3", "minhou", team_kind::service_team, "闽侯服务队");
  for (case_record& c : cases) builder.add(std::move(c));
  for (measure& m : measures) builder.add(std::move(m));
  return std::move(builder).build();
}

// The cases most tests share. Window 2020-01-01 … 2020-03-31 unless a test says otherwise.
std::vector<case_record> shared_cases() {
  return {
      // reported, resolved on its due date: on time, 5 days
      due(via(handled_by(resolved(reported("c01", "cangshan", "2020-01-05", case_category::labour),
                                  "2020-01-10"),
                         "t1"),
              case_channel::wechat),
          "2020-01-10"),
      // resolved after its due date: late, 20 days
      due(via(handled_by(resolved(reported("c02", "cangshan", "2020-02-01", case_category::labour),
                                  "2020-02-21"),
                         "t1"),
              case_channel::phone),
          "2020-02-15"),
      // open and past due on 2020-03-31: late
      due(reported("c03", "cangshan", "2020-03-01", case_category::funding), "2020-03-10"),
      // open, due on the as-of day itself: not late yet
      due(reported("c04", "cangshan", "2020-03-20"), "2020-03-31"),
      // open, not yet due
      due(reported("c05", "cangshan", "2020-03-25"), "2020-04-10"),
      // reported before the window, resolved inside it: resolved_in_window only
      resolved(reported("c06", "cangshan", "2019-12-20"), "2020-01-03"),
      // resolved after the as-of date: still open on 2020-03-31
      resolved(reported("c07", "cangshan", "2020-03-10"), "2020-04-02"),
      // withdrawn: counts nowhere
      closed(reported("c08", "cangshan", "2020-02-02"), case_status::withdrawn, "2020-02-05"),
      // unresolvable, closed inside the window, past due: unresolvable and late
      due(closed(reported("c09", "cangshan", "2020-02-03"), case_status::unresolvable,
                 "2020-03-01"),
          "2020-02-10"),
      // unresolvable but closed after the as-of date: still open
      closed(reported("c10", "cangshan", "2020-03-05"), case_status::unresolvable, "2020-04-10"),
      // reported after the window: counts nowhere
      reported("c11", "cangshan", "2020-04-01"),
      // reported in February, resolved in March: 6 days
      resolved(reported("c12", "cangshan", "2020-02-25", case_category::labour), "2020-03-02"),
      // Minhou: one case, resolved the next day, no due date
      via(handled_by(resolved(reported("m01", "minhou", "2020-01-10", case_category::approval),
                              "2020-01-11"),
                     "t2"),
          case_channel::visit),
  };
}

report_options q1(std::vector<group_dimension> group_by = {group_dimension::district}) {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  options.group_by = std::move(group_by);
  return options;
}

const report_group& group_of(const report& r, const group_key& key) {
  for (const report_group& g : r.groups) {
    if (g.key == key) return g;
  }
  throw std::runtime_error("no such group in the report");
}

std::vector<group_key> keys_of(const report& r) {
  std::vector<group_key> keys;
  for (const report_group& g : r.groups) keys.push_back(g.key);
  return keys;
}

const std::optional<std::string> none = std::nullopt;

std::size_t at(case_category c) { return enum_index(c); }

// ---------------------------------------------------------------------------------------
// day_histogram

day_histogram histogram_of(std::initializer_list<std::int32_t> values) {
  day_histogram h;
  for (const std::int32_t v : values) h.add(v);
  return h;
}

TEST(DayHistogram, EmptyHasNoStatistics) {
  const day_histogram h;
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.sum(), 0);
  EXPECT_FALSE(h.mean());
  EXPECT_FALSE(h.percentile(50));
  EXPECT_FALSE(h.max());
}

TEST(DayHistogram, NearestRankOnAnEvenCount) {
  const day_histogram h = histogram_of({4, 1, 3, 2});
  EXPECT_EQ(h.count(), 4);
  EXPECT_EQ(h.sum(), 10);
  EXPECT_DOUBLE_EQ(*h.mean(), 2.5);
  EXPECT_EQ(h.percentile(50), 2);   // rank ceil(2.0) = 2
  EXPECT_EQ(h.percentile(25), 1);   // rank 1
  EXPECT_EQ(h.percentile(26), 2);   // rank ceil(1.04) = 2
  EXPECT_EQ(h.percentile(75), 3);   // rank 3
  EXPECT_EQ(h.percentile(90), 4);   // rank ceil(3.6) = 4
  EXPECT_EQ(h.percentile(1), 1);    // rank ceil(0.04) = 1
  EXPECT_EQ(h.percentile(100), 4);  // rank 4
  EXPECT_EQ(h.max(), 4);
}

TEST(DayHistogram, NearestRankOnAnOddCountWithRepeats) {
  const day_histogram h = histogram_of({7, 0, 7, 30, 7});  // 0 7 7 7 30
  EXPECT_EQ(h.percentile(50), 7);                          // rank ceil(2.5) = 3
  EXPECT_EQ(h.percentile(20), 0);                          // rank 1
  EXPECT_EQ(h.percentile(21), 7);                          // rank ceil(1.05) = 2
  EXPECT_EQ(h.percentile(80), 7);                          // rank 4
  EXPECT_EQ(h.percentile(81), 30);                         // rank ceil(4.05) = 5
  EXPECT_EQ(h.percentile(90), 30);                         // rank ceil(4.5) = 5
  EXPECT_EQ(h.max(), 30);
  EXPECT_DOUBLE_EQ(*h.mean(), 51.0 / 5);
  const std::map<std::int32_t, std::int64_t> expected = {{0, 1}, {7, 3}, {30, 1}};
  EXPECT_EQ(h.counts(), expected);
}

TEST(DayHistogram, SingleValue) {
  const day_histogram h = histogram_of({3});
  EXPECT_EQ(h.percentile(1), 3);
  EXPECT_EQ(h.percentile(50), 3);
  EXPECT_EQ(h.percentile(100), 3);
}

TEST(DayHistogram, MergeEqualsOnePass) {
  day_histogram a = histogram_of({1, 5, 5});
  a.merge(histogram_of({5, 2, 40}));
  EXPECT_EQ(a, histogram_of({1, 2, 5, 5, 5, 40}));
  a.merge(day_histogram{});
  EXPECT_EQ(a, histogram_of({40, 5, 5, 5, 2, 1}));
}

TEST(DayHistogram, PercentOutsideOneToHundredIsAUsageError) {
  const day_histogram h = histogram_of({1});
  try {
    (void)h.percentile(0);
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "a percentile must be 1 to 100, got 0");
  }
  EXPECT_THROW((void)h.percentile(101), usage_error);
}

// ---------------------------------------------------------------------------------------
// Case metrics by district

TEST(CaseMetrics, EveryFigureByDistrict) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1());

  // Every district, jinan too although it has no record; bytewise id order.
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"cangshan"}, {"jinan"}, {"minhou"}}));

  // Cangshan: coordinated c01 c02 c03 c04 c05 c07 c09 c10 c12 = 9 (c06 before the window,
  // c08 withdrawn, c11 after it); resolved by 03-31 c01 c02 c12 = 3; unresolvable c09 = 1
  // (c10 closed after as_of); open 9 - 3 - 1 = 5.
  const case_metrics& cangshan = group_of(r, {"cangshan"}).metrics.cases;
  EXPECT_EQ(cangshan.coordinated, 9);
  EXPECT_EQ(cangshan.resolved, 3);
  EXPECT_EQ(cangshan.unresolvable, 1);
  EXPECT_EQ(cangshan.open(), 5);
  EXPECT_EQ(cangshan.resolution_rate(), (rate{3, 9}));
  EXPECT_EQ(cangshan.resolution_rate().display(1), "33.3%");
  // on time: c01 (resolved on its due date); late: c02 (resolved after), c03 (open, due
  // 03-10 < 03-31), c09 (unresolvable, due 02-10); neither: c04 (due on as_of), c05.
  EXPECT_EQ(cangshan.on_time, 1);
  EXPECT_EQ(cangshan.late, 3);
  EXPECT_EQ(cangshan.on_time_rate().display(1), "25.0%");
  // resolved_in_window: c01 (01-10), c02 (02-21), c06 (01-03), c12 (03-02); not c07 (04-02).
  EXPECT_EQ(cangshan.resolved_in_window, 4);
  // days: c01 5, c02 20, c12 6 → 5 6 20.
  EXPECT_EQ(cangshan.days_to_resolve.count(), 3);
  EXPECT_EQ(cangshan.days_to_resolve.sum(), 31);
  EXPECT_EQ(cangshan.days_to_resolve.percentile(50), 6);   // rank ceil(1.5) = 2
  EXPECT_EQ(cangshan.days_to_resolve.percentile(90), 20);  // rank ceil(2.7) = 3
  EXPECT_EQ(cangshan.days_to_resolve.max(), 20);
  // by category: labour c01 c02 c12 (all resolved), funding c03, other the other five.
  EXPECT_EQ(cangshan.by_category[at(case_category::labour)], (category_counts{3, 3}));
  EXPECT_EQ(cangshan.by_category[at(case_category::funding)], (category_counts{1, 0}));
  EXPECT_EQ(cangshan.by_category[at(case_category::other)], (category_counts{5, 0}));
  EXPECT_EQ(cangshan.by_category[at(case_category::approval)], (category_counts{0, 0}));

  const case_metrics& minhou = group_of(r, {"minhou"}).metrics.cases;
  EXPECT_EQ(minhou.coordinated, 1);
  EXPECT_EQ(minhou.resolved, 1);
  EXPECT_EQ(minhou.open(), 0);
  EXPECT_EQ(minhou.resolved_in_window, 1);
  EXPECT_EQ(minhou.days_to_resolve.percentile(50), 1);
  EXPECT_EQ(minhou.resolution_rate().display(0), "100%");
  // No case with a due date: a zero denominator, so no rate.
  EXPECT_EQ(minhou.on_time_rate(), (rate{0, 0}));
  EXPECT_FALSE(minhou.on_time_rate().value());
  EXPECT_EQ(minhou.by_category[at(case_category::approval)], (category_counts{1, 1}));

  // Jinan: a row of zeros and null rates.
  const report_group& jinan = group_of(r, {"jinan"});
  EXPECT_EQ(jinan.metrics, group_metrics{});
  EXPECT_FALSE(jinan.metrics.cases.resolution_rate().display(1));
  EXPECT_FALSE(jinan.metrics.resumption.resumption_rate().value());

  // Total: 10 coordinated, 4 resolved, days 1 5 6 20.
  const case_metrics& total = r.total.metrics.cases;
  EXPECT_EQ(total.coordinated, 10);
  EXPECT_EQ(total.resolved, 4);
  EXPECT_EQ(total.unresolvable, 1);
  EXPECT_EQ(total.open(), 5);
  EXPECT_EQ(total.on_time, 1);
  EXPECT_EQ(total.late, 3);
  EXPECT_EQ(total.resolved_in_window, 5);
  EXPECT_EQ(total.resolution_rate().display(1), "40.0%");
  EXPECT_EQ(total.days_to_resolve.count(), 4);
  EXPECT_DOUBLE_EQ(*total.days_to_resolve.mean(), 8.0);
  EXPECT_EQ(total.days_to_resolve.percentile(50), 5);   // rank 2 of 1 5 6 20
  EXPECT_EQ(total.days_to_resolve.percentile(90), 20);  // rank ceil(3.6) = 4
  EXPECT_TRUE(r.total.key.empty());
  EXPECT_EQ(r.total.label, (group_label{"合计", "Total"}));
}

TEST(CaseMetrics, AsOfAfterTheWindow) {
  const ledger book = make_ledger(shared_cases());
  report_options options = q1();
  options.as_of = d("2020-04-05");
  const report r = compute_report(book, options);
  EXPECT_EQ(r.as_of, d("2020-04-05"));
  const case_metrics& cangshan = group_of(r, {"cangshan"}).metrics.cases;
  // Coordinated is still reported in the window: 9.
  EXPECT_EQ(cangshan.coordinated, 9);
  // c07 (resolved 04-02) now counts as resolved, 23 days after 03-10; c10 (closed 04-10)
  // is still open.
  EXPECT_EQ(cangshan.resolved, 4);
  EXPECT_EQ(cangshan.unresolvable, 1);
  EXPECT_EQ(cangshan.open(), 4);
  EXPECT_EQ(cangshan.days_to_resolve.max(), 23);
  // Late now also c04 (due 03-31 < 04-05); c05 (due 04-10) is still not due.
  EXPECT_EQ(cangshan.on_time, 1);
  EXPECT_EQ(cangshan.late, 4);
  // The flow view stops at min(to, as_of) = 03-31: c07 does not count.
  EXPECT_EQ(cangshan.resolved_in_window, 4);
}

TEST(CaseMetrics, AsOfInsideTheWindow) {
  const ledger book = make_ledger(shared_cases());
  report_options options = q1();
  options.as_of = d("2020-02-15");
  const report r = compute_report(book, options);
  const case_metrics& cangshan = group_of(r, {"cangshan"}).metrics.cases;
  EXPECT_EQ(cangshan.coordinated, 9);
  EXPECT_EQ(cangshan.resolved, 1);      // c01 only; c02 on 02-21 and c12 on 03-02 are later
  EXPECT_EQ(cangshan.unresolvable, 0);  // c09 closed 03-01, after as_of
  EXPECT_EQ(cangshan.open(), 8);
  // c02 is due on as_of itself and not yet resolved: neither. c09 (due 02-10): late.
  EXPECT_EQ(cangshan.on_time, 1);
  EXPECT_EQ(cangshan.late, 1);
  EXPECT_EQ(cangshan.resolved_in_window, 2);  // c01 and c06, resolved by 02-15
}

TEST(CaseMetrics, ReportedBeforeTheWindowResolvedInsideIt) {
  const ledger book = make_ledger({resolved(reported("old", "jinan", "2019-11-30"), "2020-01-02")});
  const report r = compute_report(book, q1());
  const case_metrics& jinan = group_of(r, {"jinan"}).metrics.cases;
  EXPECT_EQ(jinan.coordinated, 0);
  EXPECT_EQ(jinan.resolved, 0);
  EXPECT_EQ(jinan.days_to_resolve.count(), 0);
  EXPECT_EQ(jinan.resolved_in_window, 1);
  EXPECT_FALSE(jinan.resolution_rate().value());
}

TEST(CaseMetrics, WindowEdgesAreInclusive) {
  const ledger book = make_ledger({
      resolved(reported("first", "jinan", "2020-01-01"), "2020-01-01"),  // 0 days
      resolved(reported("last", "jinan", "2020-03-31"), "2020-03-31"),
      reported("before", "jinan", "2019-12-31"),
      reported("after", "jinan", "2020-04-01"),
  });
  const report r = compute_report(book, q1());
  const case_metrics& jinan = group_of(r, {"jinan"}).metrics.cases;
  EXPECT_EQ(jinan.coordinated, 2);
  EXPECT_EQ(jinan.resolved, 2);
  EXPECT_EQ(jinan.resolved_in_window, 2);
  EXPECT_EQ(jinan.days_to_resolve.max(), 0);
}

// ---------------------------------------------------------------------------------------
// Support measures, transport, supplies

std::vector<measure> shared_measures() {
  return {
      money_measure("s1", measure_kind::subsidy, "cangshan", "2020-02-01", 40'000'000, "e1", {},
                    "c01"),
      money_measure("s2", measure_kind::subsidy, "cangshan", "2020-02-15", 10'050, "e1"),
      money_measure("s3", measure_kind::subsidy, "cangshan", "2020-03-01", 100, "e1"),
      money_measure("s4", measure_kind::subsidy, "cangshan", "2020-03-02", 200),  // nobody
      money_measure("f1", measure_kind::fee_reduction, "minhou", "2020-03-05", 16'000'000, "e2", {},
                    "m01"),
      money_measure("l1", measure_kind::loan, "cangshan", "2020-04-01", 550'000'000, "e1"),
      money_measure("a1", measure_kind::allowance, "cangshan", "2020-01-20", 50'000, {}, "p1"),
      transport("tr1", "cangshan", "2020-02-10", transport_mode::dedicated_vehicle, 60,
                worker_origin::out_of_province),
      transport("tr2", "cangshan", "2020-02-11", transport_mode::chartered_bus, 30,
                worker_origin::in_province),
      transport("tr3", "minhou", "2019-12-31", transport_mode::chartered_train, 99,
                worker_origin::out_of_province),
      supplies("su1", "cangshan", "2020-02-01", "masks", 1000, "e1"),
      supplies("su2", "cangshan", "2020-02-02", "masks", 500, {}, "p1"),
      supplies("su3", "cangshan", "2020-02-03", "masks", 200, "e1"),
      supplies("su4", "minhou", "2020-02-04", "disinfectant", 10, "e2"),
  };
}

std::size_t at(measure_kind kind) { return enum_index(kind); }

TEST(SupportMetrics, ByDistrict) {
  const ledger book = make_ledger(shared_cases(), shared_measures());
  const report r = compute_report(book, q1());

  const group_metrics& cangshan = group_of(r, {"cangshan"}).metrics;
  // s1 + s2 + s3 + s4 = 400000.00 + 100.50 + 1.00 + 2.00; s4 has no beneficiary.
  const support_totals& subsidy = cangshan.support[at(measure_kind::subsidy)];
  EXPECT_EQ(subsidy.amount.to_string(), "400103.50");
  EXPECT_EQ(subsidy.count, 4);
  EXPECT_EQ(subsidy.beneficiaries.sorted(), (std::vector<std::string>{"enterprise:e1"}));
  // l1 was granted after the window.
  EXPECT_EQ(cangshan.support[at(measure_kind::loan)], support_totals{});
  const support_totals& allowance = cangshan.support[at(measure_kind::allowance)];
  EXPECT_EQ(allowance.amount.to_string(), "500.00");
  EXPECT_EQ(allowance.beneficiaries.sorted(), (std::vector<std::string>{"project:p1"}));
  // tr1 60 out of province by dedicated vehicle, tr2 30 in province by chartered bus.
  const transport_totals& transport = cangshan.return_to_work;
  EXPECT_EQ(transport.workers, 90);
  EXPECT_EQ(transport.trips, 2);
  EXPECT_EQ(transport.by_mode[enum_index(transport_mode::dedicated_vehicle)], 60);
  EXPECT_EQ(transport.by_mode[enum_index(transport_mode::chartered_bus)], 30);
  EXPECT_EQ(transport.by_mode[enum_index(transport_mode::chartered_train)], 0);
  EXPECT_EQ(transport.by_origin[enum_index(worker_origin::out_of_province)], 60);
  EXPECT_EQ(transport.by_origin[enum_index(worker_origin::in_province)], 30);
  // masks 1000 + 500 + 200 to e1 and p1; disinfectant listed with zero (seen elsewhere).
  EXPECT_EQ(cangshan.supplies.at("masks").quantity, 1700);
  EXPECT_EQ(cangshan.supplies.at("masks").recipients.sorted(),
            (std::vector<std::string>{"enterprise:e1", "project:p1"}));
  EXPECT_EQ(cangshan.supplies.at("disinfectant"), supply_totals{});
  EXPECT_EQ(cangshan.supplies.size(), 2u);

  const group_metrics& minhou = group_of(r, {"minhou"}).metrics;
  EXPECT_EQ(minhou.support[at(measure_kind::fee_reduction)].amount.to_string(), "160000.00");
  EXPECT_EQ(minhou.support[at(measure_kind::fee_reduction)].beneficiaries.size(), 1u);
  EXPECT_EQ(minhou.return_to_work, transport_totals{});  // tr3 before the window
  EXPECT_EQ(minhou.supplies.at("disinfectant").quantity, 10);
  EXPECT_EQ(minhou.supplies.at("masks"), supply_totals{});

  const group_metrics& jinan = group_of(r, {"jinan"}).metrics;
  EXPECT_EQ(jinan.supplies.size(), 2u);
  EXPECT_EQ(jinan.supplies.at("masks"), supply_totals{});

  const group_metrics& total = r.total.metrics;
  EXPECT_EQ(total.support[at(measure_kind::subsidy)].amount.to_string(), "400103.50");
  EXPECT_EQ(total.support[at(measure_kind::fee_reduction)].amount.to_string(), "160000.00");
  EXPECT_EQ(total.return_to_work.workers, 90);
  EXPECT_EQ(total.supplies.at("masks").recipients.size(), 2u);
  EXPECT_EQ(total.supplies.at("disinfectant").recipients.size(), 1u);
}

TEST(SupportMetrics, DistinctBeneficiariesAcrossMonthsCountOnceInTheTotal) {
  const ledger book = make_ledger(shared_cases(), shared_measures());
  const report r = compute_report(book, q1({group_dimension::month}));
  // e1 got subsidies in February (s1, s2) and March (s3).
  const support_totals& february =
      group_of(r, {"2020-02"}).metrics.support[at(measure_kind::subsidy)];
  const support_totals& march = group_of(r, {"2020-03"}).metrics.support[at(measure_kind::subsidy)];
  EXPECT_EQ(february.amount.to_string(), "400100.50");
  EXPECT_EQ(february.count, 2);
  EXPECT_EQ(february.beneficiaries.size(), 1u);
  EXPECT_EQ(march.amount.to_string(), "3.00");
  EXPECT_EQ(march.count, 2);
  EXPECT_EQ(march.beneficiaries.size(), 1u);
  const support_totals& total = r.total.metrics.support[at(measure_kind::subsidy)];
  EXPECT_EQ(total.count, 4);
  EXPECT_EQ(total.beneficiaries.sorted(), (std::vector<std::string>{"enterprise:e1"}));
  EXPECT_EQ(group_of(r, {"2020-01"}).metrics.support[at(measure_kind::allowance)].count, 1);
}

TEST(SupportMetrics, MeasuresTakeCategoryChannelAndTeamFromTheirCase) {
  const ledger book = make_ledger(shared_cases(), shared_measures());
  {
    const report r = compute_report(book, q1({group_dimension::category}));
    // s1 answers c01 (labour), f1 answers m01 (approval); s2 s3 s4 answer no case.
    EXPECT_EQ(group_of(r, {"labour"}).metrics.support[at(measure_kind::subsidy)].amount.fen(),
              40'000'000);
    EXPECT_EQ(group_of(r, {"approval"}).metrics.support[at(measure_kind::fee_reduction)].count, 1);
    EXPECT_EQ(group_of(r, {none}).metrics.support[at(measure_kind::subsidy)].amount.fen(), 10'350);
  }
  {
    const report r = compute_report(book, q1({group_dimension::team}));
    EXPECT_EQ(group_of(r, {"t1"}).metrics.support[at(measure_kind::subsidy)].count, 1);
    EXPECT_EQ(group_of(r, {"t2"}).metrics.support[at(measure_kind::fee_reduction)].count, 1);
  }
  {
    const report r = compute_report(book, q1({group_dimension::channel}));
    EXPECT_EQ(group_of(r, {"wechat"}).metrics.support[at(measure_kind::subsidy)].count, 1);
    EXPECT_EQ(group_of(r, {"visit"}).metrics.support[at(measure_kind::fee_reduction)].count, 1);
    EXPECT_EQ(group_of(r, {none}).metrics.return_to_work.workers, 90);
  }
}

TEST(SupportMetrics, MoneySumsBeyondTwoToThe53StayExact) {
  constexpr std::int64_t two_53 = std::int64_t{1} << 53;
  const ledger book =
      make_ledger({}, {money_measure("big1", measure_kind::loan, "jinan", "2020-01-01", two_53),
                       money_measure("big2", measure_kind::loan, "jinan", "2020-01-02", two_53),
                       money_measure("one", measure_kind::loan, "jinan", "2020-01-03", 1)});
  const report r = compute_report(book, q1());
  // 2^54 + 1 = 18014398509481985 fen; a double would have lost the last fen.
  EXPECT_EQ(group_of(r, {"jinan"}).metrics.support[at(measure_kind::loan)].amount.fen(),
            18'014'398'509'481'985);
  EXPECT_EQ(r.total.metrics.support[at(measure_kind::loan)].amount.to_string(),
            "180143985094819.85");
}

TEST(SupportMetrics, MoneyOverflowThrows) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const ledger book =
      make_ledger({}, {money_measure("big", measure_kind::subsidy, "jinan", "2020-01-01", max),
                       money_measure("one", measure_kind::subsidy, "jinan", "2020-01-02", 1)});
  try {
    (void)compute_report(book, q1());
    FAIL() << "no error";
  } catch (const overflow_error& e) {
    EXPECT_STREQ(e.what(),
                 "the subsidy total of district jinan's group passes what 64-bit fen hold "
                 "(92,233,720,368,547,758.07 yuan) at measure one (0.01 yuan)");
  }
}

TEST(SupportMetrics, MoneyOverflowOfTheTotalNamesIt) {
  // Each district's loans fit; their sum over the report does not.
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const ledger book =
      make_ledger({}, {money_measure("big", measure_kind::loan, "jinan", "2020-01-01", max),
                       money_measure("one", measure_kind::loan, "minhou", "2020-01-02", 1)});
  try {
    (void)compute_report(book, q1());
    FAIL() << "no error";
  } catch (const overflow_error& e) {
    EXPECT_STREQ(e.what(),
                 "the report's total (合计): the loan total passes what 64-bit fen hold "
                 "(92,233,720,368,547,758.07 yuan)");
  }
}

TEST(SupportMetrics, WorkerOverflowThrows) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const ledger book =
      make_ledger({}, {transport("a", "jinan", "2020-01-01", transport_mode::chartered_bus, max,
                                 worker_origin::in_province),
                       transport("b", "jinan", "2020-01-02", transport_mode::chartered_bus, 1,
                                 worker_origin::in_province)});
  try {
    (void)compute_report(book, q1());
    FAIL() << "no error";
  } catch (const overflow_error& e) {
    EXPECT_STREQ(e.what(), "sum of workers does not fit in a 64-bit integer");
  }
}

TEST(GroupMetrics, MergingCountsChecksForOverflow) {
  case_metrics a;
  a.coordinated = std::numeric_limits<std::int64_t>::max();
  case_metrics b;
  b.coordinated = 1;
  try {
    a.merge(b);
    FAIL() << "no error";
  } catch (const overflow_error& e) {
    EXPECT_STREQ(e.what(), "sum of coordinated cases does not fit in a 64-bit integer");
  }
  resumption_counts r{.tracked = std::numeric_limits<std::int64_t>::max(), .resumed = 0};
  EXPECT_THROW(r.merge(resumption_counts{.tracked = 1, .resumed = 0}), overflow_error);
}

TEST(GroupMetrics, MergeAddsAndUnites) {
  group_metrics a;
  a.cases.coordinated = 2;
  a.cases.days_to_resolve.add(3);
  a.support[0].amount = money::from_fen(150);
  a.support[0].beneficiaries = {"enterprise:x"};
  a.supplies["masks"] = supply_totals{.quantity = 5, .recipients = {"enterprise:x"}};
  a.teams[1] = 1;
  group_metrics b;
  b.cases.coordinated = 3;
  b.cases.days_to_resolve.add(3);
  b.support[0].amount = money::from_fen(50);
  b.support[0].beneficiaries = {"enterprise:x", "project:y"};
  b.supplies["gloves"] = supply_totals{.quantity = 1, .recipients = {}};
  b.teams[1] = 2;
  a.merge(b);
  EXPECT_EQ(a.cases.coordinated, 5);
  EXPECT_EQ(a.cases.days_to_resolve.counts().at(3), 2);
  EXPECT_EQ(a.support[0].amount.fen(), 200);
  EXPECT_EQ(a.support[0].beneficiaries.sorted(),
            (std::vector<std::string>{"enterprise:x", "project:y"}));
  EXPECT_EQ(a.supplies.size(), 2u);
  EXPECT_EQ(a.teams[1], 3);
}

// ---------------------------------------------------------------------------------------
// Resumption and teams

TEST(Resumption, AllEnterprisesAndProjects) {
  const ledger book = make_ledger({});
  const report r = compute_report(book, q1());
  // Cangshan: e1 (resumed 02-10) and p1 (never) → 1 of 2.
  EXPECT_EQ(group_of(r, {"cangshan"}).metrics.resumption, (resumption_counts{2, 1}));
  // Minhou: e2 resumed 04-05, after as_of; p2 on as_of itself → 1 of 2.
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.resumption, (resumption_counts{2, 1}));
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.resumption.resumption_rate().display(1), "50.0%");
  EXPECT_FALSE(group_of(r, {"jinan"}).metrics.resumption.resumption_rate().value());
  EXPECT_EQ(r.total.metrics.resumption, (resumption_counts{4, 2}));
}

TEST(Resumption, KeyOnly) {
  const ledger book = make_ledger({});
  report_options options = q1();
  options.key_only_resumption = true;
  const report r = compute_report(book, options);
  EXPECT_EQ(group_of(r, {"cangshan"}).metrics.resumption, (resumption_counts{2, 1}));
  // e2 is not a key enterprise: only p2 is tracked, and it resumed.
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.resumption, (resumption_counts{1, 1}));
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.resumption.resumption_rate().display(1), "100.0%");
  EXPECT_EQ(r.total.metrics.resumption, (resumption_counts{3, 2}));
}

TEST(Resumption, AsOfMovesTheResumedCount) {
  const ledger book = make_ledger({});
  report_options options = q1();
  options.as_of = d("2020-04-05");
  const report r = compute_report(book, options);
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.resumption, (resumption_counts{2, 2}));
}

TEST(Teams, CountedByKindWhateverTheWindow) {
  const ledger book = make_ledger({});
  report_options options = q1();
  options.from = d("1990-01-01");
  options.to = d("1990-01-31");
  const report r = compute_report(book, options);
  using counts = std::array<std::int64_t, 3>;
  EXPECT_EQ(group_of(r, {"cangshan"}).metrics.teams, (counts{1, 0, 0}));
  EXPECT_EQ(group_of(r, {"minhou"}).metrics.teams, (counts{1, 1, 0}));
  EXPECT_EQ(r.total.metrics.teams, (counts{2, 1, 0}));
}

// ---------------------------------------------------------------------------------------
// Grouping

TEST(Grouping, ByMonthCountsTheFlowInTheMonthResolved) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::month}));
  // Every month of the window, then the null group (teams and resumption have no month).
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"2020-01"}, {"2020-02"}, {"2020-03"}, {none}}));

  // January: coordinated c01 m01 (both resolved); flow c01 c06 m01.
  const case_metrics& january = group_of(r, {"2020-01"}).metrics.cases;
  EXPECT_EQ(january.coordinated, 2);
  EXPECT_EQ(january.resolved, 2);
  EXPECT_EQ(january.resolved_in_window, 3);
  EXPECT_EQ(january.on_time, 1);
  // February: coordinated c02 c09 c12; resolved c02 c12; unresolvable c09; flow c02 only
  // (c12 was resolved in March).
  const case_metrics& february = group_of(r, {"2020-02"}).metrics.cases;
  EXPECT_EQ(february.coordinated, 3);
  EXPECT_EQ(february.resolved, 2);
  EXPECT_EQ(february.unresolvable, 1);
  EXPECT_EQ(february.open(), 0);
  EXPECT_EQ(february.late, 2);
  EXPECT_EQ(february.resolved_in_window, 1);
  // March: coordinated c03 c04 c05 c07 c10, none resolved; flow c12.
  const case_metrics& march = group_of(r, {"2020-03"}).metrics.cases;
  EXPECT_EQ(march.coordinated, 5);
  EXPECT_EQ(march.resolved, 0);
  EXPECT_EQ(march.open(), 5);
  EXPECT_EQ(march.resolved_in_window, 1);

  const report_group& rest = group_of(r, {none});
  EXPECT_EQ(rest.metrics.cases, case_metrics{});
  EXPECT_EQ(rest.metrics.resumption, (resumption_counts{4, 2}));
  EXPECT_EQ(rest.label, (group_label{"未指定", "(none)"}));
  EXPECT_EQ(group_of(r, {"2020-02"}).label, (group_label{"2020年2月", "2020-02"}));
  EXPECT_EQ(r.total.metrics.cases.resolved_in_window, 5);
}

TEST(Grouping, APartialWindowTouchesEveryMonthItOverlaps) {
  const ledger book = make_ledger({});
  report_options options = q1({group_dimension::month});
  options.from = d("2019-12-31");
  options.to = d("2020-02-01");
  const report r = compute_report(book, options);
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"2019-12"}, {"2020-01"}, {"2020-02"}, {none}}));
  EXPECT_EQ(group_of(r, {"2019-12"}).label, (group_label{"2019年12月", "2019-12"}));
}

TEST(Grouping, ByCategoryInEnumOrderWithChineseLabels) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::category}));
  std::vector<group_key> expected;
  for (const std::string_view name : enum_info<case_category>::names) {
    expected.push_back({std::string(name)});
  }
  expected.push_back({none});
  EXPECT_EQ(keys_of(r), expected);
  EXPECT_EQ(group_of(r, {"labour"}).metrics.cases.coordinated, 3);
  EXPECT_EQ(group_of(r, {"labour"}).label, (group_label{"用工", "labour"}));
  EXPECT_EQ(group_of(r, {"epidemic_supplies"}).label,
            (group_label{"防疫物资", "epidemic_supplies"}));
  EXPECT_EQ(group_of(r, {"energy"}).metrics, group_metrics{});
  EXPECT_EQ(group_of(r, {none}).metrics.cases, case_metrics{});
}

TEST(Grouping, ByChannelNullForCasesWithoutOne) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::channel}));
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"visit"},
                                                {"phone"},
                                                {"wechat"},
                                                {"website"},
                                                {"media"},
                                                {"hotline"},
                                                {"other"},
                                                {none}}));
  EXPECT_EQ(group_of(r, {"visit"}).metrics.cases.coordinated, 1);
  EXPECT_EQ(group_of(r, {"wechat"}).metrics.cases.coordinated, 1);
  EXPECT_EQ(group_of(r, {"phone"}).metrics.cases.coordinated, 1);
  // c03 c04 c05 c07 c09 c10 c12 have no channel; c06 counts in the flow.
  EXPECT_EQ(group_of(r, {none}).metrics.cases.coordinated, 7);
  EXPECT_EQ(group_of(r, {none}).metrics.cases.resolved_in_window, 2);  // c06, c12
  EXPECT_EQ(group_of(r, {"website"}).label, (group_label{"政府网站", "website"}));
}

TEST(Grouping, ByTeam) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::team}));
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"t1"}, {"t2"}, {"t3"}, {none}}));
  const report_group& t1 = group_of(r, {"t1"});
  EXPECT_EQ(t1.metrics.cases.coordinated, 2);  // c01 c02
  EXPECT_EQ(t1.metrics.teams[enum_index(team_kind::service_team)], 1);
  EXPECT_EQ(t1.label, (group_label{"仓山一队", "仓山一队"}));
  EXPECT_EQ(group_of(r, {"t2"}).label, (group_label{"t2", "t2"}));  // no name: the id
  EXPECT_EQ(group_of(r, {"t2"}).metrics.cases.coordinated, 1);      // m01
  EXPECT_EQ(group_of(r, {"t3"}).metrics.cases, case_metrics{});
  EXPECT_EQ(group_of(r, {none}).metrics.cases.coordinated, 7);
  EXPECT_EQ(group_of(r, {none}).metrics.teams, (std::array<std::int64_t, 3>{}));
}

TEST(Grouping, DistrictAndTeamPairsTeamsWithTheirOwnDistrict) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::district, group_dimension::team}));
  // Empty groups only for (district, its team); null teams where records have none. Jinan
  // has neither teams nor records, yet every district has a row: (jinan, no team).
  EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"cangshan", "t1"},
                                                {"cangshan", none},
                                                {"jinan", none},
                                                {"minhou", "t2"},
                                                {"minhou", "t3"},
                                                {"minhou", none}}));
  EXPECT_EQ(group_of(r, {"cangshan", "t1"}).label,
            (group_label{"仓山区 · 仓山一队", "Cangshan · 仓山一队"}));
  EXPECT_EQ(group_of(r, {"minhou", none}).label,
            (group_label{"闽侯县 · 未指定", "minhou · (none)"}));
  EXPECT_EQ(group_of(r, {"cangshan", none}).metrics.cases.coordinated, 7);
  EXPECT_EQ(group_of(r, {"minhou", none}).metrics.resumption, (resumption_counts{2, 1}));
  EXPECT_EQ(group_of(r, {"minhou", "t3"}).metrics.teams[enum_index(team_kind::service_team)], 1);
  EXPECT_EQ(group_of(r, {"jinan", none}).metrics, group_metrics{});
}

TEST(Grouping, DistrictAndMonthIsTheFullProductInGroupByOrder) {
  const ledger book = make_ledger(shared_cases());
  {
    const report r = compute_report(book, q1({group_dimension::district, group_dimension::month}));
    EXPECT_EQ(keys_of(r), (std::vector<group_key>{{"cangshan", "2020-01"},
                                                  {"cangshan", "2020-02"},
                                                  {"cangshan", "2020-03"},
                                                  {"cangshan", none},
                                                  {"jinan", "2020-01"},
                                                  {"jinan", "2020-02"},
                                                  {"jinan", "2020-03"},
                                                  {"minhou", "2020-01"},
                                                  {"minhou", "2020-02"},
                                                  {"minhou", "2020-03"},
                                                  {"minhou", none}}));
    EXPECT_EQ(group_of(r, {"cangshan", "2020-02"}).metrics.cases.coordinated, 3);
    EXPECT_EQ(group_of(r, {"minhou", "2020-01"}).metrics.cases.coordinated, 1);
    EXPECT_EQ(group_of(r, {"jinan", "2020-03"}).label,
              (group_label{"晋安区 · 2020年3月", "Jin'an · 2020-03"}));
  }
  {
    const report r = compute_report(book, q1({group_dimension::month, group_dimension::district}));
    EXPECT_EQ(r.groups.size(), 11u);
    EXPECT_EQ(r.groups.front().key, (group_key{"2020-01", "cangshan"}));
    EXPECT_EQ(r.groups[2].key, (group_key{"2020-01", "minhou"}));
    EXPECT_EQ(r.groups.back().key, (group_key{none, "minhou"}));
    EXPECT_EQ(r.groups.back().label, (group_label{"未指定 · 闽侯县", "(none) · minhou"}));
  }
}

TEST(Grouping, CategoryAndChannelProduct) {
  const ledger book = make_ledger(shared_cases());
  const report r = compute_report(book, q1({group_dimension::category, group_dimension::channel}));
  // 9 × 7 empty-or-not groups, plus data under a null channel (labour, funding, other) and
  // the (null, null) group of teams and resumption.
  EXPECT_EQ(r.groups.size(), 9u * 7u + 3u + 1u);
  EXPECT_EQ(r.groups.front().key, (group_key{"labour", "visit"}));
  EXPECT_EQ(group_of(r, {"labour", "wechat"}).metrics.cases.coordinated, 1);
  EXPECT_EQ(group_of(r, {"labour", none}).metrics.cases.coordinated, 1);  // c12
  EXPECT_EQ(group_of(r, {"approval", "visit"}).metrics.cases.coordinated, 1);
  EXPECT_EQ(r.groups.back().key, (group_key{none, none}));
  EXPECT_EQ(r.total.metrics.cases.coordinated, 10);
}

// ---------------------------------------------------------------------------------------
// Options, title

void expect_usage_error(const report_options& options, const char* message) {
  try {
    options.validate();
    ADD_FAILURE() << "no error for " << message;
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), message);
  }
}

TEST(ReportOptions, Validate) {
  EXPECT_NO_THROW(q1().validate());
  report_options options = q1();
  options.to = d("2019-12-31");
  expect_usage_error(options, "the window ends (to 2019-12-31) before it starts (from 2020-01-01)");
  options = q1();
  options.as_of = d("2019-12-31");
  expect_usage_error(options, "as_of 2019-12-31 is before the window's start 2020-01-01");
  options = q1();
  options.rate_decimals = 7;
  expect_usage_error(options, "rate_decimals must be 0 to 6, got 7");
  options.rate_decimals = -1;
  expect_usage_error(options, "rate_decimals must be 0 to 6, got -1");
  options = q1({});
  expect_usage_error(
      options, "group_by is empty: name at least one of district, category, channel, month, team, unit");
  options = q1({group_dimension::month, group_dimension::district, group_dimension::month});
  expect_usage_error(options, "group_by names month twice");

  // A one-day window and as_of on its first day are fine.
  options = q1();
  options.to = options.from;
  options.as_of = options.from;
  EXPECT_NO_THROW(options.validate());
}

TEST(ReportOptions, ComputeReportAndAggregatorValidate) {
  const ledger book = make_ledger({});
  report_options options = q1();
  options.rate_decimals = 9;
  EXPECT_THROW((void)compute_report(book, options), usage_error);
  EXPECT_THROW((void)aggregator(book, options), usage_error);
}

TEST(Report, TitleAndOptions) {
  const ledger book = make_ledger({});
  report_options options = q1();
  report r = compute_report(book, options);
  EXPECT_EQ(r.title, "一企一议问题办理情况（2020-01-01 至 2020-03-31）");
  EXPECT_EQ(r.as_of, d("2020-03-31"));
  EXPECT_EQ(r.options.group_by, options.group_by);
  options.title = "仓山区一季度";
  r = compute_report(book, options);
  EXPECT_EQ(r.title, "仓山区一季度");
}

TEST(Report, DistrictLabels) {
  const report r = compute_report(make_ledger({}), q1());
  EXPECT_EQ(group_of(r, {"cangshan"}).label, (group_label{"仓山区", "Cangshan"}));
  EXPECT_EQ(group_of(r, {"jinan"}).label, (group_label{"晋安区", "Jin'an"}));
  EXPECT_EQ(group_of(r, {"minhou"}).label, (group_label{"闽侯县", "minhou"}));
}

TEST(Aggregator, PartsMergeIntoTheWhole) {
  const ledger book = make_ledger(shared_cases(), shared_measures());
  const report_options options = q1({group_dimension::district, group_dimension::month});
  aggregator first(book, options);
  aggregator second(book, options);
  for (std::size_t i = 0; i < book.cases().size(); ++i) {
    (i % 2 == 0 ? first : second).add(book.cases()[i]);
  }
  for (const measure& m : book.measures()) second.add(m);
  for (const enterprise& e : book.enterprises()) first.add(e);
  for (const project& p : book.projects()) second.add(p);
  for (const team& t : book.teams()) first.add(t);
  partial_aggregate merged = second.take();
  merged.merge(first.take());
  EXPECT_TRUE(first.take().groups().empty());  // take() leaves it empty

  aggregator whole(book, options);
  whole.add_all();
  EXPECT_EQ(merged, whole.take());
}

}  // namespace
}  // namespace caseledger
