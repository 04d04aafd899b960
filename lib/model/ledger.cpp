#include "caseledger/model/ledger.hpp"

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

template <class Record>
void append(std::vector<Record>& records, std::vector<record_origin>& origins, Record record,
            record_origin origin) {
  records.push_back(std::move(record));
  origins.push_back(origin);
}

template <class Record>
void append(std::vector<Record>& records, std::vector<record_origin>& origins, Record record) {
  const auto position = static_cast<std::uint32_t>(records.size());
  append(records, origins, std::move(record), record_origin{.index = position});
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

void ledger_builder::add(district record) {
  append(book_.districts_, district_origins_, std::move(record));
}
void ledger_builder::add(district record, record_origin origin) {
  append(book_.districts_, district_origins_, std::move(record), origin);
}
void ledger_builder::add(enterprise record) {
  append(book_.enterprises_, enterprise_origins_, std::move(record));
}
void ledger_builder::add(enterprise record, record_origin origin) {
  append(book_.enterprises_, enterprise_origins_, std::move(record), origin);
}
void ledger_builder::add(project record) {
  append(book_.projects_, project_origins_, std::move(record));
}
void ledger_builder::add(project record, record_origin origin) {
  append(book_.projects_, project_origins_, std::move(record), origin);
}
void ledger_builder::add(team record) { append(book_.teams_, team_origins_, std::move(record)); }
void ledger_builder::add(team record, record_origin origin) {
  append(book_.teams_, team_origins_, std::move(record), origin);
}
void ledger_builder::add(case_record record) {
  append(book_.cases_, case_origins_, std::move(record));
}
void ledger_builder::add(case_record record, record_origin origin) {
  append(book_.cases_, case_origins_, std::move(record), origin);
}
void ledger_builder::add(measure record) {
  append(book_.measures_, measure_origins_, std::move(record));
}
void ledger_builder::add(measure record, record_origin origin) {
  append(book_.measures_, measure_origins_, std::move(record), origin);
}

void ledger_builder::report(problem found) {
  problems_.push_back(std::move(found));
  if (problems_.size() >= max_problems_) throw ledger_error(problems_);
}

namespace {

// Indexes records by id. The views point into the records' own strings, which stay put
// because the vectors are final once the ledger is built.
template <class Record>
void index_by_id(const std::vector<Record>& records,
                 std::unordered_map<std::string_view, std::uint32_t>& index) {
  index.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, i);
}

}  // namespace

ledger ledger_builder::build() && {
  // TODO(reader change): check every rule of domain.md before indexing.
  index_by_id(book_.districts_, book_.district_index_);
  index_by_id(book_.enterprises_, book_.enterprise_index_);
  index_by_id(book_.projects_, book_.project_index_);
  index_by_id(book_.teams_, book_.team_index_);
  index_by_id(book_.cases_, book_.case_index_);
  index_by_id(book_.measures_, book_.measure_index_);
  if (!problems_.empty()) throw ledger_error(problems_);
  return std::move(book_);
}

}  // namespace caseledger
