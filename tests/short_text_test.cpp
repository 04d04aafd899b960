#include "caseledger/core/short_text.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using caseledger::short_text;
using namespace std::string_literals;
using namespace std::string_view_literals;

// Texts of every length around the inline limit (15 bytes), ASCII and Chinese (three bytes a
// character in UTF-8: "仓山区五号" is 15 bytes and stays inline, "仓山区第五号" is 18).
const std::vector<std::string> texts = {"",
                                        "C",
                                        "C0000123",
                                        "C00000000000012",
                                        "C000000000000123",
                                        "C0000000000001234",
                                        std::string(1000, 'x'),
                                        "仓山区五号",
                                        "仓山区第五号",
                                        "a\0b"s};

TEST(ShortText, HoldsTheBytesItWasGivenAtEveryLength) {
  for (const std::string& text : texts) {
    const short_text id(text);
    EXPECT_EQ(id.size(), text.size()) << text;
    EXPECT_EQ(id.empty(), text.empty());
    EXPECT_EQ(id.view(), text);
    EXPECT_EQ(std::string(id.begin(), id.end()), text);
    EXPECT_EQ(id.str(), text);
    EXPECT_EQ(id.data()[id.size()], '\0') << "a C string after its bytes: " << text;
  }
}

TEST(ShortText, IsHalfTheSizeOfAString) { EXPECT_EQ(sizeof(short_text), sizeof(std::string) / 2); }

TEST(ShortText, CopiesMovesAndAssignsAcrossTheInlineLimit) {
  for (const std::string& from : texts) {
    for (const std::string& to : texts) {
      short_text source(from);
      short_text target(to);
      target = source;
      EXPECT_EQ(target, from);
      EXPECT_EQ(target.data()[target.size()], '\0');
      EXPECT_EQ(source, from) << "a copy leaves its source";
      const short_text copied(source);
      EXPECT_EQ(copied, from);
      EXPECT_EQ(copied.data()[copied.size()], '\0');
      short_text moved(std::move(source));
      EXPECT_EQ(moved, from);
      EXPECT_TRUE(source.empty())
          << "a moved-from text is empty";  // NOLINT(bugprone-use-after-move)
      target = std::move(moved);
      EXPECT_EQ(target, from);
      target = std::string_view(to);
      EXPECT_EQ(target, to);
    }
  }
}

TEST(ShortText, AssigningItsOwnTextKeepsIt) {
  for (const std::string& text : texts) {
    short_text id(text);
    const short_text& same = id;
    id = same;
    EXPECT_EQ(id, text);
    id = id.view();  // the bytes it is given are its own, freed only after they are copied
    EXPECT_EQ(id, text);
    id = std::move(id);  // NOLINT(clang-diagnostic-self-move)
    EXPECT_EQ(id, text);
  }
}

TEST(ShortText, ALongTextIsWrittenOverALongOneWhereItFits) {
  // 17 bytes take 24 bytes of room (to the next multiple of 8): 16 to 23 fit there.
  short_text id("C0000000000001234");
  const char* room = id.data();
  id = "D000000000000123";  // 16 bytes
  EXPECT_EQ(id, "D000000000000123");
  EXPECT_EQ(id.data(), room) << "written in place";
  id = "E0000000000000000000123";  // 23 bytes
  EXPECT_EQ(id, "E0000000000000000000123");
  EXPECT_EQ(id.data(), room);
  EXPECT_EQ(id.data()[id.size()], '\0');
  id = id.view().substr(3);  // its own bytes, overlapping where they go
  EXPECT_EQ(id, "00000000000000000123");
  EXPECT_EQ(id.data(), room);
  id = "F00000000000000000000001234";  // 27 bytes: more room
  EXPECT_EQ(id, "F00000000000000000000001234");
  id = "仓山区";  // short: inline again
  EXPECT_EQ(id, "仓山区");
  EXPECT_EQ(id.size(), 9u);
}

TEST(ShortText, ComparesWithAnyTextAsItsBytesDo) {
  const short_text id("C0000123");
  EXPECT_TRUE(id == "C0000123");
  EXPECT_TRUE("C0000123" == id);
  EXPECT_TRUE(id == "C0000123"s);
  EXPECT_TRUE("C0000123"sv == id);
  EXPECT_TRUE(id != "C0000124");
  EXPECT_TRUE(id < "C0000124");
  EXPECT_TRUE(short_text("C0000123-measure-1") > id);  // heap against inline: id is its prefix
  EXPECT_TRUE(short_text("C000000000000123") < id);
  EXPECT_TRUE(short_text("仓山区") > short_text("C"));  // bytewise, as std::string compares
  EXPECT_EQ(short_text("a\0b"s), "a\0b"s);
  EXPECT_NE(short_text("a\0b"s), "a\0c"s);
  EXPECT_EQ(short_text(), "");
}

TEST(ShortText, ClearsAndHashesAsItsText) {
  short_text id(std::string(40, 'y'));
  id.clear();
  EXPECT_TRUE(id.empty());
  EXPECT_EQ(id.data()[0], '\0');
  std::unordered_set<short_text> ids;
  for (const std::string& text : texts) ids.insert(short_text(text));
  EXPECT_EQ(ids.size(), texts.size());
  EXPECT_TRUE(ids.contains(short_text("仓山区第五号")));
  EXPECT_EQ(std::hash<short_text>{}(short_text("C1")), std::hash<std::string_view>{}("C1"));
}

TEST(ShortText, PrintsItsText) {
  std::ostringstream out;
  out << short_text("仓山区第五号") << '|' << short_text("C1");
  EXPECT_EQ(out.str(), "仓山区第五号|C1");
}

}  // namespace
