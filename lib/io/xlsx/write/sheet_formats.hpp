// What every sheet of a workbook shares: the formats, column widths and the workbook's title.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/xlsx_report.hpp"
#include "io/report_names.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/workbook.hpp"

namespace caseledger::detail {

/// Column widths by the display width of what went into each column, capped.
class column_widths {
 public:
  static constexpr std::size_t default_cap = 40;
  explicit column_widths(std::size_t columns, std::size_t cap = default_cap)
      : widths_(columns, 0), cap_(cap) {}
  void fit(std::size_t col, std::string_view text) {
    if (widths_[col] >= cap_) return;  // nothing can widen it: no need to measure
    widths_[col] = std::max(widths_[col], std::min(detail::display_width(text), cap_));
  }
  void fit_width(std::size_t col, std::size_t width) {
    widths_[col] = std::max(widths_[col], width);
  }
  /// Sets the width of a column whose cells wrap (what went in does not count).
  void set(std::size_t col, std::size_t width) { widths_[col] = width; }
  std::size_t size() const { return widths_.size(); }
  /// The width column `col` is given, in characters: what went in, at least 6, and 2 of
  /// margin.
  std::size_t shown(std::size_t col) const { return std::max<std::size_t>(widths_[col], 6) + 2; }
  /// The same in points, as Excel measures a width in characters of its default font: 7
  /// pixels a character and 5 of padding, at 96 pixels an inch.
  double points(std::size_t col) const {
    return (7.0 * static_cast<double>(shown(col)) + 5) * 0.75;
  }
  void apply(xlsx_sheet& sheet) const {
    for (std::size_t col = 0; col < widths_.size(); ++col) {
      sheet.column_width(static_cast<std::uint16_t>(col), static_cast<std::uint16_t>(col),
                         static_cast<double>(shown(col)));
    }
  }

 private:
  std::vector<std::size_t> widths_;
  std::size_t cap_;
};

/// The formats of the listing's cells.
struct listing_formats {
  cell_format header, text, wrapped, date, integer;
};

/// The formats every sheet shares.
struct formats {
  cell_format title, heading, header, label, total_label, integer, total_integer, percent,
      total_percent, money, total_money, date, text, wrapped;
  // A figure past an alert threshold: the same formats on a red fill.
  cell_format alert_integer, total_alert_integer, alert_percent, total_alert_percent;
  // Changes against the comparison period, with ▲ / ▼ markers.
  cell_format change, total_change, change_points, total_change_points;
  // A mean, with one decimal (平均办理工作日).
  cell_format decimal, total_decimal;
  // The office form's title, unit line and 序号.
  cell_format office_title, unit_left, unit_center, unit_right, serial;
  listing_formats listing;  // in the default font whatever the form
};

/// The shared formats, added to `book`; rates shown with `rate_decimals` decimals, the
/// fonts and money decimals as `options` say.
formats make_formats(xlsx_workbook& book, int rate_decimals, const xlsx_options& options);

/// "0%", "0.0%", … for a rate shown with `decimals` decimals.
std::string percent_format(int decimals);

/// "#,##0", "#,##0.00", … for an amount shown with `decimals` decimals.
std::string money_format(int decimals);

/// The layout's title if it has one, else the report's own title if it was given one, else the
/// default title in the workbook's language.
inline std::string workbook_title(const report& r, const xlsx_options& options) {
  return report_title(r, options.language, options.title);
}

/// A printed page's header showing `title` centred (libxlsxwriter's codes, & escaped,
/// cut to what Excel takes).
std::string page_header(std::string_view title);

/// The handling process's sheets, which the ledger's data add after the layout's.
enum class process_sheet : std::uint8_t { none, units, overdue };

/// A statistics sheet the workbook will have, and its name.
struct planned_sheet {
  statistics_sheet sheet;  ///< the layout's sheet, when `process` is none
  process_sheet process = process_sheet::none;
  std::string name;
};

/// The statistics sheets the workbook has, in its order (the listing's come after them):
/// those `options` chose, 预警 only when the report has alert thresholds; then 责任单位 when
/// the ledger has `units` and 超期未办结 when the workbook shows the handling `process`.
std::vector<planned_sheet> planned_statistics_sheets(const report_options& report,
                                                     const xlsx_options& options, bool units,
                                                     bool process);

}  // namespace caseledger::detail
