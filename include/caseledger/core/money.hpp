#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace caseledger {

/// An exact amount of money, held as a whole number of fen (1 yuan = 100 fen).
///
/// Amounts never pass through a binary float: they are parsed from their decimal text and
/// summed as 64-bit integers; a sum that would not fit throws `caseledger::overflow_error`
/// instead of wrapping.
///
///     auto a = caseledger::money::parse("400000.5");  // 40'000'050 fen
///     a.to_string();                                  // "400000.50"
///     a.to_wan_string();                              // "40.00" (万元)
class money {
 public:
  constexpr money() noexcept = default;

  /// The amount of `fen` fen.
  static constexpr money from_fen(std::int64_t fen) noexcept { return money(fen); }

  /// Parses a decimal amount in yuan: "400000", "400000.5", "400000.00", "-12.30", and the
  /// exponent forms JSON allows ("4e5", "1.5E+2"). At most two decimals may remain after
  /// the exponent is applied. Throws `value_error` with the reason (over-precise,
  /// not a number, empty) and `caseledger::overflow_error` when it does not fit in fen.
  static money parse(std::string_view text);

  /// The amount in fen.
  constexpr std::int64_t fen() const noexcept { return fen_; }

  /// Yuan with exactly two decimals and no grouping: "400000.00", "-0.50".
  std::string to_string() const;

  /// 万元 (units of 10,000 yuan) rounded half-up (away from zero) to `decimals` (0–6):
  /// 160000.00 yuan gives "16.00", with `decimals` 0 "16".
  std::string to_wan_string(int decimals = 2) const;

  /// Adds, throwing `caseledger::overflow_error` instead of wrapping.
  money& operator+=(money other);
  friend money operator+(money a, money b) { return a += b; }
  /// Subtracts, throwing `caseledger::overflow_error` instead of wrapping.
  money& operator-=(money other);
  friend money operator-(money a, money b) { return a -= b; }

  friend constexpr auto operator<=>(money, money) noexcept = default;

 private:
  constexpr explicit money(std::int64_t fen) noexcept : fen_(fen) {}
  std::int64_t fen_ = 0;
};

}  // namespace caseledger
