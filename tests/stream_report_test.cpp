// The streaming report against the normal mode (read_ledger, compute_report, the writers):
// the same bytes out for the same options, the same problems for a broken ledger. Runs
// on one and on two threads.
#include "caseledger/io/stream_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/bulletin.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/text/headline.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "io/xlsx/write/workbook_source.hpp"
#include "support/stream_comparison.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::expect_same_outputs;
using caseledger::testing::quarter;
using caseledger::testing::read_text;
using caseledger::testing::scratch_dir;
using caseledger::testing::source_path;
using caseledger::testing::write_text;

date day(const char* text) { return date::parse(text); }

const std::filesystem::path fuzhou = source_path("samples/fuzhou-2020q1/ledger.json");

TEST(StreamReport, FuzhouByDistrictIsTheNormalReport) { expect_same_outputs(fuzhou, quarter()); }

TEST(StreamReport, FuzhouByDistrictAndTeamAsOfInsideTheWindow) {
  report_options options = quarter();
  options.group_by = {group_dimension::district, group_dimension::team};
  options.as_of = day("2020-03-10");
  expect_same_outputs(fuzhou, options);
}

TEST(StreamReport, FuzhouByUnitGroupsMeasuresByTheirCasesLeadUnit) {
  report_options options = quarter();
  options.group_by = {group_dimension::unit, group_dimension::district};
  options.as_of = day("2020-03-10");
  expect_same_outputs(fuzhou, options);
}

TEST(StreamReport, FuzhouByMonthOnAWindowCuttingTheQuarterHasTheWeeklyTrend) {
  report_options options;
  options.from = day("2020-02-10");
  options.to = day("2020-03-20");
  options.as_of = day("2020-03-01");  // the weeks after it count only what was reported
  options.group_by = {group_dimension::month};
  expect_same_outputs(fuzhou, options);
}

TEST(StreamReport, FuzhouByCategoryAndChannelWithoutTheListingInEnglish) {
  report_options options = quarter();
  options.from = day("2020-01-15");
  options.group_by = {group_dimension::category, group_dimension::channel};
  options.key_only_resumption = true;
  options.rate_decimals = 3;
  xlsx_options workbook;
  workbook.include_cases = false;
  workbook.language = report_language::en;
  workbook.money_in_wan = true;
  expect_same_outputs(fuzhou, options, workbook);
}

TEST(StreamReport, FuzhouWithComparisonAndAlertsAndAListingOverSeveralSheets) {
  report_options options = quarter();
  options.from = day("2020-02-01");
  options.to = day("2020-02-29");
  options.group_by = {group_dimension::team, group_dimension::category};
  options.compare = comparison_spec::parse("previous");
  options.alerts = {alert_threshold::parse("resolution_rate<85%"),
                    alert_threshold::parse("open_older_than_30>0")};
  options.aging_limits = {3, 10};
  options.title = "二月";
  xlsx_options workbook;
  workbook.max_rows_per_sheet = 100;
  expect_same_outputs(fuzhou, options, workbook);
}

