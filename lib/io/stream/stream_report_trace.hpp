// What a streaming report did that its outputs do not show (they are the same bytes either
// way): for the tests that must tell which way the workbook was written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "caseledger/io/stream_report.hpp"

namespace caseledger::detail {

/// How a streaming report wrote its outputs.
struct stream_report_trace {
  /// The listing was written on the second thread while the cases were read (the eager
  /// workbook), rather than sorted and written at the end.
  bool listing_written_while_reading = false;
  /// How many times the ledger was read for its records: 1 when they came in order; when
  /// not, the pass given up at the first out of order, then 2 or 3 passes (the duplicate
  /// ids' first records, looked up again, are not counted). Of several ledgers, every
  /// file's passes.
  unsigned reads = 0;
  /// A workbook's one sheet of cases: how many times it was read from the file (1 when the
  /// second pass replayed the first's rows); of several ledgers, every workbook's.
  std::size_t sheet_reads = 0;
  /// Several ledgers were read whole (read_ledgers) rather than in passes: one had a
  /// problem, or they shared a case or measure id, or one could not be read in passes.
  bool read_whole = false;
  /// A flat sheet's rows pass took the names its rows give as given, not looked up again:
  /// its names pass saw every row name its records alike (flat_sheet_pass::names_checked).
  /// Of several ledgers, any one's.
  bool names_taken_as_given = false;
  /// A flat CSV sheet's names pass read the file's two halves side by side and joined
  /// their names (flat_sheet_pass::halves_joined).
  bool names_halves_joined = false;
};

/// `caseledger::stream_report` of one or several ledgers, saying in `trace` how it wrote
/// its outputs, and in `counted` (when given) how many records of each kind the ledgers
/// hold.
report stream_report(const std::vector<std::filesystem::path>& ledger_paths,
                     const report_options& options, const stream_report_options& stream,
                     stream_report_trace& trace, record_counts* counted = nullptr);

}  // namespace caseledger::detail
