// The flat CSV sheet without the ledger: records go to a record_sink as they are read.
#pragma once

#include <filesystem>

#include "caseledger/io/csv_ledger.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// Reads the flat case sheet at `path` (a `.csv` file) into `sink`, named in problems as
/// `sink.source()`: the cases and their measures row by row, then the districts,
/// enterprises, projects, teams and units the rows named. `read_csv_ledger` reads a flat
/// sheet into a ledger through it; `options.mapping` is ignored for `mapping`, read
/// already. Extra columns are kept unless `options.common.keep_extras` is false.
/// `names_only`: see `table_context::names_only`.
void read_flat_csv_records(const std::filesystem::path& path, const csv_ledger_options& options,
                           const field_mapping& mapping, record_sink& sink,
                           bool names_only = false);

}  // namespace caseledger::detail
