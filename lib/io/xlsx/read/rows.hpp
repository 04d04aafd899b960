// Sheets of an .xlsx workbook read as rows of text cells, with minizip (the package is a
// zip archive) and expat (its parts are XML). Only what ledgers need: shared strings,
// inline strings, numbers, booleans, and dates stored as serial numbers in a date format.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "caseledger/io/read_limits.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/workbook_ledger.hpp"

namespace caseledger::detail {

/// An open workbook. Sheets stream: a sheet's XML is parsed a chunk at a time as its rows
/// are asked for. Cells come out as text: shared and inline strings as they are, numbers
/// as stored ("1234.5"), booleans as "true"/"false", numbers in a date format as
/// "YYYY-MM-DD"; each with its row and column number (A = 1).
class xlsx_book_reader final : public sheet_book {
 public:
  /// Opens `path` (`file_error` if it cannot be read) and reads its sheet list, shared
  /// strings and styles; `shown` names it in problems. A file that is not an xlsx
  /// package, or one past `limits` (part sizes, compression ratio, shared strings, XML
  /// nesting, cell text, cells per row), throws `ledger_error`.
  xlsx_book_reader(const std::filesystem::path& path, std::string shown,
                   const read_limits& limits = {});
  ~xlsx_book_reader() override;
  xlsx_book_reader(const xlsx_book_reader&) = delete;
  xlsx_book_reader& operator=(const xlsx_book_reader&) = delete;

  /// The sheets' names, in workbook order.
  const std::vector<std::string>& sheet_names() const noexcept override { return sheet_names_; }

  /// The rows of sheet `index` (0-based). The workbook must outlive them.
  std::unique_ptr<row_source> open_sheet(std::size_t index) override;

  /// Throws `file_error` if the file changed since it was opened (see `input_file`).
  void check_unchanged() const override;

  struct archive;  // the open zip file

 private:
  std::string shown_;
  read_limits limits_;
  std::unique_ptr<archive> archive_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;  // zip entry of each sheet
  std::vector<std::string> shared_strings_;
  std::vector<bool> date_styles_;  // by cell style index (the `s` attribute)
};

}  // namespace caseledger::detail
