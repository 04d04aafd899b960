#include "caseledger/model/ledger.hpp"

#include <algorithm>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
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

// Without an origin, a record's position in its array is its order of addition. The
// record is moved once, into its array: a case is some 400 bytes of strings and optionals.
template <class Record>
void append(std::vector<Record>& records, std::vector<record_origin>& origins, Record&& record,
            std::optional<record_origin> origin) {
  const auto position = static_cast<std::uint32_t>(records.size());
  records.push_back(std::move(record));
  origins.push_back(origin.value_or(record_origin{.index = position}));
}

// Room for `more` records (a case is some 400 bytes, a sheet's cases as many megabytes as
// it has thousands of rows).
template <class Record>
void make_room(std::vector<Record>& records, std::size_t more) {
  records.reserve(records.size() + more);
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
const unit* ledger::find_unit(std::string_view id) const noexcept {
  return find_in(units_, unit_index_, id);
}
const calendar& ledger::workday_calendar() const {
  if (calendar_) return *calendar_;
  static const calendar china = calendar::china();
  return china;
}
const case_record* ledger::find_case(std::string_view id) const noexcept {
  return find_in(cases_, case_index_, id);
}
const measure* ledger::find_measure(std::string_view id) const noexcept {
  return find_in(measures_, measure_index_, id);
}

std::string reading_note::to_string() const {
  return problem::position(file, line, column, sheet_cell) + ": " + text;
}

const char* to_string(reading_note::kind what) noexcept {
  switch (what) {
    case reading_note::kind::skipped_rows:
      return "skipped_rows";
    case reading_note::kind::extra_columns:
      return "extra_columns";
    case reading_note::kind::total_mismatch:
      return "total_mismatch";
    case reading_note::kind::repeated_record:
      return "repeated_record";
    case reading_note::kind::sheets_read:
      return "sheets_read";
  }
  return "";
}

ledger_builder::ledger_builder(std::string source, std::size_t max_problems)
    : source_(std::move(source)),
      parts_{source_},
      max_problems_(max_problems == 0 ? 1 : max_problems) {}

std::uint32_t ledger_builder::add_part(std::string name) {
  parts_.push_back(std::move(name));
  return static_cast<std::uint32_t>(parts_.size() - 1);
}

std::uint32_t ledger_builder::add_ledger(ledger&& book, std::string name) {
  const std::uint32_t part = add_part(std::move(name));
  // The book's own parts (its sheets) become parts here; its part 0 is the file itself.
  std::vector<std::uint32_t> parts{part};
  if (book.origins_) {
    for (std::size_t p = 1; p < book.origins_->parts.size(); ++p) {
      parts.push_back(add_part(std::move(book.origins_->parts[p])));
    }
  }
  const auto take = [&](auto& records, auto& mine, std::vector<record_origin>& origins,
                        std::vector<record_origin>* known) {
    for (std::uint32_t i = 0; i < records.size(); ++i) {
      mine.push_back(std::move(records[i]));
      record_origin origin = known != nullptr ? (*known)[i] : record_origin{.index = i};
      origin.part = parts[origin.part];
      origins.push_back(origin);
    }
    records.clear();
  };
  const auto known = [&](auto member) -> std::vector<record_origin>* {
    return book.origins_ ? &((*book.origins_).*member) : nullptr;
  };
  using origins = ledger::record_origins;
  take(book.districts_, book_.districts_, district_origins_, known(&origins::districts));
  take(book.enterprises_, book_.enterprises_, enterprise_origins_, known(&origins::enterprises));
  take(book.projects_, book_.projects_, project_origins_, known(&origins::projects));
  take(book.teams_, book_.teams_, team_origins_, known(&origins::teams));
  take(book.units_, book_.units_, unit_origins_, known(&origins::units));
  take(book.cases_, book_.cases_, case_origins_, known(&origins::cases));
  take(book.measures_, book_.measures_, measure_origins_, known(&origins::measures));
  for (reading_note& noticed : book.notes_) book_.notes_.push_back(std::move(noticed));
  for (std::string& column : book.case_extra_columns_) declare_case_extra_column(std::move(column));
  for (input_source& source : book.inputs_) book_.inputs_.push_back(std::move(source));
  return part;
}

void ledger_builder::note(reading_note noticed) { book_.notes_.push_back(std::move(noticed)); }

void ledger_builder::declare_case_extra_column(std::string name) {
  auto& columns = book_.case_extra_columns_;
  if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
    columns.push_back(std::move(name));
  }
}

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
void ledger_builder::add(unit record, std::optional<record_origin> origin) {
  append(book_.units_, unit_origins_, std::move(record), origin);
}
void ledger_builder::add(case_record record, std::optional<record_origin> origin) {
  append(book_.cases_, case_origins_, std::move(record), origin);
}
void ledger_builder::add(measure record, std::optional<record_origin> origin) {
  append(book_.measures_, measure_origins_, std::move(record), origin);
}

