#include "caseledger/io/json_report.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/version.hpp"
#include "util/decimal.hpp"

namespace caseledger {
namespace {

using json = nlohmann::ordered_json;

/// The value, or JSON null.
template <class T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json rate_json(const rate& r, int decimals) {
  json out;
  out["num"] = r.num;
  out["den"] = r.den;
  out["value"] = or_null(r.value());
  out["display"] = or_null(r.display(decimals));
  return out;
}

/// The mean number of days, rounded half-up (away from zero) to one decimal exactly from
/// the integer sum, so that the figure does not depend on how a double rounds.
json mean_json(const day_histogram& days) {
  if (days.count() == 0) return nullptr;
  const std::int64_t sum = days.sum();
  // |sum| without overflowing at the int64 minimum.
  const detail::uint128 magnitude =
      sum < 0 ? static_cast<detail::uint128>(-(sum + 1)) + 1 : static_cast<detail::uint128>(sum);
  const std::string text =
      detail::divide_rounded(magnitude, static_cast<detail::uint128>(days.count()), 1);
  double mean = 0;
  std::from_chars(text.data(), text.data() + text.size(), mean);
  return sum < 0 ? -mean : mean;
}

json days_json(const day_histogram& days) {
  json out;
  out["count"] = days.count();
  out["mean"] = mean_json(days);
  out["median"] = or_null(days.percentile(50));
  out["p90"] = or_null(days.percentile(90));
  out["max"] = or_null(days.max());
  return out;
}

/// Every value of `Enum` as a key, with the count at its index.
template <class Enum, std::size_t N>
json counts_by(const std::array<std::int64_t, N>& counts) {
  static_assert(N == enum_count<Enum>);
  json out = json::object();
  for (std::size_t i = 0; i < N; ++i) out[std::string(enum_info<Enum>::names[i])] = counts[i];
  return out;
}

json cases_json(const case_metrics& cases, int decimals) {
  json out;
  out["coordinated"] = cases.coordinated;
  out["resolved"] = cases.resolved;
  out["unresolvable"] = cases.unresolvable;
  out["open"] = cases.open();
  out["resolution_rate"] = rate_json(cases.resolution_rate(), decimals);
  out["on_time_rate"] = rate_json(cases.on_time_rate(), decimals);
  out["days_to_resolve"] = days_json(cases.days_to_resolve);
  out["resolved_in_window"] = cases.resolved_in_window;
  json& by_category = out["by_category"] = json::object();
  for (std::size_t i = 0; i < enum_count<case_category>; ++i) {
    json counts;
    counts["coordinated"] = cases.by_category[i].coordinated;
    counts["resolved"] = cases.by_category[i].resolved;
    by_category[std::string(enum_info<case_category>::names[i])] = std::move(counts);
  }
  out["overdue_open"] = cases.overdue_open;
  out["with_due"] = cases.with_due;
  out["extended"] = cases.extended;
  out["extension_rate"] = rate_json(cases.extension_rate(), decimals);
  json workdays = days_json(cases.workdays_to_resolve);
  workdays["outside_calendar"] = cases.workdays_outside_calendar;
  out["workdays_to_resolve"] = std::move(workdays);
  out["followed_up"] = cases.followed_up;
  out["follow_up_rate"] = rate_json(cases.follow_up_rate(), decimals);
  out["satisfaction"] = counts_by<satisfaction_level>(cases.satisfaction);
  out["satisfaction_rate"] = rate_json(cases.satisfaction_rate(), decimals);
  out["co_handled"] = cases.co_handled;
  return out;
}

json support_json(const group_metrics& metrics) {
  json out = json::object();
  for (const measure_kind kind : money_measure_kinds) {
    const support_totals& totals = metrics.support[enum_index(kind)];
    json entry;
    entry["amount"] = totals.amount.to_string();
    entry["count"] = totals.count;
    entry["beneficiaries"] = totals.beneficiaries.size();
    out[std::string(to_string(kind))] = std::move(entry);
  }
  return out;
}

json return_to_work_json(const transport_totals& transport) {
  json out;
  out["workers"] = transport.workers;
  out["trips"] = transport.trips;
  out["by_mode"] = counts_by<transport_mode>(transport.by_mode);
  out["by_origin"] = counts_by<worker_origin>(transport.by_origin);
  return out;
}

/// Every item of the report, so that every group has the same keys; 0 where it has none.
json supplies_json(const std::map<std::string, supply_totals>& supplies,
                   const std::set<std::string>& items) {
  json out = json::object();
  for (const std::string& item : items) {
    const auto found = supplies.find(item);
    json entry;
    entry["quantity"] = found == supplies.end() ? 0 : found->second.quantity;
    entry["recipients"] = found == supplies.end() ? 0 : found->second.recipients.size();
    out[item] = std::move(entry);
  }
  return out;
}

json resumption_json(const resumption_counts& resumption, int decimals) {
  json out;
  out["tracked"] = resumption.tracked;
  out["resumed"] = resumption.resumed;
  out["rate"] = rate_json(resumption.resumption_rate(), decimals);
  return out;
}

/// The key as dimension → value; `dimensions` is empty for the total.
json key_json(const group_key& key, const std::vector<group_dimension>& dimensions) {
  if (key.size() != dimensions.size()) {
    throw usage_error("a group key has " + std::to_string(key.size()) + " values for " +
                      std::to_string(dimensions.size()) + " group_by dimensions");
  }
  json out = json::object();
  for (std::size_t i = 0; i < key.size(); ++i) {
    out[std::string(to_string(dimensions[i]))] = or_null(key[i]);
  }
  return out;
}

json backlog_json(const backlog_metrics& backlog, const std::vector<std::int32_t>& limits) {
  json out;
  out["open"] = backlog.ages.count();
  json& buckets = out["buckets"] = json::array();
  const std::vector<std::int64_t> counts = backlog.bucket_counts(limits);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    json bucket;
    bucket["from"] = i == 0 ? 0 : limits[i - 1] + 1;
    bucket["to"] = i < limits.size() ? json(limits[i]) : json(nullptr);
    bucket["count"] = counts[i];
    buckets.push_back(std::move(bucket));
  }
  if (backlog.oldest) {
    out["oldest"] = {{"case", backlog.oldest->id}, {"age", backlog.oldest->age}};
  } else {
    out["oldest"] = nullptr;
  }
  return out;
}

json headline_json(const headline_text& headline) {
  return {{"zh-Hans", headline.zh_hans}, {"zh-Hant", headline.zh_hant}, {"en", headline.en}};
}

json count_change_json(std::int64_t value, std::int64_t base, int decimals) {
  const count_change change = compare_counts(value, base);
  json out;
  out["base"] = change.base;
  out["change"] = change.change;
  out["relative"] = or_null(change.relative());
  out["relative_display"] = or_null(change.relative_display(decimals));
  return out;
}

json money_change_json(money value, money base, int decimals) {
  const money_change change = compare_money(value, base);
  json out;
  out["base"] = change.base.to_string();
  out["change"] = change.change.to_string();
  out["relative"] = or_null(change.relative());
  out["relative_display"] = or_null(change.relative_display(decimals));
  return out;
}

json rate_change_json(const rate& value, const rate& base, int decimals) {
  const rate_change change{value, base};
  json out;
  out["base"] = rate_json(base, decimals);
  out["points"] = or_null(change.points());
  out["points_display"] = or_null(change.points_display(decimals));
  return out;
}

/// Every count, amount and rate of the group beside its comparison value.
json comparison_json(const group_metrics& now, const group_metrics& base,
                     const std::set<std::string>& items, int decimals) {
  const case_metrics& c = now.cases;
  const case_metrics& b = base.cases;
  json cases;
  cases["coordinated"] = count_change_json(c.coordinated, b.coordinated, decimals);
  cases["resolved"] = count_change_json(c.resolved, b.resolved, decimals);
  cases["unresolvable"] = count_change_json(c.unresolvable, b.unresolvable, decimals);
  cases["open"] = count_change_json(c.open(), b.open(), decimals);
  cases["resolved_in_window"] =
      count_change_json(c.resolved_in_window, b.resolved_in_window, decimals);
  cases["resolution_rate"] = rate_change_json(c.resolution_rate(), b.resolution_rate(), decimals);
  cases["on_time_rate"] = rate_change_json(c.on_time_rate(), b.on_time_rate(), decimals);
  cases["overdue_open"] = count_change_json(c.overdue_open, b.overdue_open, decimals);
  cases["extended"] = count_change_json(c.extended, b.extended, decimals);
  cases["extension_rate"] = rate_change_json(c.extension_rate(), b.extension_rate(), decimals);
  cases["followed_up"] = count_change_json(c.followed_up, b.followed_up, decimals);
  cases["follow_up_rate"] = rate_change_json(c.follow_up_rate(), b.follow_up_rate(), decimals);
  cases["satisfaction_rate"] =
      rate_change_json(c.satisfaction_rate(), b.satisfaction_rate(), decimals);
  cases["co_handled"] = count_change_json(c.co_handled, b.co_handled, decimals);

  json support = json::object();
  for (const measure_kind kind : money_measure_kinds) {
    const support_totals& n = now.support[enum_index(kind)];
    const support_totals& p = base.support[enum_index(kind)];
    support[std::string(to_string(kind))] = {
        {"amount", money_change_json(n.amount, p.amount, decimals)},
        {"count", count_change_json(n.count, p.count, decimals)}};
  }

  json supplies = json::object();
  for (const std::string& item : items) {
    const auto quantity_and_recipients = [&item](const group_metrics& m) {
      const auto found = m.supplies.find(item);
      if (found == m.supplies.end()) return std::pair<std::int64_t, std::int64_t>{0, 0};
      return std::pair<std::int64_t, std::int64_t>{
          found->second.quantity, static_cast<std::int64_t>(found->second.recipients.size())};
    };
    const auto [quantity, recipients] = quantity_and_recipients(now);
    const auto [base_quantity, base_recipients] = quantity_and_recipients(base);
    supplies[item] = {{"quantity", count_change_json(quantity, base_quantity, decimals)},
                      {"recipients", count_change_json(recipients, base_recipients, decimals)}};
  }

  json out;
  out["cases"] = std::move(cases);
  out["support"] = std::move(support);
  out["return_to_work"] = {
      {"workers",
       count_change_json(now.return_to_work.workers, base.return_to_work.workers, decimals)},
      {"trips", count_change_json(now.return_to_work.trips, base.return_to_work.trips, decimals)}};
  out["supplies"] = std::move(supplies);
  out["resumption"] = {
      {"tracked", count_change_json(now.resumption.tracked, base.resumption.tracked, decimals)},
      {"resumed", count_change_json(now.resumption.resumed, base.resumption.resumed, decimals)},
      {"rate", rate_change_json(now.resumption.resumption_rate(), base.resumption.resumption_rate(),
                                decimals)}};
  out["backlog"] = {
      {"open", count_change_json(now.backlog.ages.count(), base.backlog.ages.count(), decimals)}};
  return out;
}

json group_json(const report_group& group, const std::vector<group_dimension>& dimensions,
                const std::set<std::string>& items, const report& r) {
  const int decimals = r.options.rate_decimals;
  json out;
  out["key"] = key_json(group.key, dimensions);
  out["label"] = {{"zh", group.label.zh}, {"en", group.label.en}};
  out["cases"] = cases_json(group.metrics.cases, decimals);
  out["support"] = support_json(group.metrics);
  out["return_to_work"] = return_to_work_json(group.metrics.return_to_work);
  out["supplies"] = supplies_json(group.metrics.supplies, items);
  out["resumption"] = resumption_json(group.metrics.resumption, decimals);
  out["teams"] = counts_by<team_kind>(group.metrics.teams);
  out["backlog"] = backlog_json(group.metrics.backlog, r.options.aging_limits);
  out["headline"] = headline_json(group.headline);
  if (r.comparison) {
    // A hand-made report may lack a group's comparison: compare with zeros, as a missing
    // group of the comparison window is.
    out["comparison"] =
        comparison_json(group.metrics, group.comparison.value_or(group_metrics{}), items, decimals);
  }
  return out;
}

json alert_json(const alert& found, const std::vector<group_dimension>& dimensions, int decimals) {
  const alert_threshold& threshold = found.threshold;
  json out;
  out["key"] = key_json(found.key, found.key.empty() ? std::vector<group_dimension>{} : dimensions);
  out["label"] = {{"zh", found.label_zh}, {"en", found.label_en}};
  out["metric"] = to_string(threshold.metric);
  out["days"] =
      threshold.metric == alert_metric::open_older_than ? json(threshold.days) : json(nullptr);
  out["condition"] = threshold.below ? "below" : "above";
  out["limit"] = threshold.limit_text();
  out["value"] =
      is_rate(threshold.metric) ? rate_json({found.num, found.den}, decimals) : json(found.num);
  return out;
}

std::set<std::string> supply_items(const report& r) {
  std::set<std::string> items;
  const auto add = [&items](const report_group& group) {
    for (const auto& [item, totals] : group.metrics.supplies) items.insert(item);
    // An item handed out only in the comparison window still has its change.
    if (group.comparison) {
      for (const auto& [item, totals] : group.comparison->supplies) items.insert(item);
    }
  };
  add(r.total);
  for (const report_group& group : r.groups) add(group);
  return items;
}

}  // namespace

