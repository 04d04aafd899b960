#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/metrics/group_metrics.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger {

class ledger;

/// What a report can be grouped by.
enum class group_dimension : std::uint8_t { district, category, channel, month, team };

template <>
struct enum_info<group_dimension> {
  static constexpr std::array<std::string_view, 5> names = {"district", "category", "channel",
                                                            "month", "team"};
  static constexpr std::array<std::string_view, 5> zh = {"区县", "问题类别", "反映渠道", "月份",
                                                         "服务队"};
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

  /// `as_of`, or `to` when it is not set.
  date effective_as_of() const noexcept { return as_of.value_or(to); }

  /// Throws `usage_error` for options that make no sense: `to` before `from`, `as_of`
  /// before `from`, rate_decimals outside 0–6, an empty or repeated group_by.
  void validate() const;
};

/// A group's key: one value per dimension of `report_options::group_by`, in that order.
/// A value is the district or team id, the category or channel name, or the month
/// "YYYY-MM"; nullopt where the records have none (a case without a team, a team when
/// grouping by month).
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
  friend bool operator==(const report_group&, const report_group&) = default;
};

/// A computed report: the options it was made with, one group per key and the total.
struct report {
  report_options options;
  date as_of;                        ///< options.effective_as_of()
  std::string title;                 ///< options.title, or the default title
  std::vector<report_group> groups;  ///< sorted by key (see docs/metrics.md)
  report_group total;                ///< every record; key empty, label 合计 / Total
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
