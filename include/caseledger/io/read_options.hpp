#pragma once

#include <cstddef>

#include "caseledger/io/read_limits.hpp"

namespace caseledger {

/// What every ledger reader takes, whatever the format. Each format's options hold one as
/// `common`, beside the options only that format has; the JSON reader takes it alone.
///
///     caseledger::read_csv_ledger("ledger/", {.common = {.keep_extras = true}});
struct read_options {
  /// Keep fields or columns the domain does not define in each record's `extras` instead
  /// of refusing them (a typo must not pass silently, so refusing is the default).
  bool keep_extras = false;
  /// How many problems to collect before giving up; 1 stops at the first.
  std::size_t max_problems = 1;
  /// How much one ledger may hold before it is refused (docs/limits.md).
  read_limits limits;
};

}  // namespace caseledger
