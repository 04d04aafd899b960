// The rules of the domain one record at a time: what ledger_builder::build() checks over a
// whole ledger and the streaming report checks as records arrive, with one set of
// messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "caseledger/core/calendar.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/model/ledger.hpp"
#include "caseledger/model/record_schema.hpp"

namespace caseledger::detail {

/// When a problem is found, in build()'s order: every kind's ids first (duplicates and
/// empty ids need every index), then every kind's other rules. A problem's phase is
/// `ids_phase(kind)` or `rules_phase(kind)`.
constexpr std::size_t phase_count = 2 * record_kind_count;
constexpr std::size_t ids_phase(record_kind kind) noexcept {
  return static_cast<std::size_t>(kind);
}
constexpr std::size_t rules_phase(record_kind kind) noexcept {
  return record_kind_count + static_cast<std::size_t>(kind);
}

/// Where rule problems go, with the phase that found them.
class rule_sink {
 public:
  virtual void report(std::size_t phase, problem found) = 0;

 protected:
  ~rule_sink() = default;
};

/// Which records exist, for reference checks; `refused` holds "kind:id" of records a reader
/// refused for a problem it already reported (references to them are not reported again).
class record_lookup {
 public:
  virtual bool contains(record_kind kind, std::string_view id) const = 0;
  const std::unordered_set<std::string>* refused = nullptr;

 protected:
  ~record_lookup() = default;
};

/// The record a rule is being checked on, and the sink its problems go to.
class record_check {
 public:
  record_check(rule_sink& sink, std::size_t phase, const std::string& source, record_kind kind,
               const record_origin& origin, std::string_view id)
      : sink_(sink), phase_(phase), source_(source), kind_(kind), origin_(origin), id_(id) {}

  /// A problem with a field the record has: the pointer names the field.
  void at_field(std::string_view field, std::string reason) const;
  /// A problem with a field the record lacks: the pointer names the record.
  void at_record(std::string_view field, std::string reason) const;

 private:
  void report(std::string pointer, std::string_view field, std::string reason) const;

  rule_sink& sink_;
  std::size_t phase_;
  const std::string& source_;
  record_kind kind_;
  const record_origin& origin_;
  std::string_view id_;
};

/// "/cases/17": where the record of `kind` at `origin` stands.
std::string record_pointer(record_kind kind, const record_origin& origin);

/// The problem of an empty id.
void report_empty_id(const record_check& check);
/// The problem of an id that an earlier record of the same kind has; `first_at` says
/// where that one stood ("/cases/3", "a.xlsx:17, with other values").
void report_duplicate_id(const record_check& check, std::string_view id,
                         const std::string& first_at);

/// Every rule of one record but its id's uniqueness. `check` must be in rules_phase.
void check_record(const record_check& check, const record_lookup& known, const district& record);
void check_record(const record_check& check, const record_lookup& known, const enterprise& record);
void check_record(const record_check& check, const record_lookup& known, const project& record);
void check_record(const record_check& check, const record_lookup& known, const team& record);
void check_record(const record_check& check, const record_lookup& known, const unit& record);
void check_record(const record_check& check, const record_lookup& known, const case_record& record);

/// A case's due_on from its due_workdays: the due_workdays-th working day of `days` after
/// reported_on, set when the case has no due_on; a due_on given that disagrees, or a
/// reported_on the calendar does not cover, is a problem. Nothing for a case without
/// due_workdays, or with one below 1 (check_record reports it). `check` must be in the
/// cases' rules_phase.
void derive_due(const record_check& check, const calendar& days, case_record& record);
void check_record(const record_check& check, const record_lookup& known, const measure& record);

}  // namespace caseledger::detail
