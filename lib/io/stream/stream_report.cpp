// The one-pass report: `stream_state` checks and counts each record as it passes (about
// 460 lines, one class: the checks, the partial metrics and the eager listing share its
// tables), the two ways to feed it (on this thread, or with a parser beside it), the passes
// of a file whose records come out of order or of a flat sheet, and the outputs committed
// together. About 830 lines in one file, each part used only here: the passes drive
// `stream_state` and restart it, so they stay beside it; what a pass reads and hands on,
// which needs no state, is in ledger_passes.hpp.
#include "caseledger/io/stream_report.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/model/record_schema.hpp"
#include "core/content_digest.hpp"
#include "core/input_file.hpp"
#include "io/csv/records.hpp"
#include "io/html/page.hpp"
#include "io/stream/context_ids.hpp"
#include "io/stream/id_table.hpp"
#include "io/stream/ledger_passes.hpp"
#include "io/stream/listing_pipe.hpp"
#include "io/stream/problem_order.hpp"
#include "io/stream/record_batches.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "io/xlsx/write/workbook_source.hpp"
#include "model/builder_access.hpp"
#include "model/record_sink.hpp"
#include "model/rules.hpp"

namespace caseledger {
namespace {

using detail::batch_queue;
using detail::batching_sink;
using detail::duplicate_id;
using detail::first_record_finder;
using detail::item_batch;
using detail::kinds_of;
using detail::ledger_input;
using detail::ledger_shape;
using detail::listing_pipe;
using detail::located_item;
using detail::pass_plan;
using detail::phased_problems;
using detail::problem_taker;
using detail::reading_abandoned;
using detail::reading_problems;
using detail::refusal;

// What is kept of a case besides its id, only when the grouping needs it for the case's
// measures: what a measure's group takes from it.
// Of several ledgers, the one a case stood in is kept too: each file's measures may name only
// its own cases.
struct case_payload {
  std::uint32_t team;  // position in the context's teams, or no_position
  std::uint32_t unit;  // position in the context's units, or no_position
  std::uint8_t category;
  std::uint8_t channel;  // enum index + 1; 0 when none
  std::uint16_t file;    // of several ledgers, the case's
};
constexpr std::uint32_t no_position = 0xFFFF'FFFFu;

// How the records reach the state, and what a record out of the one pass's order
// (districts, enterprises, projects and teams; then cases; then measures) does.
enum class arrival {
  // A file read once while its records come in order. At the first out of order the pass
  // is given up (order_broken) and the file read again in passes (read_in_passes).
  in_one_pass,
  // Standard input, which cannot be read again: a record out of order is a usage error.
  once_only,
  // A file read in passes that each bring only what may come next: never out of order.
  in_passes,
};

// Thrown when a file's records come out of the one pass's order: read it in passes.
struct order_broken {};

// A ledger the state reads, with its name in problems.
struct ledger_file {
  const ledger_input& input;
  std::string source;
};

// Everything the one pass keeps: the context ledger, the ids, the aggregators, the trend
// and the listing.
//
// Several ledgers are consolidated as read_ledgers does, each file's context checked on its
// own and then with the others' (context_files), its cases and measures by the rules with
// its own context (file_ids): a rule broken, or a case or measure id given in two files
// (which may be the same record, kept once, or a conflict), is a problem, and the caller
// then reads the files whole for the normal mode's outcome.
class stream_state final : public case_resolver, public detail::record_lookup {
 public:
  // `files`: the ledgers, read in their order in every pass (at most 65,536). `eager`:
  // write the listing on a second thread while the cases come, as long as they come in the
  // listing's order.
  stream_state(std::vector<ledger_file> files, const report_options& options,
               const stream_report_options& stream, bool eager, arrival how)
      : arrival_(how),
        files_(std::move(files)),
        options_(options),
        stream_(stream),
        problems_(reading().common.max_problems == 0 ? 1 : reading().common.max_problems,
                  several()),
        notes_(files_.size()),
        eager_wanted_(eager) {
    if (files_.size() > std::size_t{1} << 16) {
      throw usage_error("a report takes at most 65,536 ledgers at once");
    }
    this->refused = &refused_;
    for (const ledger_file& file : files_) {
      ledger_builder& builder =
          context_builders_.emplace_back(file.source, reading().common.max_problems);
      if (reading().common.workday_calendar)
        builder.use_calendar(*reading().common.workday_calendar);
    }
    if (options_.compare) comparison_options_ = comparison_options(options_);
  }

  bool several() const { return files_.size() > 1; }
  // The records that come from now on are the file's at `file` (each pass reads them all).
  void begin_file(std::size_t file) {
    file_ = file;
    measures_started_ = false;  // each file's cases come before its measures
  }
  const std::string& source() const { return files_[file_].source; }
  const ledger_input& input() const { return files_[file_].input; }
  const detail::ledger_reading& reading() const { return input().reading(); }

