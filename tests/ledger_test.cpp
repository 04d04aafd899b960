// The rules ledger_builder::build checks, on records built by hand.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "caseledger/core/calendar.hpp"
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

TEST(Ledger, RuleProblemsOfARecordReadFromASheetNameItsCell) {
  ledger_builder builder("book.xlsx[cases]", 10);
  builder.add(make_district("d1", "x"));
  auto c = open_case("c1");
  c.district = "gulou";
  builder.add(c, record_origin{.line = 4, .column = 1, .index = 2, .sheet_cell = true});
  try {
    std::move(builder).build();
    FAIL() << "no problem found";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_TRUE(e.problems()[0].sheet_cell);
    EXPECT_EQ(e.problems()[0].to_string(),
              "book.xlsx[cases]:A4: /cases/2/district (case c1): unknown district 'gulou'");
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

// valid_base() with 30,000 valid cases, 20,000 valid measures and six broken records: a
// ledger this large has its measures, and the last of its cases, checked on a second thread.
ledger_builder many_records_with_problems(std::size_t max_problems) {
  auto builder = valid_base(max_problems);
  case_record unknown_subject = open_case("c2");
  unknown_subject.enterprise = "e9";
  builder.add(std::move(unknown_subject));
  for (int i = 0; i < 30000; ++i) builder.add(open_case("k" + std::to_string(i)));
  for (int i = 0; i < 20000; ++i) {
    measure record = subsidy("m" + std::to_string(i));
    record.case_id = "c1";
    builder.add(std::move(record));
  }
  builder.add(subsidy("m7"));  // an id given twice
  measure unanswered = subsidy("m-x");
  unanswered.case_id = "c9";
  builder.add(std::move(unanswered));
  builder.add(open_case("c1"));  // an id given twice
  case_record unknown_team = open_case("c3");
  unknown_team.team = "t9";
  builder.add(std::move(unknown_team));
  builder.add(make_team("t2", "nowhere"));
  return builder;
}

TEST(Ledger, ProblemsOfManyRecordsComeInTheOrderOfAFew) {
  const std::vector<std::string> all = {
      "book.json: /cases/30002/id (case c1): duplicate id 'c1' (first at /cases/0)",
      "book.json: /measures/20000/id (measure m7): duplicate id 'm7' (first at /measures/7)",
      "book.json: /teams/1/district (team t2): unknown district 'nowhere'",
      "book.json: /cases/1/enterprise (case c2): unknown enterprise 'e9'",
      "book.json: /cases/30003/team (case c3): unknown team 't9'",
      "book.json: /measures/20001/case (measure m-x): unknown case 'c9'"};
  EXPECT_EQ(problems_of(many_records_with_problems(10)), all);
  for (std::size_t max = 1; max < all.size(); ++max) {
    const std::vector<std::string> first(all.begin(), all.begin() + static_cast<long>(max));
    EXPECT_EQ(problems_of(many_records_with_problems(max)), first) << max;
  }
}

// ---- the handling process (issue 17): units, working-day deadlines, extensions, follow-up ----

unit make_unit(std::string id, std::string name, std::string district_id = {}) {
  unit record;
  record.id = std::move(id);
  record.name = std::move(name);
  record.district = std::move(district_id);
  return record;
}

// valid_base() with two units: "rsj" of gulou and the city's "swj".
ledger_builder with_units(std::size_t max_problems = 1) {
  auto builder = valid_base(max_problems);
  auto rsj = make_unit("rsj", "鼓楼区人社局", "gulou");
  rsj.kind = "区人社局";
  builder.add(rsj);
  builder.add(make_unit("swj", "市税务局"));
  return builder;
}

TEST(Ledger, UnitsAreFoundByIdAndCasesNameThem) {
  auto builder = with_units();
  auto c = open_case("c2");
  c.unit = "rsj";
  c.co_units = {"swj"};
  builder.add(c);
  const ledger book = std::move(builder).build();
  ASSERT_EQ(book.units().size(), 2u);
  ASSERT_NE(book.find_unit("rsj"), nullptr);
  EXPECT_EQ(book.find_unit("rsj")->kind, "区人社局");
  EXPECT_EQ(book.find_unit("swj")->district, "");
  EXPECT_EQ(book.find_unit("zjj"), nullptr);
  EXPECT_EQ(book.find_case("c2")->co_units, id_list{"swj"});
}

TEST(Ledger, UnitsNeedANameAndAKnownDistrict) {
  auto builder = valid_base(10);
  builder.add(make_unit("a", ""));
  builder.add(make_unit("b", "某局", "gulou2"));
  builder.add(make_unit("b", "某局"));
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /units/2/id (unit b): duplicate id 'b' (first at /units/1)",
                "book.json: /units/0/name (unit a): name is empty",
                "book.json: /units/1/district (unit b): unknown district 'gulou2'"}));
}

