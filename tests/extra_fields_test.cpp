#include "caseledger/model/extra_fields.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using caseledger::extra_fields;

std::vector<std::pair<std::string, std::string>> listed(const extra_fields& fields) {
  return {fields.begin(), fields.end()};
}

TEST(ExtraFields, AnEmptyOneHasNothingToFindOrList) {
  const extra_fields none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_EQ(none.find("备注"), none.end());
  EXPECT_FALSE(none.contains("备注"));
  EXPECT_THROW((void)none.at("备注"), std::out_of_range);
  EXPECT_EQ(none, extra_fields{});
}

TEST(ExtraFields, KeepsFieldsInTheNamesOrder) {
  extra_fields fields;
  fields["联系人"] = "\"张三\"";
  fields["备注"] = "{\"a\":1}";
  fields["amount"] = "42";
  fields["备注"] = "\"改\"";  // the same name again replaces its value
  EXPECT_EQ(fields.size(), 3u);
  EXPECT_EQ(listed(fields), (std::vector<std::pair<std::string, std::string>>{
                                {"amount", "42"}, {"备注", "\"改\""}, {"联系人", "\"张三\""}}));
  EXPECT_EQ(fields.at("联系人"), "\"张三\"");
  EXPECT_EQ(fields.find("联"), fields.end()) << "a name sorting among them, not among them";
  EXPECT_EQ(fields.find("zzz"), fields.end()) << "a name sorting after them all";
  ASSERT_NE(fields.find("amount"), fields.end());
  EXPECT_EQ(fields.find("amount")->second, "42");
  EXPECT_TRUE(fields.contains("备注"));
}

// Names and texts beyond short_text's 15 inline bytes live on the heap: fields inserted
// before them move them within the array, which must carry their bytes along.
TEST(ExtraFields, LongNamesAndTextsKeepTheirBytesAsFieldsComeBeforeThem) {
  const std::string long_name = "企业联系人及其联系电话";  // 33 bytes
  const std::string long_text = "\"福州市仓山区建新镇金山大道 618 号\"";
  extra_fields fields;
  fields[long_name] = long_text;
  fields["z"] = "1";
  for (const char* name : {"d", "c", "b", "a"}) fields[name] = "\"" + long_text + "\"";
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields.at(long_name), long_text);
  EXPECT_EQ(fields.at("a").str(), "\"" + long_text + "\"");
  EXPECT_EQ(fields.begin()->first, "a");
  EXPECT_EQ((fields.end() - 1)->first, long_name) << "UTF-8 sorts after ASCII";
  extra_fields copy = fields;
  fields.clear();
  EXPECT_EQ(copy.at(long_name), long_text);
  // A copy over fields it holds goes into their array, as the streaming report's batches
  // copy each case over the one before.
  const auto* room = &*copy.begin();
  const extra_fields one{{"备注", "\"改\""}};
  copy = one;
  EXPECT_EQ(&*copy.begin(), room);
  const extra_fields other{{long_name, long_text}};
  copy = other;
  EXPECT_EQ(&*copy.begin(), room);
  EXPECT_EQ(copy, other);
}

TEST(ExtraFields, AListGivingANameTwiceKeepsTheFirstAsAMapWould) {
  const extra_fields fields{{"备注", "1"}, {"amount", "2"}, {"备注", "3"}};
  EXPECT_EQ(listed(fields),
            (std::vector<std::pair<std::string, std::string>>{{"amount", "2"}, {"备注", "1"}}));
}

TEST(ExtraFields, CopiesAreTheirOwnAndMovesLeaveNothing) {
  extra_fields fields{{"备注", "\"新设\""}};
  extra_fields copy = fields;
  copy["备注"] = "\"改\"";
  EXPECT_EQ(fields.at("备注"), "\"新设\"");
  EXPECT_NE(copy, fields);
  copy = fields;
  EXPECT_EQ(copy, fields);
  copy = copy;  // NOLINT(clang-diagnostic-self-assign-overloaded)
  EXPECT_EQ(copy.at("备注"), "\"新设\"");
  const extra_fields moved = std::move(fields);
  EXPECT_EQ(moved.at("备注"), "\"新设\"");
  EXPECT_TRUE(fields.empty());  // NOLINT(bugprone-use-after-move)
  copy.clear();
  EXPECT_TRUE(copy.empty());
  EXPECT_EQ(copy, extra_fields{});
}

TEST(ExtraFields, TakesEightBytes) { EXPECT_EQ(sizeof(extra_fields), sizeof(void*)); }

}  // namespace
