// The one-pass report: the two ways to feed `stream_state` (stream_state.hpp) the records
// (on this thread, or with a parser beside it), the passes over a file whose records come
// out of order, over a flat sheet and over several ledgers, and the outputs committed
// together; and the checks alone (stream_validate), which read as the report does. What a
// pass reads and hands on, which needs no state, is in ledger_passes.hpp. About 650 lines:
// every way of reading goes through read_once (on this thread or beside a parser), and the
// flat sheet's and several ledgers' passes share their plans (names_pass, read_rows);
// apart, they would need read_once and the plans in a header of their own.
#include "caseledger/io/stream_report.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/record_schema.hpp"
#include "core/content_digest.hpp"
#include "core/input_file.hpp"
#include "io/csv/records.hpp"
#include "io/html/page.hpp"
#include "io/stream/context_sink.hpp"
#include "io/stream/ledger_passes.hpp"
#include "io/stream/listing_pipe.hpp"
#include "io/stream/record_batches.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "io/stream/stream_state.hpp"
#include "io/xlsx/write/workbook_source.hpp"
#include "model/record_sink.hpp"

namespace caseledger {
namespace {

using detail::arrival;
using detail::batch_queue;
using detail::batching_sink;
using detail::item_batch;
using detail::kinds_of;
using detail::ledger_file;
using detail::ledger_input;
using detail::ledger_shape;
using detail::listing_pipe;
using detail::located_item;
using detail::order_broken;
using detail::pass_plan;
using detail::reading_abandoned;
using detail::reading_problems;
using detail::refusal;
using detail::stream_state;

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
pass_plan names_pass() {
  pass_plan names = kinds_of({record_kind::district, record_kind::enterprise, record_kind::project,
                              record_kind::team, record_kind::unit});
  names.extra_columns = true;
  names.problems = false;
  names.flat.names_only = true;
  names.flat.names_agree = true;  // until a row's naming cells have a problem
  return names;
}

// The names pass; returns whether every row named its records alike (flat_sheet_pass).
bool read_names(const stream_report_options& stream, bool eager, stream_state& state,
                detail::stream_report_trace& trace) {
  pass_plan names = names_pass();
  names.flat.halves_side_by_side = stream.threads != 1;
  try {
    read_once(stream, eager, state, &names, trace);
  } catch (const ledger_error&) {
    return false;  // met again, and reported, by the second pass
  }
  trace.names_halves_joined = names.flat.halves_joined;
  return names.flat.names_agree;
}

// The rows pass after the names pass, which saw whether every row named its records alike.
std::vector<problem> read_rows(const stream_report_options& stream, bool eager, stream_state& state,
                               bool names_agree, detail::stream_report_trace& trace) {
  pass_plan rows = kinds_of({record_kind::case_, record_kind::measure});
  rows.refusals_and_notes = true;
  rows.flat.names_checked = names_agree;
  rows.flat.figures_only = !stream.xlsx;
  trace.names_taken_as_given = trace.names_taken_as_given || names_agree;
  return read_once(stream, eager, state, &rows, trace);
}

std::vector<problem> read_flat_sheet_twice(const stream_report_options& stream, bool eager,
                                           stream_state& state,
                                           detail::stream_report_trace& trace) {
  const bool names_agree = read_names(stream, eager, state, trace);
  return read_rows(stream, eager, state, names_agree, trace);
}

// A flat sheet read once: every cell of every row, as the normal mode reads it, its cases
// and measures counted as they come; then what its rows named (stream_state::close_context,
// which throws order_broken when a case used a name the sheet did not give).
std::vector<problem> read_flat_sheet_once(const stream_report_options& stream, bool eager,
                                          stream_state& state, detail::stream_report_trace& trace) {
  pass_plan all =
      kinds_of({record_kind::district, record_kind::enterprise, record_kind::project,
                record_kind::team, record_kind::unit, record_kind::case_, record_kind::measure});
  all.refusals_and_notes = true;
  all.extra_columns = true;
  all.flat.figures_only = true;
  std::vector<problem> reading = read_once(stream, eager, state, &all, trace);
  state.close_context();
  return reading;
}

// The first passes of several ledgers (a flat sheet's names, another's context pass passing
// over its cases and measures), side by side on two threads (one with `threads` 1): each
// file's builder and notes in the state take what it names, so no two threads share
// anything but the reading options. Returns each file's plan, which saw the order of its
// records; throws the first failure in the files' order (a problem among them: the files
// are then read whole).
std::vector<pass_plan> first_passes(const stream_report_options& stream, stream_state& state,
                                    std::size_t files, detail::stream_report_trace& trace) {
  std::vector<pass_plan> plans(files);
  std::vector<std::exception_ptr> failures(files);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t file = next++; file < files; file = next++) {
      const ledger_file& one = state.file(file);
      const bool flat = one.input.shape() == ledger_shape::flat_sheet;
      try {
        plans[file] = flat ? names_pass() : context_pass();
        plans[file].pass_over_unwanted = !flat;  // a problem there is met by the next pass
        detail::context_sink sink(one.source, state.context_builder(file), state.notes(file),
                                  one.input.reading().common.max_problems);
        one.input.read(sink, &plans[file], nullptr);
        if (!sink.problems().empty()) throw ledger_error(sink.problems());
      } catch (const ledger_error&) {
        // A flat sheet's names pass reports nothing: its rows pass meets the problem, and
        // looks every name up.
        plans[file].flat.names_agree = false;
        if (!flat) failures[file] = std::current_exception();
      } catch (...) {  // nothing may leave a helper thread: passed on after the join
        failures[file] = std::current_exception();
      }
    }
  };
  {
    const std::size_t threads = stream.threads == 1 ? 1 : std::min<std::size_t>(files, 2);
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
  }
  trace.reads += static_cast<unsigned>(files);
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return plans;
}

