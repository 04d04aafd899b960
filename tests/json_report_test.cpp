#include "caseledger/io/json_report.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/version.hpp"
#include "support/test_support.hpp"

namespace {

using caseledger::date;
using caseledger::group_dimension;
using caseledger::money;
using caseledger::report;
using caseledger::report_group;
using caseledger::report_to_json;
using caseledger::to_json_text;
using json = nlohmann::ordered_json;

/// A report over Q1 2020 by district with no groups and an empty total.
report empty_report() {
  report r;
  r.options.from = date::parse("2020-01-01");
  r.options.to = date::parse("2020-03-31");
  r.as_of = date::parse("2020-03-31");
  r.title = "一企一议问题办理情况（2020-01-01 至 2020-03-31）";
  r.total.label = {"合计", "Total"};
  return r;
}

/// A group for district `id` with no figures.
report_group district_group(std::string id, std::string zh, std::string en) {
  report_group group;
  group.key = {std::move(id)};
  group.label = {std::move(zh), std::move(en)};
  return group;
}

/// The figures the Cangshan row of the Fuzhou sample shows, more or less.
report_group cangshan() {
  report_group group = district_group("cangshan", "仓山区", "Cangshan");
  auto& m = group.metrics;
  m.cases.coordinated = 186;
  m.cases.resolved = 184;
  m.cases.unresolvable = 1;
  m.cases.on_time = 3;
  m.cases.late = 1;
  m.cases.resolved_in_window = 181;
  for (int days : {1, 2, 3, 4, 10}) m.cases.days_to_resolve.add(days);
  m.cases.by_category[0] = {5, 4};  // labour
  m.cases.by_category[8] = {1, 0};  // other
  m.cases.overdue_open = 1;
  m.cases.with_due = 4;
  m.cases.extended = 1;
  for (int days : {0, 1, 5, 8}) m.cases.workdays_to_resolve.add(days);
  m.cases.workdays_outside_calendar = 1;
  m.cases.followed_up = 7;
  m.cases.satisfaction = {4, 2, 1};  // satisfied, basically, dissatisfied
  m.cases.co_handled = 9;
  m.support[0].amount = money::parse("400000");
  m.support[0].count = 1;
  m.support[0].beneficiaries = {"enterprise:e1"};
  m.support[1].amount = money::parse("1234.5");
  m.support[1].count = 2;
  m.support[1].beneficiaries = {"enterprise:e1", "project:p1"};
  m.return_to_work.workers = 60;
  m.return_to_work.trips = 1;
  m.return_to_work.by_mode[3] = 60;    // dedicated_vehicle
  m.return_to_work.by_origin[1] = 60;  // out_of_province
  m.supplies["masks"].quantity = 120000;
  m.supplies["masks"].recipients = {"enterprise:e1", "enterprise:e2", "project:p1"};
  m.resumption.tracked = 40;
  m.resumption.resumed = 40;
  m.teams[2] = 2;  // instructor
  return group;
}

const char* const empty_report_text = R"({
  "format": "caseledger.report/1",
  "title": "一企一议问题办理情况（2020-01-01 至 2020-03-31）",
  "generator": "caseledger @VERSION@",
  "window": {
    "from": "2020-01-01",
    "to": "2020-03-31"
  },
  "as_of": "2020-03-31",
  "group_by": [
    "district"
  ],
  "options": {
    "rate_decimals": 1,
    "key_only_resumption": false
  },
  "groups": [],
  "total": {
    "key": {},
    "label": {
      "zh": "合计",
      "en": "Total"
    },
    "cases": {
      "coordinated": 0,
      "resolved": 0,
      "unresolvable": 0,
      "open": 0,
      "resolution_rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      },
      "on_time_rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      },
      "days_to_resolve": {
        "count": 0,
        "mean": null,
        "median": null,
        "p90": null,
        "max": null
      },
      "resolved_in_window": 0,
      "by_category": {
        "labour": {
          "coordinated": 0,
          "resolved": 0
        },
        "funding": {
          "coordinated": 0,
          "resolved": 0
        },
        "approval": {
          "coordinated": 0,
          "resolved": 0
        },
        "logistics": {
          "coordinated": 0,
          "resolved": 0
        },
        "epidemic_supplies": {
          "coordinated": 0,
          "resolved": 0
        },
        "raw_materials": {
          "coordinated": 0,
          "resolved": 0
        },
        "energy": {
          "coordinated": 0,
          "resolved": 0
        },
        "policy": {
          "coordinated": 0,
          "resolved": 0
        },
        "other": {
          "coordinated": 0,
          "resolved": 0
        }
      },
      "overdue_open": 0,
      "with_due": 0,
      "extended": 0,
      "extension_rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      },
      "workdays_to_resolve": {
        "count": 0,
        "mean": null,
        "median": null,
        "p90": null,
        "max": null,
        "outside_calendar": 0
      },
      "followed_up": 0,
      "follow_up_rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      },
      "satisfaction": {
        "satisfied": 0,
        "basically_satisfied": 0,
        "dissatisfied": 0
      },
      "satisfaction_rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      },
      "co_handled": 0
    },
    "support": {
      "subsidy": {
        "amount": "0.00",
        "count": 0,
        "beneficiaries": 0
      },
      "fee_reduction": {
        "amount": "0.00",
        "count": 0,
        "beneficiaries": 0
      },
      "loan": {
        "amount": "0.00",
        "count": 0,
        "beneficiaries": 0
      },
      "allowance": {
        "amount": "0.00",
        "count": 0,
        "beneficiaries": 0
      }
    },
    "return_to_work": {
      "workers": 0,
      "trips": 0,
      "by_mode": {
        "chartered_bus": 0,
        "chartered_flight": 0,
        "chartered_train": 0,
        "dedicated_vehicle": 0,
        "self_arranged": 0
      },
      "by_origin": {
        "in_province": 0,
        "out_of_province": 0
      }
    },
    "supplies": {},
    "resumption": {
      "tracked": 0,
      "resumed": 0,
      "rate": {
        "num": 0,
        "den": 0,
        "value": null,
        "display": null
      }
    },
    "teams": {
      "service_team": 0,
      "party_team": 0,
      "instructor": 0
    },
    "backlog": {
      "open": 0,
      "buckets": [
        {
          "from": 0,
          "to": 7,
          "count": 0
        },
        {
          "from": 8,
          "to": 30,
          "count": 0
        },
        {
          "from": 31,
          "to": 90,
          "count": 0
        },
        {
          "from": 91,
          "to": null,
          "count": 0
        }
      ],
      "oldest": null
    },
    "headline": {
      "zh-Hans": "",
      "zh-Hant": "",
      "en": ""
    }
  }
}
)";

