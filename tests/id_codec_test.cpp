// The compact id codec that the streaming id tables and the report's name sets share.
#include "caseledger/detail/id_codec.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace caseledger::detail {
namespace {

std::string decoded(const id_codec& codec, std::uint32_t value) {
  std::string out;
  codec.decode(value, out);
  return out;
}

TEST(IdCodec, RebuildsEveryIdExactly) {
  id_codec codec;
  for (const char* id : {"C00000123", "M0999984-1", "enterprise:E042", "7", "x9y", "A0"}) {
    const std::uint32_t value = codec.encode(id);
    ASSERT_NE(value, 0u) << id;
    EXPECT_EQ(value & 0x8000'0000u, 0u) << id;
    EXPECT_EQ(decoded(codec, value), id);
    EXPECT_EQ(codec.encode_known(id), value);
  }
}

TEST(IdCodec, TheDigitCountIsPartOfTheShape) {
  id_codec codec;
  const std::uint32_t short_form = codec.encode("C7");
  const std::uint32_t padded = codec.encode("C007");
  EXPECT_NE(short_form, padded);
  EXPECT_EQ(codec.shape_count(), 2u);
  EXPECT_EQ(decoded(codec, padded), "C007");
}

TEST(IdCodec, TheNumberIsTheLastOfTheLongestDigitRuns) {
  id_codec codec;
  // "12" and "34" tie: the number is 34, so "A12-34" and "A12-35" share a shape.
  const std::uint32_t a = codec.encode("A12-34");
  const std::uint32_t b = codec.encode("A12-35");
  EXPECT_EQ(id_codec::shape_index(a), id_codec::shape_index(b));
  EXPECT_EQ(b - a, 1u);
  EXPECT_EQ(decoded(codec, b), "A12-35");
}

TEST(IdCodec, IdsOfNoUsualShapeHaveNoValue) {
  id_codec codec;
  EXPECT_EQ(codec.encode(""), 0u);
  EXPECT_EQ(codec.encode("cangshan"), 0u);
  EXPECT_EQ(codec.encode("C134217728"), 0u);                // 2^27: the number does not fit
  EXPECT_NE(codec.encode("C134217727"), 0u);                // 2^27 - 1 does
  EXPECT_EQ(codec.encode("C000000000000000000001"), 0u);    // 21 digits
  EXPECT_NE(codec.encode("C00000000000000000001"), 0u);     // 20 digits
  EXPECT_EQ(codec.encode(std::string(49, 'p') + "1"), 0u);  // 49 bytes of shape text
  EXPECT_NE(codec.encode(std::string(48, 'p') + "1"), 0u);  // 48
  EXPECT_EQ(codec.encode_known("Z1"), 0u);                  // a shape it never saw
}

TEST(IdCodec, KnowsFifteenShapesAndNeverLearnsAShapeLater) {
  id_codec codec;
  for (char c = 'A'; c < 'A' + 15; ++c) EXPECT_NE(codec.encode(std::string(1, c) + "1"), 0u);
  EXPECT_EQ(codec.encode("P1"), 0u);  // the sixteenth shape
  EXPECT_EQ(codec.encode("P2"), 0u);  // and so every id of it
  EXPECT_NE(codec.encode("A7"), 0u);  // known shapes still encode ("A" + 1 digit)
}

TEST(IdCodec, TranslatesValuesBetweenCodecsThatLearnedShapesInAnotherOrder) {
  id_codec first;
  id_codec second;
  const std::uint32_t in_first = first.encode("E0042");
  second.encode("P0001");
  EXPECT_EQ(id_codec::translate(second.shape_map(first), in_first), 0u);  // not there yet
  second.adopt_shapes(first);
  const std::uint32_t translated = id_codec::translate(second.shape_map(first), in_first);
  EXPECT_EQ(translated, second.encode("E0042"));
  EXPECT_EQ(decoded(second, translated), "E0042");
}

}  // namespace
}  // namespace caseledger::detail
