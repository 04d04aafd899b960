#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/input_source.hpp"
#include "caseledger/metrics/bulletin.hpp"
#include "caseledger/metrics/group_metrics.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger {

class ledger;
class headline_templates;

/// What a report can be grouped by.
enum class group_dimension : std::uint8_t { district, category, channel, month, team, unit };

template <>
struct enum_info<group_dimension> {
  static constexpr std::array<std::string_view, 6> names = {"district", "category", "channel",
                                                            "month",    "team",     "unit"};
  static constexpr std::array<std::string_view, 6> zh = {"区县", "问题类别", "反映渠道",
                                                         "月份", "服务队",   "责任单位"};
};

/// What to report on and how.
struct report_options {
  date from;                  ///< first day of the window
  date to;                    ///< last day of the window (inclusive)
  std::optional<date> as_of;  ///< the day the figures are "as of"; default `to`
  std::vector<group_dimension> group_by = {group_dimension::district};
  int rate_decimals = 1;             ///< display precision of rates, 0–6
  bool key_only_resumption = false;  ///< track only key enterprises and projects
  std::string title;                 ///< "" gives a title naming the window
  /// Backlog age buckets: increasing whole days, each the last day of a bucket; the last
  /// bucket is open-ended. The default gives 0–7, 8–30, 31–90, over 90 days.
  std::vector<std::int32_t> aging_limits = {7, 30, 90};
  std::optional<comparison_spec> compare;  ///< the period to compare with (环比, 同比)
  std::vector<alert_threshold> alerts;     ///< thresholds to check every group against
  /// The headline sentence templates; null: the built-in ones (data/headlines.json).
  std::shared_ptr<const headline_templates> headlines;

  /// `as_of`, or `to` when it is not set.
  date effective_as_of() const noexcept { return as_of.value_or(to); }

  /// Throws `usage_error` for options that make no sense: `to` before `from`, `as_of`
  /// before `from`, rate_decimals outside 0–6, an empty or repeated group_by, aging limits
  /// that are negative or not increasing, an explicit comparison window that ends before
  /// it starts.
  void validate() const;
};

/// A group's key: one value per dimension of `report_options::group_by`, in that order.
/// A value is the district, team or unit id, the category or channel name, or the month
/// "YYYY-MM"; nullopt where the records have none (a case without a team or a lead unit, a
/// team when grouping by month).
using group_key = std::vector<std::optional<std::string>>;

/// A group's name for people, in Chinese and English.
struct group_label {
  std::string zh;
  std::string en;
  friend bool operator==(const group_label&, const group_label&) = default;
};

/// One row of a report.
struct report_group {
  group_key key;
  group_label label;
  group_metrics metrics;
  /// The same group over the comparison window, when the options ask for one (zeros where
  /// the comparison window has no such group).
  std::optional<group_metrics> comparison;
  headline_text headline;  ///< the group's sentence in each language
  friend bool operator==(const report_group&, const report_group&) = default;
};

/// The window and as-of date of the period a report is compared with.
struct comparison_window {
  comparison_kind kind = comparison_kind::previous;
  date from;
  date to;
  date as_of;
  friend bool operator==(const comparison_window&, const comparison_window&) = default;
};

/// A computed report: the options it was made with, one group per key and the total.
struct report {
  report_options options;
  date as_of;                                   ///< options.effective_as_of()
  std::string title;                            ///< options.title, or the default title
  std::vector<report_group> groups;             ///< sorted by key (see docs/metrics.md)
  report_group total;                           ///< every record; key empty, label 合计 / Total
  std::optional<comparison_window> comparison;  ///< set when options.compare is
  std::vector<alert> alerts;  ///< what crossed options.alerts, in group order then threshold order
  std::vector<input_source> inputs;  ///< the files read (`ledger::inputs`), for tracing the report
};

/// Computes the report over the whole ledger in one pass. Throws `usage_error` for bad
/// options and `overflow_error` if a sum does not fit.
///
///     caseledger::report_options options;
///     options.from = caseledger::date::parse("2020-01-01");
///     options.to = caseledger::date::parse("2020-03-31");
///     auto r = caseledger::compute_report(book, options);
report compute_report(const ledger& book, const report_options& options);

}  // namespace caseledger
