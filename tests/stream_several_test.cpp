// The streaming report over several ledgers at once (汇总): each file read in passes and
// consolidated as read_ledgers consolidates them, or read whole where they cannot simply be
// added up. Each must give read_ledgers' bytes, notes and problems.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "io/stream/ledger_passes.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "support/stream_comparison.hpp"
#include "support/test_support.hpp"
#include "support/workbook_writer.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::cell;
using caseledger::testing::expect_same_outputs_of;
using caseledger::testing::expect_same_problems_of;
using caseledger::testing::quarter;
using caseledger::testing::scratch_dir;
using caseledger::testing::sheet_rows;
using caseledger::testing::write_text;
using caseledger::testing::write_workbook;

using paths = std::vector<std::filesystem::path>;

// A district office's flat sheet of `rows` cases numbered from 1, as a CSV file: its own
// enterprises, the city's units (区工信局, 区人社局: the same records in every district's
// file), support in 万元, workers brought back, a team on every other row.
std::string district_sheet(const std::string& district, int rows) {
  static const char* const categories[] = {"资金", "用工", "审批", "物流"};
  static const char* const statuses[] = {"已办结", "办理中", "", "已办结"};
  std::string text =
      "序号,区县,企业名称,问题类别,反映日期,办结日期,办理状态,补助金额（万元）,返岗人数,"
      "运输方式,省内外,服务队,责任单位,联系人\n";
  for (int i = 0; i < rows; ++i) {
    const bool resolved = std::string(statuses[i % 4]) == "已办结";
    const std::string month = std::to_string(1 + i % 4);
    const std::string day = std::to_string(1 + i % 27);
    text += std::to_string(i + 1) + "," + district + "," + district + "企业" +
            std::to_string(i % 7) + "," + categories[i % 4] + ",2020-" + month + "-" + day + "," +
            (resolved ? "2020-" + month + "-" + std::to_string(2 + i % 27) : "") + "," +
            statuses[i % 4] + "," + (i % 5 == 0 ? std::to_string(i % 9 + 1) + ".25" : "") + "," +
            (i % 6 == 1 ? std::to_string(10 + i % 30) + ",包车,省外" : ",,") + "," +
            (i % 2 == 0 ? district + "服务队" : "") + "," + (i % 3 == 1 ? "区工信局" : "区人社局") +
            ",联系人" + std::to_string(i % 5) + "\n";
  }
  return text;
}

// The same as an xlsx workbook with a title row, amounts as numbers and dates as dates.
sheet_rows district_workbook_sheet(const std::string& district, int rows) {
  sheet_rows sheet = {{(district + "“一企一议”问题台账").c_str()},
                      {"序号", "区县", "企业名称", "问题类别", "反映日期", "办结日期",
                       "补助金额（万元）", "责任单位"}};
  for (int i = 0; i < rows; ++i) {
    const std::string enterprise = district + "企业" + std::to_string(i % 5);
    sheet.push_back({static_cast<double>(i + 1), cell(district.c_str()), cell(enterprise.c_str()),
                     i % 2 == 0 ? "资金" : "用工", cell::on(2020, 1 + i % 3, 1 + i % 20),
                     i % 3 == 0 ? cell::on(2020, 1 + i % 3, 5 + i % 20) : cell(),
                     i % 4 == 0 ? cell(0.5 * (i % 7 + 1)) : cell(),
                     i % 3 == 1 ? "区工信局" : "区人社局"});
  }
  return sheet;
}

// A JSON ledger of 台江区 whose measures come before its cases (read in three passes), and
// whose unit 区工信局 is the flat sheets' (given alike: kept once).
constexpr const char* taijiang_json = R"({
  "format": "caseledger.ledger/1",
  "measures": [
    {"id": "tj-m1", "district": "台江区", "kind": "subsidy", "granted_on": "2020-02-03",
     "enterprise": "tj-e1", "case": "tj-c1", "amount": "150000.00"},
    {"id": "tj-m2", "district": "台江区", "kind": "transport", "granted_on": "2020-02-10",
     "enterprise": "tj-e2", "workers": 42, "mode": "chartered_bus", "origin": "out_of_province"}
  ],
  "districts": [{"id": "台江区", "name": "台江区"}],
  "enterprises": [
    {"id": "tj-e1", "name": "台江甲公司", "district": "台江区", "key": true,
     "resumed_on": "2020-02-12"},
    {"id": "tj-e2", "name": "台江乙公司", "district": "台江区"}
  ],
  "units": [{"id": "区工信局", "name": "区工信局"}],
  "cases": [
    {"id": "tj-c1", "district": "台江区", "enterprise": "tj-e1", "category": "funding",
     "reported_on": "2020-01-20", "resolved_on": "2020-02-03", "status": "resolved",
     "unit": "区工信局"},
    {"id": "tj-c2", "district": "台江区", "enterprise": "tj-e2", "category": "labour",
     "reported_on": "2020-03-30", "status": "open"}
  ]
})";

