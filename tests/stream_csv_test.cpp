// The streaming report on CSV ledgers: flat sheets, read once for the figures unless by team or
// unit (the cases counted as they come, what they name after the last row), else twice (the
// districts, enterprises, projects, teams and units the rows name, then the cases with their
// measures), and folders of tables, read once. Both must give the normal mode's bytes, notes
// and problems.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "big_ledger.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/metrics/bulletin.hpp"
#include "caseledger/metrics/report.hpp"
#include "io/stream/ledger_passes.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "io/stream/stream_state.hpp"
#include "support/stream_comparison.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::expect_same_outputs;
using caseledger::testing::expect_same_outputs_of;
using caseledger::testing::expect_same_problems_of;
using caseledger::testing::quarter;
using caseledger::testing::read_text;
using caseledger::testing::scratch_dir;
using caseledger::testing::source_path;
using caseledger::testing::write_text;

TEST(StreamCsv, TheOfficeSheetsGiveTheNormalReport) {
  // A title, a 填报 line, a two-row header, 联系人 kept as an extra, a 合计 row and notes.
  for (const char* name : {"office-utf8.csv", "office-gb18030.csv"}) {
    SCOPED_TRACE(name);
    expect_same_outputs(source_path(std::string("tests/data/office/") + name), quarter());
  }
}

// A flat sheet of `rows` cases using most columns the flat sheet defines, two of the
// office's own, texts that need quoting, empty cells, and a 合计 row whose subsidy total is
// off by 1 yuan (a note, not a problem).
std::string generated_sheet(int rows) {
  static const char* const districts[] = {"鼓楼区", "台江区", "仓山区"};
  static const char* const categories[] = {"资金", "用工", "审批", "物流", "能源"};
  static const char* const channels[] = {"", "电话", "微信", "走访"};
  static const char* const statuses[] = {"", "已办结", "办理中", "已撤回"};
  static const char* const satisfaction[] = {"", "满意", "基本满意", "不满意"};
  std::string text =
      "序号,区县,问题类别,企业名称,项目名称,行业,重点,复工日期,反映渠道,问题描述,服务队,服务队类型,"
      "反映日期,办结日期,办理状态,补助金额（万元）,减免金额,贷款金额,返岗补助,返岗人数,"
      "运输方式,省内外,物资,物资数量,责任单位,协办单位,办理时限（工作日）,回访日期,满意度,"
      "关闭日期,联系人,备注\n";
  long long subsidy_fen = 0;
  for (int i = 0; i < rows; ++i) {
    const std::string district = districts[i % 3];
    const bool project = i % 7 == 3;
    const int day = 1 + i % 28;
    const int month = 1 + i % 4;  // April: after the window
    const std::string reported =
        "2020-0" + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day);
    const std::string status = statuses[i % 4];
    const bool resolved = status == "已办结";
    text += std::to_string(i + 1) + "," + district + "," + categories[i % 5] + ",";
    text += project ? "," + district + "项目" + std::to_string(i % 11)
                    : district + "企业" + std::to_string(i % 97) + ",";
    text += ",";
    text += project ? "" : (i % 97 % 2 == 0 ? "制造业" : "服务业");  // one per enterprise
    text += ",";
    text += project ? "" : (i % 97 % 5 == 0 ? "是" : "");
    text += ",";
    text += !project && i % 97 % 3 == 0 ? "2020-02-" + std::to_string(10 + i % 97 % 10) : "";
    text += std::string(",") + channels[i % 4] + ",";
    text += i % 5 == 0 ? "\"复工所需\"\"" + std::to_string(i) + "\"\"号，含逗号\"" : "";
    text += ",";
    text += i % 4 == 0 ? "" : district + "服务队" + std::to_string(i % 4);
    text += ",";
    text += i % 4 == 0 ? "" : (i % 4 == 2 ? "党员攻坚队" : "");
    text += "," + reported + ",";
    text += resolved ? "2020-0" + std::to_string(month) + "-28" : "";
    text += "," + status + ",";
    if (i % 3 != 2) {
      const long long fen = 100LL * (1 + i % 50) + i % 100;  // in 万元, to the fen
      subsidy_fen += fen;                                    // a millionth of 万元 is a fen
      text += std::to_string(fen / 1000000) + "." +
              std::string(6 - std::to_string(fen % 1000000).size(), '0') +
              std::to_string(fen % 1000000);
    }
    text += ",";
    text += i % 6 == 1 ? "1200.50" : "";
    text += ",";
    text += i % 10 == 2 ? "500000" : "";
    text += ",";
    text += i % 8 == 3 ? "300" : "";
    text += ",";
    text += i % 9 == 4 ? std::to_string(10 + i % 40) : "";
    text += ",";
    text += i % 9 == 4 ? "包车" : "";
    text += ",";
    text += i % 9 == 4 ? (i % 2 ? "省外" : "省内") : "";
    text += ",";
    text += i % 11 == 5 ? "口罩" : "";
    text += ",";
    text += i % 11 == 5 ? std::to_string(1000 + i) : "";
    text += ",";
    text += i % 5 == 1 ? "" : district + (i % 2 ? "工信局" : "人社局");
    text += ",";
    text += i % 6 == 0 ? "\"" + district + "财政局、" + district + "税务局\"" : "";
    text += ",";
    text += i % 5 == 1 ? "" : std::to_string(5 + i % 10);
    text += ",";
    text += resolved && i % 2 ? "2020-05-10" : "";
    text += ",";
    text += resolved && i % 2 ? satisfaction[1 + i % 3] : "";
    text += ",";
    text += status == "已撤回" ? "2020-0" + std::to_string(month) + "-28" : "";
    text += ",联系人" + std::to_string(i % 13) + ",";
    text += i % 17 == 0 ? "加急" : "";
    text += "\n";
  }
  // The subsidy column's 合计, 1 yuan (100 fen) off.
  const long long total = subsidy_fen + 100;
  text += "合计,,,,,,,,,,,,,,," + std::to_string(total / 1000000) + "." +
          std::string(6 - std::to_string(total % 1000000).size(), '0') +
          std::to_string(total % 1000000) + "\n";
  text += "备注：金额单位为万元\n";
  return text;
}

