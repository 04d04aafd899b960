#include "caseledger/core/date.hpp"

#include <cstdio>

#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

// date has members named year, month and day, so the chrono types are spelled in full
// inside its member functions.
namespace chrono = std::chrono;
using chrono::sys_days;
using chrono::year_month_day;

std::int32_t days_of(year_month_day ymd) {
  return static_cast<std::int32_t>(sys_days(ymd).time_since_epoch().count());
}

}  // namespace

date::date(year_month_day ymd) {
  if (!ymd.ok()) throw value_error(value_error::kind::malformed, "not a valid calendar date");
  days_ = days_of(ymd);
}

date date::from_ymd(int y, unsigned m, unsigned d) {
  const year_month_day ymd{chrono::year(y), chrono::month(m), chrono::day(d)};
  if (!ymd.ok()) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u is not a calendar date", y, m, d);
    throw value_error(value_error::kind::malformed, text);
  }
  return date(ymd);
}

date date::parse(std::string_view text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && digit(0) &&
                      digit(1) && digit(2) && digit(3) && digit(5) && digit(6) && digit(8) &&
                      digit(9);
  if (!shaped) {
    throw value_error(value_error::kind::malformed,
                      "'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
  }
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int y = number(0, 4);
  const auto m = static_cast<unsigned>(number(5, 2));
  const auto d = static_cast<unsigned>(number(8, 2));
  if (!year_month_day{chrono::year(y), chrono::month(m), chrono::day(d)}.ok()) {
    throw value_error(value_error::kind::malformed,
                      "'" + std::string(text) + "' is not a calendar date");
  }
  return from_ymd(y, m, d);
}

year_month_day date::ymd() const noexcept { return year_month_day{sys_days{chrono::days{days_}}}; }
int date::year() const noexcept { return static_cast<int>(ymd().year()); }
unsigned date::month() const noexcept { return static_cast<unsigned>(ymd().month()); }
unsigned date::day() const noexcept { return static_cast<unsigned>(ymd().day()); }

std::string date::to_string() const {
  const year_month_day value = ymd();
  const int y = static_cast<int>(value.year());
  const auto m = static_cast<unsigned>(value.month());
  const auto d = static_cast<unsigned>(value.day());
  if (y < 0 || y > 9999) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
    return text;
  }
  // Digit by digit rather than through printf: a sheet's dates are read as this text.
  std::string text = "0000-00-00";
  const auto put = [&text](std::size_t end, unsigned number) {
    for (std::size_t i = end; number != 0; number /= 10)
      text[--i] = static_cast<char>('0' + number % 10);
  };
  put(4, static_cast<unsigned>(y));
  put(7, m);
  put(10, d);
  return text;
}

std::string date::month_key() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", year(), month());
  return text;
}

date date::first_of_month() const {
  const auto ymd_value = ymd();
  return date(year_month_day{ymd_value.year(), ymd_value.month(), chrono::day(1)});
}

date date::first_of_next_month() const {
  const auto ymd_value = ymd();
  const auto next = chrono::year_month{ymd_value.year(), ymd_value.month()} + chrono::months{1};
  return date(year_month_day{next.year(), next.month(), chrono::day(1)});
}

}  // namespace caseledger
