#include "caseledger/core/calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/calendar_file.hpp"
#include "core/china_holidays.hpp"
#include "support/test_support.hpp"

namespace caseledger {
// Dates in failure messages as YYYY-MM-DD.
void PrintTo(date day, std::ostream* out) { *out << day.to_string(); }
}  // namespace caseledger

namespace {

using caseledger::calendar;
using caseledger::calendar_range_error;
using caseledger::date;
using caseledger::ledger_error;
using caseledger::usage_error;

date d(const char* text) { return date::parse(text); }

unsigned weekday(date day) {  // 0 = Sunday … 6 = Saturday
  return std::chrono::weekday{std::chrono::sys_days{day.ymd()}}.c_encoding();
}

bool is_weekend(date day) { return weekday(day) == 0 || weekday(day) == 6; }

const calendar& china() {
  static const calendar shipped = calendar::china();
  return shipped;
}

// ---- The clerk's cases, worked out by hand -------------------------------------------

TEST(Calendar, CoversTheYearsOfThePublishedNotices) {
  EXPECT_EQ(china().first_year(), 2019);
  EXPECT_EQ(china().last_year(), 2026);
  EXPECT_TRUE(china().covers(d("2019-01-01")));
  EXPECT_TRUE(china().covers(d("2026-12-31")));
  EXPECT_FALSE(china().covers(d("2018-12-31")));
  EXPECT_FALSE(china().covers(d("2027-01-01")));
}

TEST(Calendar, SpringFestival2020AsExtended) {
  // The 2020 notice: rest 01-24..01-30, 01-19 (Sunday) and 02-01 (Saturday) worked. The
  // extension (国办发明电〔2020〕1号): rest until Sunday 02-02, work again Monday 02-03, so
  // 01-31 and 02-01 are rest days too.
  EXPECT_TRUE(china().is_workday(d("2020-01-19")));
  EXPECT_TRUE(china().is_workday(d("2020-01-23")));
  for (date day = d("2020-01-24"); day <= d("2020-02-02"); day = day.plus_days(1)) {
    EXPECT_FALSE(china().is_workday(day)) << day.to_string();
  }
  EXPECT_FALSE(china().is_workday(d("2020-02-01")));  // was a 调休 Saturday before the extension
  EXPECT_TRUE(china().is_workday(d("2020-02-03")));

  // Received Thursday 2020-01-23, 7 working days: 02-03, 04, 05, 06, 07, 10, 11.
  // (Without the extension it would have been 01-31, 02-01, 03, 04, 05, 06, 07.)
  EXPECT_EQ(china().add_workdays(d("2020-01-23"), 7), d("2020-02-11"));
  EXPECT_EQ(china().add_workdays(d("2020-01-23"), 1), d("2020-02-03"));
  EXPECT_EQ(china().workdays(d("2020-01-23"), d("2020-02-11")), 7);
  EXPECT_EQ(china().workdays(d("2020-02-11"), d("2020-01-23")), -7);
  EXPECT_EQ(china().workdays(d("2020-01-23"), d("2020-02-02")), 0);
  // Received on a rest day: counting starts the same way.
  EXPECT_EQ(china().add_workdays(d("2020-01-25"), 7), d("2020-02-11"));
}

TEST(Calendar, DeadlineOnATiaoxiuSaturday) {
  // 2026: Saturday 02-14 is worked before the Spring Festival (02-15..02-23).
  EXPECT_TRUE(china().is_workday(d("2026-02-14")));
  EXPECT_EQ(weekday(d("2026-02-14")), 6u);
  EXPECT_EQ(china().add_workdays(d("2026-02-12"), 2), d("2026-02-14"));  // Fri 13, Sat 14
  EXPECT_EQ(china().add_workdays(d("2026-02-13"), 1), d("2026-02-14"));
  EXPECT_EQ(china().add_workdays(d("2026-02-13"), 2), d("2026-02-24"));  // then Tue 24
  EXPECT_EQ(china().workdays(d("2026-02-13"), d("2026-02-24")), 2);
  // 2020: Sunday 09-27 is worked before National Day.
  EXPECT_EQ(china().add_workdays(d("2020-09-25"), 1), d("2020-09-27"));
  EXPECT_EQ(china().add_workdays(d("2020-09-27"), 1), d("2020-09-28"));
  EXPECT_EQ(china().add_workdays(d("2020-09-30"), 1), d("2020-10-09"));  // Fri after 01..08
  EXPECT_EQ(china().add_workdays(d("2020-10-09"), 1), d("2020-10-10"));  // Saturday worked
}

TEST(Calendar, NewYearAcrossYears) {
  // 2025-01-01 (Wednesday) is the only rest day of New Year 2025, not made up (不调休):
  // Tue 12-31, then Thu 01-02 (1), Fri 01-03 (2), Mon 01-06 (3).
  EXPECT_EQ(china().add_workdays(d("2024-12-31"), 3), d("2025-01-06"));
  EXPECT_EQ(china().workdays(d("2024-12-31"), d("2025-01-06")), 3);
  EXPECT_FALSE(china().is_workday(d("2025-01-01")));
  // New Year 2026: rest Thu 01-01 to Sat 01-03, Sunday 01-04 worked.
  EXPECT_EQ(china().add_workdays(d("2025-12-31"), 1), d("2026-01-04"));
  EXPECT_EQ(china().add_workdays(d("2025-12-31"), 3), d("2026-01-06"));
  // New Year 2023 starts on Saturday 2022-12-31 (in the 2023 notice): rest to Mon 01-02.
  EXPECT_FALSE(china().is_workday(d("2022-12-31")));
  EXPECT_FALSE(china().is_workday(d("2023-01-02")));
  EXPECT_EQ(china().add_workdays(d("2022-12-30"), 1), d("2023-01-03"));
}

TEST(Calendar, OtherEdgesAClerkMeets) {
  // 2019 Labour Day as changed on 2019-03-22: rest 05-01..05-04, Sundays 04-28 and 05-05
  // worked (the first notice gave 05-01 only).
  EXPECT_TRUE(china().is_workday(d("2019-04-28")));
  EXPECT_FALSE(china().is_workday(d("2019-05-02")));
  EXPECT_FALSE(china().is_workday(d("2019-05-03")));
  EXPECT_TRUE(china().is_workday(d("2019-05-05")));
  EXPECT_EQ(china().add_workdays(d("2019-04-30"), 1), d("2019-05-05"));
  // 2024's 除夕 (02-09) is a working day: the notice only encourages giving it off.
  EXPECT_TRUE(china().is_workday(d("2024-02-09")));
  EXPECT_TRUE(china().is_workday(d("2024-02-18")));  // a Sunday worked
  EXPECT_EQ(china().add_workdays(d("2024-02-09"), 1), d("2024-02-18"));
  // n = 0 is the day itself, working or not.
  EXPECT_EQ(china().add_workdays(d("2020-01-25"), 0), d("2020-01-25"));
  EXPECT_EQ(china().workdays(d("2020-01-25"), d("2020-01-25")), 0);
}

// ---- Each notice as published --------------------------------------------------------

TEST(Calendar, EachNoticeHasItsSevenFestivals) {
  const std::set<std::string> festivals = {"元旦",   "春节",   "清明节", "劳动节",
                                           "端午节", "中秋节", "国庆节"};
  std::set<int> years;
  std::set<date> undone;  // 调休 working days a later notice made rest days
  for (const auto& notice : caseledger::detail::china_holiday_notices()) {
    SCOPED_TRACE(std::string(notice.number));
    for (const auto& item : notice.items) {
      SCOPED_TRACE(std::string(item.festival));
      const date first = date::parse(item.first);
      const date last = date::parse(item.last);
      ASSERT_LE(first, last);
      // The rest days are the notice's year's, but New Year may start in December before.
      EXPECT_EQ(last.year(), notice.year);
      EXPECT_TRUE(first.year() == notice.year || (first.month() == 12 && item.festival == "元旦"));
      if (item.stated_days > 0) {
        EXPECT_EQ(last - first + 1, item.stated_days);
      }
      for (const auto text : item.workdays) {
        const date workday = date::parse(text);
        EXPECT_TRUE(is_weekend(workday)) << text;
        if (china().covers(workday) && !china().is_workday(workday)) undone.insert(workday);
      }
    }
    if (notice.amends) continue;
    years.insert(notice.year);
    std::set<std::string> named;
    for (const auto& item : notice.items) {
      const std::string name(item.festival);
      const auto joined = name.find("、");
      if (joined == std::string::npos) {
        named.insert(name);
      } else {  // 国庆节、中秋节: two festivals in one item
        named.insert(name.substr(0, joined));
        named.insert(name.substr(joined + std::string("、").size()));
      }
    }
    EXPECT_EQ(named, festivals);
  }
  EXPECT_EQ(years, (std::set<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}));
  EXPECT_EQ(undone, std::set<date>{d("2020-02-01")});  // the 2020 extension
}

