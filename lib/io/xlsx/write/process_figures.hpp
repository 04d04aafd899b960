// What the workbook shows of the handling process (issue 17) besides the report itself: the
// figures of each lead unit and the cases overdue at as-of, counted from the cases as they
// come, so that the normal mode (a whole ledger) and the streaming report (records as they
// pass) count them alike.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/process_shown.hpp"

namespace caseledger::detail {

/// A case open at as-of past its effective due (超期未办结).
struct overdue_case {
  std::string id;
  std::string district;  ///< district id
  std::string unit;      ///< lead unit id, or empty
  std::string summary;
  case_category category = case_category::other;
  date reported_on;
  date due;                              ///< the effective due
  std::int32_t days = 0;                 ///< as-of minus the due
  std::optional<std::int32_t> workdays;  ///< working days after the due up to as-of, when the
                                         ///< ledger's calendar covers both
};

/// The handling-process part of a workbook.
struct process_figures {
  /// Whether the workbook shows the process (`shows_process`). Without, the workbook is
  /// what it was before issue 17.
  bool shown = false;
  /// The report's cases grouped by lead unit, when the ledger has units.
  std::optional<report> by_unit;
  /// The overdue open cases, most overdue first (then by id).
  std::vector<overdue_case> overdue;
};

/// Counts the process figures of a report with `options` from its ledger's cases.
class process_counter {
 public:
  /// `context` gives the units and the calendar; it must outlive this. Without `wanted`
  /// (xlsx_options::handling_process) nothing is counted and nothing is shown.
  process_counter(const ledger& context, const report_options& options, bool wanted);

  void add(const case_record& record);
  /// The figures of `r`, the report of the cases added; the counter is empty afterwards.
  process_figures take(const report& r);

 private:
  const ledger& context_;
  report_options options_;
  bool wanted_;
  report_options unit_options_;  // the report's, grouped by unit alone: what `units_` points at
  std::unique_ptr<aggregator> units_;
  process_figures figures_;
};

/// The process figures of `r`, computed from `book`'s cases, when `wanted`.
process_figures count_process(const report& r, const ledger& book, bool wanted);

}  // namespace caseledger::detail
