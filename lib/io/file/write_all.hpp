// Writing a whole buffer to a file descriptor, which ::write may do in parts.
#pragma once

#include <cerrno>
#include <cstddef>

#include <unistd.h>

namespace caseledger::detail {

/// Writes all of `data`, retrying after signals and short writes; 0 or the errno.
inline int write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return 0;
}

}  // namespace caseledger::detail
