// Workbooks written cell by cell with libxlsxwriter, for the tests of the readers of
// workbook ledgers (xlsx_ledger_test, stream_workbook_test).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <xlsxwriter.h>

namespace caseledger::testing {

/// A cell to write: text, a number, a boolean or a date (in the workbook's date format).
struct cell {
  enum class type { text, number, boolean, day, blank };
  type kind = type::blank;
  std::string text;
  double number = 0;
  lxw_datetime when{};

  cell() = default;
  cell(const char* value) : kind(type::text), text(value) {}  // NOLINT: rows read naturally
  cell(double value) : kind(type::number), number(value) {}   // NOLINT
  static cell flag(bool value) {
    cell c;
    c.kind = type::boolean;
    c.number = value ? 1 : 0;
    return c;
  }
  static cell on(int year, int month, int day) {
    cell c;
    c.kind = type::day;
    c.when = {year, month, day, 0, 0, 0};
    return c;
  }
};

using sheet_rows = std::vector<std::vector<cell>>;

/// Writes the sheets, in order; `inline_strings` uses libxlsxwriter's constant-memory mode,
/// which writes inline strings instead of shared ones. Dates are written in a Chinese date
/// format (2020年1月5日).
void write_workbook(const std::filesystem::path& path,
                    const std::vector<std::pair<std::string, sheet_rows>>& sheets,
                    bool inline_strings = false);

}  // namespace caseledger::testing