TEST(StreamCsv, AGeneratedSheetUnderEveryGroupingGivesTheNormalReport) {
  const scratch_dir dir;
  write_text(dir / "sheet.csv", generated_sheet(3000));
  for (const auto& grouping : std::vector<std::vector<group_dimension>>{
           {group_dimension::district},
           {group_dimension::district, group_dimension::team},
           {group_dimension::unit},
           {group_dimension::category, group_dimension::channel},
           {group_dimension::month}}) {
    SCOPED_TRACE(std::string(to_string(grouping.front())));
    report_options options = quarter();
    options.group_by = grouping;
    expect_same_outputs(dir / "sheet.csv", options);
  }
  // Read once for its figures: the comparison window counted beside the report's (the
  // previous two months reach back into January's cases), and the resumption of its
  // enterprises and projects, which come after the cases.
  report_options compared = quarter();
  compared.from = date::from_ymd(2020, 2, 1);
  compared.compare = comparison_spec::parse("previous");
  compared.as_of = date::from_ymd(2020, 3, 20);
  compared.key_only_resumption = true;
  const report normal = compute_report(read_ledger(dir / "sheet.csv"), compared);
  ASSERT_TRUE(normal.total.comparison.has_value());
  EXPECT_GT(normal.total.comparison->cases.coordinated, 0);
  EXPECT_GT(normal.total.metrics.resumption.tracked, 0);
  expect_same_outputs(dir / "sheet.csv", compared);
}

// How many times the report of `sheet` grouped `by` read it: for the JSON report alone, or
// with the workbook.
unsigned reads_of(const std::filesystem::path& sheet, std::vector<group_dimension> by,
                  bool workbook) {
  const scratch_dir dir;
  stream_report_options stream;
  stream.json = dir / "out.json";
  if (workbook) stream.xlsx = dir / "out.xlsx";
  report_options options = quarter();
  options.group_by = std::move(by);
  detail::stream_report_trace trace;
  detail::stream_report({sheet}, options, stream, trace);
  return trace.reads;
}

