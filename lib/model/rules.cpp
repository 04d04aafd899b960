#include "model/rules.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace caseledger::detail {
namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// `id` must name a record of `target` (an empty `id` is fine unless `required`).
void check_reference(const record_check& check, const record_lookup& known, std::string_view field,
                     record_kind target, std::string_view id, bool required = false) {
  if (id.empty()) {
    if (required) check.at_field(field, std::string(field) + " is empty");
    return;
  }
  if (known.contains(target, id)) return;
  const std::string_view singular = names_of(target).singular;
  // Only misses pay for building the key of a refused record.
  if (known.refused != nullptr && !known.refused->empty() &&
      known.refused->contains(std::string(singular) + ":" + std::string(id))) {
    return;
  }
  check.at_field(field, "unknown " + std::string(singular) + " " + in_quotes(id));
}

void check_not_empty(const record_check& check, std::string_view field, std::string_view value) {
  if (value.empty()) check.at_field(field, std::string(field) + " is empty");
}

void check_not_negative(const record_check& check, std::string_view field,
                        const std::optional<std::int64_t>& value) {
  if (value && *value < 0) {
    check.at_field(field, std::string(field) + " " + std::to_string(*value) + " is negative");
  }
}

void check_one_subject(const record_check& check, std::string_view enterprise_id,
                       std::string_view project_id) {
  if (!enterprise_id.empty() && !project_id.empty()) {
    check.at_field("project", "enterprise " + in_quotes(enterprise_id) + " and project " +
                                  in_quotes(project_id) + " both given (at most one)");
  }
}

void check_case_dates(const record_check& check, const case_record& record) {
  const auto not_before_report = [&](std::string_view field, const std::optional<date>& day) {
    if (day && *day < record.reported_on) {
      check.at_field(field, std::string(field) + " " + day->to_string() +
                                " is before reported_on " + record.reported_on.to_string());
    }
  };
  not_before_report("due_on", record.due_on);
  not_before_report("resolved_on", record.resolved_on);
  not_before_report("closed_on", record.closed_on);
  not_before_report("extended_on", record.extended_on);

  const std::string status = "status " + std::string(to_string(record.status));
  const auto needs = [&](std::string_view field, bool present) {
    if (!present) check.at_record(field, status + " needs " + std::string(field));
  };
  const auto cannot_have = [&](std::string_view field, bool present) {
    if (present) check.at_field(field, status + " cannot have " + std::string(field));
  };
  switch (record.status) {
    case case_status::open:
      cannot_have("resolved_on", record.resolved_on.has_value());
      cannot_have("closed_on", record.closed_on.has_value());
      break;
    case case_status::resolved:
      needs("resolved_on", record.resolved_on.has_value());
      cannot_have("closed_on", record.closed_on.has_value());
      break;
    case case_status::unresolvable:
    case case_status::withdrawn:
      needs("closed_on", record.closed_on.has_value());
      cannot_have("resolved_on", record.resolved_on.has_value());
      break;
  }
}

// The lead unit and the co-handling units: known units, the lead not among the others, none
// twice.
void check_case_units(const record_check& check, const record_lookup& known,
                      const case_record& record) {
  check_reference(check, known, "unit", record_kind::unit, record.unit);
  for (std::size_t i = 0; i < record.co_units.size(); ++i) {
    const record_id& id = record.co_units[i];
    if (id.empty()) {
      check.at_field("co_units", "co_units holds an empty unit id");
      continue;
    }
    if (std::find(record.co_units.begin(), record.co_units.begin() + static_cast<std::ptrdiff_t>(i),
                  id) != record.co_units.begin() + static_cast<std::ptrdiff_t>(i)) {
      check.at_field("co_units", "co_units names unit " + in_quotes(id) + " twice");
      continue;
    }
    if (id == record.unit) {
      check.at_field("co_units",
                     "unit " + in_quotes(id) + " is the lead unit and cannot also be a co_unit");
      continue;
    }
    check_reference(check, known, "co_units", record_kind::unit, id);
  }
}

