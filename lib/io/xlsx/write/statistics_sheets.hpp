// The statistics sheets of a workbook: summary, categories, trend, support, return to
// work, alerts, and the handling process's units and overdue cases.
#pragma once

#include <vector>

#include "caseledger/io/xlsx_report.hpp"
#include "io/xlsx/write/sheet_formats.hpp"
#include "io/xlsx/write/workbook.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger::detail {

/// Writes the statistics sheets of `r` into `sheets`, added beforehand in
/// `planned_statistics_sheets`' order. `book` names districts, enterprises, projects, teams
/// and units; `trend` holds the trend sheet's points, `process` the process sheets' figures.
void write_statistics_sheets(const report& r, const ledger& book,
                             const std::vector<trend_point>& trend, const process_figures& process,
                             const xlsx_options& options, const formats& f,
                             std::vector<xlsx_sheet>& sheets);

}  // namespace caseledger::detail
