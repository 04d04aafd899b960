#pragma once

#include <filesystem>
#include <vector>

#include "caseledger/metrics/bulletin.hpp"
#include "caseledger/metrics/report.hpp"

namespace caseledger {

/// Reads alert thresholds from a file (docs/bulletin.md):
///
///     {"format": "caseledger.alerts/1",
///      "alerts": ["resolution_rate<85%", "district=cangshan:on_time_rate<90%"]}
///
/// Throws `file_error` when it cannot be read and `usage_error` naming the file (and the
/// entry) when it is not such a document.
std::vector<alert_threshold> read_alert_thresholds(const std::filesystem::path& path);

/// The figure `threshold` watches in `metrics`: a rate's numerator and denominator, or a
/// count and 0.
std::pair<std::int64_t, std::int64_t> alert_figure(const group_metrics& metrics,
                                                   const alert_threshold& threshold);

/// Whether the figure (as `alert_figure` gives it) crosses the threshold: strictly below
/// or above the limit, computed exactly; a rate with no value never does.
bool crosses(const alert_threshold& threshold, std::int64_t num, std::int64_t den);

/// Every threshold of `r.options.alerts` crossed by a group or the total, in group order
/// (the total last), then in threshold order.
std::vector<alert> evaluate_alerts(const report& r);

}  // namespace caseledger
