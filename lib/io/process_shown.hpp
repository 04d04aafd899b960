// Whether the reports people read (the workbook, the page) show the handling process
// (issue 17), decided alike for both and in both modes (a whole ledger, a stream).
#pragma once

#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger::detail {

/// Whether the report shows the handling process: its ledger has units (a case's lead and
/// co-handling units name them), or a case of the window was extended or followed up by
/// as-of. A ledger of earlier years has none of these, and its workbook and page stay as
/// they were; due dates alone (which ledgers had before) do not count.
inline bool shows_process(const report& r, const ledger& context) {
  const case_metrics& cases = r.total.metrics.cases;
  return !context.units().empty() || cases.extended > 0 || cases.followed_up > 0;
}

}  // namespace caseledger::detail