// Several ledgers, each read as above: first what each names, every file's first pass side
// by side (first_passes), whose consolidation the checks of every case need; then the cases
// and measures of each, a file at a time, after which `done_with(file)` is called.
std::vector<problem> read_several(const stream_report_options& stream, bool eager,
                                  stream_state& state, std::size_t files,
                                  const std::function<void(std::size_t)>& done_with,
                                  detail::stream_report_trace& trace) {
  const std::vector<pass_plan> contexts = first_passes(stream, state, files, trace);
  std::vector<problem> reading;
  for (std::size_t file = 0; file < files; ++file) {
    state.begin_file(file);
    if (state.input().shape() == ledger_shape::flat_sheet) {
      std::vector<problem> found =
          read_rows(stream, eager, state, contexts[file].flat.names_agree, trace);
      reading.insert(reading.end(), found.begin(), found.end());
    } else {
      read_cases_and_measures(stream, eager, state, contexts[file], trace);
    }
    done_with(file);
  }
  return reading;
}

// The normal mode's reading options for the same ledgers: the inverse of the public
// `reading_as` (at the end of this file, outside this namespace).
ledger_read_options read_options_of(const stream_report_options& stream) {
  ledger_read_options reading;
  reading.encoding = stream.encoding;
  reading.sheet = stream.sheet;
  reading.mapping = stream.mapping;
  reading.common = stream.reading;
  return reading;
}

