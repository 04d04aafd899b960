#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "caseledger/core/language.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to lay out the Excel workbook.
struct xlsx_options {
  report_language language = report_language::zh_hans;
  bool money_in_wan = false;  ///< amounts in 万元 instead of 元
  bool include_cases = true;  ///< the case listing sheet(s) (明细)
  /// Data rows per listing sheet before it continues on the next; Excel's limit less the
  /// header row by default.
  std::size_t max_rows_per_sheet = 1'048'575;
};

class output_file;

/// Writes the report as an Excel workbook at `path`, atomically. `book` is the ledger the
/// report was computed from: the listing and the trend are read from it. Throws
/// `usage_error` when `book` does not hold the cases the report coordinated (a report
/// finished from parts against a ledger of just the districts and teams), `file_error`
/// naming the path and the reason if anything cannot be written.
///
///     caseledger::write_xlsx_report(r, book, "q1.xlsx");
void write_xlsx_report(const report& r, const ledger& book, const std::filesystem::path& path,
                       const xlsx_options& options = {});

/// Writes the workbook into `out`'s temporary file without committing it, for a caller that
/// commits several outputs together; errors name `out.target()`.
void write_xlsx_report(const report& r, const ledger& book, output_file& out,
                       const xlsx_options& options = {});

}  // namespace caseledger
