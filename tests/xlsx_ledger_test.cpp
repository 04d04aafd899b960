// Reading xlsx ledgers: a sheet per kind or one flat sheet, shared and inline strings,
// numbers, booleans and date cells, with problems naming the sheet, row and column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <xlsxwriter.h>
#include <zip.h>

#include "caseledger/core/error.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "support/test_support.hpp"
#include "support/workbook_writer.hpp"

namespace caseledger {
namespace {

using testing::cell;
using testing::scratch_dir;
using testing::sheet_rows;
using testing::write_text;
using testing::write_workbook;

// Writes a package part by part, stored as given: for the workbooks libxlsxwriter would
// never write.
void write_package(const std::filesystem::path& path,
                   const std::vector<std::pair<std::string, std::string>>& parts) {
  const zipFile zip = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0, 0),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    ASSERT_EQ(zipCloseFileInZip(zip), ZIP_OK);
  }
  ASSERT_EQ(zipClose(zip, nullptr), ZIP_OK);
}

// The parts of a workbook with one sheet, `cases`, holding `sheet_data` (the worksheet's
// <sheetData> content).
std::vector<std::pair<std::string, std::string>> one_sheet_package(const std::string& sheet_data) {
  return {
      {"xl/workbook.xml",
       R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
       R"(<sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
       "<sheetData>" +
           sheet_data + "</sheetData></worksheet>"},
  };
}

std::vector<std::string> problems_of(const std::filesystem::path& path,
                                     const xlsx_ledger_options& options = {}) {
  try {
    read_xlsx_ledger(path, options);
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.to_string());
    return lines;
  }
  return {"(no problem)"};
}

TEST(XlsxLedger, SheetPerKindWithSharedStringsNumbersBooleansAndDates) {
  scratch_dir dir;
  write_workbook(dir / "book.xlsx",
                 {{"说明", {{"一企一议台账"}}},
                  {"districts", {{"id", "name"}, {"minhou", "闽侯县"}}},
                  {"企业",
                   {{"企业编号", "企业名称", "区县", "重点企业", "复工日期"},
                    {"e1", "闽兴公司", "minhou", cell::flag(true), cell::on(2020, 2, 10)},
                    {"e2", "甲公司", "minhou", cell::flag(false), cell()}}},
                  {"cases",
                   {{"id", "district", "reported_on", "category", "enterprise", "resolved_on"},
                    {"c1", "minhou", cell::on(2020, 1, 10), "用电", "e1", cell::on(2020, 1, 11)},
                    {"c2", "minhou", 43860.0, "funding", "e2", cell()}}},
                  {"measures",
                   {{"id", "district", "kind", "granted_on", "enterprise", "amount", "mode",
                     "workers", "origin"},
                    {"m1", "minhou", "减免", cell::on(2020, 2, 15), "e1", 160000.0},
                    {"m2", "minhou", "subsidy", cell::on(2020, 1, 20), "e2", 1234.5},
                    {"m3", "minhou", "transport", cell::on(2020, 2, 20), "e1", cell(), "专车", 60.0,
                     "省外"}}}});
  const ledger book = read_xlsx_ledger(dir / "book.xlsx");
  ASSERT_EQ(book.districts().size(), 1u);
  ASSERT_EQ(book.enterprises().size(), 2u);
  EXPECT_TRUE(book.enterprises()[0].key);
  EXPECT_EQ(book.enterprises()[0].resumed_on, date::from_ymd(2020, 2, 10));
  EXPECT_FALSE(book.enterprises()[1].key);
  ASSERT_EQ(book.cases().size(), 2u);
  EXPECT_EQ(book.cases()[0].reported_on, date::from_ymd(2020, 1, 10));
  EXPECT_EQ(book.cases()[0].status, case_status::resolved);
  // A plain number in a date column is a serial: 43860 is 2020-01-30.
  EXPECT_EQ(book.cases()[1].reported_on, date::from_ymd(2020, 1, 30));
  ASSERT_EQ(book.measures().size(), 3u);
  EXPECT_EQ(book.measures()[0].amount->fen(), 16'000'000);
  EXPECT_EQ(book.measures()[1].amount->fen(), 123'450);
  EXPECT_EQ(book.measures()[2].workers, 60);
  EXPECT_EQ(book.measures()[2].mode, transport_mode::dedicated_vehicle);
}

TEST(XlsxLedger, AUnitsSheetAndTheCaseProcessColumns) {
  scratch_dir dir;
  write_workbook(dir / "book.xlsx",
                 {{"区县", {{"编号", "名称"}, {"gulou", "鼓楼区"}}},
                  {"责任单位",
                   {{"单位编号", "单位名称", "区县", "单位类型"},
                    {"rsj", "鼓楼区人社局", "gulou", "区人社局"},
                    {"swj", "市税务局", cell(), "市直部门"}}},
                  {"问题",
                   {{"编号", "区县", "反映日期", "问题类别", "责任单位编号", "协办单位编号",
                     "办理时限（工作日）", "办结日期", "回访日期", "满意度"},
                    {"c1", "gulou", cell::on(2020, 1, 23), "用工", "rsj", "swj", 7.0,
                     cell::on(2020, 2, 10), cell::on(2020, 2, 12), "不满意"}}}});
  const ledger book = read_xlsx_ledger(dir / "book.xlsx");
  ASSERT_EQ(book.units().size(), 2u);
  EXPECT_EQ(book.find_unit("swj")->kind, "市直部门");
  ASSERT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.cases()[0].unit, "rsj");
  EXPECT_EQ(book.cases()[0].co_units, id_list{"swj"});
  EXPECT_EQ(book.cases()[0].due_on, date::from_ymd(2020, 2, 11));
  EXPECT_EQ(book.cases()[0].satisfaction, satisfaction_level::dissatisfied);
}

