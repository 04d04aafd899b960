// The big-ledger generator (tests/bench/big_ledger.hpp): deterministic, valid in both
// formats, and the two formats hold the same ledger.
#include "big_ledger.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;

std::string json_of(std::uint64_t cases, std::uint64_t seed, bool process = false) {
  std::ostringstream out;
  bench::write_big_ledger_json(out, {.cases = cases, .seed = seed, .process = process});
  return out.str();
}

/// FNV-1a (64 bits): a ledger's bytes compared with a ledger written before, without
/// keeping its text here.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

report_options q1() {
  report_options options;
  options.from = date::from_ymd(2020, 1, 1);
  options.to = date::from_ymd(2020, 3, 31);
  return options;
}

TEST(BigLedger, SameSpecSameBytesOtherSeedOtherBytes) {
  const std::string first = json_of(500, 7);
  EXPECT_EQ(first, json_of(500, 7));
  EXPECT_NE(first, json_of(500, 8));
  EXPECT_NE(first, json_of(501, 7));
}

TEST(BigLedger, JsonReadsBackWithTheSizesAskedFor) {
  const ledger book = parse_json_ledger(json_of(3000, 1));
  EXPECT_EQ(book.cases().size(), 3000U);
  EXPECT_EQ(book.districts().size(), 10U);
  EXPECT_EQ(book.enterprises().size(), 300U);  // N / 10
  EXPECT_EQ(book.projects().size(), 60U);      // N / 50
  EXPECT_EQ(book.teams().size(), 12U);         // N / 250
  // 0.5 measures a case on average (60% none, 30% one, 10% two).
  EXPECT_GT(book.measures().size(), 1350U);
  EXPECT_LT(book.measures().size(), 1650U);
  EXPECT_EQ(book.cases().front().id, "C0001");
  EXPECT_EQ(book.cases().back().id, "C3000");
}

TEST(BigLedger, CasesComeInTheListingOrderWithTheWeeklyShares) {
  const ledger book = parse_json_ledger(json_of(2100, 5));
  // The weekly weights of 2020 Q1 (13 weeks from Wednesday 1 January), 105 in all: 2,100
  // cases give each week 20 cases a unit of weight, give or take one at the week's ends.
  const std::vector<std::size_t> weights = {3, 4, 5, 8, 12, 14, 14, 12, 10, 8, 6, 5, 4};
  std::vector<std::size_t> per_week(weights.size(), 0);
  const case_record* previous = nullptr;
  for (const case_record& c : book.cases()) {
    if (previous != nullptr) {
      EXPECT_LE(previous->reported_on, c.reported_on) << c.id;
      EXPECT_LT(previous->id, c.id);
    }
    previous = &c;
    ++per_week[static_cast<std::size_t>((c.reported_on - date::from_ymd(2020, 1, 1)) / 7)];
  }
  for (std::size_t week = 0; week < weights.size(); ++week) {
    EXPECT_NEAR(static_cast<double>(per_week[week]), 20.0 * static_cast<double>(weights[week]), 1.0)
        << "week " << week;
  }
  EXPECT_EQ(book.cases().front().reported_on, date::from_ymd(2020, 1, 1));
  EXPECT_EQ(book.cases().back().reported_on, date::from_ymd(2020, 3, 31));
}

