// What every fuzz target shares: the library's documented refusals, told apart from
// findings, and a scratch folder for the readers that take a path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace caseledger::fuzzing {

/// Runs `read`, treating the exceptions a reader documents (`ledger_error`, `usage_error`,
/// `file_error`, `overflow_error`) as a proper answer. Any other exception escapes, and
/// libFuzzer reports it as a crash (an uncaught exception aborts).
void expect_reader_answer(const std::function<void()>& read);

/// A folder of this process's own, emptied on every call, removed at exit. Readers that
/// take a path read the fuzz input from files written here.
const std::filesystem::path& fresh_scratch_dir();

/// Writes `bytes` to `path`, replacing it.
void write_bytes(const std::filesystem::path& path, std::string_view bytes);

/// The streaming report's answer for the ledgers at `inputs` (its JSON report, or its
/// problems and their fields, or the kind of another refusal) must be the normal mode's
/// (`read_ledgers`, `compute_report`) for 2020 Q1 with max_problems 50: else the target
/// aborts, printing both.
void expect_streamed_as_read(const std::vector<std::filesystem::path>& inputs);

/// The fuzz input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace caseledger::fuzzing