TEST(XlsxLedger, FlatSheetWithInlineStringsFirstSheetOrByName) {
  scratch_dir dir;
  const sheet_rows flat = {
      {"序号", "区县", "企业名称", "问题类别", "反映日期", "办结日期", "补助金额"},
      {"1", "连江县", "甲农业公司", "资金", cell::on(2020, 1, 5), cell::on(2020, 1, 9), "40万元"}};
  write_workbook(dir / "inline.xlsx", {{"台账", flat}, {"其他", {{"x"}}}}, true);
  const ledger first = read_xlsx_ledger(dir / "inline.xlsx");
  ASSERT_EQ(first.cases().size(), 1u);
  EXPECT_EQ(first.cases()[0].resolved_on, date::from_ymd(2020, 1, 9));
  EXPECT_EQ(first.measures()[0].amount->fen(), 40'000'000);
  EXPECT_EQ(first.enterprises()[0].name, "甲农业公司");

  write_workbook(dir / "named.xlsx", {{"说明", {{"x"}}}, {"问题台账", flat}});
  xlsx_ledger_options options;
  options.sheet = "问题台账";
  EXPECT_EQ(read_xlsx_ledger(dir / "named.xlsx", options).cases().size(), 1u);
  options.sheet = "台帐";
  try {
    read_xlsx_ledger(dir / "named.xlsx", options);
    FAIL() << "accepted";
  } catch (const usage_error& e) {
    EXPECT_EQ(std::string(e.what()), "no sheet '台帐' in " + (dir / "named.xlsx").string() +
                                         " (its sheets: '说明', '问题台账'; or 'all')");
  }
}

TEST(XlsxLedger, NumbersAreReadAsExcelShowsThem) {
  // libxlsxwriter, like pandas, openpyxl and XlsxWriter, stores the double's 17 digits:
  // 837.94 is <v>837.9400000000001</v>, 0.1 + 0.2 is <v>0.3000000000000001</v>. Excel shows
  // 837.94 and 0.3, and the amounts are read so; a text cell keeps the strict rule.
  scratch_dir dir;
  write_workbook(dir / "pandas.xlsx",
                 {{"Sheet1",
                   {{"区县", "问题类别", "反映日期", "补助金额（万元）", "减免金额"},
                    {"仓山区", "资金", cell::on(2020, 1, 5), 837.94, 0.1 + 0.2},
                    {"仓山区", "资金", cell::on(2020, 1, 6), "837.9400000000001"}}}});
  xlsx_ledger_options options;
  options.common.max_problems = 5;
  try {
    read_xlsx_ledger(dir / "pandas.xlsx", options);
    FAIL() << "accepted the text cell";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].line, 3u);
    EXPECT_EQ(e.problems()[0].field, "subsidy");
  }
  write_workbook(dir / "pandas.xlsx",
                 {{"Sheet1",
                   {{"区县", "问题类别", "反映日期", "补助金额（万元）", "减免金额"},
                    {"仓山区", "资金", cell::on(2020, 1, 5), 837.94, 0.1 + 0.2}}}});
  const ledger book = read_xlsx_ledger(dir / "pandas.xlsx");
  ASSERT_EQ(book.measures().size(), 2u);
  EXPECT_EQ(book.measures()[0].amount->fen(), 8'379'400'00);  // 837.94万元
  EXPECT_EQ(book.measures()[1].amount->fen(), 30);            // 0.3 元
}

