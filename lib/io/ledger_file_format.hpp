// What a ledger path holds, told by its extension, and the reading options each format
// takes: read_ledger and the streaming report refuse the same paths and options alike.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/io/read_ledger.hpp"

namespace caseledger::detail {

enum class ledger_file_format : std::uint8_t {
  json,        ///< a `.json` file, or standard input (`-`)
  csv_sheet,   ///< a `.csv` file: a flat case sheet
  csv_folder,  ///< a folder of CSV tables
  xlsx,
  xls,
  ods,
};

/// Whether `format` is a spreadsheet's (xlsx, xls, ods): read through a `sheet_book`.
constexpr bool is_workbook(ledger_file_format format) noexcept {
  return format == ledger_file_format::xlsx || format == ledger_file_format::xls ||
         format == ledger_file_format::ods;
}

/// The format of the ledger at `path` (extensions in any case). Throws `usage_error` for an
/// option of `options` its format does not take ("the sheet option does not apply to a CSV
/// ledger") and for a path of no format it knows, `file_error` for one that does not exist.
ledger_file_format ledger_file_format_of(const std::filesystem::path& path,
                                         const ledger_read_options& options);

/// The files the ledger at `path` of `format` is read from that can be read again to be
/// described (size, SHA-256): the file itself, or a folder's tables; none for standard
/// input or a pipe, which the JSON reader describes as it reads them.
std::vector<std::filesystem::path> files_to_describe(const std::filesystem::path& path,
                                                     ledger_file_format format);

/// The scope of each ledger's case numbers when several are read at once
/// (`ledger_read_options::case_number_scope`): its name without the extension, or its whole
/// path without it where two share a name (a/仓山区.xlsx, b/仓山区.xlsx).
std::vector<std::string> case_number_scopes(const std::vector<std::filesystem::path>& paths);

}  // namespace caseledger::detail
