#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace caseledger {

/// A calendar date (proleptic Gregorian, no time zone), held as days since 1970-01-01.
///
///     auto d = caseledger::date::parse("2020-02-29");
///     d.to_string();                                    // "2020-02-29"
///     d.month_key();                                    // "2020-02"
///     caseledger::date::parse("2020-03-01") - d;        // 1 (days)
class date {
 public:
  /// 1970-01-01.
  constexpr date() noexcept = default;

  /// The date `ymd`, which must be valid (`ymd.ok()`); throws `value_error` if not.
  explicit date(std::chrono::year_month_day ymd);

  /// The date year-month-day; throws `value_error` for an impossible date such as
  /// 2020-02-30.
  static date from_ymd(int year, unsigned month, unsigned day);

  /// The date `days` days after 1970-01-01 (negative: before).
  static constexpr date from_days(std::int32_t days) noexcept { return date(days); }

  /// Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year). Throws
  /// `value_error` naming the problem: wrong shape or an impossible date.
  static date parse(std::string_view text);

  int year() const noexcept;
  unsigned month() const noexcept;
  unsigned day() const noexcept;
  std::chrono::year_month_day ymd() const noexcept;

  /// Days since 1970-01-01.
  constexpr std::int32_t days_since_epoch() const noexcept { return days_; }

  /// "YYYY-MM-DD".
  std::string to_string() const;

  /// "YYYY-MM", the key of the date's month.
  std::string month_key() const;

  /// The first day of the date's month.
  date first_of_month() const;

  /// The first day of the following month.
  date first_of_next_month() const;

  /// The date `n` days later (earlier when negative).
  constexpr date plus_days(std::int32_t n) const noexcept { return date(days_ + n); }

  /// Whole days from `b` to `a` (positive when `a` is later).
  friend constexpr std::int32_t operator-(date a, date b) noexcept { return a.days_ - b.days_; }

  friend constexpr auto operator<=>(date, date) noexcept = default;

 private:
  constexpr explicit date(std::int32_t days) noexcept : days_(days) {}
  std::int32_t days_ = 0;
};

}  // namespace caseledger
