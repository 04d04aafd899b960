// A big synthetic ledger for benchmarks and scale tests, written as it is generated: the
// cases are never held in memory, so 10 million of them need no more than a few MB.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>

namespace caseledger::bench {

/// What to generate. The window the cases are reported in is 2020-01-01 to 2020-03-31.
struct big_ledger_spec {
  std::uint64_t cases = 1000;
  std::uint64_t seed = 1;
  /// Also the handling process's fields (issue 17): units (four bureaus a district, two of
  /// the city), and on the cases a lead unit, co-units, due_workdays, extensions, follow-up
  /// calls and satisfaction. Off, the ledger is the same bytes as without the option.
  bool process = false;
};

/// Writes a `caseledger.ledger/1` JSON ledger, one record per line. The same spec always
/// gives the same bytes, on every platform (own PRNG, no floating point).
void write_big_ledger_json(std::ostream& out, const big_ledger_spec& spec);

/// Writes the same ledger as a folder of CSV files (districts.csv … measures.csv, headers
/// the JSON field names), creating the folder. Throws `file_error` if a file cannot be
/// written.
void write_big_ledger_csv(const std::filesystem::path& folder, const big_ledger_spec& spec);

}  // namespace caseledger::bench
