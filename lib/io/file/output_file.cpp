#include "caseledger/io/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <random>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include "caseledger/core/error.hpp"
#include "core/input_file.hpp"
#include "io/file/write_all.hpp"

namespace caseledger {
namespace {

using detail::write_all;

std::error_code last_error() { return {errno, std::generic_category()}; }

/// Syncs the file at `path` to disk through a descriptor of its own: a writer that opened
/// the temporary itself (libxlsxwriter) has closed its descriptor by now.
std::error_code sync_path(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return last_error();
  std::error_code result;
  if (::fsync(fd) != 0) result = last_error();
  if (::close(fd) != 0 && !result) result = last_error();
  return result;
}

/// Makes the rename itself durable. Best effort: the file is already in place, so a folder
/// that cannot be synced (some file systems refuse) must not report the write as failed.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  (void)::close(fd);
}

/// Copies the file at `path` to standard output; the first error.
std::error_code copy_to_standard_output(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return last_error();
  std::vector<char> buffer(256 * 1024);
  std::error_code result;
  while (true) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) result = last_error();
    if (got <= 0) break;
    if (const int error = write_all(STDOUT_FILENO, buffer.data(), static_cast<std::size_t>(got))) {
      result = {error, std::generic_category()};
      break;
    }
  }
  (void)::close(fd);
  return result;
}

}  // namespace

/// A stream buffer over a file descriptor that remembers the first error's errno, so that
/// `commit()` can say why a write failed (an `std::ofstream` only says that it failed).
class output_file::file_buffer : public std::streambuf {
 public:
  explicit file_buffer(int fd) : fd_(fd), buffer_(64 * 1024) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~file_buffer() override {
    if (fd_ >= 0) (void)::close(fd_);
  }
  file_buffer(const file_buffer&) = delete;
  file_buffer& operator=(const file_buffer&) = delete;

