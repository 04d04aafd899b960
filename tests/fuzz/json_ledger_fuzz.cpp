// The JSON ledger reader on arbitrary bytes, with the default options (stop at the first
// problem) and with every problem collected and unknown fields kept, which drives the
// reader's recovery paths.
//
// The streaming report reads the same bytes as a file (in one pass, or again in passes
// when its records come out of order): its report or its problems must be the normal
// mode's. An input with a line "#next" is two ledgers, before and after it, reported
// together (several ledgers consolidated, as read_ledgers consolidates them, each JSON file's
// first pass passing over its cases and measures).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "caseledger/io/json_ledger.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view next_ledger_marker = "#next\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  fuzzing::expect_reader_answer([&] { parse_json_ledger(text, "fuzz.json"); });
  fuzzing::expect_reader_answer(
      [&] { parse_json_ledger(text, "fuzz.json", {.keep_extras = true, .max_problems = 50}); });
  const std::filesystem::path& scratch = fuzzing::fresh_scratch_dir();
  if (const std::size_t cut = text.find(next_ledger_marker); cut != std::string_view::npos) {
    const std::vector<std::filesystem::path> ledgers = {scratch / "a.json", scratch / "b.json"};
    fuzzing::write_bytes(ledgers[0], text.substr(0, cut));
    fuzzing::write_bytes(ledgers[1], text.substr(cut + next_ledger_marker.size()));
    fuzzing::expect_streamed_as_read(ledgers);
  } else {
    fuzzing::write_bytes(scratch / "ledger.json", text);
    fuzzing::expect_streamed_as_read({scratch / "ledger.json"});
  }
  return 0;
}
