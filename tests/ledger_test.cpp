// The rules ledger_builder::build checks, on records built by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

date day(const char* text) { return date::parse(text); }

// Records are built field by field: GCC warns about designated initializers that leave
// members to their defaults.
district make_district(std::string id, std::string name) {
  district record;
  record.id = std::move(id);
  record.name = std::move(name);
  return record;
}

enterprise make_enterprise(std::string id, std::string name, std::string district_id) {
  enterprise record;
  record.id = std::move(id);
  record.name = std::move(name);
  record.district = std::move(district_id);
  return record;
}

project make_project(std::string id, std::string name, std::string district_id) {
  project record;
  record.id = std::move(id);
  record.name = std::move(name);
  record.district = std::move(district_id);
  return record;
}

team make_team(std::string id, std::string district_id) {
  team record;
  record.id = std::move(id);
  record.district = std::move(district_id);
  return record;
}

measure make_measure(std::string id, measure_kind kind) {
  measure record;
  record.id = std::move(id);
  record.district = "gulou";
  record.kind = kind;
  record.granted_on = day("2020-02-10");
  return record;
}

problem reason_only(std::string reason) {
  problem found;
  found.reason = std::move(reason);
  return found;
}

case_record open_case(std::string id) {
  case_record record;
  record.id = std::move(id);
  record.district = "gulou";
  record.reported_on = day("2020-02-05");
  return record;
}

measure subsidy(std::string id) {
  measure record = make_measure(std::move(id), measure_kind::subsidy);
  record.amount = money::from_fen(100);
  return record;
}

// A builder holding one district "gulou", one enterprise "e1", one project "p1", one team
// "t1" and one case "c1", all valid; tests add the record that breaks a rule.
ledger_builder valid_base(std::size_t max_problems = 1) {
  ledger_builder builder("book.json", max_problems);
  auto gulou = make_district("gulou", "鼓楼区");
  gulou.name_en = "Gulou";
  gulou.parent = "福州市";
  builder.add(gulou);
  builder.add(make_enterprise("e1", "甲公司", "gulou"));
  builder.add(make_project("p1", "地铁6号线", "gulou"));
  auto t1 = make_team("t1", "gulou");
  t1.kind = team_kind::party_team;
  builder.add(t1);
  auto c1 = open_case("c1");
  c1.reported_on = day("2020-02-03");
  c1.category = case_category::labour;
  c1.enterprise = "e1";
  c1.team = "t1";
  builder.add(c1);
  return builder;
}

// The one-line forms of the problems build() throws.
std::vector<std::string> problems_of(ledger_builder builder) {
  try {
    std::move(builder).build();
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.to_string());
    return lines;
  }
  return {};
}

std::string only_problem(ledger_builder builder) {
  const auto lines = problems_of(std::move(builder));
  EXPECT_EQ(lines.size(), 1u);
  return lines.empty() ? std::string() : lines.front();
}

TEST(Ledger, ValidRecordsBuildWithIndexes) {
  const ledger book = valid_base().build();
  ASSERT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.find_district("gulou")->name, "鼓楼区");
  EXPECT_EQ(book.find_enterprise("e1")->name, "甲公司");
  EXPECT_EQ(book.find_project("p1")->name, "地铁6号线");
  EXPECT_EQ(book.find_team("t1")->kind, team_kind::party_team);
  EXPECT_EQ(book.find_case("c1")->team, "t1");
  EXPECT_EQ(book.find_case("nope"), nullptr);
  EXPECT_EQ(book.find_measure("m1"), nullptr);
}