TEST(Ledger, CaseUnitsMustBeKnownDistinctAndNotTheLead) {
  auto builder = with_units(10);
  auto c = open_case("c2");
  c.unit = "zjj";
  builder.add(c);
  auto d = open_case("c3");
  d.unit = "rsj";
  d.co_units = {"rsj", "swj", "fgw", "swj", ""};
  builder.add(d);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/1/unit (case c2): unknown unit 'zjj'",
                "book.json: /cases/2/co_units (case c3): unit 'rsj' is the lead unit and cannot "
                "also be a co_unit",
                "book.json: /cases/2/co_units (case c3): unknown unit 'fgw'",
                "book.json: /cases/2/co_units (case c3): co_units names unit 'swj' twice",
                "book.json: /cases/2/co_units (case c3): co_units holds an empty unit id"}));
}

TEST(Ledger, DueWorkdaysGiveDueOnThroughChinasCalendar) {
  auto builder = valid_base();
  auto c = open_case("c2");
  c.reported_on = day("2020-01-23");  // the eve of the 2020 Spring Festival, as extended
  c.due_workdays = 7;
  builder.add(c);
  auto given = open_case("c3");
  given.reported_on = day("2020-01-23");
  given.due_workdays = 7;
  given.due_on = day("2020-02-11");  // agrees
  builder.add(given);
  const ledger book = std::move(builder).build();
  EXPECT_EQ(book.find_case("c2")->due_on, day("2020-02-11"));
  EXPECT_EQ(book.find_case("c2")->due_workdays, 7);
  EXPECT_EQ(book.find_case("c3")->due_on, day("2020-02-11"));
  EXPECT_EQ(book.find_case("c1")->due_on, std::nullopt);  // no due_workdays, no due
}

TEST(Ledger, DueWorkdaysUseTheBuildersCalendar) {
  auto builder = valid_base();
  // Every weekday a working day: 2020-01-23 + 7 is 2020-02-03.
  builder.use_calendar(calendar(2020, 2020));
  auto c = open_case("c2");
  c.reported_on = day("2020-01-23");
  c.due_workdays = 7;
  builder.add(c);
  const ledger book = std::move(builder).build();
  EXPECT_EQ(book.find_case("c2")->due_on, day("2020-02-03"));
}

TEST(Ledger, DueWorkdaysThatDisagreeOrLeaveTheCalendarAreProblems) {
  auto builder = valid_base(10);
  auto c = open_case("c2");
  c.reported_on = day("2020-01-23");
  c.due_workdays = 7;
  c.due_on = day("2020-02-10");
  builder.add(c);
  auto late = open_case("c3");
  late.reported_on = day("2031-01-02");
  late.due_workdays = 7;
  builder.add(late);
  auto zero = open_case("c4");
  zero.due_workdays = 0;
  builder.add(zero);
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/1/due_on (case c2): due_on 2020-02-10 disagrees with "
                "due_workdays 7, which gives 2020-02-11 (working days after reported_on "
                "2020-01-23)",
                "book.json: /cases/2/due_workdays (case c3): due_workdays 7 gives no due_on for "
                "reported_on 2031-01-02: 2031-01-02 is outside the working-day calendar "
                "(2019–2026); add a calendar file for 2031",
                "book.json: /cases/3/due_workdays (case c4): due_workdays 0 is not a number of "
                "working days (at least 1)"}));
}