  template <class Context>
  void add_context(Context record, const record_origin& origin) {
    if (context_) out_of_order(detail::record_pointer(kind_of(record), origin), origin);
    context_builders_[file_].add(std::move(record), origin);
  }
  void add(district record, const record_origin& origin) {
    context_seen_ = true;
    if (compact_subjects_) district_ids_.insert(record.id);
    add_context(std::move(record), origin);
  }
  void add(enterprise record, const record_origin& origin) {
    context_seen_ = true;
    if (compact_subjects_) {
      add_subject(std::move(record), origin, enterprises_, pending_enterprises_);
    } else {
      add_context(std::move(record), origin);
    }
  }
  void add(project record, const record_origin& origin) {
    context_seen_ = true;
    if (compact_subjects_) {
      add_subject(std::move(record), origin, projects_, pending_projects_);
    } else {
      add_context(std::move(record), origin);
    }
  }
  void add(team record, const record_origin& origin) {
    context_seen_ = true;
    add_context(std::move(record), origin);
  }
  void add(unit record, const record_origin& origin) {
    context_seen_ = true;
    add_context(std::move(record), origin);
  }

  void add(const case_record& given, const record_origin& origin) {
    // A case first of all most likely comes before the districts: read in passes at once
    // rather than after a whole pass of cases.
    if (!context_seen_ && arrival_ == arrival::in_one_pass) throw order_broken{};
    cases_seen_ = true;
    if (!context_) close_context();
    // A due_on from due_workdays is set on a copy: the record stays the reader's.
    const case_record& record = given.due_workdays ? with_due(given, origin) : given;
    // A flat sheet's measures name the case of their row, which came before them.
    if (measures_started_ && input().shape() != ledger_shape::flat_sheet) {
      out_of_order(detail::record_pointer(record_kind::case_, origin), origin);
    }
    const detail::record_check ids(problems_, detail::ids_phase(record_kind::case_), source(),
                                   record_kind::case_, origin, record.id);
    if (record.id.empty()) {
      detail::report_empty_id(ids);
    } else {
      case_payload payload{no_position, no_position, 0, 0, static_cast<std::uint16_t>(file_)};
      if (main_->needs_case()) {
        payload.category = static_cast<std::uint8_t>(enum_index(record.category));
        payload.channel =
            record.channel ? static_cast<std::uint8_t>(enum_index(*record.channel) + 1) : 0;
        if (const team* found = context_->find_team(record.team)) {
          payload.team = static_cast<std::uint32_t>(found - context_->teams().data());
        }
        if (const unit* found = context_->find_unit(record.unit)) {
          payload.unit = static_cast<std::uint32_t>(found - context_->units().data());
        }
      }
      if (!cases_->insert(record.id, &payload))
        duplicate(ids, record_kind::case_, record.id, origin);
    }
    detail::check_record(detail::record_check(problems_, detail::rules_phase(record_kind::case_),
                                              source(), record_kind::case_, origin, record.id),
                         *this, record);
    main_->add(record);
    if (comparison_) comparison_->add(record);
    if (trend_) trend_->add(record);
    if (process_) process_->add(record);
    if (listing_ && detail::listed(record, options_)) {
      listing_->add(record);
      if (eager_) pass_on_last_listed();
    }
  }

  void add(const measure& record, const record_origin& origin) {
    // Likewise a measure before any case.
    if (!cases_seen_ && arrival_ == arrival::in_one_pass) throw order_broken{};
    if (!context_) close_context();
    measures_started_ = true;
    const detail::record_check ids(problems_, detail::ids_phase(record_kind::measure), source(),
                                   record_kind::measure, origin, record.id);
    if (record.id.empty()) {
      detail::report_empty_id(ids);
    } else if (!measures_.insert(record.id)) {
      duplicate(ids, record_kind::measure, record.id, origin);
    }
    detail::check_record(detail::record_check(problems_, detail::rules_phase(record_kind::measure),
                                              source(), record_kind::measure, origin, record.id),
                         *this, record);
    main_->add(record);
    if (comparison_) comparison_->add(record);
  }

  // Starts loading what adding `record` will look up in the id tables first (their probes
  // miss the cache: the hash scatters them), for a caller that sees records coming.
  void prefetch(const case_record& record) const {
    if (cases_) cases_->prefetch(record.id);
  }
  void prefetch(const measure& record) const {
    measures_.prefetch(record.id);
    if (cases_) cases_->prefetch(record.case_id);
  }

  void refuse(std::string_view kind, std::string_view id) {
    if (!context_) detail::ledger_builder_access::refuse(context_builders_[file_], kind, id);
    refused_.insert(std::string(kind) + ":" + std::string(id));
  }

  void note(reading_note noticed) { notes_[file_].push_back(std::move(noticed)); }

  // A sheet's own column, declared with its header: before any case.
  void declare_case_extra_column(std::string name) {
    if (context_) throw std::logic_error("caseledger: an extra column declared after the cases");
    context_builders_[file_].declare_case_extra_column(std::move(name));
  }

