#include "caseledger/metrics/headlines.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "caseledger/metrics/comparison.hpp"
#include "util/decimal.hpp"

namespace caseledger {
namespace {

std::string signed_count(std::int64_t change) {
  return (change > 0 ? "+" : "") + std::to_string(change);
}

headline_figure count_figure(std::int64_t n) { return {std::to_string(n), n}; }

headline_figure rate_figure(const rate& r, int decimals) { return {r.display(decimals), r.num}; }

headline_figure money_figure(money amount, report_language language) {
  return {money_words(amount, language), amount.fen()};
}

// The mean of a histogram of days to one decimal, or no value when it is empty.
headline_figure mean_figure(const day_histogram& days) {
  if (days.count() == 0) return {};
  return {detail::divide_rounded(static_cast<detail::uint128>(days.sum()),
                                 static_cast<detail::uint128>(days.count()), 1),
          days.sum()};
}

}  // namespace

headline_figures headline_figures_of(const report& r, const report_group& group,
                                     report_language language) {
  const group_metrics& m = group.metrics;
  const int decimals = r.options.rate_decimals;
  const bool chinese = language != report_language::en;
  headline_figures figures;
  figures["period"] = {period_name(r.options.from, r.options.to, language), 1};
  figures["period_short"] = {period_name(r.options.from, r.options.to, language, true), 1};
  figures["group"] = {chinese ? group.label.zh : group.label.en, 1};
  figures["coordinated"] = count_figure(m.cases.coordinated);
  figures["resolved"] = count_figure(m.cases.resolved);
  figures["unresolvable"] = count_figure(m.cases.unresolvable);
  figures["open"] = count_figure(m.cases.open());
  figures["late"] = count_figure(m.cases.late);
  figures["resolved_in_window"] = count_figure(m.cases.resolved_in_window);
  figures["resolution_rate"] = rate_figure(m.cases.resolution_rate(), decimals);
  figures["on_time_rate"] = rate_figure(m.cases.on_time_rate(), decimals);
  figures["resumption_rate"] = rate_figure(m.resumption.resumption_rate(), decimals);
  figures["mean_days"] = mean_figure(m.cases.days_to_resolve);
  figures["overdue_open"] = count_figure(m.cases.overdue_open);
  figures["extended"] = count_figure(m.cases.extended);
  figures["extension_rate"] = rate_figure(m.cases.extension_rate(), decimals);
  figures["followed_up"] = count_figure(m.cases.followed_up);
  figures["follow_up_rate"] = rate_figure(m.cases.follow_up_rate(), decimals);
  figures["satisfaction_rate"] = rate_figure(m.cases.satisfaction_rate(), decimals);
  figures["mean_workdays"] = mean_figure(m.cases.workdays_to_resolve);
  figures["co_handled"] = count_figure(m.cases.co_handled);
  for (const measure_kind kind : money_measure_kinds) {
    const support_totals& totals = m.support[enum_index(kind)];
    const std::string name(to_string(kind));
    figures[name + "_amount"] = money_figure(totals.amount, language);
    figures[name + "_count"] = count_figure(totals.count);
  }
  figures["workers"] = count_figure(m.return_to_work.workers);
  figures["trips"] = count_figure(m.return_to_work.trips);
  figures["backlog_open"] = count_figure(m.backlog.ages.count());
  figures["oldest_open_case"] =
      m.backlog.oldest ? headline_figure{m.backlog.oldest->id, 1} : headline_figure{};
  figures["oldest_open_age"] =
      m.backlog.oldest ? count_figure(m.backlog.oldest->age) : headline_figure{};

  // The comparison figures have no value without a comparison.
  headline_figure& compare_period = figures["compare_period"];
  headline_figure& compare_label = figures["compare_label"];
  headline_figure& coordinated_change = figures["coordinated_change"];
  headline_figure& coordinated_relative = figures["coordinated_change_relative"];
  headline_figure& resolved_change = figures["resolved_change"];
  headline_figure& resolved_relative = figures["resolved_change_relative"];
  headline_figure& rate_points = figures["resolution_rate_change_points"];
  headline_figure& overdue_change = figures["overdue_open_change"];
  headline_figure& satisfaction_points = figures["satisfaction_rate_change_points"];
  if (r.comparison && group.comparison) {
    const std::string period = period_name(r.comparison->from, r.comparison->to, language);
    compare_period = {period, 1};
    constexpr std::array<std::array<std::string_view, 3>, 3> labels = {
        {{"环比", "同比", "较"},
         {"環比", "同比", "較"},
         {"on the previous period", "year on year", "on "}}};
    const auto& words = labels[static_cast<std::size_t>(language)];
    std::string label(words[enum_index(r.comparison->kind)]);
    if (r.comparison->kind == comparison_kind::window) label += period;
    compare_label = {label, 1};
    const group_metrics& base = *group.comparison;
    const count_change coordinated = compare_counts(m.cases.coordinated, base.cases.coordinated);
    coordinated_change = {signed_count(coordinated.change), coordinated.change};
    coordinated_relative = {coordinated.relative_display(decimals), coordinated.change};
    const count_change resolved = compare_counts(m.cases.resolved, base.cases.resolved);
    resolved_change = {signed_count(resolved.change), resolved.change};
    resolved_relative = {resolved.relative_display(decimals), resolved.change};
    const rate_change points{m.cases.resolution_rate(), base.cases.resolution_rate()};
    rate_points = {points.points_display(decimals), points.value.num};
    const count_change overdue = compare_counts(m.cases.overdue_open, base.cases.overdue_open);
    overdue_change = {signed_count(overdue.change), overdue.change};
    const rate_change satisfaction{m.cases.satisfaction_rate(), base.cases.satisfaction_rate()};
    satisfaction_points = {satisfaction.points_display(decimals), satisfaction.value.num};
  }
  return figures;
}

void add_headlines(report& r) {
  const std::shared_ptr<const headline_templates> templates =
      r.options.headlines ? r.options.headlines : headline_templates::built_in();
  const auto fill = [&](report_group& group, headline_subject subject) {
    const auto sentence = [&](report_language language) {
      return templates->render(headline_figures_of(r, group, language), subject, language,
                               group.label.en);
    };
    group.headline.zh_hans = sentence(report_language::zh_hans);
    group.headline.zh_hant = sentence(report_language::zh_hant);
    group.headline.en = sentence(report_language::en);
  };
  for (report_group& group : r.groups) fill(group, headline_subject::group);
  fill(r.total, headline_subject::total);
}

}  // namespace caseledger
