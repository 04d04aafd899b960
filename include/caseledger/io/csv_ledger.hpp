#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "caseledger/io/read_options.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// The encoding of a CSV ledger's bytes. `automatic`: a UTF-8 byte order mark, or a first
/// 64 KiB that is valid UTF-8, means UTF-8; anything else GB18030 (which holds GBK and
/// GB2312). Bytes invalid in the encoding are an error naming their line and column, never
/// replaced.
enum class text_encoding : std::uint8_t { automatic, utf8, gb18030 };

/// The encoding called `name`: "auto", "utf-8" (or "utf8"), "gb18030", "gbk", "gb2312" or
/// "cp936" (the last three read as GB18030), in any case. Throws `usage_error` for any
/// other name.
text_encoding text_encoding_named(std::string_view name);

/// How to read a CSV ledger.
struct csv_ledger_options {
  text_encoding encoding = text_encoding::automatic;
  /// A JSON mapping file adding header and value spellings to the built-in aliases
  /// (docs/ledger-format.md); empty for none.
  std::filesystem::path mapping;
  /// Flat sheets number their cases within themselves (序号 1, 2, 3, or by row): when not
  /// empty, such a case's id is "<scope>/<number>". `read_ledgers` sets it to each file's
  /// name, so that two districts' case 1 are two cases.
  std::string case_number_scope;
  /// What every reader takes; extras are kept as JSON strings.
  read_options common;
};

/// Reads a CSV ledger, streaming it row by row through `ledger_builder`, so it obeys every
/// rule the JSON reader's ledgers do.
///
/// `path` is either a folder holding `districts.csv`, `enterprises.csv`, `projects.csv`,
/// `teams.csv`, `cases.csv` and `measures.csv` (only `cases.csv` is required), one record
/// per row, or a single `.csv` file: the flat case sheet, one row per case naming its
/// district, enterprise or project (docs/ledger-format.md lists both shapes' columns).
/// Headers are the JSON field names or their Chinese aliases; RFC 4180 quoting; dates and
/// amounts in the usual local forms ("2020年1月5日", "40万元").
///
/// Throws `file_error` when a file cannot be read and `ledger_error` (file, line, column, record,
/// column header, value and reason of every problem) when the ledger breaks a rule.
///
///     auto book =
///         caseledger::read_csv_ledger("ledger/", {.encoding =
///         caseledger::text_encoding::gb18030});
ledger read_csv_ledger(const std::filesystem::path& path, const csv_ledger_options& options = {});

}  // namespace caseledger