  // The report, once every record of the ledger has passed; throws the problems found, in
  // the normal mode's order, after the reader's own `reading_problems`.
  // `inputs`: the files read, which the report names; standard input as it was read.
  report finish(std::vector<problem> reading_problems, std::vector<input_source> inputs) {
    if (!context_) close_context();
    if (!piped_.name.empty()) inputs.push_back(std::move(piped_));
    detail::ledger_builder_access::add_inputs(*context_, std::move(inputs));
    // Standard input cannot be read twice: its duplicates name no first record. Several
    // ledgers with a problem are read again whole anyway.
    if (!duplicates_.empty() && !several() && !detail::is_standard_input(input().path())) {
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

  const ledger& context() const { return *context_; }
  // Where the reader describes standard input once it has read it.
  input_source& piped_input() { return piped_; }
  detail::trend_counter* trend() { return trend_.get(); }
  detail::process_counter* process() { return process_.get(); }
  detail::compact_listing* listing() { return listing_.get(); }
  // The eager workbook's pipe, when every listed case came in order, and its output (kept
  // when the pipe was given up: it was made where the workbook goes).
  std::unique_ptr<listing_pipe> take_eager() { return std::move(eager_); }
  std::unique_ptr<output_file> take_xlsx_output() { return std::move(xlsx_output_); }

  // case_resolver
  std::optional<case_facts> find(std::string_view case_id) const override {
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

  // record_lookup
  bool contains(record_kind kind, std::string_view id) const override {
    if (several()) return in_this_file(kind, id);
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

 private:
  // What the summary keeps of an enterprise or a project when no workbook is written (the
  // listing needs their names): what resumption counts take from it, its district as a
  // position in subject_districts_.
  struct subject_facts {
    std::int32_t resumed_on;      // days since the epoch, when resumed
    std::uint32_t district : 30;  // below 2^30: subject_district checks
    std::uint32_t resumed : 1;
    std::uint32_t key : 1;
  };
  static constexpr std::uint32_t district_bits = (std::uint32_t{1} << 30) - 1;
  template <class Subject>
  struct pending_subject {
    Subject record;
    record_origin origin;
  };

  // Checks the id of an enterprise or project and keeps its id and facts. Its rules are
  // checked now when they cannot fail later (it has a name, and a district already read),
  // else kept whole for close_context(), so that its problems come out as build()'s.
  template <class Subject>
  void add_subject(Subject record, const record_origin& origin, detail::id_table& ids,
                   std::vector<pending_subject<Subject>>& pending) {
    const record_kind kind = kind_of(record);
    if (context_) out_of_order(detail::record_pointer(kind, origin), origin);
    const detail::record_check id_check(problems_, detail::ids_phase(kind), source(), kind, origin,
                                        record.id);
    if (record.id.empty()) {
      detail::report_empty_id(id_check);
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

  std::uint32_t subject_district(const std::string& district) {
    const auto [at, added] = subject_district_numbers_.try_emplace(
        district, static_cast<std::uint32_t>(subject_districts_.size()));
    if (added) {
      if (subject_districts_.size() >= (std::uint32_t{1} << 30)) {
        throw overflow_error("the streaming report takes at most 2^30 districts");
      }
      subject_districts_.push_back(district);
    }
    return at->second;
  }

  // The rules of the subjects kept whole, and their resumption counts.
  template <class Subject>
  void close_subjects(const std::vector<pending_subject<Subject>>& pending,
                      const std::vector<subject_facts>& all) {
    for (const pending_subject<Subject>& subject : pending) {
      const record_kind kind = kind_of(subject.record);
      detail::check_record(detail::record_check(problems_, detail::rules_phase(kind), source(),
                                                kind, subject.origin, subject.record.id),
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

  // Of several ledgers, whether the file being read has the record: read_ledgers checks
  // each file with its own records before it consolidates them. (No rule names a measure.)
  bool in_this_file(record_kind kind, std::string_view id) const {
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

  // Of several ledgers, the context: each file's built on its own, which throws its
  // problems (the caller then reads the files whole), and then all of them consolidated as
  // read_ledgers does (a record given alike in two files kept once, with a note).
  ledger consolidated_context() {
    ledger_builder all({}, reading().common.max_problems);
    if (reading().common.workday_calendar) all.use_calendar(*reading().common.workday_calendar);
    for (std::size_t i = 0; i < files_.size(); ++i) {
      ledger book = std::move(context_builders_[i]).build();
      file_ids_.emplace_back(book);
      all.add_ledger(std::move(book), files_[i].input.path().string());
    }
    context_builders_.clear();
    return detail::ledger_builder_access::check_into(std::move(all), problems_);
  }

  static record_kind kind_of(const district&) { return record_kind::district; }
  static record_kind kind_of(const enterprise&) { return record_kind::enterprise; }
  static record_kind kind_of(const project&) { return record_kind::project; }
  static record_kind kind_of(const team&) { return record_kind::team; }
  static record_kind kind_of(const unit&) { return record_kind::unit; }

  // `given` with its due_on derived from its due_workdays (detail::derive_due), in a copy
  // kept until the next case.
  const case_record& with_due(const case_record& given, const record_origin& origin) {
    with_due_ = given;
    detail::derive_due(detail::record_check(problems_, detail::rules_phase(record_kind::case_),
                                            source(), record_kind::case_, origin, with_due_.id),
                       context_->workday_calendar(), with_due_);
    return with_due_;
  }

  // Reports the duplicate `id` of the record at `origin`, naming the first record with it
  // once name_first_records() knows it.
  void duplicate(const detail::record_check& ids, record_kind kind, std::string_view id,
                 const record_origin& origin) {
    const std::size_t phase = detail::ids_phase(kind);
    const std::size_t at = problems_.kept(phase);
    detail::report_duplicate_id(ids, id, detail::record_pointer(kind, record_origin{}));
    if (problems_.kept(phase) > at)
      duplicates_.push_back({phase, at, kind, std::string(id), origin});
  }

  // Reads the ledger's ids again for the first record with each duplicate id kept.
  void name_first_records() {
    first_record_finder finder(source(), duplicates_);
    input().read(finder, nullptr, nullptr);
    for (const duplicate_id& duplicate : duplicates_) {
      problem_taker taker;
      detail::report_duplicate_id(
          detail::record_check(taker, duplicate.phase, source(), duplicate.kind, duplicate.origin,
                               duplicate.id),
          duplicate.id,
          detail::record_pointer(
              duplicate.kind, record_origin{.index = finder.first(duplicate.kind, duplicate.id)}));
      problems_.replace(duplicate.phase, duplicate.at, std::move(taker.taken));
    }
  }

  [[noreturn]] void out_of_order(const std::string& pointer, const record_origin& origin) const {
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

  // The districts, enterprises, projects and teams are all in: check them, and start the
  // aggregators that need them.
  void close_context() {
    context_ = several() ? consolidated_context()
                         : detail::ledger_builder_access::check_into(
                               std::move(context_builders_.front()), problems_);
    main_ = std::make_unique<aggregator>(*context_, options_, this);
    main_->add_all();
    // The comparison groups as the report does: it needs of a case what the report needs.
    cases_.emplace(main_->needs_case() || several() ? sizeof(case_payload) : 0);
    if (comparison_options_) {
      comparison_ = std::make_unique<aggregator>(*context_, *comparison_options_, this);
      comparison_->add_all();
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
    if (stream_.xlsx || stream_.html) {
      trend_ = std::make_unique<detail::trend_counter>(*context_, options_);
    }
    if (stream_.xlsx) {
      process_ = std::make_unique<detail::process_counter>(*context_, options_,
                                                           stream_.workbook.handling_process);
      if (stream_.workbook.include_cases) {
        listing_ = std::make_unique<detail::compact_listing>(*context_);
        if (eager_wanted_) start_eager();
      }
    }
  }

  // Starts the eager workbook. Best effort: on any error the workbook is written at the
  // end as without it, which then meets the same error where the normal mode does.
  void start_eager() {
    try {
      xlsx_output_ = std::make_unique<output_file>(*stream_.xlsx);
      // A report of no cases, to number the listing's styles as the statistics sheets
      // will most likely number them (the eager workbook checks it at the end).
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
      detail::trend_counter no_trend(*context_, options_);
      eager_ = std::make_unique<listing_pipe>(std::make_unique<detail::eager_workbook>(
          *sample, no_trend.take_points(), *context_, *xlsx_output_, stream_.workbook));
    } catch (...) {
      eager_.reset();
      xlsx_output_.reset();
    }
  }

  // Hands the case just listed to the eager workbook, or gives it up for a case out of the
  // listing's order (reported_on, then id): the listing is then sorted and written at the
  // end, as without it.
  void pass_on_last_listed() {
    const detail::listed_case c = listing_->at(listing_->size() - 1);
    if (last_listed_ && (c.reported_on < last_listed_->reported_on ||
                         (c.reported_on == last_listed_->reported_on && c.id < last_listed_->id))) {
      eager_.reset();
      return;
    }
    last_listed_ = c;
    if (!eager_->add(c)) eager_.reset();
  }

  arrival arrival_;
  std::vector<ledger_file> files_;
  std::size_t file_ = 0;       // the one being read
  bool context_seen_ = false;  // a district, enterprise, project, team or unit has come
  bool cases_seen_ = false;
  const report_options& options_;
  std::optional<report_options> comparison_options_;
  const stream_report_options& stream_;
  phased_problems problems_;
  std::unordered_set<std::string> refused_;
  std::vector<std::vector<reading_note>> notes_;  // by file
  std::vector<ledger_builder> context_builders_;  // by file
  std::optional<ledger> context_;
  std::vector<detail::context_ids> file_ids_;  // of several ledgers, each one's context
  input_source piped_;  // standard input, described by the reader (no name for a file)
  // Without a workbook, enterprises and projects are kept as ids and facts, not records.
  // Several ledgers keep them whole: a record given in two is compared whole.
  bool compact_subjects_ = !stream_.xlsx && files_.size() == 1;
  std::set<std::string, std::less<>> district_ids_;
  std::vector<std::string> subject_districts_;  // as enterprises and projects name them
  std::unordered_map<std::string, std::uint32_t> subject_district_numbers_;
  detail::id_table enterprises_, projects_;
  std::vector<subject_facts> enterprise_facts_, project_facts_;
  std::vector<pending_subject<enterprise>> pending_enterprises_;
  std::vector<pending_subject<project>> pending_projects_;
  std::optional<detail::id_table> cases_;  // made with the aggregators, which say what to keep
  detail::id_table measures_;
  std::vector<duplicate_id> duplicates_;
  bool measures_started_ = false;
  case_record with_due_;  // see with_due()
  std::unique_ptr<aggregator> main_;
  std::unique_ptr<aggregator> comparison_;
  std::unique_ptr<detail::trend_counter> trend_;
  std::unique_ptr<detail::process_counter> process_;  // with a workbook
  std::unique_ptr<detail::compact_listing> listing_;
  bool eager_wanted_;
  std::unique_ptr<output_file> xlsx_output_;
  std::optional<detail::listed_case> last_listed_;  // its views live in listing_
  std::unique_ptr<listing_pipe> eager_;             // last: its thread reads the above
};

// One thread: the reader hands each record straight to the state.
class direct_sink final : public detail::uniform_record_sink<direct_sink> {
 public:
  direct_sink(stream_state& state, std::size_t max_problems)
      : state_(state), problems_(max_problems) {}

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    state_.add(std::move(record), origin);
  }
  const std::string& source() const override { return state_.source(); }
  void report(problem found) override { problems_.report(std::move(found)); }
  void refuse(std::string_view kind, std::string_view id) override { state_.refuse(kind, id); }
  void note(reading_note noticed) override { state_.note(std::move(noticed)); }
  void declare_case_extra_column(std::string name) override {
    state_.declare_case_extra_column(std::move(name));
  }
  const std::vector<problem>& problems() const override { return problems_.all(); }

 private:
  stream_state& state_;
  reading_problems problems_;
};

// Reads on this thread.
std::vector<problem> read_directly(stream_state& state, pass_plan* plan) {
  direct_sink sink(state, state.reading().common.max_problems);
  state.input().read(sink, plan, &state.piped_input());
  return sink.problems();
}

// Reads on a second thread while this one checks and aggregates.
std::vector<problem> read_in_parallel(stream_state& state, pass_plan* plan) {
  batch_queue queue;
  batching_sink sink(state.source(), queue, state.reading().common.max_problems);
  std::exception_ptr reading_error;
  std::thread reader([&] {
    try {
      state.input().read(sink, plan, &state.piped_input());
      sink.flush();
    } catch (const reading_abandoned&) {
      // The consumer failed; its error is the one reported.
    } catch (...) {
      reading_error = std::current_exception();
    }
    queue.close();
  });
  try {
    // How many records ahead the id tables' memory is asked for.
    constexpr std::size_t prefetch_distance = 4;
    const auto prefetch = [&](const located_item& ahead) {
      if (const auto* c = std::get_if<case_record>(&ahead.item)) {
        state.prefetch(*c);
      } else if (const auto* m = std::get_if<measure>(&ahead.item)) {
        state.prefetch(*m);
      }
    };
    while (std::optional<item_batch> batch = queue.pop()) {
      for (std::size_t i = 0; i < std::min(prefetch_distance, batch->size); ++i) {
        prefetch(batch->items[i]);
      }
      for (std::size_t i = 0; i < batch->size; ++i) {
        if (i + prefetch_distance < batch->size) prefetch(batch->items[i + prefetch_distance]);
        located_item& located = batch->items[i];
        std::visit(
            [&](auto& record) {
              using type = std::decay_t<decltype(record)>;
              if constexpr (std::is_same_v<type, refusal>) {
                state.refuse(record.kind, record.id);
              } else if constexpr (std::is_same_v<type, reading_note>) {
                state.note(std::move(record));
              } else if constexpr (std::is_same_v<type, detail::extra_column>) {
                state.declare_case_extra_column(std::move(record.name));
              } else {
                state.add(std::move(record), located.origin);
              }
            },
            located.item);
      }
      queue.recycle(std::move(*batch));
    }
  } catch (...) {
    queue.abandon();
    reader.join();
    throw;
  }
  reader.join();
  if (reading_error) std::rethrow_exception(reading_error);
  return sink.problems();
}

// One read of the ledger into `state`: on this thread, or with a parser beside it (not
// with the eager workbook, whose own thread writes the listing instead).
std::vector<problem> read_once(const stream_report_options& stream, bool eager, stream_state& state,
                               pass_plan* plan, detail::stream_report_trace& trace) {
  ++trace.reads;
  return stream.threads == 1 || eager ? read_directly(state, plan) : read_in_parallel(state, plan);
}

// A file whose records do not come in the one pass's order is read again, in passes that
// each hand on only what may come next: first the districts, enterprises, projects, teams
// and units (and every refusal, so that a reference to a refused record is known for a
// refused one whatever comes after it); then the cases and measures together when the cases
// came before the measures, else the cases and then the measures, each in a pass of its own.
//
// Why passes rather than one pass keeping what comes too early until its turn: what comes
// too early is the cases or the measures, the bulk of the ledger, which the one pass is
// there not to keep; and a file can be read again, while memory for a whole ledger may not
// be there. A pass costs about what the one pass costs (the parsing is most of it).
//
// Every pass meets the same reader problems (they depend on the text only): the first's are
// kept, and it throws them as the normal mode does when they reach max_problems.
pass_plan context_pass() {
  pass_plan context = kinds_of({record_kind::district, record_kind::enterprise,
                                record_kind::project, record_kind::team, record_kind::unit});
  context.refusals_and_notes = true;
  context.extra_columns = true;
  return context;
}

// The passes after `context`, which saw whether a case came after a measure.
void read_cases_and_measures(const stream_report_options& stream, bool eager, stream_state& state,
                             const pass_plan& context, detail::stream_report_trace& trace) {
  if (!context.case_after_measure) {
    pass_plan rest = kinds_of({record_kind::case_, record_kind::measure});
    read_once(stream, eager, state, &rest, trace);
  } else {
    pass_plan cases = kinds_of({record_kind::case_});
    read_once(stream, eager, state, &cases, trace);
    pass_plan measures = kinds_of({record_kind::measure});
    read_once(stream, eager, state, &measures, trace);
  }
}

std::vector<problem> read_in_passes(const stream_report_options& stream, bool eager,
                                    stream_state& state, detail::stream_report_trace& trace) {
  pass_plan context = context_pass();
  std::vector<problem> reading = read_once(stream, eager, state, &context, trace);
  read_cases_and_measures(stream, eager, state, context, trace);
  return reading;
}

// A flat sheet is read twice: for what its rows name (the districts, enterprises, projects,
// teams and units, handed on after its last row), then for its cases, each followed by its
// measures.
//
// The first pass reads only the columns that name those (about half the work of a whole
// read), so it sees only some of the sheet's problems: it reports none, and the second,
// which reads every cell, reports them all, as the normal mode's reading does. Where a row
// has a problem the first pass could not see, it may keep what that row names, which the
// normal mode never creates: the report then fails on the second pass's problems anyway.
// A problem that stops reading (a byte of no encoding) stops the second pass where it
// stopped the first.
void read_names(const stream_report_options& stream, bool eager, stream_state& state,
                detail::stream_report_trace& trace) {
  pass_plan names = kinds_of({record_kind::district, record_kind::enterprise, record_kind::project,
                              record_kind::team, record_kind::unit});
  names.extra_columns = true;
  names.problems = false;
  names.names_only = true;
  try {
    read_once(stream, eager, state, &names, trace);
  } catch (const ledger_error&) {
    // Met again, and reported, by the second pass.
  }
}

std::vector<problem> read_rows(const stream_report_options& stream, bool eager, stream_state& state,
                               detail::stream_report_trace& trace) {
  pass_plan rows = kinds_of({record_kind::case_, record_kind::measure});
  rows.refusals_and_notes = true;
  return read_once(stream, eager, state, &rows, trace);
}

std::vector<problem> read_flat_sheet_twice(const stream_report_options& stream, bool eager,
                                           stream_state& state,
                                           detail::stream_report_trace& trace) {
  read_names(stream, eager, state, trace);
  return read_rows(stream, eager, state, trace);
}

// Several ledgers, each read as above, a pass at a time over all of them: first what each
// names (the context pass, or a flat sheet's names), whose consolidation the checks of every
// case need, then the cases and measures of each.
std::vector<problem> read_several(const stream_report_options& stream, bool eager,
                                  stream_state& state, std::size_t files,
                                  detail::stream_report_trace& trace) {
  std::vector<problem> reading;
  const auto keep = [&reading](std::vector<problem> found) {
    reading.insert(reading.end(), found.begin(), found.end());
  };
  const auto flat = [&state] { return state.input().shape() == ledger_shape::flat_sheet; };
  std::vector<pass_plan> contexts(files);
  for (std::size_t file = 0; file < files; ++file) {
    state.begin_file(file);
    if (flat()) {
      read_names(stream, eager, state, trace);
    } else {
      contexts[file] = context_pass();
      keep(read_once(stream, eager, state, &contexts[file], trace));
    }
  }
  for (std::size_t file = 0; file < files; ++file) {
    state.begin_file(file);
    if (flat()) {
      keep(read_rows(stream, eager, state, trace));
    } else {
      read_cases_and_measures(stream, eager, state, contexts[file], trace);
    }
  }
  return reading;
}

// The format of the ledger at `path`, checked with the reading options.
detail::ledger_file_format format_of(const std::filesystem::path& path,
                                     const stream_report_options& stream) {
  ledger_read_options given;
  given.encoding = stream.encoding;
  given.mapping = stream.mapping;
  given.sheet = stream.sheet;
  return detail::ledger_file_format_of(path, given);
}

// What the outputs are asked for, checked before any reading.
void check_outputs(const stream_report_options& stream) {
  if (stream.threads != 1 && stream.threads != 2) {
    throw usage_error("the streaming report runs on 1 or 2 threads, not " +
                      std::to_string(stream.threads));
  }
  if (stream.xlsx) detail::check_xlsx_options(stream.workbook);
  if (stream.html) detail::check_html_options(stream.page);
  for (const auto& output : {stream.json, stream.xlsx, stream.html}) {
    if (output) output_file::check_target(*output);
  }
}

// How every pass reads a ledger: `scope` numbers the cases of one flat sheet of several.
detail::ledger_reading reading_of(const stream_report_options& stream,
                                  const detail::field_mapping& mapping, std::string scope) {
  return {.common = stream.reading,
          .encoding = stream.encoding,
          .mapping = mapping,
          .sheet = stream.sheet,
          .case_number_scope = std::move(scope)};
}

detail::field_mapping mapping_of(const stream_report_options& stream) {
  return stream.mapping.empty() ? detail::field_mapping{}
                                : detail::read_field_mapping(stream.mapping);
}

// Writes the outputs of `r`, which `state` computed: every output to its temporary first,
// then all renamed (all or nothing).
void write_streamed(const report& r, stream_state& state, const stream_report_options& stream,
                    detail::stream_report_trace& trace) {
  std::vector<std::unique_ptr<output_file>> outputs;
  if (stream.json) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.json));
    out->stream() << to_json_text(r);
  }
  const std::vector<detail::trend_point> trend =
      state.trend() != nullptr ? state.trend()->take_points() : std::vector<detail::trend_point>{};
  if (stream.html) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.html));
    out->stream() << detail::whole_page({r, state.context(), &trend, stream.page});
  }
  if (stream.xlsx) {
    std::unique_ptr<output_file> made = state.take_xlsx_output();
    auto& out =
        outputs.emplace_back(made ? std::move(made) : std::make_unique<output_file>(*stream.xlsx));
    const detail::process_figures process = state.process()->take(r);
    bool written = false;
    if (std::unique_ptr<listing_pipe> pipe = state.take_eager()) {
      written = pipe->finish_rows() && pipe->workbook().finish(r, trend, process);
      trace.listing_written_while_reading = written;
    }
    if (!written) {
      detail::compact_listing* listing = state.listing();
      if (listing != nullptr) listing->sort();
      detail::write_workbook(r, state.context(), trend, process, listing, *out, stream.workbook);
    }
  }
  for (const auto& out : outputs) out->finish();
  for (const auto& out : outputs) out->commit();
}

// The report of one ledger, in one pass or a few.
report report_one(const std::filesystem::path& ledger_path, detail::ledger_file_format format,
                  const report_options& options, const stream_report_options& stream, bool eager,
                  detail::stream_report_trace& trace) {
  // A file is read once while its records come in order (as every ledger caseledger writes
  // lists them), else again in passes; standard input can only be read once.
  const bool once_only = detail::is_standard_input(ledger_path);
  const detail::ledger_reading text = reading_of(stream, mapping_of(stream), {});
  const std::string source = detail::input_name(ledger_path);
  detail::input_descriptions described(detail::files_to_describe(ledger_path, format));
  const ledger_input input(ledger_path, format, source, text);
  std::optional<stream_state> state;
  std::vector<problem> reading;
  const auto read_in_passes_anew = [&] {
    state.reset();  // with the temporaries of its outputs
    state.emplace(std::vector<ledger_file>{{input, source}}, options, stream, eager,
                  arrival::in_passes);
    reading = input.shape() == ledger_shape::flat_sheet
                  ? read_flat_sheet_twice(stream, eager, *state, trace)
                  : read_in_passes(stream, eager, *state, trace);
  };
  const auto read_and_finish = [&] {
    if (input.shape() == ledger_shape::flat_sheet) {
      read_in_passes_anew();  // what its rows name comes after them
    } else {
      try {
        state.emplace(std::vector<ledger_file>{{input, source}}, options, stream, eager,
                      once_only ? arrival::once_only : arrival::in_one_pass);
        reading = read_once(stream, eager, *state, nullptr, trace);
      } catch (const order_broken&) {
        read_in_passes_anew();
      }
    }
    return state->finish(std::move(reading), described.take());
  };
  const report r = [&] {
    try {
      return read_and_finish();
    } catch (const ledger_error& e) {
      // The rules' problems name the ledger, as the normal mode's: moved to their tables
      // (a folder's files, a workbook's sheets).
      throw ledger_error(detail::locate_in_tables(e.problems(), source, input.tables()));
    }
  }();
  trace.sheet_reads = input.sheet_reads();
  write_streamed(r, *state, stream, trace);
  return r;
}

// The report of several ledgers read whole and consolidated (read_ledgers), written as the
// normal mode writes it.
report report_whole(const std::vector<std::filesystem::path>& paths, const report_options& options,
                    const stream_report_options& stream) {
  ledger_read_options reading;
  reading.encoding = stream.encoding;
  reading.sheet = stream.sheet;
  reading.mapping = stream.mapping;
  reading.common = stream.reading;
  const ledger book = read_ledgers(paths, reading);
  if (stream.noticed) {
    for (const reading_note& noticed : book.notes()) stream.noticed(noticed);
  }
  const report r = compute_report(book, options);
  std::vector<std::unique_ptr<output_file>> outputs;
  if (stream.json) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.json));
    out->stream() << to_json_text(r);
  }
  if (stream.xlsx) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.xlsx));
    write_xlsx_report(r, book, *out, stream.workbook);
  }
  if (stream.html) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.html));
    write_html_report(r, book, *out, stream.page);
  }
  for (const auto& out : outputs) out->finish();
  for (const auto& out : outputs) out->commit();
  return r;
}