TEST(JsonReport, AnEmptyReportIsExactlyThisText) {
  std::string expected = empty_report_text;
  expected.replace(expected.find("@VERSION@"), 9, caseledger::version);
  EXPECT_EQ(to_json_text(empty_report()), expected);
}

TEST(JsonReport, TheGeneratorNamesThisVersion) {
  EXPECT_EQ(report_to_json(empty_report())["generator"],
            std::string("caseledger ") + caseledger::version);
}

TEST(JsonReport, AGroupCarriesEveryFigure) {
  report r = empty_report();
  r.groups.push_back(cangshan());
  const json group = report_to_json(r)["groups"][0];

  EXPECT_EQ(group["key"].dump(), R"({"district":"cangshan"})");
  EXPECT_EQ(group["label"].dump(), R"({"zh":"仓山区","en":"Cangshan"})");

  const json& cases = group["cases"];
  EXPECT_EQ(cases["coordinated"], 186);
  EXPECT_EQ(cases["resolved"], 184);
  EXPECT_EQ(cases["unresolvable"], 1);
  EXPECT_EQ(cases["open"], 1);  // 186 - 184 - 1
  EXPECT_EQ(cases["resolution_rate"]["num"], 184);
  EXPECT_EQ(cases["resolution_rate"]["den"], 186);
  EXPECT_DOUBLE_EQ(cases["resolution_rate"]["value"].get<double>(), 184.0 / 186.0);
  EXPECT_EQ(cases["resolution_rate"]["display"], "98.9%");
  EXPECT_EQ(cases["on_time_rate"].dump(), R"({"num":3,"den":4,"value":0.75,"display":"75.0%"})");
  // 1, 2, 3, 4, 10: mean 20 / 5, median the 3rd value, p90 the 5th (ceil(4.5)).
  EXPECT_EQ(cases["days_to_resolve"].dump(),
            R"({"count":5,"mean":4.0,"median":3,"p90":10,"max":10})");
  EXPECT_EQ(cases["resolved_in_window"], 181);
  EXPECT_EQ(cases["by_category"].size(), 9u);
  EXPECT_EQ(cases["by_category"]["labour"].dump(), R"({"coordinated":5,"resolved":4})");
  EXPECT_EQ(cases["by_category"]["other"].dump(), R"({"coordinated":1,"resolved":0})");
  EXPECT_EQ(cases["by_category"]["energy"].dump(), R"({"coordinated":0,"resolved":0})");
  EXPECT_EQ(cases["overdue_open"], 1);
  EXPECT_EQ(cases["with_due"], 4);
  EXPECT_EQ(cases["extended"], 1);
  EXPECT_EQ(cases["extension_rate"].dump(), R"({"num":1,"den":4,"value":0.25,"display":"25.0%"})");
  // 0, 1, 5, 8: mean 14 / 4 = 3.5, median the 2nd value, p90 the 4th (ceil(3.6)).
  EXPECT_EQ(cases["workdays_to_resolve"].dump(),
            R"({"count":4,"mean":3.5,"median":1,"p90":8,"max":8,"outside_calendar":1})");
  EXPECT_EQ(cases["followed_up"], 7);
  // Followed up over resolved + unresolvable: 7 / (184 + 1) = 3.78…%.
  EXPECT_EQ(cases["follow_up_rate"]["num"], 7);
  EXPECT_EQ(cases["follow_up_rate"]["den"], 185);
  EXPECT_EQ(cases["follow_up_rate"]["display"], "3.8%");
  EXPECT_EQ(cases["satisfaction"].dump(),
            R"({"satisfied":4,"basically_satisfied":2,"dissatisfied":1})");
  // (4 + 2) / 7 = 85.71…%.
  EXPECT_EQ(cases["satisfaction_rate"]["num"], 6);
  EXPECT_EQ(cases["satisfaction_rate"]["den"], 7);
  EXPECT_EQ(cases["satisfaction_rate"]["display"], "85.7%");
  EXPECT_EQ(cases["co_handled"], 9);

  EXPECT_EQ(group["support"].dump(),
            R"({"subsidy":{"amount":"400000.00","count":1,"beneficiaries":1},)"
            R"("fee_reduction":{"amount":"1234.50","count":2,"beneficiaries":2},)"
            R"("loan":{"amount":"0.00","count":0,"beneficiaries":0},)"
            R"("allowance":{"amount":"0.00","count":0,"beneficiaries":0}})");
  EXPECT_EQ(group["return_to_work"].dump(),
            R"({"workers":60,"trips":1,"by_mode":{"chartered_bus":0,"chartered_flight":0,)"
            R"("chartered_train":0,"dedicated_vehicle":60,"self_arranged":0},)"
            R"("by_origin":{"in_province":0,"out_of_province":60}})");
  EXPECT_EQ(group["supplies"].dump(), R"({"masks":{"quantity":120000,"recipients":3}})");
  EXPECT_EQ(
      group["resumption"].dump(),
      R"({"tracked":40,"resumed":40,"rate":{"num":40,"den":40,"value":1.0,"display":"100.0%"}})");
  EXPECT_EQ(group["teams"].dump(), R"({"service_team":0,"party_team":0,"instructor":2})");
}

