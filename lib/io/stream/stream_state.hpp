// The one pass's state: what it keeps of the ledgers as their records pass (the context
// ledger, the ids, the partial metrics, the trend and the listing) and the checks it makes
// of each record. One class: the checks, the metrics and the eager listing share its tables.
// The passes that feed it are in stream_report.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "caseledger/core/input_source.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/stream/context_ids.hpp"
#include "io/stream/id_table.hpp"
#include "io/stream/ledger_passes.hpp"
#include "io/stream/listing_pipe.hpp"
#include "io/stream/problem_order.hpp"
#include "io/trend.hpp"
#include "io/xlsx/write/process_figures.hpp"
#include "io/xlsx/write/workbook_source.hpp"
#include "model/builder_access.hpp"
#include "model/rules.hpp"

namespace caseledger::detail {

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
  // A flat sheet read once for the figures alone: its cases and measures come first, the
  // districts, enterprises, projects, teams and units its rows named after its last row.
  // The cases are counted as they come (a group by district, month, category or channel
  // takes nothing from what they name); the names they use are checked once the sheet has
  // given its records, and one it did not give (a refusal aside) gives the pass up
  // (order_broken), to read the sheet twice.
  context_last,
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
// Several ledgers are consolidated as read_ledgers does: each file's context checked on its
// own and then with the others' (consolidated_context), its cases and measures by the rules
// with its own context (in_this_file). A rule broken, or a case or measure id given in two
// files (which may be the same record, kept once, or a conflict), is a problem that stops
// the pass at once, and the caller then reads the files whole for the normal mode's outcome.
class stream_state final : public case_resolver, public record_lookup {
 public:
  // The kinds of the context (district to unit), which come first in record_kind.
  static constexpr std::size_t context_kind_count = static_cast<std::size_t>(record_kind::unit) + 1;

  // `files`: the ledgers, read in their order in every pass (at most 65,536). `eager`:
  // write the listing on a second thread while the cases come, as long as they come in the
  // listing's order.
  stream_state(std::vector<ledger_file> files, const report_options& options,
               const stream_report_options& stream, bool eager, arrival how);

  // Whether the report `options` and `stream` ask for can count cases before the context
  // has come (arrival::context_last): the figures alone (the workbook's listing and trend,
  // and the page's, name what the cases name as they come), not grouped by team or unit (a
  // measure takes its case's team and unit as places in the context's teams and units).
  static bool counts_before_context(const report_options& options,
                                    const stream_report_options& stream) {
    return !stream.xlsx && !stream.html && !by_team_or_unit(options);
  }

  bool several() const { return files_.size() > 1; }
  // The records that come from now on are the file's at `file` (each pass reads them all).
  void begin_file(std::size_t file) {
    file_ = file;
    measures_started_ = false;  // each file's cases come before its measures
  }
  const std::string& source() const { return files_[file_].source; }
  const ledger_input& input() const { return files_[file_].input; }
  const ledger_reading& reading() const { return input().reading(); }
  const ledger_file& file(std::size_t at) const { return files_[at]; }

  // Of several ledgers, where a file's first pass, run on a thread of its own, puts what the
  // file names and its notes in place of add() and note(): nothing else of the state is
  // touched until every first pass is over.
  ledger_builder& context_builder(std::size_t file) { return context_builders_[file]; }
  std::vector<reading_note>& notes(std::size_t file) { return notes_[file]; }

  // Each record the reader hands on, in the one pass's order (or the order of a pass).
  void add(district record, const record_origin& origin);
  void add(enterprise record, const record_origin& origin);
  void add(project record, const record_origin& origin);
  void add(team record, const record_origin& origin);
  void add(unit record, const record_origin& origin);
  void add(const case_record& given, const record_origin& origin);
  void add(const measure& record, const record_origin& origin);

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
    if (!context_) ledger_builder_access::refuse(context_builders_[file_], kind, id);
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
  report finish(std::vector<problem> reading_problems, std::vector<input_source> inputs);

  // The districts, enterprises, projects, teams and units are all in: check them, and start
  // the aggregators that need them, or, with arrival::context_last, count them and check
  // the names the cases and measures used (order_broken when one is not there).
  void close_context();

  const ledger& context() const { return *context_; }
  // How many records of each kind the ledger holds, once `finish` has passed.
  record_counts counts() const;
  // Where the reader describes standard input once it has read it.
  input_source& piped_input() { return piped_; }
  trend_counter* trend() { return trend_.get(); }
  process_counter* process() { return process_.get(); }
  compact_listing* listing() { return listing_.get(); }
  // The eager workbook's pipe, when every listed case came in order, and its output (kept
  // when the pipe was given up: it was made where the workbook goes).
  std::unique_ptr<listing_pipe> take_eager() { return std::move(eager_); }
  std::unique_ptr<output_file> take_xlsx_output() { return std::move(xlsx_output_); }

  // case_resolver
  std::optional<case_facts> find(std::string_view case_id) const override;

  // record_lookup
  bool contains(record_kind kind, std::string_view id) const override;

