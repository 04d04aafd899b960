// The SHA-256 of a file's content, for the report's list of its inputs. OpenSSL's
// libcrypto does the hashing (with the CPU's SHA instructions where it has them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "caseledger/core/input_source.hpp"

namespace caseledger::detail {

/// SHA-256 over bytes given a piece at a time.
class content_digest {
 public:
  content_digest();
  ~content_digest();
  content_digest(const content_digest&) = delete;
  content_digest& operator=(const content_digest&) = delete;

  void add(const char* data, std::size_t size);
  /// The digest of everything added, as 64 lowercase hexadecimal digits. Ends the hashing.
  std::string finish();
  /// How many bytes were added.
  std::uint64_t bytes() const noexcept { return bytes_; }

 private:
  struct state;
  std::unique_ptr<state> state_;
  std::uint64_t bytes_ = 0;
};

/// Reads the regular file at `path` and gives its name as the user wrote it, its size and
/// SHA-256. Throws `file_error` when it cannot be read or changes while it is read, and
/// `std::logic_error` for what is not a regular file (standard input, a pipe: reading it
/// here would take it from the reader; `input_file::describe_as_read` describes those).
input_source describe_input(const std::filesystem::path& path);

/// `describe_input` of each file, on a thread of its own so that a reader reading the
/// same files is not kept waiting: started by the constructor, collected by `take()`.
class input_descriptions {
 public:
  explicit input_descriptions(std::vector<std::filesystem::path> files);
  ~input_descriptions();
  input_descriptions(const input_descriptions&) = delete;
  input_descriptions& operator=(const input_descriptions&) = delete;

  /// Waits for the descriptions, in the order of the files; rethrows what describing threw.
  std::vector<input_source> take();

 private:
  struct work;
  std::unique_ptr<work> work_;
};

}  // namespace caseledger::detail
