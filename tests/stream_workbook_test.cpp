// The streaming report on workbooks (.xlsx, .xls, .ods): a flat sheet read once for the
// figures (unless by team or unit) and twice otherwise, a sheet per kind read once, several
// sheets of cases read into a ledger and handed on. Each must give the normal mode's bytes,
// notes and problems.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "support/stream_comparison.hpp"
#include "support/test_support.hpp"
#include "support/workbook_writer.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::cell;
using caseledger::testing::expect_same_outputs;
using caseledger::testing::expect_same_problems_of;
using caseledger::testing::quarter;
using caseledger::testing::scratch_dir;
using caseledger::testing::sheet_rows;
using caseledger::testing::source_path;
using caseledger::testing::write_text;
using caseledger::testing::write_workbook;

// How the streaming report read the ledger (its `sheet`) for its JSON report, and its
// workbook too when `workbook`: how many passes, and how many times its sheet of cases was
// read from the file.
detail::stream_report_trace trace_of(const std::filesystem::path& ledger,
                                     const std::string& sheet = "", bool workbook = false) {
  const scratch_dir dir;
  stream_report_options stream;
  stream.sheet = sheet;
  stream.json = dir / "out.json";
  if (workbook) stream.xlsx = dir / "out.xlsx";
  detail::stream_report_trace trace;
  detail::stream_report({ledger}, quarter(), stream, trace);
  return trace;
}

// A flat sheet: read once for the figures alone (its rows not recorded: they would not be
// replayed); with the workbook, in two passes, the sheet read from the file once and
// replayed.
void expect_flat_sheet_parsed_once(const std::filesystem::path& ledger,
                                   const std::string& sheet = "") {
  const detail::stream_report_trace figures = trace_of(ledger, sheet);
  EXPECT_EQ(figures.reads, 1u);
  EXPECT_EQ(figures.sheet_reads, 1u);
  const detail::stream_report_trace with_workbook = trace_of(ledger, sheet, true);
  EXPECT_EQ(with_workbook.reads, 2u);
  EXPECT_EQ(with_workbook.sheet_reads, 1u);
}

// A flat sheet of `rows` cases in 仓山区 and 鼓楼区: 甲公司 (仓山区) on every sixth row,
// so that two such sheets name it alike; support in 万元, workers brought back by bus, a
// team, a lead unit, dates as date cells, an office column kept as an extra, and a 合计 row.
sheet_rows cases_sheet(int rows) {
  static const char* const districts[] = {"仓山区", "鼓楼区"};
  static const char* const categories[] = {"资金", "用工", "审批", "物流"};
  static const char* const statuses[] = {"已办结", "办理中", "", "已办结"};
  sheet_rows sheet = {{"序号", "区县", "企业名称", "问题类别", "反映日期", "办结日期", "办理状态",
                       "补助金额（万元）", "返岗人数", "运输方式", "省内外", "服务队", "责任单位",
                       "联系人"}};
  double subsidy = 0;
  for (int i = 0; i < rows; ++i) {
    const std::string district = districts[i % 2];
    const bool resolved = std::string(statuses[i % 4]) == "已办结";
    const int day = 1 + i % 27;
    const std::string enterprise =
        i % 6 == 0 ? "甲公司" : district + "企业" + std::to_string(i % 7);
    std::vector<cell> row = {static_cast<double>(i + 1),
                             cell(district.c_str()),
                             cell(enterprise.c_str()),
                             categories[i % 4],
                             cell::on(2020, 1 + i % 4, day),
                             resolved ? cell::on(2020, 1 + i % 4, day + 1) : cell(),
                             statuses[i % 4]};
    const double amount = i % 5 == 0 ? 0.25 * (i % 9 + 1) : 0;
    subsidy += amount;
    row.push_back(amount > 0 ? cell(amount) : cell());
    const bool transport = i % 6 == 1;
    row.push_back(transport ? cell(static_cast<double>(10 + i % 30)) : cell());
    row.push_back(transport ? "包车" : cell());
    row.push_back(transport ? "省外" : cell());
    row.push_back(i % 2 == 0 ? cell((district + "服务队").c_str()) : cell());
    row.push_back(i % 3 == 1 ? "工信局" : "人社局");
    row.push_back(cell(("联系人" + std::to_string(i % 5)).c_str()));
    sheet.push_back(std::move(row));
  }
  sheet.push_back({"合计", cell(), cell(), cell(), cell(), cell(), cell(), cell(subsidy)});
  return sheet;
}

