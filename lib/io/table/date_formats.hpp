// Dates in spreadsheets stored as serial day numbers: which number formats show a date, and
// the day a serial number stands for. Shared by the workbook readers (xlsx, xls) so that a
// date cell reads the same whichever format the workbook was saved in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caseledger::detail {

/// Whether the built-in number format `id` shows a date (ECMA-376 part 1, 18.8.30, whose
/// ids BIFF8 shares), Chinese ones included.
bool builtin_date_format(std::size_t id);

/// Whether a custom format code shows a date: y, m or d outside quotes, brackets and
/// escapes (so "0.00" is a number, "yyyy/m/d" and "yyyy\"年\"m\"月\"d\"日\"" dates).
bool custom_date_format(std::string_view code);

/// A serial day number (the 1900 date system) as "YYYY-MM-DD", its date part (a time of
/// day is dropped); the text as it was when it is not a plain decimal number, for the
/// field's reader to refuse.
std::string serial_as_date(const std::string& text);

}  // namespace caseledger::detail
