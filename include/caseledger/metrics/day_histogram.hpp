#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace caseledger {

/// An exact histogram of whole days (days to resolve), so that percentiles are exact and
/// two histograms merge into exactly the one a single pass would have built.
///
/// Percentiles are nearest-rank: the p-th is the smallest value with at least p% of the
/// values at or below it, so the median of {1, 2, 3, 4} is 2.
class day_histogram {
 public:
  /// Counts one value.
  void add(std::int32_t days);
  /// Adds every value counted by `other`.
  void merge(const day_histogram& other);

  std::int64_t count() const noexcept { return count_; }
  /// The exact sum of the values.
  std::int64_t sum() const noexcept { return sum_; }
  /// sum / count, or nullopt when empty.
  std::optional<double> mean() const noexcept;
  /// The nearest-rank `percent`-th percentile (1–100), or nullopt when empty.
  std::optional<std::int32_t> percentile(int percent) const;
  std::optional<std::int32_t> max() const noexcept;
  /// Value → how many times it was counted.
  const std::map<std::int32_t, std::int64_t>& counts() const noexcept { return counts_; }

  friend bool operator==(const day_histogram&, const day_histogram&) = default;

 private:
  std::map<std::int32_t, std::int64_t> counts_;
  std::int64_t count_ = 0;
  std::int64_t sum_ = 0;
};

}  // namespace caseledger