TEST(StreamCsv, ASheetsFiguresAreReadInOnePassUnlessByTeamOrUnit) {
  // The cases are counted as they come and what they name after the last row. A grouping
  // by team or unit (a measure's is its case's place among the teams and units), or a
  // workbook, whose listing shows the names as the cases come, needs the names first: two
  // passes.
  const scratch_dir dir;
  write_text(dir / "sheet.csv", generated_sheet(300));
  using enum group_dimension;
  EXPECT_EQ(reads_of(dir / "sheet.csv", {district}, false), 1u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {month, district}, false), 1u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {district, category}, false), 1u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {channel}, false), 1u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {team}, false), 2u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {district, unit}, false), 2u);
  EXPECT_EQ(reads_of(dir / "sheet.csv", {district}, true), 2u);
}

TEST(StreamCsv, ACaseNamingWhatTheSheetDidNotGiveSendsTheOnePassBackToTwo) {
  // No reader hands on such a case (a row's case and what it names are made together),
  // but a case counted before the names came is never counted on a name not checked: the
  // pass is given up (order_broken), and the report reads the sheet in two passes.
  const scratch_dir dir;
  write_text(dir / "sheet.csv", "序号,区县,问题类别,反映日期\n1,鼓楼区,资金,2020-01-02\n");
  const detail::ledger_reading text;
  const detail::ledger_input input(dir / "sheet.csv", detail::ledger_file_format::csv_sheet,
                                   "sheet.csv", text);
  const report_options options = quarter();
  stream_report_options stream;
  stream.json = dir / "out.json";
  for (const char* named : {"鼓楼区", "台江区"}) {
    SCOPED_TRACE(named);
    detail::stream_state state({{input, "sheet.csv"}}, options, stream, false,
                               detail::arrival::context_last);
    case_record c;
    c.id = "1";
    c.district = named;
    c.category = case_category::funding;
    c.reported_on = date::from_ymd(2020, 1, 2);
    state.add(c, record_origin{.line = 2});
    district given;
    given.id = "鼓楼区";
    given.name = "鼓楼区";
    state.add(std::move(given), record_origin{.line = 2});
    if (std::string_view(named) == "鼓楼区") {
      state.close_context();
      EXPECT_EQ(state.finish({}, {}).total.metrics.cases.coordinated, 1);
    } else {
      EXPECT_THROW(state.close_context(), detail::order_broken);
    }
  }
}

TEST(StreamCsv, PassesOnTheNotesOfTheSheet) {
  const scratch_dir dir;
  write_text(dir / "sheet.csv", generated_sheet(40));
  stream_report_options stream;
  stream.json = dir / "out.json";
  std::vector<reading_note> notes;
  stream.noticed = [&notes](const reading_note& noticed) { notes.push_back(noticed); };
  stream_report(dir / "sheet.csv", quarter(), stream);
  // The two office columns kept, the 合计 row skipped and found 1 yuan off, the note.
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[0].what, reading_note::kind::extra_columns);
  EXPECT_EQ(notes[1].what, reading_note::kind::total_mismatch);
  EXPECT_EQ(notes[2].what, reading_note::kind::skipped_rows);
  EXPECT_EQ(notes[3].what, reading_note::kind::skipped_rows);
}

// `text` with its first `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(StreamCsv, ReportsTheProblemsOfABadSheetAsTheNormalModeDoes) {
  const scratch_dir dir;
  std::string text = generated_sheet(60);
  text = replaced(text, ",2020-01-05,", ",2020-13-05,");      // a bad date
  text = replaced(text, "\n9,仓山区", "\n8,仓山区");          // case 8 twice
  text = replaced(text, ",审批,", ",没有的类别,");            // an unknown category
  text = replaced(text, ",2020-02-28,已办结,", ",,已办结,");  // resolved without a date
  text = replaced(text, ",党员攻坚队,", ",突击队,");          // an unknown team kind
  write_text(dir / "bad.csv", text);
  EXPECT_EQ(expect_same_problems_of({dir / "bad.csv"}, 1).size(), 1u);
  // The reader's problems by row, then the rules'.
  const std::vector<problem> found = expect_same_problems_of({dir / "bad.csv"}, 50);
  ASSERT_EQ(found.size(), 5u);
  const std::vector<std::pair<std::uint32_t, std::string>> expected = {
      {4, "unknown category '没有的类别'"},
      {4, "unknown team_kind '突击队'"},
      {6, "'2020-13-05' is not a calendar date"},
      {10, "duplicate id '8' (first at /cases/7)"},
      {3, "status resolved needs resolved_on"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(found[i].line, expected[i].first) << i;
    EXPECT_NE(found[i].reason.find(expected[i].second), std::string::npos) << found[i].reason;
  }
}

