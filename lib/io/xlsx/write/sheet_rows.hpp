// The rows of a big sheet written as XML by caseledger itself and deflated as they come
// (deflate_stream), in the markup libxlsxwriter's constant-memory mode writes: the listing's
// hundreds of thousands of rows, which libxlsxwriter would format with printf and compress
// on one core at close.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx/write/deflate_stream.hpp"

namespace caseledger::detail {

/// The `<row>` elements of one sheet's `<sheetData>`. Rows come top to bottom, a row's
/// cells left to right. Texts must already be what a cell may hold (`to_cell_text`).
class sheet_rows {
 public:
  /// The compressed rows go to `file`; `workers` threads compress them until `finish`.
  sheet_rows(scratch_file& file, unsigned workers) : data_(file, workers) {}

  /// A string cell (inline, as constant-memory mode writes them) with style number
  /// `style` (0: none). An empty text writes nothing, as libxlsxwriter does.
  void text(std::uint32_t row, std::uint16_t col, std::string_view text, std::int32_t style);
  /// A number cell.
  void number(std::uint32_t row, std::uint16_t col, double value, std::int32_t style);

  /// Ends the last row, compresses what is left and lets the threads go. Call once,
  /// after the last cell.
  deflated_size finish();

  /// The compressed rows (see `deflate_stream::read`), after `finish`.
  const deflate_stream& data() const noexcept { return data_; }

  /// The range the cells cover ("A1:L20"), as the sheet's `<dimension>` gives it; empty
  /// when no cell was written.
  std::string dimension() const;

 private:
  void start_cell(std::uint32_t row, std::uint16_t col, std::int32_t style);
  void flush();

  deflate_stream data_;
  std::vector<std::string> letters_;  // of the columns written so far, by column
  std::string xml_;                   // rows not yet handed to data_
  bool in_row_ = false;
  std::uint32_t row_ = 0;
  std::int32_t previous_col_ = -1;  // of the current row's last cell, -1 before its first
  std::uint32_t first_row_ = UINT32_MAX, last_row_ = 0;
  std::uint16_t first_col_ = UINT16_MAX, last_col_ = 0;
};

/// "A", "B", … "AA" for the zero-based column.
std::string column_letters(std::uint16_t col);

}  // namespace caseledger::detail
