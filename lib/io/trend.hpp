// The trend of a report's window, by month or by week: what the workbook's trend sheet and
// the page's trend chart show, counted from the cases by aggregators fed every one, so that
// the normal mode (a whole ledger) and the streaming report (records as they pass) count it
// alike.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger::detail {

/// One row of the trend sheet: a month, or a week when the window is short.
struct trend_point {
  date start;                           ///< the period's first day (a month's first)
  date end;                             ///< its last day, cut to the window
  std::int64_t coordinated = 0;         ///< reported in the period (not withdrawn)
  std::int64_t resolved = 0;            ///< of those, resolved by as-of
  std::int64_t resolved_in_period = 0;  ///< resolved_on in the period (flow view)
};

/// Counts the trend of a report's window from its cases: one report grouped by month, or
/// one report per calendar week (Monday to Sunday, cut to the window) when the window has
/// at most `weekly_max_days` days. Only cases count in the trend.
class trend_counter {
 public:
  static constexpr std::int32_t weekly_max_days = 62;
  /// Whether the trend of a window is counted by week.
  static bool is_weekly(const report_options& options) noexcept {
    return options.to - options.from + 1 <= weekly_max_days;
  }

  /// `context` gives the districts; it and `options` (the report's) must outlive this.
  trend_counter(const ledger& context, const report_options& options);

  void add(const case_record& record);
  /// The points, in time order; the counter is empty afterwards.
  std::vector<trend_point> take_points();

 private:
  struct period {
    report_options options;
    bool counts_resolved = true;        // false for a week that starts after as-of
    std::unique_ptr<aggregator> adder;  // aggregators point at their options: no moving
  };

  const ledger& context_;
  bool weekly_ = false;
  std::vector<std::unique_ptr<period>> periods_;
};

/// The trend of `r`'s window over `book`'s cases, or nullopt when `book` does not hold the
/// cases `r` coordinated (`held`, when given, gets how many it holds).
std::optional<std::vector<trend_point>> count_trend_if_held(const report& r, const ledger& book,
                                                            std::int64_t* held = nullptr);

/// The trend of `r`'s window over `book`'s cases. Throws `usage_error` when `book` does not
/// hold the cases `r` coordinated (a report finished from parts against a ledger of just
/// the districts and teams, whose trend would be flat), saying `why` the output needs them.
std::vector<trend_point> count_trend(const report& r, const ledger& book, std::string_view why);

}  // namespace caseledger::detail