// Whether the rows pass of `sheet` took its names as given; the report must fail. (With a
// workbook: a flat sheet is then read in two passes.)
bool names_taken_as_given(const std::filesystem::path& sheet) {
  const scratch_dir dir;
  stream_report_options stream;
  stream.json = dir / "out.json";
  stream.xlsx = dir / "out.xlsx";
  stream.reading.max_problems = 50;
  detail::stream_report_trace trace;
  EXPECT_THROW(detail::stream_report({sheet}, quarter(), stream, trace), ledger_error);
  return trace.names_taken_as_given;
}

TEST(StreamCsv, TakesNamesThatAgreeAsGivenAndStillFindsEveryOtherProblem) {
  // Problems only in cells that name nothing: the names pass sees every row name its
  // district and enterprise alike, so the rows pass does not look them up again.
  const scratch_dir dir;
  // Three rows, each with one problem or none, then `last`.
  const auto sheet = [](const std::string& last) {
    return "序号,区县,企业名称,行业,问题类别,反映日期\n"
           "1,鼓楼区,甲公司,制造业,资金,2020-01-02\n"
           "2,鼓楼区,甲公司,制造业,没有的类别,2020-02-01\n"
           "3,鼓楼区,乙公司,,资金,2020-13-03\n" +
           last + "\n";
  };
  write_text(dir / "agreeing.csv", sheet("1,台江区,丙公司,服务业,资金,2020-02-04"));
  EXPECT_TRUE(names_taken_as_given(dir / "agreeing.csv"));
  const std::vector<problem> found = expect_same_problems_of({dir / "agreeing.csv"}, 50);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].line, 3u);
  EXPECT_NE(found[0].reason.find("unknown category '没有的类别'"), std::string::npos);
  EXPECT_EQ(found[1].line, 4u);
  EXPECT_NE(found[1].reason.find("'2020-13-03' is not a calendar date"), std::string::npos);
  EXPECT_EQ(found[2].line, 5u);
  EXPECT_NE(found[2].reason.find("duplicate id '1'"), std::string::npos);

  // The last row names 甲公司 with another industry: every name is looked up and checked.
  write_text(dir / "disagreeing.csv", sheet("4,鼓楼区,甲公司,服务业,资金,2020-02-04"));
  EXPECT_FALSE(names_taken_as_given(dir / "disagreeing.csv"));
  const std::vector<problem> disagreeing = expect_same_problems_of({dir / "disagreeing.csv"}, 50);
  ASSERT_EQ(disagreeing.size(), 3u);
  EXPECT_EQ(disagreeing[2].line, 5u);
  EXPECT_NE(disagreeing[2].reason.find("has industry '制造业' at line 2 but '服务业' here"),
            std::string::npos)
      << disagreeing[2].reason;
}

