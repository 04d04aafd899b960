// Whole small files (configuration, templates) read into memory.
#pragma once

#include <filesystem>
#include <string>

namespace caseledger::detail {

/// The whole content of `path`. Throws `file_error` naming the path and the OS reason.
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace caseledger::detail
