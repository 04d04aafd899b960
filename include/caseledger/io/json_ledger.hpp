#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

#include "caseledger/io/read_options.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// Reads a `caseledger.ledger/1` JSON ledger from a file, streaming: records are built as
/// the parser goes, amounts are read exactly from the number's own text. Throws
/// `file_error` if the file cannot be read and `ledger_error` (every problem with file,
/// line, column, JSON pointer, record id and reason) if it breaks a rule.
///
///     auto book = caseledger::read_json_ledger("samples/fuzhou-2020q1/ledger.json");
ledger read_json_ledger(const std::filesystem::path& path, const read_options& options = {});

/// Reads a JSON ledger held in memory; `source` names it in problems.
ledger parse_json_ledger(std::string_view text, const std::string& source = "<memory>",
                         const read_options& options = {});

/// How a written JSON ledger is laid out.
enum class json_layout : std::uint8_t {
  indented,        ///< two spaces a level, a field a line: for people and diffs
  record_per_line  ///< one record a line: a third smaller, for big generated ledgers
};

/// Writes a `caseledger.ledger/1` ledger record by record, without holding a ledger: the
/// records of each kind in the order of `record_kind` (districts, enterprises, projects,
/// teams, cases, measures); a kind with no record is written as an empty array. Fields come
/// in the schema's order (caseledger/model/record_schema.hpp); an optional field whose value
/// is not given is left out, extras follow as they were read. What it writes reads back as
/// the same records.
///
///     caseledger::json_ledger_writer writer(out);
///     writer.add(cangshan);
///     writer.add(first_case);
///     writer.finish();
class json_ledger_writer {
 public:
  explicit json_ledger_writer(std::ostream& out, json_layout layout = json_layout::indented);

  /// Writes one record. Throws `usage_error` for a record of a kind that comes before the
  /// last one written (a district after a case), or of text that is not UTF-8.
  void add(const district& record);
  void add(const enterprise& record);
  void add(const project& record);
  void add(const team& record);
  void add(const unit& record);
  void add(const case_record& record);
  void add(const measure& record);

  /// Writes the kinds not written yet as empty arrays (but `units`, written only when the
  /// ledger has some, so that a ledger without them reads as it did before) and ends the
  /// document.
  void finish();

 private:
  template <class Record>
  void write(const Record& record);
  void start_kind(std::size_t kind);
  void close_kind();

  std::ostream& out_;
  json_layout layout_;
  std::size_t kinds_started_ = 0;  // kinds whose array is open or written
  bool first_in_kind_ = true;
  bool kind_open_ = false;  // an array is open
  std::string text_;        // the record being written, reused
};

/// Writes `book` as a `caseledger.ledger/1` file at `path`, all or nothing (through
/// `output_file`). Throws `file_error` naming the path and the reason.
///
///     caseledger::write_json_ledger(book, "ledger.json");
void write_json_ledger(const ledger& book, const std::filesystem::path& path,
                       json_layout layout = json_layout::indented);

}  // namespace caseledger