// A ledger of a few thousand cases of every status, category and channel, and measures of
// every kind, some answering cases; deterministic. Its cases are in no order.
nlohmann::ordered_json generated_document(int cases, int measures) {
  std::uint64_t state = 12345;
  const auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (state >> 33) % n;
  };
  nlohmann::ordered_json doc;
  doc["format"] = "caseledger.ledger/1";
  const std::vector<std::string> districts = {"cangshan", "gulou", "jinan", "taijiang"};
  for (const auto& d : districts) doc["districts"].push_back({{"id", d}, {"name", d + "区"}});
  for (int i = 0; i < 300; ++i) {
    nlohmann::ordered_json e = {{"id", "E" + std::to_string(i)},
                                {"name", "企业" + std::to_string(i)},
                                {"district", districts[static_cast<std::size_t>(i % 4)]},
                                {"key", i % 3 == 0}};
    if (i % 2 == 0) e["resumed_on"] = day("2020-02-01").plus_days(i % 60).to_string();
    doc["enterprises"].push_back(e);
  }
  for (int i = 0; i < 40; ++i) {
    doc["projects"].push_back({{"id", "P" + std::to_string(i)},
                               {"name", "项目" + std::to_string(i)},
                               {"district", districts[static_cast<std::size_t>(i % 4)]}});
  }
  for (int i = 0; i < 12; ++i) {
    doc["teams"].push_back({{"id", "T" + std::to_string(i)},
                            {"district", districts[static_cast<std::size_t>(i % 4)]},
                            {"kind", i % 3 == 0 ? "party_team" : "service_team"},
                            {"name", "服务队" + std::to_string(i)}});
  }
  const date start = day("2019-12-01");
  for (int i = 0; i < cases; ++i) {
    const date reported = start.plus_days(static_cast<std::int32_t>(next(150)));
    const std::uint64_t district = next(4);
    nlohmann::ordered_json c = {{"id", "C" + std::to_string((i * 7919) % cases)},
                                {"district", districts[district]},
                                {"reported_on", reported.to_string()},
                                {"category", enum_info<case_category>::names[next(9)]}};
    if (next(5) != 0) c["channel"] = enum_info<case_channel>::names[next(7)];
    const auto subject = next(3);
    if (subject == 0) c["enterprise"] = "E" + std::to_string(next(75) * 4 + district);
    if (subject == 1) c["project"] = "P" + std::to_string(next(10) * 4 + district);
    c["summary"] = "问题" + std::to_string(i);
    if (next(4) != 0) c["team"] = "T" + std::to_string(next(3) * 4 + district);
    if (next(2) == 0)
      c["due_on"] = reported.plus_days(static_cast<std::int32_t>(next(30))).to_string();
    switch (next(5)) {
      case 0:
      case 1:
        c["resolved_on"] = reported.plus_days(static_cast<std::int32_t>(next(60))).to_string();
        break;
      case 2:
        c["status"] = "unresolvable";
        c["closed_on"] = reported.plus_days(static_cast<std::int32_t>(next(90))).to_string();
        break;
      case 3:
        c["status"] = "withdrawn";
        c["closed_on"] = reported.plus_days(3).to_string();
        break;
      default:
        break;  // open
    }
    doc["cases"].push_back(c);
  }
  for (int i = 0; i < measures; ++i) {
    const std::uint64_t district = next(4);
    const auto kind = next(6);
    nlohmann::ordered_json m = {
        {"id", "M" + std::to_string(i)},
        {"district", districts[district]},
        {"kind", enum_info<measure_kind>::names[kind]},
        {"granted_on", start.plus_days(static_cast<std::int32_t>(next(150))).to_string()}};
    if (next(2) == 0) m["enterprise"] = "E" + std::to_string(next(75) * 4 + district);
    if (next(2) == 0) m["case"] = "C" + std::to_string(next(static_cast<std::uint64_t>(cases)));
    if (kind < 4) m["amount"] = std::to_string(next(100000)) + "." + std::to_string(10 + next(90));
    if (kind == 4) {
      m["mode"] = enum_info<transport_mode>::names[next(5)];
      m["workers"] = next(50);
      m["origin"] = enum_info<worker_origin>::names[next(2)];
    }
    if (kind == 5) {
      m["item"] = next(2) == 0 ? "口罩" : "消毒液";
      m["quantity"] = next(1000);
    }
    doc["measures"].push_back(m);
  }
  return doc;
}

std::string generated_ledger(int cases, int measures) {
  return generated_document(cases, measures).dump(1) + "\n";
}

TEST(StreamReport, AGeneratedLedgerOfThousandsOfCasesUnderEveryGrouping) {
  const scratch_dir dir;
  write_text(dir / "big.json", generated_ledger(4000, 3000));
  report_options options = quarter();
  expect_same_outputs(dir / "big.json", options);
  options.group_by = {group_dimension::district, group_dimension::category, group_dimension::month};
  options.compare = comparison_spec::parse("year-ago");
  expect_same_outputs(dir / "big.json", options);
  options.group_by = {group_dimension::team, group_dimension::channel};
  options.compare.reset();
  options.as_of = day("2020-02-15");
  xlsx_options workbook;
  workbook.max_rows_per_sheet = 1000;
  expect_same_outputs(dir / "big.json", options, workbook);
}

// The listing's order: reported_on (ISO dates sort as text), then the id bytewise.
bool listed_before(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  const auto key = [](const nlohmann::ordered_json& c) {
    return std::pair(c["reported_on"].get<std::string>(), c["id"].get<std::string>());
  };
  return key(a) < key(b);
}

// The generated ledger with its cases in the listing's order, as a real 台账 appended as
// problems are reported comes.
nlohmann::ordered_json in_listing_order(nlohmann::ordered_json doc) {
  std::vector<nlohmann::ordered_json> cases(doc["cases"].begin(), doc["cases"].end());
  std::stable_sort(cases.begin(), cases.end(), listed_before);
  doc["cases"] = cases;
  return doc;
}

// The positions in `doc`'s cases of those the quarter's listing shows.
std::vector<std::size_t> listed_positions(const nlohmann::ordered_json& doc) {
  std::vector<std::size_t> listed;
  for (std::size_t i = 0; i < doc["cases"].size(); ++i) {
    const std::string reported = doc["cases"][i]["reported_on"];
    if (reported >= "2020-01-01" && reported <= "2020-03-31") listed.push_back(i);
  }
  return listed;
}

// `doc` (in order) with its `n`th listed case swapped with the next listed one: the case
// after it in the file is the first out of the listing's order.
nlohmann::ordered_json one_out_of_order(nlohmann::ordered_json doc, std::size_t n) {
  const std::vector<std::size_t> listed = listed_positions(doc);
  std::swap(doc["cases"][listed[n]], doc["cases"][listed[n + 1]]);
  return doc;
}

