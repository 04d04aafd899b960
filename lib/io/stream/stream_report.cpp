#include "caseledger/io/stream_report.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <string>
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
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "io/json/records.hpp"
#include "io/stream/id_table.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "io/xlsx/write/workbook_source.hpp"
#include "model/builder_access.hpp"
#include "model/record_sink.hpp"
#include "model/rules.hpp"

namespace caseledger {
namespace {

// Rule problems kept by the phase that found them, so that they come out in build()'s
// order whatever order the records arrived in. No phase needs more than max_problems.
class phased_problems final : public detail::rule_sink {
 public:
  explicit phased_problems(std::size_t max_problems) : max_(max_problems) {}

  void report(std::size_t phase, problem found) override {
    if (phases_[phase].size() < max_) phases_[phase].push_back(std::move(found));
  }

  // How many problems `phase` keeps, and a way to put the right one in place of one kept.
  std::size_t kept(std::size_t phase) const { return phases_[phase].size(); }
  void replace(std::size_t phase, std::size_t at, problem found) {
    phases_[phase][at] = std::move(found);
  }

  // The reader's problems, then the rules' in build()'s order, up to max_problems.
  std::vector<problem> after(std::vector<problem> found) const {
    for (const auto& phase : phases_) {
      for (const problem& p : phase) {
        if (found.size() >= max_) return found;
        found.push_back(p);
      }
    }
    return found;
  }

 private:
  std::size_t max_;
  std::array<std::vector<problem>, detail::phase_count> phases_;
};

// What is kept of a case besides its id, only when the grouping needs it for the case's
// measures: what a measure's group takes from it.
struct case_payload {
  std::uint32_t team;  // position in the context's teams, or no_team
  std::uint8_t category;
  std::uint8_t channel;  // enum index + 1; 0 when none
};
constexpr std::uint32_t no_team = 0xFFFF'FFFFu;

// A duplicate id whose problem is kept: the problem names the first record with the id,
// which the id tables do not remember (they keep no positions); it is found once the pass
// is over by reading the ledger's ids again, which only a ledger with duplicates pays for.
struct duplicate_id {
  std::size_t phase;
  std::size_t at;  // the problem's place in its phase
  record_kind kind;
  std::string id;
  record_origin origin;
};

// Takes the one problem a rule function reports.
class problem_taker final : public detail::rule_sink {
 public:
  void report(std::size_t /*phase*/, problem found) override { taken = std::move(found); }
  problem taken;
};

// The position of the first record of a kind with each of some ids, read again from the
// ledger: records reach it as they reached the streaming pass (the reader refuses the same
// ones), so the first record with an id here is the first the id tables saw.
class first_record_finder final : public detail::record_sink {
 public:
  first_record_finder(std::string source, const std::vector<duplicate_id>& duplicates)
      : source_(std::move(source)) {
    for (const duplicate_id& duplicate : duplicates) {
      wanted(duplicate.kind).try_emplace(duplicate.id, not_seen);
    }
  }

  std::uint32_t first(record_kind kind, const std::string& id) { return wanted(kind).at(id); }

  const std::string& source() const override { return source_; }
  void add(district&, const record_origin&) override {}
  void add(enterprise& record, const record_origin& origin) override {
    see(record_kind::enterprise, record.id, origin);
  }
  void add(project& record, const record_origin& origin) override {
    see(record_kind::project, record.id, origin);
  }
  void add(team&, const record_origin&) override {}
  void add(case_record& record, const record_origin& origin) override {
    see(record_kind::case_, record.id, origin);
  }
  void add(measure& record, const record_origin& origin) override {
    see(record_kind::measure, record.id, origin);
  }
  // The first pass reported these already.
  void report(problem) override {}
  void refuse(std::string_view, std::string_view) override {}
  const std::vector<problem>& problems() const override { return none_; }

 private:
  static constexpr std::uint32_t not_seen = 0xFFFF'FFFFu;
  using first_by_id = std::unordered_map<std::string, std::uint32_t>;

