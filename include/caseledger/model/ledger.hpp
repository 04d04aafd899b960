#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "caseledger/core/calendar.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/core/input_source.hpp"
#include "caseledger/detail/id_index.hpp"
#include "caseledger/model/entities.hpp"
#include "caseledger/model/reading_note.hpp"

namespace caseledger {

namespace detail {
struct ledger_builder_access;
class rule_sink;
}  // namespace detail

/// Where a record stood in its input, so that a rule checked after reading (a reference to
/// an unknown district, a duplicate id) can still point at it.
struct record_origin {
  std::uint32_t line = 0;    ///< 1-based line of the record's start, 0 when unknown
  std::uint32_t column = 0;  ///< 1-based column of the record's start, 0 when unknown
  std::uint32_t index = 0;   ///< position in its array ("/cases/<index>")
  /// The part of the input it was read from: 0 for the builder's source, else a number
  /// `ledger_builder::add_part` gave (one file of several, one sheet of several).
  std::uint32_t part = 0;
  /// Whether line and column are a sheet's row and column: the rule problems of the
  /// record then name its cell ("C17"), as `problem::sheet_cell`.
  bool sheet_cell{};
};

/// A validated case ledger (台账): every record of every kind, with indexes by id.
///
/// A `ledger` is only made by `ledger_builder::build()` (or a reader that uses it), so
/// every ledger that exists satisfies the rules of the domain: unique ids, known
/// references, consistent dates and statuses. It is move-only: a copy of every record is
/// never what a caller wants.
class ledger {
 public:
  ledger() = default;
  ledger(ledger&&) noexcept = default;
  ledger& operator=(ledger&&) noexcept = default;
  ledger(const ledger&) = delete;
  ledger& operator=(const ledger&) = delete;

  const std::vector<district>& districts() const noexcept { return districts_; }
  const std::vector<enterprise>& enterprises() const noexcept { return enterprises_; }
  const std::vector<project>& projects() const noexcept { return projects_; }
  const std::vector<team>& teams() const noexcept { return teams_; }
  /// The units that handle cases (责任单位); empty when the ledger names none.
  const std::vector<unit>& units() const noexcept { return units_; }
  const std::vector<case_record>& cases() const noexcept { return cases_; }
  const std::vector<measure>& measures() const noexcept { return measures_; }

  /// The record with this id, or nullptr.
  const district* find_district(std::string_view id) const noexcept;
  const enterprise* find_enterprise(std::string_view id) const noexcept;
  const project* find_project(std::string_view id) const noexcept;
  const team* find_team(std::string_view id) const noexcept;
  const unit* find_unit(std::string_view id) const noexcept;
  const case_record* find_case(std::string_view id) const noexcept;
  const measure* find_measure(std::string_view id) const noexcept;

  /// What the reader read past without refusing (rows of a sheet that are not records,
  /// columns kept, totals that disagree), in the order it met them.
  const std::vector<reading_note>& notes() const noexcept { return notes_; }

  /// The names of the columns a table gave for its cases that the format does not define
  /// (kept in each case's `extras`), in the table's order: the listing shows them after
  /// its own columns. Empty for a JSON ledger, which declares no columns up front.
  const std::vector<std::string>& case_extra_columns() const noexcept {
    return case_extra_columns_;
  }

  /// The working-day calendar the cases' due_on were derived with, which reports also count
  /// working days by: the one given to the builder, else `calendar::china()`.
  const calendar& workday_calendar() const;

  /// The files the ledger was read from (name, size, SHA-256), in the order they were
  /// given; for a folder of CSV files, each table read. Empty for records built in code
  /// unless `ledger_builder::add_input` named their source.
  const std::vector<input_source>& inputs() const noexcept { return inputs_; }

 private:
  friend class ledger_builder;
  friend struct detail::ledger_builder_access;

  // Where each record stood, kept by build() so that ledgers read from several files
  // (`ledger_builder::add_ledger`) name a duplicate's row in both; `read_ledger` drops it.
  struct record_origins {
    std::vector<std::string> parts;  // as ledger_builder's parts
    std::vector<record_origin> districts, enterprises, projects, teams, units, cases, measures;
  };