TEST(StreamReport, WritesTheListingOfALedgerInOrderWhileReadingIt) {
  const scratch_dir dir;
  const nlohmann::ordered_json doc = in_listing_order(generated_document(3000, 2000));
  write_text(dir / "ordered.json", doc.dump(1));
  report_options options = quarter();
  EXPECT_EQ(expect_same_outputs(dir / "ordered.json", options), 1);  // on two threads only
  // Split over several sheets, with a comparison, alerts and another grouping.
  options.group_by = {group_dimension::team, group_dimension::category};
  options.compare = comparison_spec::parse("previous");
  options.alerts = {alert_threshold::parse("resolution_rate<85%"),
                    alert_threshold::parse("open_older_than_30>0")};
  xlsx_options workbook;
  workbook.max_rows_per_sheet = 700;
  EXPECT_EQ(expect_same_outputs(dir / "ordered.json", options, workbook), 1);
  // In English, amounts in 万元, the listing over five sheets.
  options = quarter();
  options.group_by = {group_dimension::month};
  workbook.language = report_language::en;
  workbook.money_in_wan = true;
  workbook.max_rows_per_sheet = 400;
  EXPECT_EQ(expect_same_outputs(dir / "ordered.json", options, workbook), 1);
}

TEST(StreamReport, FallsBackToSortingForACaseOutOfOrderFirstMidwayOrLast) {
  const scratch_dir dir;
  const nlohmann::ordered_json doc = in_listing_order(generated_document(2000, 1000));
  const std::size_t listed = listed_positions(doc).size();
  xlsx_options workbook;
  workbook.max_rows_per_sheet = 500;
  for (const std::size_t n : {std::size_t{0}, listed / 2, listed - 2}) {
    SCOPED_TRACE("out of order at " + std::to_string(n));
    write_text(dir / "unordered.json", one_out_of_order(doc, n).dump(1));
    EXPECT_EQ(expect_same_outputs(dir / "unordered.json", quarter(), workbook), 0);
  }
}

TEST(StreamReport, WritesTheListingWhileReadingWhicheverStylesTheStatisticsUse) {
  // A headline that is empty without cases: the statistics sheets of the real report use
  // a wrapped format (the headline's) that a report of no cases does not. The listing's
  // formats are numbered before any sheet, so its rows, written while the ledger is read,
  // hold in both forms (on two threads; one thread writes the workbook at the end).
  constexpr std::string_view language = R"({"group": "{clauses}", "total": "{clauses}",
    "separator": "，", "clauses": [{"text": "协调{coordinated}个", "when": "coordinated"}]})";
  const std::string templates = R"({"format": "caseledger.headlines/1", "zh-Hans": )" +
                                std::string(language) + R"(, "zh-Hant": )" + std::string(language) +
                                R"(, "en": )" + std::string(language) + "}";
  report_options options = quarter();
  options.headlines = std::make_shared<const headline_templates>(
      headline_templates::parse(templates, "test templates"));
  const scratch_dir dir;
  write_text(dir / "ordered.json", in_listing_order(generated_document(1000, 500)).dump(1));
  xlsx_options data_form;
  data_form.form = workbook_form::data;
  EXPECT_EQ(expect_same_outputs(dir / "ordered.json", options, data_form), 1);
  EXPECT_EQ(expect_same_outputs(dir / "ordered.json", options), 1);
}