// One ledger of several, opened for the passes.
struct opened_ledger {
  opened_ledger(const std::filesystem::path& path, detail::ledger_file_format format,
                detail::ledger_reading given)
      : reading(std::move(given)), input(path, format, detail::input_name(path), reading) {}
  detail::ledger_reading reading;
  ledger_input input;  // reads with `reading`
};

// The report of several ledgers, consolidated as read_ledgers consolidates them, each read
// in the passes its shape takes (read_several). Where that meets anything but a ledger to
// report on (a problem in a file, a case or measure id given in two files, which may be a
// record given alike in both, kept once, or two records, a problem; a file that cannot be
// read), the files are read whole instead, for the normal mode's report or errors. So are
// standard input, which cannot be read twice, and a workbook of several sheets of cases,
// whose sheets are parts of their own in the consolidation.
report report_several(const std::vector<std::filesystem::path>& paths,
                      const report_options& options, const stream_report_options& stream,
                      bool eager, detail::stream_report_trace& trace) {
  std::deque<opened_ledger> opened;  // never moves what the state reads
  std::optional<stream_state> state;
  std::optional<report> streamed;
  try {
    const detail::field_mapping mapping = mapping_of(stream);
    const std::vector<std::string> scopes = detail::case_number_scopes(paths);
    std::vector<std::filesystem::path> to_describe;
    std::vector<ledger_file> files;
    bool streamable = true;
    for (std::size_t i = 0; i < paths.size() && streamable; ++i) {
      if (detail::is_standard_input(paths[i])) {
        streamable = false;
        break;
      }
      const detail::ledger_file_format format = format_of(paths[i], stream);
      detail::ledger_reading reading = reading_of(stream, mapping, scopes[i]);
      reading.common.max_problems = 1;  // the first problem sends them to be read whole
      const opened_ledger& one = opened.emplace_back(paths[i], format, std::move(reading));
      streamable = one.input.shape() != ledger_shape::sheets_of_cases;
      for (std::filesystem::path& file : detail::files_to_describe(paths[i], format)) {
        to_describe.push_back(std::move(file));
      }
      files.push_back({one.input, detail::input_name(paths[i])});
    }
    if (streamable) {
      detail::input_descriptions described(std::move(to_describe));
      state.emplace(std::move(files), options, stream, eager, arrival::in_passes);
      std::vector<problem> reading = read_several(stream, eager, *state, paths.size(), trace);
      streamed = state->finish(std::move(reading), described.take());
    }
  } catch (const error&) {  // NOLINT(bugprone-empty-catch): met again by reading them whole
  }
  if (!streamed) {
    state.reset();  // with the temporaries of its outputs
    opened.clear();
    trace.read_whole = true;
    return report_whole(paths, options, stream);
  }
  for (const opened_ledger& one : opened) trace.sheet_reads += one.input.sheet_reads();
  write_streamed(*streamed, *state, stream, trace);
  return *streamed;
}

}  // namespace

