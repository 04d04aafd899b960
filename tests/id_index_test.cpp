// detail::id_index (behind ledger::find_*): exact lookups of every kind of id, the first
// position kept for a duplicate, and growth from empty far past its first slots, with ids
// that share home slots and probe sequences (200,000 ids over short alphabets).
#include "caseledger/detail/id_index.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using caseledger::detail::id_index;

// The ids a table indexes, and the lookup the table is given.
struct indexed_ids {
  std::vector<std::string> ids;
  id_index index;

  auto id_of() const {
    return [this](std::uint32_t position) -> std::string_view { return ids[position]; };
  }
  // Appends `id` and indexes it; the position already there, or none.
  std::uint32_t add(std::string id) {
    ids.push_back(std::move(id));
    const auto position = static_cast<std::uint32_t>(ids.size() - 1);
    return index.insert(ids.back(), position, id_of());
  }
  std::uint32_t find(std::string_view id) const { return index.find(id, id_of()); }
};

TEST(IdIndex, FindsNothingWhenEmpty) {
  const indexed_ids table;
  EXPECT_EQ(table.find(""), id_index::none);
  EXPECT_EQ(table.find("C1"), id_index::none);
  EXPECT_EQ(table.index.size(), 0u);
}

TEST(IdIndex, TellsApartIdsThatDifferInOneByteOrLength) {
  indexed_ids table;
  const std::vector<std::string> ids = {
      "C007", "C07", "C7", "c7", "C7 ", std::string("C7\0", 3), "企业7", "企业07", "E7", "7"};
  for (const std::string& id : ids) EXPECT_EQ(table.add(id), id_index::none) << id;
  for (std::uint32_t i = 0; i < ids.size(); ++i) EXPECT_EQ(table.find(ids[i]), i) << ids[i];
  for (const char* absent : {"C0007", "C70", "C", "", "企业", "e7", "C8"}) {
    EXPECT_EQ(table.find(absent), id_index::none) << absent;
  }
  EXPECT_EQ(table.index.size(), ids.size());
}

TEST(IdIndex, ComparesShortIdsInTheTableAndLongerOnesThroughTheRecords) {
  indexed_ids table;
  // Ids that share their first 8 bytes, and ids equal but for length (zero padding).
  const std::vector<std::string> ids = {"ABCDEFGH", "ABCDEFGH1",     "ABCDEFGH2",
                                        "ABCDEFG",  "ABCDEFGH12",    std::string("ABCDEFG\0", 8),
                                        "企业",     "企业名称一二三"};
  for (const std::string& id : ids) EXPECT_EQ(table.add(id), id_index::none) << id;
  int lookups = 0;
  const auto counted = [&](std::uint32_t position) -> std::string_view {
    ++lookups;
    return table.ids[position];
  };
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    lookups = 0;
    EXPECT_EQ(table.index.find(ids[i], counted), i) << ids[i];
    // A hit on an id of at most 8 bytes never reads the records.
    if (ids[i].size() <= 8) {
      EXPECT_EQ(lookups, 0) << ids[i];
    }
  }
  for (const char* absent : {"ABCDEFGH3", "ABCDEFGH123", "ABCDEFGHI", "ABCDEF", "企"}) {
    EXPECT_EQ(table.find(absent), id_index::none) << absent;
  }
}

TEST(IdIndex, KeepsTheFirstPositionOfADuplicate) {
  indexed_ids table;
  EXPECT_EQ(table.add("M1"), id_index::none);
  EXPECT_EQ(table.add("M2"), id_index::none);
  EXPECT_EQ(table.add("M1"), 0u);  // position 2 is not stored
  EXPECT_EQ(table.add("M1"), 0u);
  EXPECT_EQ(table.find("M1"), 0u);
  EXPECT_EQ(table.find("M2"), 1u);
  EXPECT_EQ(table.index.size(), 2u);
}

TEST(IdIndex, GrowsFromEmptyToManyIdsAndAgreesWithAMap) {
  // Random ids of random lengths (some repeated), against std::unordered_map as the oracle.
  std::mt19937_64 random(20200331);
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> byte(0, 255);
  indexed_ids table;
  std::unordered_map<std::string, std::uint32_t> oracle;
  for (int i = 0; i < 200'000; ++i) {
    std::string id;
    const int bytes = length(random) % 4 == 0 ? 2 : length(random);  // short ids repeat often
    for (int b = 0; b < bytes; ++b) id += static_cast<char>(byte(random) % 8 + '0');
    const auto position = static_cast<std::uint32_t>(table.ids.size());
    const auto [first, inserted] = oracle.emplace(id, position);
    EXPECT_EQ(table.add(id), inserted ? id_index::none : first->second) << id;
  }
  EXPECT_EQ(table.index.size(), oracle.size());
  for (const auto& [id, position] : oracle) ASSERT_EQ(table.find(id), position) << id;
  for (int i = 0; i < 10'000; ++i) {
    const std::string absent = "x" + std::to_string(i);  // no generated id has an 'x'
    ASSERT_EQ(table.find(absent), id_index::none);
  }
}

TEST(IdIndex, ReservedRoomKeepsEveryIdFindable) {
  indexed_ids table;
  table.index.reserve(1000);
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(table.add("E" + std::to_string(i)), id_index::none);
  table.index.reserve(10);  // never shrinks
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(table.find("E" + std::to_string(i)), static_cast<std::uint32_t>(i));
  }
}

}  // namespace