TEST(StreamReport, TheWorkbookIsTheSameBytesWhateverThreadsDeflateItsListing) {
  // About 14 MB of listing XML: blocks of 1 MiB, compressed by one, two or four threads,
  // and with the stream's one thread.
  const scratch_dir dir;
  write_text(dir / "ordered.json", in_listing_order(generated_document(20000, 5000)).dump(1));
  const ledger book = read_ledger(dir / "ordered.json");
  const report r = compute_report(book, quarter());
  xlsx_options options;
  options.compression_threads = 1;
  write_xlsx_report(r, book, dir / "one.xlsx", options);
  const std::string one = read_text(dir / "one.xlsx");
  EXPECT_GT(one.size(), 400'000U);  // the listing's XML deflates about twentyfold
  for (const unsigned threads : {2U, 4U}) {
    options.compression_threads = threads;
    write_xlsx_report(r, book, dir / "more.xlsx", options);
    EXPECT_EQ(read_text(dir / "more.xlsx"), one) << threads << " threads";
  }
  stream_report_options stream;
  stream.xlsx = dir / "streamed.xlsx";
  stream.threads = 1;
  stream_report(dir / "ordered.json", quarter(), stream);
  EXPECT_EQ(read_text(dir / "streamed.xlsx"), one);
}

TEST(StreamReport, AnEmptyListingInOrder) {
  const scratch_dir dir;
  report_options options = quarter();
  options.from = day("2021-01-01");
  options.to = day("2021-03-31");
  write_text(dir / "ordered.json", in_listing_order(generated_document(300, 100)).dump(1));
  expect_same_outputs(dir / "ordered.json", options);
}

TEST(StreamReport, ABrokenRecordAfterRowsWereWrittenLeavesNoFile) {
  const scratch_dir dir;
  nlohmann::ordered_json doc = in_listing_order(generated_document(3000, 1000));
  const std::vector<std::size_t> listed = listed_positions(doc);
  doc["cases"][listed[listed.size() - 3]]["district"] = "xiamen";  // no such district
  write_text(dir / "broken.json", doc.dump(1));
  for (const unsigned threads : {1u, 2u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    stream_report_options stream;
    stream.json = dir / "out.json";
    stream.xlsx = dir / "out.xlsx";
    stream.threads = threads;
    EXPECT_THROW(stream_report(dir / "broken.json", quarter(), stream), ledger_error);
    std::vector<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      left.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(left, std::vector<std::string>{"broken.json"});
  }
}

// A tiny ledger whose figures are counted by hand.
constexpr std::string_view tiny_ledger = R"({"format": "caseledger.ledger/1",
 "districts": [{"id": "gulou", "name": "鼓楼区"}],
 "enterprises": [{"id": "E1", "name": "甲", "district": "gulou", "resumed_on": "2020-02-10"},
                 {"id": "E2", "name": "乙", "district": "gulou"}],
 "teams": [{"id": "T1", "district": "gulou", "kind": "service_team"}],
 "cases": [
  {"id": "C1", "district": "gulou", "reported_on": "2020-02-01", "category": "labour",
   "enterprise": "E1", "team": "T1", "resolved_on": "2020-02-05", "due_on": "2020-02-10"},
  {"id": "C2", "district": "gulou", "reported_on": "2020-02-03", "category": "energy"},
  {"id": "C3", "district": "gulou", "reported_on": "2020-01-20", "category": "energy",
   "status": "withdrawn", "closed_on": "2020-01-21"}],
 "measures": [
  {"id": "M1", "district": "gulou", "kind": "subsidy", "granted_on": "2020-02-06",
   "enterprise": "E1", "case": "C1", "amount": "1500.50"},
  {"id": "M2", "district": "gulou", "kind": "subsidy", "granted_on": "2020-02-07",
   "amount": 99.5}]}
)";

