#include "caseledger/model/ledger.hpp"

#include <optional>
#include <string>
#include <utility>

namespace caseledger {
namespace {

template <class Record>
const Record* find_in(const std::vector<Record>& records,
                      const std::unordered_map<std::string_view, std::uint32_t>& index,
                      std::string_view id) noexcept {
  const auto found = index.find(id);
  return found == index.end() ? nullptr : &records[found->second];
}

// Without an origin, a record's position in its array is its order of addition.
template <class Record>
void append(std::vector<Record>& records, std::vector<record_origin>& origins, Record record,
            std::optional<record_origin> origin) {
  const auto position = static_cast<std::uint32_t>(records.size());
  records.push_back(std::move(record));
  origins.push_back(origin.value_or(record_origin{.index = position}));
}

}  // namespace

const district* ledger::find_district(std::string_view id) const noexcept {
  return find_in(districts_, district_index_, id);
}
const enterprise* ledger::find_enterprise(std::string_view id) const noexcept {
  return find_in(enterprises_, enterprise_index_, id);
}
const project* ledger::find_project(std::string_view id) const noexcept {
  return find_in(projects_, project_index_, id);
}
const team* ledger::find_team(std::string_view id) const noexcept {
  return find_in(teams_, team_index_, id);
}
const case_record* ledger::find_case(std::string_view id) const noexcept {
  return find_in(cases_, case_index_, id);
}
const measure* ledger::find_measure(std::string_view id) const noexcept {
  return find_in(measures_, measure_index_, id);
}

ledger_builder::ledger_builder(std::string source, std::size_t max_problems)
    : source_(std::move(source)), max_problems_(max_problems == 0 ? 1 : max_problems) {}

void ledger_builder::add(district record, std::optional<record_origin> origin) {
  append(book_.districts_, district_origins_, std::move(record), origin);
}
void ledger_builder::add(enterprise record, std::optional<record_origin> origin) {
  append(book_.enterprises_, enterprise_origins_, std::move(record), origin);
}
void ledger_builder::add(project record, std::optional<record_origin> origin) {
  append(book_.projects_, project_origins_, std::move(record), origin);
}
void ledger_builder::add(team record, std::optional<record_origin> origin) {
  append(book_.teams_, team_origins_, std::move(record), origin);
}
void ledger_builder::add(case_record record, std::optional<record_origin> origin) {
  append(book_.cases_, case_origins_, std::move(record), origin);
}
void ledger_builder::add(measure record, std::optional<record_origin> origin) {
  append(book_.measures_, measure_origins_, std::move(record), origin);
}

void ledger_builder::report(problem found) {
  problems_.push_back(std::move(found));
  if (problems_.size() >= max_problems_) throw ledger_error(problems_);
}

namespace {

using id_index = std::unordered_map<std::string_view, std::uint32_t>;

// The names of a kind of record in problems: "case" in the text, "cases" in the pointer.
struct kind_names {
  std::string_view singular;
  std::string_view plural;
};
constexpr kind_names district_names{"district", "districts"};
constexpr kind_names enterprise_names{"enterprise", "enterprises"};
constexpr kind_names project_names{"project", "projects"};
constexpr kind_names team_names{"team", "teams"};
constexpr kind_names case_names{"case", "cases"};
constexpr kind_names measure_names{"measure", "measures"};

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string record_pointer(kind_names kind, const record_origin& origin) {
  return "/" + std::string(kind.plural) + "/" + std::to_string(origin.index);
}

// The record a rule is being checked on, and the sink its problems go to.
class record_check {
 public:
  record_check(ledger_builder& builder, kind_names kind, const record_origin& origin,
               std::string_view id)
      : builder_(builder), kind_(kind), origin_(origin), id_(id) {}

  // A problem with a field the record has: the pointer names the field.
  void at_field(std::string_view field, std::string reason) const {
    report(record_pointer(kind_, origin_) + "/" + std::string(field), field, std::move(reason));
  }

  // A problem with a field the record lacks: the pointer names the record.
  void at_record(std::string_view field, std::string reason) const {
    report(record_pointer(kind_, origin_), field, std::move(reason));
  }

 private:
  void report(std::string pointer, std::string_view field, std::string reason) const {
    builder_.report(problem{.file = builder_.source(),
                            .line = origin_.line,
                            .column = origin_.column,
                            .pointer = std::move(pointer),
                            .record_kind = std::string(kind_.singular),
                            .record_id = std::string(id_),
                            .field = std::string(field),
                            .reason = std::move(reason)});
  }

