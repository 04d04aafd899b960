// The working-day calendar: for each covered day, the number of working days before it,
// and for each working day, its day. Every query is one or two look-ups in them.
#include "caseledger/core/calendar.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "caseledger/core/error.hpp"
#include "core/china_holidays.hpp"

namespace caseledger {

struct calendar::table {
  int first_year = 0;
  int last_year = 0;
  std::int32_t origin = 0;             ///< days since 1970-01-01 of first_year-01-01
  std::vector<std::int32_t> before{};  ///< before[i]: working days among days [0, i)
  std::vector<std::int32_t> day_of{};  ///< day_of[k]: the day (index) of working day k
};

namespace {

constexpr int most_years = 400;

std::string years_text(int first, int last) {
  return first == last ? std::to_string(first)
                       : std::to_string(first) + "\u2013" + std::to_string(last);
}

std::int32_t start_of(int year) { return date::from_ymd(year, 1, 1).days_since_epoch(); }

/// Monday to Friday (1970-01-01 was a Thursday).
bool is_weekday(std::int32_t days_since_epoch) {
  const std::int32_t weekday = ((days_since_epoch % 7) + 7 + 3) % 7;  // 0 = Monday
  return weekday < 5;
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const int units = n % 10;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (units == 1) suffix = "st";
    if (units == 2) suffix = "nd";
    if (units == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

/// The day of each covered day: working (true) or rest, being built.
struct day_flags {
  int first_year = 0;
  int last_year = 0;
  std::int32_t origin = 0;
  std::vector<bool> working{};

  day_flags(int first, int last) : first_year(first), last_year(last), origin(start_of(first)) {
    const auto count = static_cast<std::size_t>(start_of(last + 1) - origin);
    working.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      working[i] = is_weekday(origin + static_cast<std::int32_t>(i));
    }
  }

  bool covers(date day) const {
    const std::int64_t i = std::int64_t{day.days_since_epoch()} - origin;
    return i >= 0 && static_cast<std::uint64_t>(i) < working.size();
  }

  void set(date day, bool value) {
    working[static_cast<std::size_t>(day.days_since_epoch() - origin)] = value;
  }
};

void check_range(int first_year, int last_year) {
  if (first_year > last_year) {
    throw usage_error("a calendar's first year (" + std::to_string(first_year) +
                      ") is after its last (" + std::to_string(last_year) + ")");
  }
  if (first_year < 1 || last_year > 9998 || last_year - first_year >= most_years) {
    throw usage_error("a calendar covers at most " + std::to_string(most_years) +
                      " years between 1 and 9998, not " + years_text(first_year, last_year));
  }
}

/// Refuses a day listed both as a holiday and as a workday, or outside `flags`' years.
void check_days(const day_flags& flags, std::span<const date> holidays,
                std::span<const date> workdays) {
  for (const auto& list : {holidays, workdays}) {
    for (const date day : list) {
      if (!flags.covers(day)) {
        throw usage_error(day.to_string() + " is outside the calendar's years (" +
                          years_text(flags.first_year, flags.last_year) + ")");
      }
    }
  }
  std::vector<date> sorted(workdays.begin(), workdays.end());
  std::sort(sorted.begin(), sorted.end());
  for (const date day : holidays) {
    if (std::binary_search(sorted.begin(), sorted.end(), day)) {
      throw usage_error(day.to_string() + " is listed both as a holiday and as a workday");
    }
  }
}

}  // namespace

calendar calendar::build(int first_year, int last_year, const std::vector<bool>& working) {
  auto made = std::make_shared<table>();
  made->first_year = first_year;
  made->last_year = last_year;
  made->origin = start_of(first_year);
  made->before.reserve(working.size() + 1);
  made->before.push_back(0);
  std::int32_t count = 0;
  for (std::size_t i = 0; i < working.size(); ++i) {
    if (working[i]) {
      made->day_of.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
    made->before.push_back(count);
  }
  return calendar(std::move(made));
}

calendar::calendar(int first_year, int last_year, std::span<const date> holidays,
                   std::span<const date> workdays) {
  check_range(first_year, last_year);
  day_flags flags(first_year, last_year);
  check_days(flags, holidays, workdays);
  for (const date day : holidays) flags.set(day, false);
  for (const date day : workdays) flags.set(day, true);
  *this = build(first_year, last_year, flags.working);
}

calendar calendar::china() {
  static const calendar shipped = [] {
    day_flags flags(detail::china_first_year, detail::china_last_year);
    // The notices in order, each overriding the days of those before it (the 2020
    // extension makes 2020-02-01 a rest day again). Days of a notice outside the covered
    // years (2018-12-29 to 2018-12-31 of the 2019 notice) are left out.
    for (const auto& notice : detail::china_holiday_notices()) {
      for (const auto& item : notice.items) {
        const date last = date::parse(item.last);
        for (date day = date::parse(item.first); day <= last; day = day.plus_days(1)) {
          if (flags.covers(day)) flags.set(day, false);
        }
        for (const auto text : item.workdays) {
          const date day = date::parse(text);
          if (flags.covers(day)) flags.set(day, true);
        }
      }
    }
    return build(flags.first_year, flags.last_year, flags.working);
  }();
  return shipped;
}

calendar calendar::with_days(const calendar_days& extra) const {
  const table& base = *tables_;
  int first = base.first_year;
  int last = base.last_year;
  std::vector<int> years = extra.years;
  std::sort(years.begin(), years.end());
  for (std::size_t i = 0; i < years.size(); ++i) {
    const int year = years[i];
    if (year >= base.first_year && year <= base.last_year) {
      throw usage_error(std::to_string(year) + " is already in the working-day calendar (" +
                        years_text(base.first_year, base.last_year) +
                        "); list its extra days without declaring the year");
    }
    if (i > 0 && years[i - 1] == year) {
      throw usage_error(std::to_string(year) + " is declared twice");
    }
    first = std::min(first, year);
    last = std::max(last, year);
  }
  check_range(first, last);
  for (int year = first; year <= last; ++year) {
    const bool covered = (year >= base.first_year && year <= base.last_year) ||
                         std::binary_search(years.begin(), years.end(), year);
    if (!covered) {
      throw usage_error("the calendar's years must follow one another: " + std::to_string(year) +
                        " is missing between " + years_text(base.first_year, base.last_year) +
                        " and the years added");
    }
  }
  day_flags flags(first, last);
  for (std::int32_t i = 0; i + 1 < static_cast<std::int32_t>(base.before.size()); ++i) {
    const auto at = static_cast<std::size_t>(i);
    flags.set(date::from_days(base.origin + i), base.before[at + 1] != base.before[at]);
  }
  check_days(flags, extra.holidays, extra.workdays);
  for (const date day : extra.holidays) flags.set(day, false);
  for (const date day : extra.workdays) flags.set(day, true);
  return build(flags.first_year, flags.last_year, flags.working);
}

int calendar::first_year() const noexcept { return tables_->first_year; }
int calendar::last_year() const noexcept { return tables_->last_year; }

bool calendar::covers(date day) const noexcept {
  // In 64 bits: a date near the ends of date's range must not overflow the subtraction.
  const std::int64_t i = std::int64_t{day.days_since_epoch()} - tables_->origin;
  return i >= 0 && static_cast<std::uint64_t>(i) + 1 < tables_->before.size();
}

std::int32_t calendar::index_of(date day) const {
  if (!covers(day)) {
    const table& t = *tables_;
    throw calendar_range_error(day.to_string() + " is outside the working-day calendar (" +
                                   years_text(t.first_year, t.last_year) +
                                   "); add a calendar file for " + std::to_string(day.year()),
                               day, t.first_year, t.last_year);
  }
  return day.days_since_epoch() - tables_->origin;
}

bool calendar::is_workday(date day) const {
  const auto i = static_cast<std::size_t>(index_of(day));
  return tables_->before[i + 1] != tables_->before[i];
}

date calendar::add_workdays(date from, int n) const {
  if (n < 0) {
    throw usage_error("add_workdays counts forward: " + std::to_string(n) +
                      " working days is negative");
  }
  const auto i = static_cast<std::size_t>(index_of(from));
  if (n == 0) return from;
  const table& t = *tables_;
  // Working days up to and including `from`, then the n-th after them.
  const auto k = static_cast<std::size_t>(t.before[i + 1]) + static_cast<std::size_t>(n) - 1;
  if (k >= t.day_of.size()) {
    const date after = date::from_days(t.origin + static_cast<std::int32_t>(t.before.size() - 1));
    throw calendar_range_error("the " + ordinal(n) + " working day after " + from.to_string() +
                                   " falls after the end of the working-day calendar (" +
                                   years_text(t.first_year, t.last_year) +
                                   "); add a calendar file for " + std::to_string(after.year()),
                               after, t.first_year, t.last_year);
  }
  return date::from_days(t.origin + t.day_of[k]);
}

std::int32_t calendar::workdays(date a, date b) const {
  const auto i = static_cast<std::size_t>(index_of(a));
  const auto j = static_cast<std::size_t>(index_of(b));
  return tables_->before[j + 1] - tables_->before[i + 1];
}

}  // namespace caseledger