// The rest days of each festival block as the notices count them (共N天, weekends
// included), one line per year, and the weekend days worked.
struct year_count {
  int year;
  std::vector<std::pair<const char*, int>> blocks;  // first day, days of rest from it
};

TEST(Calendar, RestDaysPerFestivalAsTheNoticesSay) {
  const std::vector<year_count> years = {
      {2019,
       {{"2019-01-01", 1},  // 12-30 and 12-31 are in 2018
        {"2019-02-04", 7},
        {"2019-04-05", 3},  // Friday, 与周末连休
        {"2019-05-01", 4},
        {"2019-06-07", 3},
        {"2019-09-13", 3},
        {"2019-10-01", 7}}},
      {2020,
       {{"2020-01-01", 1},
        {"2020-01-24", 10},  // extended from 7
        {"2020-04-04", 3},
        {"2020-05-01", 5},
        {"2020-06-25", 3},
        {"2020-10-01", 8}}},
      {2021,
       {{"2021-01-01", 3},
        {"2021-02-11", 7},
        {"2021-04-03", 3},
        {"2021-05-01", 5},
        {"2021-06-12", 3},
        {"2021-09-19", 3},
        {"2021-10-01", 7}}},
      {2022,
       {{"2022-01-01", 3},
        {"2022-01-31", 7},
        {"2022-04-03", 3},
        {"2022-04-30", 5},
        {"2022-06-03", 3},
        {"2022-09-10", 3},
        {"2022-10-01", 7},
        {"2022-12-31", 1}}},  // the first day of New Year 2023
      {2023,
       {{"2023-01-01", 2},
        {"2023-01-21", 7},
        {"2023-04-05", 1},
        {"2023-04-29", 5},
        {"2023-06-22", 3},
        {"2023-09-29", 8}}},
      {2024,
       {{"2024-01-01", 1},  // Monday, 与周末连休 (the weekend is in 2023)
        {"2024-02-10", 8},
        {"2024-04-04", 3},
        {"2024-05-01", 5},
        {"2024-06-08", 3},  // 06-10 Monday, 与周末连休
        {"2024-09-15", 3},
        {"2024-10-01", 7}}},
      {2025,
       {{"2025-01-01", 1},
        {"2025-01-28", 8},
        {"2025-04-04", 3},
        {"2025-05-01", 5},
        {"2025-05-31", 3},
        {"2025-10-01", 8}}},
      {2026,
       {{"2026-01-01", 3},
        {"2026-02-15", 9},
        {"2026-04-04", 3},
        {"2026-05-01", 5},
        {"2026-06-19", 3},
        {"2026-09-25", 3},
        {"2026-10-01", 7}}},
  };
  for (const auto& year : years) {
    SCOPED_TRACE(year.year);
    for (const auto& [first_text, days] : year.blocks) {
      const date first = d(first_text);
      // A block of rest days: the day before and the day after are not in it.
      for (int i = 0; i < days; ++i) {
        EXPECT_FALSE(china().is_workday(first.plus_days(i))) << first.plus_days(i).to_string();
      }
      const date before = first.plus_days(-1);
      const date after = first.plus_days(days);
      if (china().covers(before) && !is_weekend(before)) {
        EXPECT_TRUE(china().is_workday(before)) << before.to_string();
      }
      if (china().covers(after) && !is_weekend(after)) {
        EXPECT_TRUE(china().is_workday(after)) << after.to_string();
      }
    }
  }
}

