#include "caseledger/metrics/group_metrics.hpp"

#include <cstddef>

#include "core/checked.hpp"

namespace caseledger {

void case_metrics::merge(const case_metrics& other) {
  detail::checked_add(coordinated, other.coordinated, "coordinated cases");
  detail::checked_add(resolved, other.resolved, "resolved cases");
  detail::checked_add(unresolvable, other.unresolvable, "unresolvable cases");
  detail::checked_add(on_time, other.on_time, "cases resolved on time");
  detail::checked_add(late, other.late, "late cases");
  detail::checked_add(resolved_in_window, other.resolved_in_window, "cases resolved in the window");
  days_to_resolve.merge(other.days_to_resolve);
  for (std::size_t i = 0; i < by_category.size(); ++i) {
    detail::checked_add(by_category[i].coordinated, other.by_category[i].coordinated,
                        "coordinated cases");
    detail::checked_add(by_category[i].resolved, other.by_category[i].resolved, "resolved cases");
  }
  detail::checked_add(overdue_open, other.overdue_open, "overdue open cases");
  detail::checked_add(with_due, other.with_due, "cases with a due date");
  detail::checked_add(extended, other.extended, "extended cases");
  workdays_to_resolve.merge(other.workdays_to_resolve);
  detail::checked_add(workdays_outside_calendar, other.workdays_outside_calendar,
                      "resolved cases outside the calendar");
  detail::checked_add(followed_up, other.followed_up, "followed-up cases");
  for (std::size_t i = 0; i < satisfaction.size(); ++i) {
    detail::checked_add(satisfaction[i], other.satisfaction[i], "satisfaction answers");
  }
  detail::checked_add(co_handled, other.co_handled, "co-handled cases");
}

rate case_metrics::satisfaction_rate() const noexcept {
  const std::int64_t satisfied = this->satisfaction[enum_index(satisfaction_level::satisfied)];
  const std::int64_t basically =
      this->satisfaction[enum_index(satisfaction_level::basically_satisfied)];
  const std::int64_t dissatisfied =
      this->satisfaction[enum_index(satisfaction_level::dissatisfied)];
  // Each count is at most the cases of the ledger, so the sums cannot overflow.
  return {satisfied + basically, satisfied + basically + dissatisfied};
}

void support_totals::merge(const support_totals& other) {
  amount += other.amount;  // money throws overflow_error itself
  detail::checked_add(count, other.count, "measures");
  beneficiaries.merge(other.beneficiaries);
}

void transport_totals::merge(const transport_totals& other) {
  detail::checked_add(workers, other.workers, "workers");
  detail::checked_add(trips, other.trips, "transport measures");
  for (std::size_t i = 0; i < by_mode.size(); ++i) {
    detail::checked_add(by_mode[i], other.by_mode[i], "workers");
  }
  for (std::size_t i = 0; i < by_origin.size(); ++i) {
    detail::checked_add(by_origin[i], other.by_origin[i], "workers");
  }
}

void supply_totals::merge(const supply_totals& other) {
  detail::checked_add(quantity, other.quantity, "supply quantities");
  recipients.merge(other.recipients);
}

void resumption_counts::merge(const resumption_counts& other) {
  detail::checked_add(tracked, other.tracked, "tracked enterprises and projects");
  detail::checked_add(resumed, other.resumed, "resumed enterprises and projects");
}

namespace {

// Whether a case of `age` days with `id` is older than `b` (on equal ages, the smaller id), so
// that the oldest does not depend on the order cases were added or parts merged.
bool older(std::int32_t age, std::string_view id, const open_case_age& b) {
  return age != b.age ? age > b.age : id < std::string_view(b.id);
}

}  // namespace

void backlog_metrics::add(std::string_view id, std::int32_t age) {
  ages.add(age);
  if (!oldest || older(age, id, *oldest)) oldest = open_case_age{std::string(id), age};
}

std::vector<std::int64_t> backlog_metrics::bucket_counts(
    const std::vector<std::int32_t>& limits) const {
  std::vector<std::int64_t> counts(limits.size() + 1, 0);
  std::size_t bucket = 0;
  // The histogram is ordered by age, so the buckets fill in one sweep.
  for (const auto& [age, count] : ages.counts()) {
    while (bucket < limits.size() && age > limits[bucket]) ++bucket;
    counts[bucket] += count;
  }
  return counts;
}

std::int64_t backlog_metrics::older_than(std::int32_t days) const {
  std::int64_t count = 0;
  for (auto found = ages.counts().upper_bound(days); found != ages.counts().end(); ++found) {
    count += found->second;
  }
  return count;
}

void backlog_metrics::merge(const backlog_metrics& other) {
  ages.merge(other.ages);
  if (other.oldest && (!oldest || older(other.oldest->age, other.oldest->id, *oldest)))
    oldest = other.oldest;
}

void group_metrics::merge(const group_metrics& other) {
  cases.merge(other.cases);
  for (std::size_t i = 0; i < support.size(); ++i) {
    try {
      support[i].merge(other.support[i]);
    } catch (const overflow_error&) {
      throw overflow_error("the " + std::string(to_string(money_measure_kinds[i])) +
                           " total passes what 64-bit fen hold (92,233,720,368,547,758.07 yuan)");
    }
  }
  return_to_work.merge(other.return_to_work);
  for (const auto& [item, totals] : other.supplies) supplies[item].merge(totals);
  resumption.merge(other.resumption);
  for (std::size_t i = 0; i < teams.size(); ++i) {
    detail::checked_add(teams[i], other.teams[i], "teams");
  }
  backlog.merge(other.backlog);
}

}  // namespace caseledger
