// The .xls ledger reader (libfreexl underneath): the input is written as the workbook file
// itself. Seeds are workbooks LibreOffice saved as Excel 97-2003.
#include <cstddef>
#include <cstdint>

#include "caseledger/io/xlsx_ledger.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::filesystem::path file = caseledger::fuzzing::fresh_scratch_dir() / "book.xls";
  caseledger::fuzzing::write_bytes(file, caseledger::fuzzing::as_text(data, size));
  caseledger::fuzzing::expect_reader_answer([&] { read_xls_ledger(file); });
  caseledger::fuzzing::expect_reader_answer(
      [&] { read_xls_ledger(file, {.common = {.keep_extras = true, .max_problems = 50}}); });
  return 0;
}