// A folder of CSV tables for 马尾区: a table per kind.
void write_mawei_folder(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  write_text(folder / "districts.csv", "id,name\n马尾区,马尾区\n");
  write_text(folder / "enterprises.csv", "id,name,district\nmw-e1,马尾船厂,马尾区\n");
  write_text(folder / "cases.csv",
             "id,district,enterprise,category,reported_on,resolved_on,status\n"
             "mw-c1,马尾区,mw-e1,logistics,2020-02-01,2020-02-04,resolved\n"
             "mw-c2,马尾区,mw-e1,approval,2020-04-01,,open\n");
  write_text(folder / "measures.csv",
             "id,district,kind,granted_on,enterprise,case,amount\n"
             "mw-m1,马尾区,fee_reduction,2020-02-04,mw-e1,mw-c1,2500.50\n");
}

// The problems, a line each, for a failure's message.
std::string lines_of(const std::vector<problem>& found) {
  std::string lines;
  for (const problem& p : found) lines += p.to_string() + "\n";
  return lines;
}

const detail::stream_report_trace& one_thread(
    const std::vector<detail::stream_report_trace>& traces) {
  return traces.front();
}

TEST(StreamSeveral, DistrictsFilesOfEveryFormatAreReadInPassesAndGiveTheNormalReport) {
  const scratch_dir dir;
  write_text(dir / "仓山区.csv", district_sheet("仓山区", 150));
  write_workbook(dir / "鼓楼区.xlsx", {{"台账", district_workbook_sheet("鼓楼区", 80)}});
  write_text(dir / "台江区.json", taijiang_json);
  write_mawei_folder(dir / "马尾区");
  const paths ledgers = {dir / "仓山区.csv", dir / "鼓楼区.xlsx", dir / "台江区.json",
                         dir / "马尾区"};
  report_options by_unit = quarter();
  by_unit.group_by = {group_dimension::unit};
  for (const report_options& options : {quarter(), by_unit}) {
    const auto traces = expect_same_outputs_of(ledgers, options);
    for (const detail::stream_report_trace& trace : traces) EXPECT_FALSE(trace.read_whole);
    // Two passes of each flat sheet, the JSON's context and then its cases and measures
    // apart (its measures come first), the folder's context and then the rest.
    EXPECT_EQ(one_thread(traces).reads, 2u + 2u + 3u + 2u);
    EXPECT_EQ(one_thread(traces).sheet_reads, 1u);  // the workbook's sheet, replayed
  }
  // The units the files give alike are kept once, with a note, as read_ledgers notes it:
  // 区工信局 and 区人社局 from both sheets, 区工信局 from the JSON ledger too.
  const ledger book = read_ledgers(ledgers);
  EXPECT_EQ(book.units().size(), 2u);
  EXPECT_NE(book.notes().back().to_string().find("3 units given identically"), std::string::npos)
      << book.notes().back().to_string();
}

TEST(StreamSeveral, TwoBatchesOfOneDistrictNumberTheirCasesApart) {
  // Both sheets number their cases 1, 2, …: the cases are "第一批/1" and "第二批/1".
  const scratch_dir dir;
  write_text(dir / "第一批.csv", district_sheet("仓山区", 40));
  write_text(dir / "第二批.csv", district_sheet("仓山区", 25));
  const auto traces = expect_same_outputs_of({dir / "第一批.csv", dir / "第二批.csv"}, quarter());
  EXPECT_FALSE(one_thread(traces).read_whole);
  stream_report_options stream;
  const report r = stream_report({dir / "第一批.csv", dir / "第二批.csv"}, quarter(), stream);
  // Months 1 to 3 of each (i % 4 picks the month): 30 of 40 and 19 of 25.
  EXPECT_EQ(r.total.metrics.cases.coordinated, 30 + 19);
}