// Each year's number of working days, counted from an independent transcription of the
// same notices (NateScarlet/holiday-cn's data, 2026-08-07), not from caseledger's table.
TEST(Calendar, WorkingDaysPerYear) {
  const std::map<int, int> expected = {{2019, 250}, {2020, 249}, {2021, 250}, {2022, 249},
                                       {2023, 249}, {2024, 251}, {2025, 248}, {2026, 248}};
  for (const auto& [year, count] : expected) {
    const date first = date::from_ymd(year, 1, 1);
    const date last = date::from_ymd(year, 12, 31);
    EXPECT_EQ(china().workdays(first, last) + (china().is_workday(first) ? 1 : 0), count) << year;
  }
}

// The weekend days each year's notices declare working days, and the weekdays they make
// rest days, by hand from the notices.
TEST(Calendar, WeekendWorkdaysAndWeekdayHolidaysPerYear) {
  // year: {weekend days worked, weekdays rested}, counted by hand from each notice:
  // 2019: worked 02-02 02-03 04-28 05-05 09-29 10-12 = 6; rested 01-01, 02-04..08 (5),
  //       04-05, 05-01..03 (3), 06-07, 09-13, 10-01..04 + 07 (5) = 17.
  // 2020: worked 01-19 04-26 05-09 06-28 09-27 10-10 = 6; rested 01-01, 01-24 + 27..31
  //       (6), 04-06, 05-01 + 04..05 (3), 06-25..26 (2), 10-01..02 + 05..08 (6) = 19.
  // 2021: worked 02-07 02-20 04-25 05-08 09-18 09-26 10-09 = 7; rested 01-01, 02-11..12
  //       + 15..17 (5), 04-05, 05-03..05 (3), 06-14, 09-20..21 (2), 10-01 + 04..07 (5) = 18.
  // 2022: worked 01-29 01-30 04-02 04-24 05-07 10-08 10-09 = 7; rested 01-03, 01-31..02-04
  //       (5), 04-04..05 (2), 05-02..04 (3), 06-03, 09-12, 10-03..07 (5) = 18.
  // 2023: worked 01-28 01-29 04-23 05-06 06-25 10-07 10-08 = 7; rested 01-02, 01-23..27
  //       (5), 04-05, 05-01..03 (3), 06-22..23 (2), 09-29 + 10-02..06 (6) = 18.
  // 2024: worked 02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12 = 8; rested 01-01,
  //       02-12..16 (5), 04-04..05 (2), 05-01..03 (3), 06-10, 09-16..17 (2), 10-01..04 +
  //       07 (5) = 19.
  // 2025: worked 01-26 02-08 04-27 09-28 10-11 = 5; rested 01-01, 01-28..31 + 02-03..04
  //       (6), 04-04, 05-01..02 + 05 (3), 06-02, 10-01..03 + 06..08 (6) = 18.
  // 2026: worked 01-04 02-14 02-28 05-09 09-20 10-10 = 6; rested 01-01..02 (2), 02-16..20
  //       + 23 (6), 04-06, 05-01 + 04..05 (3), 06-19, 09-25, 10-01..02 + 05..07 (5) = 19.
  const std::map<int, std::pair<int, int>> by_hand = {
      {2019, {6, 17}}, {2020, {6, 19}}, {2021, {7, 18}}, {2022, {7, 18}},
      {2023, {7, 18}}, {2024, {8, 19}}, {2025, {5, 18}}, {2026, {6, 19}}};
  for (const auto& [year, counts] : by_hand) {
    int weekend_worked = 0;
    int weekday_rested = 0;
    for (date day = date::from_ymd(year, 1, 1); day.year() == year; day = day.plus_days(1)) {
      if (is_weekend(day) && china().is_workday(day)) ++weekend_worked;
      if (!is_weekend(day) && !china().is_workday(day)) ++weekday_rested;
    }
    EXPECT_EQ(weekend_worked, counts.first) << year;
    EXPECT_EQ(weekday_rested, counts.second) << year;
  }
}