// The deadline in working days, an extension and the follow-up call.
void check_case_process(const record_check& check, const case_record& record) {
  if (record.due_workdays && *record.due_workdays < 1) {
    check.at_field("due_workdays", "due_workdays " + std::to_string(*record.due_workdays) +
                                       " is not a number of working days (at least 1)");
  }
  // An extension is extended_on and extended_due_on together, within the original due.
  if (record.extended_due_on && !record.extended_on) {
    check.at_record("extended_on",
                    "extended_due_on needs extended_on (the day the extension "
                    "was granted)");
  }
  if (record.extended_on && !record.extended_due_on) {
    check.at_record("extended_due_on",
                    "extended_on needs extended_due_on (the deadline the extension gave)");
  }
  if (record.extended_on || record.extended_due_on) {
    if (!record.due_on) {
      check.at_record("due_on", "an extension needs due_on (the deadline it extends)");
    } else {
      if (record.extended_due_on && *record.extended_due_on <= *record.due_on) {
        check.at_field("extended_due_on", "extended_due_on " + record.extended_due_on->to_string() +
                                              " is not after due_on " + record.due_on->to_string());
      }
      if (record.extended_on && *record.extended_on > *record.due_on) {
        check.at_field("extended_on",
                       "extended_on " + record.extended_on->to_string() + " is after due_on " +
                           record.due_on->to_string() +
                           ": an extension granted after the deadline has passed is refused");
      }
    }
  }
  // The follow-up call comes after the case ends, and a satisfaction comes from it.
  if (record.satisfaction && !record.followed_up_on) {
    check.at_record("followed_up_on",
                    "satisfaction needs followed_up_on (the day of the "
                    "follow-up call)");
  }
  if (record.followed_up_on) {
    const date called = *record.followed_up_on;
    if (record.status != case_status::resolved && record.status != case_status::unresolvable) {
      check.at_field("followed_up_on", "status " + std::string(to_string(record.status)) +
                                           " cannot have followed_up_on (a follow-up call is "
                                           "made once a case is resolved or unresolvable)");
    }
    if (record.resolved_on && called < *record.resolved_on) {
      check.at_field("followed_up_on", "followed_up_on " + called.to_string() +
                                           " is before resolved_on " +
                                           record.resolved_on->to_string());
    }
    if (record.closed_on && called < *record.closed_on) {
      check.at_field("followed_up_on", "followed_up_on " + called.to_string() +
                                           " is before closed_on " + record.closed_on->to_string());
    }
  }
}

// Which of a measure's kind-specific fields its kind needs, allows or refuses.
void check_measure_fields(const record_check& check, const measure& record) {
  const std::string kind = "kind " + std::string(to_string(record.kind));
  const auto needs = [&](std::string_view field, bool present) {
    if (!present) check.at_record(field, kind + " needs " + std::string(field));
  };
  const auto cannot_have = [&](std::string_view field, bool present) {
    if (present) check.at_field(field, kind + " cannot have " + std::string(field));
  };
  const bool is_money =
      record.kind != measure_kind::transport && record.kind != measure_kind::supplies;
  const bool is_transport = record.kind == measure_kind::transport;
  const bool is_supplies = record.kind == measure_kind::supplies;

  if (is_money) {
    needs("amount", record.amount.has_value());
  } else {
    cannot_have("amount", record.amount.has_value());
  }
  if (record.amount && record.amount->fen() < 0) {
    check.at_field("amount", "amount " + record.amount->to_string() + " is negative");
  }
  if (is_transport) {
    needs("mode", record.mode.has_value());
    needs("workers", record.workers.has_value());
    needs("origin", record.origin.has_value());
  } else {
    cannot_have("mode", record.mode.has_value());
    cannot_have("workers", record.workers.has_value());
    cannot_have("origin", record.origin.has_value());
    cannot_have("origin_place", !record.origin_place.empty());
  }
  check_not_negative(check, "workers", record.workers);
  if (is_supplies) {
    needs("item", !record.item.empty());
    needs("quantity", record.quantity.has_value());
  } else {
    cannot_have("item", !record.item.empty());
    cannot_have("quantity", record.quantity.has_value());
  }
  check_not_negative(check, "quantity", record.quantity);
}

}  // namespace

