// The ledger readers of zip-of-XML workbooks: xlsx, and ods (its content.xml), each given
// the same package. An input starting "PK" (a zip's signature) is written as the
// .xlsx file itself, to fuzz the zip layer. Any other input lists the package's parts,
// each introduced by a line "@@ <path in the package>", and is zipped (stored, so that the
// fuzzer's changes reach the XML as they are) before reading: the way to fuzz the XML.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <zip.h>

#include "caseledger/io/xlsx_ledger.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view part_marker = "@@ ";

void add_part(zipFile zip, const std::string& name, std::string_view content) {
  if (name.empty()) return;
  zip_fileinfo info{};
  if (zipOpenNewFileInZip(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0, 0) !=
      ZIP_OK) {
    return;  // a name zip refuses: the part is left out
  }
  if (zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())) != ZIP_OK ||
      zipCloseFileInZip(zip) != ZIP_OK) {
    std::abort();
  }
}

void write_package(std::string_view text, const std::filesystem::path& file) {
  const zipFile zip = zipOpen(file.c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) std::abort();
  std::string name;
  std::string content;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line =
        text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    text.remove_prefix(line.size());
    if (line.starts_with(part_marker)) {
      add_part(zip, name, content);
      content.clear();
      name = std::string(line.substr(part_marker.size()));
      if (name.ends_with('\n')) name.pop_back();
    } else {
      content += line;
    }
  }
  add_part(zip, name, content);
  if (zipClose(zip, nullptr) != ZIP_OK) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  const std::filesystem::path file = fuzzing::fresh_scratch_dir() / "book.xlsx";
  if (text.starts_with("PK")) {
    fuzzing::write_bytes(file, text);
  } else {
    write_package(text, file);
  }
  fuzzing::expect_reader_answer([&] { read_xlsx_ledger(file); });
  fuzzing::expect_reader_answer(
      [&] { read_xlsx_ledger(file, {.common = {.keep_extras = true, .max_problems = 50}}); });
  fuzzing::expect_reader_answer([&] { read_ods_ledger(file); });
  return 0;
}