TEST(BigLedger, DistributionsAreTheIntendedOnes) {
  const ledger book = parse_json_ledger(json_of(4000, 3));
  std::map<case_status, std::size_t> statuses;
  std::map<std::string, std::size_t> per_district;
  std::size_t anonymous = 0;
  for (const case_record& c : book.cases()) {
    ++statuses[c.status];
    ++per_district[c.district.str()];
    if (c.enterprise.empty() && c.project.empty()) ++anonymous;
    EXPECT_GE(c.reported_on, date::from_ymd(2020, 1, 1));
    EXPECT_LE(c.reported_on, date::from_ymd(2020, 3, 31));
  }
  // About 90% resolved, 5% open, 3% unresolvable, 2% withdrawn.
  EXPECT_GT(statuses[case_status::resolved], 3500U);
  EXPECT_LT(statuses[case_status::resolved], 3700U);
  EXPECT_GT(statuses[case_status::open], 120U);
  EXPECT_GT(statuses[case_status::unresolvable], 60U);
  EXPECT_GT(statuses[case_status::withdrawn], 30U);
  // Every one of the ten districts has cases; the largest (weight 16) beats the smallest (5).
  EXPECT_EQ(per_district.size(), 10U);
  EXPECT_GT(per_district["cangshan"], 2 * per_district["luoyuan"]);
  EXPECT_GT(anonymous, 200U);  // about 10%
  EXPECT_LT(anonymous, 600U);
}

TEST(BigLedger, CsvFolderHoldsTheSameLedger) {
  const caseledger::testing::scratch_dir scratch;
  bench::write_big_ledger_csv(scratch / "ledger", {2000, 5});
  const ledger from_csv = read_csv_ledger(scratch / "ledger");
  const ledger from_json = parse_json_ledger(json_of(2000, 5));
  ASSERT_EQ(from_csv.cases().size(), from_json.cases().size());
  ASSERT_EQ(from_csv.measures().size(), from_json.measures().size());
  for (std::size_t i = 0; i < from_json.cases().size(); ++i) {
    const case_record& a = from_json.cases()[i];
    const case_record& b = from_csv.cases()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.summary, b.summary);  // quotes and commas survive CSV quoting
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.resolved_on, b.resolved_on);
    EXPECT_EQ(a.team, b.team);
    EXPECT_EQ(a.channel, b.channel);
  }
  for (std::size_t i = 0; i < from_json.measures().size(); ++i) {
    EXPECT_EQ(from_json.measures()[i].amount, from_csv.measures()[i].amount);
  }
  EXPECT_EQ(to_json_text(compute_report(from_csv, q1())),
            to_json_text(compute_report(from_json, q1())));
}

TEST(BigLedger, SomeSummariesNeedCsvQuoting) {
  const std::string text = json_of(2000, 5);
  EXPECT_NE(text.find(R"(咨询\"复工备案\"流程,材料是否齐全)"), std::string::npos);
}