  first_by_id& wanted(record_kind kind) { return wanted_[static_cast<std::size_t>(kind)]; }
  void see(record_kind kind, const std::string& id, const record_origin& origin) {
    first_by_id& ids = wanted(kind);
    const auto found = ids.find(id);
    if (found != ids.end() && found->second == not_seen) found->second = origin.index;
  }

  std::string source_;
  std::array<first_by_id, 6> wanted_;  // by record_kind
  std::vector<problem> none_;
};

// A record refused by the reader, in the order of the records around it.
struct refusal {
  std::string kind;
  std::string id;
};

// The listing's rows on their way to the eager workbook's writing thread, in batches; the
// producer waits when the writer is `capacity` batches behind (the rows stay in the
// compact listing meanwhile: the batches only point into it).
class listing_pipe {
 public:
  static constexpr std::size_t batch_size = 1024;
  static constexpr std::size_t capacity = 8;

  explicit listing_pipe(std::unique_ptr<detail::eager_workbook> workbook)
      : workbook_(std::move(workbook)) {
    batch_.reserve(batch_size);
    writer_ = std::thread([this] { write(); });
  }

  // Stops the writer and frees the workbook unwritten (unless `finish` wrote it).
  ~listing_pipe() {
    {
      const std::lock_guard lock(mutex_);
      abandoned_ = true;
    }
    not_full_.notify_all();
    not_empty_.notify_all();
    if (writer_.joinable()) writer_.join();
  }
  listing_pipe(const listing_pipe&) = delete;
  listing_pipe& operator=(const listing_pipe&) = delete;

  // False once the writer failed: the pipe is of no more use.
  bool add(const detail::listed_case& c) {
    batch_.push_back(c);
    return batch_.size() < batch_size || push();
  }

  // Waits for the writer to write every row; false when it failed.
  bool finish_rows() {
    if (!batch_.empty() && !push()) return false;
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    writer_.join();
    return !failed_;
  }

  detail::eager_workbook& workbook() { return *workbook_; }

 private:
  bool push() {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [this] { return batches_.size() < capacity || failed_; });
    if (failed_) return false;
    batches_.push_back(std::move(batch_));
    not_empty_.notify_one();
    batch_ = {};
    batch_.reserve(batch_size);
    return true;
  }

  // The writing thread. An error here is not reported: the caller falls back to writing
  // the workbook the normal way, which meets the same error, if any, where it always did.
  void write() {
    for (;;) {
      std::vector<detail::listed_case> batch;
      {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [this] { return !batches_.empty() || closed_ || abandoned_; });
        if (abandoned_ || batches_.empty()) return;
        batch = std::move(batches_.front());
        batches_.pop_front();
      }
      not_full_.notify_one();
      try {
        for (const detail::listed_case& c : batch) workbook_->add(c);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        failed_ = true;
        not_full_.notify_all();
        return;
      }
    }
  }

  std::unique_ptr<detail::eager_workbook> workbook_;
  std::vector<detail::listed_case> batch_;  // being filled by the producer
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<detail::listed_case>> batches_;
  bool closed_ = false;
  bool abandoned_ = false;
  bool failed_ = false;
  std::thread writer_;  // last: started once everything above is ready
};

// Everything the one pass keeps: the context ledger, the ids, the aggregators, the trend
// and the listing.
class stream_state final : public case_resolver, public detail::record_lookup {
 public:
  // `eager`: write the listing on a second thread while the cases come, as long as they
  // come in the listing's order.
  stream_state(std::string source, const report_options& options,
               const stream_report_options& stream, bool eager)
      : source_(std::move(source)),
        options_(options),
        stream_(stream),
        problems_(stream.reading.max_problems == 0 ? 1 : stream.reading.max_problems),
        context_builder_(source_, stream.reading.max_problems),
        eager_wanted_(eager) {
    this->refused = &refused_;
    if (options_.compare) comparison_options_ = comparison_options(options_);
  }

  const std::string& source() const { return source_; }