TEST(StreamReport, CountsATinyLedgerAsCountedByHand) {
  const scratch_dir dir;
  write_text(dir / "tiny.json", std::string(tiny_ledger));
  report_options options;
  options.from = day("2020-02-01");
  options.to = day("2020-02-29");
  stream_report_options stream;
  stream.json = dir / "out.json";
  const report r = stream_report(dir / "tiny.json", options, stream);
  const group_metrics& total = r.total.metrics;
  EXPECT_EQ(total.cases.coordinated, 2);  // C3 is outside the window and withdrawn
  EXPECT_EQ(total.cases.resolved, 1);
  EXPECT_EQ(total.cases.on_time, 1);
  EXPECT_EQ(total.support[0].amount.fen(), 160'000);  // 1500.50 + 99.50
  EXPECT_EQ(total.support[0].count, 2);
  EXPECT_EQ(total.support[0].beneficiaries.size(), 1u);
  EXPECT_EQ(total.resumption.tracked, 2);
  EXPECT_EQ(total.resumption.resumed, 1);
  EXPECT_EQ(total.backlog.ages.count(), 1);  // C2, open for 26 days on 02-29
  ASSERT_TRUE(total.backlog.oldest.has_value());
  EXPECT_EQ(total.backlog.oldest->id, "C2");
  const auto document = nlohmann::json::parse(read_text(dir / "out.json"));
  EXPECT_EQ(document["total"]["label"]["zh"], "合计");
}

// The problems of the normal mode and of the streaming report for the same ledger.
void expect_same_problems(const std::string& text, std::size_t max_problems,
                          std::size_t expected_count = 1) {
  const scratch_dir dir;
  write_text(dir / "bad.json", text);
  EXPECT_EQ(caseledger::testing::expect_same_problems_of({dir / "bad.json"}, max_problems).size(),
            expected_count);
}

// `text` with `from` replaced by `to` (once).
std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string tiny_with(std::string_view from, std::string_view to) {
  return replaced(std::string(tiny_ledger), from, to);
}

TEST(StreamReport, ReportsADuplicateCaseIdAsTheNormalModeDoes) {
  const std::string text = tiny_with(R"("id": "C2")", R"("id": "C1")");
  expect_same_problems(text, 1);
  expect_same_problems(text, 20);
  // Measures answering the duplicated case still find it.
  expect_same_problems(replaced(text, R"("amount": 99.5)", R"("amount": -1)"), 20, 2);
}

TEST(StreamReport, ReportsUnknownReferencesAndDatesAsTheNormalModeDoes) {
  expect_same_problems(tiny_with(R"("district": "gulou", "reported_on": "2020-02-03")",
                                 R"("district": "xiamen", "reported_on": "2020-02-03")"),
                       1);
  expect_same_problems(
      tiny_with(R"("resolved_on": "2020-02-05")", R"("resolved_on": "2020-01-05")"), 1);
  expect_same_problems(tiny_with(R"("case": "C1")", R"("case": "C9")"), 1);
  expect_same_problems(tiny_with(R"("team": "T1")", R"("team": "T7")"), 1);
}

TEST(StreamReport, ReportsUnitAndProcessProblemsAsTheNormalModeDoes) {
  const std::string with_units =
      tiny_with(R"("teams": [)", R"("units": [{"id": "U1", "name": "区人社局"}], "teams": [)");
  // A unit given after the teams reads like any small table.
  expect_same_problems(tiny_with(R"("team": "T1",)", R"("team": "T1", "unit": "U9",)"), 1);
  expect_same_problems(
      replaced(with_units, R"("category": "energy"},)",
               R"("category": "energy", "unit": "U1", "co_units": ["U1", "U2"],)"
               R"( "due_workdays": 3, "due_on": "2020-02-05", "satisfaction": "satisfied"},)"),
      20, 4);
  expect_same_problems(
      tiny_with(R"("category": "energy"},)", R"("category": "energy", "due_workdays": 0},)"), 1);
}

TEST(StreamReport, CountsADueFromDueWorkdaysAsTheNormalModeDoes) {
  // C1, received on Saturday 2020-02-01 (a rest day), is due 3 working days later on
  // 2020-02-05 and resolved that day: on time. C2 is due 5 working days after 2020-02-03,
  // on 2020-02-10, and still open on 03-31: late.
  const std::string text = tiny_with(R"("resolved_on": "2020-02-05", "due_on": "2020-02-10"})",
                                     R"("resolved_on": "2020-02-05", "due_workdays": 3})");
  const scratch_dir dir;
  write_text(dir / "tiny.json", replaced(text, R"("category": "energy"},)",
                                         R"("category": "energy", "due_workdays": 5},)"));
  expect_same_outputs(dir / "tiny.json", quarter());
  stream_report_options stream;
  stream.json = dir / "out.json";
  const report r = stream_report(dir / "tiny.json", quarter(), stream);
  EXPECT_EQ(r.total.metrics.cases.on_time, 1);
  EXPECT_EQ(r.total.metrics.cases.late, 1);
}

TEST(StreamReport, WritesTheHandlingProcessAsTheNormalModeDoes) {
  const scratch_dir dir;
  // The tiny ledger with its cases in the listing's order (C3 reported after C2), so that
  // the listing can be written while reading.
  const std::string in_order = tiny_with(R"("reported_on": "2020-01-20", "category": "energy",)"
                                         R"(
   "status": "withdrawn", "closed_on": "2020-01-21")",
                                         R"("reported_on": "2020-02-04", "category": "energy",)"
                                         R"( "status": "withdrawn", "closed_on": "2020-02-05")");
  // With units, the workbook shows the process from the start: its units and overdue
  // sheets, the listing's process columns, written while reading (on two threads).
  write_text(dir / "units.json",
             replaced(replaced(in_order, R"("teams": [)",
                               R"("units": [{"id": "U1", "name": "区人社局"},)"
                               R"( {"id": "U2", "name": "市税务局"}], "teams": [)"),
                      R"("category": "energy"},)",
                      R"("category": "energy", "unit": "U1", "co_units": ["U2"],)"
                      R"( "due_on": "2020-02-10"},)"));
  EXPECT_EQ(expect_same_outputs(dir / "units.json", quarter()), 1);
  // Without units, a follow-up shows the process only once the cases are in: the listing
  // begun without its columns is given up, and the workbook written at the end the same.
  write_text(dir / "followed.json",
             replaced(in_order, R"("resolved_on": "2020-02-05", "due_on": "2020-02-10"})",
                      R"("resolved_on": "2020-02-05", "due_on": "2020-02-10",)"
                      R"( "followed_up_on": "2020-02-06", "satisfaction": "satisfied"})"));
  EXPECT_EQ(expect_same_outputs(dir / "followed.json", quarter()), 0);
  write_text(dir / "plain.json", in_order);
  EXPECT_EQ(expect_same_outputs(dir / "plain.json", quarter()), 1);  // as without the rewrite
}

TEST(StreamReport, OrdersProblemsAsTheNormalModeDoesWhateverOrderTheyArriveIn) {
  // A case's rule, then a measure's duplicate id, then a district without a name and a
  // refused record: the normal mode lists ids first, then rules kind by kind.
  std::string text = tiny_with(R"("resolved_on": "2020-02-05")", R"("resolved_on": "2020-01-05")");
  text = replaced(text, R"("id": "M2")", R"("id": "M1")");
  text = replaced(text, R"("name": "鼓楼区")", R"("name": "")");
  text = replaced(text, R"("category": "energy"})", R"("category": "nonsense"})");
  expect_same_problems(text, 1);
  expect_same_problems(text, 3, 3);
  expect_same_problems(text, 50, 4);
  // A syntax error at the very end comes first in either mode.
  expect_same_problems(text.substr(0, text.size() - 3), 50, 2);
}

