// Helpers shared by the tests: scratch folders and whole-file reads and writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace caseledger::testing {

/// A fresh folder under the system's temporary folder, removed with everything in it
/// when the object goes.
class scratch_dir {
 public:
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  /// path() / name.
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes `content` to `path`, replacing it.
void write_text(const std::filesystem::path& path, std::string_view content);

/// The whole content of `path`.
std::string read_text(const std::filesystem::path& path);

/// A path inside the source tree, e.g. source_path("samples/fuzhou-2020q1/ledger.json").
std::filesystem::path source_path(std::string_view relative);

}  // namespace caseledger::testing
