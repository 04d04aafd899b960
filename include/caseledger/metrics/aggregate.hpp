#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "caseledger/core/calendar.hpp"
#include "caseledger/metrics/group_metrics.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/entities.hpp"

namespace caseledger {

class ledger;

/// The metrics of some of a ledger's records, by group: what one process computes over
/// its slice of a ledger. Parts merge into exactly what one pass over all of them gives.
class partial_aggregate {
 public:
  /// Adds every group of `other` into this one.
  void merge(const partial_aggregate& other);

  /// The group's metrics, added empty if it is not there yet (unlike std::map::at, which
  /// throws).
  group_metrics& get_or_add(const group_key& key) { return groups_[key]; }

  const std::map<group_key, group_metrics>& groups() const noexcept { return groups_; }

  friend bool operator==(const partial_aggregate&, const partial_aggregate&) = default;

 private:
  std::map<group_key, group_metrics> groups_;
};

/// What a measure's group takes from the case it answers.
struct case_facts {
  case_category category = case_category::other;
  std::optional<case_channel> channel;
  std::string_view team;  ///< the case's team id, or empty
  std::string_view unit;  ///< the case's lead unit id, or empty
};

/// Finds the case a measure answers, for an aggregator whose context ledger does not hold
/// the cases (the streaming report keeps only what grouping needs of each).
class case_resolver {
 public:
  /// The facts of the case `case_id`, or nullopt when there is no such case.
  virtual std::optional<case_facts> find(std::string_view case_id) const = 0;

 protected:
  ~case_resolver() = default;
};

/// Adds records into a partial_aggregate under one set of report options.
///
/// `context` is the ledger the records belong to: it resolves what a record does not
/// carry itself (the category of the case a measure answers), unless `cases` is given to
/// do that. Records may be added in any order and split over any number of aggregators;
/// merging their results and calling `finish_report` gives exactly `compute_report`.
class aggregator {
 public:
  /// Throws `usage_error` for bad options. Keeps a copy of `options`; `context` and `cases`
  /// (when given) must outlive it.
  aggregator(const ledger& context, report_options options, const case_resolver* cases = nullptr);

  /// Whether a measure's group needs its case (grouping by category, channel, team or unit).
  bool needs_case() const noexcept { return needs_case_; }

  void add(const case_record& record);
  void add(const measure& record);
  void add(const enterprise& record);
  void add(const project& record);
  void add(const team& record);

  /// Adds every record of the context ledger.
  void add_all();

  /// The aggregate so far; the aggregator is empty afterwards.
  partial_aggregate take();

 private:
  // A record's value for every dimension (indexed by enum_index(group_dimension)) as a
  // small integer: an interned district or team id, an enum index, a month as
  // year * 12 + month - 1; `no_value` where the record has none. Adding a record builds no
  // string unless its group is new.
  using dimension_values = std::array<std::int32_t, enum_count<group_dimension>>;
  // dimension_values projected onto options.group_by, in its order.
  using compact_key = std::array<std::int32_t, enum_count<group_dimension>>;
  struct compact_key_hash {
    std::size_t operator()(const compact_key& key) const noexcept;
  };
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept;
  };
  // Ids of one kind, numbered in the order first seen.
  struct interned_ids {
    std::unordered_map<std::string, std::int32_t, string_hash, std::equal_to<>> numbers;
    std::vector<std::string> names;
    std::int32_t number(std::string_view id);
  };

  static constexpr std::int32_t no_value = std::numeric_limits<std::int32_t>::min();

  // Every dimension `no_value` but the district.
  dimension_values values_in(std::string_view district_id);
  // Sets category, channel, team and unit from `about` (the case itself, or a measure's case).
  void set_case_values(dimension_values& values, const case_facts& about);
  void set_month(dimension_values& values, date day) const;
  group_metrics& group_for(const dimension_values& values);
  // The handling-process figures (deadlines, working days, follow-up) of a coordinated case
  // whose state at as_of is `resolved`, `closed` (unresolvable) or `open`.
  void add_process(case_metrics& cases, const case_record& record, bool resolved, bool closed,
                   bool open) const;
  // Counts the case's co-units, each in its own group when grouping by unit.
  void add_co_units(case_metrics& own, dimension_values& values, const case_record& record);

  const ledger& context_;
  report_options options_;
  const case_resolver* cases_;
  std::array<bool, enum_count<group_dimension>> used_{};  // in options.group_by
  bool needs_case_ = false;  // a measure's group needs its case's category, channel, team, unit
  date as_of_;
  date resolved_until_;  // min(to, as_of): the end of the resolved_in_window range
  partial_aggregate parts_;
  std::unordered_map<compact_key, group_metrics*, compact_key_hash> groups_by_key_;
  interned_ids districts_;
  interned_ids teams_;
  interned_ids units_;
  const calendar* workdays_;  // the context ledger's
  std::string name_buffer_;   // a beneficiary's name, reused so that adding allocates nothing
};

/// Makes the report from merged parts: adds the groups every district, window month,
/// category, channel or team must have even when empty, labels and sorts them, sums the
/// total, checks the alert thresholds and writes the headlines. `context` supplies the
/// districts, teams and their names. Throws `usage_error` when the options ask for a
/// comparison (use the overload below). The parts are taken by value: pass them with
/// std::move (or straight from `aggregator::take()`) so that their distinct-beneficiary sets
/// move into the report instead of being copied.
report finish_report(partial_aggregate parts, const ledger& context, const report_options& options);

/// The same for options that ask for a comparison: `comparison_parts` are the merged parts
/// of aggregators made with `comparison_options(options)` (metrics/comparison.hpp) over the
/// same records, so that the comparison splits and merges like the report itself.
///
///     const report_options base = caseledger::comparison_options(options);
///     caseledger::aggregator now(book, options), then(book, base);
///     now.add_all();
///     then.add_all();
///     auto r = caseledger::finish_report(now.take(), then.take(), book, options);
report finish_report(partial_aggregate parts, partial_aggregate comparison_parts,
                     const ledger& context, const report_options& options);

}  // namespace caseledger
