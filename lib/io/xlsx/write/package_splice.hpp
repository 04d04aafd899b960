// Puts the rows caseledger wrote and deflated itself (sheet_rows) into the workbook
// libxlsxwriter packaged, whose sheets for them it wrote empty: every other member is
// copied as it was compressed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/xlsx/write/sheet_rows.hpp"

namespace caseledger::detail {

/// A sheet of the package whose rows are `rows` (finished, `size` what finish gave).
struct spliced_sheet {
  std::string member;  ///< "xl/worksheets/sheet7.xml"
  const sheet_rows* rows;
  deflated_size size;
};

/// Writes `to`: the members of the package `from` in their order, each copied without
/// being compressed again, but each of `sheets`, whose XML (an empty `<sheetData/>`) gets
/// the rows and their `<dimension>`. The spliced member uses ZIP64 only when it needs to
/// (4 GiB of XML). Throws `file_error` naming `shown`.
void splice_sheets(const std::filesystem::path& from, const std::filesystem::path& to,
                   const std::filesystem::path& shown, const std::vector<spliced_sheet>& sheets);

}  // namespace caseledger::detail