TEST(Ledger, ProblemFieldsAreAllSet) {
  auto builder = valid_base();
  builder.add(open_case("c2"), record_origin{57, 5, 17});
  auto c = open_case("c3");
  c.resolved_on = day("2020-02-01");
  c.status = case_status::resolved;
  builder.add(c, record_origin{60, 5, 18});
  try {
    std::move(builder).build();
    FAIL() << "no problem found";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    const problem& p = e.problems().front();
    EXPECT_EQ(p.file, "book.json");
    EXPECT_EQ(p.line, 60u);
    EXPECT_EQ(p.column, 5u);
    EXPECT_EQ(p.pointer, "/cases/18/resolved_on");
    EXPECT_EQ(p.record_kind, "case");
    EXPECT_EQ(p.record_id, "c3");
    EXPECT_EQ(p.field, "resolved_on");
    EXPECT_EQ(p.reason, "resolved_on 2020-02-01 is before reported_on 2020-02-05");
    EXPECT_EQ(std::string(e.what()),
              "book.json:60:5: /cases/18/resolved_on (case c3): resolved_on 2020-02-01 is before "
              "reported_on 2020-02-05");
  }
}

TEST(Ledger, IdsAreNonEmptyAndUniquePerKind) {
  auto builder = valid_base(10);
  builder.add(open_case("c1"));           // /cases/1
  builder.add(open_case(""));             // /cases/2
  builder.add(make_district("c1", "x"));  // same id, other kind: fine
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/1/id (case c1): duplicate id 'c1' (first at /cases/0)",
                "book.json: /cases/2/id (case): id is empty"}));
}

TEST(Ledger, NamesAndDistrictsAreRequired) {
  ledger_builder builder("", 10);
  builder.add(make_district("d", ""));
  builder.add(make_enterprise("e", "", ""));
  builder.add(make_project("p", "P", "nowhere"));
  auto t = make_team("t", "nowhere");
  t.members = -3;
  builder.add(t);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "<ledger>: /districts/0/name (district d): name is empty",
                "<ledger>: /enterprises/0/name (enterprise e): name is empty",
                "<ledger>: /enterprises/0/district (enterprise e): district is empty",
                "<ledger>: /projects/0/district (project p): unknown district 'nowhere'",
                "<ledger>: /teams/0/district (team t): unknown district 'nowhere'",
                "<ledger>: /teams/0/members (team t): members -3 is negative"}));
}

TEST(Ledger, CaseReferencesMustExist) {
  auto builder = valid_base(10);
  auto c = open_case("c2");
  c.district = "gulou2";
  c.enterprise = "e9";
  c.team = "t9";
  builder.add(c);
  auto d = open_case("c3");
  d.project = "p9";
  builder.add(d);
  EXPECT_EQ(
      problems_of(std::move(builder)),
      (std::vector<std::string>{"book.json: /cases/1/district (case c2): unknown district 'gulou2'",
                                "book.json: /cases/1/enterprise (case c2): unknown enterprise 'e9'",
                                "book.json: /cases/1/team (case c2): unknown team 't9'",
                                "book.json: /cases/2/project (case c3): unknown project 'p9'"}));
}

TEST(Ledger, CaseHasAtMostOneSubject) {
  auto builder = valid_base();
  auto c = open_case("c2");
  c.enterprise = "e1";
  c.project = "p1";
  builder.add(c);
  EXPECT_EQ(only_problem(std::move(builder)),
            "book.json: /cases/1/project (case c2): enterprise 'e1' and project 'p1' both given "
            "(at most one)");
}

TEST(Ledger, DatesAreNotBeforeReportedOn) {
  auto builder = valid_base(10);
  auto c = open_case("c2");
  c.due_on = day("2020-02-04");
  c.resolved_on = day("2020-02-04");
  c.status = case_status::resolved;
  builder.add(c);
  auto w = open_case("c3");
  w.closed_on = day("2020-01-31");
  w.status = case_status::withdrawn;
  builder.add(w);
  auto same_day = open_case("c4");  // the same day is fine
  same_day.due_on = same_day.resolved_on = day("2020-02-05");
  same_day.status = case_status::resolved;
  builder.add(same_day);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/1/due_on (case c2): due_on 2020-02-04 is before reported_on "
                "2020-02-05",
                "book.json: /cases/1/resolved_on (case c2): resolved_on 2020-02-04 is before "
                "reported_on 2020-02-05",
                "book.json: /cases/2/closed_on (case c3): closed_on 2020-01-31 is before "
                "reported_on 2020-02-05"}));
}

