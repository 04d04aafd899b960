// Ledgers kept as tables (CSV files, xlsx sheets): which header names which field, how a
// row becomes a record, and the flat case sheet. The table's bytes are read elsewhere
// (csv_rows.hpp, xlsx_rows.hpp); this layer only sees decoded rows of text cells.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/model/ledger.hpp"
#include "caseledger/model/record_schema.hpp"
#include "io/table/field_conversion.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// One cell as read: its text in UTF-8 and where it stood (line and byte column of a CSV
/// file, row and column number of a sheet).
struct table_cell {
  std::string text;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const table_cell&, const table_cell&) = default;
};

/// A row of cells. Readers reuse one row object, so that a table is never held whole.
using table_row = std::vector<table_cell>;

/// Something that hands out a table's rows one by one; the first is the header.
class row_source {
 public:
  virtual ~row_source() = default;
  /// The next row into `row` (cleared first); false at the end of the table.
  virtual bool next(table_row& row) = 0;
  /// The number of the table's last row as the table declares it before its rows (an xlsx
  /// sheet's dimension), 0 when it declares none; once a row has been read. Only a hint
  /// for making room: nothing checks it against the rows.
  virtual std::uint32_t declared_last_row() const { return 0; }
};

/// Rows that can be read as two halves side by side (a CSV file, which can be read from any
/// byte on): for a flat sheet's names pass, whose halves' names are joined in the rows'
/// order.
class halving_rows : public row_source {
 public:
  /// Ends these rows before the first row that starts in the second half of the file, and
  /// returns the rows from that one on, their lines counted from 1 there, their reading
  /// problems told to `sink`. Null for a file too small to be worth a second thread, or one
  /// that cannot be read from the middle. Called before the rows reach the middle.
  virtual std::unique_ptr<row_source> split_in_half(record_sink& sink) = 0;
  /// Once these rows have ended at the split: the line of the second half's first row, or
  /// nullopt when they did not end where that row starts (the split fell inside a quoted
  /// cell, so the second half's rows are not the file's).
  virtual std::optional<std::uint32_t> line_at_split() const = 0;
  /// Reads on past the split to the end of the file: the halves are not joined.
  virtual void read_past_split() = 0;
};

/// The kind whose table is called `name`: its plural ("cases") or its usual Chinese sheet
/// name (问题, 帮扶措施, …). nullopt for any other name.
std::optional<record_kind> kind_of_table(std::string_view name);

/// What a mapping file adds to the built-in aliases:
///
///     {"headers": {"受理编号": "id", "街道": "district"},
///      "values": {"category": {"招工难": "labour"}, "status": {"已完成": "resolved"}}}
struct field_mapping {
  std::map<std::string, std::string, std::less<>> headers;  ///< header text to field name
  value_aliases values;
};

/// Reads a mapping file. Throws `file_error` when it cannot be read and `ledger_error`
/// (naming the file) when it is not such a JSON object.
field_mapping read_field_mapping(const std::filesystem::path& path);

/// What one pass of the streaming report asks of a flat sheet (the normal mode reads all
/// of it), and what its names pass tells the pass after it.
struct flat_sheet_pass {
  /// Read only what names the districts, enterprises, projects, teams and units (the first
  /// pass): no cases or measures, no extra fields. Its problems are not reported: the cells
  /// it skips would be missing from them.
  bool names_only = false;
  /// Out of a names-only pass, set to false there at the first row whose naming cells have a
  /// problem (a cell refused, a record named otherwise than at its first mention, an id
  /// without its name, …); the caller sets it to true before.
  bool names_agree = false;
  /// Into the rows pass: the names pass left names_agree true, so every row names its
  /// records as their first mention does, and the rows' names are taken as given rather
  /// than looked up to be checked again (a quarter of the rows pass's parsing).
  bool names_checked = false;
  /// Into a names-only pass: read a CSV sheet of 8 MiB or more in two halves side by side
  /// (a second thread), their names joined as one reading of the whole would make them.
  bool halves_side_by_side = false;
  /// Out of that pass: the halves were read side by side and their names joined.
  bool halves_joined = false;
  /// Into the rows pass: skip what only the workbook shows (a case's summary, the office's
  /// own columns), for a report without one. Neither can have a problem.
  bool figures_only = false;
};

/// Where problems go and how tables are read: shared by every table of one ledger.
struct table_context {
  table_context(record_sink& into, const field_mapping& spellings, bool keep = false)
      : sink(into), mapping(spellings), keep_extras(keep) {}
  /// `like`, its records, problems and notes going to `into` instead.
  table_context(const table_context& like, record_sink& into)
      : sink(into),
        mapping(like.mapping),
        keep_extras(like.keep_extras),
        part(like.part),
        sheet_cells(like.sheet_cells),
        case_number_scope(like.case_number_scope),
        pass(like.pass) {}

  /// Where the records, problems and notes go: a ledger_builder's sink, or the streaming
  /// report's.
  record_sink& sink;
  const field_mapping& mapping;
  bool keep_extras = false;
  /// The part of the input the table is (`ledger_builder::add_part`), 0: the source.
  std::uint32_t part = 0;
  /// The table is a spreadsheet's sheet (xlsx, ods, xls), its cells' positions rows and
  /// column numbers: problems and notes name them as cells ("C17"). False for CSV files,
  /// located at the line and byte column of their text.
  bool sheet_cells = false;
  /// A flat sheet numbers its cases within itself (序号 1, 2, 3, or by row): with several
  /// sheets or files in one ledger, case ids are "<scope>/<number>" (the sheet's or
  /// file's name) so that two districts' case 1 are two cases. Empty: the number alone.
  std::string case_number_scope;
  /// What a pass of the streaming report asks of a flat sheet; null: read all of it.
  flat_sheet_pass* pass = nullptr;
};

/// Reads one table of records of `kind` (header row, then a record per row) into the
/// sink; `file` names the table in problems ("in/cases.csv", "book.xlsx[cases]").
void read_record_table(table_context context, record_kind kind, const std::string& file,
                       row_source& rows);

/// Reads the flat case sheet (one row per case, districts, enterprises, projects and
/// teams named, support in columns) into the sink, creating the named records: the
/// cases and their measures row by row, then the districts, enterprises, projects, teams and
/// units the rows named.
void read_flat_sheet(table_context context, const std::string& file, row_source& rows);
/// The same, for rows that can be read in two halves: a names pass asked to
/// (flat_sheet_pass::halves_side_by_side) reads them side by side.
void read_flat_sheet(table_context context, const std::string& file, halving_rows& rows);

/// The flat-sheet fields the header of `rows` names (sorted), found as `read_flat_sheet`
/// finds it; empty when the sheet has no such table. Tells a workbook's sheets of cases
/// from its other sheets (a summary, an instruction sheet).
std::vector<std::size_t> flat_sheet_fields(const field_mapping& mapping, row_source& rows);

/// The problems with those that name only the ledger (`source`, as the builder's rule
/// checks do) moved to the table their pointer ("/cases/3/…") points into: `tables[kind]`,
/// when it is not empty.
std::vector<problem> locate_in_tables(std::vector<problem> problems, const std::string& source,
                                      const std::array<std::string, record_kind_count>& tables);

}  // namespace caseledger::detail