  std::vector<district> districts_;
  std::vector<enterprise> enterprises_;
  std::vector<project> projects_;
  std::vector<team> teams_;
  std::vector<unit> units_;
  std::vector<case_record> cases_;
  std::vector<measure> measures_;
  std::vector<reading_note> notes_;
  std::vector<std::string> case_extra_columns_;
  detail::id_index district_index_, enterprise_index_, project_index_, team_index_, unit_index_,
      case_index_, measure_index_;
  std::optional<calendar> calendar_;
  std::vector<input_source> inputs_;
  std::optional<record_origins> origins_;
};

/// Collects records from a reader (or from code), checks every rule of the domain and
/// makes a `ledger`.
///
///     caseledger::district cangshan;
///     cangshan.id = "cangshan";
///     cangshan.name = "仓山区";
///     caseledger::ledger_builder builder;
///     builder.add(std::move(cangshan));
///     caseledger::ledger book = std::move(builder).build();  // throws ledger_error
class ledger_builder {
 public:
  /// `source` names the input in problems (a file as the user named it, or "");
  /// `max_problems` is how many problems to collect before giving up (1: the first).
  explicit ledger_builder(std::string source = {}, std::size_t max_problems = 1);

  /// Adds a record. Rules are checked by `build()`; `origin` says where it was read.
  /// Without an origin, its position in its array is its order of addition.
  void add(district record, std::optional<record_origin> origin = std::nullopt);
  void add(enterprise record, std::optional<record_origin> origin = std::nullopt);
  void add(project record, std::optional<record_origin> origin = std::nullopt);
  void add(team record, std::optional<record_origin> origin = std::nullopt);
  void add(unit record, std::optional<record_origin> origin = std::nullopt);
  void add(case_record record, std::optional<record_origin> origin = std::nullopt);
  void add(measure record, std::optional<record_origin> origin = std::nullopt);

  /// Makes room for `more` records of type `Record` (`case_record`, `measure`, …), for a
  /// reader that knows about how many are coming (a sheet that declares its rows), so that
  /// the records are not moved again and again as their array grows.
  template <class Record>
  void reserve(std::size_t more);

  /// The working-day calendar that turns a case's due_workdays into its due_on
  /// (`calendar::china()` unless another is given).
  void use_calendar(calendar days) { calendar_ = std::move(days); }

  /// Records a problem found while reading (bad syntax, a bad value). Throws
  /// `ledger_error` with every problem so far once `max_problems` are collected.
  void report(problem found);

  /// Names a part of the input (a file when several are read as one ledger, a sheet when a
  /// workbook holds several) and returns the number its records' `record_origin::part`
  /// gives, so that a rule broken by a record names the part it stood in. The same
  /// record (every field equal) in two parts is kept once, with a note; an id given to
  /// different records in two parts is a problem naming both.
  std::uint32_t add_part(std::string name);

  /// Adds every record of `book` (a ledger read from one file of several) as the part
  /// `name`, with its notes and extra columns: `build()` then checks them with the rest,
  /// so that ids given in two files are found. Returns the part's number.
  std::uint32_t add_ledger(ledger&& book, std::string name);

  /// Names a file the records were read from (see `ledger::inputs`). Readers name theirs.
  void add_input(input_source source) { book_.inputs_.push_back(std::move(source)); }

  /// Records something read past without refusing it (see `ledger::notes`).
  void note(reading_note noticed);

  /// Declares a column of extra case fields, in the table's order (see
  /// `ledger::case_extra_columns`); a name declared again is kept once.
  void declare_case_extra_column(std::string name);

  /// The problems collected so far.
  const std::vector<problem>& problems() const noexcept { return problems_; }

  /// The input's name, as given to the constructor.
  const std::string& source() const noexcept { return source_; }

  /// Checks every rule of the domain over all records, then returns the ledger. Throws
  /// `ledger_error` carrying every problem found (reader's and rules', up to
  /// `max_problems`) if there is any.
  ledger build() &&;

 private:
  // Readers tell the builder which records they refused (lib/model/builder_access.hpp).
  friend struct detail::ledger_builder_access;

  // Indexes and checks every record, sending each problem to `sink` with the phase that
  // found it, and returns the ledger whatever was found (build() and the streaming report).
  ledger check_into(detail::rule_sink& sink) &&;

  std::string source_;
  std::vector<std::string> parts_;  // parts_[0] is source_
  std::size_t max_problems_;
  std::vector<problem> problems_;
  ledger book_;
  std::vector<record_origin> district_origins_, enterprise_origins_, project_origins_,
      team_origins_, unit_origins_, case_origins_, measure_origins_;
  std::optional<calendar> calendar_;
  // "kind:id" of records a reader refused for a bad value: references to them are not
  // reported again as unknown, on top of the problem that refused them.
  std::unordered_set<std::string> refused_;
};

}  // namespace caseledger
