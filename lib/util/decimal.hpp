// Exact decimal rounding shared by money (万元) and rates (percentages).
#pragma once

#include <cstdint>
#include <string>

namespace caseledger::detail {

__extension__ using uint128 = unsigned __int128;

/// numerator / denominator written with exactly `decimals` (0–6) decimals, rounded half
/// up, computed in integers so no binary float ever touches the figure. `denominator`
/// must not be 0.
std::string divide_rounded(uint128 numerator, uint128 denominator, int decimals);

/// A decimal's integer part with thousands separators: "160000.5" → "160,000.5". Takes
/// digits with an optional fraction and sign.
std::string group_thousands(const std::string& text);

}  // namespace caseledger::detail
