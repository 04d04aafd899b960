// detail::id_table: exact membership for ids of every shape, payloads kept with the first of
// a duplicated id, and growth far past the first slots.
#include "io/stream/id_table.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"

namespace {

using caseledger::detail::id_table;

std::uint32_t payload_at(const std::byte* found) {
  std::uint32_t value = 0;
  std::memcpy(&value, found, sizeof value);
  return value;
}

TEST(IdTable, KeepsLeadingZerosDigitCountsAndPrefixesApart) {
  id_table table;
  // The numeric shape: prefix + digits (+ suffix), the digit count part of the shape.
  for (const char* id : {"C007", "C07", "C7", "7", "07", "E7", "c7", "C-7", "企业7"}) {
    EXPECT_TRUE(table.insert(id)) << id;
  }
  EXPECT_EQ(table.size(), 9u);
  for (const char* id : {"C007", "C07", "C7", "7", "07", "E7", "c7", "C-7", "企业7"}) {
    EXPECT_TRUE(table.contains(id)) << id;
    EXPECT_FALSE(table.insert(id)) << id;
  }
  for (const char* id : {"C0007", "C70", "C", "", "70", "007", "E07", "C 7", "企业07", "C8"}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
  EXPECT_EQ(table.size(), 9u);
}

TEST(IdTable, KeepsNumbersTooBigForTheCompactFormAndIdsOfNoNumericShape) {
  id_table table;
  // 2^27 - 1 = 134217727 is the largest compact number; 134217728 is kept as text, as are
  // ten digits and more, 17 bytes of shape text, ids without digits, the empty id.
  const std::vector<std::string> ids = {"C134217727",
                                        "C134217728",
                                        "C999999999",
                                        "C1234567890",
                                        "C99999999999999999999999",
                                        "ABCDEFGHIJKLMNOP1",   // 16-byte prefix: compact
                                        "ABCDEFGHIJKLMNOPQ1",  // 17-byte prefix: text
                                        "ABCDEFGH1IJKLMNOPQ",  // 17 bytes around: text
                                        "case-a",
                                        "C7a",
                                        "",
                                        std::string(200, 'x'),      // a two-byte length
                                        std::string(20'000, 'y')};  // a three-byte length
  for (const std::string& id : ids) EXPECT_TRUE(table.insert(id)) << id;
  for (const std::string& id : ids) {
    EXPECT_TRUE(table.contains(id)) << id;
    EXPECT_FALSE(table.insert(id)) << id;
  }
  EXPECT_EQ(table.size(), ids.size());
  for (const char* id : {"C134217726", "C134217729", "C1234567891", "C0999999999", "case-b", "C7b",
                         "ABCDEFGHIJKLMNOPQ2", " "}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
  EXPECT_FALSE(table.contains(std::string(199, 'x')));
  EXPECT_FALSE(table.contains(std::string(201, 'x')));
}

TEST(IdTable, KeepsIdsOfShapesPastTheFifteenthAsTextAndStillFindsThem) {
  id_table table;
  // A1 … T1: twenty shapes; the first fifteen (A to O) are compact, P to T are text, and
  // stay so: their later ids are found whether added before or after.
  const std::string prefixes = "ABCDEFGHIJKLMNOPQRST";
  for (const char prefix : prefixes) EXPECT_TRUE(table.insert(prefix + std::string("1")));
  for (const char prefix : prefixes) {
    EXPECT_TRUE(table.insert(prefix + std::string("2")));
    EXPECT_FALSE(table.insert(prefix + std::string("1")));
  }
  for (const char prefix : prefixes) {
    EXPECT_TRUE(table.contains(prefix + std::string("1")));
    EXPECT_TRUE(table.contains(prefix + std::string("2")));
    EXPECT_FALSE(table.contains(prefix + std::string("3")));
    EXPECT_FALSE(table.contains(prefix + std::string("01")));
  }
  EXPECT_EQ(table.size(), 40u);
}

TEST(IdTable, KeepsIdsWithTextAfterTheirNumberApart) {
  id_table table;
  // The longest run of digits is the number, the text around it the shape: "M0999984-1" is
  // "M" + 7 digits + "-1". The run's length and the text on either side tell ids apart.
  const std::vector<std::string> ids = {"M0999984-1",  "M0999984-2",  "M0999985-1", "M999984-1",
                                        "M0999984-01", "M0999984-1a", "M0999984",   "N0999984-1",
                                        "M0999984_1",  "0999984-1",   "M0999984-",  "-1"};
  for (const std::string& id : ids) EXPECT_TRUE(table.insert(id)) << id;
  for (const std::string& id : ids) {
    EXPECT_TRUE(table.contains(id)) << id;
    EXPECT_FALSE(table.insert(id)) << id;
  }
  EXPECT_EQ(table.size(), ids.size());
  for (const char* id : {"M0999984-3", "M00999984-1", "M0999984-10", "M0999984-1b", "M0999986-1",
                         "M0999984--1", "m0999984-1", "M0999984-001", "-2", "0999984"}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
}

TEST(IdTable, TakesTheLastOfEquallyLongRunsOfDigits) {
  id_table table;
  // "12-34": the number is 34, "12-" the shape's prefix; "34-12": 12 after "34-". Each id
  // has one split, so swapping or changing either run gives another id.
  const std::vector<std::string> ids = {"12-34", "34-12", "12-43",    "21-34",  "1-2",    "2-1",
                                        "12-3",  "1-23",  "12-34-56", "A1B2C3", "A1B2C03"};
  for (const std::string& id : ids) EXPECT_TRUE(table.insert(id)) << id;
  for (const std::string& id : ids) EXPECT_FALSE(table.insert(id)) << id;
  EXPECT_EQ(table.size(), ids.size());
  for (const char* id : {"12-35", "13-34", "1234", "12-034", "012-34", "2-2", "1-1", "12-34-57",
                         "A1B2C4", "A1B3C3", "A1B2C003"}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
}

TEST(IdTable, KeepsIdsWhoseLongestRunIsTooLongInTheArena) {
  id_table table;
  // Ten digits in the longest run: kept as text even though a shorter run would fit.
  const std::vector<std::string> ids = {"AB1234567890-1", "AB1234567890-2", "1234567890",
                                        "X-0000000001-Y", "ABCDEFGHIJKLMNOP1Q"};
  for (const std::string& id : ids) EXPECT_TRUE(table.insert(id)) << id;
  for (const std::string& id : ids) EXPECT_FALSE(table.insert(id)) << id;
  for (const char* id : {"AB1234567890-3", "AB1234567891-1", "123456789", "X-000000001-Y"}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
}

TEST(IdTable, KeepsIdsOfSuffixShapesPastTheFifteenthAsText) {
  id_table table(sizeof(std::uint32_t));
  // "N0000123-7": 30 suffixes, 30 shapes; the first fifteen are compact, the rest text.
  std::vector<std::string> ids;
  for (std::uint32_t n = 0; n < 2'000; ++n) {
    const std::string number = std::to_string(1'000'000 + n).substr(1);  // six digits
    for (int suffix = 1; suffix <= 30; ++suffix) {
      ids.push_back("N" + number + "-" + std::to_string(suffix));
    }
  }
  for (std::uint32_t i = 0; i < ids.size(); ++i) ASSERT_TRUE(table.insert(ids[i], &i)) << ids[i];
  EXPECT_EQ(table.size(), 60'000u);
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    const std::byte* found = table.find(ids[i]);
    ASSERT_NE(found, nullptr) << ids[i];
    EXPECT_EQ(payload_at(found), i) << ids[i];
  }
  for (const char* id : {"N002000-1", "N002000-30", "N000000-31", "N000000-0", "N0000000-1",
                         "N000000-01", "N000000-16x"}) {
    EXPECT_FALSE(table.contains(id)) << id;
  }
}

TEST(IdTable, TellsArenaIdsApartWhoseHashesShareATag) {
  id_table table;
  // 200,000 ids kept as text (ten digits) among as many values: probes pass many slots
  // whose hash byte matches by chance (one in 256), and must compare the text there.
  for (std::uint64_t i = 0; i < 200'000; ++i) {
    ASSERT_TRUE(table.insert("X" + std::to_string(9'000'000'000 + 2 * i)));
    ASSERT_TRUE(table.insert("V" + std::to_string(i)));
  }
  EXPECT_EQ(table.size(), 400'000u);
  for (std::uint64_t i = 0; i < 200'000; ++i) {
    ASSERT_TRUE(table.contains("X" + std::to_string(9'000'000'000 + 2 * i)));
    ASSERT_FALSE(table.contains("X" + std::to_string(9'000'000'000 + 2 * i + 1)));
    ASSERT_FALSE(table.contains("Y" + std::to_string(9'000'000'000 + 2 * i)));
    ASSERT_TRUE(table.contains("V" + std::to_string(i)));
  }
  EXPECT_FALSE(table.contains("V200000"));
}

TEST(IdTable, KeepsTheFirstPayloadOfADuplicatedId) {
  id_table table(sizeof(std::uint32_t));
  const std::uint32_t first = 11, second = 22, third = 33;
  EXPECT_TRUE(table.insert("C1", &first));
  EXPECT_TRUE(table.insert("case-x", &second));
  EXPECT_FALSE(table.insert("C1", &third));
  EXPECT_FALSE(table.insert("case-x", &third));
  ASSERT_NE(table.find("C1"), nullptr);
  EXPECT_EQ(payload_at(table.find("C1")), 11u);
  EXPECT_EQ(payload_at(table.find("case-x")), 22u);
  EXPECT_EQ(table.find("C01"), nullptr);
  EXPECT_EQ(table.find("case-y"), nullptr);
}

TEST(IdTable, ABareSetHasNoPayloadToFind) {
  id_table table;
  EXPECT_TRUE(table.insert("C1"));
  EXPECT_TRUE(table.contains("C1"));
  EXPECT_EQ(table.find("C1"), nullptr);
}

TEST(IdTable, FindsEveryIdAndPayloadAfterGrowingManyTimes) {
  id_table table(sizeof(std::uint32_t));
  // 300,000 ids: compact ones of several widths, with and without a suffix.
  std::vector<std::string> ids;
  for (std::uint32_t i = 0; i < 100'000; ++i) {
    ids.push_back("C" + std::to_string(i));
    std::string padded = std::to_string(i);
    ids.push_back("M" + std::string(8 - padded.size(), '0') + padded);
    ids.push_back("case-" + std::to_string(i) + "-x");
  }
  for (std::uint32_t i = 0; i < ids.size(); ++i) ASSERT_TRUE(table.insert(ids[i], &i)) << ids[i];
  EXPECT_EQ(table.size(), 300'000u);
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    const std::byte* found = table.find(ids[i]);
    ASSERT_NE(found, nullptr) << ids[i];
    EXPECT_EQ(payload_at(found), i) << ids[i];
  }
  EXPECT_FALSE(table.contains("C100000"));
  EXPECT_FALSE(table.contains("M00100000"));
  EXPECT_FALSE(table.contains("M0000001"));  // seven digits: not M00000001
  EXPECT_FALSE(table.contains("case-100000-x"));
}

TEST(IdTable, RefusesAnIdLongerThanABlock) {
  id_table table;
  EXPECT_THROW(table.insert(std::string((std::size_t{1} << 20) + 1, 'z')),
               caseledger::overflow_error);
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
