#include "caseledger/metrics/day_histogram.hpp"

#include <string>

#include "caseledger/core/error.hpp"
#include "core/checked.hpp"

namespace caseledger {

void day_histogram::add(std::int32_t days) {
  detail::checked_add(sum_, days, "days to resolve");
  detail::checked_add(count_, 1, "resolved cases");
  ++counts_[days];
}

void day_histogram::merge(const day_histogram& other) {
  detail::checked_add(sum_, other.sum_, "days to resolve");
  detail::checked_add(count_, other.count_, "resolved cases");
  for (const auto& [days, times] : other.counts_) {
    detail::checked_add(counts_[days], times, "resolved cases");
  }
}

std::optional<double> day_histogram::mean() const noexcept {
  if (count_ == 0) return std::nullopt;
  return static_cast<double>(sum_) / static_cast<double>(count_);
}

std::optional<std::int32_t> day_histogram::percentile(int percent) const {
  if (percent < 1 || percent > 100) {
    throw usage_error("a percentile must be 1 to 100, got " + std::to_string(percent));
  }
  if (count_ == 0) return std::nullopt;
  // Nearest rank: the smallest value whose cumulative count reaches ceil(p * n / 100).
  // In 128 bits because p * n may not fit in 64.
  __extension__ using int128 = __int128;
  const auto rank = static_cast<std::int64_t>((int128{percent} * count_ + 99) / 100);
  std::int64_t seen = 0;
  for (const auto& [days, times] : counts_) {
    seen += times;
    if (seen >= rank) return days;
  }
  return counts_.rbegin()->first;  // unreachable: the counts sum to count_ >= rank
}

std::optional<std::int32_t> day_histogram::max() const noexcept {
  if (counts_.empty()) return std::nullopt;
  return counts_.rbegin()->first;
}

}  // namespace caseledger
