#include "io/table/simplified.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <system_error>
#include <unordered_map>

#include <opencc.h>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

// OpenCC's converter is opened once and used under a lock (its thread safety is not
// documented); the values converted are few (headers, choice values), so they are kept.
class converter {
 public:
  static converter& instance() {
    static converter shared;
    return shared;
  }

  std::string convert(std::string_view text) {
    const std::lock_guard lock(mutex_);
    if (const auto found = known_.find(std::string(text)); found != known_.end()) {
      return found->second;
    }
    if (handle_ == failed()) {
      throw file_error(config, "load OpenCC's Traditional-to-Simplified conversion",
                       std::make_error_code(std::errc::no_such_file_or_directory));
    }
    char* converted = opencc_convert_utf8(handle_, text.data(), text.size());
    if (converted == nullptr) return std::string(text);
    std::string simplified(converted);
    opencc_convert_utf8_free(converted);
    // A hostile sheet may hold many distinct values: the cache stays small.
    if (known_.size() < max_known) known_.emplace(text, simplified);
    return simplified;
  }

 private:
  static constexpr const char* config = "t2s.json";
  static constexpr std::size_t max_known = 4096;

  // What opencc_open returns when it cannot load the configuration.
  static opencc_t failed() noexcept { return reinterpret_cast<opencc_t>(std::intptr_t{-1}); }

  converter() : handle_(opencc_open(config)) {}
  ~converter() {
    if (handle_ != failed()) opencc_close(handle_);
  }

  std::mutex mutex_;
  opencc_t handle_;
  std::unordered_map<std::string, std::string> known_;
};

}  // namespace

std::string to_simplified(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(text);
  return converter::instance().convert(text);
}

}  // namespace caseledger::detail