TEST(JsonReport, AGroupHasItsKeysInTheDocumentedOrder) {
  report r = empty_report();
  r.groups.push_back(cangshan());
  const json document = report_to_json(r);
  const auto keys = [](const json& object) {
    std::vector<std::string> names;
    for (const auto& [name, value] : object.items()) names.push_back(name);
    return names;
  };
  using names = std::vector<std::string>;
  EXPECT_EQ(keys(document), (names{"format", "title", "generator", "window", "as_of", "group_by",
                                   "options", "groups", "total"}));
  const json& group = document["groups"][0];
  EXPECT_EQ(keys(group), (names{"key", "label", "cases", "support", "return_to_work", "supplies",
                                "resumption", "teams", "backlog", "headline"}));
  EXPECT_EQ(
      keys(group["cases"]),
      (names{"coordinated", "resolved", "unresolvable", "open", "resolution_rate", "on_time_rate",
             "days_to_resolve", "resolved_in_window", "by_category", "overdue_open", "with_due",
             "extended", "extension_rate", "workdays_to_resolve", "followed_up", "follow_up_rate",
             "satisfaction", "satisfaction_rate", "co_handled"}));
  EXPECT_EQ(keys(group["cases"]["by_category"]),
            (names{"labour", "funding", "approval", "logistics", "epidemic_supplies",
                   "raw_materials", "energy", "policy", "other"}));
}