TEST(StreamSeveral, ACaseGivenInTwoFilesIsReadWholeAndKeptOnce) {
  const scratch_dir dir;
  const std::string header = "编号,区县,问题类别,反映日期,办结日期,补助金额\n";
  write_text(dir / "a.csv", header + "c1,仓山区,资金,2020-01-05,2020-01-09,16万\n" +
                                "c2,仓山区,用工,2020-02-05,,\n");
  write_text(dir / "b.csv", header + "c1,仓山区,资金,2020-01-05,2020-01-09,16万\n" +
                                "c3,仓山区,物流,2020-03-05,2020-03-06,\n");
  const auto traces = expect_same_outputs_of({dir / "a.csv", dir / "b.csv"}, quarter());
  EXPECT_TRUE(one_thread(traces).read_whole);
  stream_report_options stream;
  const report r = stream_report({dir / "a.csv", dir / "b.csv"}, quarter(), stream);
  EXPECT_EQ(r.total.metrics.cases.coordinated, 3);

  // With other values it is a problem naming both files, for the case and for its subsidy
  // (granted the day it was resolved).
  write_text(dir / "b.csv", header + "c1,仓山区,资金,2020-01-05,2020-01-10,16万\n");
  const std::vector<problem> found = expect_same_problems_of({dir / "a.csv", dir / "b.csv"}, 20);
  ASSERT_EQ(found.size(), 2u) << lines_of(found);
  EXPECT_NE(found[0].to_string().find("duplicate id 'c1' (first at " + (dir / "a.csv").string()),
            std::string::npos)
      << found[0].to_string();
}

// A ledger of 鼓楼区 (d2) whose enterprise is in `enterprise_district`, whose case is of
// `case_enterprise` and whose measure is of `measure_case`.
std::string gulou_json(const std::string& enterprise_district, const std::string& case_enterprise,
                       const std::string& measure_case) {
  return R"({"format": "caseledger.ledger/1", "districts": [{"id": "d2", "name": "鼓楼区"}],
    "enterprises": [{"id": "e2", "name": "乙公司", "district": ")" +
         enterprise_district + R"("}],
    "cases": [{"id": "c2", "district": "d2", "enterprise": ")" +
         case_enterprise + R"(", "category": "funding", "reported_on": "2020-01-06"}],
    "measures": [{"id": "m1", "district": "d2", "kind": "subsidy", "granted_on": "2020-01-07",
                  "case": ")" +
         measure_case + R"(", "amount": "100.00"}]})";
}

TEST(StreamSeveral, AFileNamingAnotherFilesRecordsHasTheNormalProblems) {
  // read_ledgers checks each file on its own first: a record of b naming one of a's is
  // unknown there, though the consolidated ledger has it.
  const scratch_dir dir;
  write_text(dir / "a.json", R"({"format": "caseledger.ledger/1",
    "districts": [{"id": "d1", "name": "仓山区"}],
    "enterprises": [{"id": "e1", "name": "甲公司", "district": "d1"}],
    "cases": [{"id": "c1", "district": "d1", "enterprise": "e1", "category": "funding",
               "reported_on": "2020-01-05"}]})");
  const paths both = {dir / "a.json", dir / "b.json"};
  struct naming {
    std::string ledger;
    std::string unknown;
  };
  for (const naming& one : {naming{gulou_json("d1", "e2", "c2"), "unknown district 'd1'"},
                            naming{gulou_json("d2", "e1", "c2"), "unknown enterprise 'e1'"},
                            naming{gulou_json("d2", "e2", "c1"), "unknown case 'c1'"}}) {
    SCOPED_TRACE(one.unknown);
    write_text(dir / "b.json", one.ledger);
    const std::vector<problem> found = expect_same_problems_of(both, 20);
    ASSERT_EQ(found.size(), 1u) << lines_of(found);
    EXPECT_EQ(found[0].file, (dir / "b.json").string());
    EXPECT_NE(found[0].to_string().find(one.unknown), std::string::npos) << lines_of(found);
  }
  // Each naming its own: read in passes.
  write_text(dir / "b.json", gulou_json("d2", "e2", "c2"));
  EXPECT_FALSE(one_thread(expect_same_outputs_of(both, quarter())).read_whole);
}

TEST(StreamSeveral, EveryFilesProblemsAreToldTogetherAsTheNormalModeTellsThem) {
  const scratch_dir dir;
  write_text(dir / "a.csv", "编号,区县,问题类别,反映日期\nc1,仓山区,资金,2020-02-30\n");
  write_text(dir / "b.csv", district_sheet("鼓楼区", 20));
  write_text(dir / "c.csv", "编号,区县,问题类别,反映日期\nc2,仓山区,资金,someday\n");
  const std::vector<problem> found =
      expect_same_problems_of({dir / "a.csv", dir / "b.csv", dir / "c.csv"}, 20);
  ASSERT_EQ(found.size(), 2u) << lines_of(found);
  EXPECT_EQ(found[0].file, (dir / "a.csv").string());
  EXPECT_EQ(found[1].file, (dir / "c.csv").string());

  // A JSON ledger's cases and measures are passed over unread by the first pass: a bad
  // value there is met by the next.
  write_text(dir / "d.json",
             std::string(taijiang_json)
                 .replace(std::string(taijiang_json).find("2020-03-30"), 10, "someday"));
  const std::vector<problem> in_json = expect_same_problems_of({dir / "b.csv", dir / "d.json"}, 20);
  ASSERT_EQ(in_json.size(), 1u) << lines_of(in_json);
  EXPECT_NE(in_json[0].to_string().find("someday"), std::string::npos) << lines_of(in_json);
}