TEST(XlsxLedger, ASheetPerDistrictIsReadAsOneLedger) {
  scratch_dir dir;
  const auto district_sheet = [](const char* name, const char* enterprise) {
    return sheet_rows{{"序号", "区县", "企业名称", "问题类别", "反映日期"},
                      {1.0, name, enterprise, "资金", cell::on(2020, 1, 5)},
                      {2.0, name, enterprise, "用工", cell::on(2020, 1, 6)}};
  };
  write_workbook(dir / "city.xlsx", {{"说明", {{"各区县分表填报"}}},
                                     {"仓山区", district_sheet("仓山区", "甲公司")},
                                     {"鼓楼区", district_sheet("鼓楼区", "乙公司")},
                                     {"汇总", {{"区县", "合计"}, {"仓山区", 2.0}}}});
  const ledger book = read_xlsx_ledger(dir / "city.xlsx");
  std::vector<std::string> ids;
  for (const case_record& c : book.cases()) ids.push_back(c.id.str());
  // Each sheet numbers its cases from 1: the sheet's name scopes the number.
  EXPECT_EQ(ids, (std::vector<std::string>{"仓山区/1", "仓山区/2", "鼓楼区/1", "鼓楼区/2"}));
  EXPECT_EQ(book.districts().size(), 2u);
  EXPECT_EQ(book.notes().back().to_string(), (dir / "city.xlsx").string() +
                                                 ": read 2 sheets of cases as one ledger: "
                                                 "'仓山区', '鼓楼区'");
  xlsx_ledger_options one;
  one.sheet = "鼓楼区";
  EXPECT_EQ(read_xlsx_ledger(dir / "city.xlsx", one).cases()[1].id, "2");
  one.sheet = "all";
  EXPECT_EQ(read_xlsx_ledger(dir / "city.xlsx", one).cases().size(), 4u);
}

TEST(XlsxLedger, ALoneSheetNamedLikeTheCasesTableIsAFlatSheet) {
  // 问题台账 would name the per-kind cases table, but without a districts sheet there are
  // no ids to refer to: it is the office's flat sheet, its districts named.
  scratch_dir dir;
  write_workbook(
      dir / "book.xlsx",
      {{"问题台账", {{"区县", "问题类别", "反映日期"}, {"仓山区", "资金", cell::on(2020, 1, 5)}}}});
  const ledger book = read_xlsx_ledger(dir / "book.xlsx");
  ASSERT_EQ(book.districts().size(), 1u);
  EXPECT_EQ(book.districts()[0].name, "仓山区");
}

TEST(XlsxLedger, ProblemsNameTheSheetRowAndColumn) {
  scratch_dir dir;
  write_workbook(dir / "book.xlsx", {{"districts", {{"id", "name"}, {"d1", "x"}}},
                                     {"cases",
                                      {{"id", "district", "reported_on", "category"},
                                       {"c1", "d1", "2020-01-05", "labour"},
                                       {"c2", "d1", "2020-02-30", "labour"},
                                       {"c3", "gulou", "2020-01-05", "labour"}}}});
  const std::string sheet = (dir / "book.xlsx").string() + "[cases]";
  xlsx_ledger_options options;
  options.common.max_problems = 10;
  // A value's problem names its cell; a rule checked after reading names the record's
  // first cell, as Excel shows them.
  EXPECT_EQ(problems_of(dir / "book.xlsx", options),
            (std::vector<std::string>{
                sheet + ":C3: /cases/1/reported_on (case c2): column 'reported_on': "
                        "'2020-02-30' is not a calendar date",
                sheet + ":A4: /cases/2/district (case c3): unknown district 'gulou'"}));
  try {
    read_xlsx_ledger(dir / "book.xlsx", options);
    FAIL() << "no problem found";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_TRUE(e.problems()[0].sheet_cell);
    EXPECT_EQ(e.problems()[0].line, 3u);
    EXPECT_EQ(e.problems()[0].column, 3u);
    EXPECT_TRUE(e.problems()[1].sheet_cell);
  }
}

