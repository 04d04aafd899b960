#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_options.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to read a ledger of any format; each reader takes the options that apply to it.
struct ledger_read_options {
  text_encoding encoding = text_encoding::automatic;  ///< CSV only
  std::string sheet;                                  ///< xlsx only: the flat case sheet to read
  std::filesystem::path mapping;  ///< CSV and xlsx: a header and value mapping file
  /// Flat sheets number their cases within themselves (序号 1, 2, 3, or by row): when not
  /// empty, such a case's id is "<scope>/<number>". `read_ledgers` sets it to each file's
  /// name, so that two districts' case 1 are two cases.
  std::string case_number_scope;
  read_options common;  ///< what every reader takes
};

/// Reads the ledger at `path`, choosing the reader by what it is: a folder (CSV files, one
/// per kind of record), a `.csv` file (the flat case sheet), an `.xlsx` workbook or a
/// `.json` ledger (extensions in any case). Throws `usage_error` for any other path or for
/// an option its format does not take, and whatever the chosen reader throws.
///
///     auto book = caseledger::read_ledger("台账.xlsx");
ledger read_ledger(const std::filesystem::path& path, const ledger_read_options& options = {});

/// Reads several ledgers (any formats, side by side on up to as many threads as the
/// machine has cores) and consolidates them into one (汇总): every rule is checked over
/// all of them together. A record given identically in two files is kept once (noted);
/// an id given to different records in two files is a problem naming both files. Case
/// numbers of flat sheets are scoped to their file (`case_number_scope`: the file's name
/// without its extension). Districts named alike in two files are one district. One
/// path reads as `read_ledger` does. Throws `ledger_error` with the problems of every file
/// that has some, or the first `file_error` or `usage_error`.
///
///     auto book = caseledger::read_ledgers({"仓山区.xlsx", "鼓楼区.xlsx", "台江区.csv"});
ledger read_ledgers(const std::vector<std::filesystem::path>& paths,
                    const ledger_read_options& options = {});

}  // namespace caseledger
