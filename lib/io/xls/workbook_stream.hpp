// The Workbook stream of an .xls file (BIFF8, MS-XLS): the workbook's globals (its sheets,
// shared strings, cell formats, date system) and each worksheet's cells as text, the way
// the xlsx reader gives them (numbers as Excel shows them, dates as "YYYY-MM-DD",
// booleans as "true"/"false").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/read_limits.hpp"
#include "io/xls/biff_records.hpp"

namespace caseledger::detail {

/// No shared string: the cell's text is its own.
inline constexpr std::uint32_t no_shared_string = 0xFFFFFFFF;

/// One cell with a value (blank cells are left out), 0-based row and column. A cell
/// showing a shared string keeps its index, not a copy: ten bytes of a record cannot
/// become a long string in memory.
struct xls_cell {
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  std::uint32_t shared_string = no_shared_string;
  std::string text;
};

/// The globals of a BIFF8 workbook stream, read on construction.
class biff_workbook {
 public:
  /// Reads the globals of `stream` (which must outlive this object); `shown` names the
  /// file in problems. Throws `ledger_error` for an encrypted, pre-BIFF8 or damaged
  /// workbook, or one past `limits`.
  biff_workbook(std::string_view stream, std::string shown, const read_limits& limits);

  /// The worksheets' names in workbook order (hidden ones included; chart, macro and VBA
  /// sheets left out).
  const std::vector<std::string>& sheet_names() const noexcept { return names_; }

  /// The cells of worksheet `index` with a value, sorted by row and column; `shown` names
  /// the sheet in problems (book.xls[sheet]).
  std::vector<xls_cell> sheet_cells(std::size_t index, const std::string& shown) const;

  /// The text `cell` shows.
  const std::string& text_of(const xls_cell& cell) const noexcept {
    return cell.shared_string == no_shared_string ? cell.text : shared_strings_[cell.shared_string];
  }

 private:
  void read_shared_strings(record_cursor& strings);
  std::string number_text(double value, std::uint16_t xf) const;

  std::string_view stream_;
  std::string shown_;
  read_limits limits_;
  std::vector<std::string> names_;
  std::vector<std::uint32_t> offsets_;  // of each sheet's BOF in the stream
  std::vector<std::string> shared_strings_;
  std::vector<bool> date_xfs_;  // by XF index
  bool base_1904_ = false;
};

}  // namespace caseledger::detail