// ---- The tables against a day-by-day count -------------------------------------------

/// Working days by the rule, day by day: the notices applied in order to a plain map.
class naive_calendar {
 public:
  naive_calendar() {
    for (const auto& notice : caseledger::detail::china_holiday_notices()) {
      for (const auto& item : notice.items) {
        for (date day = date::parse(item.first); day <= date::parse(item.last);
             day = day.plus_days(1)) {
          status_[day] = false;
        }
        for (const auto workday : item.workdays) status_[date::parse(workday)] = true;
      }
    }
  }
  bool is_workday(date day) const {
    const auto found = status_.find(day);
    return found != status_.end() ? found->second : !is_weekend(day);
  }
  std::int32_t workdays(date a, date b) const {
    std::int32_t count = 0;
    for (date day = a.plus_days(1); day <= b; day = day.plus_days(1)) count += is_workday(day);
    return count;
  }

 private:
  std::map<date, bool> status_;
};

TEST(Calendar, AgreesWithADayByDayCountOverTheWholeRange) {
  const naive_calendar naive;
  const date first = d("2019-01-01");
  const date last = d("2026-12-31");
  std::int32_t running = 0;  // working days in (first, day]
  for (date day = first; day <= last; day = day.plus_days(1)) {
    ASSERT_EQ(china().is_workday(day), naive.is_workday(day)) << day.to_string();
    if (day > first) running += naive.is_workday(day);
    ASSERT_EQ(china().workdays(first, day), running) << day.to_string();
    ASSERT_EQ(china().workdays(day, first), -running) << day.to_string();
    // add_workdays against stepping day by day, up to 40 working days ahead.
    date step = day;
    for (int n = 1; n <= 40; ++n) {
      do {
        step = step.plus_days(1);
      } while (step <= last && !naive.is_workday(step));
      if (step > last) {
        EXPECT_THROW((void)china().add_workdays(day, n), calendar_range_error);
        break;
      }
      ASSERT_EQ(china().add_workdays(day, n), step) << day.to_string() << " + " << n;
      ASSERT_EQ(china().workdays(day, step), n);
    }
  }
  // Random pairs, near and far, against the day-by-day count.
  std::mt19937 random(17);
  const auto span = static_cast<std::uint32_t>(last - first);
  std::uniform_int_distribution<std::uint32_t> any_day(0, span);
  for (int i = 0; i < 3000; ++i) {
    const date a = first.plus_days(static_cast<std::int32_t>(any_day(random)));
    const date b = first.plus_days(static_cast<std::int32_t>(any_day(random)));
    const std::int32_t expected = a <= b ? naive.workdays(a, b) : -naive.workdays(b, a);
    ASSERT_EQ(china().workdays(a, b), expected) << a.to_string() << " " << b.to_string();
  }
}

