#include "caseledger/metrics/alerts.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "core/input_file.hpp"

namespace caseledger {
namespace {

__extension__ using int128 = __int128;

// Whether `threshold` names this group by its key values.
bool names_group(const alert_threshold& threshold, const report_group& group,
                 const std::vector<group_dimension>& group_by) {
  if (threshold.group.empty() || group.key.empty()) return false;
  for (const auto& [dimension, value] : threshold.group) {
    bool matched = false;
    for (std::size_t i = 0; i < group_by.size() && i < group.key.size(); ++i) {
      if (to_string(group_by[i]) == dimension && group.key[i] == value) matched = true;
    }
    if (!matched) return false;
  }
  return true;
}

bool same_figure(const alert_threshold& a, const alert_threshold& b) {
  return a.metric == b.metric && (a.metric != alert_metric::open_older_than || a.days == b.days);
}

void check_group(const report_group& group, const report_options& options,
                 std::vector<alert>& found) {
  for (const alert_threshold& threshold : options.alerts) {
    if (threshold.group.empty()) {
      // A threshold that names this group replaces the general one.
      bool replaced = false;
      for (const alert_threshold& other : options.alerts) {
        replaced = replaced ||
                   (same_figure(other, threshold) && names_group(other, group, options.group_by));
      }
      if (replaced) continue;
    } else if (!names_group(threshold, group, options.group_by)) {
      continue;
    }
    const auto [num, den] = alert_figure(group.metrics, threshold);
    if (!crosses(threshold, num, den)) continue;
    found.push_back({group.key, group.label.zh, group.label.en, threshold, num, den});
  }
}

}  // namespace

std::vector<alert_threshold> read_alert_thresholds(const std::filesystem::path& path) {
  const std::string text = detail::read_whole_file(path);
  const std::string where = "alerts file '" + path.string() + "': ";
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw usage_error(where + "not JSON: " + e.what());
  }
  const auto alerts = document.find("alerts");
  if (!document.is_object() || document.value("format", "") != "caseledger.alerts/1" ||
      alerts == document.end() || !alerts->is_array() || document.size() != 2) {
    throw usage_error(
        where + R"(expected {"format": "caseledger.alerts/1", "alerts": ["METRIC<LIMIT", …]})");
  }
  std::vector<alert_threshold> thresholds;
  for (std::size_t i = 0; i < alerts->size(); ++i) {
    const nlohmann::json& entry = (*alerts)[i];
    const std::string pointer = "/alerts/" + std::to_string(i) + ": ";
    if (!entry.is_string()) throw usage_error(where + pointer + "not a string");
    try {
      thresholds.push_back(alert_threshold::parse(entry.get<std::string>()));
    } catch (const usage_error& e) {
      throw usage_error(where + pointer + e.what());
    }
  }
  return thresholds;
}

std::pair<std::int64_t, std::int64_t> alert_figure(const group_metrics& metrics,
                                                   const alert_threshold& threshold) {
  switch (threshold.metric) {
    case alert_metric::resolution_rate:
      return {metrics.cases.resolved, metrics.cases.coordinated};
    case alert_metric::on_time_rate: {
      const rate r = metrics.cases.on_time_rate();
      return {r.num, r.den};
    }
    case alert_metric::resumption_rate:
      return {metrics.resumption.resumed, metrics.resumption.tracked};
    case alert_metric::open:
      return {metrics.cases.open(), 0};
    case alert_metric::late:
      return {metrics.cases.late, 0};
    case alert_metric::open_older_than:
      return {metrics.backlog.older_than(threshold.days), 0};
    case alert_metric::overdue_open:
      return {metrics.cases.overdue_open, 0};
    case alert_metric::satisfaction_rate: {
      const rate r = metrics.cases.satisfaction_rate();
      return {r.num, r.den};
    }
    case alert_metric::follow_up_rate: {
      const rate r = metrics.cases.follow_up_rate();
      return {r.num, r.den};
    }
  }
  return {0, 0};
}

bool crosses(const alert_threshold& threshold, std::int64_t num, std::int64_t den) {
  // Compare num / den × 100 % (or the count) with the limit in millionths, all in integers.
  int128 figure = 0;
  int128 limit = 0;
  if (is_rate(threshold.metric)) {
    if (den <= 0) return false;
    figure = int128{num} * 100'000'000;
    limit = int128{threshold.limit_millionths} * den;
  } else {
    figure = int128{num} * 1'000'000;
    limit = threshold.limit_millionths;
  }
  return threshold.below ? figure < limit : figure > limit;
}

std::vector<alert> evaluate_alerts(const report& r) {
  std::vector<alert> found;
  if (r.options.alerts.empty()) return found;
  for (const report_group& group : r.groups) check_group(group, r.options, found);
  check_group(r.total, r.options, found);
  return found;
}

}  // namespace caseledger
