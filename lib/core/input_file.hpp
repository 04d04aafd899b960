// Input files read through a descriptor that notices when the file changes under the
// reader, and whole small files (configuration, templates) read into memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "caseledger/core/input_source.hpp"

namespace caseledger::detail {

class content_digest;

/// Whether `path` is `-`, standard input (read as a JSON ledger).
inline bool is_standard_input(const std::filesystem::path& path) { return path == "-"; }

/// How problems and errors name the input at `path`: `<stdin>` for standard input.
inline std::string input_name(const std::filesystem::path& path) {
  return is_standard_input(path) ? "<stdin>" : path.string();
}

/// A file open for reading. Its size and modification time are taken when it is opened
/// and compared again when the reader reaches the end, so a ledger truncated, appended to
/// or rewritten while it is read is refused instead of giving a report of half of it. A
/// file removed or renamed after it was opened is read whole from the open descriptor.
class input_file {
 public:
  /// Opens `path` (`-`: standard input). Throws `file_error` ("cannot open …") with the
  /// system's reason.
  explicit input_file(const std::filesystem::path& path);
  ~input_file();
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;

  /// Reads up to `size` bytes into `buffer`; 0 at the end of the file, once
  /// `check_unchanged()` has passed. Throws `file_error` ("cannot read …").
  std::size_t read(char* buffer, std::size_t size);

  /// Throws `file_error` ("cannot read …: the file changed while it was being read") when
  /// the file's size or modification time are no longer what they were at opening.
  /// Files that are not regular files (pipes, devices) have nothing to compare.
  void check_unchanged() const;

  /// Moves to byte `offset` of a regular file, to read on from there. Throws `file_error`
  /// ("cannot read …") with the system's reason.
  void skip_to(std::uint64_t offset);

  /// Whether the open file is a regular file.
  bool is_regular() const noexcept { return regular_; }
  /// Its size in bytes when it was opened (of a regular file).
  std::uint64_t size() const noexcept { return static_cast<std::uint64_t>(size_); }
  /// The open descriptor, still owned by this object.
  int descriptor() const noexcept { return fd_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  /// Whether it is standard input or a pipe, which cannot be opened again by its name to
  /// be described (`describe_input`), and so is hashed as it is read.
  bool hashed_as_read() const noexcept { return digest_ != nullptr; }

  /// What `hashed_as_read` hashed, once it is read to its end, as a report names its
  /// source: its name, size and SHA-256. Throws `std::logic_error` for a file that is not
  /// hashed as it is read.
  input_source describe_as_read();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool regular_ = false;
  std::int64_t size_ = 0;
  std::int64_t modified_seconds_ = 0;
  std::int64_t modified_nanoseconds_ = 0;
  std::unique_ptr<content_digest> digest_;  // only for what is not a regular file
};

/// The reason a `file_error` gives for an input that changed while it was read.
std::error_code changed_while_read();

/// The reason a `file_error` gives for an output whose target exists and is not a regular
/// file (a device such as /dev/full, a pipe): renaming onto it would replace it.
std::error_code not_a_regular_file();

/// The whole content of `path`. Throws `file_error` naming the path and the OS reason.
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace caseledger::detail
