#include "core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "caseledger/core/error.hpp"
#include "core/content_digest.hpp"

namespace caseledger::detail {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

enum class file_condition : int { changed_while_read = 1, not_a_regular_file };

// Reasons the operating system has no errno for; `file_error` prints their message.
class file_condition_category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "caseledger.file"; }
  std::string message(int condition) const override {
    switch (static_cast<file_condition>(condition)) {
      case file_condition::changed_while_read:
        return "the file changed while it was being read";
      case file_condition::not_a_regular_file:
        return "not a regular file (a report only replaces a regular file)";
    }
    return "unknown file condition";
  }
};

const std::error_category& file_conditions() {
  static const file_condition_category category;
  return category;
}

}  // namespace

std::error_code changed_while_read() {
  return {static_cast<int>(file_condition::changed_while_read), file_conditions()};
}

std::error_code not_a_regular_file() {
  return {static_cast<int>(file_condition::not_a_regular_file), file_conditions()};
}

input_file::input_file(const std::filesystem::path& path) : path_(path) {
  // Standard input through a descriptor of its own, which closing leaves open.
  fd_ = is_standard_input(path) ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
                                : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw file_error(path_, "open", last_error());
  struct stat status {};
  if (::fstat(fd_, &status) != 0) {
    const std::error_code reason = last_error();
    (void)::close(fd_);
    throw file_error(path_, "open", reason);
  }
  regular_ = S_ISREG(status.st_mode);
  size_ = status.st_size;
  modified_seconds_ = status.st_mtim.tv_sec;
  modified_nanoseconds_ = status.st_mtim.tv_nsec;
  // What cannot be opened again by its name is hashed as it is read.
  if (!regular_ || is_standard_input(path)) digest_ = std::make_unique<content_digest>();
}

input_file::~input_file() { (void)::close(fd_); }

input_source input_file::describe_as_read() {
  if (!digest_) throw std::logic_error("describe_as_read on a file that is described by its name");
  return {.name = input_name(path_), .bytes = digest_->bytes(), .sha256 = digest_->finish()};
}

std::size_t input_file::read(char* buffer, std::size_t size) {
  while (true) {
    const ssize_t got = ::read(fd_, buffer, size);
    if (got > 0) {
      if (digest_) digest_->add(buffer, static_cast<std::size_t>(got));
      return static_cast<std::size_t>(got);
    }
    if (got == 0) {
      check_unchanged();
      return 0;
    }
    if (errno != EINTR) throw file_error(path_, "read", last_error());
  }
}

void input_file::skip_to(std::uint64_t offset) {
  if (!regular_) throw std::logic_error("caseledger: skip_to in a file that is not a regular file");
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw file_error(path_, "read", last_error());
  }
}

void input_file::check_unchanged() const {
  if (!regular_) return;
  struct stat status {};
  if (::fstat(fd_, &status) != 0) throw file_error(path_, "read", last_error());
  if (status.st_size != size_ || status.st_mtim.tv_sec != modified_seconds_ ||
      status.st_mtim.tv_nsec != modified_nanoseconds_) {
    throw file_error(path_, "read", changed_while_read());
  }
}

std::string read_whole_file(const std::filesystem::path& path) {
  input_file file(path);
  std::string content;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = file.read(buffer, sizeof buffer)) > 0) content.append(buffer, got);
  return content;
}

}  // namespace caseledger::detail