TEST(Ledger, StatusAndDatesAgree) {
  auto builder = valid_base(20);
  const auto with = [&](const char* id, case_status status, const char* resolved,
                        const char* closed) {
    auto c = open_case(id);
    c.status = status;
    if (resolved) c.resolved_on = day(resolved);
    if (closed) c.closed_on = day(closed);
    builder.add(c);
  };
  with("ok-open", case_status::open, nullptr, nullptr);
  with("ok-resolved", case_status::resolved, "2020-02-06", nullptr);
  with("ok-unresolvable", case_status::unresolvable, nullptr, "2020-02-06");
  with("ok-withdrawn", case_status::withdrawn, nullptr, "2020-02-06");
  with("a", case_status::open, "2020-02-06", "2020-02-07");     // /cases/5
  with("b", case_status::resolved, nullptr, "2020-02-07");      // /cases/6
  with("c", case_status::unresolvable, "2020-02-06", nullptr);  // /cases/7
  with("d", case_status::withdrawn, nullptr, nullptr);          // /cases/8
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/5/resolved_on (case a): status open cannot have resolved_on",
                "book.json: /cases/5/closed_on (case a): status open cannot have closed_on",
                "book.json: /cases/6 (case b): status resolved needs resolved_on",
                "book.json: /cases/6/closed_on (case b): status resolved cannot have closed_on",
                "book.json: /cases/7 (case c): status unresolvable needs closed_on",
                "book.json: /cases/7/resolved_on (case c): status unresolvable cannot have "
                "resolved_on",
                "book.json: /cases/8 (case d): status withdrawn needs closed_on"}));
}

TEST(Ledger, MeasureReferencesMustExist) {
  auto builder = valid_base(10);
  auto m = subsidy("m1");
  m.district = "x";
  m.enterprise = "e9";
  m.case_id = "c9";
  builder.add(m);
  auto both = subsidy("m2");
  both.enterprise = "e1";
  both.project = "p9";
  builder.add(both);
  auto fine = subsidy("m3");
  fine.project = "p1";
  fine.case_id = "c1";
  builder.add(fine);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /measures/0/district (measure m1): unknown district 'x'",
                "book.json: /measures/0/enterprise (measure m1): unknown enterprise 'e9'",
                "book.json: /measures/0/case (measure m1): unknown case 'c9'",
                "book.json: /measures/1/project (measure m2): unknown project 'p9'",
                "book.json: /measures/1/project (measure m2): enterprise 'e1' and project 'p9' "
                "both given (at most one)"}));
}

TEST(Ledger, MoneyMeasuresNeedANonNegativeAmountOnly) {
  auto builder = valid_base(20);
  auto none = subsidy("m1");
  none.kind = measure_kind::loan;
  none.amount.reset();
  builder.add(none);
  auto negative = subsidy("m2");
  negative.kind = measure_kind::fee_reduction;
  negative.amount = money::from_fen(-1250);
  builder.add(negative);
  auto extra = subsidy("m3");
  extra.kind = measure_kind::allowance;
  extra.mode = transport_mode::chartered_bus;
  extra.workers = 3;
  extra.origin = worker_origin::in_province;
  extra.origin_place = "陇西";
  extra.item = "masks";
  extra.quantity = 5;
  builder.add(extra);
  auto zero = subsidy("m4");
  zero.amount = money::from_fen(0);
  builder.add(zero);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /measures/0 (measure m1): kind loan needs amount",
                "book.json: /measures/1/amount (measure m2): amount -12.50 is negative",
                "book.json: /measures/2/mode (measure m3): kind allowance cannot have mode",
                "book.json: /measures/2/workers (measure m3): kind allowance cannot have workers",
                "book.json: /measures/2/origin (measure m3): kind allowance cannot have origin",
                "book.json: /measures/2/origin_place (measure m3): kind allowance cannot have "
                "origin_place",
                "book.json: /measures/2/item (measure m3): kind allowance cannot have item",
                "book.json: /measures/2/quantity (measure m3): kind allowance cannot have "
                "quantity"}));
}