// A flat sheet of `rows` cases of about 60 bytes, over 8 MiB from 150,000 rows on, so that
// the names pass reads its two halves side by side: fifty enterprises in three districts,
// 企业7's industry, 企业8's 重点 and 企业9's 复工日期 given only in the last quarter of the rows,
// well into the second half (企业10's on every row), a case in ten reported in 2020 Q1.
// `summary(i)`: the 问题描述 of row i, as it is written.
template <class Summary>
std::string long_sheet(int rows, const std::string& line_end, Summary&& summary) {
  static const char* const districts[] = {"鼓楼区", "台江区", "仓山区"};
  static const char* const categories[] = {"资金", "用工", "审批", "物流"};
  std::string text = "序号,区县,企业名称,行业,重点,复工日期,问题类别,问题描述,反映日期" + line_end;
  for (int i = 0; i < rows; ++i) {
    const int e = i % 50;
    const bool late = i >= rows / 4 * 3;
    text += std::to_string(i + 1) + "," + districts[e % 3] + ",企业" + std::to_string(e) + ",";
    text += e == 7 && !late ? "" : (e % 2 == 1 ? "制造业" : "服务业");
    text += ",";
    text += e == 8 && late ? "是" : "";
    text += ",";
    text += (e == 9 && late) || e == 10 ? "2020-02-10" : "";
    text += std::string(",") + categories[i % 4] + "," + summary(i) + ",";
    text += (i % 10 == 0 ? "2020-03-1" : "2019-05-1") + std::to_string(i % 10) + line_end;
  }
  return text;
}

std::string long_sheet(int rows, const std::string& line_end = "\n") {
  return long_sheet(rows, line_end, [](int) { return std::string(); });
}

TEST(StreamCsv, TheNamesPassReadsTheHalvesOfALongSheetSideBySide) {
  const scratch_dir dir;
  for (const std::string line_end : {"\n", "\r\n"}) {
    SCOPED_TRACE(line_end == "\n" ? "LF" : "CRLF");
    const std::string text = long_sheet(160'000, line_end);
    ASSERT_GE(text.size(), std::size_t{8} << 20);
    write_text(dir / "long.csv", text);
    // The resumption of key enterprises only, once: 企业8 is one from the last quarter on.
    report_options options = quarter();
    options.key_only_resumption = line_end == "\r\n";
    const auto traces = expect_same_outputs_of({dir / "long.csv"}, options);
    ASSERT_EQ(traces.size(), 2u);
    EXPECT_FALSE(traces[0].names_halves_joined);  // one thread
    EXPECT_TRUE(traces[1].names_halves_joined);
    EXPECT_TRUE(traces[1].names_taken_as_given);
  }
}

TEST(StreamCsv, ALongSheetSplitInsideAQuotedCellIsReadOnByTheFirstHalf) {
  // Around the middle, every row's 问题描述 is a quoted cell of many lines: the first line
  // end after the middle is inside one, so the second half's rows are not the sheet's.
  const scratch_dir dir;
  const int rows = 160'000;
  const std::string text = long_sheet(rows, "\n", [&](int i) {
    if (i < rows / 2 - 500 || i > rows / 2 + 500) return std::string();
    std::string cell = "\"第" + std::to_string(i) + "号问题";
    for (int line = 0; line < 40; ++line) cell += "\n说明第" + std::to_string(line) + "行";
    return cell + "\"";
  });
  write_text(dir / "quoted.csv", text);
  const auto traces = expect_same_outputs_of({dir / "quoted.csv"}, quarter());
  EXPECT_FALSE(traces[1].names_halves_joined);
  EXPECT_TRUE(traces[1].names_taken_as_given);
}

TEST(StreamCsv, ALongSheetWhoseFirstHalfEndsInNotesIsReadOnByTheFirstHalf) {
  // A note a fifth of the way down ends the table: every row after it is a note, so the
  // second half names nothing.
  const scratch_dir dir;
  std::string text = long_sheet(160'000);
  const auto at = text.find("\n", text.size() / 5) + 1;
  text.insert(at, "备注：以下为上月台账\n");
  write_text(dir / "noted.csv", text);
  const auto traces = expect_same_outputs_of({dir / "noted.csv"}, quarter());
  EXPECT_FALSE(traces[1].names_halves_joined);
}

TEST(StreamCsv, ABadByteInTheSecondHalfStopsTheReportAsInTheNormalMode) {
  const scratch_dir dir;
  std::string text = long_sheet(160'000);
  text.insert(text.find("\n", text.size() / 4 * 3) + 1, "\xFF\xFF");
  write_text(dir / "bad.csv", text);
  EXPECT_EQ(expect_same_problems_of({dir / "bad.csv"}, 20).size(), 1u);
  stream_report_options stream;
  stream.json = dir / "out.json";
  stream.xlsx = dir / "out.xlsx";  // read in two passes
  detail::stream_report_trace trace;
  EXPECT_THROW(detail::stream_report({dir / "bad.csv"}, quarter(), stream, trace), ledger_error);
  EXPECT_FALSE(trace.names_halves_joined);
}

TEST(StreamCsv, NamesThatDisagreeAcrossTheHalvesAreLookedUpAndReported) {
  const scratch_dir dir;
  std::string text = long_sheet(160'000);
  // The last row naming 企业3, far in the second half, gives it another industry.
  const std::string named = ",企业3,制造业,";
  const auto last = text.rfind(named);
  ASSERT_GT(last, text.size() / 2);
  text.replace(last, named.size(), ",企业3,服务业,");
  write_text(dir / "disagreeing.csv", text);
  const std::vector<problem> found = expect_same_problems_of({dir / "disagreeing.csv"}, 20);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].reason.find("has industry '制造业' at line 5 but '服务业' here"),
            std::string::npos)
      << found[0].reason;
  stream_report_options stream;
  stream.json = dir / "out.json";
  stream.xlsx = dir / "out.xlsx";  // read in two passes
  detail::stream_report_trace trace;
  EXPECT_THROW(detail::stream_report({dir / "disagreeing.csv"}, quarter(), stream, trace),
               ledger_error);
  EXPECT_TRUE(trace.names_halves_joined);
  EXPECT_FALSE(trace.names_taken_as_given);
}

TEST(StreamCsv, WhatABadRowNamesChangesNoProblem) {
  // The first pass reads only the naming columns: it takes 甲公司 as 制造业 from row 2,
  // whose date the normal mode refuses (so that row 3 names 甲公司 first there), and 丙区
  // from row 4, named nowhere else.
  const scratch_dir dir;
  write_text(dir / "bad.csv",
             "序号,区县,企业名称,行业,问题类别,反映日期\n"
             "1,鼓楼区,甲公司,制造业,资金,2020-13-01\n"
             "2,鼓楼区,甲公司,服务业,资金,2020-02-01\n"
             "3,丙区,丙公司,,没有的类别,2020-02-02\n"
             "4,鼓楼区,乙公司,,资金,2020-02-03\n");
  const std::vector<problem> found = expect_same_problems_of({dir / "bad.csv"}, 20);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].line, 2u);
  EXPECT_EQ(found[1].line, 4u);
}

