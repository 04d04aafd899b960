#include "caseledger/metrics/rate.hpp"

#include <string>

#include "caseledger/core/error.hpp"
#include "util/decimal.hpp"

namespace caseledger {

std::optional<double> rate::value() const noexcept {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::optional<std::string> rate::display(int decimals) const {
  if (decimals < 0 || decimals > 6) {
    throw usage_error("rate decimals must be 0 to 6, got " + std::to_string(decimals));
  }
  if (den == 0) return std::nullopt;
  // Counts are never negative, but a hand-made rate may be: round the magnitude (half away
  // from zero) and put the sign back, never writing "-0.0%".
  const bool negative = (num < 0) != (den < 0);
  const auto magnitude = [](std::int64_t v) {
    return v < 0 ? detail::uint128(0) - static_cast<detail::uint128>(v)
                 : static_cast<detail::uint128>(v);
  };
  std::string text = detail::divide_rounded(magnitude(num) * 100, magnitude(den), decimals);
  if (negative && text.find_first_not_of("0.") != std::string::npos) text.insert(0, "-");
  return text + "%";
}

}  // namespace caseledger