  template <class Context>
  void add_context(Context record, const record_origin& origin) {
    if (context_) out_of_order(detail::record_pointer(kind_of(record), origin), origin);
    context_builder_.add(std::move(record), origin);
  }
  void add(district record, const record_origin& origin) {
    if (compact_subjects_) district_ids_.insert(record.id);
    add_context(std::move(record), origin);
  }
  void add(enterprise record, const record_origin& origin) {
    if (compact_subjects_) {
      add_subject(std::move(record), origin, enterprises_, pending_enterprises_);
    } else {
      add_context(std::move(record), origin);
    }
  }
  void add(project record, const record_origin& origin) {
    if (compact_subjects_) {
      add_subject(std::move(record), origin, projects_, pending_projects_);
    } else {
      add_context(std::move(record), origin);
    }
  }
  void add(team record, const record_origin& origin) { add_context(std::move(record), origin); }

  void add(const case_record& record, const record_origin& origin) {
    if (!context_) close_context();
    if (measures_started_) {
      out_of_order(detail::record_pointer(record_kind::case_, origin), origin);
    }
    const detail::record_check ids(problems_, detail::ids_phase(record_kind::case_), source_,
                                   record_kind::case_, origin, record.id);
    if (record.id.empty()) {
      detail::report_empty_id(ids);
    } else {
      case_payload payload{no_team, 0, 0};
      if (main_->needs_case()) {
        payload.category = static_cast<std::uint8_t>(enum_index(record.category));
        payload.channel =
            record.channel ? static_cast<std::uint8_t>(enum_index(*record.channel) + 1) : 0;
        if (const team* found = context_->find_team(record.team)) {
          payload.team = static_cast<std::uint32_t>(found - context_->teams().data());
        }
      }
      if (!cases_->insert(record.id, &payload))
        duplicate(ids, record_kind::case_, record.id, origin);
    }
    detail::check_record(detail::record_check(problems_, detail::rules_phase(record_kind::case_),
                                              source_, record_kind::case_, origin, record.id),
                         *this, record);
    main_->add(record);
    if (comparison_) comparison_->add(record);
    if (trend_) trend_->add(record);
    if (listing_ && detail::listed(record, options_)) {
      listing_->add(record);
      if (eager_) pass_on_last_listed();
    }
  }

  void add(const measure& record, const record_origin& origin) {
    if (!context_) close_context();
    measures_started_ = true;
    const detail::record_check ids(problems_, detail::ids_phase(record_kind::measure), source_,
                                   record_kind::measure, origin, record.id);
    if (record.id.empty()) {
      detail::report_empty_id(ids);
    } else if (!measures_.insert(record.id)) {
      duplicate(ids, record_kind::measure, record.id, origin);
    }
    detail::check_record(detail::record_check(problems_, detail::rules_phase(record_kind::measure),
                                              source_, record_kind::measure, origin, record.id),
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
    if (!context_) detail::ledger_builder_access::refuse(context_builder_, kind, id);
    refused_.insert(std::string(kind) + ":" + std::string(id));
  }

  // The report, once every record of `ledger_path` has passed; throws the problems found, in
  // the normal mode's order, after the reader's own `reading_problems`.
  report finish(std::vector<problem> reading_problems, const std::filesystem::path& ledger_path) {
    if (!context_) close_context();
    if (!duplicates_.empty()) name_first_records(ledger_path);
    std::vector<problem> found = problems_.after(std::move(reading_problems));
    if (!found.empty()) throw ledger_error(std::move(found));
    if (comparison_) {
      return finish_report(main_->take(), comparison_->take(), *context_, options_);
    }
    return finish_report(main_->take(), *context_, options_);
  }

  const ledger& context() const { return *context_; }
  detail::trend_counter* trend() { return trend_.get(); }
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
    if (payload.team != no_team) facts.team = context_->teams()[payload.team].id;
    return facts;
  }

