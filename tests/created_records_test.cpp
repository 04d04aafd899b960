// The records a flat sheet creates from its rows' names, and the join of the names two
// halves of its rows created (the names pass reads a long CSV sheet's halves side by side).
#include "io/table/created_records.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "caseledger/core/date.hpp"

namespace {

using namespace caseledger;
using caseledger::detail::created;
using caseledger::detail::created_records;
using caseledger::detail::join_created;

// The enterprise `id` of 鼓楼区, first named at `line`.
created<enterprise> named(const std::string& id, std::uint32_t line) {
  created<enterprise> made;
  made.record.id = id;
  made.record.name = id + "有限公司";
  made.record.district = "鼓楼区";
  made.line = line;
  return made;
}

TEST(CreatedRecords, FindsWhatWasAddedAndMakesOnlyWhatIsNew) {
  created_records<enterprise> made;
  EXPECT_EQ(made.find("甲"), nullptr);
  made.add(named("甲", 2));
  int makes = 0;
  const auto make = [&] {
    ++makes;
    return named("乙", 0).record;
  };
  EXPECT_EQ(made.find_or_make("甲", 9, make).line, 2u);
  EXPECT_EQ(made.find_or_make("乙", 9, make).line, 9u);
  EXPECT_EQ(made.find_or_make("乙", 12, make).line, 9u);
  EXPECT_EQ(makes, 1);
  ASSERT_EQ(made.all().size(), 2u);
  EXPECT_EQ(made.all()[1].record.id, "乙");
}

TEST(CreatedRecords, JoinsTheSecondHalfAsOneReadingOfBothWould) {
  // The first half: lines 2 to 100; the second's lines count from 1 at line 101.
  created_records<enterprise> first;
  first.add(named("甲", 2));
  created<enterprise> kept_key = named("乙", 3);
  kept_key.record.key = true;
  kept_key.key_line = 3;
  first.add(kept_key);

  created_records<enterprise> second;
  created<enterprise> again = named("甲", 1);  // no attribute in the first half: taken here
  again.record.resumed_on = date::parse("2020-02-10");
  again.resumed_line = 4;
  again.record.industry = "制造业";
  again.industry_line = 5;
  second.add(again);
  created<enterprise> same_key = named("乙", 2);  // the key the first half gave, again
  same_key.record.key = true;
  same_key.key_line = 2;
  second.add(same_key);
  second.add(named("丙", 7));  // new: after the first half's, its line shifted
  second.add(named("丁", 8));

  EXPECT_TRUE(join_created(first, second, 100));
  ASSERT_EQ(first.all().size(), 4u);
  EXPECT_EQ(first.all()[2].record.id, "丙");
  EXPECT_EQ(first.all()[2].line, 107u);
  EXPECT_EQ(first.all()[3].record.id, "丁");
  EXPECT_EQ(first.all()[3].line, 108u);
  const created<enterprise>& joined = *first.find("甲");
  EXPECT_EQ(joined.line, 2u);
  EXPECT_EQ(joined.record.resumed_on, date::parse("2020-02-10"));
  EXPECT_EQ(joined.resumed_line, 104u);
  EXPECT_EQ(joined.record.industry, "制造业");
  EXPECT_EQ(joined.industry_line, 105u);
  EXPECT_EQ(first.find("乙")->key_line, 3u);
  EXPECT_EQ(first.find("丁"), &first.all()[3]) << "the index knows the records joined";
}

TEST(CreatedRecords, ASecondHalfThatSaysOtherwiseIsNotAlike) {
  const auto joined_alike = [](const auto& change) {
    created_records<enterprise> first;
    created<enterprise> given = named("甲", 2);
    given.record.key = true;
    given.key_line = 2;
    first.add(given);
    created_records<enterprise> second;
    created<enterprise> later = named("甲", 1);
    later.record.key = true;
    later.key_line = 1;
    change(later);
    second.add(later);
    return join_created(first, second, 50);
  };
  EXPECT_TRUE(joined_alike([](created<enterprise>&) {}));
  EXPECT_FALSE(joined_alike([](created<enterprise>& e) { e.record.name = "甲公司"; }));
  EXPECT_FALSE(joined_alike([](created<enterprise>& e) { e.record.district = "台江区"; }));
  EXPECT_FALSE(joined_alike([](created<enterprise>& e) { e.record.key = false; }));

  created_records<team> teams;
  team kept;
  kept.id = "一队";
  kept.name = "一队";
  kept.district = "鼓楼区";
  teams.add({kept, 2});
  created_records<team> later_teams;
  team other = kept;
  other.kind = team_kind::party_team;
  later_teams.add({other, 1});
  EXPECT_FALSE(join_created(teams, later_teams, 10));
}

}  // namespace