// A ledger with the given enterprises and projects (JSON objects, comma-separated) and a
// case naming E1; `districts` comes after them when `districts_last`.
std::string ledger_with_subjects(std::string_view enterprises, std::string_view projects,
                                 bool districts_last = false) {
  const std::string districts =
      R"("districts": [{"id": "gulou", "name": "鼓楼区"}, {"id": "taijiang", "name": "台江区"}])";
  std::string text = R"({"format": "caseledger.ledger/1",)";
  if (!districts_last) text += districts + ",";
  text += "\n \"enterprises\": [" + std::string(enterprises) + "],\n \"projects\": [" +
          std::string(projects) + "],";
  if (districts_last) text += districts + ",";
  return text + R"(
 "cases": [{"id": "C1", "district": "gulou", "reported_on": "2020-02-03", "category": "energy",
            "enterprise": "E1"}]}
)";
}

TEST(StreamReport, ReportsEnterpriseAndProjectProblemsAsTheNormalModeDoes) {
  // Duplicate ids (first at a position past a refused record), an empty id, an empty name,
  // an unknown district, a district refused by the reader, on enterprises and projects.
  const std::string enterprises =
      R"({"id": "E1", "name": "甲", "district": "gulou"},
         {"id": "E2", "name": "乙", "district": "gulou", "resumed_on": "not a date"},
         {"id": "E3", "name": "丙", "district": "gulou"},
         {"id": "E3", "name": "丁", "district": "xiamen"},
         {"id": "", "name": "", "district": "taijiang"},
         {"id": "E01", "name": "戊", "district": "taijiang"},
         {"id": "E1", "name": "己", "district": "gulou"})";
  const std::string projects =
      R"({"id": "P-a", "name": "", "district": "gulou"},
         {"id": "P-a", "name": "甲项目", "district": "cangshan"},
         {"id": "P7", "name": "乙项目", "district": "gulou"})";
  expect_same_problems(ledger_with_subjects(enterprises, projects), 50, 9);
  expect_same_problems(ledger_with_subjects(enterprises, projects), 2, 2);
  // Districts after the enterprises and projects: every reference is checked at the end.
  expect_same_problems(ledger_with_subjects(enterprises, projects, true), 50, 9);
}

TEST(StreamReport, CountsResumptionAsTheNormalModeDoesWithoutTheWorkbook) {
  const scratch_dir dir;
  const std::string enterprises =
      R"({"id": "E1", "name": "甲", "district": "gulou", "key": true, "resumed_on": "2020-02-10"},
         {"id": "E2", "name": "乙", "district": "taijiang", "resumed_on": "2020-03-30"},
         {"id": "E3", "name": "丙", "district": "taijiang", "key": true},
         {"id": "E4", "name": "丁", "district": "taijiang", "key": true, "resumed_on": "2020-02-01"})";
  const std::string projects =
      R"({"id": "P1", "name": "甲项目", "district": "gulou", "key": true, "resumed_on": "2020-03-01"},
         {"id": "P2", "name": "乙项目", "district": "taijiang"})";
  for (const bool districts_last : {false, true}) {
    write_text(dir / "subjects.json", ledger_with_subjects(enterprises, projects, districts_last));
    report_options options = quarter();
    options.as_of = day("2020-03-01");
    expect_same_outputs(dir / "subjects.json", options);
    options.key_only_resumption = true;
    options.compare = comparison_spec::parse("previous");
    expect_same_outputs(dir / "subjects.json", options);
    // By hand: as of 03-01, key only: gulou E1 and P1 both resumed; taijiang E3 not yet,
    // E4 resumed.
    stream_report_options stream;
    stream.json = dir / "out.json";
    const report r = stream_report(dir / "subjects.json", options, stream);
    EXPECT_EQ(r.total.metrics.resumption.tracked, 4);
    EXPECT_EQ(r.total.metrics.resumption.resumed, 3);
  }
}

// How many times the streaming report read `ledger_path` for its records (1 in order).
unsigned reads_of(const std::filesystem::path& ledger_path, const report_options& options,
                  unsigned threads = 2) {
  const scratch_dir dir;
  stream_report_options stream;
  stream.json = dir / "out.json";
  stream.threads = threads;
  detail::stream_report_trace trace;
  detail::stream_report({ledger_path}, options, stream, trace);
  return trace.reads;
}

TEST(StreamReport, ReadsContextRecordsAfterTheCasesAgainInPasses) {
  const scratch_dir dir;
  write_text(dir / "late.json",
             R"({"format": "caseledger.ledger/1",
 "districts": [{"id": "gulou", "name": "鼓楼区"}],
 "cases": [{"id": "C1", "district": "gulou", "reported_on": "2020-02-01", "category": "labour",
            "team": "T1"}],
 "teams": [{"id": "T1", "district": "gulou", "kind": "service_team"}]}
)");
  report_options options = quarter();
  options.group_by = {group_dimension::team};
  expect_same_outputs(dir / "late.json", options);
  // Given up at the team, then the context and the cases in two passes.
  for (const unsigned threads : {1u, 2u})
    EXPECT_EQ(reads_of(dir / "late.json", options, threads), 3u);
}

