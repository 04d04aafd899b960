// The JSON ledger reader on arbitrary bytes, with the default options (stop at the first
// problem) and with every problem collected and unknown fields kept, which drives the
// reader's recovery paths.
#include <cstddef>
#include <cstdint>

#include "caseledger/io/json_ledger.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  fuzzing::expect_reader_answer([&] { parse_json_ledger(text, "fuzz.json"); });
  fuzzing::expect_reader_answer(
      [&] { parse_json_ledger(text, "fuzz.json", {.keep_extras = true, .max_problems = 50}); });
  return 0;
}