  /// Writes what is buffered, syncs the file to disk and closes it; the first error.
  std::error_code finish() {
    std::error_code result;
    if (drain() != 0 || error_ != 0) result = {error_, std::generic_category()};
    if (!result && ::fsync(fd_) != 0) result = last_error();
    if (::close(fd_) != 0 && !result) result = last_error();
    fd_ = -1;
    return result;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  int sync() override { return drain() == 0 ? 0 : -1; }

 private:
  /// Writes the buffered bytes; 0, or -1 once any write has failed.
  int drain() {
    if (error_ != 0) return -1;
    const auto pending = static_cast<std::size_t>(pptr() - pbase());
    if (pending > 0) error_ = write_all(fd_, pbase(), pending);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0 ? 0 : -1;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

bool output_file::names_standard_output(const std::filesystem::path& target) {
  // The names a shell script gives its standard output: written through, whatever it is (a
  // pipe, a terminal, a file the shell opened), never replaced.
  return target == "-" || target == "/dev/stdout" || target == "/dev/fd/1" ||
         target == "/proc/self/fd/1";
}

std::filesystem::path output_file::destination_of(const std::filesystem::path& target) {
  const std::string name = target.filename().string();
  // Refused before anything is written: renaming onto a folder would only fail at the end.
  std::error_code ignored;
  const std::filesystem::file_status status = std::filesystem::status(target, ignored);
  if (name.empty() || name == "." || name == ".." || std::filesystem::is_directory(status)) {
    throw file_error(target, "write", std::make_error_code(std::errc::is_a_directory));
  }
  // A device (/dev/full, /dev/null), a pipe or a socket would be replaced by a regular
  // file, not written to.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw file_error(target, "write", detail::not_a_regular_file());
  }
  // A symbolic link is written through: the file it names is replaced and the link stays
  // (renaming onto the link would replace the link itself: `--json latest.json` pointing
  // at this quarter's report). Followed link by link, so that a link to a file not written
  // yet (which no canonical path names) leads there.
  std::filesystem::path destination = target;
  constexpr int most_links = 40;  // as the kernel's ELOOP
  for (int links = 0;
       std::filesystem::is_symlink(std::filesystem::symlink_status(destination, ignored));
       ++links) {
    if (links == most_links) {
      throw file_error(target, "write",
                       std::make_error_code(std::errc::too_many_symbolic_link_levels));
    }
    std::error_code unreadable;
    const std::filesystem::path next = std::filesystem::read_symlink(destination, unreadable);
    if (unreadable) throw file_error(target, "write", unreadable);
    destination = (next.is_absolute() ? next : destination.parent_path() / next).lexically_normal();
  }
  return destination;
}

void output_file::check_target(const std::filesystem::path& target) {
  if (names_standard_output(target)) return;
  const std::filesystem::path folder = destination_of(target).parent_path();
  // The temporary goes in that folder: it must exist, be a folder and take new files.
  const char* name = folder.empty() ? "." : folder.c_str();
  struct stat status {};
  if (::stat(name, &status) != 0) throw file_error(target, "write", last_error());
  if (!S_ISDIR(status.st_mode)) {
    throw file_error(target, "write", std::make_error_code(std::errc::not_a_directory));
  }
  if (::access(name, W_OK | X_OK) != 0) throw file_error(target, "write", last_error());
}

output_file::output_file(std::filesystem::path target)
    : target_(std::move(target)), to_standard_output_(names_standard_output(target_)) {
  // Standard output gets the content at commit, copied from a temporary of the system's,
  // so that a failed run writes nothing there either.
  destination_ = to_standard_output_ ? std::filesystem::temp_directory_path() / "caseledger-stdout"
                                     : destination_of(target_);
  const std::string destination_name = destination_.filename().string();
  // A name of our own beside the target (same folder, so the rename is atomic), created
  // with O_EXCL so that two runs never share one, and with mode 0666 so that the umask
  // gives the report the permissions of any other new file (mkstemp would give 0600).
  std::random_device entropy;
  constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::error_code reason;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string suffix(6, ' ');
    for (char& c : suffix) c = alphabet[entropy() % alphabet.size()];
    auto candidate = destination_.parent_path() / ("." + destination_name + ".tmp-" + suffix);
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      temporary_ = std::move(candidate);
      buffer_ = std::make_unique<file_buffer>(fd);
      return;
    }
    reason = last_error();
    if (errno != EEXIST) break;
  }
  throw file_error(target_, "write", reason);
}

output_file::~output_file() {
  if (committed_) return;
  buffer_.reset();  // closes the descriptor before the name goes
  if (!temporary_.empty()) (void)::unlink(temporary_.c_str());
}

std::ostream& output_file::stream() {
  if (stream_.rdbuf() == nullptr) stream_.rdbuf(buffer_.get());
  return stream_;
}

void output_file::finish() {
  if (finished_) return;
  std::error_code reason;
  if (stream_.rdbuf() != nullptr) {
    // Writes and syncs through the descriptor the stream wrote to.
    reason = buffer_->finish();
    if (!reason && stream_.bad()) reason = std::make_error_code(std::errc::io_error);
  } else {
    // Nothing went through stream(): a writer that opens files itself wrote the temporary.
    buffer_.reset();
    reason = sync_path(temporary_);
  }
  if (reason) throw file_error(target_, "write", reason);
  finished_ = true;
}

void output_file::commit() {
  if (committed_) return;
  finish();
  if (to_standard_output_) {
    if (const std::error_code reason = copy_to_standard_output(temporary_)) {
      throw file_error(target_, "write", reason);
    }
    (void)::unlink(temporary_.c_str());
    committed_ = true;
    return;
  }
  if (std::rename(temporary_.c_str(), destination_.c_str()) != 0) {
    throw file_error(target_, "replace", last_error());
  }
  committed_ = true;
  sync_folder(destination_.parent_path());
}

}  // namespace caseledger
