#pragma once

#include <cstdint>
#include <string>

namespace caseledger {

/// A file a ledger was read from, so that a report can be traced to its inputs: a clerk
/// or an auditor checks a file against it with `sha256sum`.
struct input_source {
  std::string name;       ///< the file as the user named it; `<stdin>` for standard input
  std::uint64_t bytes{};  ///< its size
  std::string sha256;     ///< the SHA-256 of its content, 64 lowercase hexadecimal digits

  friend bool operator==(const input_source&, const input_source&) = default;
};

}  // namespace caseledger
