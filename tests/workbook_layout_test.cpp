// The layout file: the built-in layout is the file in samples/layouts, every key is read,
// and every mistake is refused naming the file and the key.
#include <gtest/gtest.h>

#include <string>

#include "caseledger/core/error.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::source_path;

/// The message of the error parsing `text` as the layout "layout.json" throws.
std::string refusal(const std::string& text) {
  try {
    parse_workbook_layout(text, "layout.json");
  } catch (const ledger_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

TEST(WorkbookLayout, TheBuiltInLayoutIsTheSampleFile) {
  EXPECT_TRUE(read_workbook_layout(source_path("samples/layouts/office.json")) == xlsx_options{});
}

TEST(WorkbookLayout, AnEmptyLayoutChangesNothing) {
  xlsx_options base;
  base.form = workbook_form::data;
  base.unit_name = "仓山区工信局";
  base.max_rows_per_sheet = 10;
  EXPECT_TRUE(parse_workbook_layout("{}", "empty.json", base) == base);
}

TEST(WorkbookLayout, ReadsEveryKey) {
  const xlsx_options read = read_workbook_layout(source_path("samples/layouts/city-bulletin.json"));
  EXPECT_EQ(read.form, workbook_form::office);
  EXPECT_EQ(read.title, "福州市“一企一议”企业复工复产问题协调情况汇总表");
  EXPECT_EQ(read.unit_name, "福州市工业和信息化局");
  EXPECT_TRUE(read.money_in_wan);
  EXPECT_EQ(read.money_decimals, 2);
  EXPECT_FALSE(read.include_cases);
  ASSERT_EQ(read.sheets.size(), 3U);
  EXPECT_EQ(read.sheets[0], (sheet_choice{statistics_sheet::summary, "汇总表"}));
  EXPECT_EQ(read.sheets[2], (sheet_choice{statistics_sheet::return_to_work, "返岗情况"}));
  ASSERT_EQ(read.summary_columns.size(), 9U);
  EXPECT_EQ(read.summary_columns[4], (column_choice{summary_column::subsidy, "发放补助（万元）"}));
  ASSERT_TRUE(read.signature.has_value());
  EXPECT_EQ(read.signature->back(), "报送时间：");
  EXPECT_EQ(read.body_font, "仿宋");
  EXPECT_EQ(read.font_size, 12);
  // A prescribed form lists its sheets: it gets no process sheets or columns of its own.
  EXPECT_FALSE(read.handling_process);

  const xlsx_options english = parse_workbook_layout(
      R"({"form": "data", "language": "en", "summary_columns": ["open", {"column": "loan"}],
          "signature": []})",
      "en.json");
  EXPECT_EQ(english.form, workbook_form::data);
  EXPECT_EQ(english.language, report_language::en);
  EXPECT_EQ(english.summary_columns,
            (std::vector<column_choice>{{summary_column::open, ""}, {summary_column::loan, ""}}));
  EXPECT_EQ(english.signature, std::vector<std::string>{});
  EXPECT_FALSE(english.handling_process);
  EXPECT_TRUE(
      parse_workbook_layout(R"({"sheets": ["summary"], "handling_process": true})", "process.json")
          .handling_process);
  EXPECT_FALSE(
      parse_workbook_layout(R"({"handling_process": false})", "none.json").handling_process);
  EXPECT_TRUE(parse_workbook_layout(R"({"title": "x"})", "title.json").handling_process);
}

TEST(WorkbookLayout, RefusesEachMistakeNamingTheFileAndTheKey) {
  EXPECT_EQ(refusal(R"({"titel": "x"})"),
            "layout.json: titel: unknown key (form, language, title, unit_name, money_unit, "
            "money_decimals, listing, sheets, summary_columns, handling_process, signature, "
            "fonts)");
  EXPECT_EQ(refusal(R"({"money_unit": "euro"})"),
            "layout.json: money_unit: 'euro' is not one of yuan, wan");
  EXPECT_EQ(refusal(R"({"money_decimals": 7})"),
            "layout.json: money_decimals: must be a whole number from 0 to 6");
  EXPECT_EQ(refusal(R"({"money_decimals": 1.5})"),
            "layout.json: money_decimals: must be a whole number from 0 to 6");
  EXPECT_EQ(refusal(R"({"listing": "yes"})"), "layout.json: listing: must be true or false");
  EXPECT_EQ(refusal(R"({"sheets": ["summary", "summary"]})"),
            "layout.json: sheets[1]: 'summary' is listed twice");
  EXPECT_EQ(refusal(R"({"sheets": [{"name": "汇总表"}]})"),
            "layout.json: sheets[0]: needs \"sheet\"");
  EXPECT_EQ(refusal(R"({"sheets": [{"sheet": "summary", "nmae": "x"}]})"),
            "layout.json: sheets[0].nmae: unknown key (sheet, name)");
  EXPECT_EQ(refusal(R"({"sheets": [{"sheet": "trend", "name": "趋势/环比"}]})"),
            "layout.json: sheets[0].name: a sheet's name cannot hold []:*?/\\");
  EXPECT_EQ(
      refusal(
          R"({"sheets": [{"sheet": "trend", "name": "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"}]})"),
      "layout.json: sheets[0].name: a sheet's name has at most 31 characters");
  EXPECT_NO_THROW(parse_workbook_layout(
      R"({"sheets": [{"sheet": "trend", "name": "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}]})",
      "31.json"));
  EXPECT_EQ(refusal(R"({"summary_columns": ["closed"]})"),
            "layout.json: summary_columns[0]: 'closed' is not one of coordinated, resolved, "
            "unresolvable, open, resolution_rate, on_time_rate, median_days, p90_days, subsidy, "
            "fee_reduction, loan, allowance, workers, supply_recipients, resumption_rate, "
            "service_team, party_team, instructor");
  EXPECT_EQ(refusal(R"({"summary_columns": [3]})"),
            "layout.json: summary_columns[0]: must be a name or an object");
  EXPECT_EQ(refusal(R"({"signature": ["审核人：", 1]})"),
            "layout.json: signature[1]: must be a string");
  EXPECT_EQ(refusal(R"({"fonts": {"size": 3}})"),
            "layout.json: fonts.size: must be a size in points from 6 to 72");
  EXPECT_EQ(refusal(R"({"fonts": {"colour": "red"}})"),
            "layout.json: fonts.colour: unknown key (body, heading, size)");
  EXPECT_EQ(refusal(R"({"language": "fr"})"),
            "layout.json: language: 'fr' is not one of zh-Hans, zh-Hant, en");
  EXPECT_EQ(refusal(R"(["summary"])"), "layout.json: a layout must be a JSON object");
  EXPECT_NE(refusal("{").find("layout.json: invalid JSON: "), std::string::npos);
}

TEST(WorkbookLayout, AMissingFileIsAFileError) {
  EXPECT_THROW(read_workbook_layout(source_path("samples/layouts/no-such.json")), file_error);
}

}  // namespace
