#include "io/xlsx/write/print_plan.hpp"

namespace caseledger::detail {

print_plan plan_print(const column_widths& widths, double font, std::uint16_t label,
                      const std::vector<std::uint16_t>& block_starts, double beside) {
  const std::size_t columns = widths.size();
  print_plan plan;
  plan.first_block_last = static_cast<std::uint16_t>(columns - 1);
  double total = beside;
  for (std::size_t col = 0; col < columns; ++col) total += widths.points(col);
  if (total <= portrait_width) {
    plan.landscape = false;
    return plan;
  }
  if (total * readable_scale(font) <= landscape_width) return plan;
  double repeated = 0;
  for (std::size_t col = 0; col <= label; ++col) repeated += widths.points(col);
  const double room = landscape_width - repeated;
  double used = 0;
  for (std::size_t i = 0; i < block_starts.size(); ++i) {
    const std::size_t end = i + 1 < block_starts.size() ? block_starts[i + 1] : columns;
    double block = 0;
    for (std::size_t col = block_starts[i]; col < end; ++col) block += widths.points(col);
    if (used > 0 && used + block > room) {
      plan.breaks.push_back(block_starts[i]);
      used = 0;
    }
    used += block;
  }
  if (!plan.breaks.empty()) plan.first_block_last = static_cast<std::uint16_t>(plan.breaks[0] - 1);
  return plan;
}

double block_pixels(const column_widths& widths, const print_plan& plan) {
  double points = 0;
  for (std::uint16_t col = 0; col <= plan.first_block_last; ++col) points += widths.points(col);
  return points / 0.75;
}

std::vector<std::uint16_t> each_column(std::uint16_t first, std::uint16_t last) {
  std::vector<std::uint16_t> starts;
  for (std::uint16_t col = first; col <= last; ++col) starts.push_back(col);
  return starts;
}

}  // namespace caseledger::detail
