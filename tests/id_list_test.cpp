#include "caseledger/model/id_list.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using caseledger::id_list;
using caseledger::record_id;

std::vector<std::string> listed(const id_list& ids) {
  std::vector<std::string> out;
  for (const record_id& id : ids) out.push_back(id.str());
  return out;
}

TEST(IdList, AnEmptyOneTakesEightBytesAndListsNothing) {
  EXPECT_EQ(sizeof(id_list), sizeof(void*));
  const id_list none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_EQ(none, id_list{});
  EXPECT_EQ(none, id_list(std::vector<record_id>{}));
}

TEST(IdList, KeepsItsIdsInOrderHoweverItIsMade) {
  id_list ids{"区税务局", "fgw"};
  ids.push_back("一个超过十五字节的单位编号");  // on the heap
  EXPECT_EQ(listed(ids),
            (std::vector<std::string>{"区税务局", "fgw", "一个超过十五字节的单位编号"}));
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[1], "fgw");
  std::vector<record_id> made{"swj", "rsj"};
  const id_list taken = std::move(made);
  EXPECT_EQ(listed(taken), (std::vector<std::string>{"swj", "rsj"}));
  EXPECT_NE(taken, ids);
  EXPECT_NE(taken, (id_list{"swj"})) << "a list that starts alike but is shorter";
}

TEST(IdList, CopiesAreTheirOwnAndACopyOverAListUsesItsRoom) {
  id_list ids{"swj", "rsj"};
  id_list copy = ids;
  copy.push_back("gxj");
  EXPECT_EQ(ids.size(), 2u);
  const record_id* room = copy.begin();
  copy = ids;  // fewer ids than it holds: into the same array
  EXPECT_EQ(copy, ids);
  EXPECT_EQ(copy.begin(), room);
  const id_list none;
  copy = none;  // emptied, its array kept for the next copy
  EXPECT_TRUE(copy.empty());
  EXPECT_EQ(copy.begin(), copy.end());
  copy = ids;
  EXPECT_EQ(copy.begin(), room);
  copy = copy;  // NOLINT(clang-diagnostic-self-assign-overloaded)
  EXPECT_EQ(copy, ids);
  id_list moved = std::move(ids);
  EXPECT_TRUE(ids.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(listed(moved), (std::vector<std::string>{"swj", "rsj"}));
  moved.clear();
  EXPECT_TRUE(moved.empty());
}

}  // namespace
