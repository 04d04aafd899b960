#include "caseledger/metrics/name_set.hpp"

#include <cstddef>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace caseledger {
namespace {

using names = std::vector<std::string>;

// The oracle's view of a set: std::set<std::string> orders bytewise, as sorted() must.
names as_sorted(const std::set<std::string>& oracle) { return {oracle.begin(), oracle.end()}; }

// Sixteen shapes or more: a set knows 15 and keeps the names of the others as strings.
std::string many_shape_name(int shape, int number) {
  return "kind" + std::string(1, static_cast<char>('A' + shape)) + ":" + std::to_string(number);
}

TEST(NameSet, StartsEmpty) {
  const name_set set;
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.contains("enterprise:E1"));
  EXPECT_FALSE(set.contains(""));
  EXPECT_EQ(set.sorted(), names{});
  EXPECT_EQ(set, name_set{});
}

TEST(NameSet, CountsEachNameOnce) {
  name_set set;
  EXPECT_TRUE(set.insert("enterprise:E0000123"));
  EXPECT_FALSE(set.insert("enterprise:E0000123"));
  EXPECT_TRUE(set.insert("project:P042"));
  EXPECT_FALSE(set.insert(std::string("project:") + "P042"));
  EXPECT_EQ(set.size(), 2u);
  EXPECT_FALSE(set.empty());
  EXPECT_TRUE(set.contains("enterprise:E0000123"));
  EXPECT_TRUE(set.contains("project:P042"));
  EXPECT_FALSE(set.contains("enterprise:E0000124"));
  EXPECT_FALSE(set.contains("project:P42"));
  EXPECT_EQ(set.sorted(), (names{"enterprise:E0000123", "project:P042"}));
}

TEST(NameSet, TakesDuplicatesInItsListOnce) {
  const name_set set{"project:p2", "enterprise:e1", "project:p2"};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(set.sorted(), (names{"enterprise:e1", "project:p2"}));
}

TEST(NameSet, LeadingZerosMakeOtherNames) {
  name_set set;
  for (const char* name : {"E007", "E7", "E07", "E0", "E00", "E000", "E0007"}) {
    EXPECT_TRUE(set.insert(name)) << name;
  }
  EXPECT_FALSE(set.insert("E07"));
  EXPECT_EQ(set.size(), 7u);
  EXPECT_FALSE(set.contains("E70"));
  EXPECT_FALSE(set.contains("E00007"));
  // Bytewise: '0' < '7', and a prefix sorts before its longer names.
  EXPECT_EQ(set.sorted(), (names{"E0", "E00", "E000", "E0007", "E007", "E07", "E7"}));
}

TEST(NameSet, KeepsNamesOfNoUsualShape) {
  const names odd = {
      "",
      "enterprise:",
      "enterprise:福州闽兴食品有限公司",
      "project:仓山区万达广场2期",  // digits in the middle are part of the prefix
      "project:仓山区万达广场2",
      "12345",                                 // no prefix at all
      "E134217727",                            // 2^27 - 1: the largest number kept as a value
      "E134217728",                            // 2^27: kept as a string
      "E99999999999999999999",                 // 20 digits
      "E999999999999999999999999",             // more digits than a value holds
      "E00000000000000000000000000000000001",  // too many digits, a small number
      std::string(60, 'x') + "1",              // a prefix too long for a shape
      std::string("nul\0inside7", 11),
      "\xff\xfe",
      "tab\there",
  };
  name_set set;
  for (const std::string& name : odd) EXPECT_TRUE(set.insert(name)) << name;
  for (const std::string& name : odd) EXPECT_FALSE(set.insert(name)) << name;
  EXPECT_EQ(set.size(), odd.size());
  for (const std::string& name : odd) EXPECT_TRUE(set.contains(name)) << name;
  EXPECT_FALSE(set.contains("E0134217727"));
  EXPECT_FALSE(set.contains("enterprise:福州闽兴食品有限"));
  EXPECT_FALSE(set.contains(std::string("nul\0inside", 10)));
  EXPECT_EQ(set.sorted(), as_sorted({odd.begin(), odd.end()}));
}