// The format of the ledger at `path`, checked with the reading options.
detail::ledger_file_format format_of(const std::filesystem::path& path,
                                     const stream_report_options& stream) {
  return detail::ledger_file_format_of(path, read_options_of(stream));
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

// The report of one ledger, in one pass or a few; `counted`, when given, takes its counts.
report report_one(const std::filesystem::path& ledger_path, detail::ledger_file_format format,
                  const report_options& options, const stream_report_options& stream, bool eager,
                  detail::stream_report_trace& trace, record_counts* counted) {
  // A file is read once while its records come in order (as every ledger caseledger writes
  // lists them), else again in passes; standard input can only be read once.
  const bool once_only = detail::is_standard_input(ledger_path);
  const detail::ledger_reading text = reading_of(stream, mapping_of(stream), {});
  const std::string source = detail::input_name(ledger_path);
  detail::input_descriptions described(detail::files_to_describe(ledger_path, format));
  ledger_input input(ledger_path, format, source, text);
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
  // What a flat sheet's rows name comes after them: read once when the report can count
  // the cases without it, else twice.
  const auto read_flat_sheet = [&] {
    if (stream_state::counts_before_context(options, stream)) {
      try {
        state.emplace(std::vector<ledger_file>{{input, source}}, options, stream, eager,
                      arrival::context_last);
        input.read_only_once();
        reading = read_flat_sheet_once(stream, eager, *state, trace);
        return;
      } catch (const order_broken&) {
      }
    }
    read_in_passes_anew();
  };
  const auto read_and_finish = [&] {
    if (input.shape() == ledger_shape::flat_sheet) {
      read_flat_sheet();
    } else {
      try {
        state.emplace(std::vector<ledger_file>{{input, source}}, options, stream, eager,
                      once_only ? arrival::once_only : arrival::in_one_pass);
        reading = read_once(stream, eager, *state, nullptr, trace);
      } catch (const order_broken&) {
        read_in_passes_anew();
      }
    }
    report finished = state->finish(std::move(reading), described.take());
    if (counted != nullptr) *counted = state->counts();
    return finished;
  };
  report r = [&] {
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
                    const stream_report_options& stream, record_counts* counted) {
  const ledger book = read_ledgers(paths, read_options_of(stream));
  if (counted != nullptr) *counted = counts_of(book);
  if (stream.noticed) {
    for (const reading_note& noticed : book.notes()) stream.noticed(noticed);
  }
  report r = compute_report(book, options);
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
                      bool eager, detail::stream_report_trace& trace, record_counts* counted) {
  std::deque<opened_ledger> opened;  // never moves what the state reads
  std::optional<stream_state> state;
  std::optional<report> streamed;
  try {
    const detail::field_mapping mapping = mapping_of(stream);
    const std::vector<std::string> scopes = detail::case_number_scopes(paths);
    std::vector<std::filesystem::path> to_describe;
    std::vector<ledger_file> files;
    bool streamable = std::none_of(paths.begin(), paths.end(), [](const auto& path) {
      return detail::is_standard_input(path);  // which cannot be read twice
    });
    for (std::size_t i = 0; i < paths.size() && streamable; ++i) {
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
      // A workbook is let go once its last pass is over, before the next file's.
      const auto done_with = [&](std::size_t file) {
        trace.sheet_reads += opened[file].input.sheet_reads();
        opened[file].input.close();
      };
      std::vector<problem> reading =
          read_several(stream, eager, *state, paths.size(), done_with, trace);
      streamed = state->finish(std::move(reading), described.take());
      if (counted != nullptr) *counted = state->counts();
    }
  } catch (const error&) {  // NOLINT(bugprone-empty-catch): met again by reading them whole
  }
  if (!streamed) {
    state.reset();  // with the temporaries of its outputs
    opened.clear();
    trace.read_whole = true;
    return report_whole(paths, options, stream, counted);
  }
  write_streamed(*streamed, *state, stream, trace);
  return std::move(*streamed);
}

}  // namespace

report detail::stream_report(const std::vector<std::filesystem::path>& ledger_paths,
                             const report_options& options, const stream_report_options& asked,
                             stream_report_trace& trace, record_counts* counted) {
  options.validate();
  stream_report_options stream = asked;
  if (stream.threads == 1 && stream.workbook.compression_threads == 0) {
    stream.workbook.compression_threads = 1;
  }
  if (ledger_paths.empty()) throw usage_error("no ledger to read");
  // With the listing, the second thread writes it while the cases come (when they come in
  // its order) instead of parsing: the listing is the larger part of the work.
  const bool eager = stream.threads == 2 && stream.xlsx && stream.workbook.include_cases;
  if (ledger_paths.size() == 1) {
    const detail::ledger_file_format format = format_of(ledger_paths.front(), stream);
    check_outputs(stream);  // refused before any reading
    return report_one(ledger_paths.front(), format, options, stream, eager, trace, counted);
  }
  check_outputs(stream);
  return report_several(ledger_paths, options, stream, eager, trace, counted);
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

// The inverse of read_options_of (above), which the reading code uses.
stream_report_options reading_as(const ledger_read_options& reading) {
  stream_report_options stream;
  stream.reading = reading.common;
  stream.encoding = reading.encoding;
  stream.mapping = reading.mapping;
  stream.sheet = reading.sheet;
  return stream;
}

record_counts counts_of(const ledger& book) {
  return {.districts = book.districts().size(),
          .enterprises = book.enterprises().size(),
          .projects = book.projects().size(),
          .teams = book.teams().size(),
          .units = book.units().size(),
          .cases = book.cases().size(),
          .measures = book.measures().size()};
}

record_counts stream_validate(const std::vector<std::filesystem::path>& ledger_paths,
                              const stream_report_options& stream) {
  stream_report_options reading_only = stream;
  reading_only.json.reset();
  reading_only.xlsx.reset();
  reading_only.html.reset();
  // A report of any window: its figures are dropped, the reading and the checks are the
  // same for every window.
  const report_options any_window;
  record_counts counted;
  if (std::any_of(ledger_paths.begin(), ledger_paths.end(),
                  [](const auto& path) { return detail::is_standard_input(path); })) {
    // Read once, and only whole in any order.
    report_whole(ledger_paths, any_window, reading_only, &counted);
  } else {
    detail::stream_report_trace trace;
    detail::stream_report(ledger_paths, any_window, reading_only, trace, &counted);
  }
  return counted;
}

}  // namespace caseledger
