// What caseledger's own code is measured against: simdjson reading a ledger into the same
// records, and bare libxlsxwriter writing the same listing cells. Minimal on purpose: no
// error locations, no rule checks beyond what building the records needs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/model/entities.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger::bench {

/// A ledger's records as read, before any rule is checked.
struct ledger_records {
  std::vector<district> districts;
  std::vector<enterprise> enterprises;
  std::vector<project> projects;
  std::vector<team> teams;
  std::vector<case_record> cases;
  std::vector<measure> measures;
};

/// Reads a `caseledger.ledger/1` document with simdjson's On-Demand API into records: the
/// same dates, amounts (exact, from the number's text) and enums as caseledger's reader.
/// `text` must be followed by simdjson's padding (SIMDJSON_PADDING readable bytes). Throws
/// simdjson_error or std::invalid_argument on a malformed ledger.
ledger_records simdjson_read_records(std::string_view padded_text);

/// The records through `ledger_builder` (the same rule checks and indexes as every
/// caseledger reader), so that the result is the ledger `read_json_ledger` gives.
ledger build_ledger(ledger_records records);

/// Writes the case listing of `book` for the window [from, to] with nothing but
/// libxlsxwriter in constant-memory mode: the same cells, in the same order, with the same
/// formats as the report's 明细 sheet (without its other sheets). Returns the rows written.
std::size_t write_bare_listing(const ledger& book, date from, date to,
                               const std::filesystem::path& path);

}  // namespace caseledger::bench
