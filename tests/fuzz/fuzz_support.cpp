#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include <unistd.h>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/metrics/report.hpp"

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

// What a run answered: the JSON report, or the problems (each as it prints, with its
// field), or the kind of another refusal.
template <class Run>
std::string answer_of(Run&& run) {
  try {
    return "report " + caseledger::to_json_text(run());
  } catch (const caseledger::ledger_error& e) {
    std::string problems = "problems";
    for (const caseledger::problem& p : e.problems())
      problems += "\n" + p.to_string() + " [" + p.field + "]";
    return problems;
  } catch (const caseledger::usage_error&) {
    return "usage_error";
  } catch (const caseledger::file_error&) {
    return "file_error";
  } catch (const caseledger::overflow_error&) {
    return "overflow_error";
  }
}

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

void expect_streamed_as_read(const std::vector<std::filesystem::path>& inputs) {
  report_options options;
  options.from = date::parse("2020-01-01");
  options.to = date::parse("2020-03-31");
  ledger_read_options reading;
  reading.common.max_problems = 50;
  const std::string normal =
      answer_of([&] { return compute_report(read_ledgers(inputs, reading), options); });
  stream_report_options stream;
  stream.reading = reading.common;
  stream.threads = 1;
  const std::string streamed = answer_of([&] { return stream_report(inputs, options, stream); });
  if (streamed != normal) {
    std::fprintf(stderr, "the streaming report differs\nnormal:\n%s\nstreamed:\n%s\n",
                 normal.c_str(), streamed.c_str());
    std::abort();
  }
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
