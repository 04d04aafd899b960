#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "caseledger/io/read_limits.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to read a JSON ledger.
struct json_ledger_options {
  /// Keep fields the domain does not define in each record's `extras` instead of refusing
  /// them (a typo must not pass silently, so refusing is the default).
  bool keep_extras = false;
  /// How many problems to collect before giving up; 1 stops at the first.
  std::size_t max_problems = 1;
  /// How much one ledger may hold before it is refused (docs/limits.md).
  read_limits limits;
};

/// Reads a `caseledger.ledger/1` JSON ledger from a file, streaming: records are built as
/// the parser goes, amounts are read exactly from the number's own text. Throws
/// `file_error` if the file cannot be read and `ledger_error` (every problem with file,
/// line, column, JSON pointer, record id and reason) if it breaks a rule.
///
///     auto book = caseledger::read_json_ledger("samples/fuzhou-2020q1/ledger.json");
ledger read_json_ledger(const std::filesystem::path& path, const json_ledger_options& options = {});

/// Reads a JSON ledger held in memory; `source` names it in problems.
ledger parse_json_ledger(std::string_view text, const std::string& source = "<memory>",
                         const json_ledger_options& options = {});

}  // namespace caseledger
