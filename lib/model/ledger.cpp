#include "caseledger/model/ledger.hpp"

#include <optional>
#include <string>
#include <utility>

#include "model/rules.hpp"

namespace caseledger {
namespace {

// The id of the record at a position, for detail::id_index.
template <class Record>
auto id_in(const std::vector<Record>& records) {
  return [&records](std::uint32_t position) -> std::string_view { return records[position].id; };
}

template <class Record>
const Record* find_in(const std::vector<Record>& records, const detail::id_index& index,
                      std::string_view id) noexcept {
  const std::uint32_t found = index.find(id, id_in(records));
  return found == detail::id_index::none ? nullptr : &records[found];
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

// Indexes records by id, reporting empty and duplicate ids.
template <class Record>
void index_by_id(detail::rule_sink& sink, const std::string& source, record_kind kind,
                 const std::vector<Record>& records, const std::vector<record_origin>& origins,
                 detail::id_index& index) {
  index.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const detail::record_check check(sink, detail::ids_phase(kind), source, kind, origins[i],
                                     records[i].id);
    if (records[i].id.empty()) {
      detail::report_empty_id(check);
      continue;
    }
    const std::uint32_t first = index.insert(records[i].id, i, id_in(records));
    if (first != detail::id_index::none) {
      detail::report_duplicate_id(check, kind, records[i].id, origins[first]);
    }
  }
}

template <class Record>
void check_records(detail::rule_sink& sink, const std::string& source, record_kind kind,
                   const detail::record_lookup& known, const std::vector<Record>& records,
                   const std::vector<record_origin>& origins) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const detail::record_check check(sink, detail::rules_phase(kind), source, kind, origins[i],
                                     records[i].id);
    detail::check_record(check, known, records[i]);
  }
}

// The ledger's own indexes as the lookup of reference checks.
class ledger_lookup final : public detail::record_lookup {
 public:
  explicit ledger_lookup(const ledger& book, const std::unordered_set<std::string>& refused_ids)
      : book_(book) {
    refused = &refused_ids;
  }

  bool contains(record_kind kind, std::string_view id) const override {
    switch (kind) {
      case record_kind::district:
        return book_.find_district(id) != nullptr;
      case record_kind::enterprise:
        return book_.find_enterprise(id) != nullptr;
      case record_kind::project:
        return book_.find_project(id) != nullptr;
      case record_kind::team:
        return book_.find_team(id) != nullptr;
      case record_kind::case_:
        return book_.find_case(id) != nullptr;
      case record_kind::measure:
        return book_.find_measure(id) != nullptr;
    }
    return false;
  }

 private:
  const ledger& book_;
};

// build()'s sink: every problem goes to the builder's list, which throws once full.
class builder_sink final : public detail::rule_sink {
 public:
  explicit builder_sink(ledger_builder& builder) : builder_(builder) {}
  void report(std::size_t /*phase*/, problem found) override { builder_.report(std::move(found)); }

 private:
  ledger_builder& builder_;
};

}  // namespace

ledger ledger_builder::check_into(detail::rule_sink& sink) && {
  // Ids first: every reference check below needs every index.
  index_by_id(sink, source_, record_kind::district, book_.districts_, district_origins_,
              book_.district_index_);
  index_by_id(sink, source_, record_kind::enterprise, book_.enterprises_, enterprise_origins_,
              book_.enterprise_index_);
  index_by_id(sink, source_, record_kind::project, book_.projects_, project_origins_,
              book_.project_index_);
  index_by_id(sink, source_, record_kind::team, book_.teams_, team_origins_, book_.team_index_);
  index_by_id(sink, source_, record_kind::case_, book_.cases_, case_origins_, book_.case_index_);
  index_by_id(sink, source_, record_kind::measure, book_.measures_, measure_origins_,
              book_.measure_index_);

  const ledger_lookup known(book_, refused_);
  check_records(sink, source_, record_kind::district, known, book_.districts_, district_origins_);
  check_records(sink, source_, record_kind::enterprise, known, book_.enterprises_,
                enterprise_origins_);
  check_records(sink, source_, record_kind::project, known, book_.projects_, project_origins_);
  check_records(sink, source_, record_kind::team, known, book_.teams_, team_origins_);
  check_records(sink, source_, record_kind::case_, known, book_.cases_, case_origins_);
  check_records(sink, source_, record_kind::measure, known, book_.measures_, measure_origins_);
  return std::move(book_);
}

ledger ledger_builder::build() && {
  builder_sink sink(*this);
  ledger book = std::move(*this).check_into(sink);
  if (!problems_.empty()) throw ledger_error(problems_);
  return book;
}

}  // namespace caseledger
