// Where a reader delivers the records it reads: a ledger_builder (the normal mode), or the
// streaming report, which checks and aggregates them as they come.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "caseledger/core/error.hpp"
#include "caseledger/model/ledger.hpp"
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
  const std::vector<problem>& problems() const override { return builder_.problems(); }

 private:
  ledger_builder& builder_;
};

}  // namespace caseledger::detail
