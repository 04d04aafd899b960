// The .xls ledger reader (our own compound-file and BIFF8 reader): the input is written as
// the workbook file itself. Seeds are small workbooks LibreOffice saved as Excel 97-2003,
// whose Workbook streams live in the mini stream. The streaming report must answer as the
// normal mode does (fuzz_support.hpp).
#include <cstddef>
#include <cstdint>

#include "caseledger/io/xlsx_ledger.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::filesystem::path file = fuzzing::fresh_scratch_dir() / "book.xls";
  fuzzing::write_bytes(file, fuzzing::as_text(data, size));
  fuzzing::expect_reader_answer([&] { read_xls_ledger(file); });
  fuzzing::expect_reader_answer(
      [&] { read_xls_ledger(file, {.common = {.keep_extras = true, .max_problems = 50}}); });
  fuzzing::expect_streamed_as_read({file});
  return 0;
}