TEST(JsonReport, RatesFollowTheDecimalsOption) {
  report r = empty_report();
  r.options.rate_decimals = 0;
  r.groups.push_back(cangshan());
  const json document = report_to_json(r);
  EXPECT_EQ(document["options"].dump(), R"({"rate_decimals":0,"key_only_resumption":false})");
  EXPECT_EQ(document["groups"][0]["cases"]["resolution_rate"]["display"], "99%");
  EXPECT_EQ(document["groups"][0]["resumption"]["rate"]["display"], "100%");

  r.options.rate_decimals = 3;
  r.options.key_only_resumption = true;
  const json precise = report_to_json(r);
  EXPECT_EQ(precise["options"].dump(), R"({"rate_decimals":3,"key_only_resumption":true})");
  EXPECT_EQ(precise["groups"][0]["cases"]["resolution_rate"]["display"], "98.925%");
}

TEST(JsonReport, TheMeanIsRoundedHalfUpFromTheExactSum) {
  report r = empty_report();
  // 19 ones and a two: 21 / 20 = 1.05 exactly, which is 1.1 half-up (a double 1.05 is a
  // little under and would round to 1.0).
  for (int i = 0; i < 19; ++i) r.total.metrics.cases.days_to_resolve.add(1);
  r.total.metrics.cases.days_to_resolve.add(2);
  EXPECT_EQ(report_to_json(r)["total"]["cases"]["days_to_resolve"].dump(),
            R"({"count":20,"mean":1.1,"median":1,"p90":1,"max":2})");

  report thirds = empty_report();
  for (int days : {1, 2, 2}) thirds.total.metrics.cases.days_to_resolve.add(days);  // 5 / 3
  EXPECT_EQ(report_to_json(thirds)["total"]["cases"]["days_to_resolve"]["mean"].dump(), "1.7");

  report single = empty_report();
  single.total.metrics.cases.days_to_resolve.add(0);  // resolved the day it was reported
  EXPECT_EQ(report_to_json(single)["total"]["cases"]["days_to_resolve"].dump(),
            R"({"count":1,"mean":0.0,"median":0,"p90":0,"max":0})");
}

TEST(JsonReport, MoneyIsAStringWithTwoDecimals) {
  report r = empty_report();
  r.total.metrics.support[2].amount = money::parse("5500000");
  r.total.metrics.support[3].amount = money::from_fen(5);
  const json support = report_to_json(r)["total"]["support"];
  EXPECT_EQ(support["loan"]["amount"], "5500000.00");
  EXPECT_EQ(support["allowance"]["amount"], "0.05");
  EXPECT_TRUE(support["subsidy"]["amount"].is_string());
}

