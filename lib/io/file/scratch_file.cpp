#include "io/file/scratch_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

#include <unistd.h>

#include "caseledger/core/error.hpp"
#include "io/file/write_all.hpp"

namespace caseledger::detail {

scratch_file::scratch_file(const std::filesystem::path& folder, std::filesystem::path shown)
    : shown_(std::move(shown)) {
  std::string name = (folder / ".caseledger-sheet-XXXXXX").string();
  descriptor_ = mkstemp(name.data());
  if (descriptor_ < 0) {
    throw file_error(shown_, "make a temporary file for workbook",
                     std::error_code(errno, std::generic_category()));
  }
  // Unnamed from the start: nothing is left behind, whatever happens.
  unlink(name.c_str());
}

scratch_file::~scratch_file() { close(descriptor_); }

void scratch_file::append(std::string_view bytes) {
  if (const int error = write_all(descriptor_, bytes.data(), bytes.size())) {
    throw file_error(shown_, "write workbook", std::error_code(error, std::generic_category()));
  }
  size_ += bytes.size();
}

void scratch_file::read(std::uint64_t from, std::uint64_t length,
                        const std::function<void(std::string_view)>& sink) const {
  std::string buffer(std::size_t{1} << 20, '\0');
  for (std::uint64_t at = from; at < from + length;) {
    const std::size_t wanted =
        static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), from + length - at));
    const ssize_t got = pread(descriptor_, buffer.data(), wanted, static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      throw file_error(shown_, "write workbook",
                       std::error_code(got < 0 ? errno : EIO, std::generic_category()));
    }
    sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    at += static_cast<std::uint64_t>(got);
  }
}

}  // namespace caseledger::detail