// ---- Outside the calendar ------------------------------------------------------------

template <typename Query>
std::string range_error_of(Query query) {
  try {
    query();
  } catch (const calendar_range_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Calendar, RefusesDatesOutsideItsYears) {
  EXPECT_EQ(range_error_of([] { (void)china().is_workday(d("2031-01-02")); }),
            "2031-01-02 is outside the working-day calendar (2019–2026); add a calendar file "
            "for 2031");
  EXPECT_EQ(range_error_of([] { (void)china().add_workdays(d("2018-12-28"), 1); }),
            "2018-12-28 is outside the working-day calendar (2019–2026); add a calendar file "
            "for 2018");
  EXPECT_EQ(range_error_of([] { (void)china().workdays(d("2026-12-30"), d("2027-01-04")); }),
            "2027-01-04 is outside the working-day calendar (2019–2026); add a calendar file "
            "for 2027");
  // 2026-12-30 is a Wednesday: one working day (12-31) is left in the calendar.
  EXPECT_EQ(china().add_workdays(d("2026-12-30"), 1), d("2026-12-31"));
  EXPECT_EQ(range_error_of([] { (void)china().add_workdays(d("2026-12-30"), 2); }),
            "the 2nd working day after 2026-12-30 falls after the end of the working-day "
            "calendar (2019–2026); add a calendar file for 2027");
  try {
    (void)china().add_workdays(d("2026-12-30"), 21);
    FAIL();
  } catch (const calendar_range_error& e) {
    EXPECT_EQ(std::string(e.what()).substr(0, 8), "the 21st");
    EXPECT_EQ(e.day(), d("2027-01-01"));
    EXPECT_EQ(e.first_year(), 2019);
    EXPECT_EQ(e.last_year(), 2026);
  }
  // The ends of date's range.
  EXPECT_FALSE(china().covers(date::from_days(INT32_MIN)));
  EXPECT_FALSE(china().covers(date::from_days(INT32_MAX)));
  EXPECT_THROW((void)china().is_workday(date::from_days(INT32_MIN)), calendar_range_error);
  // A usage_error, and so a caseledger::error.
  EXPECT_THROW((void)china().is_workday(d("2027-01-01")), usage_error);
  EXPECT_THROW((void)china().is_workday(d("2027-01-01")), caseledger::error);
  try {
    (void)china().add_workdays(d("2020-01-23"), -1);
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "add_workdays counts forward: -1 working days is negative");
  }
}

// ---- Calendars built and extended ----------------------------------------------------

