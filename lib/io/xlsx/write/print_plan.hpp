// How a sheet prints on A4: portrait, landscape one page wide, or in blocks of columns,
// from the widths its columns were given, so that no text prints under 8 points.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "io/xlsx/write/sheet_formats.hpp"

namespace caseledger::detail {

/// A4's width less the side margins, in points, less 5% for a printer that measures
/// fonts a little wider than Excel: landscape and portrait.
inline constexpr double landscape_width = (11.69 - 1.0) * 72 * 0.95;
inline constexpr double portrait_width = (8.27 - 1.0) * 72 * 0.95;

/// The smallest print scale at which a sheet whose tables are in `font` points shows no
/// text under 8 points: the smallest is the tables' font or the 10 points of the footer
/// and the charts, which shrink with the page (8.2 for a margin).
inline double readable_scale(double font) { return std::min(1.0, 8.2 / std::min(font, 10.0)); }

/// A chart's width in pixels at scale 1 (libxlsxwriter's default).
inline constexpr double chart_pixels = 480;

/// How a sheet prints: its orientation, and where its blocks of columns start when it is
/// too wide to print one page wide at a readable size.
struct print_plan {
  bool landscape = true;
  std::vector<std::uint16_t> breaks;
  std::uint16_t first_block_last = 0;  ///< the last column of the first page
};

/// Plans a sheet whose columns are `widths`, its tables in `font` points, the row labels
/// in columns 0 to `label`, a new block allowed at each of `block_starts` (ascending, right
/// of `label`), with `beside` points of chart to the right of the table.
print_plan plan_print(const column_widths& widths, double font, std::uint16_t label,
                      const std::vector<std::uint16_t>& block_starts, double beside = 0);

/// The first printed block's width in pixels: a chart under the table fits in it.
double block_pixels(const column_widths& widths, const print_plan& plan);

/// Each column from `first` to `last`: where a block may start when every column stands
/// alone.
std::vector<std::uint16_t> each_column(std::uint16_t first, std::uint16_t last);

}  // namespace caseledger::detail
