#include "io/stream/stream_state.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/metrics/report.hpp"
#include "core/input_file.hpp"
#include "model/builder_access.hpp"

namespace caseledger::detail {
namespace {

// What is kept of a case besides its id when the grouping needs it for the case's measures
// (what a measure's group takes from it), or when several ledgers are read (the file it
// stood in: each file's measures may name only its own cases).
struct case_payload {
  std::uint32_t team;  // position in the context's teams, or no_position
  std::uint32_t unit;  // position in the context's units, or no_position
  std::uint8_t category;
  std::uint8_t channel;  // enum index + 1; 0 when none
  std::uint16_t file;    // of several ledgers, the case's
};
constexpr std::uint32_t no_position = 0xFFFF'FFFFu;

}  // namespace

stream_state::stream_state(std::vector<ledger_file> files, const report_options& options,
                           const stream_report_options& stream, bool eager, arrival how)
    : arrival_(how),
      files_(std::move(files)),
      options_(options),
      stream_(stream),
      problems_(reading().common.max_problems == 0 ? 1 : reading().common.max_problems, several()),
      notes_(files_.size()),
      eager_wanted_(eager) {
  if (files_.size() > std::size_t{1} << 16) {
    throw usage_error("a report takes at most 65,536 ledgers at once");
  }
  if (how == arrival::context_last && !counts_before_context(options, stream)) {
    throw std::logic_error("caseledger: a report that needs the context counted before it");
  }
  this->refused = &refused_;
  for (const ledger_file& file : files_) {
    ledger_builder& builder =
        context_builders_.emplace_back(file.source, reading().common.max_problems);
    if (reading().common.workday_calendar) builder.use_calendar(*reading().common.workday_calendar);
  }
  if (options_.compare) comparison_options_ = comparison_options(options_);
}

template <class Context>
void stream_state::add_context(Context record, const record_origin& origin) {
  if (context_) out_of_order(record_pointer(kind_of(record), origin), origin);
  context_builders_[file_].add(std::move(record), origin);
}

void stream_state::add(district record, const record_origin& origin) {
  context_seen_ = true;
  if (compact_subjects_) district_ids_.emplace(record.id);
  add_context(std::move(record), origin);
}

void stream_state::add(enterprise record, const record_origin& origin) {
  context_seen_ = true;
  if (compact_subjects_) {
    add_subject(std::move(record), origin, enterprises_, pending_enterprises_);
  } else {
    add_context(std::move(record), origin);
  }
}

void stream_state::add(project record, const record_origin& origin) {
  context_seen_ = true;
  if (compact_subjects_) {
    add_subject(std::move(record), origin, projects_, pending_projects_);
  } else {
    add_context(std::move(record), origin);
  }
}

void stream_state::add(team record, const record_origin& origin) {
  context_seen_ = true;
  add_context(std::move(record), origin);
}

void stream_state::add(unit record, const record_origin& origin) {
  context_seen_ = true;
  add_context(std::move(record), origin);
}

void stream_state::add(const case_record& given, const record_origin& origin) {
  // A case first of all most likely comes before the districts: read in passes at once
  // rather than after a whole pass of cases.
  if (!context_seen_ && arrival_ == arrival::in_one_pass) throw order_broken{};
  cases_seen_ = true;
  ready_to_count();
  // A due_on from due_workdays is set on a copy: the record stays the reader's.
  const case_record& record = given.due_workdays ? with_due(given, origin) : given;
  // A flat sheet's measures name the case of their row, which came before them.
  if (measures_started_ && input().shape() != ledger_shape::flat_sheet) {
    out_of_order(record_pointer(record_kind::case_, origin), origin);
  }
  const record_check ids(problems_, ids_phase(record_kind::case_), source(), record_kind::case_,
                         origin, record.id);
  if (record.id.empty()) {
    report_empty_id(ids);
  } else {
    case_payload payload{no_position, no_position, 0, 0, static_cast<std::uint16_t>(file_)};
    if (main_->needs_case()) {
      payload.category = static_cast<std::uint8_t>(enum_index(record.category));
      payload.channel =
          record.channel ? static_cast<std::uint8_t>(enum_index(*record.channel) + 1) : 0;
      if (case_team_and_unit_) {
        if (const team* found = context_->find_team(record.team)) {
          payload.team = static_cast<std::uint32_t>(found - context_->teams().data());
        }
        if (const unit* found = context_->find_unit(record.unit)) {
          payload.unit = static_cast<std::uint32_t>(found - context_->units().data());
        }
      }
    }
    if (!cases_->insert(record.id, &payload)) duplicate(ids, record_kind::case_, record.id, origin);
  }
  check_record(record_check(problems_, rules_phase(record_kind::case_), source(),
                            record_kind::case_, origin, record.id),
               *this, record);
  main_->add(record);
  if (comparison_) comparison_->add(record);
  if (trend_) trend_->add(record);
  if (process_) process_->add(record);
  if (listing_ && listed(record, options_)) {
    listing_->add(record);
    if (eager_) pass_on_last_listed();
  }
}

void stream_state::add(const measure& record, const record_origin& origin) {
  // Likewise a measure before any case.
  if (!cases_seen_ && arrival_ == arrival::in_one_pass) throw order_broken{};
  ready_to_count();
  measures_started_ = true;
  const record_check ids(problems_, ids_phase(record_kind::measure), source(), record_kind::measure,
                         origin, record.id);
  if (record.id.empty()) {
    report_empty_id(ids);
  } else if (!measures_.insert(record.id)) {
    duplicate(ids, record_kind::measure, record.id, origin);
  }
  check_record(record_check(problems_, rules_phase(record_kind::measure), source(),
                            record_kind::measure, origin, record.id),
               *this, record);
  main_->add(record);
  if (comparison_) comparison_->add(record);
}

report stream_state::finish(std::vector<problem> reading_problems,
                            std::vector<input_source> inputs) {
  if (!context_) close_context();
  if (!piped_.name.empty()) inputs.push_back(std::move(piped_));
  ledger_builder_access::add_inputs(*context_, std::move(inputs));
  // Standard input cannot be read twice: its duplicates name no first record. Several
  // ledgers with a problem are read again whole anyway.
  if (!duplicates_.empty() && !several() && !is_standard_input(input().path())) {
    name_first_records();
  }
  std::vector<problem> found = problems_.after(std::move(reading_problems));
  if (!found.empty()) throw ledger_error(std::move(found));
  // Each file's notes, then the consolidation's (records given alike in two files).
  if (stream_.noticed) {
    for (const std::vector<reading_note>& file_notes : notes_) {
      for (const reading_note& noticed : file_notes) stream_.noticed(noticed);
    }
    for (const reading_note& noticed : context_->notes()) stream_.noticed(noticed);
  }
  if (comparison_) {
    return finish_report(main_->take(), comparison_->take(), *context_, options_);
  }
  return finish_report(main_->take(), *context_, options_);
}

record_counts stream_state::counts() const {
  // Kept as ids and facts, enterprises and projects are not in the context.
  return {.districts = context_->districts().size(),
          .enterprises = compact_subjects_ ? enterprises_.size() : context_->enterprises().size(),
          .projects = compact_subjects_ ? projects_.size() : context_->projects().size(),
          .teams = context_->teams().size(),
          .units = context_->units().size(),
          .cases = cases_ ? cases_->size() : 0,
          .measures = measures_.size()};
}

std::optional<case_facts> stream_state::find(std::string_view case_id) const {
  const std::byte* found = cases_->find(case_id);
  if (found == nullptr) return std::nullopt;
  case_payload payload;
  std::memcpy(&payload, found, sizeof payload);
  case_facts facts;
  facts.category = static_cast<case_category>(payload.category);
  if (payload.channel != 0) facts.channel = static_cast<case_channel>(payload.channel - 1);
  if (payload.team != no_position) facts.team = context_->teams()[payload.team].id;
  if (payload.unit != no_position) facts.unit = context_->units()[payload.unit].id;
  return facts;
}

bool stream_state::contains(record_kind kind, std::string_view id) const {
  if (several()) return in_this_file(kind, id);
  if (!context_ && kind != record_kind::case_ && kind != record_kind::measure) {
    // arrival::context_last: looked up by names_known()
    if (named_early_[static_cast<std::size_t>(kind)].insert(id)) {
      names_to_check_.emplace_back(kind, id);
    }
    return true;
  }
  switch (kind) {
    case record_kind::district:
      return context_->find_district(id) != nullptr;
    case record_kind::enterprise:
      return compact_subjects_ ? enterprises_.contains(id)
                               : context_->find_enterprise(id) != nullptr;
    case record_kind::project:
      return compact_subjects_ ? projects_.contains(id) : context_->find_project(id) != nullptr;
    case record_kind::team:
      return context_->find_team(id) != nullptr;
    case record_kind::unit:
      return context_->find_unit(id) != nullptr;
    case record_kind::case_:
      return cases_->contains(id);
    case record_kind::measure:
      return measures_.contains(id);
  }
  return false;
}

template <class Subject>
void stream_state::add_subject(Subject record, const record_origin& origin, id_table& ids,
                               std::vector<pending_subject<Subject>>& pending) {
  const record_kind kind = kind_of(record);
  if (context_) out_of_order(record_pointer(kind, origin), origin);
  const record_check id_check(problems_, ids_phase(kind), source(), kind, origin, record.id);
  if (record.id.empty()) {
    report_empty_id(id_check);
  } else if (!ids.insert(record.id)) {
    duplicate(id_check, kind, record.id, origin);
  }
  subject_facts facts{record.resumed_on ? record.resumed_on->days_since_epoch() : 0,
                      subject_district(record.district) & district_bits,
                      record.resumed_on.has_value(), record.key};
  (kind == record_kind::enterprise ? enterprise_facts_ : project_facts_).push_back(facts);
  if (record.name.empty() || !district_ids_.contains(record.district)) {
    pending.push_back({std::move(record), origin});
  }
}

std::uint32_t stream_state::subject_district(std::string_view district) {
  const auto [at, added] = subject_district_numbers_.try_emplace(
      std::string(district), static_cast<std::uint32_t>(subject_districts_.size()));
  if (added) {
    if (subject_districts_.size() >= (std::uint32_t{1} << 30)) {
      throw overflow_error("the streaming report takes at most 2^30 districts");
    }
    subject_districts_.emplace_back(district);
  }
  return at->second;
}

template <class Subject>
void stream_state::close_subjects(const std::vector<pending_subject<Subject>>& pending,
                                  const std::vector<subject_facts>& all) {
  for (const pending_subject<Subject>& subject : pending) {
    const record_kind kind = kind_of(subject.record);
    check_record(record_check(problems_, rules_phase(kind), source(), kind, subject.origin,
                              subject.record.id),
                 *this, subject.record);
  }
  Subject record;
  for (const subject_facts& facts : all) {
    record.district = subject_districts_[facts.district];
    record.key = facts.key;
    record.resumed_on.reset();
    if (facts.resumed) record.resumed_on = date::from_days(facts.resumed_on);
    main_->add(record);
    if (comparison_) comparison_->add(record);
  }
}

bool stream_state::in_this_file(record_kind kind, std::string_view id) const {
  switch (kind) {
    case record_kind::case_: {
      const std::byte* found = cases_->find(id);
      if (found == nullptr) return false;
      case_payload payload;
      std::memcpy(&payload, found, sizeof payload);
      return payload.file == file_;
    }
    case record_kind::measure:
      return measures_.contains(id);
    default:
      return file_ids_[file_].contains(kind, id);
  }
}

ledger stream_state::consolidated_context() {
  ledger_builder all({}, reading().common.max_problems);
  if (reading().common.workday_calendar) all.use_calendar(*reading().common.workday_calendar);
  for (std::size_t i = 0; i < files_.size(); ++i) {
    ledger book = std::move(context_builders_[i]).build();
    file_ids_.emplace_back(book);
    all.add_ledger(std::move(book), files_[i].input.path().string());
  }
  context_builders_.clear();
  return ledger_builder_access::check_into(std::move(all), problems_);
}

const case_record& stream_state::with_due(const case_record& given, const record_origin& origin) {
  with_due_ = given;
  derive_due(record_check(problems_, rules_phase(record_kind::case_), source(), record_kind::case_,
                          origin, with_due_.id),
             workdays(), with_due_);
  return with_due_;
}

void stream_state::duplicate(const record_check& ids, record_kind kind, std::string_view id,
                             const record_origin& origin) {
  const std::size_t phase = ids_phase(kind);
  const std::size_t at = problems_.kept(phase);
  report_duplicate_id(ids, id, record_pointer(kind, record_origin{}));
  if (problems_.kept(phase) > at) duplicates_.push_back({phase, at, kind, std::string(id), origin});
}

void stream_state::name_first_records() {
  first_record_finder finder(source(), duplicates_);
  input().read(finder, nullptr, nullptr);
  for (const duplicate_id& duplicate : duplicates_) {
    problem_taker taker;
    report_duplicate_id(
        record_check(taker, duplicate.phase, source(), duplicate.kind, duplicate.origin,
                     duplicate.id),
        duplicate.id,
        record_pointer(duplicate.kind,
                       record_origin{.index = finder.first(duplicate.kind, duplicate.id)}));
    problems_.replace(duplicate.phase, duplicate.at, std::move(taker.taken));
  }
}

void stream_state::out_of_order(const std::string& pointer, const record_origin& origin) const {
  if (arrival_ == arrival::in_one_pass) throw order_broken{};
  if (arrival_ == arrival::in_passes) {
    throw std::logic_error("caseledger: a pass brought " + pointer + " out of order");
  }
  throw usage_error(
      "standard input is read once, so a JSON ledger given there must list its districts, "
      "enterprises, projects, teams and units before its cases and measures, and its cases "
      "before its measures; " +
      source() + ":" + std::to_string(origin.line) + ":" + std::to_string(origin.column) + ": " +
      pointer +
      " comes later (reorder the ledger, or save it to a file and report on the file, "
      "which may list its records in any order)");
}

void stream_state::ready_to_count() {
  if (main_) return;
  if (arrival_ != arrival::context_last) return close_context();
  ledger_builder nothing(source(), reading().common.max_problems);
  if (reading().common.workday_calendar) nothing.use_calendar(*reading().common.workday_calendar);
  calendar_only_ = std::move(nothing).build();
  start_counting(*calendar_only_);
}

void stream_state::start_counting(const ledger& context) {
  main_ = std::make_unique<aggregator>(context, options_, this);
  // The comparison groups as the report does: it needs of a case what the report needs.
  cases_.emplace(main_->needs_case() || several() ? sizeof(case_payload) : 0);
  if (comparison_options_) {
    comparison_ = std::make_unique<aggregator>(context, *comparison_options_, this);
  }
}

void stream_state::count_context(const ledger& context) {
  for (aggregator* counter : {main_.get(), comparison_.get()}) {
    if (counter == nullptr) continue;
    for (const enterprise& record : context.enterprises()) counter->add(record);
    for (const project& record : context.projects()) counter->add(record);
    for (const team& record : context.teams()) counter->add(record);
  }
  if (compact_subjects_) {
    close_subjects(pending_enterprises_, enterprise_facts_);
    close_subjects(pending_projects_, project_facts_);
    subject_district_numbers_ = {};
    pending_enterprises_ = {};
    pending_projects_ = {};
    enterprise_facts_ = {};
    project_facts_ = {};
  }
}

bool stream_state::names_known() const {
  return std::all_of(names_to_check_.begin(), names_to_check_.end(), [this](const auto& name) {
    const auto& [kind, id] = name;
    return contains(kind, id) || refused_.contains(std::string(names_of(kind).singular) + ":" + id);
  });
}

const calendar& stream_state::workdays() const {
  return (context_ ? *context_ : *calendar_only_).workday_calendar();
}

void stream_state::close_context() {
  context_ = several() ? consolidated_context()
                       : ledger_builder_access::check_into(std::move(context_builders_.front()),
                                                           problems_);
  if (!main_) start_counting(*context_);
  count_context(*context_);
  if (arrival_ == arrival::context_last) {
    if (!names_known()) throw order_broken{};
    return;  // a report of the figures alone: nothing below is made
  }
  if (stream_.xlsx || stream_.html) {
    trend_ = std::make_unique<trend_counter>(*context_, options_);
  }
  if (stream_.xlsx) {
    process_ =
        std::make_unique<process_counter>(*context_, options_, stream_.workbook.handling_process);
    if (stream_.workbook.include_cases) {
      listing_ = std::make_unique<compact_listing>(*context_);
      if (eager_wanted_) start_eager();
    }
  }
}

void stream_state::start_eager() {
  try {
    xlsx_output_ = std::make_unique<output_file>(*stream_.xlsx);
    // A report of no cases: its options and title begin the workbook.
    aggregator none(*context_, options_, this);
    none.add_all();
    std::optional<report> sample;
    if (comparison_options_) {
      aggregator none_before(*context_, *comparison_options_, this);
      none_before.add_all();
      sample = finish_report(none.take(), none_before.take(), *context_, options_);
    } else {
      sample = finish_report(none.take(), *context_, options_);
    }
    eager_ = std::make_unique<listing_pipe>(
        std::make_unique<eager_workbook>(*sample, *context_, *xlsx_output_, stream_.workbook));
  } catch (...) {
    eager_.reset();
    xlsx_output_.reset();
  }
}

void stream_state::pass_on_last_listed() {
  const listed_case c = listing_->at(listing_->size() - 1);
  if (last_listed_ && (c.reported_on < last_listed_->reported_on ||
                       (c.reported_on == last_listed_->reported_on && c.id < last_listed_->id))) {
    eager_.reset();
    return;
  }
  last_listed_ = c;
  if (!eager_->add(c)) eager_.reset();
}

}  // namespace caseledger::detail
