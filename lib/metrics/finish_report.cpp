// Finishing a report from merged parts: the groups every dimension owes even when empty,
// their labels and order, the total, the comparison, the alerts and the headlines.
#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/alerts.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/metrics/headlines.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

namespace {

// Where a key value sorts within its dimension: ids bytewise, categories and channels in
// enum order, months chronologically ("YYYY-MM" compares so as text); null last.
int compare_values(group_dimension dimension, const std::optional<std::string>& a,
                   const std::optional<std::string>& b) {
  if (!a || !b) return int{!a} - int{!b};
  const auto position = [dimension](const std::string& value) -> std::size_t {
    if (dimension == group_dimension::category) {
      return enum_index(enum_from_string<case_category>(value).value_or(case_category::other));
    }
    return enum_index(enum_from_string<case_channel>(value).value_or(case_channel::other));
  };
  if (dimension == group_dimension::category || dimension == group_dimension::channel) {
    const std::size_t pa = position(*a);
    const std::size_t pb = position(*b);
    if (pa != pb) return pa < pb ? -1 : 1;
  }
  const int order = a->compare(*b);
  return (order > 0) - (order < 0);
}

// "2020-02" → "2020年2月".
std::string month_zh(const std::string& key) {
  if (key.size() != 7 || key[4] != '-') return key;
  const int month = (key[5] - '0') * 10 + (key[6] - '0');
  return key.substr(0, 4) + "年" + std::to_string(month) + "月";
}

group_label label_of(group_dimension dimension, const std::optional<std::string>& value,
                     const ledger& context) {
  if (!value) return {"未指定", "(none)"};
  switch (dimension) {
    case group_dimension::district: {
      const district* found = context.find_district(*value);
      if (!found) return {*value, *value};
      return {found->name.empty() ? *value : found->name,
              found->name_en.empty() ? *value : found->name_en};
    }
    case group_dimension::category: {
      const auto category = enum_from_string<case_category>(*value);
      if (!category) return {*value, *value};
      return {std::string(to_zh(*category)), *value};
    }
    case group_dimension::channel: {
      const auto channel = enum_from_string<case_channel>(*value);
      if (!channel) return {*value, *value};
      return {std::string(to_zh(*channel)), *value};
    }
    case group_dimension::month:
      return {month_zh(*value), *value};
    case group_dimension::team: {
      const team* found = context.find_team(*value);
      const std::string& name = found && !found->name.empty() ? found->name : *value;
      return {name, name};
    }
    case group_dimension::unit: {
      const unit* found = context.find_unit(*value);
      const std::string& name = found && !found->name.empty() ? found->name : *value;
      return {name, name};
    }
  }
  return {*value, *value};
}

// The values every group must cover even without data, one list of alternatives per
// factor; a factor sets one dimension, or district and team (else unit) together (a team or
// a district's unit only under its own district).
using assignment =
    std::vector<std::pair<std::size_t, std::optional<std::string>>>;  // key position, value

std::vector<std::vector<assignment>> domain_factors(const ledger& context,
                                                    const report_options& options) {
  const auto& group_by = options.group_by;
  const auto position_of = [&group_by](group_dimension dimension) -> std::optional<std::size_t> {
    const auto found = std::find(group_by.begin(), group_by.end(), dimension);
    if (found == group_by.end()) return std::nullopt;
    return static_cast<std::size_t>(found - group_by.begin());
  };
  const auto district_at = position_of(group_dimension::district);
  const auto team_at = position_of(group_dimension::team);
  const auto unit_at = position_of(group_dimension::unit);

  std::vector<std::vector<assignment>> factors;
  for (std::size_t i = 0; i < group_by.size(); ++i) {
    std::vector<assignment> choices;
    switch (group_by[i]) {
      case group_dimension::district:
        if (team_at || unit_at) continue;  // paired with the teams or units below
        for (const district& d : context.districts()) choices.push_back({{i, d.id.str()}});
        break;
      case group_dimension::category:
        for (const std::string_view name : enum_info<case_category>::names) {
          choices.push_back({{i, std::string(name)}});
        }
        break;
      case group_dimension::channel:
        for (const std::string_view name : enum_info<case_channel>::names) {
          choices.push_back({{i, std::string(name)}});
        }
        break;
      case group_dimension::month:
        for (date month = options.from.first_of_month(); month <= options.to;
             month = month.first_of_next_month()) {
          choices.push_back({{i, month.month_key()}});
        }
        break;
      case group_dimension::team: {
        std::unordered_set<std::string_view> districts_with_teams;
        for (const team& t : context.teams()) {
          if (district_at) {
            choices.push_back({{*district_at, t.district.str()}, {i, t.id.str()}});
            districts_with_teams.insert(t.district);
          } else {
            choices.push_back({{i, t.id.str()}});
          }
        }
        // Every district has a row (docs/report-json.md); one without teams gets its
        // "no team" row.
        if (district_at) {
          for (const district& d : context.districts()) {
            if (!districts_with_teams.contains(d.id)) {
              choices.push_back({{*district_at, d.id.str()}, {i, std::nullopt}});
            }
          }
        }
        break;
      }
      case group_dimension::unit: {
        if (!district_at) {
          for (const unit& u : context.units()) choices.push_back({{i, u.id.str()}});
          break;
        }
        // The district is paired with the teams: no unit row is owed.
        if (team_at) continue;
        // A city-level unit has no district of its own: its rows come from its cases.
        std::unordered_set<std::string_view> districts_with_units;
        for (const unit& u : context.units()) {
          if (u.district.empty()) continue;
          choices.push_back({{*district_at, u.district.str()}, {i, u.id.str()}});
          districts_with_units.insert(u.district);
        }
        for (const district& d : context.districts()) {
          if (!districts_with_units.contains(d.id)) {
            choices.push_back({{*district_at, d.id.str()}, {i, std::nullopt}});
          }
        }
        break;
      }
    }
    factors.push_back(std::move(choices));
  }
  return factors;
}

// Creates every key of the factors' product in `groups` (empty where absent).
void add_domain_groups(std::map<group_key, group_metrics>& groups,
                       const std::vector<std::vector<assignment>>& factors, std::size_t factor,
                       group_key& key) {
  if (factor == factors.size()) {
    groups.try_emplace(key);
    return;
  }
  for (const assignment& choice : factors[factor]) {
    for (const auto& [position, value] : choice) key[position] = value;
    add_domain_groups(groups, factors, factor + 1, key);
  }
}

}  // namespace