TEST(BigLedger, WithoutTheProcessOptionTheLedgerIsTheOneOfBefore) {
  // The 500-case ledger of seed 7 as make_big_ledger wrote it before the option came
  // (commit 04bc161): without the option, not one byte changes.
  const std::string text = json_of(500, 7);
  EXPECT_EQ(fnv1a(text), 0xa5a6'a76c'bcea'c866ULL);
  EXPECT_EQ(text.find("\"units\""), std::string::npos);
  EXPECT_EQ(text.find("\"unit\""), std::string::npos);
}

TEST(BigLedger, TheProcessFieldsAreValidAndAddedToTheSameCases) {
  // Read with every rule checked: units known, due_workdays agreeing, extensions within
  // the deadline, follow-up calls after settling.
  const ledger book = parse_json_ledger(json_of(4000, 3, true));
  const ledger plain = parse_json_ledger(json_of(4000, 3));
  EXPECT_EQ(book.units().size(), 42U);  // 4 bureaus in each of the 10 districts, 2 of the city
  EXPECT_EQ(book.units().back().district, "");
  ASSERT_EQ(book.cases().size(), plain.cases().size());
  EXPECT_EQ(book.measures().size(), plain.measures().size());
  std::map<std::string, std::size_t> count;
  for (std::size_t i = 0; i < book.cases().size(); ++i) {
    const case_record& c = book.cases()[i];
    const case_record& p = plain.cases()[i];
    // The case's own draws are untouched: a stream of its own draws the process fields.
    EXPECT_EQ(c.id, p.id);
    EXPECT_EQ(c.reported_on, p.reported_on);
    EXPECT_EQ(c.status, p.status);
    EXPECT_EQ(c.resolved_on, p.resolved_on);
    EXPECT_EQ(c.closed_on, p.closed_on);
    EXPECT_EQ(c.team, p.team);
    if (p.due_on) {
      EXPECT_EQ(c.due_on, p.due_on);
    }
    EXPECT_TRUE(c.unit.empty() || book.find_unit(c.unit) != nullptr);
    if (!c.unit.empty()) ++count["unit"];
    if (!c.co_units.empty()) ++count["co_units"];
    if (c.co_units.size() == 2) ++count["two co_units"];
    if (c.due_workdays) {
      ++count["due_workdays"];
      EXPECT_FALSE(p.due_on) << c.id;
      EXPECT_TRUE(c.due_on) << c.id;  // derived by the reader
    }
    if (c.extended_on) ++count["extended"];
    if (c.followed_up_on) ++count["followed_up"];
    if (c.satisfaction) ++count["satisfaction"];
    if (c.satisfaction == satisfaction_level::dissatisfied) ++count["dissatisfied"];
  }
  // The shares drawn (4,000 cases): unit 95%, co-units 20% of those (a fifth of them two),
  // due_workdays on 70% of the 30% without due_on, an extension on 10% of those with a
  // deadline, a call on 70% of the 93% settled, a satisfaction on 90% of the calls (5%
  // dissatisfied).
  EXPECT_NEAR(static_cast<double>(count["unit"]), 3800, 60);
  EXPECT_NEAR(static_cast<double>(count["co_units"]), 760, 80);
  EXPECT_NEAR(static_cast<double>(count["two co_units"]), 152, 40);
  EXPECT_NEAR(static_cast<double>(count["due_workdays"]), 840, 80);
  EXPECT_NEAR(static_cast<double>(count["extended"]), 364, 60);
  EXPECT_NEAR(static_cast<double>(count["followed_up"]), 2604, 100);
  EXPECT_NEAR(static_cast<double>(count["satisfaction"]), 2344, 100);
  EXPECT_NEAR(static_cast<double>(count["dissatisfied"]), 117, 40);
}

TEST(BigLedger, CsvFolderHoldsTheSameProcessFields) {
  const caseledger::testing::scratch_dir scratch;
  bench::write_big_ledger_csv(scratch / "ledger", {.cases = 2000, .seed = 5, .process = true});
  const ledger from_csv = read_csv_ledger(scratch / "ledger");
  const ledger from_json = parse_json_ledger(json_of(2000, 5, true));
  EXPECT_EQ(from_csv.units().size(), from_json.units().size());
  ASSERT_EQ(from_csv.cases().size(), from_json.cases().size());
  for (std::size_t i = 0; i < from_json.cases().size(); ++i) {
    const case_record& a = from_json.cases()[i];
    const case_record& b = from_csv.cases()[i];
    EXPECT_EQ(a.unit, b.unit);
    EXPECT_EQ(a.co_units, b.co_units);  // a list cell, split at '/'
    EXPECT_EQ(a.due_workdays, b.due_workdays);
    EXPECT_EQ(a.due_on, b.due_on);
    EXPECT_EQ(a.extended_on, b.extended_on);
    EXPECT_EQ(a.extended_due_on, b.extended_due_on);
    EXPECT_EQ(a.followed_up_on, b.followed_up_on);
    EXPECT_EQ(a.satisfaction, b.satisfaction);
  }
  EXPECT_EQ(to_json_text(compute_report(from_csv, q1())),
            to_json_text(compute_report(from_json, q1())));
}

TEST(BigLedger, ATinyLedgerStillHasEveryKind) {
  const ledger book = parse_json_ledger(json_of(1, 9));
  EXPECT_EQ(book.cases().size(), 1U);
  EXPECT_EQ(book.teams().size(), 10U);
  EXPECT_EQ(book.enterprises().size(), 20U);
}

}  // namespace
