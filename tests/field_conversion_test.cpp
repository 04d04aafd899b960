// The cell values offices type: every date and money form, flags, counts, Chinese enum
// names. Expected values are worked out by hand in each test.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "caseledger/core/error.hpp"
#include "io/table/field_conversion.hpp"

namespace caseledger::detail {
namespace {

std::string date_text(std::string_view cell) { return parse_cell_date(cell).to_string(); }

std::string refusal_of_date(std::string_view cell) {
  try {
    parse_cell_date(cell);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

std::string refusal_of_amount(std::string_view cell) {
  try {
    parse_cell_amount(cell);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FieldConversion, DatesInEveryLocalForm) {
  EXPECT_EQ(date_text("2020-01-05"), "2020-01-05");
  EXPECT_EQ(date_text("2020/1/5"), "2020-01-05");
  EXPECT_EQ(date_text("2020/01/05"), "2020-01-05");
  EXPECT_EQ(date_text("2020.1.5"), "2020-01-05");
  EXPECT_EQ(date_text("2020年1月5日"), "2020-01-05");
  EXPECT_EQ(date_text("2020年12月31日"), "2020-12-31");
  EXPECT_EQ(date_text("  2020/2/29 "), "2020-02-29");
  EXPECT_EQ(date_text("\u30002020-3-1\u3000"), "2020-03-01");  // ideographic spaces
}

TEST(FieldConversion, ExcelSerialNumbers) {
  // 43831 is 2020-01-01 in Excel; 43835 four days later.
  EXPECT_EQ(date_text("43831"), "2020-01-01");
  EXPECT_EQ(date_text("43835"), "2020-01-05");
  EXPECT_EQ(date_text("43835.0"), "2020-01-05");
  // Before Lotus's phantom 1900-02-29 (serial 60) the serials are one day off the epoch.
  EXPECT_EQ(date_text("1"), "1900-01-01");
  EXPECT_EQ(date_text("59"), "1900-02-28");
  EXPECT_EQ(date_text("61"), "1900-03-01");
  EXPECT_EQ(date_text("2958465"), "9999-12-31");
  EXPECT_EQ(refusal_of_date("60"), "'60' is not an Excel date serial number");
  EXPECT_EQ(refusal_of_date("0"), "'0' is not an Excel date serial number");
  EXPECT_EQ(refusal_of_date("20200105"), "'20200105' is not a date");
  EXPECT_EQ(refusal_of_date("43835.5"),
            "'43835.5' is not a date (2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日 or an Excel "
            "serial number)");
}

TEST(FieldConversion, ImpossibleAndMisshapenDatesAreRefused) {
  EXPECT_EQ(refusal_of_date("2020-02-30"), "'2020-02-30' is not a calendar date");
  EXPECT_EQ(refusal_of_date("2019年2月29日"), "'2019年2月29日' is not a calendar date");
  EXPECT_EQ(refusal_of_date("2020/13/1"), "'2020/13/1' is not a calendar date");
  EXPECT_EQ(refusal_of_date("2020.4.31"), "'2020.4.31' is not a calendar date");
  const std::string shape =
      " is not a date (2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日 or an Excel serial number)";
  EXPECT_EQ(refusal_of_date("2020-1/5"), "'2020-1/5'" + shape);  // mixed separators
  EXPECT_EQ(refusal_of_date("2020年1月5"), "'2020年1月5'" + shape);
  EXPECT_EQ(refusal_of_date("5/1/2020"), "'5/1/2020'" + shape);
  EXPECT_EQ(refusal_of_date("2020-001-05"), "'2020-001-05'" + shape);
  EXPECT_EQ(refusal_of_date("2020-01-05x"), "'2020-01-05x'" + shape);
  EXPECT_EQ(refusal_of_date("yesterday"), "'yesterday'" + shape);
}

TEST(FieldConversion, AmountsExactToTheFen) {
  EXPECT_EQ(parse_cell_amount("1234.5").fen(), 123450);
  EXPECT_EQ(parse_cell_amount("1,234.50").fen(), 123450);
  EXPECT_EQ(parse_cell_amount("¥1,234.50").fen(), 123450);
  EXPECT_EQ(parse_cell_amount("￥1,234.50").fen(), 123450);  // full-width yen sign
  EXPECT_EQ(parse_cell_amount("1,234,567.8").fen(), 123456780);
  EXPECT_EQ(parse_cell_amount("500元").fen(), 50000);
  EXPECT_EQ(parse_cell_amount("-3").fen(), -300);
  EXPECT_EQ(parse_cell_amount("¥-3").fen(), -300);
  // 40万 = 400,000 yuan = 40,000,000 fen; 1.2亿 = 120,000,000 yuan.
  EXPECT_EQ(parse_cell_amount("40万").fen(), 40'000'000);
  EXPECT_EQ(parse_cell_amount("40万元").fen(), 40'000'000);
  EXPECT_EQ(parse_cell_amount("16.5万元").fen(), 16'500'000);
  EXPECT_EQ(parse_cell_amount("1.2亿").fen(), 12'000'000'000);
  EXPECT_EQ(parse_cell_amount("1.2亿元").fen(), 12'000'000'000);
  // The last fen after scaling: 1.234567万 = 12,345.67 yuan; 0.0000000001亿 = 0.01 yuan.
  EXPECT_EQ(parse_cell_amount("1.234567万").fen(), 1'234'567);
  EXPECT_EQ(parse_cell_amount("0.0000000001亿").fen(), 1);
  EXPECT_EQ(parse_cell_amount("1,200万").fen(), 1'200'000'000);
}

TEST(FieldConversion, OverPreciseAndMalformedAmountsAreRefused) {
  EXPECT_EQ(refusal_of_amount("12.345"), "amount '12.345' has more than two decimals");
  EXPECT_EQ(refusal_of_amount("1.2345678万"),
            "amount '1.2345678万' has more than two decimals of a yuan");
  EXPECT_EQ(refusal_of_amount("0.00000000001亿"),
            "amount '0.00000000001亿' has more than two decimals of a yuan");
  EXPECT_EQ(refusal_of_amount("12,00"), "'12,00' is not an amount");
  EXPECT_EQ(refusal_of_amount("1,2345"), "'1,2345' is not an amount");
  EXPECT_EQ(refusal_of_amount(",123"), "',123' is not an amount");
  EXPECT_EQ(refusal_of_amount("1e3万"), "'1e3万' is not an amount");
  EXPECT_EQ(refusal_of_amount("万"), "'万' is not an amount");
  EXPECT_EQ(refusal_of_amount("about 5"), "'about 5' is not an amount");
  EXPECT_EQ(refusal_of_amount(""), "'' is not an amount");
  EXPECT_EQ(refusal_of_amount("100000000000亿"),
            "amount '100000000000亿' does not fit in 64-bit fen");
}

TEST(FieldConversion, FlagsAndCounts) {
  for (const char* yes : {"是", "true", "TRUE", "Yes", "y", "1"}) EXPECT_TRUE(parse_cell_flag(yes));
  for (const char* no : {"否", "false", "No", "N", "0"}) EXPECT_FALSE(parse_cell_flag(no));
  EXPECT_THROW(parse_cell_flag("maybe"), std::invalid_argument);

  EXPECT_EQ(parse_cell_count("60"), 60);
  EXPECT_EQ(parse_cell_count("1,200"), 1200);
  EXPECT_EQ(parse_cell_count("12.0"), 12);
  EXPECT_EQ(parse_cell_count("0"), 0);
  for (const char* bad : {"-3", "2.5", "1,20", "", "12人", "1234567890123456789"}) {
    EXPECT_THROW(parse_cell_count(bad), std::invalid_argument) << bad;
  }
}

TEST(FieldConversion, EnumsByNameChineseNameSynonymAndMapping) {
  const value_aliases none;
  EXPECT_EQ(parse_cell_enum<case_category>("labour", "category", none), case_category::labour);
  EXPECT_EQ(parse_cell_enum<case_category>("用工", "category", none), case_category::labour);
  EXPECT_EQ(parse_cell_enum<case_category>("招工", "category", none), case_category::labour);
  EXPECT_EQ(parse_cell_enum<case_category>("资金", "category", none), case_category::funding);
  EXPECT_EQ(parse_cell_enum<case_category>("融资", "category", none), case_category::funding);
  EXPECT_EQ(parse_cell_enum<case_category>("Energy", "category", none), case_category::energy);
  EXPECT_EQ(parse_cell_enum<case_status>("已办结", "status", none), case_status::resolved);
  EXPECT_EQ(parse_cell_enum<case_status>("办结", "status", none), case_status::resolved);
  EXPECT_EQ(parse_cell_enum<case_status>("在办", "status", none), case_status::open);
  EXPECT_EQ(parse_cell_enum<case_status>("撤回", "status", none), case_status::withdrawn);
  EXPECT_EQ(parse_cell_enum<transport_mode>("包车", "mode", none), transport_mode::chartered_bus);
  EXPECT_EQ(parse_cell_enum<worker_origin>("省外", "origin", none), worker_origin::out_of_province);
  EXPECT_EQ(parse_cell_enum<team_kind>("党员攻坚队", "kind", none), team_kind::party_team);
  EXPECT_EQ(parse_cell_enum<measure_kind>("补贴", "kind", none), measure_kind::subsidy);
  EXPECT_EQ(parse_cell_enum<case_channel>("12345热线", "channel", none), case_channel::hotline);
  EXPECT_FALSE(parse_cell_enum<case_category>("招商", "category", none));

  value_aliases mapping;
  mapping["category"]["招商"] = "policy";
  EXPECT_EQ(parse_cell_enum<case_category>("招商", "category", mapping), case_category::policy);
  // A spelling mapped for one field says nothing about another.
  EXPECT_FALSE(parse_cell_enum<case_channel>("招商", "channel", mapping));

  EXPECT_EQ(unknown_enum_reason<worker_origin>("origin", "外省"),
            "unknown origin '外省' (expected one of: in_province (省内), out_of_province (省外))");
}

TEST(FieldConversion, NumbersAsExcelShowsThem) {
  // What pandas, openpyxl and XlsxWriter store for 837.94, 99.99 and 0.1 + 0.2.
  EXPECT_EQ(number_as_shown("837.9400000000001"), "837.94");
  EXPECT_EQ(number_as_shown("99.98999999999999"), "99.99");
  EXPECT_EQ(number_as_shown("0.30000000000000004"), "0.3");
  // 15 significant digits are kept; the 16th rounds.
  EXPECT_EQ(number_as_shown("123456789012.345"), "123456789012.345");
  EXPECT_EQ(number_as_shown("1234567890123456"), "1234567890123460");
  EXPECT_EQ(number_as_shown("-0.1000000000000000055"), "-0.1");
  // Exponent forms, whole numbers, zero, negative zero.
  EXPECT_EQ(number_as_shown("1E-3"), "0.001");
  EXPECT_EQ(number_as_shown("4.0E5"), "400000");
  EXPECT_EQ(number_as_shown("40"), "40");
  EXPECT_EQ(number_as_shown("0"), "0");
  EXPECT_EQ(number_as_shown("-0"), "0");
  // Beyond what a plain decimal shows well, and anything not a number, is left as it is.
  EXPECT_EQ(number_as_shown("1E+300"), "1E+300");
  EXPECT_EQ(number_as_shown("inf"), "inf");
  EXPECT_EQ(number_as_shown(" 12"), " 12");
  EXPECT_EQ(number_as_shown("12abc"), "12abc");
  // The fen rule then holds for what the clerk saw: 837.94 is exact.
  EXPECT_EQ(parse_cell_amount(number_as_shown("837.9400000000001")).fen(), 83794);
}

}  // namespace
}  // namespace caseledger::detail
