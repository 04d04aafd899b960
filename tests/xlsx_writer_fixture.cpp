// Writes workbooks for the Python workbook tests (tests/python/test_xlsx.py) from a
// synthetic ledger made in code, so that every writer option and every hostile text can be
// exercised whatever the readers and the command line support:
//
//   xlsx_writer_fixture OUT.xlsx [--json OUT.json] [--cases N] [--hostile]
//       [--max-rows N] [--language zh_hans|zh_hant|en] [--wan] [--no-cases]
//       [--group-by district,month] [--rate-decimals N] [--as-of YYYY-MM-DD]
//       [--title TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
//
// The ledger: three districts, enterprises (one named like a formula, one with an 18-digit
// credit code as id), two projects, three teams, N cases spread over 2020-01-01 –
// 2020-03-31 (and a few outside the window), and support measures of every kind.
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace {

using namespace caseledger;

/// Summaries (of cases 2 to 16) that must come back from the workbook as the same text (less the
/// control characters XML forbids, and cut at 32,767 UTF-16 units).
std::vector<std::string> hostile_texts() {
  return {"=1+1",
          "+86 591 1234",
          "-12",
          "@SUM(A1:A2)",
          "=HYPERLINK(\"http://example.com\",\"x\")",
          std::string("bell\x07 nul") + '\0' + "end\x1F",
          "tab\tand\nnew line",
          std::string(40'000, 'x'),
          "913501007051234567",
          "0012",
          "1E5",
          "2020-01-05",
          "TRUE",
          "中文摘要：工人返岗需要包车，涉及𠀀字（扩展B）",
          "_x0041_ is not A"};
}

ledger make_ledger(std::size_t cases, bool hostile) {
  ledger_builder builder("fixture");
  const auto add_district = [&](std::string id, std::string name, std::string name_en) {
    district d;
    d.id = std::move(id);
    d.name = std::move(name);
    d.name_en = std::move(name_en);
    d.parent = "福州市";
    builder.add(std::move(d));
  };
  add_district("cangshan", "仓山区", "Cangshan");
  add_district("gulou", "鼓楼区", "Gulou");
  add_district("taijiang", "台江区", "");
  const std::vector<std::string> districts = {"cangshan", "gulou", "taijiang"};

  const auto add_enterprise = [&](std::string id, std::string name, std::string in, bool key,
                                  std::optional<date> resumed_on) {
    enterprise e;
    e.id = std::move(id);
    e.name = std::move(name);
    e.district = std::move(in);
    e.key = key;
    e.resumed_on = resumed_on;
    builder.add(std::move(e));
  };
  add_enterprise("913501007051234567", "福州某某电子有限公司", "cangshan", true,
                 date::parse("2020-02-10"));
  add_enterprise("e-formula", "=1+1", "gulou", false, std::nullopt);
  add_enterprise("e-3", "Minjiang Textiles", "taijiang", false, date::parse("2020-03-01"));

  const auto add_project = [&](std::string id, std::string name, std::string in,
                               std::optional<date> resumed_on) {
    project p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.district = std::move(in);
    p.key = true;
    p.resumed_on = resumed_on;
    builder.add(std::move(p));
  };
  add_project("p-1", "地铁6号线", "cangshan", date::parse("2020-02-20"));
  add_project("p-2", "@滨海新城", "gulou", std::nullopt);

  const auto add_team = [&](std::string id, std::string in, team_kind kind, std::string name) {
    team t;
    t.id = std::move(id);
    t.district = std::move(in);
    t.kind = kind;
    t.name = std::move(name);
    builder.add(std::move(t));
  };
  add_team("t-1", "cangshan", team_kind::service_team, "仓山服务队");
  add_team("t-2", "gulou", team_kind::party_team, "鼓楼党员攻坚队");
  add_team("t-3", "taijiang", team_kind::instructor, "");

  const std::vector<std::string> subjects = {"913501007051234567", "e-formula", "e-3"};
  const std::vector<std::string> texts = hostile_texts();
  const date first = date::parse("2020-01-01");
  for (std::size_t i = 0; i < cases; ++i) {
    case_record c;
    c.id = "cs-" + std::to_string(i + 1);
    c.district = districts[i % 3];
    // 95 days from 2019-12-29: a few cases fall before the window, the rest inside it.
    c.reported_on = first.plus_days(static_cast<std::int32_t>(i * 7 % 95) - 3);
    c.category = static_cast<case_category>(i % enum_count<case_category>);
    if (i % 8 != 7) c.channel = static_cast<case_channel>(i % enum_count<case_channel>);
    if (i % 5 == 0) {
      c.project = i % 10 == 0 ? "p-1" : "p-2";
      c.district = i % 10 == 0 ? "cangshan" : "gulou";
    } else if (i % 5 != 4) {
      c.enterprise = subjects[i % 3];
      c.district = districts[i % 3];
    }
    if (i % 4 != 3)
      c.team = c.district == "cangshan" ? "t-1" : c.district == "gulou" ? "t-2" : "t-3";
    // Case 1 is reported before the window: the hostile texts start with case 2.
    c.summary = hostile && i >= 1 && i <= texts.size()
                    ? texts[i - 1]
                    : "企业反映问题第" + std::to_string(i + 1) + "号";
    if (i % 3 == 0) c.due_on = c.reported_on.plus_days(10);
    switch (i % 6) {
      case 0:
      case 1:
      case 2:
        c.status = case_status::resolved;
        c.resolved_on = c.reported_on.plus_days(static_cast<std::int32_t>(i % 17));
        break;
      case 3:
        c.status = case_status::open;
        break;
      case 4:
        c.status = case_status::unresolvable;
        c.closed_on = c.reported_on.plus_days(5);
        break;
      default:
        c.status = case_status::withdrawn;
        c.closed_on = c.reported_on.plus_days(1);
        break;
    }
    if (hostile && i == 9) c.id = "913501007051234567";
    if (hostile && i == 10) c.id = "=2+2";
    builder.add(std::move(c));
  }

  const auto grant = [&](std::string id, measure_kind kind, std::string on) {
    measure m;
    m.id = std::move(id);
    m.district = "cangshan";
    m.kind = kind;
    m.granted_on = date::parse(on);
    m.enterprise = "913501007051234567";
    return m;
  };
  measure subsidy = grant("m-1", measure_kind::subsidy, "2020-02-03");
  subsidy.amount = money::parse("400000.00");
  builder.add(std::move(subsidy));
  measure reduction = grant("m-2", measure_kind::fee_reduction, "2020-02-15");
  reduction.amount = money::parse("12345.67");
  reduction.district = "gulou";
  reduction.enterprise = "e-formula";
  builder.add(std::move(reduction));
  measure loan = grant("m-3", measure_kind::loan, "2020-03-05");
  loan.amount = money::parse("5000000");
  builder.add(std::move(loan));
  measure allowance = grant("m-4", measure_kind::allowance, "2020-03-10");
  allowance.amount = money::parse("0.05");
  allowance.district = "taijiang";
  allowance.enterprise = "e-3";
  builder.add(std::move(allowance));
  measure bus = grant("m-5", measure_kind::transport, "2020-02-20");
  bus.mode = transport_mode::chartered_bus;
  bus.workers = 45;
  bus.origin = worker_origin::out_of_province;
  bus.origin_place = "陇西";
  builder.add(std::move(bus));
  measure car = grant("m-6", measure_kind::transport, "2020-02-21");
  car.mode = transport_mode::dedicated_vehicle;
  car.workers = 60;
  car.origin = worker_origin::in_province;
  car.district = "gulou";
  car.enterprise = "e-formula";
  builder.add(std::move(car));
  measure masks = grant("m-7", measure_kind::supplies, "2020-02-05");
  masks.item = "口罩";
  masks.quantity = 120000;
  builder.add(std::move(masks));
  measure gel = grant("m-8", measure_kind::supplies, "2020-02-06");
  gel.item = "=disinfectant";
  gel.quantity = 300;
  gel.district = "gulou";
  gel.enterprise = "";
  gel.project = "p-2";
  builder.add(std::move(gel));
  return std::move(builder).build();
}

std::vector<group_dimension> parse_group_by(std::string_view text) {
  std::vector<group_dimension> dimensions;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto name = text.substr(0, comma);
    const auto dimension = enum_from_string<group_dimension>(name);
    if (!dimension) throw usage_error("unknown group_by '" + std::string(name) + "'");
    dimensions.push_back(*dimension);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return dimensions;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: xlsx_writer_fixture OUT.xlsx [options]\n";
    return 2;
  }
  const std::string out = argv[1];
  std::string json_out;
  std::size_t cases = 60;
  bool hostile = false;
  // The data form unless --office: the tests of the workbook's figures read its tables
  // where the data form puts them.
  xlsx_options options;
  options.form = workbook_form::data;
  report_options report_opts;
  report_opts.from = date::parse("2020-01-01");
  report_opts.to = date::parse("2020-03-31");
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--json") {
      json_out = value();
    } else if (arg == "--cases") {
      cases = std::stoul(value());
    } else if (arg == "--hostile") {
      hostile = true;
    } else if (arg == "--max-rows") {
      options.max_rows_per_sheet = std::stoul(value());
    } else if (arg == "--language") {
      const std::string language = value();
      options.language = language == "en"        ? report_language::en
                         : language == "zh_hant" ? report_language::zh_hant
                                                 : report_language::zh_hans;
    } else if (arg == "--office") {
      options.form = workbook_form::office;
    } else if (arg == "--unit-name") {
      options.unit_name = value();
    } else if (arg == "--wan") {
      options.money_in_wan = true;
    } else if (arg == "--no-cases") {
      options.include_cases = false;
    } else if (arg == "--group-by") {
      report_opts.group_by = parse_group_by(value());
    } else if (arg == "--rate-decimals") {
      report_opts.rate_decimals = std::stoi(value());
    } else if (arg == "--from") {
      report_opts.from = date::parse(value());
    } else if (arg == "--to") {
      report_opts.to = date::parse(value());
    } else if (arg == "--title") {
      report_opts.title = value();
    } else if (arg == "--as-of") {
      report_opts.as_of = date::parse(value());
    } else {
      throw usage_error("unknown option '" + std::string(arg) + "'");
    }
  }
  const ledger book = make_ledger(cases, hostile);
  const report r = compute_report(book, report_opts);
  if (!json_out.empty()) write_json_report(r, json_out);
  write_xlsx_report(r, book, out, options);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "xlsx_writer_fixture: " << error.what() << "\n";
    return 1;
  }
}