std::string record_pointer(record_kind kind, const record_origin& origin) {
  return "/" + std::string(names_of(kind).plural) + "/" + std::to_string(origin.index);
}

void record_check::at_field(std::string_view field, std::string reason) const {
  report(record_pointer(kind_, origin_) + "/" + std::string(field), field, std::move(reason));
}

void record_check::at_record(std::string_view field, std::string reason) const {
  report(record_pointer(kind_, origin_), field, std::move(reason));
}

void record_check::report(std::string pointer, std::string_view field, std::string reason) const {
  sink_.report(phase_, problem{.file = source_,
                               .line = origin_.line,
                               .column = origin_.column,
                               .sheet_cell = origin_.sheet_cell,
                               .pointer = std::move(pointer),
                               .record_kind = std::string(names_of(kind_).singular),
                               .record_id = std::string(id_),
                               .field = std::string(field),
                               .reason = std::move(reason)});
}

void report_empty_id(const record_check& check) { check.at_field("id", "id is empty"); }

void report_duplicate_id(const record_check& check, std::string_view id,
                         const std::string& first_at) {
  check.at_field("id", "duplicate id " + in_quotes(id) + " (first at " + first_at + ")");
}

void check_record(const record_check& check, const record_lookup& /*known*/,
                  const district& record) {
  check_not_empty(check, "name", record.name);
}

void check_record(const record_check& check, const record_lookup& known, const enterprise& record) {
  check_not_empty(check, "name", record.name);
  check_reference(check, known, "district", record_kind::district, record.district, true);
}

void check_record(const record_check& check, const record_lookup& known, const project& record) {
  check_not_empty(check, "name", record.name);
  check_reference(check, known, "district", record_kind::district, record.district, true);
}

void check_record(const record_check& check, const record_lookup& known, const team& record) {
  check_reference(check, known, "district", record_kind::district, record.district, true);
  check_not_negative(check, "members", record.members);
}

void check_record(const record_check& check, const record_lookup& known, const unit& record) {
  check_not_empty(check, "name", record.name);
  check_reference(check, known, "district", record_kind::district, record.district);
}

void derive_due(const record_check& check, const calendar& days, case_record& record) {
  if (!record.due_workdays || *record.due_workdays < 1) return;
  const std::int64_t count = *record.due_workdays;
  date due;
  try {
    // More working days than any calendar holds lead past its end just the same.
    due = days.add_workdays(record.reported_on,
                            static_cast<int>(std::min<std::int64_t>(count, 1'000'000)));
  } catch (const calendar_range_error& e) {
    check.at_field("due_workdays", "due_workdays " + std::to_string(count) +
                                       " gives no due_on for reported_on " +
                                       record.reported_on.to_string() + ": " + e.what());
    return;
  }
  if (!record.due_on) {
    record.due_on = due;
  } else if (*record.due_on != due) {
    check.at_field("due_on",
                   "due_on " + record.due_on->to_string() + " disagrees with due_workdays " +
                       std::to_string(count) + ", which gives " + due.to_string() +
                       " (working days after reported_on " + record.reported_on.to_string() + ")");
  }
}

void check_record(const record_check& check, const record_lookup& known,
                  const case_record& record) {
  check_reference(check, known, "district", record_kind::district, record.district, true);
  check_reference(check, known, "enterprise", record_kind::enterprise, record.enterprise);
  check_reference(check, known, "project", record_kind::project, record.project);
  check_one_subject(check, record.enterprise, record.project);
  check_reference(check, known, "team", record_kind::team, record.team);
  check_case_units(check, known, record);
  check_case_dates(check, record);
  check_case_process(check, record);
}

void check_record(const record_check& check, const record_lookup& known, const measure& record) {
  check_reference(check, known, "district", record_kind::district, record.district, true);
  check_reference(check, known, "enterprise", record_kind::enterprise, record.enterprise);
  check_reference(check, known, "project", record_kind::project, record.project);
  check_one_subject(check, record.enterprise, record.project);
  check_reference(check, known, "case", record_kind::case_, record.case_id);
  check_measure_fields(check, record);
}

}  // namespace caseledger::detail
