#pragma once

#include <cstdint>
#include <string>

namespace caseledger {

/// Something a reader noticed in a ledger and read past rather than refuse: the rows of an
/// office's sheet that are not records, the columns it kept, a total row whose figures
/// differ from its rows'. `caseledger validate` prints them; a report is made all the same.
struct reading_note {
  enum class kind : std::uint8_t {
    skipped_rows,     ///< a title, a 填报 line, a 合计 or 小计 row, a note under the table
    extra_columns,    ///< columns the format does not define, kept in each record's extras
    total_mismatch,   ///< a 合计 or 小计 row whose figure is not the sum of its rows
    repeated_record,  ///< the same record, identical, in two files: counted once
    sheets_read       ///< several sheets of one workbook read as one ledger
  };

  kind what = kind::skipped_rows;
  std::string file;          ///< as the problems name it ("book.xlsx[问题台账]")
  std::uint32_t line = 0;    ///< 1-based row or line, 0 when it is about the whole file
  std::uint32_t column = 0;  ///< 1-based column, 0 when it is about the whole row
  std::string text;          ///< what was noticed, in a sentence
  /// Whether line and column are a sheet's row and column, shown as a cell ("C17"), as
  /// `problem::sheet_cell`.
  bool sheet_cell{};

  /// "file:line:column: text" ("file:C17: text" for a sheet's cell), leaving out the parts
  /// that are unknown.
  std::string to_string() const;

  friend bool operator==(const reading_note&, const reading_note&) = default;
};

/// "skipped_rows", "extra_columns", "total_mismatch", "repeated_record", "sheets_read".
const char* to_string(reading_note::kind what) noexcept;

}  // namespace caseledger
