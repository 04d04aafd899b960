#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "caseledger/core/money.hpp"
#include "caseledger/metrics/rate.hpp"
#include "caseledger/metrics/report.hpp"

namespace caseledger {

/// The window and as-of date `options.compare` names (see docs/bulletin.md):
/// - previous: a window of whole months gives as many whole months just before it
///   (2020 Q1 → 2019 Q4, February → January); any other window as many days just before;
/// - year_ago: the same days a year earlier (29 February → 28 February); a window of whole
///   months gives the same months;
/// - window: the explicit window.
/// The comparison as-of lies as far after (or before) its window's end as as_of does, but
/// never before its window's start. Throws `usage_error` when `options.compare` is not set.
comparison_window comparison_window_for(const report_options& options);

/// The options of the comparison report: `options` over the comparison window, without a
/// comparison, alerts or a title of its own.
report_options comparison_options(const report_options& options);

/// Puts the comparison report's groups beside the report's: each group gets the
/// comparison group of the same key (a month key moved by as many months as the windows'
/// starts are apart, so that January is compared with the previous period's first month),
/// or zeros where there is none; the total gets the comparison total.
void attach_comparison(report& r, const report& base);

/// A count against its comparison value.
struct count_change {
  std::int64_t base = 0;
  std::int64_t change = 0;  ///< value − base

  /// change / base; nullopt when the base is 0 (or negative).
  std::optional<double> relative() const noexcept;
  /// The relative change in percent, rounded half-up to `decimals` (0–6) with its sign:
  /// "+24.0%", "-3.2%", "0.0%"; nullopt when relative() is.
  std::optional<std::string> relative_display(int decimals) const;
};

/// Compares two counts. Throws `overflow_error` if the change does not fit.
count_change compare_counts(std::int64_t value, std::int64_t base);

/// An amount against its comparison value.
struct money_change {
  money base;
  money change;  ///< value − base
  std::optional<double> relative() const noexcept;
  std::optional<std::string> relative_display(int decimals) const;
};

/// Compares two amounts. Throws `overflow_error` if the change does not fit.
money_change compare_money(money value, money base);

/// A rate against its comparison rate, in percentage points.
struct rate_change {
  rate value;
  rate base;
  /// value − base in percentage points; nullopt when either rate has no value.
  std::optional<double> points() const noexcept;
  /// The points rounded half-up to `decimals` (0–6) with a sign and no unit: "+3.9",
  /// "-12.0", "0.0"; nullopt when points() is.
  std::optional<std::string> points_display(int decimals) const;
};

}  // namespace caseledger
