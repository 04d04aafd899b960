#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "caseledger/io/read_options.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to read an xlsx ledger.
struct xlsx_ledger_options {
  /// The sheet holding a flat case sheet; empty: a sheet per kind of record when the
  /// workbook has a sheet named `cases` (or 问题), otherwise the first sheet as a flat case
  /// sheet.
  std::string sheet;
  /// A JSON mapping file adding header and value spellings (see `csv_ledger_options`).
  std::filesystem::path mapping;
  /// Flat sheets number their cases within themselves (序号 1, 2, 3, or by row): when not
  /// empty, such a case's id is "<scope>/<number>". `read_ledgers` sets it to each file's
  /// name, so that two districts' case 1 are two cases.
  std::string case_number_scope;
  /// What every reader takes.
  read_options common;
};

/// Reads an `.xlsx` workbook in either shape the CSV reader knows: a sheet per kind of
/// record (`districts`, `enterprises`, `projects`, `teams`, `cases`, `measures`, or 区县,
/// 企业, 项目, 服务队, 问题, 帮扶措施), or one flat case sheet. Cells may be shared or
/// inline strings, numbers, booleans, or dates stored as serial numbers in a date format.
/// Problems name the sheet as `book.xlsx[cases]`, with the row as the line and the column
/// number (A = 1) as the column.
///
/// Throws `file_error` when the file cannot be read, `usage_error` for a sheet the
/// workbook lacks, and `ledger_error` for a broken package or a ledger that breaks a rule.
///
///     auto book = caseledger::read_xlsx_ledger("台账.xlsx", {.sheet = "问题台账"});
ledger read_xlsx_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options = {});

/// Reads an OpenDocument spreadsheet (`.ods`, as LibreOffice and WPS save them) as
/// `read_xlsx_ledger` reads an `.xlsx` workbook: the same layouts, rules, options, limits
/// and messages (`book.ods[sheet]:row:column`).
ledger read_ods_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options = {});

/// Reads an Excel 97-2003 workbook (`.xls`, BIFF8) as `read_xlsx_ledger` reads an `.xlsx`
/// one: the same layouts, rules, options and messages (`book.xls[sheet]:row:column`). The
/// file is read whole, so one larger than `limits.max_part_bytes` is refused; an encrypted
/// workbook, or one saved as Excel 5/95, is refused naming why.
ledger read_xls_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options = {});

}  // namespace caseledger