report detail::stream_report(const std::vector<std::filesystem::path>& ledger_paths,
                             const report_options& options, const stream_report_options& stream,
                             stream_report_trace& trace) {
  options.validate();
  if (ledger_paths.empty()) throw usage_error("no ledger to read");
  // With the listing, the second thread writes it while the cases come (when they come in
  // its order) instead of parsing: the listing is the larger part of the work.
  const bool eager = stream.threads == 2 && stream.xlsx && stream.workbook.include_cases;
  if (ledger_paths.size() == 1) {
    const detail::ledger_file_format format = format_of(ledger_paths.front(), stream);
    check_outputs(stream);  // refused before any reading
    return report_one(ledger_paths.front(), format, options, stream, eager, trace);
  }
  check_outputs(stream);
  return report_several(ledger_paths, options, stream, eager, trace);
}

report stream_report(const std::filesystem::path& ledger_path, const report_options& options,
                     const stream_report_options& stream) {
  detail::stream_report_trace trace;
  return detail::stream_report({ledger_path}, options, stream, trace);
}

report stream_report(const std::vector<std::filesystem::path>& ledger_paths,
                     const report_options& options, const stream_report_options& stream) {
  detail::stream_report_trace trace;
  return detail::stream_report(ledger_paths, options, stream, trace);
}

}  // namespace caseledger
