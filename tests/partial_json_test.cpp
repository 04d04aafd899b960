#include "caseledger/io/partial_json.hpp"

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"

namespace {

using caseledger::date;
using caseledger::group_dimension;
using caseledger::money;
using caseledger::partial_document;
using caseledger::usage_error;

// A part with one of everything, filled by hand: two groups grouped by district and team.
partial_document sample_part() {
  partial_document document;
  document.options.from = date::parse("2020-01-01");
  document.options.to = date::parse("2020-03-31");
  document.options.as_of = date::parse("2020-04-15");
  document.options.group_by = {group_dimension::district, group_dimension::team,
                               group_dimension::unit};
  document.options.rate_decimals = 0;
  document.options.key_only_resumption = true;
  document.options.title = "一季度";

  auto& cangshan = document.parts.get_or_add({"cangshan", std::nullopt, "cs-hr"});
  cangshan.cases.coordinated = 3;
  cangshan.cases.resolved = 2;
  cangshan.cases.unresolvable = 1;
  cangshan.cases.on_time = 1;
  cangshan.cases.late = 1;
  cangshan.cases.resolved_in_window = 2;
  cangshan.cases.days_to_resolve.add(5);
  cangshan.cases.days_to_resolve.add(2);
  cangshan.cases.days_to_resolve.add(5);
  cangshan.cases.by_category[caseledger::enum_index(caseledger::case_category::labour)] = {3, 2};
  cangshan.cases.overdue_open = 1;
  cangshan.cases.with_due = 2;
  cangshan.cases.extended = 1;
  cangshan.cases.workdays_to_resolve.add(3);
  cangshan.cases.workdays_to_resolve.add(1);
  cangshan.cases.workdays_outside_calendar = 1;
  cangshan.cases.followed_up = 2;
  cangshan.cases.satisfaction = {1, 0, 1};
  cangshan.cases.co_handled = 4;
  auto& loan = cangshan.support[caseledger::enum_index(caseledger::measure_kind::loan)];
  loan.amount = money::parse("5500000.00");
  loan.count = 2;
  loan.beneficiaries = {"project:p2", "enterprise:e1"};
  cangshan.return_to_work.workers = 60;
  cangshan.return_to_work.trips = 1;
  cangshan.return_to_work
      .by_mode[caseledger::enum_index(caseledger::transport_mode::dedicated_vehicle)] = 60;
  cangshan.return_to_work
      .by_origin[caseledger::enum_index(caseledger::worker_origin::out_of_province)] = 60;
  cangshan.supplies["masks"] = {.quantity = 1200, .recipients = {"enterprise:e1"}};
  cangshan.resumption = {.tracked = 4, .resumed = 3};
  cangshan.backlog.add("cs-9", 40);
  cangshan.backlog.add("cs-7", 3);

  auto& team = document.parts.get_or_add({"minhou", "mh-t1", std::nullopt});
  team.teams[caseledger::enum_index(caseledger::team_kind::party_team)] = 1;
  return document;
}

TEST(PartialJson, RoundTripsExactly) {
  const partial_document original = sample_part();
  const partial_document back = caseledger::parse_partial_json(caseledger::to_json_text(original));
  EXPECT_EQ(back.parts, original.parts);
  EXPECT_EQ(caseledger::options_to_json(back.options),
            caseledger::options_to_json(original.options));
  EXPECT_EQ(back.options.as_of, date::parse("2020-04-15"));
  EXPECT_EQ(back.options.title, "一季度");
}

TEST(PartialJson, WritesMoneyAsFenHistogramsAsPairsAndSetsSorted) {
  const auto document = caseledger::partial_to_json(sample_part());
  EXPECT_EQ(document["format"], "caseledger.partial/2");
  const auto& group = document["groups"][0];
  EXPECT_EQ(group["key"].dump(), R"(["cangshan",null,"cs-hr"])");
  EXPECT_EQ(group["cases"]["days_to_resolve"].dump(), "[[2,1],[5,2]]");
  EXPECT_EQ(group["cases"]["workdays_to_resolve"].dump(), "[[1,1],[3,1]]");
  EXPECT_EQ(group["cases"]["satisfaction"].dump(),
            R"({"satisfied":1,"basically_satisfied":0,"dissatisfied":1})");
  EXPECT_EQ(
      group["support"]["loan"].dump(),
      R"({"amount_fen":"550000000","count":2,"beneficiaries":["enterprise:e1","project:p2"]})");
  EXPECT_EQ(group["support"]["subsidy"]["amount_fen"], "0");
  EXPECT_EQ(group["return_to_work"]["by_mode"].dump(),
            R"({"chartered_bus":0,"chartered_flight":0,"chartered_train":0,)"
            R"("dedicated_vehicle":60,"self_arranged":0})");
  EXPECT_EQ(group["teams"].dump(), R"({"service_team":0,"party_team":0,"instructor":0})");
  EXPECT_EQ(document["options"].dump(),
            R"({"from":"2020-01-01","to":"2020-03-31","as_of":"2020-04-15",)"
            R"("group_by":["district","team","unit"],"rate_decimals":0,)"
            R"("key_only_resumption":true,)"
            R"("title":"一季度"})");
}

TEST(PartialJson, ReadsLargeHistogramCountsExactly) {
  partial_document document;
  document.options.group_by = {group_dimension::district};
  auto& metrics = document.parts.get_or_add({"cangshan"});
  for (int i = 0; i < 1000; ++i) metrics.cases.days_to_resolve.add(7);
  metrics.cases.days_to_resolve.add(9);
  const auto back = caseledger::parse_partial_json(caseledger::to_json_text(document));
  const auto& histogram = back.parts.groups().at({"cangshan"}).cases.days_to_resolve;
  EXPECT_EQ(histogram.count(), 1001);
  EXPECT_EQ(histogram.sum(), 7009);
  EXPECT_EQ(histogram, metrics.cases.days_to_resolve);
}

TEST(PartialJson, NegativeMoneyAndTheExtremesRoundTrip) {
  partial_document document;
  document.options.group_by = {group_dimension::district};
  document.parts.get_or_add({"a"}).support[0].amount = money::from_fen(INT64_MIN);
  document.parts.get_or_add({"b"}).support[0].amount = money::from_fen(INT64_MAX);
  const auto back = caseledger::parse_partial_json(caseledger::to_json_text(document));
  EXPECT_EQ(back.parts, document.parts);
}

// The message of the usage_error reading `text` throws.
std::string error_of(const std::string& text) {
  try {
    (void)caseledger::parse_partial_json(text);
  } catch (const usage_error& error) {
    return error.what();
  }
  return "no error";
}

// The sample part's text with `from` replaced by `to` (once).
std::string edited(const std::string& from, const std::string& to) {
  std::string text = caseledger::to_json_text(sample_part());
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(PartialJson, RefusesBrokenDocumentsNamingThePointer) {
  EXPECT_EQ(error_of("{").rfind("partial aggregate: /: not valid JSON: ", 0), 0u);
  EXPECT_EQ(error_of("[]"), "partial aggregate: /: expected an object");
  EXPECT_EQ(error_of(edited("caseledger.partial/2", "caseledger.partial/1")),
            "partial aggregate: /format: expected \"caseledger.partial/2\"");
  EXPECT_EQ(error_of(edited(R"("late":1,)", "")),
            "partial aggregate: /groups/0/cases: missing key 'late'");
  EXPECT_EQ(error_of(edited(R"("late":1,)", R"("late":1,"later":2,)")),
            "partial aggregate: /groups/0/cases/later: unknown key");
  EXPECT_EQ(error_of(edited(R"("coordinated":3)", R"("coordinated":-3)")),
            "partial aggregate: /groups/0/cases/coordinated: expected a whole number >= 0");
  EXPECT_EQ(
      error_of(edited(R"(["enterprise:e1","project:p2"])", R"(["enterprise:e1","enterprise:e1"])")),
      "partial aggregate: /groups/0/support/loan/beneficiaries/1: duplicate member");
  EXPECT_EQ(error_of(edited("[[2,1],[5,2]]", "[[5,2],[2,1]]")),
            "partial aggregate: /groups/0/cases/days_to_resolve/1/0: days not in ascending "
            "order");
  EXPECT_EQ(error_of(edited("[[2,1],[5,2]]", "[[2,0]]")),
            "partial aggregate: /groups/0/cases/days_to_resolve/0/1: a count of 0 is never "
            "written");
  EXPECT_EQ(error_of(edited(R"(["cangshan",null,"cs-hr"])", R"(["cangshan"])")),
            "partial aggregate: /groups/0/key: expected an array of 3 values (one per group_by "
            "dimension)");
  EXPECT_EQ(error_of(edited(R"("550000000")", R"("5500000.00")")),
            "partial aggregate: /groups/0/support/loan/amount_fen: expected whole fen as a "
            "string of digits");
  EXPECT_EQ(error_of(edited(R"("550000000")", R"("9223372036854775808")")),
            "partial aggregate: /groups/0/support/loan/amount_fen: amount does not fit in "
            "64-bit fen");
  EXPECT_EQ(error_of(edited(R"("group_by":["district","team","unit"])",
                            R"("group_by":["district","street","unit"])")),
            "partial aggregate: /options/group_by/1: unknown dimension 'street'");
  EXPECT_EQ(error_of(edited(R"("2020-04-15")", R"("2020-02-30")"))
                .rfind("partial aggregate: /options/as_of: ", 0),
            0u);
}

TEST(PartialJson, WritesTheBacklogAsAgesAndTheOldestCase) {
  const auto document = caseledger::partial_to_json(sample_part());
  EXPECT_EQ(document["groups"][0]["backlog"].dump(),
            R"({"ages":[[3,1],[40,1]],"oldest":{"case":"cs-9","age":40}})");
  EXPECT_EQ(document["groups"][1]["backlog"].dump(), R"({"ages":[],"oldest":null})");
  EXPECT_EQ(error_of(edited(R"("oldest":{"case":"cs-9","age":40})", R"("oldest":null)")),
            "partial aggregate: /groups/0/backlog/oldest: does not match the ages");
  EXPECT_EQ(error_of(edited(R"("age":40})", R"("age":41})")),
            "partial aggregate: /groups/0/backlog/oldest: does not match the ages");
  EXPECT_EQ(error_of(edited(R"("ages":[[3,1],[40,1]],)", "")),
            "partial aggregate: /groups/0/backlog: missing key 'ages'");
}

}  // namespace
