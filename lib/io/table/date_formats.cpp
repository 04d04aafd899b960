#include "io/table/date_formats.hpp"

#include <stdexcept>

#include "io/table/field_conversion.hpp"

namespace caseledger::detail {

bool builtin_date_format(std::size_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool custom_date_format(std::string_view code) {
  bool in_quotes = false;
  bool in_brackets = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '\\') {
      ++i;
    } else if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && c == '[') {
      in_brackets = true;
    } else if (in_brackets && c == ']') {
      in_brackets = false;
    } else if (!in_quotes && !in_brackets &&
               (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M')) {
      return true;
    }
  }
  return false;
}

std::string serial_as_date(const std::string& text) {
  const std::size_t point = text.find('.');
  const std::string whole = text.substr(0, point);
  const auto digits = [](std::string_view part) {
    return part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.empty() || !digits(whole) ||
      (point != std::string::npos && !digits(std::string_view(text).substr(point + 1)))) {
    return text;
  }
  try {
    return parse_cell_date(whole).to_string();
  } catch (const std::invalid_argument&) {
    return text;
  }
}

}  // namespace caseledger::detail