TEST(Calendar, BuiltFromItsDays) {
  const std::vector<date> holidays = {d("2030-01-01")};
  const std::vector<date> workdays = {d("2030-01-05")};  // a Saturday
  const calendar plain(2030, 2030, holidays, workdays);
  EXPECT_FALSE(plain.is_workday(d("2030-01-01")));
  EXPECT_TRUE(plain.is_workday(d("2030-01-05")));
  EXPECT_FALSE(plain.is_workday(d("2030-01-06")));
  EXPECT_EQ(plain.add_workdays(d("2029-12-31").plus_days(1), 4), d("2030-01-05"));
  EXPECT_EQ(range_error_of([&] { (void)plain.is_workday(d("2031-01-01")); }),
            "2031-01-01 is outside the working-day calendar (2030); add a calendar file for "
            "2031");
  try {
    const std::vector<date> both = {d("2030-01-01")};
    (void)calendar(2030, 2030, both, both);
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "2030-01-01 is listed both as a holiday and as a workday");
  }
  EXPECT_THROW((void)calendar(2031, 2030), usage_error);
  EXPECT_THROW((void)calendar(2030, 2030, std::vector<date>{d("2029-12-31")}), usage_error);
}

TEST(Calendar, WithDaysAddsYearsAndDays) {
  caseledger::calendar_days extra;
  extra.years = {2027};
  extra.holidays = {d("2026-03-03"), d("2027-01-01")};
  extra.workdays = {d("2027-01-02")};
  const calendar more = china().with_days(extra);
  EXPECT_EQ(more.first_year(), 2019);
  EXPECT_EQ(more.last_year(), 2027);
  EXPECT_FALSE(more.is_workday(d("2026-03-03")));  // a Tuesday made a holiday
  EXPECT_TRUE(china().is_workday(d("2026-03-03")));
  EXPECT_FALSE(more.is_workday(d("2027-01-01")));
  EXPECT_TRUE(more.is_workday(d("2027-01-02")));   // a Saturday worked
  EXPECT_TRUE(more.is_workday(d("2027-01-04")));   // weekday rule
  EXPECT_FALSE(more.is_workday(d("2027-01-03")));  // Sunday
  EXPECT_FALSE(more.is_workday(d("2020-02-01")));  // the shipped days are kept
  // Thu 12-31 (1), Sat 01-02 worked (2), Mon 01-04 (3).
  EXPECT_EQ(more.add_workdays(d("2026-12-30"), 2), d("2027-01-02"));
  EXPECT_EQ(more.add_workdays(d("2026-12-30"), 3), d("2027-01-04"));

  caseledger::calendar_days again;
  again.years = {2026};
  EXPECT_THROW((void)china().with_days(again), usage_error);
  caseledger::calendar_days gap;
  gap.years = {2028};
  EXPECT_THROW((void)china().with_days(gap), usage_error);
}

// ---- The calendar file ---------------------------------------------------------------

calendar parse(const std::string& text) {
  return caseledger::parse_calendar(text, "fujian.json", calendar::china());
}

std::string refusal(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const ledger_error& e) {
    EXPECT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems().front().file, "fujian.json");
    return e.what();
  }
  return "(accepted)";
}

TEST(CalendarFile, AddsAProvincesDaysAndANewYear) {
  const calendar fujian = parse(R"({
    "format": "caseledger.calendar/1",
    "source": "a provincial notice",
    "years": [2027],
    "holidays": ["2026-09-28", "2027-01-01", "2027-02-08"],
    "workdays": ["2027-02-20"]
  })");
  EXPECT_EQ(fujian.last_year(), 2027);
  EXPECT_FALSE(fujian.is_workday(d("2026-09-28")));
  EXPECT_FALSE(fujian.is_workday(d("2027-02-08")));
  EXPECT_TRUE(fujian.is_workday(d("2027-02-20")));
  EXPECT_TRUE(fujian.is_workday(d("2027-02-09")));
  EXPECT_EQ(fujian.add_workdays(d("2027-02-05"), 1), d("2027-02-09"));

  // Only the format: the base unchanged.
  const calendar same = parse(R"({"format": "caseledger.calendar/1"})");
  EXPECT_EQ(same.last_year(), 2026);
  EXPECT_FALSE(same.is_workday(d("2020-02-01")));

  // Years before the first: the calendar extends backwards.
  const calendar earlier = parse(R"({"format": "caseledger.calendar/1", "years": [2018]})");
  EXPECT_EQ(earlier.first_year(), 2018);
  EXPECT_TRUE(earlier.is_workday(d("2018-12-28")));
  EXPECT_EQ(earlier.workdays(d("2018-12-28"), d("2019-01-02")), 2);  // 12-31, 01-02
}