  // record_lookup
  bool contains(record_kind kind, std::string_view id) const override {
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
    const detail::record_check id_check(problems_, detail::ids_phase(kind), source_, kind, origin,
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
      detail::check_record(detail::record_check(problems_, detail::rules_phase(kind), source_, kind,
                                                subject.origin, subject.record.id),
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

  static record_kind kind_of(const district&) { return record_kind::district; }
  static record_kind kind_of(const enterprise&) { return record_kind::enterprise; }
  static record_kind kind_of(const project&) { return record_kind::project; }
  static record_kind kind_of(const team&) { return record_kind::team; }

  // Reports the duplicate `id` of the record at `origin`, naming the first record with it
  // once name_first_records() knows it.
  void duplicate(const detail::record_check& ids, record_kind kind, std::string_view id,
                 const record_origin& origin) {
    const std::size_t phase = detail::ids_phase(kind);
    const std::size_t at = problems_.kept(phase);
    detail::report_duplicate_id(ids, kind, id, record_origin{});
    if (problems_.kept(phase) > at)
      duplicates_.push_back({phase, at, kind, std::string(id), origin});
  }

  // Reads the ledger's ids again for the first record with each duplicate id kept.
  void name_first_records(const std::filesystem::path& ledger_path) {
    first_record_finder finder(source_, duplicates_);
    detail::read_json_records(ledger_path,
                              {.keep_extras = stream_.reading.keep_extras,
                               .max_problems = stream_.reading.max_problems,
                               .limits = stream_.reading.limits},
                              finder);
    for (const duplicate_id& duplicate : duplicates_) {
      problem_taker taker;
      detail::report_duplicate_id(
          detail::record_check(taker, duplicate.phase, source_, duplicate.kind, duplicate.origin,
                               duplicate.id),
          duplicate.kind, duplicate.id,
          record_origin{.index = finder.first(duplicate.kind, duplicate.id)});
      problems_.replace(duplicate.phase, duplicate.at, std::move(taker.taken));
    }
  }

  [[noreturn]] void out_of_order(const std::string& pointer, const record_origin& origin) const {
    throw usage_error(
        "the streaming report reads a JSON ledger whose districts, enterprises, projects and "
        "teams come before its cases and measures, and its cases before its measures; " +
        source_ + ":" + std::to_string(origin.line) + ":" + std::to_string(origin.column) + ": " +
        pointer + " comes later (reorder the ledger, or report without streaming)");
  }

  // The districts, enterprises, projects and teams are all in: check them, and start the
  // aggregators that need them.
  void close_context() {
    context_ = detail::ledger_builder_access::check_into(std::move(context_builder_), problems_);
    main_ = std::make_unique<aggregator>(*context_, options_, this);
    main_->add_all();
    // The comparison groups as the report does: it needs of a case what the report needs.
    cases_.emplace(main_->needs_case() ? sizeof(case_payload) : 0);
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
    if (stream_.xlsx) {
      trend_ = std::make_unique<detail::trend_counter>(*context_, options_);
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

  std::string source_;
  const report_options& options_;
  std::optional<report_options> comparison_options_;
  const stream_report_options& stream_;
  phased_problems problems_;
  std::unordered_set<std::string> refused_;
  ledger_builder context_builder_;
  std::optional<ledger> context_;
  // Without a workbook, enterprises and projects are kept as ids and facts, not records.
  bool compact_subjects_ = !stream_.xlsx;
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
  std::unique_ptr<aggregator> main_;
  std::unique_ptr<aggregator> comparison_;
  std::unique_ptr<detail::trend_counter> trend_;
  std::unique_ptr<detail::compact_listing> listing_;
  bool eager_wanted_;
  std::unique_ptr<output_file> xlsx_output_;
  std::optional<detail::listed_case> last_listed_;  // its views live in listing_
  std::unique_ptr<listing_pipe> eager_;             // last: its thread reads the above
};

// The reader's problems: kept apart from the rules', which come after them.
class reading_problems {
 public:
  explicit reading_problems(std::size_t max_problems)
      : max_(max_problems == 0 ? 1 : max_problems) {}
  void report(problem found) {
    found_.push_back(std::move(found));
    if (found_.size() >= max_) throw ledger_error(found_);
  }
  const std::vector<problem>& all() const { return found_; }

 private:
  std::size_t max_;
  std::vector<problem> found_;
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
  const std::vector<problem>& problems() const override { return problems_.all(); }

 private:
  stream_state& state_;
  reading_problems problems_;
};

// Two threads: what the reader hands over, in order.
using record_item =
    std::variant<district, enterprise, project, team, case_record, measure, refusal>;
struct located_item {
  record_item item;
  record_origin origin;
};
// A batch of what the reader hands over. Its items are reused when the checking thread is
// done with it: a record copied into an item holding one of its kind keeps that item's
// string buffers, so that the reader allocates nothing per record once batches go round.
struct item_batch {
  std::vector<located_item> items;
  std::size_t size = 0;  // the items in use; those after wait to be reused
};

// Batches from the reading thread to the checking one; the reader waits when it is
// `capacity` batches ahead. Batches the checking thread is done with come back through
// `recycle` and `reuse`.
class batch_queue {
 public:
  static constexpr std::size_t capacity = 8;

  // A batch done with, to be filled again.
  void recycle(item_batch batch) {
    batch.size = 0;
    const std::lock_guard lock(mutex_);
    if (spare_.size() < capacity) spare_.push_back(std::move(batch));
  }

  // A batch to fill: one done with, or a new one.
  item_batch reuse() {
    const std::lock_guard lock(mutex_);
    if (spare_.empty()) return {};
    item_batch batch = std::move(spare_.back());
    spare_.pop_back();
    return batch;
  }

  // False when the consumer gave up: the reader should stop.
  bool push(item_batch batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [this] { return batches_.size() < capacity || abandoned_; });
    if (abandoned_) return false;
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }

  // The next batch, or nullopt once the reader is done and everything was taken.
  std::optional<item_batch> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [this] { return !batches_.empty() || closed_; });
    if (batches_.empty()) return std::nullopt;
    item_batch batch = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return batch;
  }

  void close() {
    const std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }

  void abandon() {
    const std::lock_guard lock(mutex_);
    abandoned_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<item_batch> batches_;
  std::vector<item_batch> spare_;
  bool closed_ = false;
  bool abandoned_ = false;
};

// Thrown on the reading thread to unwind the parser when the consumer gave up.
struct reading_abandoned {};

class batching_sink final : public detail::uniform_record_sink<batching_sink> {
 public:
  static constexpr std::size_t batch_size = 2048;

  batching_sink(std::string source, batch_queue& queue, std::size_t max_problems)
      : source_(std::move(source)), queue_(queue), problems_(max_problems) {
    batch_.items.reserve(batch_size);
  }

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    put(record, origin);
  }
  const std::string& source() const override { return source_; }
  void report(problem found) override { problems_.report(std::move(found)); }
  void refuse(std::string_view kind, std::string_view id) override {
    put(refusal{std::string(kind), std::string(id)}, {});
  }
  const std::vector<problem>& problems() const override { return problems_.all(); }

  void flush() {
    if (batch_.size == 0) return;
    if (!queue_.push(std::move(batch_))) throw reading_abandoned{};
    batch_ = queue_.reuse();
    if (batch_.items.empty()) batch_.items.reserve(batch_size);
  }

 private:
  // Copies `record` into the next item: copy-assigned into an item of its kind, it reuses
  // that item's buffers (the reader's own record keeps its buffers too).
  template <class Item>
  void put(const Item& record, const record_origin& origin) {
    if (batch_.size < batch_.items.size()) {
      located_item& slot = batch_.items[batch_.size];
      if (auto* same = std::get_if<Item>(&slot.item)) {
        *same = record;
      } else {
        slot.item = record;
      }
      slot.origin = origin;
    } else {
      batch_.items.push_back({record, origin});
    }
    if (++batch_.size == batch_size) flush();
  }

  std::string source_;
  batch_queue& queue_;
  reading_problems problems_;
  item_batch batch_;
};

json_ledger_options json_options(const ledger_read_options& reading) {
  return {.keep_extras = reading.keep_extras,
          .max_problems = reading.max_problems,
          .limits = reading.limits};
}

// Reads on this thread.
std::vector<problem> read_directly(const std::filesystem::path& path,
                                   const stream_report_options& stream, stream_state& state) {
  direct_sink sink(state, stream.reading.max_problems);
  detail::read_json_records(path, json_options(stream.reading), sink);
  return sink.problems();
}

// Reads on a second thread while this one checks and aggregates.
std::vector<problem> read_in_parallel(const std::filesystem::path& path,
                                      const stream_report_options& stream, stream_state& state) {
  batch_queue queue;
  batching_sink sink(state.source(), queue, stream.reading.max_problems);
  std::exception_ptr reading_error;
  std::thread reader([&] {
    try {
      detail::read_json_records(path, json_options(stream.reading), sink);
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

std::string lower_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return extension;
}

void check_stream_options(const std::filesystem::path& path, const stream_report_options& stream) {
  if (lower_extension(path) != ".json" || std::filesystem::is_directory(path)) {
    throw usage_error("the streaming report reads JSON ledgers (.json) only, not '" +
                      path.string() + "' (report on it without streaming)");
  }
  if (stream.reading.encoding != "auto") {
    throw usage_error("--encoding does not apply to a JSON ledger (it is always UTF-8)");
  }
  if (!stream.reading.sheet.empty()) throw usage_error("--sheet does not apply to a JSON ledger");
  if (!stream.reading.mapping.empty()) {
    throw usage_error("--mapping does not apply to a JSON ledger");
  }
  if (stream.threads != 1 && stream.threads != 2) {
    throw usage_error("the streaming report runs on 1 or 2 threads, not " +
                      std::to_string(stream.threads));
  }
  if (stream.xlsx) detail::check_xlsx_options(stream.workbook);
}

}  // namespace

report detail::stream_report(const std::filesystem::path& ledger_path,
                             const report_options& options, const stream_report_options& stream,
                             stream_report_trace& trace) {
  options.validate();
  check_stream_options(ledger_path, stream);
  // With the listing, the second thread writes it while the cases come (when they come in
  // its order) instead of parsing: the listing is the larger part of the work.
  const bool eager = stream.threads == 2 && stream.xlsx && stream.workbook.include_cases;
  stream_state state(ledger_path.string(), options, stream, eager);
  std::vector<problem> reading = stream.threads == 1 || eager
                                     ? read_directly(ledger_path, stream, state)
                                     : read_in_parallel(ledger_path, stream, state);
  const report r = state.finish(std::move(reading), ledger_path);

  // Every output to its temporary first, then all renamed: all or nothing.
  std::vector<std::unique_ptr<output_file>> outputs;
  if (stream.json) {
    auto& out = outputs.emplace_back(std::make_unique<output_file>(*stream.json));
    out->stream() << to_json_text(r);
  }
  if (stream.xlsx) {
    std::unique_ptr<output_file> made = state.take_xlsx_output();
    auto& out =
        outputs.emplace_back(made ? std::move(made) : std::make_unique<output_file>(*stream.xlsx));
    const std::vector<detail::trend_point> trend = state.trend()->take_points();
    bool written = false;
    if (std::unique_ptr<listing_pipe> pipe = state.take_eager()) {
      written = pipe->finish_rows() && pipe->workbook().finish(r, trend);
      trace.listing_written_while_reading = written;
    }
    if (!written) {
      detail::compact_listing* listing = state.listing();
      if (listing != nullptr) listing->sort();
      detail::write_workbook(r, state.context(), trend, listing, *out, stream.workbook);
    }
  }
  for (const auto& out : outputs) out->finish();
  for (const auto& out : outputs) out->commit();
  return r;
}

report stream_report(const std::filesystem::path& ledger_path, const report_options& options,
                     const stream_report_options& stream) {
  detail::stream_report_trace trace;
  return detail::stream_report(ledger_path, options, stream, trace);
}

}  // namespace caseledger
