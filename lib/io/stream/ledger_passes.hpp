// What one read of a ledger hands the streaming report: the ledger opened to be read in
// passes, and a pass's plan (which kinds of record, and what besides records, to hand on).
#pragma once

#include <array>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/input_source.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_options.hpp"
#include "caseledger/model/record_schema.hpp"
#include "io/ledger_file_format.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/recorded_sheet.hpp"
#include "io/table/workbook_ledger.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// How a ledger's text is read in every pass: what every format takes, a CSV ledger's
/// encoding, the mapping of a CSV ledger or a workbook (the file read once, before the first
/// pass), a workbook's sheet of cases and, of several ledgers, the scope of a flat sheet's
/// case numbers (`ledger_read_options::case_number_scope`).
struct ledger_reading {
  read_options common;
  text_encoding encoding = text_encoding::automatic;
  field_mapping mapping;
  std::string sheet;
  std::string case_number_scope;
};

/// How a ledger's records come, which decides how it is read.
enum class ledger_shape {
  /// A JSON ledger, in any order: read once while its records come in the one pass's
  /// order (districts, enterprises, projects, teams and units; cases; measures), else
  /// again in passes.
  any_order,
  /// A flat sheet (CSV or a workbook's): each row's case, then its measures; the
  /// districts, enterprises, projects, teams and units the rows named only after the last
  /// row. Read once for the figures unless grouped by team or unit, else twice.
  flat_sheet,
  /// A table per kind of record (a folder of CSV tables, a workbook of a sheet per kind),
  /// read in the one pass's order.
  tables,
  /// A workbook of several sheets of cases, one part each: read into a ledger, whose rules
  /// join the sheets (a record repeated in two is kept once), and handed on in the one
  /// pass's order.
  sheets_of_cases,
};

/// One pass of a file read in passes: which kinds of record it hands on, and what it saw
/// of the order of every record read.
struct pass_plan {
  std::array<bool, record_kind_count> kinds{};  ///< by record_kind
  /// What of the reader's besides records to hand on: each comes in every pass and is
  /// taken from one.
  bool refusals_and_notes = false;
  bool extra_columns = false;
  bool problems = true;
  /// What a flat sheet's reader is asked (its first pass: only what names the districts,
  /// enterprises, projects, teams and units, whose problems it then does not all see), and
  /// what that pass tells the next.
  flat_sheet_pass flat;
  /// Let the reader pass over the records of the kinds not asked for unread (a JSON
  /// ledger's arrays): their problems, refusals and notes go unseen, for a pass whose next
  /// pass meets them (several ledgers', which are read whole at the first problem). Whether
  /// a case came after a measure is then told by the order of the arrays.
  bool pass_over_unwanted = false;
  bool measure_seen = false;
  bool case_after_measure = false;
};

/// A plan that hands on the records of the `wanted` kinds.
pass_plan kinds_of(std::initializer_list<record_kind> wanted);

/// Hands on to `inner` the records of the kinds `plan` asks for.
class pass_sink final : public uniform_record_sink<pass_sink> {
 public:
  pass_sink(record_sink& inner, pass_plan& plan) : inner_(inner), plan_(plan) {}

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    constexpr record_kind kind = record_schema<Record>::kind;
    if constexpr (kind == record_kind::measure) plan_.measure_seen = true;
    if constexpr (kind == record_kind::case_) {
      if (plan_.measure_seen) plan_.case_after_measure = true;
    }
    if (plan_.kinds[static_cast<std::size_t>(kind)]) inner_.add(record, origin);
  }
  bool wants(record_kind kind) override {
    if (!plan_.pass_over_unwanted) return true;
    if (kind == record_kind::measure) plan_.measure_seen = true;
    if (kind == record_kind::case_ && plan_.measure_seen) plan_.case_after_measure = true;
    return plan_.kinds[static_cast<std::size_t>(kind)];
  }
  const std::string& source() const override { return inner_.source(); }
  void report(problem found) override {
    if (plan_.problems) inner_.report(std::move(found));
  }
  void refuse(std::string_view kind, std::string_view id) override {
    if (plan_.refusals_and_notes) inner_.refuse(kind, id);
  }
  void note(reading_note noticed) override {
    if (plan_.refusals_and_notes) inner_.note(std::move(noticed));
  }
  void declare_case_extra_column(std::string name) override {
    if (plan_.extra_columns) inner_.declare_case_extra_column(std::move(name));
  }
  const std::vector<problem>& problems() const override { return inner_.problems(); }

 private:
  record_sink& inner_;
  pass_plan& plan_;
};

/// A ledger to be read in passes: a workbook is opened once, and its layout found, for
/// every pass (its one sheet of cases recorded by the first pass and replayed by the next:
/// recorded_sheet.hpp); a file of another format is opened by each. One read at a time.
class ledger_input {
 public:
  /// `source`: the ledger as problems name it.
  ledger_input(std::filesystem::path path, ledger_file_format format, std::string source,
               const ledger_reading& reading);
  ~ledger_input();
  ledger_input(const ledger_input&) = delete;
  ledger_input& operator=(const ledger_input&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  ledger_shape shape() const noexcept { return shape_; }
  const ledger_reading& reading() const noexcept { return reading_; }

  /// The table each kind of record is read from, as problems name it, where that is not
  /// the ledger itself (`locate_in_tables`): a folder's files, a workbook's sheets.
  std::array<std::string, record_kind_count> tables() const;

  /// How many times a workbook's one sheet of cases was read from the file by the passes
  /// (once, when its rows were replayed for the second); 0 for another shape or format.
  std::size_t sheet_reads() const noexcept { return recorded_ ? recorded_->sheets_read() : 0; }

  /// Reads the ledger into `sink`, through `plan` when not null (all of it otherwise).
  /// Standard input, which only JSON may be, is described into `piped` (when not null)
  /// once read.
  void read(record_sink& sink, pass_plan* plan, input_source* piped) const;

  /// The next read is the only one: a workbook's sheet of cases is read without being
  /// recorded for another.
  void read_only_once() noexcept {
    if (recorded_ != nullptr) recorded_->read_next_unrecorded();
  }

  /// Lets go of a workbook (its shared strings, its recorded sheet) once no pass will read
  /// it again: of several ledgers, each as soon as its last pass is over. Reading it after
  /// is a logic error.
  void close() noexcept {
    recorded_ = nullptr;
    book_.reset();
  }

 private:
  void read_all(record_sink& sink, flat_sheet_pass* flat, input_source* piped) const;

  std::filesystem::path path_;
  ledger_file_format format_;
  std::string source_;
  const ledger_reading& reading_;
  std::unique_ptr<sheet_book> book_;   // a workbook's
  recorded_book* recorded_ = nullptr;  // book_, for a workbook's flat sheet
  workbook_layout layout_;
  ledger_shape shape_ = ledger_shape::any_order;
};

}  // namespace caseledger::detail
