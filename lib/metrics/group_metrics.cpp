#include "caseledger/metrics/group_metrics.hpp"

#include <cstddef>

#include "detail/checked.hpp"

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
}

void support_totals::merge(const support_totals& other) {
  amount += other.amount;  // money throws overflow_error itself
  detail::checked_add(count, other.count, "measures");
  beneficiaries.insert(other.beneficiaries.begin(), other.beneficiaries.end());
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
  recipients.insert(other.recipients.begin(), other.recipients.end());
}

void resumption_counts::merge(const resumption_counts& other) {
  detail::checked_add(tracked, other.tracked, "tracked enterprises and projects");
  detail::checked_add(resumed, other.resumed, "resumed enterprises and projects");
}

void group_metrics::merge(const group_metrics& other) {
  cases.merge(other.cases);
  for (std::size_t i = 0; i < support.size(); ++i) support[i].merge(other.support[i]);
  return_to_work.merge(other.return_to_work);
  for (const auto& [item, totals] : other.supplies) supplies[item].merge(totals);
  resumption.merge(other.resumption);
  for (std::size_t i = 0; i < teams.size(); ++i) {
    detail::checked_add(teams[i], other.teams[i], "teams");
  }
}

}  // namespace caseledger
