// Mergeability: a generated ledger split at random into slices, each slice aggregated on
// its own and the parts merged in random order, gives exactly the one-pass report.
#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {
namespace {

// std::mt19937_64's output is fixed by the standard; the distributions are not, so the
// draws below use plain modulo to stay the same on every library.
class draw {
 public:
  explicit draw(std::uint64_t seed) : engine_(seed) {}
  /// 0 … n - 1.
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

constexpr int district_count = 5;
constexpr int enterprise_count = 60;
constexpr int project_count = 25;
constexpr int team_count = 12;
constexpr int case_count = 3000;
constexpr int measure_count = 1500;

const date first_day = date::parse("2019-11-01");
constexpr std::int32_t day_span = 230;  // to mid-June 2020

std::string numbered(const char* prefix, std::uint64_t n) { return prefix + std::to_string(n); }

ledger generate_ledger(std::uint64_t seed) {
  draw random(seed);
  ledger_builder builder;
  for (int i = 0; i < district_count; ++i) {
    district record;
    record.id = numbered("d", static_cast<std::uint64_t>(i));
    record.name = "区" + std::to_string(i);
    if (i % 2 == 0) record.name_en = "District " + std::to_string(i);
    builder.add(std::move(record));
  }
  const auto random_district = [&random] { return numbered("d", random.below(district_count)); };
  const auto random_day = [&random] {
    return first_day.plus_days(static_cast<std::int32_t>(random.below(day_span)));
  };
  const auto maybe_resumed = [&](std::optional<date>& resumed_on) {
    if (random.chance(80)) resumed_on = random_day();
  };
  for (int i = 0; i < enterprise_count; ++i) {
    enterprise record;
    record.id = numbered("e", static_cast<std::uint64_t>(i));
    record.name = "企业" + std::to_string(i);
    record.district = random_district();
    record.key = random.chance(30);
    maybe_resumed(record.resumed_on);
    builder.add(std::move(record));
  }
  for (int i = 0; i < project_count; ++i) {
    project record;
    record.id = numbered("p", static_cast<std::uint64_t>(i));
    record.name = "项目" + std::to_string(i);
    record.district = random_district();
    record.key = random.chance(50);
    maybe_resumed(record.resumed_on);
    builder.add(std::move(record));
  }
  for (int i = 0; i < team_count; ++i) {
    team record;
    record.id = numbered("t", static_cast<std::uint64_t>(i));
    record.district = random_district();
    record.kind = static_cast<team_kind>(random.below(enum_count<team_kind>));
    if (i % 3 != 0) record.name = "队" + std::to_string(i);
    builder.add(std::move(record));
  }
  for (int i = 0; i < case_count; ++i) {
    case_record record;
    record.id = numbered("c", static_cast<std::uint64_t>(i));
    record.district = random_district();
    record.reported_on = random_day();
    record.category = static_cast<case_category>(random.below(enum_count<case_category>));
    if (random.chance(40)) {
      record.enterprise = numbered("e", random.below(enterprise_count));
    } else if (random.chance(40)) {
      record.project = numbered("p", random.below(project_count));
    }
    if (random.chance(80)) {
      record.channel = static_cast<case_channel>(random.below(enum_count<case_channel>));
    }
    if (random.chance(70)) record.team = numbered("t", random.below(team_count));
    if (random.chance(60)) {
      record.due_on = record.reported_on.plus_days(static_cast<std::int32_t>(random.below(30)));
    }
    const auto later = [&] {
      return record.reported_on.plus_days(static_cast<std::int32_t>(random.below(60)));
    };
    switch (random.below(10)) {
      case 0:
        record.status = case_status::withdrawn;
        record.closed_on = later();
        break;
      case 1:
        record.status = case_status::unresolvable;
        record.closed_on = later();
        break;
      case 2:
      case 3:
        record.status = case_status::open;
        break;
      default:
        record.status = case_status::resolved;
        record.resolved_on = later();
        break;
    }
    builder.add(std::move(record));
  }
  const std::vector<std::string> items = {"masks", "gloves", "消毒液"};
  for (int i = 0; i < measure_count; ++i) {
    measure record;
    record.id = numbered("m", static_cast<std::uint64_t>(i));
    record.district = random_district();
    record.kind = static_cast<measure_kind>(random.below(enum_count<measure_kind>));
    record.granted_on = random_day();
    if (random.chance(50)) {
      record.enterprise = numbered("e", random.below(enterprise_count));
    } else if (random.chance(50)) {
      record.project = numbered("p", random.below(project_count));
    }
    if (random.chance(60)) record.case_id = numbered("c", random.below(case_count));
    switch (record.kind) {
      case measure_kind::transport:
        record.mode = static_cast<transport_mode>(random.below(enum_count<transport_mode>));
        record.workers = static_cast<std::int64_t>(random.below(200));
        record.origin = static_cast<worker_origin>(random.below(enum_count<worker_origin>));
        break;
      case measure_kind::supplies:
        record.item = items[random.below(items.size())];
        record.quantity = static_cast<std::int64_t>(random.below(100'000));
        break;
      default:
        record.amount = money::from_fen(static_cast<std::int64_t>(random.below(10'000'000'000)));
        break;
    }
    builder.add(std::move(record));
  }
  return std::move(builder).build();
}

// Splits every record of `book` at random into `slices` aggregators (each adding its
// records in shuffled order), then merges the parts two at a time, picked at random.
partial_aggregate split_and_merge(const ledger& book, const report_options& options,
                                  std::size_t slices, std::uint64_t seed) {
  draw random(seed);
  std::vector<std::vector<std::pair<int, std::size_t>>> assigned(slices);  // (kind, index)
  const auto deal = [&](int kind, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) assigned[random.below(slices)].emplace_back(kind, i);
  };
  deal(0, book.cases().size());
  deal(1, book.measures().size());
  deal(2, book.enterprises().size());
  deal(3, book.projects().size());
  deal(4, book.teams().size());

  std::vector<partial_aggregate> parts;
  for (auto& records : assigned) {
    std::shuffle(records.begin(), records.end(), random.engine());
    aggregator slice(book, options);
    for (const auto& [kind, i] : records) {
      switch (kind) {
        case 0:
          slice.add(book.cases()[i]);
          break;
        case 1:
          slice.add(book.measures()[i]);
          break;
        case 2:
          slice.add(book.enterprises()[i]);
          break;
        case 3:
          slice.add(book.projects()[i]);
          break;
        default:
          slice.add(book.teams()[i]);
          break;
      }
    }
    parts.push_back(slice.take());
  }
  while (parts.size() > 1) {
    const std::size_t a = random.below(parts.size());
    std::size_t b = random.below(parts.size() - 1);
    if (b >= a) ++b;
    parts[a].merge(parts[b]);
    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(b));
  }
  return std::move(parts.front());
}

report_options options_for(std::vector<group_dimension> group_by) {
  report_options options;
  options.from = date::parse("2020-01-01");
  options.to = date::parse("2020-03-31");
  options.group_by = std::move(group_by);
  return options;
}

void expect_same_report(const report& merged, const report& single) {
  ASSERT_EQ(merged.groups.size(), single.groups.size());
  for (std::size_t i = 0; i < single.groups.size(); ++i) {
    ASSERT_EQ(merged.groups[i].key, single.groups[i].key) << "group " << i;
    EXPECT_TRUE(merged.groups[i] == single.groups[i]) << "group " << i;
  }
  EXPECT_TRUE(merged.total == single.total);
  EXPECT_EQ(merged.title, single.title);
  EXPECT_EQ(merged.as_of, single.as_of);
  EXPECT_EQ(merged.comparison, single.comparison);
  EXPECT_EQ(merged.alerts, single.alerts);
}

class MergeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { book_ = new ledger(generate_ledger(20200331)); }
  static void TearDownTestSuite() {
    delete book_;
    book_ = nullptr;
  }
  static const ledger& book() { return *book_; }

  static void check(const report_options& options, std::uint64_t seed) {
    const report single = compute_report(book(), options);
    const report_options base = options.compare ? comparison_options(options) : report_options{};
    for (std::size_t slices = 1; slices <= 10; ++slices) {
      SCOPED_TRACE("slices " + std::to_string(slices));
      const partial_aggregate parts = split_and_merge(book(), options, slices, seed + slices);
      if (!options.compare) {
        expect_same_report(finish_report(parts, book(), options), single);
        continue;
      }
      // The comparison window is split differently from the report's own.
      const partial_aggregate base_parts =
          split_and_merge(book(), base, slices, seed + 1000 + slices);
      expect_same_report(finish_report(parts, base_parts, book(), options), single);
    }
  }

 private:
  static inline ledger* book_ = nullptr;
};

TEST_F(MergeTest, ByDistrict) { check(options_for({group_dimension::district}), 1); }

TEST_F(MergeTest, ByMonthWithALaterAsOf) {
  report_options options = options_for({group_dimension::month});
  options.as_of = date::parse("2020-04-20");
  check(options, 2);
}

TEST_F(MergeTest, ByDistrictAndMonth) {
  check(options_for({group_dimension::district, group_dimension::month}), 3);
}

TEST_F(MergeTest, ByCategoryAndChannelKeyOnly) {
  report_options options = options_for({group_dimension::category, group_dimension::channel});
  options.key_only_resumption = true;
  check(options, 4);
}

TEST_F(MergeTest, AnAggregatorKeepsItsOwnCopyOfTemporaryOptions) {
  // The options are a temporary that ends with the constructor's full expression; with
  // the grouping by month the aggregator reads them at every record it adds.
  aggregator slice(book(), options_for({group_dimension::month}));
  slice.add_all();
  const report_options options = options_for({group_dimension::month});
  aggregator whole(book(), options);
  whole.add_all();
  EXPECT_EQ(slice.take(), whole.take());
}

TEST_F(MergeTest, ByTeamAndDistrict) {
  check(options_for({group_dimension::team, group_dimension::district}), 5);
}

TEST_F(MergeTest, ByMonthCategoryAndTeamWithAnEarlierAsOf) {
  report_options options =
      options_for({group_dimension::month, group_dimension::category, group_dimension::team});
  options.as_of = date::parse("2020-02-20");
  check(options, 6);
}

TEST_F(MergeTest, ByDistrictWithAgingBucketsAlertsAndThePreviousQuarter) {
  report_options options = options_for({group_dimension::district});
  options.aging_limits = {3, 14, 45};
  options.compare = comparison_spec::parse("previous");
  options.alerts = {alert_threshold::parse("resolution_rate<60%"),
                    alert_threshold::parse("open_older_than_30>20"),
                    alert_threshold::parse("district=d1:open>10")};
  const report single = compute_report(book(), options);
  // The generated ledger crosses some of them, so the alerts are compared, not two empties.
  EXPECT_FALSE(single.alerts.empty());
  EXPECT_GT(single.total.metrics.backlog.ages.count(), 100);
  EXPECT_GT(single.total.comparison->cases.coordinated, 100);
  check(options, 7);
}

TEST_F(MergeTest, ByDistrictAndMonthAgainstAYearBeforeWithALaterAsOf) {
  report_options options = options_for({group_dimension::district, group_dimension::month});
  options.from = date::parse("2020-04-01");
  options.to = date::parse("2020-05-31");
  options.as_of = date::parse("2020-06-10");
  options.compare = comparison_spec::parse("2019-11-01..2019-12-31");
  check(options, 8);
}

// The backlog against a plain count over the generated records.
TEST_F(MergeTest, BacklogMatchesAPlainCount) {
  const report_options options = options_for({group_dimension::district});
  const report r = compute_report(book(), options);
  std::int64_t open = 0, over_30 = 0;
  std::int32_t oldest = -1;
  for (const case_record& c : book().cases()) {
    if (c.reported_on < options.from || c.reported_on > options.to) continue;
    if (c.status == case_status::withdrawn) continue;
    const bool resolved = c.status == case_status::resolved && *c.resolved_on <= options.to;
    const bool closed = c.status == case_status::unresolvable && *c.closed_on <= options.to;
    if (resolved || closed) continue;
    const std::int32_t age = options.to - c.reported_on;
    ++open;
    if (age > 30) ++over_30;
    oldest = std::max(oldest, age);
  }
  EXPECT_GT(open, 100);
  EXPECT_EQ(r.total.metrics.backlog.ages.count(), open);
  EXPECT_EQ(r.total.metrics.cases.open(), open);  // as_of is the window's end
  EXPECT_EQ(r.total.metrics.backlog.older_than(30), over_30);
  ASSERT_TRUE(r.total.metrics.backlog.oldest.has_value());
  EXPECT_EQ(r.total.metrics.backlog.oldest->age, oldest);
}

// The one-pass totals against a plain count over the generated records, so that the
// comparison above is not between two equally wrong results.
TEST_F(MergeTest, TotalsMatchAPlainCount) {
  const report_options options = options_for({group_dimension::district});
  const report r = compute_report(book(), options);
  std::int64_t coordinated = 0, resolved = 0, in_window = 0, subsidy_fen = 0, workers = 0;
  for (const case_record& c : book().cases()) {
    const bool reported_in = c.reported_on >= options.from && c.reported_on <= options.to;
    if (reported_in && c.status != case_status::withdrawn) {
      ++coordinated;
      if (c.status == case_status::resolved && *c.resolved_on <= options.to) ++resolved;
    }
    if (c.status == case_status::resolved && *c.resolved_on >= options.from &&
        *c.resolved_on <= options.to) {
      ++in_window;
    }
  }
  for (const measure& m : book().measures()) {
    if (m.granted_on < options.from || m.granted_on > options.to) continue;
    if (m.kind == measure_kind::subsidy) subsidy_fen += m.amount->fen();
    if (m.kind == measure_kind::transport) workers += *m.workers;
  }
  EXPECT_GT(coordinated, 500);
  EXPECT_EQ(r.total.metrics.cases.coordinated, coordinated);
  EXPECT_EQ(r.total.metrics.cases.resolved, resolved);
  EXPECT_EQ(r.total.metrics.cases.resolved_in_window, in_window);
  EXPECT_EQ(r.total.metrics.support[enum_index(measure_kind::subsidy)].amount.fen(), subsidy_fen);
  EXPECT_EQ(r.total.metrics.return_to_work.workers, workers);
  EXPECT_EQ(r.groups.size(), static_cast<std::size_t>(district_count));
}

}  // namespace
}  // namespace caseledger
