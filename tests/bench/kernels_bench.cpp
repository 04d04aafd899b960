// Google Benchmark kernels: the parts a report's time goes to, each on a synthetic ledger
// from big_ledger.hpp, next to the yardsticks it is compared with (yardsticks.hpp).
//
//     build/tests/bench/kernels_bench --benchmark_filter=json
//
// Items per second are cases (records for the readers, cells for the parsers of values).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "big_ledger.hpp"
#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "yardsticks.hpp"

namespace {

namespace fs = std::filesystem;
using namespace caseledger;

constexpr std::uint64_t seed = 20200331;

/// A scratch folder for this process, removed at exit.
const fs::path& scratch() {
  struct folder {
    fs::path path = fs::temp_directory_path() /
                    ("caseledger-bench-" + std::to_string(static_cast<long>(::getpid())));
    folder() { fs::create_directories(path); }
    ~folder() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  };
  static const folder instance;
  return instance.path;
}

/// The JSON text of the synthetic ledger of `cases` cases, padded for simdjson.
const simdjson::padded_string& ledger_text(std::int64_t cases) {
  static std::map<std::int64_t, simdjson::padded_string> texts;
  auto found = texts.find(cases);
  if (found == texts.end()) {
    std::ostringstream out;
    bench::write_big_ledger_json(out, {static_cast<std::uint64_t>(cases), seed});
    found = texts.emplace(cases, simdjson::padded_string(out.str())).first;
  }
  return found->second;
}

std::string_view text_view(const simdjson::padded_string& text) {
  return {text.data(), text.size()};
}

const ledger& ledger_of(std::int64_t cases) {
  static std::map<std::int64_t, std::unique_ptr<ledger>> books;
  auto& book = books[cases];
  if (!book) book = std::make_unique<ledger>(parse_json_ledger(text_view(ledger_text(cases))));
  return *book;
}

report_options q1_options() {
  report_options options;
  options.from = date::from_ymd(2020, 1, 1);
  options.to = date::from_ymd(2020, 3, 31);
  return options;
}

const report& report_of(std::int64_t cases) {
  static std::map<std::int64_t, std::unique_ptr<report>> reports;
  auto& r = reports[cases];
  if (!r) r = std::make_unique<report>(compute_report(ledger_of(cases), q1_options()));
  return *r;
}

void per_case(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// --- reading ---------------------------------------------------------------------------

void json_ledger_parse(benchmark::State& state) {
  const std::string_view text = text_view(ledger_text(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(parse_json_ledger(text));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  per_case(state);
}
BENCHMARK(json_ledger_parse)->Arg(20'000)->Unit(benchmark::kMillisecond);

// The yardstick: simdjson's On-Demand parser filling the same records, rules unchecked.
void simdjson_ledger_records(benchmark::State& state) {
  const std::string_view text = text_view(ledger_text(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(bench::simdjson_read_records(text));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  per_case(state);
}
BENCHMARK(simdjson_ledger_records)->Arg(20'000)->Unit(benchmark::kMillisecond);

// The same records through ledger_builder: the ledger json_ledger_parse gives.
void simdjson_ledger_built(benchmark::State& state) {
  const std::string_view text = text_view(ledger_text(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::build_ledger(bench::simdjson_read_records(text)));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  per_case(state);
}
BENCHMARK(simdjson_ledger_built)->Arg(20'000)->Unit(benchmark::kMillisecond);

void csv_ledger_parse(benchmark::State& state) {
  const fs::path folder = scratch() / ("csv-" + std::to_string(state.range(0)));
  if (!fs::exists(folder)) {
    bench::write_big_ledger_csv(folder, {static_cast<std::uint64_t>(state.range(0)), seed});
  }
  for (auto _ : state) benchmark::DoNotOptimize(read_csv_ledger(folder));
  per_case(state);
}
BENCHMARK(csv_ledger_parse)->Arg(20'000)->Unit(benchmark::kMillisecond);

// --- values ----------------------------------------------------------------------------

void money_parse(benchmark::State& state) {
  static constexpr std::array<std::string_view, 8> amounts = {
      "400000.00", "12.5", "4e5", "1234567.89", "0.01", "98000", "1.5E+2", "250000.50"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(money::parse(amounts[i]));
    i = (i + 1) % amounts.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(money_parse);

void date_parse(benchmark::State& state) {
  static constexpr std::array<std::string_view, 6> days = {
      "2020-01-05", "2020-02-29", "2020-03-31", "2019-12-30", "2020-02-10", "2021-07-14"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(date::parse(days[i]));
    i = (i + 1) % days.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(date_parse);

// --- aggregation -----------------------------------------------------------------------

void aggregate_by_district(benchmark::State& state) {
  const ledger& book = ledger_of(state.range(0));
  const report_options options = q1_options();
  for (auto _ : state) benchmark::DoNotOptimize(compute_report(book, options));
  per_case(state);
}
BENCHMARK(aggregate_by_district)->Arg(20'000)->Unit(benchmark::kMillisecond);

void aggregate_by_district_month_category(benchmark::State& state) {
  const ledger& book = ledger_of(state.range(0));
  report_options options = q1_options();
  options.group_by = {group_dimension::district, group_dimension::month, group_dimension::category};
  for (auto _ : state) benchmark::DoNotOptimize(compute_report(book, options));
  per_case(state);
}
BENCHMARK(aggregate_by_district_month_category)->Arg(20'000)->Unit(benchmark::kMillisecond);

void json_report_text(benchmark::State& state) {
  const report& r = report_of(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(to_json_text(r));
}
BENCHMARK(json_report_text)->Arg(20'000)->Unit(benchmark::kMillisecond);

// --- xlsx ------------------------------------------------------------------------------

void xlsx_summary(benchmark::State& state) {
  const ledger& book = ledger_of(state.range(0));
  const report& r = report_of(state.range(0));
  const fs::path out = scratch() / "summary.xlsx";
  for (auto _ : state) write_xlsx_report(r, book, out, {.include_cases = false});
}
BENCHMARK(xlsx_summary)->Arg(20'000)->Unit(benchmark::kMillisecond);

// The workbook with its listing; less xlsx_summary, what the listing rows cost.
void xlsx_with_listing(benchmark::State& state) {
  const ledger& book = ledger_of(state.range(0));
  const report& r = report_of(state.range(0));
  const fs::path out = scratch() / "listing.xlsx";
  for (auto _ : state) write_xlsx_report(r, book, out);
  per_case(state);
}
BENCHMARK(xlsx_with_listing)->Arg(20'000)->Unit(benchmark::kMillisecond);

// The yardstick: the same listing cells with nothing but libxlsxwriter (constant memory).
void bare_xlsx_listing(benchmark::State& state) {
  const ledger& book = ledger_of(state.range(0));
  const report_options options = q1_options();
  const fs::path out = scratch() / "bare.xlsx";
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::write_bare_listing(book, options.from, options.to, out));
  }
  per_case(state);
}
BENCHMARK(bare_xlsx_listing)->Arg(20'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
