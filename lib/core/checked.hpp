// Overflow-checked integer sums shared by the metrics: a count or a sum never wraps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {

/// Adds `amount` to `total`, throwing `overflow_error` naming `what` instead of wrapping.
inline void checked_add(std::int64_t& total, std::int64_t amount, std::string_view what) {
  if (__builtin_add_overflow(total, amount, &total)) {
    throw overflow_error("sum of " + std::string(what) + " does not fit in a 64-bit integer");
  }
}

}  // namespace caseledger::detail
