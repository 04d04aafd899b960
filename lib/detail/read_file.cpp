#include "detail/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

struct file_closer {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

std::error_code last_error() { return {errno, std::generic_category()}; }

}  // namespace

std::string read_whole_file(const std::filesystem::path& path) {
  const std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw file_error(path, "open", last_error());
  std::string content;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) content.append(buffer, got);
  if (std::ferror(file.get())) throw file_error(path, "read", last_error());
  return content;
}

}  // namespace caseledger::detail
