#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/language.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// The two shapes of a workbook: the office's 汇总表 (a centred title, the 填报单位 /
/// 填报日期 / 单位 line, 序号, 合计 and the signature line, in the fonts offices print) and
/// plain tables for further processing (the title and the window in the first rows, the
/// software's name among them, no 序号 or signature).
enum class workbook_form : std::uint8_t { office, data };

/// The statistics sheets, in the default order. The listing (明细) always comes after them.
enum class statistics_sheet : std::uint8_t {
  summary,
  by_category,
  trend,
  support,
  return_to_work,
  alerts,  ///< written only when the report has alert thresholds
};

/// The summary sheet's figure columns, in the default order (the group's label and, in the
/// office form, 序号 come before them; the comparison's columns after them).
enum class summary_column : std::uint8_t {
  coordinated,
  resolved,
  unresolvable,
  open,
  resolution_rate,
  on_time_rate,
  median_days,
  p90_days,
  subsidy,
  fee_reduction,
  loan,
  allowance,
  workers,
  supply_recipients,
  resumption_rate,
  service_team,
  party_team,
  instructor,
};

/// A sheet of the workbook and the name it has there ("" for the name in the workbook's
/// language).
struct sheet_choice {
  statistics_sheet sheet;
  std::string name;
  friend bool operator==(const sheet_choice&, const sheet_choice&) = default;
};

/// A summary column and its header ("" for the header in the workbook's language).
struct column_choice {
  summary_column column;
  std::string label;
  friend bool operator==(const column_choice&, const column_choice&) = default;
};

/// The names a layout file gives sheets and columns: "summary", "resolution_rate", ….
std::string_view layout_name(statistics_sheet sheet);
std::string_view layout_name(summary_column column);

/// Every statistics sheet in the default order, named in the workbook's language.
std::vector<sheet_choice> default_sheets();
/// Every summary column in the default order, headed in the workbook's language.
std::vector<column_choice> default_summary_columns();

/// How to lay out the Excel workbook. `read_workbook_layout` fills the layout part from a
/// layout file (docs/xlsx.md).
struct xlsx_options {
  report_language language = report_language::zh_hans;
  workbook_form form = workbook_form::office;
  bool money_in_wan = false;  ///< amounts in 万元 instead of 元
  int money_decimals = 2;     ///< decimals amounts show with (0 to 6; the cell keeps the fen)
  bool include_cases = true;  ///< the case listing sheet(s) (明细)
  /// Data rows per listing sheet before it continues on the next; Excel's limit less the
  /// header row by default.
  std::size_t max_rows_per_sheet = 1'048'575;
  /// Threads that deflate the listing's sheets while their rows are written, beside the
  /// thread that writes them; 0 for as many as the machine has cores, at most four. The
  /// workbook is the same bytes whatever the number.
  unsigned compression_threads = 0;
  std::string title{};      ///< "" for the report's title
  std::string unit_name{};  ///< 填报单位; "" leaves it blank, to be filled in by hand
  /// The statistics sheets, in order; a sheet left out is not written.
  std::vector<sheet_choice> sheets = default_sheets();
  /// The summary's figure columns, in order; a column left out is not written.
  std::vector<column_choice> summary_columns = default_summary_columns();
  /// The handling process's summary columns, listing columns and 责任单位 and 超期未办结
  /// sheets, written when the ledger records the process (docs/xlsx.md). A layout file
  /// that lists its own sheets or summary columns turns them off unless it says
  /// `"handling_process": true`: a prescribed form gets exactly what it lists.
  bool handling_process = true;
  /// The office form's signature line (单位负责人：, 审核人：, …); not set for the
  /// workbook language's labels, empty for no line.
  std::optional<std::vector<std::string>> signature{};
  std::string body_font = "宋体";     ///< the office form's font for the tables
  std::string heading_font = "黑体";  ///< the office form's font for titles and headers
  double font_size = 11;              ///< the office form's table font size, in points
  friend bool operator==(const xlsx_options&, const xlsx_options&) = default;
};

/// Reads a layout file (JSON, docs/xlsx.md) over `base`: each key given replaces what
/// `base` holds. Throws `input_error` naming the file, the key and the reason (an unknown
/// key, a wrong type, a value out of range), `file_error` when it cannot be read.
xlsx_options read_workbook_layout(const std::filesystem::path& path, xlsx_options base = {});

/// The same, from the layout's text; `name` names it in errors.
xlsx_options parse_workbook_layout(std::string_view text, const std::string& name,
                                   xlsx_options base = {});

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
