// The generators' random numbers: the Fuzhou sample's (samples/fuzhou-2020q1/make_ledger.cpp)
// and the benchmarks' big ledgers (tests/bench/big_ledger.cpp). Both must write the same
// bytes on every platform, so neither uses the standard distributions, whose draws differ
// between standard libraries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace caseledger::samples {

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and fully specified, so every platform
/// draws the same numbers.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }

  /// Uniform in [0, n) for n > 0; the modulo bias (below 2^-40 for the n used) is irrelevant.
  std::uint64_t below(std::uint64_t n) { return next() % n; }

  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  /// True with probability percent / 100.
  bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

  /// An index drawn with the given non-negative weights (not all zero).
  template <class Weights>
  std::size_t weighted(const Weights& weights) {
    std::uint64_t total = 0;
    for (const auto w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t pick = below(total);
    std::size_t i = 0;
    for (const auto w : weights) {
      if (pick < static_cast<std::uint64_t>(w)) return i;
      pick -= static_cast<std::uint64_t>(w);
      ++i;
    }
    return i - 1;
  }

  /// One element, uniformly.
  template <class Items>
  const auto& pick(const Items& items) {
    return items[below(items.size())];
  }

  /// Fisher–Yates, written out because std::shuffle's draws are implementation-defined.
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[below(i)]);
    }
  }

 private:
  std::uint64_t state_;
};

}  // namespace caseledger::samples