TEST(StreamCsv, AnEncodingErrorStopsBothModesAlike) {
  const scratch_dir dir;
  std::string text = generated_sheet(20);
  text.insert(text.find("\n5,") + 4, "\xFF\xFF");
  write_text(dir / "bad.csv", text);
  EXPECT_EQ(expect_same_problems_of({dir / "bad.csv"}, 20).size(), 1u);
}

TEST(StreamCsv, AFolderOfTablesGivesTheNormalReport) {
  const scratch_dir dir;
  bench::write_big_ledger_csv(dir / "ledger", {.cases = 3000, .seed = 7, .process = true});
  for (const auto& grouping : std::vector<std::vector<group_dimension>>{
           {group_dimension::district}, {group_dimension::unit, group_dimension::category}}) {
    report_options options = quarter();
    options.group_by = grouping;
    expect_same_outputs(dir / "ledger", options);
  }
}

TEST(StreamCsv, NamesTheTableOfEveryProblemInAFolderAsTheNormalModeDoes) {
  const scratch_dir dir;
  write_text(dir / "districts.csv", "id,name\ngulou,鼓楼区\n");
  write_text(dir / "cases.csv",
             "id,district,reported_on,category\n"
             "c1,gulou,2020-01-05,labour\n"
             "c2,nowhere,2020-01-06,funding\n"  // a rule's problem: named in build()
             "c3,gulou,2020-02-30,funding\n"    // a reader's problem, at its cell
             "c1,gulou,2020-01-07,energy\n");   // a duplicate id
  write_text(dir / "measures.csv",
             "id,district,kind,granted_on,case,amount\n"
             "m1,gulou,subsidy,2020-01-09,c9,100\n");  // an unknown case
  write_text(dir / "notes.csv", "a\n1\n");             // no kind's table
  const std::vector<problem> found = expect_same_problems_of({dir.path()}, 20);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].file, (dir / "notes.csv").string());
  for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(found[i].file, (dir / "cases.csv").string()) << i;
  EXPECT_EQ(found[4].file, (dir / "measures.csv").string());
}

