#pragma once

#include <map>

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

  /// The group's metrics, created empty if it is not there yet.
  group_metrics& at(const group_key& key) { return groups_[key]; }

  const std::map<group_key, group_metrics>& groups() const noexcept { return groups_; }

  friend bool operator==(const partial_aggregate&, const partial_aggregate&) = default;

 private:
  std::map<group_key, group_metrics> groups_;
};

/// Adds records into a partial_aggregate under one set of report options.
///
/// `context` is the ledger the records belong to: it resolves what a record does not
/// carry itself (the category of the case a measure answers). Records may be added in any
/// order and split over any number of aggregators; merging their results and calling
/// `finish_report` gives exactly `compute_report`.
class aggregator {
 public:
  /// Throws `usage_error` for bad options. `context` and `options` must outlive it.
  aggregator(const ledger& context, const report_options& options);

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
  const ledger& context_;
  const report_options& options_;
  partial_aggregate parts_;
};

/// Makes the report from merged parts: adds the groups every district, window month,
/// category, channel or team must have even when empty, labels and sorts them, and sums
/// the total. `context` supplies the districts, teams and their names.
report finish_report(const partial_aggregate& parts, const ledger& context,
                     const report_options& options);

}  // namespace caseledger