TEST(Ledger, AnExtensionIsBothDatesWithinTheOriginalDue) {
  auto builder = valid_base(20);
  const auto with = [&](const char* id, const char* due, const char* on, const char* to) {
    auto c = open_case(id);
    if (due) c.due_on = day(due);
    if (on) c.extended_on = day(on);
    if (to) c.extended_due_on = day(to);
    builder.add(c);
  };
  with("ok", "2020-02-14", "2020-02-14", "2020-02-21");  // granted on the deadline: fine
  with("a", "2020-02-14", nullptr, "2020-02-21");        // /cases/2
  with("b", "2020-02-14", "2020-02-10", nullptr);        // /cases/3
  with("c", nullptr, "2020-02-10", "2020-02-21");        // /cases/4
  with("d", "2020-02-14", "2020-02-17", "2020-02-21");   // /cases/5
  with("e", "2020-02-14", "2020-02-10", "2020-02-14");   // /cases/6
  with("f", "2020-02-14", "2020-02-04", "2020-02-21");   // /cases/7
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/2 (case a): extended_due_on needs extended_on (the day the "
                "extension was granted)",
                "book.json: /cases/3 (case b): extended_on needs extended_due_on (the deadline "
                "the extension gave)",
                "book.json: /cases/4 (case c): an extension needs due_on (the deadline it "
                "extends)",
                "book.json: /cases/5/extended_on (case d): extended_on 2020-02-17 is after due_on "
                "2020-02-14: an extension granted after the deadline has passed is refused",
                "book.json: /cases/6/extended_due_on (case e): extended_due_on 2020-02-14 is not "
                "after due_on 2020-02-14",
                "book.json: /cases/7/extended_on (case f): extended_on 2020-02-04 is before "
                "reported_on 2020-02-05"}));
}

TEST(Ledger, AnExtensionMayExtendADueFromDueWorkdays) {
  auto builder = valid_base();
  auto c = open_case("c2");
  c.reported_on = day("2020-01-23");
  c.due_workdays = 7;  // due 2020-02-11
  c.extended_on = day("2020-02-11");
  c.extended_due_on = day("2020-02-18");
  builder.add(c);
  EXPECT_EQ(std::move(builder).build().find_case("c2")->extended_due_on, day("2020-02-18"));
}

TEST(Ledger, AFollowUpComesAfterTheCaseEndsAndGivesTheSatisfaction) {
  auto builder = valid_base(20);
  const auto with = [&](const char* id, case_status status, const char* ended, const char* called,
                        std::optional<satisfaction_level> said) {
    auto c = open_case(id);
    c.status = status;
    if (status == case_status::resolved) c.resolved_on = day(ended);
    if (status == case_status::unresolvable || status == case_status::withdrawn) {
      c.closed_on = day(ended);
    }
    if (called) c.followed_up_on = day(called);
    c.satisfaction = said;
    builder.add(c);
  };
  with("ok", case_status::resolved, "2020-02-10", "2020-02-10", satisfaction_level::satisfied);
  with("ok2", case_status::unresolvable, "2020-02-10", "2020-02-12",
       satisfaction_level::dissatisfied);
  with("a", case_status::resolved, "2020-02-10", nullptr,
       satisfaction_level::basically_satisfied);                                   // /cases/3
  with("b", case_status::open, nullptr, "2020-02-12", std::nullopt);               // /cases/4
  with("c", case_status::withdrawn, "2020-02-10", "2020-02-12", std::nullopt);     // /cases/5
  with("d", case_status::resolved, "2020-02-10", "2020-02-09", std::nullopt);      // /cases/6
  with("e", case_status::unresolvable, "2020-02-10", "2020-02-09", std::nullopt);  // /cases/7
  EXPECT_EQ(problems_of(std::move(builder)),
            (std::vector<std::string>{
                "book.json: /cases/3 (case a): satisfaction needs followed_up_on (the day of the "
                "follow-up call)",
                "book.json: /cases/4/followed_up_on (case b): status open cannot have "
                "followed_up_on (a follow-up call is made once a case is resolved or "
                "unresolvable)",
                "book.json: /cases/5/followed_up_on (case c): status withdrawn cannot have "
                "followed_up_on (a follow-up call is made once a case is resolved or "
                "unresolvable)",
                "book.json: /cases/6/followed_up_on (case d): followed_up_on 2020-02-09 is before "
                "resolved_on 2020-02-10",
                "book.json: /cases/7/followed_up_on (case e): followed_up_on 2020-02-09 is before "
                "closed_on 2020-02-10"}));
}

}  // namespace
}  // namespace caseledger
