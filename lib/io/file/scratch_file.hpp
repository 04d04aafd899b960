// An unnamed temporary file for data on its way elsewhere (a workbook's compressed rows),
// on the disk the output goes to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace caseledger::detail {

/// An unnamed temporary file, appended to and read back by range: where the compressed
/// blocks of a workbook's streamed sheets wait, one sheet after the other (one file
/// however many sheets).
class scratch_file {
 public:
  /// Makes the file in `folder`; throws `file_error` naming `shown` if it cannot.
  scratch_file(const std::filesystem::path& folder, std::filesystem::path shown);
  ~scratch_file();
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;

  std::uint64_t size() const noexcept { return size_; }
  /// Throws `file_error` with the system's reason (a full disk).
  void append(std::string_view bytes);
  /// Gives the bytes from `from` on, `length` of them, in pieces of at most 1 MiB.
  void read(std::uint64_t from, std::uint64_t length,
            const std::function<void(std::string_view)>& sink) const;

 private:
  std::filesystem::path shown_;
  int descriptor_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace caseledger::detail
