// The State Council General Office's holiday notices behind calendar::china(), item by
// item as each notice words them (china_holidays.cpp; sources in docs/calendar.md).
#pragma once

#include <string_view>
#include <vector>

namespace caseledger::detail {

/// One item of a notice: a festival's rest days and the weekend days worked for it.
struct holiday_item {
  /// The festival as the notice names it: "春节", "国庆节、中秋节" (two festivals in one
  /// item), "春节（延长）" for the 2020 extension.
  std::string_view festival{};
  /// The first and last rest day the notice names ("YYYY-MM-DD"); one day for an item such
  /// as "4月5日放假，与周末连休", whose weekend is rest anyway.
  std::string_view first{};
  std::string_view last{};
  /// The notice's "共N天"; 0 where it gives no count (与周末连休, 5月1日放假).
  int stated_days = 0;
  /// The 调休上班 days the item names, each a Saturday or a Sunday.
  std::vector<std::string_view> workdays{};
};

/// One notice: the yearly arrangement or a later change to it.
struct holiday_notice {
  int year = 0;               ///< the year it arranges
  std::string_view title{};   ///< 国务院办公厅关于…的通知
  std::string_view number{};  ///< 国办发明电〔2019〕16号
  std::string_view issued{};  ///< the date it is signed, "YYYY-MM-DD"
  bool amends = false;        ///< a change to the year's arrangement (applied after it)
  std::vector<holiday_item> items{};
};

/// Every notice, in the order they apply (a later one overrides an earlier one's days).
const std::vector<holiday_notice>& china_holiday_notices();

/// The years calendar::china() covers, whole: those with a yearly notice.
inline constexpr int china_first_year = 2019;
inline constexpr int china_last_year = 2026;

}  // namespace caseledger::detail
