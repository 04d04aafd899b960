// Where a reader delivers the records it reads: a ledger_builder (the normal mode), or the
// streaming report, which checks and aggregates them as they come.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "caseledger/core/error.hpp"
#include "caseledger/model/ledger.hpp"
#include "caseledger/model/reading_note.hpp"
#include "caseledger/model/record_schema.hpp"
#include "model/builder_access.hpp"

namespace caseledger::detail {

/// What a reader does with what it reads.
class record_sink {
 public:
  /// The input's name in problems.
  virtual const std::string& source() const = 0;
  /// A record read without problems, and where it was. The sink may move from it: the reader
  /// empties it for its next record (a sink that copies it leaves its buffers to be reused).
  virtual void add(district& record, const record_origin& origin) = 0;
  virtual void add(enterprise& record, const record_origin& origin) = 0;
  virtual void add(project& record, const record_origin& origin) = 0;
  virtual void add(team& record, const record_origin& origin) = 0;
  virtual void add(unit& record, const record_origin& origin) = 0;
  virtual void add(case_record& record, const record_origin& origin) = 0;
  virtual void add(measure& record, const record_origin& origin) = 0;
  /// A problem found while reading; throws `ledger_error` once the reader's limit is reached.
  virtual void report(problem found) = 0;
  /// Notes that the reader refused record `id` of `kind` ("case", …) for a problem it
  /// reported, so that references to it are not reported again as unknown.
  virtual void refuse(std::string_view kind, std::string_view id) = 0;
  /// Something read past without refusing it: skipped rows, kept columns, a 合计 row that
  /// disagrees (`ledger::notes`).
  virtual void note(reading_note noticed) = 0;
  /// A column of extra case fields, in the table's order (`ledger::case_extra_columns`).
  virtual void declare_case_extra_column(std::string name) = 0;
  /// About `more` records of `kind` are coming (a sheet that declares its rows): a hint
  /// for a sink that keeps them, so that their array is not moved again and again.
  virtual void reserve(record_kind kind, std::size_t more) {
    static_cast<void>(kind);
    static_cast<void>(more);
  }
  /// Whether the records of `kind` are wanted at all, asked by a reader that can pass over
  /// a run of them unread (a JSON ledger's array): their problems, refusals and notes then
  /// go unseen. Every sink wants every record but a pass that says otherwise (pass_sink).
  virtual bool wants(record_kind kind) {
    static_cast<void>(kind);
    return true;
  }
  /// Names a part of the input (one sheet of cases of several: `ledger_builder::add_part`)
  /// and returns the number its records' `record_origin::part` gives. Only a sink that
  /// builds a ledger keeps parts; the others throw `std::logic_error` (the streaming report
  /// has a workbook of several sheets of cases read into a ledger first).
  virtual std::uint32_t add_part(std::string name) {
    throw std::logic_error("caseledger: this record sink keeps no parts, not '" + name + "'");
  }
  /// The problems reported so far.
  virtual const std::vector<problem>& problems() const = 0;

 protected:
  ~record_sink() = default;
};

/// A sink that treats every kind of record alike: each `add` goes to `Derived::take(record,
/// origin)`, one template for every kind.
template <class Derived>
class uniform_record_sink : public record_sink {
 public:
  void add(district& record, const record_origin& origin) final { self().take(record, origin); }
  void add(enterprise& record, const record_origin& origin) final { self().take(record, origin); }
  void add(project& record, const record_origin& origin) final { self().take(record, origin); }
  void add(team& record, const record_origin& origin) final { self().take(record, origin); }
  void add(unit& record, const record_origin& origin) final { self().take(record, origin); }
  void add(case_record& record, const record_origin& origin) final { self().take(record, origin); }
  void add(measure& record, const record_origin& origin) final { self().take(record, origin); }

 protected:
  ~uniform_record_sink() = default;

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

/// The normal mode's sink: everything goes to a ledger_builder.
class builder_record_sink final : public uniform_record_sink<builder_record_sink> {
 public:
  explicit builder_record_sink(ledger_builder& builder) : builder_(builder) {}

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    builder_.add(std::move(record), origin);
  }
  const std::string& source() const override { return builder_.source(); }
  void report(problem found) override { builder_.report(std::move(found)); }
  void refuse(std::string_view kind, std::string_view id) override {
    ledger_builder_access::refuse(builder_, kind, id);
  }
  void note(reading_note noticed) override { builder_.note(std::move(noticed)); }
  void declare_case_extra_column(std::string name) override {
    builder_.declare_case_extra_column(std::move(name));
  }
  void reserve(record_kind kind, std::size_t more) override {
    switch (kind) {
      case record_kind::district:
        return builder_.reserve<district>(more);
      case record_kind::enterprise:
        return builder_.reserve<enterprise>(more);
      case record_kind::project:
        return builder_.reserve<project>(more);
      case record_kind::team:
        return builder_.reserve<team>(more);
      case record_kind::unit:
        return builder_.reserve<unit>(more);
      case record_kind::case_:
        return builder_.reserve<case_record>(more);
      case record_kind::measure:
        return builder_.reserve<measure>(more);
    }
  }
  std::uint32_t add_part(std::string name) override { return builder_.add_part(std::move(name)); }
  const std::vector<problem>& problems() const override { return builder_.problems(); }

 private:
  ledger_builder& builder_;
};

}  // namespace caseledger::detail