 private:
  template <class Context>
  void add_context(Context record, const record_origin& origin);

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
  void add_subject(Subject record, const record_origin& origin, id_table& ids,
                   std::vector<pending_subject<Subject>>& pending);

  std::uint32_t subject_district(std::string_view district);

  // The rules of the subjects kept whole, and their resumption counts.
  template <class Subject>
  void close_subjects(const std::vector<pending_subject<Subject>>& pending,
                      const std::vector<subject_facts>& all);

  // Of several ledgers, whether the file being read has the record: read_ledgers checks
  // each file with its own records before it consolidates them. (No rule names a measure.)
  bool in_this_file(record_kind kind, std::string_view id) const;

  // Of several ledgers, the context: each file's built on its own, which throws its
  // problems (the caller then reads the files whole), and then all of them consolidated as
  // read_ledgers does (a record given alike in two files kept once, with a note).
  ledger consolidated_context();

  static bool by_team_or_unit(const report_options& options) {
    return std::any_of(options.group_by.begin(), options.group_by.end(), [](group_dimension by) {
      return by == group_dimension::team || by == group_dimension::unit;
    });
  }

  static record_kind kind_of(const district&) { return record_kind::district; }
  static record_kind kind_of(const enterprise&) { return record_kind::enterprise; }
  static record_kind kind_of(const project&) { return record_kind::project; }
  static record_kind kind_of(const team&) { return record_kind::team; }
  static record_kind kind_of(const unit&) { return record_kind::unit; }

  // `given` with its due_on derived from its due_workdays (derive_due), in a copy
  // kept until the next case.
  const case_record& with_due(const case_record& given, const record_origin& origin);

  // Reports the duplicate `id` of the record at `origin`, naming the first record with it
  // once name_first_records() knows it.
  void duplicate(const record_check& ids, record_kind kind, std::string_view id,
                 const record_origin& origin);

  // Reads the ledger's ids again for the first record with each duplicate id kept.
  void name_first_records();

  [[noreturn]] void out_of_order(const std::string& pointer, const record_origin& origin) const;

  // Before the first case or measure: the context closed, or with arrival::context_last,
  // the aggregators made with a ledger that has only the context's calendar.
  void ready_to_count();
  // The aggregators, made with `context`.
  void start_counting(const ledger& context);
  // The context's enterprises, projects and teams counted by the aggregators.
  void count_context(const ledger& context);
  // With arrival::context_last: whether every name the cases and measures used is in the
  // context, or refused.
  bool names_known() const;
  // The calendar that derives due dates and counts working days: the context's.
  const calendar& workdays() const;

  // Starts the eager workbook. Best effort: on any error the workbook is written at the
  // end as without it, which then meets the same error where the normal mode does.
  void start_eager();

  // Hands the case just listed to the eager workbook, or gives it up for a case out of the
  // listing's order (reported_on, then id): the listing is then sorted and written at the
  // end, as without it.
  void pass_on_last_listed();

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
  // With arrival::context_last: the ledger the aggregators are made with while the context
  // has not come (its calendar, no record), and the names used until then (by kind, and
  // each once in the order first used: names_known() looks them up).
  std::optional<ledger> calendar_only_;
  mutable std::array<id_table, context_kind_count> named_early_;
  mutable std::vector<std::pair<record_kind, std::string>> names_to_check_;
  std::vector<context_ids> file_ids_;  // of several ledgers, each one's context
  input_source piped_;  // standard input, described by the reader (no name for a file)
  // Without a workbook, enterprises and projects are kept as ids and facts, not records.
  // Several ledgers keep them whole: a record given in two is compared whole.
  bool compact_subjects_ = !stream_.xlsx && files_.size() == 1;
  // A case's team and unit are kept for its measures only when they are grouped by them.
  bool case_team_and_unit_ = by_team_or_unit(options_);
  std::set<std::string, std::less<>> district_ids_;
  std::vector<std::string> subject_districts_;  // as enterprises and projects name them
  std::unordered_map<std::string, std::uint32_t> subject_district_numbers_;
  id_table enterprises_, projects_;
  std::vector<subject_facts> enterprise_facts_, project_facts_;
  std::vector<pending_subject<enterprise>> pending_enterprises_;
  std::vector<pending_subject<project>> pending_projects_;
  std::optional<id_table> cases_;  // made with the aggregators, which say what to keep
  id_table measures_;
  std::vector<duplicate_id> duplicates_;
  bool measures_started_ = false;
  case_record with_due_;  // see with_due()
  std::unique_ptr<aggregator> main_;
  std::unique_ptr<aggregator> comparison_;
  std::unique_ptr<trend_counter> trend_;
  std::unique_ptr<process_counter> process_;  // with a workbook
  std::unique_ptr<compact_listing> listing_;
  bool eager_wanted_;
  std::unique_ptr<output_file> xlsx_output_;
  std::optional<listed_case> last_listed_;  // its views live in listing_
  std::unique_ptr<listing_pipe> eager_;     // last: its thread reads the above
};

}  // namespace caseledger::detail
