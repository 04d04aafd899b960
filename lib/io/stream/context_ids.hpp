// What one of several ledgers may name: read_ledgers checks each file on its own before it
// consolidates them, so a file's cases and measures may name only its own records.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "caseledger/model/ledger.hpp"
#include "caseledger/model/record_schema.hpp"

namespace caseledger::detail {

/// The ids of a ledger's districts, enterprises, projects, teams and units.
class context_ids {
 public:
  explicit context_ids(const ledger& book) {
    const auto keep = [this](record_kind kind, const auto& records) {
      auto& ids = ids_[static_cast<std::size_t>(kind)];
      ids.reserve(records.size());
      for (const auto& record : records) ids.emplace(record.id);
    };
    keep(record_kind::district, book.districts());
    keep(record_kind::enterprise, book.enterprises());
    keep(record_kind::project, book.projects());
    keep(record_kind::team, book.teams());
    keep(record_kind::unit, book.units());
  }

  /// Whether the ledger has the record `id` of `kind`, one of the five above.
  bool contains(record_kind kind, std::string_view id) const {
    return ids_[static_cast<std::size_t>(kind)].contains(id);
  }

 private:
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::array<std::unordered_set<std::string, text_hash, std::equal_to<>>,
             static_cast<std::size_t>(record_kind::unit) + 1>
      ids_;
};

}  // namespace caseledger::detail
