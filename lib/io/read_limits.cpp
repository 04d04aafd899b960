#include "caseledger/io/read_limits.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

// The member a limit's name stands for, set from a value already checked to fit it.
template <class Value>
void assign(Value& member, std::uint64_t value, std::string_view name) {
  if (value > std::numeric_limits<Value>::max()) {
    throw usage_error("limit " + std::string(name) + " is too large");
  }
  member = static_cast<Value>(value);
}

}  // namespace

void set_read_limit(read_limits& limits, std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    throw usage_error("limit '" + std::string(assignment) + "' is not NAME=VALUE");
  }
  const std::string_view name = assignment.substr(0, equals);
  std::string_view text = assignment.substr(equals + 1);
  const auto bad_value = [&] {
    return usage_error("limit " + std::string(name) + ": '" + std::string(text) +
                       "' is not a whole number of at least 1 (K, M, G suffixes allowed)");
  };
  std::uint64_t unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k':
        unit = std::uint64_t{1} << 10;
        break;
      case 'M':
      case 'm':
        unit = std::uint64_t{1} << 20;
        break;
      case 'G':
      case 'g':
        unit = std::uint64_t{1} << 30;
        break;
      default:
        break;
    }
  }
  const std::string_view digits = unit == 1 ? text : text.substr(0, text.size() - 1);
  if (digits.empty() || digits.size() > 18 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos) {
    throw bad_value();
  }
  std::uint64_t value = 0;
  for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  if (value == 0) throw bad_value();
  if (value > std::numeric_limits<std::uint64_t>::max() / unit) {
    throw usage_error("limit " + std::string(name) + " is too large");
  }
  value *= unit;

  if (name == "max_depth") return assign(limits.max_depth, value, name);
  if (name == "max_string_bytes") return assign(limits.max_string_bytes, value, name);
  if (name == "max_number_chars") return assign(limits.max_number_chars, value, name);
  if (name == "max_fields") return assign(limits.max_fields, value, name);
  if (name == "max_part_bytes") return assign(limits.max_part_bytes, value, name);
  if (name == "max_compression_ratio") return assign(limits.max_compression_ratio, value, name);
  if (name == "max_shared_strings") return assign(limits.max_shared_strings, value, name);
  if (name == "max_shared_string_bytes") {
    return assign(limits.max_shared_string_bytes, value, name);
  }
  std::string known;
  for (const std::string_view limit : read_limit_names) {
    known += (known.empty() ? "" : ", ") + std::string(limit);
  }
  throw usage_error("unknown limit '" + std::string(name) + "' (" + known + ")");
}

}  // namespace caseledger
