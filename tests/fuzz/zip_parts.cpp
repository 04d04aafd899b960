#include "zip_parts.hpp"

#include <cstdlib>
#include <string>

#include <zip.h>

namespace caseledger::fuzzing {

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

}  // namespace

void write_zip_parts(std::string_view text, const std::filesystem::path& file) {
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

}  // namespace caseledger::fuzzing
