// The JSON ledger reader without the ledger: records go to a record_sink as they are read.
#pragma once

#include <filesystem>

#include "caseledger/core/input_source.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// Reads the JSON ledger at `path` into `sink`, each record as it is complete. Throws
/// `file_error` if the file cannot be read, and `ledger_error` with the sink's problems if
/// a problem stops reading (bad syntax) or the sink's limit is reached. When `path` is
/// standard input or a pipe, which cannot be read again, `*read_from` (if given) is set to
/// its description (size, SHA-256) once it is read.
void read_json_records(const std::filesystem::path& path, const read_options& options,
                       record_sink& sink, input_source* read_from = nullptr);

}  // namespace caseledger::detail
