// A workbook's sheet recorded on its first read and handed out again on the next: the same
// rows, cells, positions and declared last row, without reading the sheet again.
#include "io/table/recorded_sheet.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace caseledger::detail {
namespace {

// The rows of each sheet as given, counting how often a sheet is opened.
class given_book final : public sheet_book {
 public:
  explicit given_book(std::vector<std::vector<table_row>> sheets)
      : sheets_(std::move(sheets)), names_(sheets_.size(), "sheet") {}

  const std::vector<std::string>& sheet_names() const noexcept override { return names_; }
  std::unique_ptr<row_source> open_sheet(std::size_t index) override {
    ++opened;
    return std::make_unique<given_rows>(sheets_.at(index));
  }
  void check_unchanged() const override {}

  int opened = 0;

 private:
  class given_rows final : public row_source {
   public:
    explicit given_rows(const std::vector<table_row>& rows) : rows_(rows) {}
    bool next(table_row& row) override {
      if (at_ == rows_.size()) return false;
      row = rows_[at_++];
      return true;
    }
    std::uint32_t declared_last_row() const override { return 4242; }

   private:
    const std::vector<table_row>& rows_;
    std::size_t at_ = 0;
  };

  std::vector<std::vector<table_row>> sheets_;
  std::vector<std::string> names_;
};

table_cell at(std::uint32_t line, std::uint32_t column, std::string text) {
  return {std::move(text), line, column};
}

// Every row of `rows`, read to the end.
std::vector<table_row> all_rows(row_source& rows) {
  std::vector<table_row> read;
  table_row row;
  while (rows.next(row)) read.push_back(row);
  return read;
}

// A header; cells in their places with an empty one between; a row starting at column 3
// (columns before it skipped), a cell of 300 bytes and one of Chinese text; an empty row;
// a cell whose line is not its row's (as no reader gives, yet kept); row 70,000.
const std::vector<table_row> sheet = {
    {at(1, 1, "序号"), at(1, 2, "区县"), at(1, 3, "补助金额（万元）")},
    {at(2, 1, "1"), at(2, 2, ""), at(2, 3, "0.5")},
    {at(3, 3, std::string(300, 'x')), at(3, 4, "鼓楼区"), at(3, 9, "")},
    {},
    {at(5, 1, "合计"), at(6, 2, "")},
    {at(70000, 1, "2"), at(70000, 16384, "XFD")},
};

TEST(RecordedBook, HandsOutTheRowsReadToTheEndAgainWithoutReadingTheSheet) {
  auto inner = std::make_unique<given_book>(std::vector<std::vector<table_row>>{sheet, {}});
  given_book& counted = *inner;
  recorded_book book(std::move(inner));
  auto first = book.open_sheet(0);
  EXPECT_EQ(all_rows(*first), sheet);
  for (int again = 0; again < 2; ++again) {
    auto replayed = book.open_sheet(0);
    EXPECT_EQ(all_rows(*replayed), sheet);
    EXPECT_EQ(replayed->declared_last_row(), 4242u);
  }
  EXPECT_EQ(counted.opened, 1);
  EXPECT_EQ(book.sheets_read(), 1u);
  // Another sheet read replaces the recording: the first is read from the book again.
  auto other = book.open_sheet(1);
  EXPECT_TRUE(all_rows(*other).empty());
  auto first_again = book.open_sheet(0);
  EXPECT_EQ(all_rows(*first_again), sheet);
  EXPECT_EQ(counted.opened, 3);
}

TEST(RecordedBook, ASheetOfManyMegabytesAndRowsLargerThanItsBlocks) {
  // The recording is kept in blocks of 1 MiB: rows of 700 KB and 2 MiB each take a block
  // of their own, ten thousand small ones share blocks.
  std::vector<table_row> large;
  for (std::uint32_t line = 1; line <= 10'000; ++line) {
    large.push_back(
        {at(line, 1, std::to_string(line)), at(line, 2, "鼓楼区企业" + std::to_string(line))});
  }
  large.push_back({at(10'001, 1, std::string(700'000, 'a'))});
  large.push_back({at(10'002, 1, std::string(2'100'000, 'b')), at(10'002, 2, "c")});
  large.push_back({at(10'003, 1, std::string(700'000, 'd'))});
  large.push_back({at(10'004, 1, "last")});
  auto inner = std::make_unique<given_book>(std::vector<std::vector<table_row>>{large});
  recorded_book book(std::move(inner));
  auto first = book.open_sheet(0);
  EXPECT_EQ(all_rows(*first), large);
  auto replayed = book.open_sheet(0);
  EXPECT_EQ(all_rows(*replayed), large);
}

TEST(RecordedBook, ASheetNotReadToItsEndIsReadAgainFromTheBook) {
  auto inner = std::make_unique<given_book>(std::vector<std::vector<table_row>>{sheet});
  given_book& counted = *inner;
  recorded_book book(std::move(inner));
  {
    auto header_only = book.open_sheet(0);
    table_row row;
    ASSERT_TRUE(header_only->next(row));
  }
  auto whole = book.open_sheet(0);
  EXPECT_EQ(all_rows(*whole), sheet);
  EXPECT_EQ(counted.opened, 2);
  auto replayed = book.open_sheet(0);
  EXPECT_EQ(all_rows(*replayed), sheet);
  EXPECT_EQ(counted.opened, 2);
}

TEST(RecordedBook, ARowReusedForShorterOnesKeepsNothingOfTheLonger) {
  // The table readers reuse one row object: a replayed row is exactly the recorded one.
  auto inner = std::make_unique<given_book>(std::vector<std::vector<table_row>>{sheet});
  recorded_book book(std::move(inner));
  auto first = book.open_sheet(0);
  all_rows(*first);
  auto replayed = book.open_sheet(0);
  table_row row;
  for (const table_row& expected : sheet) {
    ASSERT_TRUE(replayed->next(row));
    EXPECT_EQ(row, expected);
  }
  EXPECT_FALSE(replayed->next(row));
}

}  // namespace
}  // namespace caseledger::detail
