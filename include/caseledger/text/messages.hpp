#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "caseledger/core/error.hpp"
#include "caseledger/model/reading_note.hpp"

namespace caseledger {

/// The language a problem or a reading note is worded in. The library writes them in
/// English (`problem::to_string`, `reading_note::to_string`, `ledger_error::what`), which
/// stays its default; Chinese is for the clerk who keeps the ledger (`caseledger validate
/// --messages zh`).
enum class message_language : std::uint8_t { en, zh };

/// The language named "en" or "zh"; nullopt for any other name.
std::optional<message_language> message_language_named(std::string_view name) noexcept;

/// The problem's line in `language`. In Chinese the position, the JSON pointer, the ids and
/// the values from the input stay as they are, so that editors and scripts find the same
/// place; the record's kind, the field names (by their usual Chinese headers) and the reason
/// are worded in Chinese:
///
///     in.json:5:3: /cases/1/resolved_on (问题 c1): 办结日期 2020-01-02 早于反映日期 2020-01-05
///
/// A reason the Chinese wording does not know (none of docs/errors.md's) stays in English.
std::string describe(const problem& found, message_language language);

/// The reading note's line in `language`, as `describe(problem, …)` words a problem:
///
///     book.xlsx[问题台账]:42: 跳过合计行（“合计”），不计为问题
std::string describe(const reading_note& noticed, message_language language);

}  // namespace caseledger
