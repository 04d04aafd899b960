// The flat CSV sheet without the ledger: records go to a record_sink as they are read.
#pragma once

#include <array>
#include <filesystem>
#include <string>

#include "caseledger/io/csv_ledger.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// Reads the flat case sheet at `path` (a `.csv` file) into `sink`, named in problems as
/// `sink.source()`: the cases and their measures row by row, then the districts,
/// enterprises, projects, teams and units the rows named. `read_csv_ledger` reads a flat
/// sheet into a ledger through it; `options.mapping` is ignored for `mapping`, read
/// already. Extra columns are kept unless `options.common.keep_extras` is false.
/// `pass`: see `table_context::pass`.
void read_flat_csv_records(const std::filesystem::path& path, const csv_ledger_options& options,
                           const field_mapping& mapping, record_sink& sink,
                           flat_sheet_pass* pass = nullptr);

/// The tables of the CSV folder `folder`, by record_kind: each `<folder>/<kind>.csv` that
/// exists (`cases.csv`, …), empty for a kind without its file.
std::array<std::string, record_kind_count> csv_tables(const std::filesystem::path& folder);

/// Reads the folder of CSV tables at `folder` into `sink`, named in problems as
/// `sink.source()`: the tables in the order of record_kind (districts.csv first,
/// measures.csv last), each row a record; reports a `.csv` file that is no kind's table
/// and a missing cases.csv. The problems of rules name the folder: `locate_in_tables`
/// moves them to their tables.
void read_csv_folder_records(const std::filesystem::path& folder, const csv_ledger_options& options,
                             const field_mapping& mapping, record_sink& sink);

}  // namespace caseledger::detail
