#include "support/test_support.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace caseledger::testing {

scratch_dir::scratch_dir() {
  std::random_device entropy;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("caseledger-test-" + std::to_string(entropy()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = std::move(candidate);
      return;
    }
  }
  throw std::runtime_error("could not create a scratch folder in " + base.string());
}

scratch_dir::~scratch_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_text(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out.flush()) throw std::runtime_error("could not write " + path.string());
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("could not read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::filesystem::path source_path(std::string_view relative) {
  return std::filesystem::path(CASELEDGER_SOURCE_DIR) / relative;
}

}  // namespace caseledger::testing
