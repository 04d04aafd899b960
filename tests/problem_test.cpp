// How a problem is written: a text file's line and column, or a sheet's cell as Excel
// shows it (the column a letter).
#include <gtest/gtest.h>

#include <string>

#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

TEST(Problem, ColumnLettersAreExcels) {
  EXPECT_EQ(problem::column_letters(1), "A");
  EXPECT_EQ(problem::column_letters(3), "C");
  EXPECT_EQ(problem::column_letters(26), "Z");
  EXPECT_EQ(problem::column_letters(27), "AA");
  EXPECT_EQ(problem::column_letters(52), "AZ");
  EXPECT_EQ(problem::column_letters(53), "BA");
  EXPECT_EQ(problem::column_letters(702), "ZZ");
  EXPECT_EQ(problem::column_letters(703), "AAA");
  EXPECT_EQ(problem::column_letters(16384), "XFD");
  EXPECT_EQ(problem::column_letters(0), "");
}

TEST(Problem, PositionOfASheetIsItsCellOrItsRow) {
  const std::string sheet = "book.xlsx[问题台账]";
  EXPECT_EQ(problem::position(sheet, 17, 3, true), "book.xlsx[问题台账]:C17");
  EXPECT_EQ(problem::position(sheet, 17, 0, true), "book.xlsx[问题台账]:17");
  EXPECT_EQ(problem::position(sheet, 0, 0, true), "book.xlsx[问题台账]");
  EXPECT_EQ(problem::position(sheet, 17, 3), "book.xlsx[问题台账]:17:3");
  EXPECT_EQ(problem::position("", 0, 0, true), "<ledger>");
}

TEST(Problem, ToStringNamesTheCellOnlyForASheet) {
  problem found{.file = "book.xlsx[问题台账]",
                .line = 17,
                .column = 28,
                .sheet_cell = true,
                .pointer = "/cases/15/reported_on",
                .record_kind = "case",
                .record_id = "16",
                .field = "reported_on",
                .reason = "column '反映日期': '2020-02-30' is not a calendar date"};
  EXPECT_EQ(found.to_string(),
            "book.xlsx[问题台账]:AB17: /cases/15/reported_on (case 16): column '反映日期': "
            "'2020-02-30' is not a calendar date");
  found.file = "cases.csv";
  found.sheet_cell = false;
  EXPECT_EQ(found.to_string(),
            "cases.csv:17:28: /cases/15/reported_on (case 16): column '反映日期': "
            "'2020-02-30' is not a calendar date");
}

}  // namespace
}  // namespace caseledger