TEST(NameSet, OrdersAsStdSetDoesAcrossShapesAndStrings) {
  // Chinese names sort after every ASCII name (bytes from 0x80), shapes of one prefix with
  // different digit counts interleave, and a string may sit between two values.
  const names given = {"enterprise:E10",   "enterprise:E9",   "enterprise:E100", "enterprise:E1",
                       "enterprise:E1a",   "enterprise:E",    "enterprise:闽",   "enterprise:Ea1",
                       "project:p1",       "project:p10",     "enterprise:E099", "enterprise:E0",
                       "enterprise:闽侯1", "enterprise:闽侯", "Enterprise:E5",   "enterprise:D77"};
  name_set all;
  for (const std::string& name : given) all.insert(name);
  EXPECT_EQ(all.sorted(), as_sorted({given.begin(), given.end()}));
}

TEST(NameSet, MoreThanFifteenShapesAreKeptAsStrings) {
  std::set<std::string> oracle;
  name_set set;
  for (int number = 0; number < 50; ++number) {
    for (int shape = 0; shape < 26; ++shape) {
      const std::string name = many_shape_name(shape, number);
      EXPECT_EQ(set.insert(name), oracle.insert(name).second) << name;
    }
  }
  EXPECT_EQ(set.size(), oracle.size());
  for (const std::string& name : oracle) EXPECT_TRUE(set.contains(name)) << name;
  EXPECT_FALSE(set.contains(many_shape_name(25, 50)));
  EXPECT_FALSE(set.contains(many_shape_name(0, 50)));
  EXPECT_EQ(set.sorted(), as_sorted(oracle));
}

TEST(NameSet, MergesSetsWithDifferentShapeDictionaries) {
  // a learns E then P; b learns P, X then E: the same shapes at other indexes.
  name_set a{"enterprise:E01", "project:P1", "enterprise:E02"};
  const name_set b{"project:P1", "x:X0009", "enterprise:E03", "project:P2", "enterprise:E01"};
  a.merge(b);
  EXPECT_EQ(a.sorted(), (names{"enterprise:E01", "enterprise:E02", "enterprise:E03", "project:P1",
                               "project:P2", "x:X0009"}));
  EXPECT_EQ(a.size(), 6u);
  EXPECT_TRUE(a.contains("x:X0009"));
  EXPECT_FALSE(a.contains("x:X9"));
  // Merging again, or merging a set into itself, adds nothing.
  a.merge(b);
  a.merge(a);
  EXPECT_EQ(a.size(), 6u);
  EXPECT_EQ(b.size(), 5u);  // the other set is left as it was
}

TEST(NameSet, MergesIntoASetWithNoRoomForTheOtherShapes) {
  // `full` knows 15 shapes; `other` names 3 shapes it does not know, as values there.
  name_set full;
  std::set<std::string> oracle;
  for (int shape = 0; shape < 15; ++shape) {
    full.insert(many_shape_name(shape, 1));
    oracle.insert(many_shape_name(shape, 1));
  }
  name_set other;
  for (int shape = 13; shape < 18; ++shape) {
    for (int number = 0; number < 3; ++number) {
      other.insert(many_shape_name(shape, number));
      oracle.insert(many_shape_name(shape, number));
    }
  }
  full.merge(other);
  EXPECT_EQ(full.size(), oracle.size());
  EXPECT_EQ(full.sorted(), as_sorted(oracle));
  for (const std::string& name : oracle) EXPECT_TRUE(full.contains(name)) << name;
  EXPECT_FALSE(full.contains(many_shape_name(16, 3)));

  // And the other way round: `full`'s strings have shapes `empty` may learn.
  name_set empty;
  empty.insert("zz:Z1");
  empty.merge(full);
  oracle.insert("zz:Z1");
  EXPECT_EQ(empty.sorted(), as_sorted(oracle));
  for (const std::string& name : oracle) EXPECT_TRUE(empty.contains(name)) << name;
  // The same names built one by one in another order compare equal.
  name_set again;
  for (auto name = oracle.rbegin(); name != oracle.rend(); ++name) again.insert(*name);
  EXPECT_EQ(again, empty);
  EXPECT_EQ(empty, again);
}

