// Reading JSON ledgers: every field, exact amounts, and every refusal with its message.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/json_ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

read_options options(std::size_t max_problems, bool keep_extras = false) {
  read_options result;
  result.max_problems = max_problems;
  result.keep_extras = keep_extras;
  return result;
}

// The one-line forms of the problems reading `text` (named "in.json") throws.
std::vector<std::string> problems_in(std::string_view text, std::size_t max_problems = 20) {
  try {
    parse_json_ledger(text, "in.json", options(max_problems));
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.to_string());
    return lines;
  }
  return {};
}

// A ledger whose line 4 is `record`, alone in the array `plural`:
//   1 {"format": "caseledger.ledger/1",
//   2 "districts": [{"id": "d", "name": "D"}],   ("teams": [], when plural is "districts")
//   3 "<plural>": [
//   4 <record>
//   5 ]}
std::string ledger_with(std::string_view plural, std::string_view record) {
  const std::string line2 = plural == "districts"
                                ? "\"teams\": [],\n"
                                : "\"districts\": [{\"id\": \"d\", \"name\": \"D\"}],\n";
  return "{\"format\": \"caseledger.ledger/1\",\n" + line2 + "\"" + std::string(plural) +
         "\": [\n" + std::string(record) + "\n]}\n";
}

std::string only_problem(std::string_view text) {
  const auto lines = problems_in(text);
  EXPECT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  return lines.empty() ? std::string() : lines.front();
}

constexpr std::string_view full_ledger = R"({
  "format": "caseledger.ledger/1",
  "districts": [
    {"id": "cangshan", "name": "仓山区", "name_en": "Cangshan", "parent": "福州市"},
    {"id": "minhou", "name": "闽侯县"}
  ],
  "enterprises": [
    {"id": "e1", "name": "福州纺织有限公司", "district": "cangshan", "industry": "纺织",
     "key": true, "resumed_on": "2020-02-10"},
    {"id": "e2", "name": "小店", "district": "minhou", "key": false, "resumed_on": null}
  ],
  "projects": [
    {"id": "p1", "name": "地铁6号线", "district": "minhou", "key": true, "resumed_on": "2020-02-20"}
  ],
  "teams": [
    {"id": "t1", "district": "cangshan", "kind": "party_team", "name": "党员攻坚队", "members": 12},
    {"id": "t2", "district": "minhou", "kind": "instructor"}
  ],
  "cases": [
    {"id": "c1", "district": "cangshan", "reported_on": "2020-02-03", "category": "labour",
     "enterprise": "e1", "channel": "wechat", "summary": "缺工200人", "team": "t1",
     "due_on": "2020-02-10", "resolved_on": "2020-02-07"},
    {"id": "c2", "district": "minhou", "reported_on": "2020-02-04", "category": "approval",
     "project": "p1"},
    {"id": "c3", "district": "minhou", "reported_on": "2020-02-05", "category": "other",
     "status": "withdrawn", "closed_on": "2020-02-06"},
    {"id": "c4", "district": "minhou", "reported_on": "2020-02-05", "category": "energy",
     "status": "unresolvable", "closed_on": "2020-03-01", "channel": null}
  ],
  "measures": [
    {"id": "m1", "district": "cangshan", "kind": "subsidy", "granted_on": "2020-02-08",
     "enterprise": "e1", "case": "c1", "amount": "400000.00"},
    {"id": "m2", "district": "cangshan", "kind": "loan", "granted_on": "2020-02-09",
     "enterprise": "e1", "amount": 4e5},
    {"id": "m3", "district": "minhou", "kind": "fee_reduction", "granted_on": "2020-02-09",
     "project": "p1", "amount": 90071992547409.93},
    {"id": "m4", "district": "minhou", "kind": "allowance", "granted_on": "2020-02-09",
     "amount": 90071992547409930},
    {"id": "m5", "district": "minhou", "kind": "subsidy", "granted_on": "2020-02-09",
     "amount": "1.5E+2"},
    {"id": "m6", "district": "cangshan", "kind": "transport", "granted_on": "2020-02-11",
     "enterprise": "e1", "mode": "chartered_bus", "workers": 45, "origin": "out_of_province",
     "origin_place": "陇西"},
    {"id": "m7", "district": "cangshan", "kind": "supplies", "granted_on": "2020-02-12",
     "enterprise": "e1", "item": "口罩", "quantity": 5000},
    {"id": "m8", "district": "minhou", "kind": "subsidy", "granted_on": "2020-02-12",
     "amount": 12.5}
  ]
}
)";

