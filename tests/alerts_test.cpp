// Alerts: thresholds written by hand, and ledgers built so that figures sit exactly at,
// just above and just below each limit.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/alerts.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }

alert_threshold parsed(const char* text) { return alert_threshold::parse(text); }

void expect_parse_error(const char* text, const std::string& message) {
  try {
    alert_threshold::parse(text);
    ADD_FAILURE() << "no usage_error for " << text;
  } catch (const usage_error& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(AlertThreshold, ParsesRatesCountsAgesAndGroups) {
  const alert_threshold rate_limit = parsed("resolution_rate<85%");
  EXPECT_EQ(rate_limit.metric, alert_metric::resolution_rate);
  EXPECT_TRUE(rate_limit.below);
  EXPECT_EQ(rate_limit.limit_millionths, 85'000'000);
  EXPECT_TRUE(rate_limit.group.empty());
  EXPECT_EQ(rate_limit.limit_text(), "85%");

  EXPECT_EQ(parsed("on_time_rate<92.5").limit_millionths, 92'500'000);
  EXPECT_EQ(parsed("on_time_rate<92.5").limit_text(), "92.5%");
  EXPECT_EQ(parsed("resumption_rate<0.000001%").limit_millionths, 1);

  const alert_threshold count_limit = parsed("open>3");
  EXPECT_EQ(count_limit.metric, alert_metric::open);
  EXPECT_FALSE(count_limit.below);
  EXPECT_EQ(count_limit.limit_text(), "3");

  const alert_threshold aged = parsed("district=cangshan,month=2020-02:open_older_than_30>0");
  EXPECT_EQ(aged.metric, alert_metric::open_older_than);
  EXPECT_EQ(aged.days, 30);
  EXPECT_EQ(aged.limit_millionths, 0);
  EXPECT_EQ(aged.group, (std::vector<std::pair<std::string, std::string>>{{"district", "cangshan"},
                                                                          {"month", "2020-02"}}));
}

TEST(AlertThreshold, RefusesWhatItCannotRead) {
  expect_parse_error("resolution_rate=85",
                     "alert 'resolution_rate=85': expected METRIC<LIMIT or "
                     "METRIC>LIMIT");
  expect_parse_error("speed<3",
                     "alert 'speed<3': unknown metric 'speed' (resolution_rate, "
                     "on_time_rate, resumption_rate, open, late, open_older_than_DAYS, "
                     "overdue_open, satisfaction_rate, follow_up_rate)");
  expect_parse_error("open_older_than>3",
                     "alert 'open_older_than>3': unknown metric 'open_older_than' "
                     "(resolution_rate, on_time_rate, resumption_rate, open, late, "
                     "open_older_than_DAYS, overdue_open, satisfaction_rate, follow_up_rate)");
  expect_parse_error("week=1:open>3",
                     "alert 'week=1:open>3': unknown dimension 'week' "
                     "(district, category, channel, month, team, unit)");
  expect_parse_error("cangshan:open>3",
                     "alert 'cangshan:open>3': a group is written dimension=value, got "
                     "'cangshan'");
  expect_parse_error("open>many", "alert 'open>many': the limit 'many' is not a number");
  expect_parse_error("open>2.5", "alert 'open>2.5': a count's limit is a whole number, got '2.5'");
  expect_parse_error("open>3%", "alert 'open>3%': the limit '3%' is not a number");
  expect_parse_error("resolution_rate<85.0000001",
                     "alert 'resolution_rate<85.0000001': the limit '85.0000001' is not a "
                     "number");
}

TEST(AlertThreshold, CrossesOnlyStrictlyBeyondTheLimit) {
  const alert_threshold below_85 = parsed("resolution_rate<85%");
  EXPECT_FALSE(crosses(below_85, 17, 20));             // exactly 85%
  EXPECT_TRUE(crosses(below_85, 169, 200));            // 84.5%
  EXPECT_FALSE(crosses(below_85, 171, 200));           // 85.5%
  EXPECT_TRUE(crosses(below_85, 849'999, 1'000'000));  // 84.9999%
  EXPECT_FALSE(crosses(below_85, 850'001, 1'000'000));
  EXPECT_FALSE(crosses(below_85, 0, 0));  // no rate, no alert

  const alert_threshold above_90 = parsed("on_time_rate>90%");
  EXPECT_FALSE(crosses(above_90, 9, 10));
  EXPECT_TRUE(crosses(above_90, 91, 100));
  EXPECT_FALSE(crosses(above_90, 89, 100));

  // 1/3 = 33.3333…% against a limit of 33.333333%: just above it.
  EXPECT_FALSE(crosses(parsed("resolution_rate<33.333333"), 1, 3));
  EXPECT_TRUE(crosses(parsed("resolution_rate>33.333333"), 1, 3));

  const alert_threshold open_above_2 = parsed("open>2");
  EXPECT_FALSE(crosses(open_above_2, 2, 0));
  EXPECT_TRUE(crosses(open_above_2, 3, 0));
  EXPECT_FALSE(crosses(open_above_2, 1, 0));
  const alert_threshold late_below_1 = parsed("late<1");
  EXPECT_TRUE(crosses(late_below_1, 0, 0));
  EXPECT_FALSE(crosses(late_below_1, 1, 0));
}

// --- whole reports ----------------------------------------------------------------------

district make_district(std::string id) {
  district made;
  made.id = id;
  made.name = id + "区";
  made.name_en = id;
  return made;
}

// `total` cases of district `id` reported on `on`, the first `resolved_count` resolved the
// next day, the rest open.
void add_cases(ledger_builder& builder, const std::string& id, int total, int resolved_count,
               const char* on = "2020-03-01") {
  for (int i = 0; i < total; ++i) {
    case_record c;
    c.id = id + "-" + std::to_string(i);
    c.district = id;
    c.reported_on = d(on);
    if (i < resolved_count) {
      c.status = case_status::resolved;
      c.resolved_on = d(on).plus_days(1);
    }
    builder.add(std::move(c));
  }
}

// As of 2020-03-31, cases reported 03-01 are 30 days old, those of 02-29 31 days:
//   at:    20 cases, 17 resolved, 3 open (30 days); 2 more open of 31 days: open 5
//   below: 200 cases, 169 resolved, 31 open (30 days): open 31
//   above: 200 cases, 171 resolved, 29 open (30 days); 3 more open of 31 days: open 32
ledger threshold_ledger() {
  ledger_builder builder;
  for (const char* id : {"at", "below", "above"}) builder.add(make_district(id));
  add_cases(builder, "at", 20, 17);       // 3 open, 30 days old
  add_cases(builder, "below", 200, 169);  // 31 open, 30 days old
  add_cases(builder, "above", 200, 171);  // 29 open, 30 days old
  // Older open cases: "at" 2 of 31 days; "above" 3 of 31 days; "below" none.
  for (int i = 0; i < 2; ++i) {
    case_record c;
    c.id = "at-old-" + std::to_string(i);
    c.district = "at";
    c.reported_on = d("2020-02-29");
    builder.add(std::move(c));
  }
  for (int i = 0; i < 3; ++i) {
    case_record c;
    c.id = "above-old-" + std::to_string(i);
    c.district = "above";
    c.reported_on = d("2020-02-29");
    builder.add(std::move(c));
  }
  return std::move(builder).build();
}

report_options q1() {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  return options;
}

TEST(Alerts, AGroupExactlyAtTheLimitRaisesNone) {
  // With the old cases: at 17/22 = 77.3%, below 169/200 = 84.5%, above 171/203 = 84.2%;
  // so the rate thresholds are checked against a ledger without them.
  ledger_builder builder;
  for (const char* id : {"at", "below", "above"}) builder.add(make_district(id));
  add_cases(builder, "at", 20, 17);
  add_cases(builder, "below", 200, 169);
  add_cases(builder, "above", 200, 171);
  const ledger book = std::move(builder).build();
  report_options options = q1();
  options.alerts = {parsed("resolution_rate<85%")};
  const report r = compute_report(book, options);
  ASSERT_EQ(r.alerts.size(), 1u);
  EXPECT_EQ(r.alerts[0].key, (group_key{"below"}));
  EXPECT_EQ(r.alerts[0].label_zh, "below区");
  EXPECT_EQ(r.alerts[0].num, 169);
  EXPECT_EQ(r.alerts[0].den, 200);
  EXPECT_EQ(r.alerts[0].threshold, options.alerts[0]);
  // The total, 357/420, is exactly 85%: no alert.
  EXPECT_EQ(r.total.metrics.cases.resolution_rate(), (rate{357, 420}));
}

TEST(Alerts, OpenCasesOlderThanADayCount) {
  const ledger book = threshold_ledger();
  report_options options = q1();
  // Older than 30 days: at 2, below 0, above 3; the total 5.
  options.alerts = {parsed("open_older_than_30>2")};
  const report r = compute_report(book, options);
  ASSERT_EQ(r.alerts.size(), 2u);
  EXPECT_EQ(r.alerts[0].key, (group_key{"above"}));
  EXPECT_EQ(r.alerts[0].num, 3);
  EXPECT_EQ(r.alerts[0].den, 0);
  EXPECT_TRUE(r.alerts[1].key.empty());  // the total comes last
  EXPECT_EQ(r.alerts[1].num, 5);
  // Older than 29 days counts the 30-day-old ones too: at 5, below 31, above 32.
  options.alerts = {parsed("open_older_than_29>31")};
  const report older = compute_report(book, options);
  ASSERT_EQ(older.alerts.size(), 2u);
  EXPECT_EQ(older.alerts[0].key, (group_key{"above"}));
  EXPECT_EQ(older.alerts[0].num, 32);
}

TEST(Alerts, OverdueCasesAndSatisfactionBelowNinetyPercent) {
  // "ninety": 10 resolved and called back, 9 satisfied: exactly 90%, no alert; no overdue.
  // "eighty": 10 resolved and called back, 8 satisfied; one open case due 03-20 (overdue at
  // 03-31) and one due 04-30 (not yet).
  ledger_builder builder;
  for (const char* id : {"ninety", "eighty"}) {
    builder.add(make_district(id));
    for (int i = 0; i < 10; ++i) {
      case_record c;
      c.id = std::string(id) + "-" + std::to_string(i);
      c.district = id;
      c.reported_on = d("2020-03-02");
      c.status = case_status::resolved;
      c.resolved_on = d("2020-03-05");
      c.followed_up_on = d("2020-03-06");
      const int satisfied = std::string(id) == "ninety" ? 9 : 8;
      c.satisfaction =
          i < satisfied ? satisfaction_level::satisfied : satisfaction_level::dissatisfied;
      builder.add(std::move(c));
    }
  }
  for (const char* due : {"2020-03-20", "2020-04-30"}) {
    case_record c;
    c.id = std::string("eighty-open-") + due;
    c.district = "eighty";
    c.reported_on = d("2020-03-10");
    c.due_on = d(due);
    builder.add(std::move(c));
  }
  const ledger book = std::move(builder).build();
  report_options options = q1();
  options.alerts = {parsed("overdue_open>0"), parsed("satisfaction_rate<90%")};
  const report r = compute_report(book, options);
  // Groups sort by id: eighty, ninety; the total (17/20 = 85%, 1 overdue) last.
  ASSERT_EQ(r.alerts.size(), 4u);
  EXPECT_EQ(r.alerts[0].key, (group_key{"eighty"}));
  EXPECT_EQ(r.alerts[0].threshold.metric, alert_metric::overdue_open);
  EXPECT_EQ(r.alerts[0].num, 1);
  EXPECT_EQ(r.alerts[1].key, (group_key{"eighty"}));
  EXPECT_EQ(r.alerts[1].threshold.metric, alert_metric::satisfaction_rate);
  EXPECT_EQ(r.alerts[1].num, 8);
  EXPECT_EQ(r.alerts[1].den, 10);
  EXPECT_TRUE(r.alerts[2].key.empty());
  EXPECT_EQ(r.alerts[2].num, 1);
  EXPECT_TRUE(r.alerts[3].key.empty());
  EXPECT_EQ(r.alerts[3].num, 17);
  EXPECT_EQ(r.alerts[3].den, 20);
}

TEST(Alerts, AThresholdForAGroupReplacesTheGeneralOne) {
  const ledger book = threshold_ledger();
  report_options options = q1();
  // open: at 5, below 31, above 32, total 68.
  options.alerts = {parsed("open>30"), parsed("district=below:open>31"),
                    parsed("district=at:open>4")};
  const report r = compute_report(book, options);
  ASSERT_EQ(r.alerts.size(), 3u);
  // "above" 32 > 30 (general); "below" 31 is not > 31 (its own); "at" 5 > 4 (its own).
  EXPECT_EQ(r.alerts[0].key, (group_key{"above"}));
  EXPECT_EQ(r.alerts[0].threshold, options.alerts[0]);
  EXPECT_EQ(r.alerts[1].key, (group_key{"at"}));
  EXPECT_EQ(r.alerts[1].threshold, options.alerts[2]);
  EXPECT_TRUE(r.alerts[2].key.empty());
  EXPECT_EQ(r.alerts[2].num, 68);
}

TEST(Alerts, AGroupFilterOnADimensionNotGroupedByMatchesNothing) {
  const ledger book = threshold_ledger();
  report_options options = q1();
  options.alerts = {parsed("month=2020-03:open>0")};
  EXPECT_TRUE(compute_report(book, options).alerts.empty());
}

TEST(Alerts, NoThresholdsNoAlerts) {
  const ledger book = threshold_ledger();
  EXPECT_TRUE(compute_report(book, q1()).alerts.empty());
}

TEST(AlertsFile, ReadsEveryThreshold) {
  caseledger::testing::scratch_dir dir;
  caseledger::testing::write_text(dir / "alerts.json",
                                  R"({"format": "caseledger.alerts/1",
          "alerts": ["resolution_rate<85%", "district=cangshan:open_older_than_30>0"]})");
  const std::vector<alert_threshold> thresholds = read_alert_thresholds(dir / "alerts.json");
  ASSERT_EQ(thresholds.size(), 2u);
  EXPECT_EQ(thresholds[0], parsed("resolution_rate<85%"));
  EXPECT_EQ(thresholds[1], parsed("district=cangshan:open_older_than_30>0"));
}

void expect_file_error(const std::string& content, const std::string& reason) {
  caseledger::testing::scratch_dir dir;
  const auto path = dir / "alerts.json";
  caseledger::testing::write_text(path, content);
  try {
    read_alert_thresholds(path);
    ADD_FAILURE() << "no usage_error for " << content;
  } catch (const usage_error& e) {
    EXPECT_EQ(e.what(), "alerts file '" + path.string() + "': " + reason);
  }
}

TEST(AlertsFile, RefusesABadDocumentNamingTheEntry) {
  const std::string shape =
      R"(expected {"format": "caseledger.alerts/1", "alerts": ["METRIC<LIMIT", …]})";
  expect_file_error(R"({"alerts": []})", shape);
  expect_file_error(R"({"format": "caseledger.alerts/1", "alerts": {}})", shape);
  expect_file_error(R"({"format": "caseledger.alerts/1", "alerts": [], "extra": 1})", shape);
  expect_file_error(R"({"format": "caseledger.alerts/1", "alerts": ["open>1", 3]})",
                    "/alerts/1: not a string");
  expect_file_error(R"({"format": "caseledger.alerts/1", "alerts": ["open>1", "open>x"]})",
                    "/alerts/1: alert 'open>x': the limit 'x' is not a number");
}

TEST(AlertsFile, AMissingFileIsAFileError) {
  caseledger::testing::scratch_dir dir;
  EXPECT_THROW(read_alert_thresholds(dir / "missing.json"), file_error);
}

}  // namespace
}  // namespace caseledger