TEST(XlsxLedger, ProblemsOfAWholeRowAndNotesNameTheRowOrTheCell) {
  scratch_dir dir;
  // A missing column is a problem of the header row (no column); a duplicate id is at the
  // record's first cell, in the later sheet; a total that disagrees is at its cell (D6).
  write_workbook(dir / "no-category.xlsx",
                 {{"districts", {{"id", "name"}, {"d1", "x"}}},
                  {"cases", {{"id", "district", "reported_on"}, {"c1", "d1", "2020-01-05"}}}});
  EXPECT_EQ(problems_of(dir / "no-category.xlsx"),
            (std::vector<std::string>{(dir / "no-category.xlsx").string() +
                                      "[cases]:1: /cases: missing required column 'category' "
                                      "(headed 'category', '问题类别', '问题类型', '类别')"}));

  write_workbook(dir / "totals.xlsx",
                 {{"问题台账",
                   {{"序号", "区县", "问题类别", "反映日期", "补助金额（万元）"},
                    {1.0, "仓山区", "资金", cell::on(2020, 1, 5), 3.0},
                    {2.0, "仓山区", "资金", cell::on(2020, 1, 6), 4.0},
                    {"合计", "", "", "", 8.0}}}});
  const ledger book = read_xlsx_ledger(dir / "totals.xlsx");
  std::vector<std::string> notes;
  for (const reading_note& noticed : book.notes()) notes.push_back(noticed.to_string());
  const std::string sheet = (dir / "totals.xlsx").string() + "[问题台账]";
  EXPECT_EQ(notes, (std::vector<std::string>{
                       sheet + ":E4: the 合计 row gives 8 万元 in column '补助金额（万元）', but "
                               "the rows above sum to 7 万元",
                       sheet + ":4: skipped a 合计 row ('合计'), not a case"}));
  EXPECT_TRUE(book.notes().front().sheet_cell);
}

TEST(XlsxLedger, RichTextSharedStringsReadAsTheirPlainText) {
  scratch_dir dir;
  const auto path = dir / "rich.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_worksheet* districts = workbook_add_worksheet(book, "districts");
  worksheet_write_string(districts, 0, 0, "id", nullptr);
  worksheet_write_string(districts, 0, 1, "name", nullptr);
  worksheet_write_string(districts, 1, 0, "cangshan", nullptr);
  lxw_rich_string_tuple first = {bold, const_cast<char*>("仓山")};
  lxw_rich_string_tuple second = {nullptr, const_cast<char*>("区")};
  lxw_rich_string_tuple* runs[] = {&first, &second, nullptr};
  worksheet_write_rich_string(districts, 1, 1, runs, nullptr);
  lxw_worksheet* cases = workbook_add_worksheet(book, "问题");
  worksheet_write_string(cases, 0, 0, "id", nullptr);
  worksheet_write_string(cases, 0, 1, "district", nullptr);
  worksheet_write_string(cases, 0, 2, "reported_on", nullptr);
  worksheet_write_string(cases, 0, 3, "category", nullptr);
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
  const ledger read = read_xlsx_ledger(path);
  EXPECT_EQ(read.districts()[0].name, "仓山区");
  EXPECT_TRUE(read.cases().empty());
}