nlohmann::ordered_json report_to_json(const report& r) {
  const report_options& options = r.options;
  const int decimals = options.rate_decimals;
  const std::set<std::string> items = supply_items(r);

  json out;
  out["format"] = "caseledger.report/1";
  out["title"] = r.title;
  out["generator"] = generator_name;
  out["window"] = {{"from", options.from.to_string()}, {"to", options.to.to_string()}};
  out["as_of"] = r.as_of.to_string();
  json& group_by = out["group_by"] = json::array();
  for (const group_dimension dimension : options.group_by) group_by.push_back(to_string(dimension));
  out["options"] = {{"rate_decimals", decimals},
                    {"key_only_resumption", options.key_only_resumption}};
  if (r.comparison) {
    out["comparison"] = {
        {"kind", to_string(r.comparison->kind)},
        {"window",
         {{"from", r.comparison->from.to_string()}, {"to", r.comparison->to.to_string()}}},
        {"as_of", r.comparison->as_of.to_string()}};
  }
  json& groups = out["groups"] = json::array();
  for (const report_group& group : r.groups) {
    groups.push_back(group_json(group, options.group_by, items, r));
  }
  out["total"] = group_json(r.total, {}, items, r);
  if (!options.alerts.empty()) {
    json& alerts = out["alerts"] = json::array();
    for (const alert& found : r.alerts) {
      alerts.push_back(alert_json(found, options.group_by, decimals));
    }
  }
  if (!r.inputs.empty()) {
    json& inputs = out["inputs"] = json::array();
    for (const input_source& source : r.inputs) {
      inputs.push_back({{"name", source.name}, {"bytes", source.bytes}, {"sha256", source.sha256}});
    }
  }
  return out;
}

std::string to_json_text(const report& r) {
  try {
    return report_to_json(r).dump(2, ' ', false) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    // Ledger text is checked by the readers; what is left is a title or a hand-made label.
    throw usage_error(std::string("the report holds text that is not valid UTF-8: ") + e.what());
  }
}

void write_json_report(const report& r, const std::filesystem::path& path) {
  const std::string text = to_json_text(r);
  output_file out(path);
  out.stream() << text;
  out.commit();
}

}  // namespace caseledger
