#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"

namespace caseledger {

/// What a calendar file adds to a calendar (`calendar::with_days`; `read_calendar` reads
/// it from a file, docs/calendar.md).
struct calendar_days {
  /// Whole years to add: Monday to Friday working days, except the days listed below. The
  /// calendar's years must follow one another, and a year already covered cannot be
  /// declared again.
  std::vector<int> years{};
  /// Days that become rest days (a province's holiday, a year's public holidays).
  std::vector<date> holidays{};
  /// Days that become working days (调休上班: a weekend day worked).
  std::vector<date> workdays{};
};

/// A query that reaches a date outside every year the calendar covers. `what()` names the
/// date and the covered years: "2031-01-02 is outside the working-day calendar
/// (2019–2026); add a calendar file for 2031". A usage_error: the fix is a calendar file
/// for that year, never a guess.
class calendar_range_error : public usage_error {
 public:
  calendar_range_error(const std::string& message, date day, int first_year, int last_year)
      : usage_error(message), day_(day), first_year_(first_year), last_year_(last_year) {}
  /// The date outside the calendar (for a working day counted past the end, the day after
  /// the calendar's last day).
  date day() const noexcept { return day_; }
  int first_year() const noexcept { return first_year_; }
  int last_year() const noexcept { return last_year_; }

 private:
  date day_;
  int first_year_;
  int last_year_;
};

/// Which days are working days, over whole years first_year()..last_year(): Monday to
/// Friday, minus public holidays, plus the weekend days declared working days (调休上班).
/// Every query is O(1) (a count of working days before each day, and the day of each
/// working day), so a report can ask once per case over millions of cases. A query that
/// touches a date outside the covered years throws `calendar_range_error`.
///
///     auto china = caseledger::calendar::china();            // 2019–2026, docs/calendar.md
///     auto received = caseledger::date::parse("2020-01-23");
///     china.add_workdays(received, 7);                         // 2020-02-11
///     china.workdays(received, caseledger::date::parse("2020-02-11"));  // 7
///     china.is_workday(caseledger::date::parse("2020-02-01")); // false (the 2020 extension)
///
/// Copies are cheap: they share the immutable tables.
class calendar {
 public:
  /// The calendar of the years first_year..last_year: Monday to Friday are working days,
  /// except `holidays`, plus `workdays`. Throws `usage_error` for an empty range, more
  /// than 400 years, a day outside the years, or a day listed as both.
  calendar(int first_year, int last_year, std::span<const date> holidays = {},
           std::span<const date> workdays = {});

  /// Mainland China's national calendar from the State Council General Office's yearly
  /// notices (国务院办公厅关于XXXX年部分节假日安排的通知), 2019 to the latest published
  /// year, with 2019's Labour Day and 2020's Spring Festival as amended (2020-01-24 to
  /// 2020-02-02 rest, 2020-02-01 no longer a working day). Sources: docs/calendar.md.
  static calendar china();

  /// This calendar with `extra` applied: its years added (weekday rule), then its holidays
  /// made rest days and its workdays working days. Throws `usage_error` for a year already
  /// covered, years that would leave a gap, a day outside both the covered and the new
  /// years, or a day listed as both a holiday and a workday.
  calendar with_days(const calendar_days& extra) const;

  /// The first and last year covered (whole years, 1 January to 31 December).
  int first_year() const noexcept;
  int last_year() const noexcept;

  /// Whether `day` lies in a covered year.
  bool covers(date day) const noexcept;

  /// Whether `day` is a working day.
  bool is_workday(date day) const;

  /// The n-th working day after `from` (`from` itself not counted); `from` when n is 0.
  /// Throws `usage_error` for a negative n, `calendar_range_error` when `from` or the
  /// result lies outside the covered years.
  date add_workdays(date from, int n) const;

  /// The number of working days d with a < d ≤ b; for b < a, −workdays(b, a) (so that
  /// workdays(a, add_workdays(a, n)) == n and workdays(a, b) + workdays(b, c) ==
  /// workdays(a, c)); 0 when a == b. Both dates must be covered.
  std::int32_t workdays(date a, date b) const;

 private:
  struct table;
  explicit calendar(std::shared_ptr<const table> tables) : tables_(std::move(tables)) {}
  /// The calendar of first_year..last_year whose day i (from 1 January of first_year) is a
  /// working day when working[i].
  static calendar build(int first_year, int last_year, const std::vector<bool>& working);
  std::int32_t index_of(date day) const;

  std::shared_ptr<const table> tables_;
};

}  // namespace caseledger
