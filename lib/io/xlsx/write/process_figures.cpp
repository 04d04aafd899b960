#include "io/xlsx/write/process_figures.hpp"

#include <algorithm>
#include <utility>

namespace caseledger::detail {

process_counter::process_counter(const ledger& context, const report_options& options, bool wanted)
    : context_(context), options_(options), wanted_(wanted), unit_options_(options) {
  if (wanted_ && !context.units().empty()) {
    // The unit sheet shows case figures only: no comparison, no alerts.
    unit_options_.group_by = {group_dimension::unit};
    unit_options_.compare.reset();
    unit_options_.alerts.clear();
    units_ = std::make_unique<aggregator>(context_, unit_options_);
  }
}

void process_counter::add(const case_record& record) {
  if (!wanted_) return;
  if (units_) units_->add(record);
  // Open at as-of past the effective due, among the coordinated cases: the report's
  // overdue_open, case by case.
  const date as_of = options_.effective_as_of();
  if (record.reported_on < options_.from || record.reported_on > options_.to ||
      record.reported_on > as_of || record.status == case_status::withdrawn) {
    return;
  }
  if (record.status == case_status::resolved && record.resolved_on && *record.resolved_on <= as_of)
    return;
  if (record.status == case_status::unresolvable && record.closed_on && *record.closed_on <= as_of)
    return;
  const std::optional<date> due = effective_due(record, as_of);
  if (!due || !(*due < as_of)) return;
  overdue_case& found = figures_.overdue.emplace_back();
  found.id = record.id;
  found.district = record.district;
  found.unit = record.unit;
  found.summary = record.summary;
  found.category = record.category;
  found.reported_on = record.reported_on;
  found.due = *due;
  found.days = as_of - *due;
  const calendar& workdays = context_.workday_calendar();
  // Counted only where the calendar knows every day between: never a guess.
  if (workdays.covers(*due) && workdays.covers(as_of))
    found.workdays = workdays.workdays(*due, as_of);
}

process_figures process_counter::take(const report& r) {
  figures_.shown = wanted_ && shows_process(r, context_);
  std::sort(figures_.overdue.begin(), figures_.overdue.end(),
            [](const overdue_case& a, const overdue_case& b) {
              if (a.due != b.due) return a.due < b.due;
              return a.id < b.id;
            });
  if (units_) figures_.by_unit = finish_report(units_->take(), context_, unit_options_);
  process_figures taken = std::move(figures_);
  figures_ = {};
  return taken;
}

process_figures count_process(const report& r, const ledger& book, bool wanted) {
  process_counter counter(book, r.options, wanted);
  for (const case_record& c : book.cases()) counter.add(c);
  return counter.take(r);
}

}  // namespace caseledger::detail
