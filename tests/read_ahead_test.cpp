// A sheet read ahead on a second thread hands out the same rows, in the same order, and
// the same exception at the same row as the sheet read directly; dropped early, it stops.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "io/table/read_ahead.hpp"

namespace caseledger::detail {
namespace {

// Rows "1", "2", … up to `rows`; throws instead of the row numbered `fail_at` (0: never).
class counted_rows final : public row_source {
 public:
  counted_rows(int rows, int fail_at) : rows_(rows), fail_at_(fail_at) {}
  bool next(table_row& row) override {
    row.clear();
    if (at_ == rows_) return false;
    if (++at_ == fail_at_) throw std::runtime_error("row " + std::to_string(at_));
    row.push_back({.text = std::to_string(at_), .line = static_cast<std::uint32_t>(at_)});
    return true;
  }

 private:
  int rows_;
  int fail_at_;
  int at_ = 0;
};

TEST(read_ahead, hands_out_every_row_in_order) {
  read_ahead_rows rows(std::make_unique<counted_rows>(5000, 0));
  table_row row;
  for (int expected = 1; expected <= 5000; ++expected) {
    ASSERT_TRUE(rows.next(row));
    ASSERT_EQ(row.size(), 1U);
    EXPECT_EQ(row.front().text, std::to_string(expected));
  }
  EXPECT_FALSE(rows.next(row));
  EXPECT_TRUE(row.empty());
  EXPECT_FALSE(rows.next(row));
}

TEST(read_ahead, an_empty_sheet_has_no_rows) {
  read_ahead_rows rows(std::make_unique<counted_rows>(0, 0));
  table_row row;
  EXPECT_FALSE(rows.next(row));
}

TEST(read_ahead, throws_at_the_row_the_sheet_threw_at) {
  read_ahead_rows rows(std::make_unique<counted_rows>(5000, 1000));
  table_row row;
  for (int expected = 1; expected < 1000; ++expected) ASSERT_TRUE(rows.next(row));
  EXPECT_EQ(row.front().text, "999");
  try {
    rows.next(row);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "row 1000");
  }
}

TEST(read_ahead, a_problem_past_the_rows_asked_for_is_never_thrown) {
  // The header is looked at, the sheet dropped: the thread stops, nothing escapes.
  auto rows = std::make_unique<read_ahead_rows>(std::make_unique<counted_rows>(100000, 50));
  table_row row;
  ASSERT_TRUE(rows->next(row));
  EXPECT_EQ(row.front().text, "1");
  EXPECT_NO_THROW(rows.reset());
}

TEST(read_ahead, dropped_while_the_thread_waits_for_room) {
  auto rows = std::make_unique<read_ahead_rows>(std::make_unique<counted_rows>(100000, 0));
  table_row row;
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(rows->next(row));
  EXPECT_NO_THROW(rows.reset());
}

}  // namespace
}  // namespace caseledger::detail