template <class Record>
void ledger_builder::reserve(std::size_t more) {
  const auto room = [more](auto& records, std::vector<record_origin>& origins) {
    make_room(records, more);
    make_room(origins, more);
  };
  if constexpr (std::is_same_v<Record, district>) room(book_.districts_, district_origins_);
  if constexpr (std::is_same_v<Record, enterprise>) room(book_.enterprises_, enterprise_origins_);
  if constexpr (std::is_same_v<Record, project>) room(book_.projects_, project_origins_);
  if constexpr (std::is_same_v<Record, team>) room(book_.teams_, team_origins_);
  if constexpr (std::is_same_v<Record, unit>) room(book_.units_, unit_origins_);
  if constexpr (std::is_same_v<Record, case_record>) room(book_.cases_, case_origins_);
  if constexpr (std::is_same_v<Record, measure>) room(book_.measures_, measure_origins_);
}

template void ledger_builder::reserve<district>(std::size_t);
template void ledger_builder::reserve<enterprise>(std::size_t);
template void ledger_builder::reserve<project>(std::size_t);
template void ledger_builder::reserve<team>(std::size_t);
template void ledger_builder::reserve<unit>(std::size_t);
template void ledger_builder::reserve<case_record>(std::size_t);
template void ledger_builder::reserve<measure>(std::size_t);

void ledger_builder::report(problem found) {
  problems_.push_back(std::move(found));
  if (problems_.size() >= max_problems_) throw ledger_error(problems_);
}

namespace {

// "book.xlsx:17" or "/cases/3": where an earlier record stood, for a duplicate's problem.
std::string place_of(record_kind kind, const record_origin& first, const record_origin& later,
                     const std::vector<std::string>& parts) {
  if (first.part == later.part) return detail::record_pointer(kind, first);
  return problem::position(parts[first.part], first.line, 0) + ", with other values";
}

// The same record in two parts (a district every district's file names, an enterprise
// on two sheets) is one record: the later copies go, with one note for the kind.
template <class Record>
void drop_repeats(record_kind kind, std::vector<Record>& records,
                  std::vector<record_origin>& origins, const std::vector<std::string>& parts,
                  std::vector<reading_note>& notes) {
  std::unordered_map<std::string_view, std::uint32_t> first_of;
  std::vector<bool> repeated(records.size(), false);
  std::size_t count = 0;
  std::string example;
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const auto [at, inserted] = first_of.try_emplace(records[i].id, i);
    if (inserted || origins[at->second].part == origins[i].part ||
        !same_record(records[at->second], records[i])) {
      continue;
    }
    repeated[i] = true;
    if (count++ == 0) {
      example.append("'").append(records[i].id).append("' in ");
      example.append(parts[origins[at->second].part])
          .append(" and ")
          .append(parts[origins[i].part]);
    }
  }
  if (count == 0) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (repeated[i]) continue;
    if (kept != i) {
      records[kept] = std::move(records[i]);
      origins[kept] = origins[i];
    }
    ++kept;
  }
  records.resize(kept);
  origins.resize(kept);
  const record_kind_names& names = names_of(kind);
  notes.push_back({.what = reading_note::kind::repeated_record,
                   .file = {},
                   .line = 0,
                   .column = 0,
                   .text = std::to_string(count) + " " +
                           std::string(count == 1 ? names.singular : names.plural) +
                           " given identically in more than one file or sheet, kept once (" +
                           example + ")"});
}