TEST(JsonReport, EveryGroupListsEverySupplyItemOfTheReport) {
  report r = empty_report();
  r.groups.push_back(cangshan());  // masks
  r.groups.push_back(district_group("minhou", "闽侯县", "Minhou"));
  report_group none;
  none.key = {std::nullopt};
  none.label = {"未指定", "(none)"};
  none.metrics.supplies["disinfectant"].quantity = 5;
  none.metrics.supplies["disinfectant"].recipients = {"project:p9"};
  r.groups.push_back(none);
  r.total.metrics.supplies["gloves"].quantity = 7;  // only the total has it

  const json document = report_to_json(r);
  EXPECT_EQ(
      document["groups"][0]["supplies"].dump(),
      R"({"disinfectant":{"quantity":0,"recipients":0},"gloves":{"quantity":0,"recipients":0},)"
      R"("masks":{"quantity":120000,"recipients":3}})");
  EXPECT_EQ(
      document["groups"][1]["supplies"].dump(),
      R"({"disinfectant":{"quantity":0,"recipients":0},"gloves":{"quantity":0,"recipients":0},)"
      R"("masks":{"quantity":0,"recipients":0}})");
  EXPECT_EQ(document["groups"][2]["supplies"]["disinfectant"].dump(),
            R"({"quantity":5,"recipients":1})");
  EXPECT_EQ(document["total"]["supplies"]["gloves"].dump(), R"({"quantity":7,"recipients":0})");
  EXPECT_EQ(document["groups"][2]["key"].dump(), R"({"district":null})");
  EXPECT_EQ(document["groups"][2]["label"].dump(), R"x({"zh":"未指定","en":"(none)"})x");
}

TEST(JsonReport, GroupsKeepTheirOrder) {
  report r = empty_report();
  r.groups.push_back(district_group("minhou", "闽侯县", "Minhou"));
  r.groups.push_back(cangshan());
  const json document = report_to_json(r);
  ASSERT_EQ(document["groups"].size(), 2u);
  EXPECT_EQ(document["groups"][0]["key"]["district"], "minhou");
  EXPECT_EQ(document["groups"][1]["key"]["district"], "cangshan");
}

TEST(JsonReport, AKeyOfSeveralDimensionsNamesEach) {
  report r = empty_report();
  r.options.group_by = {group_dimension::district, group_dimension::month};
  report_group group;
  group.key = {"cangshan", "2020-02"};
  group.label = {"仓山区 · 2020年2月", "Cangshan · 2020-02"};
  r.groups.push_back(group);
  group.key = {"cangshan", std::nullopt};
  r.groups.push_back(group);
  const json document = report_to_json(r);
  EXPECT_EQ(document["group_by"].dump(), R"(["district","month"])");
  EXPECT_EQ(document["groups"][0]["key"].dump(), R"({"district":"cangshan","month":"2020-02"})");
  EXPECT_EQ(document["groups"][1]["key"].dump(), R"({"district":"cangshan","month":null})");
  EXPECT_EQ(document["total"]["key"].dump(), "{}");
}

TEST(JsonReport, AKeyThatDoesNotMatchGroupByIsRefused) {
  report r = empty_report();
  report_group group;
  group.key = {"cangshan", "2020-02"};  // group_by is district only
  r.groups.push_back(group);
  try {
    (void)report_to_json(r);
    FAIL() << "no error";
  } catch (const caseledger::usage_error& e) {
    EXPECT_STREQ(e.what(), "a group key has 2 values for 1 group_by dimensions");
  }
}

TEST(JsonReport, TheWindowAndAsOfAreDates) {
  report r = empty_report();
  r.options.as_of = date::parse("2020-04-15");
  r.as_of = date::parse("2020-04-15");
  const json document = report_to_json(r);
  EXPECT_EQ(document["window"].dump(), R"({"from":"2020-01-01","to":"2020-03-31"})");
  EXPECT_EQ(document["as_of"], "2020-04-15");
}

