// Reading the values clerks type into spreadsheets: local date and money forms, Chinese
// enum names, yes/no flags. Shared by every tabular reader (CSV, xlsx, the flat sheet).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger::detail {

/// `text` without leading and trailing ASCII white space and ideographic spaces (U+3000).
std::string_view trim_cell(std::string_view text) noexcept;

/// A number a spreadsheet stores as a double, the way Excel shows it: rounded to 15
/// significant digits, in plain decimal form ("837.9400000000001" is "837.94",
/// "0.30000000000000004" is "0.3", "1E-3" is "0.001"). Tools that write the shortest
/// round-trip text of a double (pandas, openpyxl, XlsxWriter) store noise past the 15th
/// digit that Excel never shows the clerk. Any other text, or a magnitude past 10^20 or
/// below 10^-20, is returned unchanged for the field's reader to judge.
std::string number_as_shown(std::string_view stored);

/// A date as offices write it: "2020-01-05", "2020/1/5", "2020.1.5", "2020年1月5日", or
/// an Excel serial day number ("43835", the 1900 date system, Lotus's 1900-02-29 included).
/// Throws `std::invalid_argument` naming the text: not a date, or an impossible one.
date parse_cell_date(std::string_view text);

/// An amount in yuan as offices write it: "1234.5", "1,234.50", "¥1,234.50", "40万",
/// "40万元", "1.2亿", "-3". Exact to the fen: more than two decimals after scaling by 万
/// (10^4) or 亿 (10^8) is refused. Throws `std::invalid_argument` (not an amount,
/// over-precise) or `caseledger::overflow_error`, naming the text.
money parse_cell_amount(std::string_view text);

/// A yes/no flag: true/false, yes/no, y/n, 1/0, 是/否 (case-insensitive for the Latin
/// ones). Throws `std::invalid_argument` naming the text.
bool parse_cell_flag(std::string_view text);

/// A whole number ≥ 0, digits with optional thousands separators ("1,200"), or a number
/// with a zero fraction as spreadsheets store it ("12.0"). Throws `std::invalid_argument`.
std::int64_t parse_cell_count(std::string_view text);

/// Extra enum spellings from a mapping file: field name ("category") to cell text to the
/// value's ledger name ("labour").
using value_aliases =
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>;

/// The value of `Enum` written `text` in the column of `field`: its ledger name
/// ("labour"), its Chinese name ("用工"), a usual synonym ("招工", "已办结"), or a
/// spelling the mapping file gives for `field`. nullopt when none matches.
template <class Enum>
std::optional<Enum> parse_cell_enum(std::string_view text, std::string_view field,
                                    const value_aliases& extra);

/// "unknown <field> '<text>' (expected one of: labour (用工), …)".
template <class Enum>
std::string unknown_enum_reason(std::string_view field, std::string_view text);

}  // namespace caseledger::detail