// Counts what a pass hands on.
class counting_sink final : public detail::uniform_record_sink<counting_sink> {
 public:
  template <class Record>
  void take(Record&, const record_origin&) {
    ++records;
  }
  const std::string& source() const override { return source_; }
  void report(problem found) override { found_.push_back(std::move(found)); }
  void refuse(std::string_view, std::string_view) override {}
  void note(reading_note) override {}
  void declare_case_extra_column(std::string) override {}
  const std::vector<problem>& problems() const override { return found_; }

  int records = 0;

 private:
  std::string source_ = "ledger";
  std::vector<problem> found_;
};

TEST(StreamSeveral, AJsonLedgersFirstPassPassesOverItsCasesAndMeasuresUnread) {
  // Its bad case date is not seen (the next pass meets it); its measures before its cases
  // are, by the order of the arrays.
  const scratch_dir dir;
  std::string text = taijiang_json;
  text.replace(text.find("2020-03-30"), 10, "someday");
  write_text(dir / "台江区.json", text);
  const detail::ledger_reading reading;
  const detail::ledger_input input(dir / "台江区.json", detail::ledger_file_format::json,
                                   "台江区.json", reading);
  for (const bool pass_over : {false, true}) {
    SCOPED_TRACE(pass_over ? "passing over" : "reading all");
    detail::pass_plan context =
        detail::kinds_of({record_kind::district, record_kind::enterprise, record_kind::unit});
    context.pass_over_unwanted = pass_over;
    counting_sink sink;
    input.read(sink, &context, nullptr);
    EXPECT_EQ(sink.records, 1 + 2 + 1);
    EXPECT_EQ(sink.problems().size(), pass_over ? 0u : 1u);
    EXPECT_TRUE(context.case_after_measure);
  }
}

TEST(StreamSeveral, AWorkbookLetGoOfIsNotReadAgain) {
  // Of several ledgers, each workbook is closed once its last pass is over.
  const scratch_dir dir;
  write_workbook(dir / "鼓楼区.xlsx", {{"台账", district_workbook_sheet("鼓楼区", 10)}});
  const detail::ledger_reading reading;
  detail::ledger_input input(dir / "鼓楼区.xlsx", detail::ledger_file_format::xlsx, "鼓楼区.xlsx",
                             reading);
  counting_sink sink;
  input.read(sink, nullptr, nullptr);
  EXPECT_GT(sink.records, 10);
  input.close();
  EXPECT_THROW(input.read(sink, nullptr, nullptr), std::logic_error);
}

TEST(StreamSeveral, AWorkbookOfSeveralSheetsOfCasesAmongThemIsReadWhole) {
  // Its sheets are parts of the consolidation of their own, which the passes do not keep.
  const scratch_dir dir;
  write_workbook(dir / "city.xlsx", {{"第一批", district_workbook_sheet("鼓楼区", 30)},
                                     {"第二批", district_workbook_sheet("鼓楼区", 20)}});
  write_text(dir / "仓山区.csv", district_sheet("仓山区", 30));
  const auto traces = expect_same_outputs_of({dir / "city.xlsx", dir / "仓山区.csv"}, quarter());
  EXPECT_TRUE(one_thread(traces).read_whole);
}

TEST(StreamSeveral, RefusesWhatTheNormalModeRefusesInItsWords) {
  const scratch_dir dir;
  write_text(dir / "a.csv", district_sheet("仓山区", 5));
  stream_report_options stream;
  stream.sheet = "台账";
  ledger_read_options reading;
  reading.sheet = "台账";
  const auto message = [](const auto& run) {
    try {
      run();
    } catch (const error& e) {
      return std::string(dynamic_cast<const std::exception&>(e).what());
    }
    return std::string("(nothing thrown)");
  };
  const paths two = {dir / "a.csv", dir / "missing.csv"};
  EXPECT_EQ(message([&] { stream_report(two, quarter(), stream); }),
            message([&] { read_ledgers(two, reading); }));
  stream.sheet.clear();
  reading.sheet.clear();
  EXPECT_EQ(message([&] { stream_report(two, quarter(), stream); }),
            message([&] { read_ledgers(two, reading); }));
  EXPECT_THROW(stream_report(paths{}, quarter(), stream), usage_error);
}

}  // namespace
