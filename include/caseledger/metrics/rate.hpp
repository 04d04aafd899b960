#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace caseledger {

/// An exact fraction num / den, shown as a percentage. A zero denominator has no value.
///
///     caseledger::rate r{184, 186};
///     r.display(1);  // "98.9%"
///     r.display(0);  // "99%"
///     caseledger::rate{0, 0}.value();  // nullopt
struct rate {
  std::int64_t num = 0;
  std::int64_t den = 0;

  /// num / den as a double, or nullopt when den is 0.
  std::optional<double> value() const noexcept;

  /// The percentage rounded half-up to `decimals` (0–6) places, computed exactly from the
  /// integers, with a "%" sign; nullopt when den is 0.
  std::optional<std::string> display(int decimals) const;

  friend bool operator==(const rate&, const rate&) = default;
};

}  // namespace caseledger
