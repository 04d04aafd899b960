#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/html_report.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "caseledger/model/reading_note.hpp"

namespace caseledger {

/// What the streaming report reads and writes.
struct stream_report_options {
  /// How to read the ledger (keep_extras, max_problems, limits).
  read_options reading;
  /// A CSV ledger's encoding, `automatic`: told from its bytes (csv_ledger_options).
  text_encoding encoding = text_encoding::automatic;
  /// A CSV ledger's or a workbook's header and value mapping file (csv_ledger_options),
  /// none when empty.
  std::filesystem::path mapping;
  /// A workbook's sheet of cases, or "all" (xlsx_ledger_options::sheet); empty: as the
  /// workbook's layout says.
  std::string sheet;
  /// Called with each note the reading made (`ledger::notes`: skipped rows, kept columns,
  /// a 合计 row that disagrees with the cases) once the ledger is found to break no rule,
  /// before the outputs are written. Not set: the notes are dropped.
  std::function<void(const reading_note&)> noticed;
  std::optional<std::filesystem::path> json;  ///< write the JSON report here
  std::optional<std::filesystem::path> xlsx;  ///< write the workbook here
  xlsx_options workbook;                      ///< how to lay out the workbook
  std::optional<std::filesystem::path> html;  ///< write the HTML page here
  html_options page;                          ///< how to write the page
  /// 1: read, check and aggregate on the calling thread. 2: with a workbook and its
  /// listing, a second thread writes the listing's rows while the calling thread reads,
  /// checks and aggregates (as long as the cases come in the listing's order, reported_on
  /// then id; from the first that does not, the listing is sorted and written at the end
  /// as on one thread); without the listing, the second thread parses. Of several
  /// ledgers, 2 also reads two files' first passes side by side, and of a flat CSV sheet of
  /// 8 MiB or more the two halves of its first pass. 1 also compresses the
  /// listing on one thread when `workbook.compression_threads` is 0.
  unsigned threads = 2;
};

/// Options that read as `reading` says (its encoding, sheet, mapping and common options;
/// the case number scopes are the streaming report's own, as `read_ledgers`'), writing
/// nothing: what a program that reads with `ledger_read_options` hands `stream_report` or
/// `stream_validate`.
stream_report_options reading_as(const ledger_read_options& reading);

/// Computes the report over the ledger at `ledger_path`, of any format `read_ledger` reads
/// (a JSON ledger or standard input, a flat CSV sheet, a folder of CSV tables, an xlsx, xls
/// or ods workbook), in one pass or a few, and writes the outputs `stream` asks for: byte
/// for byte what `read_ledger`, `compute_report`, `to_json_text`, `write_xlsx_report` and
/// `write_html_report` give for the same options, and with the same problems for a ledger
/// that breaks a rule.
///
/// Only the districts, enterprises, projects and teams are kept whole; of each case its id
/// (and its category, channel and team when the grouping needs them for its measures), of
/// each measure its id, and of each case in the window what the listing shows (when a
/// workbook with the listing is asked for). Memory therefore grows with the number of
/// cases by roughly the id's length plus 10 bytes without the listing.
///
/// How each format is read:
/// - A JSON file is read once when it gives its districts, enterprises, projects and teams
///   before its cases and measures, and its cases before its measures (as
///   `caseledger.ledger/1` files written by caseledger do); in any other order it is read
///   again, in two or three passes that each take only what may come next, with the same
///   outputs and problems. Standard input (`-`) is read once: out of that order it throws
///   `usage_error`.
/// - A table per kind of record (a folder of CSV tables, a workbook of a sheet per kind) is
///   read once, its tables in that order.
/// - A flat sheet (a `.csv` file, or a workbook's one sheet of cases) names its districts,
///   enterprises, projects, teams and units in its rows. For the figures alone (a JSON
///   report, no workbook or page) not grouped by team or unit, it is read once: its cases
///   are counted as they come, what they name after its last row. Otherwise it is read
///   twice, for those (only the columns that name them) and then for the cases with their
///   measures.
/// - A workbook of several sheets of cases (one per district or batch) is read into a
///   ledger first, whose rules join the sheets (a record given alike in two is kept once),
///   and then handed on: it takes the memory `read_ledger` takes.
/// A workbook is opened once for all its passes.
///
/// Throws `usage_error` for a path of no ledger format or an option its format does not
/// take (as `read_ledger` does), `ledger_error` for a ledger that breaks a rule,
/// `file_error` when a file cannot be read or written. The outputs are written all or
/// nothing. Returns the report.
///
///     caseledger::stream_report_options outputs;
///     outputs.xlsx = "q1.xlsx";
///     auto r = caseledger::stream_report("台账.xlsx", options, outputs);
report stream_report(const std::filesystem::path& ledger_path, const report_options& options,
                     const stream_report_options& stream);

/// The report over several ledgers consolidated as `read_ledgers` consolidates them (汇总:
/// every rule checked over all, a record given alike in two files kept once, case numbers
/// of flat sheets scoped to their file), with its outputs: byte for byte what
/// `read_ledgers`, `compute_report` and the writers give.
///
/// Each file is read in the passes its format takes, a pass at a time over all of them:
/// first what each names (its districts, enterprises, projects, teams and units, which are
/// kept whole), then the cases and measures of each (a JSON file is therefore read twice).
/// Where the files cannot simply be added up, they are read whole (`read_ledgers`) instead,
/// which gives the normal mode's report or problems: when a file breaks a rule or cannot be
/// read, when a case or measure id comes in two files (the same record given twice is kept
/// once; two records with one id are a problem), for standard input, and for a workbook of
/// several sheets of cases. One path reports as the overload above.
///
///     auto r = caseledger::stream_report({"仓山区.xlsx", "鼓楼区.csv"}, options, outputs);
report stream_report(const std::vector<std::filesystem::path>& ledger_paths,
                     const report_options& options, const stream_report_options& stream);

/// How many records of each kind a ledger holds.
struct record_counts {
  std::size_t districts = 0;
  std::size_t enterprises = 0;
  std::size_t projects = 0;
  std::size_t teams = 0;
  std::size_t units = 0;
  std::size_t cases = 0;
  std::size_t measures = 0;
  friend bool operator==(const record_counts&, const record_counts&) = default;
};

/// How many records of each kind `book` holds (what `stream_validate` counts of a ledger it
/// does not hold).
record_counts counts_of(const ledger& book);

/// Checks the ledgers at `ledger_paths` as `read_ledgers` does, reading them as
/// `stream_report` does (without holding their cases and measures), and returns how many
/// records of each kind they hold: the same problems as `read_ledgers` (thrown as the same
/// `ledger_error`), the same notes (given to `stream.noticed`, as `ledger::notes` lists
/// them), the same counts as the ledger's arrays. Of `stream`, only the reading options,
/// `noticed` and `threads` are used: it writes nothing. Standard input is read whole (its
/// records may come in any order, as `read_ledger` takes them).
///
///     caseledger::stream_report_options reading;
///     auto counted = caseledger::stream_validate({"台账.xlsx"}, reading);  // counted.cases …
record_counts stream_validate(const std::vector<std::filesystem::path>& ledger_paths,
                              const stream_report_options& stream);

}  // namespace caseledger