TEST(StreamWorkbook, TheOfficeWorkbooksGiveTheNormalReport) {
  // The office ledger as Excel (openpyxl), LibreOffice (xlsx, xls) and ods save it: a title,
  // a 填报 line, a two-row header, 联系人 kept, a 合计 row.
  for (const char* name : {"office-openpyxl.xlsx", "office-libreoffice.xlsx",
                           "office-libreoffice.xls", "office-libreoffice.ods"}) {
    SCOPED_TRACE(name);
    const std::filesystem::path path = source_path(std::string("tests/data/office/") + name);
    expect_same_outputs(path, quarter());
    expect_flat_sheet_parsed_once(path);
  }
}

TEST(StreamWorkbook, AGeneratedFlatSheetUnderEveryGroupingGivesTheNormalReport) {
  const scratch_dir dir;
  write_workbook(dir / "sheet.xlsx", {{"说明", {{"各区县填报"}}}, {"问题台账", cases_sheet(400)}});
  for (const auto& grouping :
       std::vector<std::vector<group_dimension>>{{group_dimension::district},
                                                 {group_dimension::district, group_dimension::team},
                                                 {group_dimension::unit},
                                                 {group_dimension::month}}) {
    SCOPED_TRACE(std::string(to_string(grouping.front())));
    report_options options = quarter();
    options.group_by = grouping;
    expect_same_outputs(dir / "sheet.xlsx", options);
  }
  expect_flat_sheet_parsed_once(dir / "sheet.xlsx");
}

// A workbook of a sheet per kind of record, as caseledger's own tables: an instruction
// sheet first, Chinese sheet names, an enterprise key and resumed, a unit.
void write_sheet_per_kind(const std::filesystem::path& path, const char* second_case_district) {
  write_workbook(
      path, {{"说明", {{"一企一议台账"}}},
             {"districts", {{"id", "name"}, {"minhou", "闽侯县"}, {"gulou", "鼓楼区"}}},
             {"企业",
              {{"企业编号", "企业名称", "区县", "重点企业", "复工日期"},
               {"e1", "闽兴公司", "minhou", cell::flag(true), cell::on(2020, 2, 10)},
               {"e2", "甲公司", "gulou", cell::flag(false), cell()}}},
             {"units", {{"id", "name", "district"}, {"u1", "工信局", "minhou"}}},
             {"cases",
              {{"id", "district", "reported_on", "category", "enterprise", "resolved_on", "unit"},
               {"c1", "minhou", cell::on(2020, 1, 10), "用电", "e1", cell::on(2020, 1, 11), "u1"},
               {"c2", second_case_district, 43860.0, "funding", "e2", cell()},
               {"c3", "gulou", cell::on(2020, 3, 30), "labour", "e2", cell::on(2020, 4, 2)}}},
             {"measures",
              {{"id", "district", "kind", "granted_on", "enterprise", "amount", "case"},
               {"m1", "minhou", "减免", cell::on(2020, 2, 15), "e1", 160000.0, "c1"},
               {"m2", "gulou", "subsidy", cell::on(2020, 1, 20), "e2", 1234.5, "c2"}}}});
}

TEST(StreamWorkbook, ASheetPerKindIsReadOnceAndGivesTheNormalReport) {
  const scratch_dir dir;
  write_sheet_per_kind(dir / "tables.xlsx", "gulou");
  report_options by_unit = quarter();
  by_unit.group_by = {group_dimension::unit};
  for (const report_options& options : {quarter(), by_unit})
    expect_same_outputs(dir / "tables.xlsx", options);
  EXPECT_EQ(trace_of(dir / "tables.xlsx").reads, 1u);
}

