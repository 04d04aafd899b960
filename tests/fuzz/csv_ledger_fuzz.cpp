// The CSV ledger reader, both shapes. An input whose first line is "#folder" is a folder
// of tables: each line "#<name>.csv" starts the file <name>.csv (a name of letters and
// underscores), so the fuzzer can also misname a table. Any other input is the flat case
// sheet, one .csv file. Encoding "auto" sends valid UTF-8 down one path and anything else
// down the GB18030 one.
//
// The streaming report reads both shapes too (a flat sheet in two passes, the first over
// its naming columns only): its report or its problems must be the normal mode's, or the
// target stops. A flat sheet input with a line "#next" is two sheets, before and after it,
// reported together (several ledgers consolidated, as read_ledgers consolidates them).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view folder_marker = "#folder\n";
constexpr std::string_view next_sheet_marker = "#next\n";

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  const std::filesystem::path& scratch = fuzzing::fresh_scratch_dir();
  std::filesystem::path input;
  if (const std::size_t cut = text.find(next_sheet_marker);
      !text.starts_with(folder_marker) && cut != std::string_view::npos) {
    const std::vector<std::filesystem::path> sheets = {scratch / "a.csv", scratch / "b.csv"};
    fuzzing::write_bytes(sheets[0], text.substr(0, cut));
    fuzzing::write_bytes(sheets[1], text.substr(cut + next_sheet_marker.size()));
    fuzzing::expect_reader_answer([&] { read_ledgers(sheets); });
    fuzzing::expect_streamed_as_read(sheets);
    return 0;
  }
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
  fuzzing::expect_streamed_as_read({input});
  return 0;
}
