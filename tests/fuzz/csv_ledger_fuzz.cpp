// The CSV ledger reader, both shapes. An input whose first line is "#folder" is a folder
// of tables: each line "#<name>.csv" starts the file <name>.csv (a name of letters and
// underscores), so the fuzzer can also misname a table. Any other input is the flat case
// sheet, one .csv file. Encoding "auto" sends valid UTF-8 down one path and anything else
// down the GB18030 one.
//
// The streaming report reads both shapes too (a flat sheet in two passes, the first over
// its naming columns only): its report or its problems must be the normal mode's, or the
// target stops.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view folder_marker = "#folder\n";

bool is_table_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// Writes the tables of a "#folder" input into `folder`; text before the first table line
// and tables with an unusable name are dropped.
void write_tables(std::string_view text, const std::filesystem::path& folder) {
  std::string name;
  std::string content;
  const auto flush = [&] {
    if (is_table_name(name)) caseledger::fuzzing::write_bytes(folder / (name + ".csv"), content);
    content.clear();
  };
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line =
        text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    text.remove_prefix(line.size());
    if (line.starts_with('#') && line.find(".csv") != std::string_view::npos) {
      flush();
      name = std::string(line.substr(1, line.find(".csv") - 1));
    } else {
      content += line;
    }
  }
  flush();
}

// What a run answered: the JSON report, or the problems (each as it prints, with its
// field), or the kind of another refusal.
template <class Run>
std::string answer_of(Run&& run) {
  try {
    return "report " + caseledger::to_json_text(run());
  } catch (const caseledger::ledger_error& e) {
    std::string problems = "problems";
    for (const caseledger::problem& p : e.problems())
      problems += "\n" + p.to_string() + " [" + p.field + "]";
    return problems;
  } catch (const caseledger::usage_error&) {
    return "usage_error";
  } catch (const caseledger::file_error&) {
    return "file_error";
  } catch (const caseledger::overflow_error&) {
    return "overflow_error";
  }
}

// The streaming report's answer for `input` must be the normal mode's.
void expect_streamed_as_read(const std::filesystem::path& input) {
  using namespace caseledger;
  report_options options;
  options.from = date::parse("2020-01-01");
  options.to = date::parse("2020-03-31");
  ledger_read_options reading;
  reading.common.max_problems = 50;
  const std::string normal =
      answer_of([&] { return compute_report(read_ledger(input, reading), options); });
  stream_report_options stream;
  stream.reading = reading.common;
  stream.threads = 1;
  const std::string streamed = answer_of([&] { return stream_report(input, options, stream); });
  if (streamed != normal) {
    std::fprintf(stderr, "the streaming report differs\nnormal:\n%s\nstreamed:\n%s\n",
                 normal.c_str(), streamed.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  const std::filesystem::path& scratch = fuzzing::fresh_scratch_dir();
  std::filesystem::path input;
  if (text.starts_with(folder_marker)) {
    input = scratch / "ledger";
    std::filesystem::create_directory(input);
    write_tables(text.substr(folder_marker.size()), input);
  } else {
    input = scratch / "cases.csv";
    fuzzing::write_bytes(input, text);
  }
  fuzzing::expect_reader_answer([&] { read_csv_ledger(input); });
  fuzzing::expect_reader_answer(
      [&] { read_csv_ledger(input, {.common = {.keep_extras = true, .max_problems = 50}}); });
  expect_streamed_as_read(input);
  return 0;
}