TEST(NameSet, EqualityIsAboutNames) {
  name_set a{"enterprise:E1", "project:P2", "odd"};
  name_set b{"odd", "project:P2", "enterprise:E1"};
  EXPECT_EQ(a, b);
  EXPECT_EQ(b, a);
  b.insert("enterprise:E3");
  EXPECT_NE(a, b);
  a.insert("enterprise:E03");  // as many names, one different
  EXPECT_EQ(a.size(), b.size());
  EXPECT_NE(a, b);
  EXPECT_NE(b, a);
  // A name kept as a value in one set and as a string in the other.
  name_set full;
  for (int shape = 0; shape < 15; ++shape) full.insert(many_shape_name(shape, 1));
  full.insert("enterprise:E1");  // no room for its shape: a string here
  name_set learned{"enterprise:E1"};
  for (int shape = 0; shape < 15; ++shape) learned.insert(many_shape_name(shape, 1));
  EXPECT_EQ(full, learned);
  EXPECT_EQ(learned, full);
  EXPECT_TRUE(full.contains("enterprise:E1"));
}

TEST(NameSet, CopiesAndMoves) {
  name_set a{"enterprise:E1", "project:P2", "odd"};
  name_set copy = a;
  EXPECT_EQ(copy, a);
  copy.insert("enterprise:E2");
  EXPECT_EQ(a.size(), 3u);
  name_set moved = std::move(copy);
  EXPECT_EQ(moved.size(), 4u);
  EXPECT_TRUE(copy.empty());  // a moved-from set is left empty, and usable
  EXPECT_FALSE(copy.contains("enterprise:E1"));
  copy.insert("project:P9");
  EXPECT_EQ(copy.sorted(), names{"project:P9"});
  name_set assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.sorted(), (names{"enterprise:E1", "enterprise:E2", "odd", "project:P2"}));
  EXPECT_TRUE(moved.empty());
}

// Names as a ledger might have them: a few usual shapes, some digit counts, zeros, numbers
// past what a value holds, and strings of no shape.
std::string random_name(std::mt19937_64& random) {
  static const std::vector<std::string> prefixes = {"enterprise:E", "project:P",
                                                    "enterprise:", "project:XM-", "enterprise:闽A"};
  const std::uint64_t pick = random() % 100;
  if (pick < 5) return "odd:" + std::to_string(random() % 500) + "x";
  const std::string& prefix = prefixes[random() % prefixes.size()];
  const std::size_t digits = 1 + random() % 10;
  std::string name = prefix;
  for (std::size_t i = 0; i < digits; ++i) {
    // Small digits often, so that names repeat.
    name += static_cast<char>('0' + (i + 3 < digits ? random() % 2 : random() % 10));
  }
  return name;
}

TEST(NameSet, AgreesWithStdSetOnManyRandomNames) {
  std::mt19937_64 random(20200331);
  std::set<std::string> oracle_a;
  std::set<std::string> oracle_b;
  name_set a;
  name_set b;
  for (int i = 0; i < 200'000; ++i) {
    const std::string name = random_name(random);
    if (random() % 3 == 0) {
      ASSERT_EQ(b.insert(name), oracle_b.insert(name).second) << name;
    } else {
      ASSERT_EQ(a.insert(name), oracle_a.insert(name).second) << name;
    }
  }
  ASSERT_EQ(a.size(), oracle_a.size());
  ASSERT_EQ(b.size(), oracle_b.size());
  EXPECT_EQ(a.sorted(), as_sorted(oracle_a));
  for (int i = 0; i < 20'000; ++i) {
    const std::string name = random_name(random);
    ASSERT_EQ(a.contains(name), oracle_a.contains(name)) << name;
  }

  name_set merged = a;
  merged.merge(b);
  std::set<std::string> oracle = oracle_a;
  oracle.insert(oracle_b.begin(), oracle_b.end());
  EXPECT_EQ(merged.size(), oracle.size());
  EXPECT_EQ(merged.sorted(), as_sorted(oracle));

  // The union built the other way, and one by one in reverse order, is the same set.
  name_set other_way = b;
  other_way.merge(a);
  EXPECT_EQ(other_way, merged);
  name_set reversed;
  for (auto name = oracle.rbegin(); name != oracle.rend(); ++name) reversed.insert(*name);
  EXPECT_EQ(reversed, merged);
  reversed.insert("not in the others");
  EXPECT_NE(reversed, merged);
}

}  // namespace
}  // namespace caseledger
