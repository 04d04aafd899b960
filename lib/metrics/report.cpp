#include "caseledger/metrics/report.hpp"

#include <string>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/comparison.hpp"

namespace caseledger {

void report_options::validate() const {
  if (to < from) {
    throw usage_error("the window ends (to " + to.to_string() + ") before it starts (from " +
                      from.to_string() + ")");
  }
  if (as_of && *as_of < from) {
    throw usage_error("as_of " + as_of->to_string() + " is before the window's start " +
                      from.to_string());
  }
  if (rate_decimals < 0 || rate_decimals > 6) {
    throw usage_error("rate_decimals must be 0 to 6, got " + std::to_string(rate_decimals));
  }
  if (group_by.empty()) {
    throw usage_error(
        "group_by is empty: name at least one of district, category, channel, month, team, unit");
  }
  std::array<bool, enum_count<group_dimension>> seen{};
  for (const group_dimension dimension : group_by) {
    const std::size_t index = enum_index(dimension);
    if (index >= seen.size()) {
      throw usage_error("group_by holds an unknown dimension (" + std::to_string(index) + ")");
    }
    if (seen[index]) {
      throw usage_error("group_by names " + std::string(to_string(dimension)) + " twice");
    }
    seen[index] = true;
  }
  for (std::size_t i = 0; i < aging_limits.size(); ++i) {
    if (aging_limits[i] < 0 || (i > 0 && aging_limits[i] <= aging_limits[i - 1])) {
      std::string limits;
      for (const std::int32_t limit : aging_limits) {
        limits += (limits.empty() ? "" : ",") + std::to_string(limit);
      }
      throw usage_error("aging bucket limits must be increasing whole days from 0, got " + limits);
    }
  }
  if (compare && compare->kind == comparison_kind::window && compare->to < compare->from) {
    throw usage_error("the comparison window ends (to " + compare->to.to_string() +
                      ") before it starts (from " + compare->from.to_string() + ")");
  }
}

report compute_report(const ledger& book, const report_options& options) {
  aggregator adder(book, options);
  adder.add_all();
  if (!options.compare) return finish_report(adder.take(), book, options);
  const report_options base = comparison_options(options);
  aggregator base_adder(book, base);
  base_adder.add_all();
  return finish_report(adder.take(), base_adder.take(), book, options);
}

}  // namespace caseledger
