#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>

namespace caseledger::cli {
namespace {

using clock = std::chrono::steady_clock;

/// The bytes the process has read so far (rchar of /proc/self/io); 0 where the system
/// keeps no count.
std::uint64_t bytes_read() {
  std::ifstream io("/proc/self/io");
  std::string name;
  std::uint64_t value = 0;
  while (io >> name >> value) {
    if (name == "rchar:") return value;
  }
  return 0;
}

/// "403.2 MiB"
std::string mebibytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace

bool progress_wanted(std::optional<bool> asked) {
  return asked ? *asked : ::isatty(STDERR_FILENO) == 1;
}

std::uint64_t input_bytes(const std::vector<std::filesystem::path>& paths) {
  std::uint64_t total = 0;
  std::error_code ignored;
  for (const auto& path : paths) {
    if (path == "-") continue;  // standard input: its size is not known
    if (std::filesystem::is_directory(path, ignored)) {
      for (const auto& entry : std::filesystem::directory_iterator(path, ignored)) {
        if (entry.is_regular_file(ignored)) total += entry.file_size(ignored);
      }
    } else if (std::filesystem::is_regular_file(path, ignored)) {
      total += std::filesystem::file_size(path, ignored);
    }
  }
  return total;
}

progress_meter::progress_meter(bool shown, std::uint64_t total)
    : shown_(shown),
      terminal_(::isatty(STDERR_FILENO) == 1),
      total_(total),
      read_at_start_(shown ? bytes_read() : 0),
      started_(clock::now()) {
  if (shown_) thread_ = std::thread([this] { run(); });
}

progress_meter::~progress_meter() {
  if (!shown_) return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  // A terminal's line goes away: what remains is what the program says.
  if (terminal_ && printed_) std::fputs("\r\033[K", stderr);
}

void progress_meter::phase(std::string name, bool reading) {
  if (!shown_) return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    phase_ = std::move(name);
    reading_ = reading;
    phase_changed_ = true;
  }
  wake_.notify_one();
}

void progress_meter::say(const std::string& line) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (terminal_ && printed_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

void progress_meter::run() {
  // Short runs show nothing; then a terminal's line every quarter second, a log's every
  // five seconds and at each new phase.
  const auto quiet_start = std::chrono::seconds(1);
  const auto every = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  auto next = started_ + quiet_start;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_until(lock, next, [this] { return stopping_ || phase_changed_; });
    if (stopping_) break;
    const auto now = clock::now();
    if (now < started_ + quiet_start) continue;  // a phase changed early: not yet
    if (phase_changed_ || now >= next) {
      phase_changed_ = false;
      print();
      next = now + every;
    }
  }
}

void progress_meter::print() {
  const double seconds = std::chrono::duration<double>(clock::now() - started_).count();
  std::string line = "caseledger: " + phase_;
  if (reading_) {
    const std::uint64_t read = bytes_read() - read_at_start_;
    line += ": " + mebibytes(read) + " read";
    if (total_ > 0 && read <= total_) {
      const double share = 100.0 * static_cast<double>(read) / static_cast<double>(total_);
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.0f%%", share);
      line += " of " + mebibytes(total_) + " (" + percent + ")";
    } else if (total_ > 0) {
      // A ledger whose records come out of order is read again (docs/performance.md): where
      // the later passes are in the file is not known here, so no share is made up.
      line += ", reading it again";
    }
    line +=
        ", " + mebibytes(static_cast<std::uint64_t>(static_cast<double>(read) / seconds)) + "/s";
  }
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, " (%.0f s)", seconds);
  line += elapsed;
  if (terminal_) {
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
  printed_ = true;
}

}  // namespace caseledger::cli