  ledger_builder& builder_;
  kind_names kind_;
  const record_origin& origin_;
  std::string_view id_;
};

// Indexes records by id, reporting empty and duplicate ids. The views point into the
// records' own strings, which stay put because the vectors are final once indexed.
template <class Record>
void index_by_id(ledger_builder& builder, kind_names kind, const std::vector<Record>& records,
                 const std::vector<record_origin>& origins, id_index& index) {
  index.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const record_check check(builder, kind, origins[i], records[i].id);
    if (records[i].id.empty()) {
      check.at_field("id", "id is empty");
      continue;
    }
    const auto [first, inserted] = index.emplace(records[i].id, i);
    if (!inserted) {
      check.at_field("id", "duplicate id " + in_quotes(records[i].id) + " (first at " +
                               record_pointer(kind, origins[first->second]) + ")");
    }
  }
}

// Checks references from one record to others by id.
class reference_check {
 public:
  reference_check(const record_check& check, const std::unordered_set<std::string>& refused)
      : check_(check), refused_(refused) {}

  // `id` must name a record of `target` (an empty `id` is fine unless `required`).
  void to(std::string_view field, kind_names target, const id_index& index, std::string_view id,
          bool required = false) const {
    if (id.empty()) {
      if (required) check_.at_field(field, std::string(field) + " is empty");
      return;
    }
    if (index.contains(id)) return;
    // Only misses pay for building the key of a refused record.
    if (!refused_.empty() &&
        refused_.contains(std::string(target.singular) + ":" + std::string(id))) {
      return;
    }
    check_.at_field(field, "unknown " + std::string(target.singular) + " " + in_quotes(id));
  }

 private:
  const record_check& check_;
  const std::unordered_set<std::string>& refused_;
};

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

ledger ledger_builder::build() && {
  // Ids first: every reference check below needs every index.
  index_by_id(*this, district_names, book_.districts_, district_origins_, book_.district_index_);
  index_by_id(*this, enterprise_names, book_.enterprises_, enterprise_origins_,
              book_.enterprise_index_);
  index_by_id(*this, project_names, book_.projects_, project_origins_, book_.project_index_);
  index_by_id(*this, team_names, book_.teams_, team_origins_, book_.team_index_);
  index_by_id(*this, case_names, book_.cases_, case_origins_, book_.case_index_);
  index_by_id(*this, measure_names, book_.measures_, measure_origins_, book_.measure_index_);

  for (std::size_t i = 0; i < book_.districts_.size(); ++i) {
    const auto& record = book_.districts_[i];
    check_not_empty(record_check(*this, district_names, district_origins_[i], record.id), "name",
                    record.name);
  }
  for (std::size_t i = 0; i < book_.enterprises_.size(); ++i) {
    const auto& record = book_.enterprises_[i];
    const record_check check(*this, enterprise_names, enterprise_origins_[i], record.id);
    check_not_empty(check, "name", record.name);
    reference_check(check, refused_)
        .to("district", district_names, book_.district_index_, record.district, true);
  }
  for (std::size_t i = 0; i < book_.projects_.size(); ++i) {
    const auto& record = book_.projects_[i];
    const record_check check(*this, project_names, project_origins_[i], record.id);
    check_not_empty(check, "name", record.name);
    reference_check(check, refused_)
        .to("district", district_names, book_.district_index_, record.district, true);
  }
  for (std::size_t i = 0; i < book_.teams_.size(); ++i) {
    const auto& record = book_.teams_[i];
    const record_check check(*this, team_names, team_origins_[i], record.id);
    reference_check(check, refused_)
        .to("district", district_names, book_.district_index_, record.district, true);
    check_not_negative(check, "members", record.members);
  }
  for (std::size_t i = 0; i < book_.cases_.size(); ++i) {
    const auto& record = book_.cases_[i];
    const record_check check(*this, case_names, case_origins_[i], record.id);
    const reference_check references(check, refused_);
    references.to("district", district_names, book_.district_index_, record.district, true);
    references.to("enterprise", enterprise_names, book_.enterprise_index_, record.enterprise);
    references.to("project", project_names, book_.project_index_, record.project);
    check_one_subject(check, record.enterprise, record.project);
    references.to("team", team_names, book_.team_index_, record.team);
    check_case_dates(check, record);
  }
  for (std::size_t i = 0; i < book_.measures_.size(); ++i) {
    const auto& record = book_.measures_[i];
    const record_check check(*this, measure_names, measure_origins_[i], record.id);
    const reference_check references(check, refused_);
    references.to("district", district_names, book_.district_index_, record.district, true);
    references.to("enterprise", enterprise_names, book_.enterprise_index_, record.enterprise);
    references.to("project", project_names, book_.project_index_, record.project);
    check_one_subject(check, record.enterprise, record.project);
    references.to("case", case_names, book_.case_index_, record.case_id);
    check_measure_fields(check, record);
  }

  if (!problems_.empty()) throw ledger_error(problems_);
  return std::move(book_);
}

}  // namespace caseledger
