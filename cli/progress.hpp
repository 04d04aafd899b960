// Progress on the standard error for runs long enough to wonder about: the phase, how much
// of the input has been read and how fast. Nothing of it reaches the outputs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace caseledger::cli {

/// Whether to show progress: as `asked` (--progress, --quiet), else when the standard
/// error is a terminal.
bool progress_wanted(std::optional<bool> asked);

/// The bytes of the ledgers at `paths` (a folder's files summed; standard input and what
/// cannot be measured count 0).
std::uint64_t input_bytes(const std::vector<std::filesystem::path>& paths);

/// Prints the phase and the input read so far, from a thread of its own, once the run has
/// taken a second: on a terminal one line rewritten in place (cleared at the end), else a
/// line every few seconds and at each new phase. The bytes read are the process's own
/// (/proc/self/io), so every reader counts without reporting to it.
class progress_meter {
 public:
  /// Shows nothing unless `shown`; `total` is the input's size (0: unknown).
  progress_meter(bool shown, std::uint64_t total);
  ~progress_meter();
  progress_meter(const progress_meter&) = delete;
  progress_meter& operator=(const progress_meter&) = delete;

  /// The work being done now ("reading", "computing", "writing q1.xlsx"); the bytes read
  /// are shown while `reading` (later phases read their own temporary files).
  void phase(std::string name, bool reading = false);

  /// Prints `line` (a warning, say) on a line of its own on the standard error: the
  /// progress line on a terminal is cleared first and comes back at its next update.
  void say(const std::string& line);

 private:
  void run();
  void print();

  bool shown_;
  bool terminal_;
  std::uint64_t total_;
  std::uint64_t read_at_start_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string phase_;
  bool reading_ = false;
  bool phase_changed_ = false;
  bool stopping_ = false;
  bool printed_ = false;
  std::thread thread_;
};

}  // namespace caseledger::cli
