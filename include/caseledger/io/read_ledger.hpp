#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_options.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to read a ledger of any format; each reader takes the options that apply to it.
struct ledger_read_options {
  text_encoding encoding = text_encoding::automatic;  ///< CSV only
  std::string sheet;                                  ///< xlsx only: the flat case sheet to read
  std::filesystem::path mapping;  ///< CSV and xlsx: a header and value mapping file
  read_options common;            ///< what every reader takes
};

/// Reads the ledger at `path`, choosing the reader by what it is: a folder (CSV files, one
/// per kind of record), a `.csv` file (the flat case sheet), an `.xlsx` workbook or a
/// `.json` ledger (extensions in any case). Throws `usage_error` for any other path or for
/// an option its format does not take, and whatever the chosen reader throws.
///
///     auto book = caseledger::read_ledger("台账.xlsx");
ledger read_ledger(const std::filesystem::path& path, const ledger_read_options& options = {});

}  // namespace caseledger
