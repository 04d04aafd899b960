#include "caseledger/core/money.hpp"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "caseledger/core/error.hpp"
#include "util/decimal.hpp"

namespace caseledger {
namespace {

constexpr std::int64_t fen_per_yuan = 100;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

[[noreturn]] void throw_does_not_fit(std::string_view text) {
  throw overflow_error("amount '" + std::string(text) + "' does not fit in 64-bit fen");
}

// Unsigned magnitude of 10^exponent * digits, or overflow.
std::uint64_t checked_fen_magnitude(std::string_view digits, int exponent, std::string_view text) {
  constexpr auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (__builtin_mul_overflow(value, 10u, &value) ||
        __builtin_add_overflow(value, static_cast<unsigned>(c - '0'), &value) || value > limit) {
      throw_does_not_fit(text);
    }
  }
  for (int i = 0; i < exponent; ++i) {
    if (value == 0) break;
    if (__builtin_mul_overflow(value, 10u, &value) || value > limit) throw_does_not_fit(text);
  }
  return value;
}

}  // namespace

money money::parse(std::string_view text) {
  const std::string_view original = text;
  if (text.empty()) throw value_error(value_error::kind::malformed, "empty amount");
  bool negative = false;
  if (text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }

  // Mantissa: integer digits, optionally '.' and fraction digits; then an optional exponent.
  std::string digits;  // integer and fraction digits together
  int fraction_digits = 0;
  std::size_t i = 0;
  std::size_t integer_digits = 0;
  while (i < text.size() && is_digit(text[i])) digits += text[i++], ++integer_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) digits += text[i++], ++fraction_digits;
    if (fraction_digits == 0) {
      throw value_error(value_error::kind::malformed,
                        "'" + std::string(original) + "' is not a decimal amount");
    }
  }
  if (integer_digits == 0) {
    throw value_error(value_error::kind::malformed,
                      "'" + std::string(original) + "' is not a decimal amount");
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) {
      exponent = exponent * 10 + (text[i++] - '0');
      if (exponent > 1000) throw_does_not_fit(original);
    }
    if (i == start) {
      throw value_error(value_error::kind::malformed,
                        "'" + std::string(original) + "' is not a decimal amount");
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) {
    throw value_error(value_error::kind::malformed,
                      "'" + std::string(original) + "' is not a decimal amount");
  }

  // value = digits * 10^(exponent - fraction_digits) yuan = digits * 10^(shift) fen.
  long shift = exponent - fraction_digits + 2;
  // Trailing zeros may absorb a negative shift ("12.300" is 12.30 exactly).
  while (shift < 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++shift;
  }
  if (shift < 0 && digits.find_first_not_of('0') != std::string::npos) {
    throw value_error(value_error::kind::too_precise,
                      "amount '" + std::string(original) + "' has more than two decimals");
  }
  if (shift < 0) shift = 0;  // the amount is zero
  const std::uint64_t magnitude = checked_fen_magnitude(digits, static_cast<int>(shift), original);
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (!negative && magnitude > max) throw_does_not_fit(original);
  const std::int64_t fen =
      negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return money(fen);
}

std::string money::to_string() const {
  const bool negative = fen_ < 0;
  // Work in unsigned so that the most negative amount prints too.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(fen_) : static_cast<std::uint64_t>(fen_);
  std::string cents = std::to_string(magnitude % fen_per_yuan);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / fen_per_yuan) + "." + cents;
}

std::string money::to_wan_string(int decimals) const {
  // 1 万元 = 10,000 yuan = 1,000,000 fen; rounding is half away from zero.
  const bool negative = fen_ < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(fen_) : static_cast<std::uint64_t>(fen_);
  std::string text = detail::divide_rounded(magnitude, 1'000'000, decimals);
  if (negative && text.find_first_not_of("0.") != std::string::npos) text.insert(0, "-");
  return text;
}

money& money::operator+=(money other) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(fen_, other.fen_, &sum)) {
    throw overflow_error("sum of money does not fit in 64-bit fen");
  }
  fen_ = sum;
  return *this;
}

money& money::operator-=(money other) {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(fen_, other.fen_, &difference)) {
    throw overflow_error("difference of money does not fit in 64-bit fen");
  }
  fen_ = difference;
  return *this;
}

}  // namespace caseledger
