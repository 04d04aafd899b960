#pragma once

#include <cstddef>
#include <optional>

#include "caseledger/core/calendar.hpp"
#include "caseledger/io/read_limits.hpp"

namespace caseledger {

/// What every ledger reader takes, whatever the format. Each format's options hold one as
/// `common`, beside the options only that format has; the JSON reader takes it alone.
///
///     caseledger::read_csv_ledger("ledger/", {.common = {.keep_extras = true}});
struct read_options {
  /// Keep fields or columns the domain does not define in each record's `extras` (true)
  /// or refuse them (false). Unset: a flat case sheet keeps them (an office's own columns,
  /// 责任单位 or 联系人, are part of its ledger) and JSON ledgers and the per-kind tables
  /// refuse them (there a field the format does not define is more likely a typo).
  std::optional<bool> keep_extras;
  /// How many problems to collect before giving up; 1 stops at the first.
  std::size_t max_problems = 1;
  /// How much one ledger may hold before it is refused (docs/limits.md).
  read_limits limits;
  /// The working days that turn a case's due_workdays into its due_on; unset:
  /// `calendar::china()`. `read_calendar` reads one from a file (docs/calendar.md).
  std::optional<calendar> workday_calendar{};
};

}  // namespace caseledger