TEST(Ledger, TransportMeasures) {
  auto builder = valid_base(20);
  auto bus = make_measure("m1", measure_kind::transport);
  bus.mode = transport_mode::chartered_bus;
  bus.workers = 0;
  bus.origin = worker_origin::out_of_province;
  bus.origin_place = "陇西";
  builder.add(bus);  // valid: zero workers, origin_place optional
  auto bad = make_measure("m2", measure_kind::transport);
  bad.amount = money::from_fen(1);
  bad.item = "masks";
  bad.quantity = 1;
  builder.add(bad);
  auto negative = bus;
  negative.id = "m3";
  negative.workers = -2;
  builder.add(negative);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /measures/1/amount (measure m2): kind transport cannot have amount",
                "book.json: /measures/1 (measure m2): kind transport needs mode",
                "book.json: /measures/1 (measure m2): kind transport needs workers",
                "book.json: /measures/1 (measure m2): kind transport needs origin",
                "book.json: /measures/1/item (measure m2): kind transport cannot have item",
                "book.json: /measures/1/quantity (measure m2): kind transport cannot have "
                "quantity",
                "book.json: /measures/2/workers (measure m3): workers -2 is negative"}));
}

TEST(Ledger, SuppliesMeasures) {
  auto builder = valid_base(20);
  auto masks = make_measure("m1", measure_kind::supplies);
  masks.enterprise = "e1";
  masks.item = "masks";
  masks.quantity = 0;
  builder.add(masks);  // valid
  auto bad = make_measure("m2", measure_kind::supplies);
  bad.mode = transport_mode::self_arranged;
  bad.workers = 1;
  bad.origin = worker_origin::in_province;
  builder.add(bad);
  auto negative = masks;
  negative.id = "m3";
  negative.quantity = -1;
  builder.add(negative);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /measures/1/mode (measure m2): kind supplies cannot have mode",
                "book.json: /measures/1/workers (measure m2): kind supplies cannot have workers",
                "book.json: /measures/1/origin (measure m2): kind supplies cannot have origin",
                "book.json: /measures/1 (measure m2): kind supplies needs item",
                "book.json: /measures/1 (measure m2): kind supplies needs quantity",
                "book.json: /measures/2/quantity (measure m3): quantity -1 is negative"}));
}

TEST(Ledger, ProblemsStopAtMaxProblems) {
  auto builder = valid_base(2);
  for (int i = 0; i < 5; ++i) builder.add(open_case("c1"));
  try {
    std::move(builder).build();
    FAIL() << "no problem found";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[1].pointer, "/cases/2/id");
    EXPECT_EQ(std::string(e.what()),
              "book.json: /cases/1/id (case c1): duplicate id 'c1' (first at /cases/0) (and 1 "
              "more problem)");
  }
}

TEST(Ledger, ReportedProblemsComeFirstAndCountTowardsTheLimit) {
  auto builder = valid_base(3);
  problem early = reason_only("bad");
  early.file = "book.json";
  early.line = 3;
  early.column = 7;
  early.pointer = "/cases/9/status";
  early.record_kind = "case";
  early.record_id = "c9";
  early.field = "status";
  builder.report(early);
  builder.add(open_case(""));
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{"book.json:3:7: /cases/9/status (case c9): bad",
                                      "book.json: /cases/1/id (case): id is empty"}));
}

TEST(Ledger, ReportThrowsWhenTheLimitIsReached) {
  ledger_builder builder("f", 2);
  builder.report(reason_only("one"));
  EXPECT_EQ(builder.problems().size(), 1u);
  EXPECT_THROW(builder.report(reason_only("two")), ledger_error);
}

TEST(Ledger, ManyRecordsBuild) {
  // Hash lookups: a large ledger is checked in one pass per kind.
  ledger_builder builder;
  builder.add(make_district("gulou", "鼓楼区"));
  for (int i = 0; i < 200000; ++i) builder.add(open_case("c" + std::to_string(i)));
  const ledger book = std::move(builder).build();
  EXPECT_EQ(book.cases().size(), 200000u);
  EXPECT_EQ(book.find_case("c199999")->district, "gulou");
}

}  // namespace
}  // namespace caseledger
