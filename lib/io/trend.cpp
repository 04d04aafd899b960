#include "io/trend.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

// Options that only count: the trend reads figures, never comparisons, alerts or headlines.
report_options counting_options(const report_options& options) {
  report_options counting = options;
  counting.compare.reset();
  counting.alerts.clear();
  return counting;
}

}  // namespace

trend_counter::trend_counter(const ledger& context, const report_options& options)
    : context_(context), weekly_(is_weekly(options)) {
  const auto add_period = [this](report_options period_options, bool counts_resolved) {
    auto& p = *periods_.emplace_back(std::make_unique<period>());
    p.options = std::move(period_options);
    p.counts_resolved = counts_resolved;
    p.adder = std::make_unique<aggregator>(context_, p.options);
  };
  if (!weekly_) {
    report_options monthly = counting_options(options);
    monthly.group_by = {group_dimension::month};
    add_period(std::move(monthly), true);
    return;
  }
  const date as_of = options.effective_as_of();
  for (date start = options.from; start <= options.to;) {
    const std::int32_t weekday = ((start.days_since_epoch() + 3) % 7 + 7) % 7;  // Monday 0
    const date end = std::min(start.plus_days(6 - weekday), options.to);
    report_options week = counting_options(options);
    week.from = start;
    week.to = end;
    week.group_by = {group_dimension::district};
    // A week after the as-of date: nothing in it is resolved yet (and as_of may not
    // precede a window), so only what was reported counts.
    const bool counts_resolved = as_of >= start;
    week.as_of = counts_resolved ? as_of : start;
    add_period(std::move(week), counts_resolved);
    start = end.plus_days(1);
  }
}

void trend_counter::add(const case_record& record) {
  for (const auto& p : periods_) p->adder->add(record);
}

std::vector<trend_point> trend_counter::take_points() {
  std::vector<trend_point> points;
  for (const auto& p : periods_) {
    const report figures = finish_report(p->adder->take(), context_, p->options);
    if (!weekly_) {
      for (const report_group& group : figures.groups) {
        // Resumption and teams have no month; their group is not a point of the trend.
        if (group.key.empty() || !group.key.front()) continue;
        const case_metrics& cases = group.metrics.cases;
        const date start = date::parse(*group.key.front() + "-01");
        points.push_back({start, std::min(start.first_of_next_month().plus_days(-1), p->options.to),
                          cases.coordinated, cases.resolved, cases.resolved_in_window});
      }
      continue;
    }
    const case_metrics& cases = figures.total.metrics.cases;
    trend_point point{p->options.from, p->options.to, cases.coordinated, 0, 0};
    if (p->counts_resolved) {
      point.resolved = cases.resolved;
      point.resolved_in_period = cases.resolved_in_window;
    }
    points.push_back(point);
  }
  periods_.clear();
  return points;
}

std::optional<std::vector<trend_point>> count_trend_if_held(const report& r, const ledger& book,
                                                            std::int64_t* held) {
  trend_counter counter(book, r.options);
  std::int64_t coordinated = 0;
  for (const case_record& c : book.cases()) {
    counter.add(c);
    if (c.reported_on >= r.options.from && c.reported_on <= r.options.to &&
        c.status != case_status::withdrawn) {
      ++coordinated;
    }
  }
  if (held != nullptr) *held = coordinated;
  if (coordinated != r.total.metrics.cases.coordinated) return std::nullopt;
  return counter.take_points();
}

std::vector<trend_point> count_trend(const report& r, const ledger& book, std::string_view why) {
  std::int64_t held = 0;
  std::optional<std::vector<trend_point>> points = count_trend_if_held(r, book, &held);
  if (!points) {
    throw usage_error("the ledger given holds " + std::to_string(held) + " of the " +
                      std::to_string(r.total.metrics.cases.coordinated) +
                      " cases the report coordinated: " + std::string(why));
  }
  return std::move(*points);
}

}  // namespace caseledger::detail
