#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/money.hpp"
#include "caseledger/metrics/day_histogram.hpp"
#include "caseledger/metrics/name_set.hpp"
#include "caseledger/metrics/rate.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger {

/// Cases coordinated and resolved in one category.
struct category_counts {
  std::int64_t coordinated = 0;
  std::int64_t resolved = 0;
  friend bool operator==(const category_counts&, const category_counts&) = default;
};

/// The case metrics of one group (see docs/metrics.md for the exact definitions).
struct case_metrics {
  std::int64_t coordinated = 0;   ///< reported in the window, not withdrawn
  std::int64_t resolved = 0;      ///< of those, resolved_on <= as_of
  std::int64_t unresolvable = 0;  ///< of those, unresolvable with closed_on <= as_of
  std::int64_t on_time = 0;       ///< with a due, resolved by its effective due (and by as_of)
  std::int64_t late = 0;          ///< with a due, resolved after it, or still unresolved past it
  std::int64_t resolved_in_window = 0;  ///< resolved_on in [from, min(to, as_of)] (flow view)
  day_histogram days_to_resolve;        ///< resolved_on - reported_on over the resolved ones
  std::array<category_counts, enum_count<case_category>> by_category{};

  // The handling process (docs/metrics.md, "The handling process"). A case's effective due
  // is its extended_due_on when an extension was granted by as_of, else its due_on.
  std::int64_t overdue_open = 0;  ///< open at as_of past the effective due (超期未办结)
  std::int64_t with_due = 0;      ///< with a due_on
  std::int64_t extended = 0;      ///< of those, extended (延期) by as_of
  /// Working days from reported_on to resolved_on (calendar::workdays) over the resolved
  /// cases the ledger's calendar covers.
  day_histogram workdays_to_resolve;
  /// Resolved cases left out of workdays_to_resolve: a date outside the calendar's years.
  std::int64_t workdays_outside_calendar = 0;
  /// Resolved or closed (unresolvable) cases called back (回访) by as_of.
  std::int64_t followed_up = 0;
  /// Of the followed-up cases, how many said each satisfaction_level, by enum_index.
  std::array<std::int64_t, enum_count<satisfaction_level>> satisfaction{};
  /// (case, co-unit) pairs whose co-unit falls in the group: grouped by unit, the cases that
  /// unit helped with (协办); otherwise every co-unit of the group's cases.
  std::int64_t co_handled = 0;

  std::int64_t open() const noexcept { return coordinated - resolved - unresolvable; }
  rate resolution_rate() const noexcept { return {resolved, coordinated}; }
  rate on_time_rate() const noexcept { return {on_time, on_time + late}; }
  rate extension_rate() const noexcept { return {extended, with_due}; }
  rate follow_up_rate() const noexcept { return {followed_up, resolved + unresolvable}; }
  /// (satisfied + basically satisfied) over the followed-up cases that gave a satisfaction.
  rate satisfaction_rate() const noexcept;

  void merge(const case_metrics& other);
  friend bool operator==(const case_metrics&, const case_metrics&) = default;
};

/// One money measure kind's totals. A beneficiary is named "enterprise:<id>" or
/// "project:<id>", so that the distinct count stays exact when parts are merged.
struct support_totals {
  money amount;
  std::int64_t count = 0;
  name_set beneficiaries;

  void merge(const support_totals& other);
  friend bool operator==(const support_totals&, const support_totals&) = default;
};

/// Workers brought back to work by transport measures.
struct transport_totals {
  std::int64_t workers = 0;
  std::int64_t trips = 0;  ///< transport measures
  std::array<std::int64_t, enum_count<transport_mode>> by_mode{};
  std::array<std::int64_t, enum_count<worker_origin>> by_origin{};

  void merge(const transport_totals& other);
  friend bool operator==(const transport_totals&, const transport_totals&) = default;
};

/// One supply item's totals; recipients named as support_totals' beneficiaries are.
struct supply_totals {
  std::int64_t quantity = 0;
  name_set recipients;

  void merge(const supply_totals& other);
  friend bool operator==(const supply_totals&, const supply_totals&) = default;
};

/// Enterprises and projects tracked for resumption of work, and those resumed by as_of.
struct resumption_counts {
  std::int64_t tracked = 0;
  std::int64_t resumed = 0;

  rate resumption_rate() const noexcept { return {resumed, tracked}; }
  void merge(const resumption_counts& other);
  friend bool operator==(const resumption_counts&, const resumption_counts&) = default;
};

/// An open case's id and its age in days at the as-of date.
struct open_case_age {
  std::string id;
  std::int32_t age = 0;
  friend bool operator==(const open_case_age&, const open_case_age&) = default;
};

/// The open cases (backlog) of a group at the as-of date: coordinated, reported on or before
/// as_of, and neither resolved nor closed by then. Their ages are kept as an exact histogram,
/// so that any bucketing is exact and parts merge into exactly the one-pass result.
struct backlog_metrics {
  day_histogram ages;                   ///< as_of - reported_on of every open case
  std::optional<open_case_age> oldest;  ///< the oldest; on equal ages the smallest id

  /// Counts one open case of age `age` days.
  void add(std::string_view id, std::int32_t age);

  /// Open cases in each bucket of `limits` (increasing whole days): [0, limits[0]],
  /// [limits[0] + 1, limits[1]], …, [limits.back() + 1, ∞): limits.size() + 1 counts.
  std::vector<std::int64_t> bucket_counts(const std::vector<std::int32_t>& limits) const;

  /// Open cases older than `days` days (age > days).
  std::int64_t older_than(std::int32_t days) const;

  void merge(const backlog_metrics& other);
  friend bool operator==(const backlog_metrics&, const backlog_metrics&) = default;
};

/// Every metric of one group. All of it merges exactly: counts and amounts add (checked
/// for overflow), histograms add, distinct sets unite.
struct group_metrics {
  case_metrics cases;
  /// Indexed by enum_index(kind) for the kinds in money_measure_kinds.
  std::array<support_totals, money_measure_kinds.size()> support;
  transport_totals return_to_work;
  std::map<std::string, supply_totals> supplies;  ///< by item
  resumption_counts resumption;
  std::array<std::int64_t, enum_count<team_kind>> teams{};
  backlog_metrics backlog;

  void merge(const group_metrics& other);
  friend bool operator==(const group_metrics&, const group_metrics&) = default;
};

}  // namespace caseledger
