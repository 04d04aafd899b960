// A problem's or reading note's reason worded in Chinese, from the catalogue
// data/messages-zh.json (compiled in): the part of `describe` that the tests check alone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseledger::detail {

/// `reason` (as the library writes it in English) worded in Chinese, the field names shown
/// by the headers of `record_kind` ("case", "measure", …; "" when none) first; nullopt when
/// no pattern of the catalogue matches the whole reason.
std::optional<std::string> chinese_reason(std::string_view reason, std::string_view record_kind);

/// A record kind's Chinese name, "case" → "问题", "cases" → "问题"; the text itself when it
/// names no kind.
std::string chinese_kind(std::string_view kind);

}  // namespace caseledger::detail