TEST(JsonLedger, EveryFieldOfEveryEntityIsRead) {
  const ledger book = parse_json_ledger(full_ledger);
  ASSERT_EQ(book.districts().size(), 2u);
  const district& cangshan = book.districts()[0];
  EXPECT_EQ(cangshan.id, "cangshan");
  EXPECT_EQ(cangshan.name, "仓山区");
  EXPECT_EQ(cangshan.name_en, "Cangshan");
  EXPECT_EQ(cangshan.parent, "福州市");
  EXPECT_TRUE(cangshan.extras.empty());
  EXPECT_EQ(book.districts()[1].name_en, "");

  ASSERT_EQ(book.enterprises().size(), 2u);
  const enterprise& e1 = *book.find_enterprise("e1");
  EXPECT_EQ(e1.name, "福州纺织有限公司");
  EXPECT_EQ(e1.district, "cangshan");
  EXPECT_EQ(e1.industry, "纺织");
  EXPECT_TRUE(e1.key);
  EXPECT_EQ(e1.resumed_on, date::from_ymd(2020, 2, 10));
  EXPECT_FALSE(book.find_enterprise("e2")->key);
  EXPECT_FALSE(book.find_enterprise("e2")->resumed_on.has_value());

  const project& p1 = *book.find_project("p1");
  EXPECT_EQ(p1.name, "地铁6号线");
  EXPECT_EQ(p1.district, "minhou");
  EXPECT_TRUE(p1.key);
  EXPECT_EQ(p1.resumed_on, date::from_ymd(2020, 2, 20));

  const team& t1 = *book.find_team("t1");
  EXPECT_EQ(t1.district, "cangshan");
  EXPECT_EQ(t1.kind, team_kind::party_team);
  EXPECT_EQ(t1.name, "党员攻坚队");
  EXPECT_EQ(t1.members, 12);
  EXPECT_EQ(book.find_team("t2")->kind, team_kind::instructor);
  EXPECT_FALSE(book.find_team("t2")->members.has_value());

  ASSERT_EQ(book.cases().size(), 4u);
  const case_record& c1 = book.cases()[0];
  EXPECT_EQ(c1.id, "c1");
  EXPECT_EQ(c1.district, "cangshan");
  EXPECT_EQ(c1.reported_on, date::from_ymd(2020, 2, 3));
  EXPECT_EQ(c1.category, case_category::labour);
  EXPECT_EQ(c1.enterprise, "e1");
  EXPECT_EQ(c1.project, "");
  EXPECT_EQ(c1.channel, case_channel::wechat);
  EXPECT_EQ(c1.summary, "缺工200人");
  EXPECT_EQ(c1.team, "t1");
  EXPECT_EQ(c1.due_on, date::from_ymd(2020, 2, 10));
  EXPECT_EQ(c1.resolved_on, date::from_ymd(2020, 2, 7));
  EXPECT_FALSE(c1.closed_on.has_value());
  EXPECT_EQ(c1.status, case_status::resolved);  // derived from resolved_on
  const case_record& c2 = book.cases()[1];
  EXPECT_EQ(c2.project, "p1");
  EXPECT_EQ(c2.category, case_category::approval);
  EXPECT_FALSE(c2.channel.has_value());
  EXPECT_EQ(c2.status, case_status::open);  // derived: no resolved_on
  EXPECT_EQ(book.cases()[2].status, case_status::withdrawn);
  EXPECT_EQ(book.cases()[2].closed_on, date::from_ymd(2020, 2, 6));
  EXPECT_EQ(book.cases()[3].status, case_status::unresolvable);
  EXPECT_FALSE(book.cases()[3].channel.has_value());  // null is absent

  ASSERT_EQ(book.measures().size(), 8u);
  const measure& m1 = *book.find_measure("m1");
  EXPECT_EQ(m1.district, "cangshan");
  EXPECT_EQ(m1.kind, measure_kind::subsidy);
  EXPECT_EQ(m1.granted_on, date::from_ymd(2020, 2, 8));
  EXPECT_EQ(m1.enterprise, "e1");
  EXPECT_EQ(m1.case_id, "c1");
  EXPECT_EQ(m1.amount, money::from_fen(40'000'000));
  EXPECT_EQ(book.find_measure("m2")->amount, money::from_fen(40'000'000));  // 4e5
  EXPECT_EQ(book.find_measure("m3")->project, "p1");
  // 2^53 = 9007199254740992: a double cannot hold these fen counts, the text can.
  EXPECT_EQ(book.find_measure("m3")->amount, money::from_fen(9'007'199'254'740'993));
  EXPECT_EQ(book.find_measure("m4")->amount, money::from_fen(9'007'199'254'740'993'000));
  EXPECT_EQ(book.find_measure("m5")->amount, money::from_fen(15'000));
  EXPECT_EQ(book.find_measure("m8")->amount, money::from_fen(1'250));
  const measure& m6 = *book.find_measure("m6");
  EXPECT_EQ(m6.kind, measure_kind::transport);
  EXPECT_EQ(m6.mode, transport_mode::chartered_bus);
  EXPECT_EQ(m6.workers, 45);
  EXPECT_EQ(m6.origin, worker_origin::out_of_province);
  EXPECT_EQ(m6.origin_place, "陇西");
  EXPECT_FALSE(m6.amount.has_value());
  const measure& m7 = *book.find_measure("m7");
  EXPECT_EQ(m7.item, "口罩");
  EXPECT_EQ(m7.quantity, 5000);
}

TEST(JsonLedger, EveryArrayIsOptional) {
  const ledger book = parse_json_ledger(R"({"format": "caseledger.ledger/1"})");
  EXPECT_TRUE(book.districts().empty());
  EXPECT_TRUE(book.measures().empty());
}

TEST(JsonLedger, ReadsAFileAcrossBufferBoundaries) {
  // More than one 64 KiB read; the problem on the last line keeps its line number.
  testing::scratch_dir dir;
  std::string text =
      "{\"format\": \"caseledger.ledger/1\",\n\"districts\": [{\"id\": \"d\", "
      "\"name\": \"D\"}],\n\"cases\": [\n";
  for (int i = 0; i < 3000; ++i) {
    text += "{\"id\": \"c" + std::to_string(i) +
            "\", \"district\": \"d\", \"reported_on\": \"2020-01-01\", \"category\": "
            "\"labour\"},\n";
  }
  text +=
      "{\"id\": \"last\", \"district\": \"d\", \"reported_on\": \"2020-13-01\", "
      "\"category\": \"labour\"}\n]}\n";
  ASSERT_GT(text.size(), 3u * 65536u);
  testing::write_text(dir / "big.json", text);
  try {
    read_json_ledger(dir / "big.json");
    FAIL() << "no problem found";
  } catch (const ledger_error& e) {
    // Line 3 + 3000 records + 1. Column: {"id": "last", "district": "d", "reported_on": is
    // 47 bytes, so the value starts at 48.
    EXPECT_EQ(std::string(e.what()), (dir / "big.json").string() +
                                         ":3004:48: /cases/3000/reported_on (case last): "
                                         "'2020-13-01' is not a calendar date");
  }
  testing::write_text(dir / "good.json", full_ledger);
  EXPECT_EQ(read_json_ledger(dir / "good.json").cases().size(), 4u);
}

TEST(JsonLedger, UnitsAndTheCaseProcessFieldsAreRead) {
  const ledger book = parse_json_ledger(R"({"format": "caseledger.ledger/1",
    "districts": [{"id": "d", "name": "D"}],
    "units": [{"id": "rsj", "name": "区人社局", "district": "d", "kind": "区人社局"},
              {"id": "swj", "name": "市税务局", "district": null}],
    "cases": [{"id": "c1", "district": "d", "reported_on": "2020-01-23", "category": "labour",
               "unit": "rsj", "co_units": ["swj"], "due_workdays": 7,
               "extended_on": "2020-02-11", "extended_due_on": "2020-02-18",
               "resolved_on": "2020-02-17", "followed_up_on": "2020-02-19",
               "satisfaction": "dissatisfied"},
              {"id": "c2", "district": "d", "reported_on": "2020-01-23", "category": "labour",
               "co_units": [], "due_workdays": null}]})");
  ASSERT_EQ(book.units().size(), 2u);
  EXPECT_EQ(book.units()[0].kind, "区人社局");
  EXPECT_EQ(book.units()[1].district, "");
  const case_record& c1 = book.cases()[0];
  EXPECT_EQ(c1.unit, "rsj");
  EXPECT_EQ(c1.co_units, id_list{"swj"});
  EXPECT_EQ(c1.due_workdays, 7);
  EXPECT_EQ(c1.due_on, date::from_ymd(2020, 2, 11));
  EXPECT_EQ(c1.extended_on, date::from_ymd(2020, 2, 11));
  EXPECT_EQ(c1.satisfaction, satisfaction_level::dissatisfied);
  EXPECT_TRUE(book.cases()[1].co_units.empty());
  EXPECT_EQ(book.cases()[1].due_on, std::nullopt);
}

TEST(JsonLedger, CoUnitsMustBeAnArrayOfStrings) {
  const auto with_co_units = [](std::string_view value) {
    return ledger_with("cases", R"({"id": "c1", "district": "d", "reported_on": "2020-01-05", )"
                                R"("category": "labour", "co_units": )" +
                                    std::string(value) + "}");
  };
  EXPECT_EQ(only_problem(with_co_units(R"("swj")")),
            "in.json:4:94: /cases/0/co_units (case c1): co_units must be an array of strings, "
            "not a string");
  EXPECT_EQ(only_problem(with_co_units(R"(["swj", 3])")),
            "in.json:4:102: /cases/0/co_units (case c1): co_units must be an array of strings, "
            "not one holding a number");
  EXPECT_EQ(only_problem(with_co_units(R"([["swj"]])")),
            "in.json:4:95: /cases/0/co_units (case c1): co_units must be an array of strings, "
            "not an array inside it");
  EXPECT_EQ(only_problem(with_co_units(R"({"a": 1})")),
            "in.json:4:94: /cases/0/co_units (case c1): co_units must be an array of strings, "
            "not an object");
  EXPECT_EQ(only_problem(ledger_with("cases", R"({"id": "c1", "district": "d", )"
                                              R"("reported_on": "2020-01-05", )"
                                              R"("category": "labour", "satisfaction": "ok"})")),
            "in.json:4:98: /cases/0/satisfaction (case c1): unknown satisfaction 'ok' (expected "
            "one of: satisfied, basically_satisfied, dissatisfied)");
}

TEST(JsonLedger, MissingFileIsAFileError) {
  testing::scratch_dir dir;
  const auto path = dir / "absent.json";
  try {
    read_json_ledger(path);
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open '" + path.string() + "': No such file or directory");
    EXPECT_EQ(e.path(), path);
  }
}

TEST(JsonLedger, AFolderIsAFileError) {
  testing::scratch_dir dir;
  try {
    read_json_ledger(dir.path());
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot read '" + dir.path().string() + "': Is a directory");
  }
}

// --- field values ---------------------------------------------------------------------
// Line 4 columns are counted by hand: {"id": "c1", "district": "d", is 29 bytes.

TEST(JsonLedger, ImpossibleDate) {
  EXPECT_EQ(only_problem(ledger_with(
                "cases", R"({"id": "c1", "district": "d", "reported_on": "2020-02-30", )"
                         R"("category": "labour"})")),
            "in.json:4:46: /cases/0/reported_on (case c1): '2020-02-30' is not a calendar date");
}

TEST(JsonLedger, BadlyShapedDate) {
  EXPECT_EQ(only_problem(ledger_with(
                "cases", R"({"id": "c1", "district": "d", "reported_on": "2020/02/03", )"
                         R"("category": "labour"})")),
            "in.json:4:46: /cases/0/reported_on (case c1): '2020/02/03' is not a date of the "
            "form YYYY-MM-DD");
}

TEST(JsonLedger, WrongJsonType) {
  EXPECT_EQ(
      only_problem(ledger_with("cases", R"({"id": "c1", "district": "d", "reported_on": 20200203, )"
                                        R"("category": "labour"})")),
      "in.json:4:46: /cases/0/reported_on (case c1): reported_on must be a date string, "
      "not a number");
  EXPECT_EQ(only_problem(ledger_with("cases", R"({"id": 7, "district": "d", "reported_on": )"
                                              R"("2020-02-03", "category": "labour"})")),
            "in.json:4:8: /cases/0/id (case): id must be a string, not a number");
  EXPECT_EQ(only_problem(ledger_with("enterprises",
                                     R"({"id": "e", "name": "E", "district": "d", "key": "yes"})")),
            "in.json:4:50: /enterprises/0/key (enterprise e): key must be true or false, not a "
            "string");
  EXPECT_EQ(only_problem(ledger_with("districts", R"({"id": "x", "name": {"zh": "鼓楼区"}})")),
            "in.json:4:21: /districts/0/name (district x): name must be a string, not an object");
}

TEST(JsonLedger, NullIsAbsentOnlyForOptionalFields) {
  EXPECT_EQ(only_problem(ledger_with("districts", R"({"id": "x", "name": null})")),
            "in.json:4:21: /districts/0/name (district x): name must be a string, not null");
}

TEST(JsonLedger, MissingRequiredField) {
  EXPECT_EQ(only_problem(ledger_with("cases", R"({"id": "c1", "district": "d", )"
                                              R"("category": "labour"})")),
            "in.json:4:1: /cases/0 (case c1): missing required field 'reported_on'");
  EXPECT_EQ(problems_in(ledger_with("measures", R"({})")),
            (std::vector<std::string>{
                "in.json:4:1: /measures/0 (measure): missing required field 'id'",
                "in.json:4:1: /measures/0 (measure): missing required field 'district'",
                "in.json:4:1: /measures/0 (measure): missing required field 'kind'",
                "in.json:4:1: /measures/0 (measure): missing required field 'granted_on'"}));
}

TEST(JsonLedger, UnknownEnumValue) {
  EXPECT_EQ(only_problem(ledger_with(
                "cases", R"({"id": "c1", "district": "d", "reported_on": "2020-02-03", )"
                         R"("category": "food"})")),
            "in.json:4:72: /cases/0/category (case c1): unknown category 'food' (expected one "
            "of: labour, funding, approval, logistics, epidemic_supplies, raw_materials, energy, "
            "policy, other)");
  EXPECT_EQ(only_problem(ledger_with("teams", R"({"id": "t", "district": "d", "kind": "squad"})")),
            "in.json:4:38: /teams/0/kind (team t): unknown kind 'squad' (expected one of: "
            "service_team, party_team, instructor)");
}

// {"id": "m", "district": "d", "kind": "subsidy", "granted_on": "2020-02-03", "amount":
// is 86 bytes: the amount starts at column 87.
std::string subsidy_with_amount(std::string_view amount) {
  return ledger_with("measures", R"({"id": "m", "district": "d", "kind": "subsidy", )"
                                 R"("granted_on": "2020-02-03", "amount": )" +
                                     std::string(amount) + "}");
}

TEST(JsonLedger, Amounts) {
  EXPECT_EQ(only_problem(subsidy_with_amount(R"("12.345")")),
            "in.json:4:87: /measures/0/amount (measure m): amount '12.345' has more than two "
            "decimals");
  EXPECT_EQ(only_problem(subsidy_with_amount("12.345")),
            "in.json:4:87: /measures/0/amount (measure m): amount '12.345' has more than two "
            "decimals");
  EXPECT_EQ(only_problem(subsidy_with_amount(R"("12,00")")),
            "in.json:4:87: /measures/0/amount (measure m): '12,00' is not a decimal amount");
  EXPECT_EQ(only_problem(subsidy_with_amount("100000000000000000000")),
            "in.json:4:87: /measures/0/amount (measure m): amount '100000000000000000000' does "
            "not fit in 64-bit fen");
  EXPECT_EQ(only_problem(subsidy_with_amount("true")),
            "in.json:4:87: /measures/0/amount (measure m): amount must be a decimal string or "
            "number, not a boolean");
  // A negative amount is a number; the rule refuses it, at the record.
  EXPECT_EQ(only_problem(subsidy_with_amount("-5")),
            "in.json:4:1: /measures/0/amount (measure m): amount -5.00 is negative");
  EXPECT_EQ(parse_json_ledger(ledger_with("measures", R"({"id": "m", "district": "d", )"
                                                      R"("kind": "subsidy", "granted_on": )"
                                                      R"("2020-02-03", "amount": "0.10"})"))
                .measures()[0]
                .amount,
            money::from_fen(10));
}

// {"id": "m", "district": "d", "kind": "transport", "granted_on": "2020-02-03",
// "mode": "self_arranged", "origin": "in_province", "workers":  is 139 bytes.
std::string transport_with_workers(std::string_view workers) {
  return ledger_with("measures", R"({"id": "m", "district": "d", "kind": "transport", )"
                                 R"("granted_on": "2020-02-03", "mode": "self_arranged", )"
                                 R"("origin": "in_province", "workers": )" +
                                     std::string(workers));
}

TEST(JsonLedger, CountsAreExactNonNegativeIntegers) {
  EXPECT_EQ(only_problem(transport_with_workers("2.5}")),
            "in.json:4:140: /measures/0/workers (measure m): workers must be a non-negative "
            "whole number, not 2.5");
  EXPECT_EQ(only_problem(transport_with_workers("-3 }")),
            "in.json:4:140: /measures/0/workers (measure m): workers must be a non-negative "
            "whole number, not -3");
  EXPECT_EQ(only_problem(transport_with_workers("3e0, \"item\": \"x\"}")),
            "in.json:4:140: /measures/0/workers (measure m): workers must be a non-negative "
            "whole number, not 3e0");
  EXPECT_EQ(only_problem(transport_with_workers("\"3\"}")),
            "in.json:4:140: /measures/0/workers (measure m): workers must be a non-negative "
            "whole number, not a string");
  EXPECT_EQ(only_problem(transport_with_workers("18446744073709551615}")),
            "in.json:4:140: /measures/0/workers (measure m): workers 18446744073709551615 is "
            "too large");
  EXPECT_EQ(parse_json_ledger(transport_with_workers("9007199254740993}")).measures()[0].workers,
            9'007'199'254'740'993);
}

TEST(JsonLedger, UnknownAndDuplicateFields) {
  EXPECT_EQ(problems_in(ledger_with("districts", R"({"id": "x", "name": "X", "nmae_en": "Y", )"
                                                 R"("id": "z"})")),
            (std::vector<std::string>{
                "in.json:4:26: /districts/0/nmae_en (district x): unknown field 'nmae_en'",
                "in.json:4:42: /districts/0/id (district x): duplicate field 'id'"}));
}

TEST(JsonLedger, ExtrasAreKeptAsJsonTextWhenAsked) {
  const std::string text =
      ledger_with("districts", R"({"id": "x", "name": "X", "备注": "新设", "n": null, )"
                               R"("tags": ["a", {"b": 1.50, "c": [true, -2]}], "e": {}})");
  const ledger book = parse_json_ledger(text, "in.json", options(1, true));
  ASSERT_EQ(book.districts().size(), 1u);
  EXPECT_EQ(book.districts()[0].extras, (extra_fields{{"备注", "\"新设\""},
                                                      {"n", "null"},
                                                      {"tags", R"(["a",{"b":1.50,"c":[true,-2]}])"},
                                                      {"e", "{}"}}));
}

TEST(JsonLedger, InvalidUtf8) {
  // The bad byte is the 24th of line 4: {"id": "x", "name": "ab then 0xFF.
  EXPECT_EQ(only_problem(ledger_with("districts", "{\"id\": \"x\", \"name\": \"ab\xff\"}")),
            "in.json:4:24: /districts/0/name (district x): invalid UTF-8");
}

// --- the document ---------------------------------------------------------------------

TEST(JsonLedger, SyntaxErrorsStopReading) {
  EXPECT_EQ(problems_in(ledger_with("districts", R"({"id": "x", "name": "X",})") +
                        ledger_with("cases", "{}")),
            (std::vector<std::string>{"in.json:4:25: /districts/0 (district x): invalid JSON: "
                                      "syntax error while parsing object key - unexpected '}'; "
                                      "expected string literal"}));
  EXPECT_EQ(problems_in("{\"format\": \"caseledger.ledger/1\",\n\"cases\": [\n"),
            (std::vector<std::string>{"in.json:3:1: /cases/0: invalid JSON: syntax error while "
                                      "parsing value - unexpected end of input; expected '[', "
                                      "'{', or a literal"}));
  EXPECT_EQ(problems_in(""), (std::vector<std::string>{
                                 "in.json:1:1: invalid JSON: syntax error while parsing value - "
                                 "unexpected end of input; expected '[', '{', or a literal"}));
}

TEST(JsonLedger, FormatIsRequired) {
  EXPECT_EQ(problems_in("{\n\"districts\": []}"),
            (std::vector<std::string>{
                "in.json:1:1: format: missing required key 'format' (\"caseledger.ledger/1\")"}));
  EXPECT_EQ(problems_in(R"({"format": "caseledger.ledger/2", "cases": 5})"),
            (std::vector<std::string>{"in.json:1:12: /format: unsupported format "
                                      "'caseledger.ledger/2' (expected \"caseledger.ledger/1\")"}));
  EXPECT_EQ(problems_in(R"({"format": 1})"),
            (std::vector<std::string>{"in.json:1:12: /format: format must be a string, not a "
                                      "number"}));
  EXPECT_EQ(
      problems_in("[]"),
      (std::vector<std::string>{"in.json:1:1: a ledger must be a JSON object, not an array"}));
}

TEST(JsonLedger, TopLevelKeysAndArrays) {
  EXPECT_EQ(problems_in(R"({"format": "caseledger.ledger/1", "case": [], "cases": {"a": 1},)"
                        "\n"
                        R"("teams": [], "teams": [], "measures": [1, [], {"id": "m"}]})"),
            (std::vector<std::string>{
                "in.json:1:35: /case: unknown key 'case'",
                "in.json:1:56: /cases: cases must be an array, not an object",
                "in.json:2:14: /teams: duplicate key 'teams'",
                "in.json:2:40: /measures/0: a measure must be an object, not a number",
                "in.json:2:43: /measures/1: a measure must be an object, not an array",
                "in.json:2:47: /measures/2 (measure m): missing required field 'district'",
                "in.json:2:47: /measures/2 (measure m): missing required field 'kind'",
                "in.json:2:47: /measures/2 (measure m): missing required field 'granted_on'"}));
}

// --- rules checked after reading, located at the record ---------------------------------

TEST(JsonLedger, RuleProblemsPointAtTheRecord) {
  const std::string text = R"({"format": "caseledger.ledger/1",
"districts": [{"id": "d", "name": "D"}],
"cases": [
  {"id": "c1", "district": "d", "reported_on": "2020-01-05", "category": "labour"},
  {"id": "c1", "district": "gulou", "reported_on": "2020-01-05", "category": "labour",
   "resolved_on": "2020-01-02"},
  {"id": "c3", "district": "d", "reported_on": "2020-01-05", "category": "labour",
   "status": "resolved"}
]})";
  EXPECT_EQ(problems_in(text),
            (std::vector<std::string>{
                "in.json:5:3: /cases/1/id (case c1): duplicate id 'c1' (first at /cases/0)",
                "in.json:5:3: /cases/1/district (case c1): unknown district 'gulou'",
                "in.json:5:3: /cases/1/resolved_on (case c1): resolved_on 2020-01-02 is before "
                "reported_on 2020-01-05",
                "in.json:7:3: /cases/2 (case c3): status resolved needs resolved_on"}));
}

TEST(JsonLedger, CollectsUpToMaxProblems) {
  const std::string text = R"({"format": "caseledger.ledger/1",
"districts": [{"id": "d", "name": "D"}],
"cases": [
  {"id": "a", "district": "x", "reported_on": "2020-01-05", "category": "labour"},
  {"id": "b", "district": "d", "reported_on": "2020-01-32", "category": "labour"},
  {"id": "c", "district": "d", "reported_on": "2020-01-05", "category": "lab"}
]})";
  EXPECT_EQ(problems_in(text, 1),
            (std::vector<std::string>{
                "in.json:5:47: /cases/1/reported_on (case b): '2020-01-32' is not a calendar "
                "date"}));
  const auto two = problems_in(text, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1],
            "in.json:6:73: /cases/2/category (case c): unknown category 'lab' (expected one of: "
            "labour, funding, approval, logistics, epidemic_supplies, raw_materials, energy, "
            "policy, other)");
  const auto all = problems_in(text, 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2], "in.json:4:3: /cases/0/district (case a): unknown district 'x'");
  try {
    parse_json_ledger(text, "in.json", options(10));
  } catch (const ledger_error& e) {
    EXPECT_EQ(std::string(e.what()), two[0] + " (and 2 more problems)");
  }
}

TEST(JsonLedger, ARefusedRecordIsNotReportedAgainAsUnknown) {
  const std::string text = R"({"format": "caseledger.ledger/1",
"districts": [{"id": "d", "name": "D"}],
"enterprises": [{"id": "e", "name": "E", "district": "d", "resumed_on": "soon"}],
"cases": [{"id": "c", "district": "d", "reported_on": "2020-01-05", "category": "labour",
           "enterprise": "e"}, {"id": "c2", "district": "d", "reported_on": "2020-01-05",
           "category": "labour", "enterprise": "e2"}]})";
  EXPECT_EQ(problems_in(text),
            (std::vector<std::string>{
                "in.json:3:73: /enterprises/0/resumed_on (enterprise e): 'soon' is not a date of "
                "the form YYYY-MM-DD",
                "in.json:5:32: /cases/1/enterprise (case c2): unknown enterprise 'e2'"}));
}

}  // namespace
}  // namespace caseledger
