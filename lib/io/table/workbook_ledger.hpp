// A ledger kept in a workbook, whatever its file format (.xlsx, .xls): which sheets hold
// which records, read through the same tables. Each format supplies a `sheet_book`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "caseledger/io/xlsx_ledger.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/table/ledger_tables.hpp"

namespace caseledger::detail {

/// An open workbook, its sheets read as rows of text cells (numbers as Excel shows them,
/// dates as "YYYY-MM-DD", booleans as "true"/"false", each cell with its row and column
/// number, A = 1).
class sheet_book {
 public:
  virtual ~sheet_book() = default;
  /// The sheets' names, in workbook order.
  virtual const std::vector<std::string>& sheet_names() const noexcept = 0;
  /// The rows of sheet `index` (0-based), valid until the next `open_sheet`; the book
  /// must outlive them.
  virtual std::unique_ptr<row_source> open_sheet(std::size_t index) = 0;
  /// Throws `file_error` if the file changed since it was opened.
  virtual void check_unchanged() const = 0;
};

/// Reads the ledger `book` holds (`source`: the file as problems name it): a sheet per
/// kind of record when it has a sheet of cases and one of districts, otherwise flat case
/// sheets (docs/ledger-format.md). Throws as `read_xlsx_ledger` does.
ledger read_workbook_ledger(sheet_book& book, const std::string& source,
                            const xlsx_ledger_options& options);

}  // namespace caseledger::detail
