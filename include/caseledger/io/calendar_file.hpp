#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "caseledger/core/calendar.hpp"

namespace caseledger {

/// Reads a calendar file (JSON, `"format": "caseledger.calendar/1"`, docs/calendar.md)
/// and applies it to `base`: the years it declares are added, its holidays become rest
/// days and its workdays working days. Throws `ledger_error` naming the file, the entry
/// (`holidays[3]`) and the reason: an unknown key, a bad date, a date outside the file's
/// and the calendar's years, a year already covered or one that leaves a gap, a day
/// listed twice or as both; `file_error` when it cannot be read.
///
///     auto fujian = caseledger::read_calendar("fujian-2027.json");  // over calendar::china()
///     fujian.add_workdays(caseledger::date::parse("2027-01-28"), 5);
calendar read_calendar(const std::filesystem::path& path, const calendar& base = calendar::china());

/// The same, from the file's text; `name` names it in errors.
calendar parse_calendar(std::string_view text, const std::string& name,
                        const calendar& base = calendar::china());

}  // namespace caseledger