// Indexes records by id, reporting empty and duplicate ids.
template <class Record>
void index_by_id(detail::rule_sink& sink, const std::vector<std::string>& parts, record_kind kind,
                 const std::vector<Record>& records, const std::vector<record_origin>& origins,
                 detail::id_index& index) {
  index.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const detail::record_check check(sink, detail::ids_phase(kind), parts[origins[i].part], kind,
                                     origins[i], records[i].id);
    if (records[i].id.empty()) {
      detail::report_empty_id(check);
      continue;
    }
    const std::uint32_t first = index.insert(records[i].id, i, id_in(records));
    if (first != detail::id_index::none) {
      detail::report_duplicate_id(check, records[i].id,
                                  place_of(kind, origins[first], origins[i], parts));
    }
  }
}

template <class Record>
void check_records(detail::rule_sink& sink, const std::vector<std::string>& parts, record_kind kind,
                   const detail::record_lookup& known, const std::vector<Record>& records,
                   const std::vector<record_origin>& origins) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const detail::record_check check(sink, detail::rules_phase(kind), parts[origins[i].part], kind,
                                     origins[i], records[i].id);
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
      case record_kind::unit:
        return book_.find_unit(id) != nullptr;
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

// What a check run on a second thread finds, kept to be passed on in build()'s order once the
// checks before it have passed theirs. No more than `max` are kept: a sink never takes more.
class kept_problems final : public detail::rule_sink {
 public:
  explicit kept_problems(std::size_t max) : max_(max) {}

  void report(std::size_t phase, problem found) override {
    if (kept_.size() < max_) kept_.emplace_back(phase, std::move(found));
  }

  void pass_to(detail::rule_sink& sink) {
    for (auto& [phase, found] : std::exchange(kept_, {})) sink.report(phase, std::move(found));
  }

 private:
  std::size_t max_;
  std::vector<std::pair<std::size_t, problem>> kept_;
};

// Measures from this many on are indexed and checked on a second thread, alongside the
// other kinds: with as many cases (a flat sheet's), that halves what build() adds to the
// reading. Fewer cost less than the thread.
constexpr std::size_t measures_for_a_thread = 10'000;

// Checks whose problems come after the caller's: run on a second thread from `start` when
// `aside` (into a sink of their own), else in `finish`; either way `finish` hands their
// problems to the sink at their place in build()'s order.
class checks_aside {
 public:
  using work = std::function<void(detail::rule_sink&)>;

  checks_aside(bool aside, std::size_t max_problems) : aside_(aside), kept_(max_problems) {}

  void start(work checks) {
    if (aside_) {
      running_ = std::async(std::launch::async, [this, checks] { checks(kept_); });
    } else {
      waiting_ = std::move(checks);
    }
  }

  // The checks' problems to `sink`, once they are done; throws what they threw.
  void finish(detail::rule_sink& sink) {
    if (aside_) {
      running_.get();
      kept_.pass_to(sink);
    } else {
      std::exchange(waiting_, nullptr)(sink);
    }
  }

