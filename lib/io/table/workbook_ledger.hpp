// A ledger kept in a workbook, whatever its file format (.xlsx, .xls, .ods): which sheets
// hold which records, read through the same tables. Each format supplies a `sheet_book`.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/read_limits.hpp"
#include "caseledger/io/read_options.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// An open workbook, its sheets read as rows of text cells (numbers as Excel shows them,
/// dates as "YYYY-MM-DD", booleans as "true"/"false", each cell with its row and column
/// number, A = 1).
class sheet_book {
 public:
  virtual ~sheet_book() = default;
  /// The sheets' names, in workbook order.
  virtual const std::vector<std::string>& sheet_names() const noexcept = 0;
  /// The rows of sheet `index` (0-based), valid until the next `open_sheet`; the book
  /// must outlive them. A sheet may be opened again, to be read again from its top.
  virtual std::unique_ptr<row_source> open_sheet(std::size_t index) = 0;
  /// Throws `file_error` if the file changed since it was opened.
  virtual void check_unchanged() const = 0;
};

/// Each format's workbook, opened (`shown`: the file as problems name it); they throw as
/// `read_xlsx_ledger`, `read_xls_ledger` and `read_ods_ledger` do for a file they cannot
/// open.
std::unique_ptr<sheet_book> open_xlsx_book(const std::filesystem::path& path,
                                           const std::string& shown, const read_limits& limits);
std::unique_ptr<sheet_book> open_xls_book(const std::filesystem::path& path,
                                          const std::string& shown, const read_limits& limits);
std::unique_ptr<sheet_book> open_ods_book(const std::filesystem::path& path,
                                          const std::string& shown, const read_limits& limits);

/// Which sheets of a workbook hold the ledger: a sheet per kind of record, or sheets of
/// cases (flat sheets), each naming its districts, enterprises, projects and teams.
struct workbook_layout {
  /// By record_kind, the sheet holding its table; all empty for flat sheets.
  std::array<std::optional<std::size_t>, record_kind_count> sheet_of_kind;
  std::vector<std::size_t> flat_sheets;  ///< in workbook order; empty for a sheet per kind

  bool per_kind() const noexcept { return flat_sheets.empty(); }
};

/// The layout of `book` (`source`: the file as problems name it): a sheet per kind of
/// record when it has a sheet of cases and one of districts (and `sheet` is empty),
/// otherwise flat sheets (docs/ledger-format.md): the one `sheet` names; every sheet
/// holding a table of cases for "all"; by default the first sheet holding one and every
/// later one whose header names the same columns. Throws `ledger_error` for a workbook of
/// no sheet and `usage_error` for a `sheet` it lacks.
workbook_layout plan_workbook(sheet_book& book, const std::string& source,
                              const field_mapping& mapping, const std::string& sheet);

/// The table each kind of record is read from, as problems name it ("book.xlsx[cases]"),
/// for `locate_in_tables`: every kind's is the flat sheet's, for a single flat sheet.
std::array<std::string, record_kind_count> workbook_tables(const sheet_book& book,
                                                           const std::string& source,
                                                           const workbook_layout& layout);

/// How the sheets are read, once the layout is found: the mapping file already read, what
/// every reader takes, and the scope of the flat sheets' case numbers
/// (`xlsx_ledger_options::case_number_scope`).
struct workbook_reading {
  const field_mapping& mapping;
  const read_options& common;
  std::string_view case_number_scope;
};

/// Reads the sheets `layout` names into `sink`: each kind's table in the order of
/// record_kind; or each flat sheet, a part of its own (`record_sink::add_part`) when
/// there are several, with a note naming them. `pass`: see `table_context::pass`. Checks that the
/// file did not change while it was read. The problems of rules name `sink.source()`:
/// `locate_in_tables` with `workbook_tables` moves them to their sheets.
void read_workbook_records(sheet_book& book, const workbook_layout& layout,
                           const workbook_reading& reading, record_sink& sink,
                           flat_sheet_pass* pass = nullptr);

/// Reads the ledger `book` holds in `layout` (`source`: the file as problems name it),
/// its problems located at their sheets. Throws as `read_xlsx_ledger` does.
ledger read_workbook_ledger(sheet_book& book, const workbook_layout& layout,
                            const workbook_reading& reading, const std::string& source);

/// Reads the ledger `book` holds in the layout `plan_workbook` finds.
ledger read_workbook_ledger(sheet_book& book, const std::string& source,
                            const xlsx_ledger_options& options);

}  // namespace caseledger::detail
