#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include <unistd.h>

#include "caseledger/core/error.hpp"

namespace caseledger::fuzzing {
namespace {

// The scratch folder, made once per process (libFuzzer may run several jobs at once, so
// the name carries the process id) and removed with everything in it at exit.
class scratch_folder {
 public:
  scratch_folder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "caseledger-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("caseledger fuzz: mkdtemp");
      std::abort();
    }
    path_ = pattern;
  }
  ~scratch_folder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  scratch_folder(const scratch_folder&) = delete;
  scratch_folder& operator=(const scratch_folder&) = delete;

  const std::filesystem::path& emptied() {
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
      std::filesystem::remove_all(entry.path());
    }
    return path_;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

void expect_reader_answer(const std::function<void()>& read) {
  try {
    read();
  } catch (const ledger_error&) {
  } catch (const usage_error&) {
  } catch (const file_error&) {
  } catch (const overflow_error&) {
  }
}

const std::filesystem::path& fresh_scratch_dir() {
  static scratch_folder folder;
  return folder.emptied();
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) {
    std::perror("caseledger fuzz: cannot write the scratch file");
    std::abort();
  }
}

}  // namespace caseledger::fuzzing