TEST(StreamReport, ReadsCasesAfterMeasuresAgainInPasses) {
  const scratch_dir dir;
  write_text(dir / "late.json",
             R"({"format": "caseledger.ledger/1",
 "districts": [{"id": "gulou", "name": "鼓楼区"}],
 "measures": [{"id": "M1", "district": "gulou", "kind": "subsidy", "granted_on": "2020-02-06",
   "amount": "1", "case": "C1"}],
 "cases": [{"id": "C1", "district": "gulou", "reported_on": "2020-02-01", "category": "labour"}]}
)");
  report_options options = quarter();
  options.group_by = {group_dimension::category};  // a measure's group is its case's
  expect_same_outputs(dir / "late.json", options);
  // Given up at the first measure, then the context, the cases and the measures.
  EXPECT_EQ(reads_of(dir / "late.json", options), 4u);
}

// `doc` with its keys in the order `keys` gives (each of doc's keys once).
nlohmann::ordered_json with_keys_in_order(const nlohmann::ordered_json& doc,
                                          const std::vector<std::string>& keys) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& key : keys) {
    if (doc.contains(key)) out[key] = doc[key];
  }
  EXPECT_EQ(out.size(), doc.size());
  return out;
}

// Orders of a ledger's arrays the one pass cannot take, and how many reads each costs: the
// cases first (given up at once), the measures before the cases (given up at once, then
// three passes), interleaved (given up at the teams after the cases), reversed, and the
// format last.
struct shuffled_order {
  std::vector<std::string> keys;
  unsigned reads;
};
const std::vector<shuffled_order> shuffled_orders = {
    {{"format", "cases", "districts", "enterprises", "projects", "teams", "measures"}, 3},
    {{"format", "measures", "districts", "enterprises", "projects", "teams", "cases"}, 4},
    {{"format", "districts", "measures", "teams", "cases", "enterprises", "projects"}, 4},
    {{"format", "districts", "enterprises", "cases", "teams", "measures", "projects"}, 3},
    {{"measures", "cases", "teams", "projects", "enterprises", "districts", "format"}, 4},
};

TEST(StreamReport, ReadsALedgerWhoseArraysComeInAnyOrderAsTheNormalModeDoes) {
  const scratch_dir dir;
  const nlohmann::ordered_json doc = generated_document(2000, 1500);
  const nlohmann::ordered_json listed = in_listing_order(doc);
  for (const shuffled_order& order : shuffled_orders) {
    SCOPED_TRACE(nlohmann::json(order.keys).dump());
    write_text(dir / "shuffled.json", with_keys_in_order(doc, order.keys).dump(1));
    report_options options = quarter();
    options.group_by = {group_dimension::team, group_dimension::channel};
    options.compare = comparison_spec::parse("previous");
    expect_same_outputs(dir / "shuffled.json", options);
    for (const unsigned threads : {1u, 2u}) {
      EXPECT_EQ(reads_of(dir / "shuffled.json", options, threads), order.reads);
    }
    // In the listing's order, the second thread writes the listing during the cases' pass.
    write_text(dir / "listed.json", with_keys_in_order(listed, order.keys).dump(1));
    EXPECT_EQ(expect_same_outputs(dir / "listed.json", quarter()), 1);
  }
  write_text(dir / "in-order.json", doc.dump(1));
  EXPECT_EQ(reads_of(dir / "in-order.json", quarter()), 1u);
}

std::string ledger_with_ids(const std::vector<std::string>& case_ids,
                            const std::vector<std::string>& measure_ids);

TEST(StreamReport, ReadsUnitsGivenAfterTheCasesAgainInPasses) {
  // Units are a small table like teams: given after the cases and measures, the one pass
  // is given up at the first unit and the file read again, the units with the context.
  const std::string text = replaced(
      tiny_with(R"("teams": [)", R"("units": [{"id": "U1", "name": "区人社局"}], "teams": [)"),
      R"("category": "energy"},)", R"("category": "energy", "unit": "U1"},)");
  const std::vector<std::string> units_last = {"format", "districts", "enterprises", "projects",
                                               "teams",  "cases",     "measures",    "units"};
  const std::string shuffled =
      with_keys_in_order(nlohmann::ordered_json::parse(text), units_last).dump(1);
  const scratch_dir dir;
  write_text(dir / "units-last.json", shuffled);
  report_options options = quarter();
  options.group_by = {group_dimension::district, group_dimension::category};
  expect_same_outputs(dir / "units-last.json", options);
  EXPECT_EQ(reads_of(dir / "units-last.json", options), 3u);
  // A case naming a unit the ledger lacks: the same problem, wherever the units come.
  expect_same_problems(replaced(shuffled, R"("unit": "U1")", R"("unit": "U9")"), 1);
}

