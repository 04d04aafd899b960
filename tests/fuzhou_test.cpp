// The Fuzhou 2020 Q1 sample through the public API: every figure of the seed article
// (samples/fuzhou-2020q1/README.md lists them), and the generator writing exactly the
// committed ledger. The expected values are the article's own numbers.
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

const ledger& sample() {
  static const ledger book =
      read_json_ledger(testing::source_path("samples/fuzhou-2020q1/ledger.json"));
  return book;
}

report sample_report(std::string_view from, std::string_view to, bool key_only = false) {
  report_options options;
  options.from = date::parse(from);
  options.to = date::parse(to);
  options.key_only_resumption = key_only;
  return compute_report(sample(), options);
}

report first_quarter(bool key_only = false) {
  return sample_report("2020-01-01", "2020-03-31", key_only);
}

/// The metrics of one district's group (the report is grouped by district by default).
const group_metrics& district_of(const report& r, std::string_view id) {
  for (const auto& g : r.groups) {
    if (g.key.size() == 1 && g.key[0] == id) return g.metrics;
  }
  ADD_FAILURE() << "no group for district " << id;
  return r.total.metrics;
}
// The metrics live in the report: refuse a temporary one.
const group_metrics& district_of(const report&& r, std::string_view id) = delete;

const support_totals& support_of(const group_metrics& m, measure_kind kind) {
  return m.support[enum_index(kind)];
}

TEST(Fuzhou, LedgerHasTheFourDistricts) {
  const auto& districts = sample().districts();
  ASSERT_EQ(districts.size(), 4U);
  EXPECT_EQ(districts[0].name, "仓山区");
  EXPECT_EQ(districts[1].name, "晋安区");
  EXPECT_EQ(districts[2].name, "闽侯县");
  EXPECT_EQ(districts[3].name, "连江县");
  for (const auto& d : districts) EXPECT_EQ(d.parent, "福州市");
}

TEST(Fuzhou, GroupsAreTheDistrictsInIdOrder) {
  auto r = first_quarter();
  ASSERT_EQ(r.groups.size(), 4U);
  EXPECT_EQ(r.groups[0].key, group_key{"cangshan"});
  EXPECT_EQ(r.groups[1].key, group_key{"jinan"});
  EXPECT_EQ(r.groups[2].key, group_key{"lianjiang"});
  EXPECT_EQ(r.groups[3].key, group_key{"minhou"});
  EXPECT_EQ(r.groups[0].label, (group_label{"仓山区", "Cangshan"}));
}

TEST(Fuzhou, CangshanCoordinated186Resolved184Rate99Percent) {
  const auto q1 = first_quarter();
  const auto& cases = district_of(q1, "cangshan").cases;
  EXPECT_EQ(cases.coordinated, 186);
  EXPECT_EQ(cases.resolved, 184);
  EXPECT_EQ(cases.resolution_rate(), (rate{184, 186}));
  EXPECT_EQ(cases.resolution_rate().display(1), "98.9%");
  EXPECT_EQ(cases.resolution_rate().display(0), "99%");
}

TEST(Fuzhou, CangshanMasksReach936EnterprisesAndSites) {
  const auto q1 = first_quarter();
  const auto& supplies = district_of(q1, "cangshan").supplies;
  ASSERT_TRUE(supplies.contains("masks"));
  const auto& recipients = supplies.at("masks").recipients;
  EXPECT_EQ(recipients.size(), 936U);
  // "企业（工地）": enterprises and project sites alike.
  const std::vector<std::string> names = recipients.sorted();
  EXPECT_TRUE(names.front().starts_with("enterprise:"));
  EXPECT_TRUE(names.back().starts_with("project:"));
}

TEST(Fuzhou, CangshanReturnsByEveryModeWithAllowances) {
  const auto q1 = first_quarter();
  const auto& m = district_of(q1, "cangshan");
  const auto& back = m.return_to_work;
  EXPECT_GT(back.by_mode[enum_index(transport_mode::chartered_bus)], 0);
  EXPECT_GT(back.by_mode[enum_index(transport_mode::chartered_flight)], 0);
  EXPECT_GT(back.by_mode[enum_index(transport_mode::chartered_train)], 0);
  EXPECT_GT(back.by_mode[enum_index(transport_mode::self_arranged)], 0);
  EXPECT_GT(back.by_origin[enum_index(worker_origin::in_province)], 0);
  EXPECT_GT(back.by_origin[enum_index(worker_origin::out_of_province)], 0);
  EXPECT_GT(support_of(m, measure_kind::allowance).count, 0);
  EXPECT_GT(m.teams[enum_index(team_kind::instructor)], 0);
}