namespace {

// The report's groups and total from merged parts: everything but the comparison, the
// alerts and the headlines.
report finish_figures(partial_aggregate parts, const ledger& context,
                      const report_options& options) {
  // Moved out of the parts, not copied: the beneficiary sets may be most of the memory.
  std::map<group_key, group_metrics> groups;
  for (const auto& [key, metrics] : parts.groups()) {
    groups.emplace_hint(groups.end(), key, std::move(parts.get_or_add(key)));
  }
  group_key scratch(options.group_by.size());
  add_domain_groups(groups, domain_factors(context, options), 0, scratch);

  report result;
  result.options = options;
  result.as_of = options.effective_as_of();
  result.title = options.title.empty() ? "一企一议问题办理情况（" + options.from.to_string() +
                                             " 至 " + options.to.to_string() + "）"
                                       : options.title;
  result.inputs = context.inputs();
  result.total.label = {"合计", "Total"};

  std::set<std::string> items;  // every supply item anywhere in the report
  result.groups.reserve(groups.size());
  for (auto& [key, metrics] : groups) {
    try {
      result.total.metrics.merge(metrics);
    } catch (const overflow_error& e) {
      throw overflow_error(std::string("the report's total (合计): ") + e.what());
    }
    for (const auto& [item, totals] : metrics.supplies) items.insert(item);
    report_group& group = result.groups.emplace_back();
    group.key = key;
    for (std::size_t i = 0; i < key.size(); ++i) {
      const group_label part = label_of(options.group_by[i], key[i], context);
      group.label.zh += (i == 0 ? "" : " · ") + part.zh;
      group.label.en += (i == 0 ? "" : " · ") + part.en;
    }
    group.metrics = std::move(metrics);
  }

  // Every group lists the same supply items, so that every row has the same columns.
  for (report_group& group : result.groups) {
    for (const std::string& item : items) group.metrics.supplies.try_emplace(item);
  }
  for (const std::string& item : items) result.total.metrics.supplies.try_emplace(item);

  std::sort(result.groups.begin(), result.groups.end(),
            [&options](const report_group& a, const report_group& b) {
              for (std::size_t i = 0; i < options.group_by.size(); ++i) {
                const int order = compare_values(options.group_by[i], a.key[i], b.key[i]);
                if (order != 0) return order < 0;
              }
              return false;
            });
  return result;
}

// What is read off the figures once they are complete.
void add_alerts_and_headlines(report& r) {
  r.alerts = evaluate_alerts(r);
  add_headlines(r);
}

}  // namespace

report finish_report(partial_aggregate parts, const ledger& context,
                     const report_options& options) {
  options.validate();
  if (options.compare) {
    throw usage_error(
        "the options ask for a comparison: finish the report with the comparison parts too");
  }
  report r = finish_figures(std::move(parts), context, options);
  add_alerts_and_headlines(r);
  return r;
}

report finish_report(partial_aggregate parts, partial_aggregate comparison_parts,
                     const ledger& context, const report_options& options) {
  options.validate();
  if (!options.compare) {
    throw usage_error("comparison parts were given but the options ask for no comparison");
  }
  report r = finish_figures(std::move(parts), context, options);
  attach_comparison(
      r, finish_figures(std::move(comparison_parts), context, comparison_options(options)));
  add_alerts_and_headlines(r);
  return r;
}

}  // namespace caseledger