TEST(StreamReport, ReportsTheProblemsOfALedgerInAnyOrderAsTheNormalModeDoes) {
  // The problems of OrdersProblemsAsTheNormalModeDoes…, and a measure answering a case the
  // reader refuses (not a problem) and one answering no case (a problem).
  std::string text = tiny_with(R"("resolved_on": "2020-02-05")", R"("resolved_on": "2020-01-05")");
  text = replaced(text, R"("id": "M2")", R"("id": "M1")");
  text = replaced(text, R"("name": "鼓楼区")", R"("name": "")");
  text = replaced(text, R"("category": "energy"})", R"("category": "nonsense"})");
  text = replaced(text, R"("amount": 99.5)", R"("amount": 99.5, "case": "C2")");
  text = replaced(text, R"("case": "C1")", R"("case": "C9")");
  const auto doc = nlohmann::ordered_json::parse(text);
  for (const shuffled_order& order : shuffled_orders) {
    SCOPED_TRACE(nlohmann::json(order.keys).dump());
    const std::string shuffled = with_keys_in_order(doc, order.keys).dump(1);
    expect_same_problems(shuffled, 1);
    expect_same_problems(shuffled, 3, 3);
    expect_same_problems(shuffled, 50, 5);
    // A syntax error at the very end comes first in either mode.
    expect_same_problems(shuffled.substr(0, shuffled.size() - 3), 50, 2);
  }
  // Duplicate ids, whose first records are looked up again, with the measures first.
  const std::vector<std::string> cases = {"C1", "refused", "C2", "C1", "C2", "C3"};
  const auto ids = nlohmann::ordered_json::parse(ledger_with_ids(cases, {"M1", "M2", "M1"}));
  expect_same_problems(
      with_keys_in_order(ids, {"format", "measures", "cases", "districts"}).dump(1), 50, 1 + 2 + 1);
}

TEST(StreamReport, RefusesOtherFormatsAndThreadCounts) {
  stream_report_options stream;
  stream.json = "out.json";
  EXPECT_THROW(stream_report(source_path("samples/fuzhou-2020q1/README.md"), quarter(), stream),
               usage_error);
  stream.threads = 3;
  EXPECT_THROW(stream_report(fuzhou, quarter(), stream), usage_error);
}

// A ledger of tiny cases with the given ids (each in gulou on 2020-02-03; "refused" gives a
// case the reader refuses for its category), and measures with the given ids.
std::string ledger_with_ids(const std::vector<std::string>& case_ids,
                            const std::vector<std::string>& measure_ids) {
  std::string text = R"({"format": "caseledger.ledger/1",
 "districts": [{"id": "gulou", "name": "鼓楼区"}],
 "cases": [)";
  for (std::size_t i = 0; i < case_ids.size(); ++i) {
    const bool refused = case_ids[i] == "refused";
    text += (i == 0 ? "\n" : ",\n") + std::string(R"(  {"id": ")") +
            (refused ? "R" + std::to_string(i) : case_ids[i]) +
            R"(", "district": "gulou", "reported_on": "2020-02-03", "category": ")" +
            (refused ? "nonsense" : "energy") + "\"}";
  }
  text += "],\n \"measures\": [";
  for (std::size_t i = 0; i < measure_ids.size(); ++i) {
    text +=
        (i == 0 ? "\n" : ",\n") + std::string(R"(  {"id": ")") + measure_ids[i] +
        R"(", "district": "gulou", "kind": "subsidy", "granted_on": "2020-02-06", "amount": 1})";
  }
  return text + "]}\n";
}

TEST(StreamReport, NamesTheFirstRecordOfEveryDuplicateIdAsTheNormalModeDoes) {
  // Ids of the numeric shape with and without leading zeros (C007, C07 and C7 are three
  // ids), mixed prefixes, numbers too big for the compact form, ids of no numeric shape;
  // a refused case moves the positions the first records stand at.
  const std::vector<std::string> cases = {
      "C007",       "refused",      "C7",         "C07",        "E7",           "7",
      "case-a",     "C007",         "C7",         "case-a",     "C99999999999", "C134217728",
      "C134217727", "C99999999999", "C134217728", "C134217727", "007",          "7",
      "C07"};
  const std::vector<std::string> measures = {"M1", "M01", "M1", "m1", "M01", "M-x", "M-x"};
  // 8 duplicate cases (positions 7, 8, 9, 13, 14, 15, 17, 18) and 3 duplicate measures.
  expect_same_problems(ledger_with_ids(cases, measures), 50, 1 + 8 + 3);
  expect_same_problems(ledger_with_ids(cases, measures), 3, 3);
  // More ids than the compact form has shapes for, each duplicated.
  std::vector<std::string> many;
  for (const char prefix : std::string("ABCDEFGHIJKLMNOPQRST"))
    many.push_back(prefix + std::string("12"));
  for (const char prefix : std::string("TSRQPONMLKJIHGFEDCBA"))
    many.push_back(prefix + std::string("12"));
  expect_same_problems(ledger_with_ids(many, {}), 50, 20);
}

}  // namespace
