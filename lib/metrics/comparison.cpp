#include "caseledger/metrics/comparison.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "caseledger/core/error.hpp"
#include "util/decimal.hpp"

namespace caseledger {
namespace {

// A month as one integer that orders chronologically: year * 12 + month - 1.
std::int32_t month_number(date day) {
  return static_cast<std::int32_t>(day.year()) * 12 + static_cast<std::int32_t>(day.month()) - 1;
}

// The first day of a month_number.
date first_of(std::int32_t number) {
  const std::int32_t year = number >= 0 ? number / 12 : (number - 11) / 12;
  return date::from_ymd(year, static_cast<unsigned>(number - year * 12 + 1), 1);
}

bool whole_months(date from, date to) { return from.day() == 1 && to.plus_days(1).day() == 1; }

// The same day a year earlier; 29 February becomes 28 February.
date year_before(date day) {
  const date month = first_of(month_number(day) - 12);
  const date last_of_month = month.first_of_next_month().plus_days(-1);
  return date::from_ymd(month.year(), month.month(), std::min(day.day(), last_of_month.day()));
}

// "YYYY-MM" moved by `months`.
std::string shifted_month(const std::string& key, std::int32_t months) {
  const date month = date::parse(key + "-01");
  return first_of(month_number(month) + months).month_key();
}

__extension__ using int128 = __int128;

detail::uint128 magnitude(int128 v) {
  return v < 0 ? static_cast<detail::uint128>(-v) : static_cast<detail::uint128>(v);
}

// `numerator / denominator` (denominator > 0) rounded half-up to `decimals` with a sign
// when the rounded figure is not zero.
std::string signed_quotient(int128 numerator, int128 denominator, int decimals) {
  if (decimals < 0 || decimals > 6) {
    throw usage_error("rate decimals must be 0 to 6, got " + std::to_string(decimals));
  }
  std::string text = detail::divide_rounded(magnitude(numerator), magnitude(denominator), decimals);
  if (text.find_first_not_of("0.") != std::string::npos) text.insert(0, numerator < 0 ? "-" : "+");
  return text;
}

// A count or amount past this cannot be multiplied by another and by 100 in 128 bits.
constexpr std::int64_t product_limit = std::int64_t{1} << 56;

void check_rate(const rate& r) {
  if (r.num > product_limit || r.num < -product_limit || r.den > product_limit || r.den < 0) {
    throw overflow_error("a rate's terms are too large to compare exactly");
  }
}

}  // namespace

comparison_window comparison_window_for(const report_options& options) {
  if (!options.compare) throw usage_error("the report options ask for no comparison");
  const comparison_spec& spec = *options.compare;
  comparison_window window;
  window.kind = spec.kind;
  const date from = options.from;
  const date to = options.to;
  switch (spec.kind) {
    case comparison_kind::previous:
      window.to = from.plus_days(-1);
      if (whole_months(from, to)) {
        const std::int32_t months = month_number(to) - month_number(from) + 1;
        window.from = first_of(month_number(from) - months);
      } else {
        window.from = window.to.plus_days(-(to - from));
      }
      break;
    case comparison_kind::year_ago:
      if (whole_months(from, to)) {
        window.from = first_of(month_number(from) - 12);
        window.to = first_of(month_number(to) - 11).plus_days(-1);
      } else {
        window.from = year_before(from);
        window.to = year_before(to);
      }
      break;
    case comparison_kind::window:
      window.from = spec.from;
      window.to = spec.to;
      break;
  }
  window.as_of = std::max(window.from, window.to.plus_days(options.effective_as_of() - to));
  return window;
}

report_options comparison_options(const report_options& options) {
  const comparison_window window = comparison_window_for(options);
  report_options base = options;
  base.from = window.from;
  base.to = window.to;
  base.as_of = window.as_of;
  base.compare.reset();
  base.alerts.clear();
  base.title.clear();
  return base;
}

void attach_comparison(report& r, const report& base) {
  const comparison_window window = comparison_window_for(r.options);
  const std::int32_t months = month_number(r.options.from) - month_number(base.options.from);
  std::map<group_key, const group_metrics*> by_key;
  for (const report_group& group : base.groups) {
    group_key key = group.key;
    for (std::size_t i = 0; i < key.size() && i < base.options.group_by.size(); ++i) {
      if (base.options.group_by[i] == group_dimension::month && key[i]) {
        key[i] = shifted_month(*key[i], months);
      }
    }
    by_key.emplace(std::move(key), &group.metrics);
  }
  for (report_group& group : r.groups) {
    const auto found = by_key.find(group.key);
    group.comparison = found == by_key.end() ? group_metrics{} : *found->second;
  }
  r.total.comparison = base.total.metrics;
  r.comparison = window;
}

std::optional<double> count_change::relative() const noexcept {
  if (base <= 0) return std::nullopt;
  return static_cast<double>(change) / static_cast<double>(base);
}

std::optional<std::string> count_change::relative_display(int decimals) const {
  if (base <= 0) return std::nullopt;
  return signed_quotient(int128{change} * 100, base, decimals) + "%";
}

count_change compare_counts(std::int64_t value, std::int64_t base) {
  count_change result;
  result.base = base;
  if (__builtin_sub_overflow(value, base, &result.change)) {
    throw overflow_error("the change of a count does not fit in a 64-bit integer");
  }
  return result;
}

std::optional<double> money_change::relative() const noexcept {
  if (base.fen() <= 0) return std::nullopt;
  return static_cast<double>(change.fen()) / static_cast<double>(base.fen());
}

std::optional<std::string> money_change::relative_display(int decimals) const {
  if (base.fen() <= 0) return std::nullopt;
  return signed_quotient(int128{change.fen()} * 100, base.fen(), decimals) + "%";
}

money_change compare_money(money value, money base) { return {base, value - base}; }

std::optional<double> rate_change::points() const noexcept {
  const auto now = value.value();
  const auto then = base.value();
  if (!now || !then) return std::nullopt;
  return (*now - *then) * 100;
}

std::optional<std::string> rate_change::points_display(int decimals) const {
  if (value.den == 0 || base.den == 0) return std::nullopt;
  check_rate(value);
  check_rate(base);
  // num/den − num'/den' as one exact fraction, times 100 for points.
  const int128 numerator = (int128{value.num} * base.den - int128{base.num} * value.den) * 100;
  return signed_quotient(numerator, int128{value.den} * base.den, decimals);
}

}  // namespace caseledger