 private:
  bool aside_;
  kept_problems kept_;
  work waiting_;
  std::future<void> running_;  // waited for by its destructor, should the caller throw
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
  if (parts_.size() > 1) {
    drop_repeats(record_kind::district, book_.districts_, district_origins_, parts_, book_.notes_);
    drop_repeats(record_kind::enterprise, book_.enterprises_, enterprise_origins_, parts_,
                 book_.notes_);
    drop_repeats(record_kind::project, book_.projects_, project_origins_, parts_, book_.notes_);
    drop_repeats(record_kind::team, book_.teams_, team_origins_, parts_, book_.notes_);
    drop_repeats(record_kind::unit, book_.units_, unit_origins_, parts_, book_.notes_);
    drop_repeats(record_kind::case_, book_.cases_, case_origins_, parts_, book_.notes_);
    drop_repeats(record_kind::measure, book_.measures_, measure_origins_, parts_, book_.notes_);
  }
  const ledger_lookup known(book_, refused_);  // before `measures`, whose work may use it
  const bool aside =
      book_.measures_.size() >= measures_for_a_thread && std::thread::hardware_concurrency() > 1;
  checks_aside measures(aside, max_problems_);
  // Ids first: every reference check below needs every index.
  measures.start([this](detail::rule_sink& into) {
    index_by_id(into, parts_, record_kind::measure, book_.measures_, measure_origins_,
                book_.measure_index_);
  });
  index_by_id(sink, parts_, record_kind::district, book_.districts_, district_origins_,
              book_.district_index_);
  index_by_id(sink, parts_, record_kind::enterprise, book_.enterprises_, enterprise_origins_,
              book_.enterprise_index_);
  index_by_id(sink, parts_, record_kind::project, book_.projects_, project_origins_,
              book_.project_index_);
  index_by_id(sink, parts_, record_kind::team, book_.teams_, team_origins_, book_.team_index_);
  index_by_id(sink, parts_, record_kind::unit, book_.units_, unit_origins_, book_.unit_index_);
  index_by_id(sink, parts_, record_kind::case_, book_.cases_, case_origins_, book_.case_index_);
  measures.finish(sink);

  // A case's due_on comes from its due_workdays before its rules, which check the due.
  book_.calendar_ = calendar_;
  const auto check_cases = [this, &known](detail::rule_sink& into, std::size_t from,
                                          std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      case_record& record = book_.cases_[i];
      const record_origin& origin = case_origins_[i];
      const detail::record_check check(into, detail::rules_phase(record_kind::case_),
                                       parts_[origin.part], record_kind::case_, origin, record.id);
      if (record.due_workdays) detail::derive_due(check, book_.workday_calendar(), record);
      detail::check_record(check, known, record);
    }
  };
  // Aside, the measures' rules take the last cases' along when there are more cases than
  // measures, so that both threads have about as much to do: a case's rules cost about what
  // a measure's do (three lookups each). A case's rules only read other records, and set
  // its own due_on, which no measure rule reads.
  const std::size_t cases = book_.cases_.size();
  const std::size_t cases_here =
      aside ? std::min(cases, (cases + book_.measures_.size()) / 2) : cases;
  measures.start([this, &known, check_cases, cases_here, cases](detail::rule_sink& into) {
    check_cases(into, cases_here, cases);
    check_records(into, parts_, record_kind::measure, known, book_.measures_, measure_origins_);
  });
  check_records(sink, parts_, record_kind::district, known, book_.districts_, district_origins_);
  check_records(sink, parts_, record_kind::enterprise, known, book_.enterprises_,
                enterprise_origins_);
  check_records(sink, parts_, record_kind::project, known, book_.projects_, project_origins_);
  check_records(sink, parts_, record_kind::team, known, book_.teams_, team_origins_);
  check_records(sink, parts_, record_kind::unit, known, book_.units_, unit_origins_);
  check_cases(sink, 0, cases_here);
  measures.finish(sink);
  return std::move(book_);
}

ledger ledger_builder::build() && {
  builder_sink sink(*this);
  ledger book = std::move(*this).check_into(sink);
  if (!problems_.empty()) throw ledger_error(problems_);
  book.origins_ = ledger::record_origins{.parts = std::move(parts_),
                                         .districts = std::move(district_origins_),
                                         .enterprises = std::move(enterprise_origins_),
                                         .projects = std::move(project_origins_),
                                         .teams = std::move(team_origins_),
                                         .units = std::move(unit_origins_),
                                         .cases = std::move(case_origins_),
                                         .measures = std::move(measure_origins_)};
  return book;
}

}  // namespace caseledger
