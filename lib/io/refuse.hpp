// The refusal of a document as a whole (not a zip archive, a damaged part, a limit passed
// inside a workbook): a ledger_error with one problem naming it.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {

/// Throws `ledger_error` with one problem naming `shown` (the document as problems name it,
/// "book.xlsx" or "book.xls[Sheet1]") and `reason`.
[[noreturn]] inline void refuse(const std::string& shown, std::string reason) {
  problem found;
  found.file = shown;
  found.reason = std::move(reason);
  throw ledger_error({std::move(found)});
}

/// Throws `ledger_error` with one problem at the cell of a sheet (1-based row and column),
/// named as Excel names it (`book.xls[Sheet1]:C5`).
[[noreturn]] inline void refuse_cell(const std::string& shown, std::size_t row, std::size_t column,
                                     std::string reason) {
  problem found;
  found.file = shown;
  found.line = row;
  found.column = column;
  found.sheet_cell = true;
  found.reason = std::move(reason);
  throw ledger_error({std::move(found)});
}

}  // namespace caseledger::detail
