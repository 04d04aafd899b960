#include "util/decimal.hpp"

#include <algorithm>
#include <stdexcept>

namespace caseledger::detail {

std::string divide_rounded(uint128 numerator, uint128 denominator, int decimals) {
  if (decimals < 0 || decimals > 6) throw std::invalid_argument("decimals must be 0 to 6");
  if (denominator == 0) throw std::invalid_argument("division by zero");
  std::uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  // round(n * scale / d) half up = floor((2 * n * scale + d) / (2 * d))
  const uint128 scaled = (numerator * scale * 2 + denominator) / (denominator * 2);
  std::string text = std::to_string(static_cast<std::uint64_t>(scaled / scale));
  if (decimals > 0) {
    std::string fraction = std::to_string(static_cast<std::uint64_t>(scaled % scale));
    fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
    text += "." + fraction;
  }
  return text;
}

std::string group_thousands(const std::string& text) {
  const std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  const std::size_t point = std::min(text.find('.'), text.size());
  std::string out = text.substr(0, start);
  for (std::size_t i = start; i < point; ++i) {
    if (i > start && (point - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out + text.substr(point);
}

}  // namespace caseledger::detail