TEST(StreamWorkbook, SheetsOfCasesAreReadAsOneLedger) {
  // A sheet per batch, each numbering its cases from 1: 甲公司 and both districts are in
  // both sheets alike (kept once, noted).
  const scratch_dir dir;
  write_workbook(dir / "city.xlsx", {{"说明", {{"分批填报"}}},
                                     {"第一批", cases_sheet(120)},
                                     {"第二批", cases_sheet(90)},
                                     {"汇总", {{"区县", "合计"}, {"仓山区", 120.0}}}});
  expect_same_outputs(dir / "city.xlsx", quarter());
  EXPECT_EQ(trace_of(dir / "city.xlsx").reads, 1u);
  stream_report_options stream;
  stream.json = dir / "out.json";
  std::vector<reading_note> notes;
  stream.noticed = [&notes](const reading_note& noticed) { notes.push_back(noticed); };
  const report r = stream_report(dir / "city.xlsx", quarter(), stream);
  const auto noted = [&](const std::string& text) {
    for (const reading_note& n : notes) {
      if (n.to_string().find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(noted((dir / "city.xlsx").string() +
                    ": read 2 sheets of cases as one ledger: '第一批', '第二批'"));
  EXPECT_TRUE(noted("enterprises given identically in more than one file or sheet, kept once"));
  // 2020-01-01 – 2020-03-31: the rows of months 1 to 3 (i % 4 picks the month), 30 + 30 +
  // 30 of the first sheet's 120 and 23 + 23 + 22 of the second's 90.
  EXPECT_EQ(r.total.metrics.cases.coordinated, 90 + 68);
}

TEST(StreamWorkbook, TheSheetOptionChoosesAsTheNormalModeDoes) {
  const scratch_dir dir;
  write_workbook(dir / "city.xlsx", {{"仓山区", cases_sheet(30)}, {"鼓楼区", cases_sheet(20)}});
  for (const char* sheet : {"鼓楼区", "all"}) {
    SCOPED_TRACE(sheet);
    ledger_read_options reading;
    reading.sheet = sheet;
    stream_report_options stream;
    stream.sheet = sheet;
    EXPECT_EQ(to_json_text(stream_report(dir / "city.xlsx", quarter(), stream)),
              to_json_text(compute_report(read_ledger(dir / "city.xlsx", reading), quarter())));
  }
  expect_flat_sheet_parsed_once(dir / "city.xlsx", "鼓楼区");
  // The same refusals, in the same words, as the normal mode.
  const auto refusal = [&](const std::filesystem::path& path, const ledger_read_options& reading,
                           const stream_report_options& streaming) {
    std::string normal;
    std::string streamed;
    try {
      read_ledger(path, reading);
    } catch (const usage_error& e) {
      normal = e.what();
    }
    try {
      stream_report(path, quarter(), streaming);
    } catch (const usage_error& e) {
      streamed = e.what();
    }
    EXPECT_FALSE(normal.empty());
    EXPECT_EQ(streamed, normal);
    return streamed;
  };
  ledger_read_options reading;
  reading.sheet = "台江区";
  stream_report_options stream;
  stream.sheet = "台江区";
  EXPECT_EQ(refusal(dir / "city.xlsx", reading, stream),
            "no sheet '台江区' in " + (dir / "city.xlsx").string() +
                " (its sheets: '仓山区', '鼓楼区'; or 'all')");
  write_text(dir / "sheet.csv", "区县,问题类别,反映日期\n鼓楼区,资金,2020-01-05\n");
  EXPECT_EQ(refusal(dir / "sheet.csv", reading, stream),
            "the sheet option does not apply to a CSV ledger");
  reading.sheet.clear();
  reading.encoding = text_encoding::gb18030;
  stream.sheet.clear();
  stream.encoding = text_encoding::gb18030;
  EXPECT_EQ(refusal(dir / "city.xlsx", reading, stream),
            "the encoding option does not apply to an xlsx workbook (it is always UTF-8)");
}

TEST(StreamWorkbook, TakesTheMappingAsTheNormalModeDoes) {
  // 街道 names the district only through the mapping file.
  const scratch_dir dir;
  write_workbook(dir / "book.xlsx",
                 {{"台账",
                   {{"街道", "问题类别", "反映日期", "办理状态", "办结日期"},
                    {"鼓楼区", "资金", cell::on(2020, 1, 5), "已完成", cell::on(2020, 1, 9)},
                    {"台江区", "用工", cell::on(2020, 2, 6), ""}}}});
  write_text(dir / "mapping.json",
             R"({"headers": {"街道": "district"}, "values": {"status": {"已完成": "resolved"}}})");
  ledger_read_options reading;
  reading.mapping = dir / "mapping.json";
  stream_report_options stream;
  stream.mapping = dir / "mapping.json";
  EXPECT_EQ(to_json_text(stream_report(dir / "book.xlsx", quarter(), stream)),
            to_json_text(compute_report(read_ledger(dir / "book.xlsx", reading), quarter())));
  stream.mapping.clear();
  EXPECT_THROW(stream_report(dir / "book.xlsx", quarter(), stream), ledger_error);
}

TEST(StreamWorkbook, ReportsTheProblemsOfABadFlatSheetAsTheNormalModeDoes) {
  const scratch_dir dir;
  sheet_rows sheet = cases_sheet(40);
  sheet[3][3] = "没有的类别";  // an unknown category, at D4
  sheet[5][4] = "2020-13-05";  // a date no calendar has, at E6
  sheet[9][5] = cell();        // 已办结 without 办结日期: a rule's problem, row 10
  sheet[12][0] = 11.0;         // case 11 twice
  write_workbook(dir / "bad.xlsx", {{"问题台账", sheet}});
  const std::vector<problem> found = expect_same_problems_of({dir / "bad.xlsx"}, 50);
  ASSERT_EQ(found.size(), 4u);
  for (const problem& p : found) {
    EXPECT_EQ(p.file, (dir / "bad.xlsx").string() + "[问题台账]") << p.to_string();
    EXPECT_TRUE(p.sheet_cell) << p.to_string();
  }
  EXPECT_EQ(found[0].line, 4u);
  EXPECT_EQ(found[0].column, 4u);
  EXPECT_EQ(found[1].line, 6u);
  EXPECT_EQ(expect_same_problems_of({dir / "bad.xlsx"}, 1).size(), 1u);
}

TEST(StreamWorkbook, NamesTheSheetOfEveryProblemAsTheNormalModeDoes) {
  // A sheet per kind: c2's district is unknown, a rule's problem moved to the cases sheet.
  const scratch_dir dir;
  write_sheet_per_kind(dir / "tables.xlsx", "nowhere");
  const std::vector<problem> found = expect_same_problems_of({dir / "tables.xlsx"}, 20);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().file, (dir / "tables.xlsx").string() + "[cases]");
  // Sheets of cases: 甲公司 (row 2 of each) given two industries, and a bad date in the
  // second sheet.
  sheet_rows first = cases_sheet(12);
  sheet_rows second = cases_sheet(12);
  first[0].push_back("行业");
  first[1].push_back("制造业");
  second[0].push_back("行业");
  second[1].push_back("服务业");
  second[3][4] = "2020-02-30";
  write_workbook(dir / "city.xlsx", {{"第一批", first}, {"第二批", second}});
  const std::vector<problem> both = expect_same_problems_of({dir / "city.xlsx"}, 20);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].file, (dir / "city.xlsx").string() + "[第二批]");
  EXPECT_EQ(both[0].line, 4u);
  EXPECT_NE(both[1].reason.find("with other values"), std::string::npos) << both[1].to_string();
}

}  // namespace