TEST(Fuzhou, JinanKeyProjectsAllResumed) {
  const auto q1_key_only = first_quarter(true);
  const auto& key_only = district_of(q1_key_only, "jinan").resumption;
  EXPECT_GT(key_only.tracked, 0);
  EXPECT_EQ(key_only.resumed, key_only.tracked);
  EXPECT_EQ(key_only.resumption_rate().display(1), "100.0%");

  const auto q1 = first_quarter();
  const auto& all = district_of(q1, "jinan").resumption;
  EXPECT_GT(all.tracked, key_only.tracked);
  EXPECT_LT(all.resumed, all.tracked);
}

TEST(Fuzhou, MinhouFeeReductionOf160000ForMinxing) {
  const auto q1 = first_quarter();
  const auto& fee = support_of(district_of(q1, "minhou"), measure_kind::fee_reduction);
  EXPECT_EQ(fee.amount, money::from_fen(16'000'000));
  EXPECT_EQ(fee.amount.to_wan_string(0), "16");
  EXPECT_EQ(fee.count, 1);
  ASSERT_EQ(fee.beneficiaries.size(), 1U);
  const std::string_view prefix = "enterprise:";
  const std::string beneficiary = fee.beneficiaries.sorted().front();
  ASSERT_TRUE(beneficiary.starts_with(prefix)) << beneficiary;
  const auto* minxing = sample().find_enterprise(beneficiary.substr(prefix.size()));
  ASSERT_NE(minxing, nullptr);
  EXPECT_EQ(minxing->name, "闽兴公司");
}

TEST(Fuzhou, Minhou16ServiceTeams19PartyTeams763Resolved) {
  const auto q1 = first_quarter();
  const auto& m = district_of(q1, "minhou");
  EXPECT_EQ(m.teams[enum_index(team_kind::service_team)], 16);
  EXPECT_EQ(m.teams[enum_index(team_kind::party_team)], 19);
  EXPECT_EQ(m.teams[enum_index(team_kind::instructor)], 0);
  EXPECT_EQ(m.cases.resolved, 763);
  EXPECT_GT(m.cases.coordinated, 763);
}

TEST(Fuzhou, LianjiangSubsidyLoanAnd60WorkersFromLongxi) {
  const auto q1 = first_quarter();
  const auto& m = district_of(q1, "lianjiang");
  const auto& subsidy = support_of(m, measure_kind::subsidy);
  EXPECT_EQ(subsidy.amount.to_string(), "400000.00");
  EXPECT_EQ(subsidy.count, 1);
  const auto& loan = support_of(m, measure_kind::loan);
  EXPECT_EQ(loan.amount.to_string(), "5500000.00");
  EXPECT_EQ(loan.count, 1);
  EXPECT_EQ(m.return_to_work.workers, 60);
  EXPECT_EQ(m.return_to_work.trips, 1);
  EXPECT_EQ(m.return_to_work.by_mode[enum_index(transport_mode::dedicated_vehicle)], 60);
  EXPECT_EQ(m.return_to_work.by_origin[enum_index(worker_origin::out_of_province)], 60);
}

TEST(Fuzhou, LianjiangJanuaryFebruary38Coordinated33Resolved) {
  auto r = sample_report("2020-01-01", "2020-02-29");
  EXPECT_EQ(r.as_of, date::parse("2020-02-29"));
  const auto& cases = district_of(r, "lianjiang").cases;
  EXPECT_EQ(cases.coordinated, 38);
  EXPECT_EQ(cases.resolved, 33);
  EXPECT_EQ(cases.resolution_rate().display(1), "86.8%");
}

TEST(Fuzhou, GeneratorWritesTheCommittedLedger) {
#ifdef CASELEDGER_FUZHOU_GENERATOR
  testing::scratch_dir scratch;
  auto out = scratch / "ledger.json";
  std::string command =
      std::string("\"") + CASELEDGER_FUZHOU_GENERATOR + "\" \"" + out.string() + "\"";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  // Compared whole: a difference anywhere means the committed file is stale.
  EXPECT_TRUE(testing::read_text(out) ==
              testing::read_text(testing::source_path("samples/fuzhou-2020q1/ledger.json")))
      << "regenerate with: make_fuzhou_ledger samples/fuzhou-2020q1/ledger.json";
#else
  GTEST_SKIP() << "the samples are not built (CASELEDGER_BUILD_SAMPLES=OFF)";
#endif
}

}  // namespace
}  // namespace caseledger
