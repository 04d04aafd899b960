// The .ods ledger reader. An input starting "PK" (a zip's signature) is written as the .ods
// file itself, to fuzz the zip layer; any other input lists the package's parts (a
// content.xml, after a line "@@ content.xml"), zipped before reading (zip_parts.hpp).
// The streaming report must answer as the normal mode does (fuzz_support.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "caseledger/io/xlsx_ledger.hpp"
#include "fuzz_support.hpp"
#include "zip_parts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  const std::filesystem::path file = fuzzing::fresh_scratch_dir() / "book.ods";
  if (text.starts_with("PK")) {
    fuzzing::write_bytes(file, text);
  } else {
    fuzzing::write_zip_parts(text, file);
  }
  fuzzing::expect_reader_answer([&] { read_ods_ledger(file); });
  fuzzing::expect_reader_answer(
      [&] { read_ods_ledger(file, {.common = {.keep_extras = true, .max_problems = 50}}); });
  fuzzing::expect_streamed_as_read({file});
  return 0;
}
