#include "caseledger/metrics/aggregate.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "caseledger/core/error.hpp"
#include "caseledger/model/ledger.hpp"
#include "core/checked.hpp"

namespace caseledger {
namespace {

constexpr std::size_t district_dim = enum_index(group_dimension::district);
constexpr std::size_t category_dim = enum_index(group_dimension::category);
constexpr std::size_t channel_dim = enum_index(group_dimension::channel);
constexpr std::size_t month_dim = enum_index(group_dimension::month);
constexpr std::size_t team_dim = enum_index(group_dimension::team);
constexpr std::size_t unit_dim = enum_index(group_dimension::unit);

// A month as one integer that orders chronologically: year * 12 + month - 1.
std::int32_t month_number(date day) {
  const auto ymd = day.ymd();
  return static_cast<std::int32_t>(int{ymd.year()}) * 12 +
         static_cast<std::int32_t>(unsigned{ymd.month()}) - 1;
}

// "YYYY-MM" of a month_number.
std::string month_text(std::int32_t number) {
  const std::int32_t year = number >= 0 ? number / 12 : (number - 11) / 12;
  const std::int32_t month = number - year * 12 + 1;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", static_cast<int>(year), static_cast<int>(month));
  return text;
}

// Writes the measure's beneficiary ("enterprise:<id>", "project:<id>") into `name`, reusing
// its buffer; false when the measure names neither.
bool beneficiary_name(const measure& record, std::string& name) {
  const bool is_enterprise = !record.enterprise.empty();
  if (!is_enterprise && record.project.empty()) return false;
  name.assign(is_enterprise ? "enterprise:" : "project:");
  name += is_enterprise ? record.enterprise : record.project;
  return true;
}

bool within(date day, date first, date last) { return first <= day && day <= last; }

}  // namespace

std::optional<date> effective_due(const case_record& record, date as_of) {
  if (!record.due_on) return std::nullopt;
  // An extension granted after as_of was not known on as_of.
  if (record.extended_on && record.extended_due_on && *record.extended_on <= as_of) {
    return record.extended_due_on;
  }
  return record.due_on;
}

void partial_aggregate::merge(const partial_aggregate& other) {
  for (const auto& [key, metrics] : other.groups_) groups_[key].merge(metrics);
}

std::size_t aggregator::compact_key_hash::operator()(const compact_key& key) const noexcept {
  std::size_t hash = 0;
  for (const std::int32_t value : key) {
    hash = hash * 1'000'003u ^ static_cast<std::size_t>(static_cast<std::uint32_t>(value));
  }
  return hash;
}

std::size_t aggregator::string_hash::operator()(std::string_view text) const noexcept {
  return std::hash<std::string_view>{}(text);
}

std::int32_t aggregator::interned_ids::number(std::string_view id) {
  if (const auto found = numbers.find(id); found != numbers.end()) return found->second;
  const auto next = static_cast<std::int32_t>(names.size());
  names.emplace_back(id);
  numbers.emplace(names.back(), next);
  return next;
}

aggregator::aggregator(const ledger& context, report_options options, const case_resolver* cases)
    : context_(context), options_(std::move(options)), cases_(cases) {
  options_.validate();
  for (const group_dimension dimension : options_.group_by) used_[enum_index(dimension)] = true;
  needs_case_ = used_[category_dim] || used_[channel_dim] || used_[team_dim] || used_[unit_dim];
  workdays_ = &context_.workday_calendar();
  as_of_ = options_.effective_as_of();
  resolved_until_ = std::min(options_.to, as_of_);
}

aggregator::dimension_values aggregator::values_in(std::string_view district_id) {
  dimension_values values;
  values.fill(no_value);
  if (used_[district_dim]) values[district_dim] = districts_.number(district_id);
  return values;
}

void aggregator::set_case_values(dimension_values& values, const case_facts& about) {
  values[category_dim] = static_cast<std::int32_t>(enum_index(about.category));
  if (about.channel) values[channel_dim] = static_cast<std::int32_t>(enum_index(*about.channel));
  if (used_[team_dim] && !about.team.empty()) values[team_dim] = teams_.number(about.team);
  if (used_[unit_dim] && !about.unit.empty()) values[unit_dim] = units_.number(about.unit);
}

void aggregator::set_month(dimension_values& values, date day) const {
  if (used_[month_dim]) values[month_dim] = month_number(day);
}

group_metrics& aggregator::group_for(const dimension_values& values) {
  compact_key compact{};
  for (std::size_t i = 0; i < options_.group_by.size(); ++i) {
    compact[i] = values[enum_index(options_.group_by[i])];
  }
  if (const auto found = groups_by_key_.find(compact); found != groups_by_key_.end()) {
    return *found->second;
  }
  // A new group: only now are its key's strings made.
  group_key key;
  key.reserve(options_.group_by.size());
  for (std::size_t i = 0; i < options_.group_by.size(); ++i) {
    const std::int32_t value = compact[i];
    if (value == no_value) {
      key.emplace_back(std::nullopt);
      continue;
    }
    switch (options_.group_by[i]) {
      case group_dimension::district:
        key.emplace_back(districts_.names[static_cast<std::size_t>(value)]);
        break;
      case group_dimension::category:
        key.emplace_back(std::string(to_string(static_cast<case_category>(value))));
        break;
      case group_dimension::channel:
        key.emplace_back(std::string(to_string(static_cast<case_channel>(value))));
        break;
      case group_dimension::month:
        key.emplace_back(month_text(value));
        break;
      case group_dimension::team:
        key.emplace_back(teams_.names[static_cast<std::size_t>(value)]);
        break;
      case group_dimension::unit:
        key.emplace_back(units_.names[static_cast<std::size_t>(value)]);
        break;
    }
  }
  // std::map nodes never move, so the pointer stays valid until take().
  group_metrics& metrics = parts_.get_or_add(key);
  groups_by_key_.emplace(compact, &metrics);
  return metrics;
}

void aggregator::add(const case_record& record) {
  const bool coordinated = within(record.reported_on, options_.from, options_.to) &&
                           record.status != case_status::withdrawn;
  const bool resolved_in_window = record.status == case_status::resolved && record.resolved_on &&
                                  within(*record.resolved_on, options_.from, resolved_until_);
  if (!coordinated && !resolved_in_window) return;

  dimension_values values = values_in(record.district);
  set_case_values(values, case_facts{record.category, record.channel, record.team, record.unit});

  if (coordinated) {
    set_month(values, record.reported_on);
    group_metrics& metrics = group_for(values);
    case_metrics& cases = metrics.cases;
    category_counts& category = cases.by_category[enum_index(record.category)];
    detail::checked_add(cases.coordinated, 1, "coordinated cases");
    detail::checked_add(category.coordinated, 1, "coordinated cases");

    const bool resolved = record.status == case_status::resolved && record.resolved_on &&
                          *record.resolved_on <= as_of_;
    const bool closed = record.status == case_status::unresolvable && record.closed_on &&
                        *record.closed_on <= as_of_;
    // A case reported after as_of did not exist yet: it is not open, and has no age.
    const bool open = !resolved && !closed && record.reported_on <= as_of_;
    if (resolved) {
      detail::checked_add(cases.resolved, 1, "resolved cases");
      detail::checked_add(category.resolved, 1, "resolved cases");
      cases.days_to_resolve.add(*record.resolved_on - record.reported_on);
    } else if (closed) {
      detail::checked_add(cases.unresolvable, 1, "unresolvable cases");
    } else if (open) {
      metrics.backlog.add(record.id, as_of_ - record.reported_on);
    }
    add_process(cases, record, resolved, closed, open);
    if (!record.co_units.empty()) add_co_units(cases, values, record);
  }

  if (resolved_in_window) {
    // The flow view counts a case in the month it was resolved, not the month reported.
    set_month(values, *record.resolved_on);
    detail::checked_add(group_for(values).cases.resolved_in_window, 1,
                        "cases resolved in the window");
  }
}

void aggregator::add_process(case_metrics& cases, const case_record& record, bool resolved,
                             bool closed, bool open) const {
  if (const std::optional<date> effective = effective_due(record, as_of_)) {
    const date due = *effective;
    detail::checked_add(cases.with_due, 1, "cases with a due date");
    // The rules put an extension's due after due_on: a different due is an extension.
    if (due != *record.due_on) detail::checked_add(cases.extended, 1, "extended cases");
    if (resolved && *record.resolved_on <= due) {
      detail::checked_add(cases.on_time, 1, "cases resolved on time");
    } else if (resolved) {
      detail::checked_add(cases.late, 1, "late cases");
    } else if (due < as_of_) {
      detail::checked_add(cases.late, 1, "late cases");
      if (open) detail::checked_add(cases.overdue_open, 1, "overdue open cases");
    }
  }
  if (resolved) {
    // Counted only where the calendar knows every day between: never a guess.
    if (workdays_->covers(record.reported_on) && workdays_->covers(*record.resolved_on)) {
      cases.workdays_to_resolve.add(workdays_->workdays(record.reported_on, *record.resolved_on));
    } else {
      detail::checked_add(cases.workdays_outside_calendar, 1,
                          "resolved cases outside the calendar");
    }
  }
  if ((resolved || closed) && record.followed_up_on && *record.followed_up_on <= as_of_) {
    detail::checked_add(cases.followed_up, 1, "followed-up cases");
    if (record.satisfaction) {
      detail::checked_add(cases.satisfaction[enum_index(*record.satisfaction)], 1,
                          "satisfaction answers");
    }
  }
}

void aggregator::add_co_units(case_metrics& own, dimension_values& values,
                              const case_record& record) {
  if (!used_[unit_dim]) {
    detail::checked_add(own.co_handled, static_cast<std::int64_t>(record.co_units.size()),
                        "co-handled cases");
    return;
  }
  const std::int32_t lead = values[unit_dim];
  for (const record_id& co_unit : record.co_units) {
    values[unit_dim] = units_.number(co_unit);
    detail::checked_add(group_for(values).cases.co_handled, 1, "co-handled cases");
  }
  values[unit_dim] = lead;
}

void aggregator::add(const measure& record) {
  if (!within(record.granted_on, options_.from, options_.to)) return;

  dimension_values values = values_in(record.district);
  // Only category, channel and team come from the case: skip the lookup otherwise.
  if (needs_case_ && !record.case_id.empty()) {
    if (cases_ != nullptr) {
      if (const std::optional<case_facts> about = cases_->find(record.case_id)) {
        set_case_values(values, *about);
      }
    } else if (const case_record* about = context_.find_case(record.case_id)) {
      set_case_values(values,
                      case_facts{about->category, about->channel, about->team, about->unit});
    }
  }
  set_month(values, record.granted_on);
  group_metrics& metrics = group_for(values);

  switch (record.kind) {
    case measure_kind::subsidy:
    case measure_kind::fee_reduction:
    case measure_kind::loan:
    case measure_kind::allowance: {
      // money_measure_kinds lists these four first, in enum order.
      support_totals& totals = metrics.support[enum_index(record.kind)];
      if (record.amount) {
        try {
          totals.amount += *record.amount;
        } catch (const overflow_error&) {
          throw overflow_error("the " + std::string(to_string(record.kind)) +
                               " total of district " + record.district.str() +
                               "'s group passes what 64-bit fen hold "
                               "(92,233,720,368,547,758.07 yuan) at measure " +
                               record.id.str() + " (" + record.amount->to_string() + " yuan)");
        }
      }
      detail::checked_add(totals.count, 1, "measures");
      if (beneficiary_name(record, name_buffer_)) totals.beneficiaries.insert(name_buffer_);
      break;
    }
    case measure_kind::transport: {
      transport_totals& totals = metrics.return_to_work;
      const std::int64_t workers = record.workers.value_or(0);
      detail::checked_add(totals.workers, workers, "workers");
      detail::checked_add(totals.trips, 1, "transport measures");
      if (record.mode)
        detail::checked_add(totals.by_mode[enum_index(*record.mode)], workers, "workers");
      if (record.origin) {
        detail::checked_add(totals.by_origin[enum_index(*record.origin)], workers, "workers");
      }
      break;
    }
    case measure_kind::supplies: {
      supply_totals& totals = metrics.supplies[record.item.str()];
      detail::checked_add(totals.quantity, record.quantity.value_or(0), "supply quantities");
      if (beneficiary_name(record, name_buffer_)) totals.recipients.insert(name_buffer_);
      break;
    }
  }
}

void aggregator::add(const enterprise& record) {
  if (options_.key_only_resumption && !record.key) return;
  resumption_counts& counts = group_for(values_in(record.district)).resumption;
  detail::checked_add(counts.tracked, 1, "tracked enterprises and projects");
  if (record.resumed_on && *record.resumed_on <= as_of_) {
    detail::checked_add(counts.resumed, 1, "resumed enterprises and projects");
  }
}

void aggregator::add(const project& record) {
  if (options_.key_only_resumption && !record.key) return;
  resumption_counts& counts = group_for(values_in(record.district)).resumption;
  detail::checked_add(counts.tracked, 1, "tracked enterprises and projects");
  if (record.resumed_on && *record.resumed_on <= as_of_) {
    detail::checked_add(counts.resumed, 1, "resumed enterprises and projects");
  }
}

void aggregator::add(const team& record) {
  dimension_values values = values_in(record.district);
  if (used_[team_dim]) values[team_dim] = teams_.number(record.id);
  detail::checked_add(group_for(values).teams[enum_index(record.kind)], 1, "teams");
}

void aggregator::add_all() {
  for (const case_record& record : context_.cases()) add(record);
  for (const measure& record : context_.measures()) add(record);
  for (const enterprise& record : context_.enterprises()) add(record);
  for (const project& record : context_.projects()) add(record);
  for (const team& record : context_.teams()) add(record);
}

partial_aggregate aggregator::take() {
  partial_aggregate result = std::move(parts_);
  parts_ = partial_aggregate{};
  groups_by_key_.clear();
  return result;
}

}  // namespace caseledger