TEST(CalendarFile, RefusesWhatItCannotUse) {
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holiday": []})"),
            "fujian.json: holiday: unknown key (format, source, years, holidays, workdays)");
  EXPECT_EQ(refusal(R"({"years": [2027]})"),
            "fujian.json: format: missing: a calendar file starts with \"format\": "
            "\"caseledger.calendar/1\"");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/2"})"),
            "fujian.json: format: \"caseledger.calendar/2\" is not \"caseledger.calendar/1\"");
  EXPECT_EQ(refusal(R"([1, 2])"), "fujian.json: a calendar file must be a JSON object");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1",)").substr(0, 27),
            "fujian.json: invalid JSON: ");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "source": 7})"),
            "fujian.json: source: must be a string");
  // Dates.
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holidays": "2026-10-09"})"),
            "fujian.json: holidays: must be a list of dates (YYYY-MM-DD)");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holidays": ["2026-02-30"]})"),
            "fujian.json: holidays[0]: '2026-02-30' is not a calendar date");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holidays": ["2026/10/09"]})"),
            "fujian.json: holidays[0]: '2026/10/09' is not a date of the form YYYY-MM-DD");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "workdays": [20261009]})"),
            "fujian.json: workdays[0]: 20261009 is not a date (YYYY-MM-DD)");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holidays": ["2031-05-01"]})"),
            "fujian.json: holidays[0]: 2031-05-01 is outside the working-day calendar "
            "(2019–2026) and the file declares no years");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": [2027],
                        "holidays": ["2027-05-01", "2031-05-01"]})"),
            "fujian.json: holidays[1]: 2031-05-01 is outside the working-day calendar "
            "(2019–2026) and the years the file declares (2027)");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1",
                        "holidays": ["2026-09-28", "2026-09-29", "2026-09-28"]})"),
            "fujian.json: holidays[2]: 2026-09-28 is listed twice (holidays[0])");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "holidays": ["2026-09-28"],
                        "workdays": ["2026-10-11", "2026-09-28"]})"),
            "fujian.json: workdays[1]: 2026-09-28 is also listed as a holiday (holidays[0])");
  // Years.
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": 2027})"),
            "fujian.json: years: must be a list of years");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": ["2027"]})"),
            "fujian.json: years[0]: \"2027\" is not a year from 1900 to 2199");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": [2027.5]})"),
            "fujian.json: years[0]: 2027.5 is not a year from 1900 to 2199");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": [2026]})"),
            "fujian.json: years[0]: 2026 is already in the working-day calendar (2019–2026); "
            "list its extra days without declaring the year");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": [2027, 2027]})"),
            "fujian.json: years[1]: 2027 is listed twice");
  EXPECT_EQ(refusal(R"({"format": "caseledger.calendar/1", "years": [2028]})"),
            "fujian.json: years: 2027 is missing: the calendar covers 2019–2026 and the file "
            "declares 2028, and its years must follow one another");
}

TEST(CalendarFile, ReadsAFileAndNamesItsPath) {
  const caseledger::testing::scratch_dir scratch;
  const auto path = scratch / "guangdong.json";
  caseledger::testing::write_text(
      path, R"({"format": "caseledger.calendar/1", "holidays": ["2026-12-30"]})");
  const calendar guangdong = caseledger::read_calendar(path);
  EXPECT_EQ(guangdong.add_workdays(d("2026-12-29"), 1), d("2026-12-31"));
  try {
    caseledger::testing::write_text(path, R"({"format": "caseledger.calendar/1", "x": 1})");
    (void)caseledger::read_calendar(path);
    FAIL();
  } catch (const ledger_error& e) {
    EXPECT_EQ(std::string(e.what()),
              path.string() + ": x: unknown key (format, source, years, holidays, workdays)");
  }
  EXPECT_THROW((void)caseledger::read_calendar(scratch / "missing.json"), caseledger::file_error);
  // Over another base: files apply one after the other.
  caseledger::testing::write_text(path, R"({"format": "caseledger.calendar/1", "years": [2027]})");
  const calendar later = caseledger::read_calendar(path, guangdong);
  EXPECT_EQ(later.last_year(), 2027);
  EXPECT_FALSE(later.is_workday(d("2026-12-30")));
}

}  // namespace