TEST(JsonReport, TheTextIsDeterministic) {
  report first = empty_report();
  first.groups.push_back(cangshan());
  first.groups.push_back(district_group("minhou", "闽侯县", "Minhou"));
  report second = empty_report();
  second.groups.push_back(cangshan());
  second.groups.push_back(district_group("minhou", "闽侯县", "Minhou"));
  const std::string text = to_json_text(first);
  EXPECT_EQ(text, to_json_text(first));
  EXPECT_EQ(text, to_json_text(second));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\"zh\": \"仓山区\""), std::string::npos);  // UTF-8, not \u escapes
}

TEST(JsonReport, TextThatIsNotUtf8IsAUsageError) {
  report r = empty_report();
  r.title = "bad \xff title";
  EXPECT_THROW((void)to_json_text(r), caseledger::usage_error);
}

TEST(JsonReport, WriteJsonReportWritesTheTextAtomically) {
  caseledger::testing::scratch_dir dir;
  report r = empty_report();
  r.groups.push_back(cangshan());
  caseledger::write_json_report(r, dir / "q1.json");
  EXPECT_EQ(caseledger::testing::read_text(dir / "q1.json"), to_json_text(r));

  EXPECT_THROW(caseledger::write_json_report(r, dir / "missing" / "q1.json"),
               caseledger::file_error);

  // A report that cannot be made leaves the old file as it was, and no temporary.
  caseledger::testing::write_text(dir / "old.json", "old");
  r.title = "bad \xff title";
  EXPECT_THROW(caseledger::write_json_report(r, dir / "old.json"), caseledger::usage_error);
  EXPECT_EQ(caseledger::testing::read_text(dir / "old.json"), "old");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2);
}

TEST(JsonReport, TheBacklogHasEveryBucketAndTheOldestCase) {
  report r = empty_report();
  r.options.aging_limits = {7, 30};
  report_group group = cangshan();
  // Ages 0 and 7 in 0–7, 8 in 8–30, 31 and 200 over 30.
  for (const auto& [id, age] : std::vector<std::pair<std::string, std::int32_t>>{
           {"c1", 0}, {"c2", 7}, {"c3", 8}, {"c4", 31}, {"c5", 200}}) {
    group.metrics.backlog.add(id, age);
  }
  r.groups.push_back(group);
  EXPECT_EQ(report_to_json(r)["groups"][0]["backlog"].dump(),
            R"({"open":5,"buckets":[{"from":0,"to":7,"count":2},{"from":8,"to":30,"count":1},)"
            R"({"from":31,"to":null,"count":2}],"oldest":{"case":"c5","age":200}})");
}

TEST(JsonReport, TheHeadlineInEachLanguage) {
  report r = empty_report();
  r.total.headline = {"简", "繁", "en"};
  EXPECT_EQ(report_to_json(r)["total"]["headline"].dump(),
            R"({"zh-Hans":"简","zh-Hant":"繁","en":"en"})");
}

/// `cangshan()` compared with a quarter of 150 coordinated, 120 resolved, 100000 yuan of
/// subsidy and nothing else.
report compared_report() {
  report r = empty_report();
  r.comparison = caseledger::comparison_window{caseledger::comparison_kind::previous,
                                               date::parse("2019-10-01"), date::parse("2019-12-31"),
                                               date::parse("2019-12-31")};
  report_group group = cangshan();
  caseledger::group_metrics base;
  base.cases.coordinated = 150;
  base.cases.resolved = 120;
  base.support[0].amount = money::parse("100000");
  base.support[0].count = 1;
  group.comparison = base;
  r.groups.push_back(group);
  r.total.comparison = caseledger::group_metrics{};
  return r;
}