TEST(StreamCsv, TakesTheEncodingAndTheMappingAsTheNormalModeDoes) {
  const scratch_dir dir;
  // The office's sheet with its header 区县 (C7F8 CFD8 in GB18030) written 街道 (BDD6 B5C0),
  // which no alias names: only the mapping makes it the district column.
  std::string text = read_text(source_path("tests/data/office/office-gb18030.csv"));
  const std::string header = "\xD0\xF2\xBA\xC5,\xC7\xF8\xCF\xD8,";  // 序号,区县,
  ASSERT_NE(text.find(header), std::string::npos);
  text.replace(text.find(header), header.size(), "\xD0\xF2\xBA\xC5,\xBD\xD6\xB5\xC0,");
  write_text(dir / "sheet.csv", text);
  write_text(dir / "mapping.json", R"({"headers": {"街道": "district"}})");
  ledger_read_options reading;
  reading.encoding = text_encoding::gb18030;
  reading.mapping = dir / "mapping.json";
  const std::string expected =
      to_json_text(compute_report(read_ledger(dir / "sheet.csv", reading), quarter()));
  for (const unsigned threads : {1u, 2u}) {
    stream_report_options stream;
    stream.encoding = text_encoding::gb18030;
    stream.mapping = dir / "mapping.json";
    stream.threads = threads;
    EXPECT_EQ(to_json_text(stream_report(dir / "sheet.csv", quarter(), stream)), expected)
        << threads;
    stream.mapping.clear();  // without it, no district column: both modes refuse the sheet
    EXPECT_THROW(stream_report(dir / "sheet.csv", quarter(), stream), ledger_error);
  }
  EXPECT_THROW(read_ledger(dir / "sheet.csv"), ledger_error);
  // The encoding is the one given, not the one told from the bytes: named UTF-8, the sheet's
  // first GB18030 byte stops both modes at the same place.
  ledger_read_options as_utf8 = reading;
  as_utf8.encoding = text_encoding::utf8;
  std::string normal_problem;
  try {
    read_ledger(dir / "sheet.csv", as_utf8);
  } catch (const ledger_error& e) {
    normal_problem = e.problems().at(0).to_string();
  }
  EXPECT_NE(normal_problem.find("invalid UTF-8"), std::string::npos) << normal_problem;
  stream_report_options utf8_stream;
  utf8_stream.encoding = text_encoding::utf8;
  utf8_stream.mapping = dir / "mapping.json";
  try {
    stream_report(dir / "sheet.csv", quarter(), utf8_stream);
    ADD_FAILURE() << "a GB18030 sheet read as UTF-8";
  } catch (const ledger_error& e) {
    EXPECT_EQ(e.problems().at(0).to_string(), normal_problem);
  }
  // A folder of tables too: its cases.csv says 街道 for district.
  std::filesystem::create_directory(dir / "folder");
  write_text(dir / "folder" / "districts.csv", "id,name\ngulou,鼓楼区\n");
  write_text(dir / "folder" / "cases.csv",
             "id,街道,reported_on,category,resolved_on\n"
             "c1,gulou,2020-01-05,labour,2020-01-09\nc2,gulou,2020-02-10,funding,\n");
  ledger_read_options mapped;
  mapped.mapping = dir / "mapping.json";
  stream_report_options stream;
  stream.mapping = dir / "mapping.json";
  EXPECT_EQ(to_json_text(stream_report(dir / "folder", quarter(), stream)),
            to_json_text(compute_report(read_ledger(dir / "folder", mapped), quarter())));
  stream.mapping.clear();
  EXPECT_THROW(stream_report(dir / "folder", quarter(), stream), ledger_error);
  // A JSON ledger takes neither.
  stream_report_options json;
  json.mapping = dir / "mapping.json";
  EXPECT_THROW(stream_report(source_path("tests/data/office/office.json"), quarter(), json),
               usage_error);
}

}  // namespace
