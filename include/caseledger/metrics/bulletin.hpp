// What makes a report read like a bulletin: the comparison period, alert thresholds and
// headline sentences (see docs/bulletin.md). The types a report's options and results hold;
// the work is in comparison.hpp, alerts.hpp and text/headline.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/language.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger {

/// Which period a report is compared with.
enum class comparison_kind : std::uint8_t {
  previous,  ///< the period just before (环比): as many whole months, or as many days
  year_ago,  ///< the same period a year earlier (同比)
  window     ///< a window given explicitly
};

template <>
struct enum_info<comparison_kind> {
  static constexpr std::array<std::string_view, 3> names = {"previous", "year_ago", "window"};
  static constexpr std::array<std::string_view, 3> zh = {"环比", "同比", "对比"};
};

/// The comparison a report asks for.
struct comparison_spec {
  comparison_kind kind = comparison_kind::previous;
  date from;  ///< first day of an explicit window (kind window only)
  date to;    ///< last day of an explicit window (kind window only)

  /// Parses "previous", "year-ago" or "YYYY-MM-DD..YYYY-MM-DD". Throws `usage_error`
  /// naming the text and what is wrong.
  static comparison_spec parse(std::string_view text);

  friend bool operator==(const comparison_spec&, const comparison_spec&) = default;
};

/// A figure an alert threshold watches.
enum class alert_metric : std::uint8_t {
  resolution_rate,    ///< resolved / coordinated, in percent
  on_time_rate,       ///< on_time / (on_time + late), in percent
  resumption_rate,    ///< resumed / tracked, in percent
  open,               ///< open cases (coordinated − resolved − unresolvable)
  late,               ///< late cases
  open_older_than,    ///< open cases older than `days` days at as_of (the backlog)
  overdue_open,       ///< open cases past their effective due (超期未办结)
  satisfaction_rate,  ///< satisfied and basically satisfied of the followed-up, in percent
  follow_up_rate      ///< followed up / (resolved + unresolvable), in percent
};

template <>
struct enum_info<alert_metric> {
  static constexpr std::array<std::string_view, 9> names = {
      "resolution_rate", "on_time_rate", "resumption_rate",   "open",          "late",
      "open_older_than", "overdue_open", "satisfaction_rate", "follow_up_rate"};
  static constexpr std::array<std::string_view, 9> zh = {"办结率",     "按时办结率", "复工率",
                                                         "在办数",     "逾期数",     "超期在办数",
                                                         "超期未办结", "满意率",     "回访率"};
};

/// Whether the metric is a rate (threshold in percent) rather than a count.
constexpr bool is_rate(alert_metric metric) noexcept {
  return metric == alert_metric::resolution_rate || metric == alert_metric::on_time_rate ||
         metric == alert_metric::resumption_rate || metric == alert_metric::satisfaction_rate ||
         metric == alert_metric::follow_up_rate;
}

/// One threshold: the metric crosses it when strictly below (or above) the limit; a figure
/// exactly at the limit does not. A rate with no value (zero denominator) never crosses.
struct alert_threshold {
  alert_metric metric = alert_metric::resolution_rate;
  bool below = true;  ///< alert when below the limit; false: when above it
  /// The limit in millionths: of a percent for rates (85% is 85'000'000), of a case for
  /// counts (only whole numbers are accepted for counts).
  std::int64_t limit_millionths = 0;
  std::int32_t days = 0;  ///< open_older_than only: the age in days
  /// Only the groups whose key has these values: (dimension name, value). Empty: every
  /// group and the total. A threshold naming groups replaces the general ones of the same
  /// metric (and days) for the groups it names. A dimension the report is not grouped by
  /// matches no group.
  std::vector<std::pair<std::string, std::string>> group;

  /// Parses one threshold written as `[dim=value,…:]metric<limit` or `…>limit`: e.g.
  /// "resolution_rate<85%", "open_older_than_30>0", "district=cangshan:on_time_rate<90".
  /// Throws `usage_error` naming the text and what is wrong.
  static alert_threshold parse(std::string_view text);

  /// The limit as written for people: "85%", "85.5%", "3".
  std::string limit_text() const;

  friend bool operator==(const alert_threshold&, const alert_threshold&) = default;
};

/// A group whose figure crossed a threshold.
struct alert {
  std::vector<std::optional<std::string>> key;  ///< the group's key; empty for the total
  std::string label_zh;
  std::string label_en;
  alert_threshold threshold;
  std::int64_t num = 0;  ///< the figure: a rate's numerator, or the count
  std::int64_t den = 0;  ///< a rate's denominator; 0 for a count
  friend bool operator==(const alert&, const alert&) = default;
};

/// A group's headline sentence in each language.
struct headline_text {
  std::string zh_hans;
  std::string zh_hant;
  std::string en;

  /// The sentence in `language`.
  const std::string& in(report_language language) const noexcept {
    switch (language) {
      case report_language::zh_hant:
        return zh_hant;
      case report_language::en:
        return en;
      case report_language::zh_hans:
        break;
    }
    return zh_hans;
  }

  friend bool operator==(const headline_text&, const headline_text&) = default;
};

}  // namespace caseledger