TEST(JsonReport, AComparisonCarriesBaseAndChange) {
  const json document = report_to_json(compared_report());
  EXPECT_EQ(document["comparison"].dump(),
            R"({"kind":"previous","window":{"from":"2019-10-01","to":"2019-12-31"},)"
            R"("as_of":"2019-12-31"})");
  const json& comparison = document["groups"][0]["comparison"];
  // 186 against 150: +36, 24%.
  EXPECT_EQ(comparison["cases"]["coordinated"].dump(),
            R"({"base":150,"change":36,"relative":0.24,"relative_display":"+24.0%"})");
  // 1 unresolvable against 0: no relative change.
  EXPECT_EQ(comparison["cases"]["unresolvable"].dump(),
            R"({"base":0,"change":1,"relative":null,"relative_display":null})");
  // open: 1 against 30.
  EXPECT_EQ(comparison["cases"]["open"]["change"], -29);
  // 184/186 = 98.92…% against 120/150 = 80%: +18.92… points.
  const json& resolution = comparison["cases"]["resolution_rate"];
  EXPECT_EQ(resolution["base"].dump(), R"({"num":120,"den":150,"value":0.8,"display":"80.0%"})");
  EXPECT_NEAR(resolution["points"].get<double>(), 18.924731, 1e-6);
  EXPECT_EQ(resolution["points_display"], "+18.9");
  // on time 3/4 against no rate at all.
  EXPECT_EQ(comparison["cases"]["on_time_rate"]["points"], nullptr);
  EXPECT_EQ(comparison["cases"]["on_time_rate"]["points_display"], nullptr);
  // 400000 against 100000: +300%.
  EXPECT_EQ(comparison["support"]["subsidy"].dump(),
            R"({"amount":{"base":"100000.00","change":"300000.00","relative":3.0,)"
            R"("relative_display":"+300.0%"},"count":{"base":1,"change":0,"relative":0.0,)"
            R"("relative_display":"0.0%"}})");
  EXPECT_EQ(comparison["supplies"]["masks"]["quantity"]["change"], 120000);
  EXPECT_EQ(comparison["resumption"]["rate"]["points"], nullptr);
  EXPECT_EQ(comparison["backlog"]["open"]["base"], 0);
  EXPECT_EQ(document["total"]["comparison"]["cases"]["coordinated"]["base"], 0);
}

TEST(JsonReport, ComparisonAndAlertsTakeTheirPlaces) {
  report r = compared_report();
  r.options.alerts = {caseledger::alert_threshold::parse("resolution_rate<99%")};
  r.alerts = {{{std::string("cangshan")}, "仓山区", "Cangshan", r.options.alerts[0], 184, 186}};
  const json document = report_to_json(r);
  const auto keys = [](const json& object) {
    std::vector<std::string> names;
    for (const auto& [name, value] : object.items()) names.push_back(name);
    return names;
  };
  using names = std::vector<std::string>;
  EXPECT_EQ(keys(document), (names{"format", "title", "generator", "window", "as_of", "group_by",
                                   "options", "comparison", "groups", "total", "alerts"}));
  EXPECT_EQ(keys(document["groups"][0]),
            (names{"key", "label", "cases", "support", "return_to_work", "supplies", "resumption",
                   "teams", "backlog", "headline", "comparison"}));
  EXPECT_EQ(document["alerts"].dump(),
            R"([{"key":{"district":"cangshan"},"label":{"zh":"仓山区","en":"Cangshan"},)"
            R"("metric":"resolution_rate","days":null,"condition":"below","limit":"99%",)"
            R"("value":{"num":184,"den":186,"value":0.989247311827957,"display":"98.9%"}}])");
}

TEST(JsonReport, AlertsAreListedOnlyWhenThresholdsWereSet) {
  report r = empty_report();
  EXPECT_FALSE(report_to_json(r).contains("alerts"));
  EXPECT_FALSE(report_to_json(r).contains("comparison"));
  r.options.alerts = {caseledger::alert_threshold::parse("open_older_than_30>0")};
  EXPECT_EQ(report_to_json(r)["alerts"].dump(), "[]");
  r.alerts = {{{}, "合计", "Total", r.options.alerts[0], 3, 0}};
  EXPECT_EQ(report_to_json(r)["alerts"][0].dump(),
            R"({"key":{},"label":{"zh":"合计","en":"Total"},"metric":"open_older_than",)"
            R"("days":30,"condition":"above","limit":"0","value":3})");
}

}  // namespace