TEST(XlsxLedger, PrefixedNamesAndNamespaceDeclarationsOnAnyElement) {
  // Some tools write every element with a prefix (x:row, x:c). A namespace declaration is
  // no attribute: xmlns:r on a row is not its number, nor xmlns:t and xmlns:s on a cell its
  // type and style, though each comes first.
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const auto text_cell = [](const std::string& reference, const std::string& text) {
    return R"(<x:c xmlns:t="urn:example:t" xmlns:s="urn:example:s" r=")" + reference +
           R"(" t="inlineStr"><x:is><x:t>)" + text + "</x:t></x:is></x:c>";
  };
  const auto row = [&](int number, const std::vector<std::string>& texts) {
    std::string cells;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      cells +=
          text_cell(std::string(1, static_cast<char>('A' + i)) + std::to_string(number), texts[i]);
    }
    return R"(<x:row xmlns:r="urn:example:r" r=")" + std::to_string(number) + R"(">)" + cells +
           "</x:row>";
  };
  // The sheet's header on its row 3, a case on row 4 reported on `reported`.
  const auto package = [&](const std::string& reported) {
    return std::vector<std::pair<std::string, std::string>>{
        {"xl/workbook.xml",
         R"(<x:workbook xmlns:x=")" + main +
             R"(" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
             R"(<x:sheets><x:sheet name="cases" sheetId="1" r:id="rId1"/></x:sheets>)"
             "</x:workbook>"},
        {"xl/_rels/workbook.xml.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
        {"xl/worksheets/sheet1.xml",
         R"(<x:worksheet xmlns:x=")" + main + R"("><x:sheetData>)" +
             row(3, {"序号", "区县", "企业名称", "问题类别", "反映日期"}) +
             row(4, {"1", "连江县", "甲公司", "资金", reported}) + "</x:sheetData></x:worksheet>"}};
  };
  scratch_dir dir;
  write_package(dir / "prefixed.xlsx", package("2020-01-05"));
  const ledger read = read_xlsx_ledger(dir / "prefixed.xlsx");
  ASSERT_EQ(read.cases().size(), 1u);
  EXPECT_EQ(read.cases()[0].reported_on, date::from_ymd(2020, 1, 5));
  EXPECT_EQ(read.cases()[0].category, case_category::funding);
  ASSERT_EQ(read.districts().size(), 1u);
  EXPECT_EQ(read.districts()[0].name, "连江县");
  ASSERT_EQ(read.enterprises().size(), 1u);
  EXPECT_EQ(read.enterprises()[0].name, "甲公司");

  // A problem names the row and cell the sheet gives.
  write_package(dir / "bad.xlsx", package("not a date"));
  const std::vector<std::string> problems = problems_of(dir / "bad.xlsx");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("E4"), std::string::npos) << problems[0];
}

TEST(XlsxLedger, ACellBeyondColumnXfdIsRefusedHoweverLongItsLetters) {
  scratch_dir dir;
  const auto path = dir / "wide.xlsx";
  // MWLQKWX is column 2^32 + 2 (M=13, W=23, L=12, Q=17, K=11, W=23, X=24 in base 26):
  // counted in 32 bits it wrapped around to column B, and its text silently replaced the
  // case's district.
  write_package(path, one_sheet_package(
                          R"(<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>)"
                          R"(<c r="B1" t="inlineStr"><is><t>district</t></is></c>)"
                          R"(<c r="C1" t="inlineStr"><is><t>reported_on</t></is></c>)"
                          R"(<c r="D1" t="inlineStr"><is><t>category</t></is></c></row>)"
                          R"(<row r="2"><c r="A2" t="inlineStr"><is><t>c1</t></is></c>)"
                          R"(<c r="B2" t="inlineStr"><is><t>d1</t></is></c>)"
                          R"(<c r="C2" t="inlineStr"><is><t>2020-01-05</t></is></c>)"
                          R"(<c r="D2" t="inlineStr"><is><t>labour</t></is></c>)"
                          R"(<c r="MWLQKWX2" t="inlineStr"><is><t>wrapped</t></is></c></row>)"));
  EXPECT_EQ(problems_of(path),
            std::vector<std::string>{path.string() + "[cases]: a cell beyond column XFD"});
}

TEST(XlsxLedger, NotAWorkbook) {
  scratch_dir dir;
  write_text(dir / "fake.xlsx", "id,name\n");
  EXPECT_EQ(problems_of(dir / "fake.xlsx"),
            std::vector<std::string>{(dir / "fake.xlsx").string() +
                                     ": not an xlsx workbook (it is not a zip archive)"});
  EXPECT_THROW(read_xlsx_ledger(dir / "missing.xlsx"), file_error);
}

}  // namespace
}  // namespace caseledger
