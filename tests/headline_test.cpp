// Headline sentences: period names, amounts in 万元/亿元, templates as data (and their
// errors), and the Fuzhou sample's sentences carrying the article's own figures.
#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/metrics/headlines.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

date d(const char* text) { return date::parse(text); }

std::string zh(const char* from, const char* to, bool short_form = false) {
  return period_name(d(from), d(to), report_language::zh_hans, short_form);
}
std::string en(const char* from, const char* to) {
  return period_name(d(from), d(to), report_language::en);
}

TEST(PeriodName, ChineseTheWayBulletinsWriteIt) {
  EXPECT_EQ(zh("2020-01-01", "2020-03-31"), "2020年一季度");
  EXPECT_EQ(zh("2020-01-01", "2020-03-31", true), "一季度");
  EXPECT_EQ(zh("2020-10-01", "2020-12-31", true), "四季度");
  EXPECT_EQ(zh("2020-01-01", "2020-02-29"), "2020年1—2月");
  EXPECT_EQ(zh("2020-01-01", "2020-02-29", true), "1—2月");
  EXPECT_EQ(zh("2020-02-01", "2020-02-29"), "2020年2月");
  EXPECT_EQ(zh("2020-01-01", "2020-06-30"), "2020年上半年");
  EXPECT_EQ(zh("2020-07-01", "2020-12-31", true), "下半年");
  EXPECT_EQ(zh("2020-01-01", "2020-12-31"), "2020年");
  EXPECT_EQ(zh("2020-01-01", "2020-12-31", true), "全年");
  EXPECT_EQ(zh("2020-02-01", "2020-04-30"), "2020年2—4月");  // not a quarter
  EXPECT_EQ(zh("2020-01-05", "2020-03-20"), "2020年1月5日—3月20日");
  EXPECT_EQ(zh("2020-03-20", "2020-03-20", true), "3月20日");
  EXPECT_EQ(zh("2019-12-01", "2020-02-29", true), "2019年12月—2020年2月");
  EXPECT_EQ(zh("2019-12-20", "2020-01-05"), "2019年12月20日—2020年1月5日");
}

TEST(PeriodName, English) {
  EXPECT_EQ(en("2020-01-01", "2020-03-31"), "Q1 2020");
  EXPECT_EQ(en("2020-01-01", "2020-02-29"), "January–February 2020");
  EXPECT_EQ(en("2020-02-01", "2020-02-29"), "February 2020");
  EXPECT_EQ(en("2020-07-01", "2020-12-31"), "H2 2020");
  EXPECT_EQ(en("2020-01-01", "2020-12-31"), "2020");
  EXPECT_EQ(en("2020-01-05", "2020-03-20"), "5 January – 20 March 2020");
  EXPECT_EQ(en("2020-03-20", "2020-03-20"), "20 March 2020");
  EXPECT_EQ(en("2019-12-01", "2020-02-29"), "December 2019 – February 2020");
  EXPECT_EQ(en("2019-12-20", "2020-01-05"), "20 December 2019 – 5 January 2020");
}

std::string words(const char* yuan, report_language language = report_language::zh_hans) {
  return money_words(money::parse(yuan), language);
}

TEST(MoneyWords, WanAndYiAsAReaderExpects) {
  EXPECT_EQ(words("160000.00"), "16万元");
  EXPECT_EQ(words("5500000"), "550万元");
  EXPECT_EQ(words("400000"), "40万元");
  EXPECT_EQ(words("120000000"), "1.2亿元");
  EXPECT_EQ(words("100000000"), "1亿元");
  EXPECT_EQ(words("99999999.99"), "10000万元");  // 9999.9999999 rounds up at two decimals
  EXPECT_EQ(words("12345.67"), "1.23万元");
  EXPECT_EQ(words("12355"), "1.24万元");  // 1.2355 rounds half up
  EXPECT_EQ(words("10000"), "1万元");
  EXPECT_EQ(words("9999.99"), "9999.99元");
  EXPECT_EQ(words("500.50"), "500.5元");
  EXPECT_EQ(words("0"), "0元");
  EXPECT_EQ(words("160000", report_language::zh_hant), "16萬元");
  EXPECT_EQ(words("120000000", report_language::zh_hant), "1.2億元");
}

TEST(MoneyWords, English) {
  EXPECT_EQ(words("160000", report_language::en), "160,000 yuan");
  EXPECT_EQ(words("5500000", report_language::en), "5.5 million yuan");
  EXPECT_EQ(words("1000000", report_language::en), "1 million yuan");
  EXPECT_EQ(words("120000000", report_language::en), "120 million yuan");
  EXPECT_EQ(words("999999.99", report_language::en), "999,999.99 yuan");
  EXPECT_EQ(words("500.50", report_language::en), "500.5 yuan");
  EXPECT_EQ(words("0", report_language::en), "0 yuan");
}

// --- the Fuzhou sample ------------------------------------------------------------------

class FuzhouHeadlines : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    book_ = new ledger(read_json_ledger(testing::source_path("samples/fuzhou-2020q1/ledger.json")));
  }
  static void TearDownTestSuite() {
    delete book_;
    book_ = nullptr;
  }

  static report compute(const char* from, const char* to, int decimals = 1,
                        bool key_only_resumption = false) {
    report_options options;
    options.from = d(from);
    options.to = d(to);
    options.rate_decimals = decimals;
    options.key_only_resumption = key_only_resumption;
    return compute_report(*book_, options);
  }

  // A copy: the report is often a temporary.
  static headline_text of(const report& r, const char* district_id) {
    for (const report_group& group : r.groups) {
      if (group.key[0] == district_id) return group.headline;
    }
    throw std::logic_error(std::string("no district ") + district_id);
  }

 private:
  static inline ledger* book_ = nullptr;
};

TEST_F(FuzhouHeadlines, CangshanCoordinated186Resolved184) {
  const report q1 = compute("2020-01-01", "2020-03-31");
  const headline_text& cangshan = of(q1, "cangshan");
  EXPECT_TRUE(cangshan.zh_hans.starts_with(
      "一季度，仓山区累计协调企业、项目问题186个，办结184个，办结率98.9%，"))
      << cangshan.zh_hans;
  EXPECT_TRUE(cangshan.zh_hant.starts_with(
      "一季度，仓山区累計協調企業、項目問題186個，辦結184個，辦結率98.9%，"))
      << cangshan.zh_hant;
  EXPECT_TRUE(cangshan.en.starts_with(
      "Q1 2020: Cangshan coordinated 186 problems of enterprises and projects, resolved 184, "
      "a resolution rate of 98.9%, "))
      << cangshan.en;
  // The article's "99%".
  const report rounded = compute("2020-01-01", "2020-03-31", 0);
  EXPECT_NE(of(rounded, "cangshan").zh_hans.find("办结率99%，"), std::string::npos);
}

TEST_F(FuzhouHeadlines, JinanKeyProjectsResumed100Percent) {
  const headline_text jinan = of(compute("2020-01-01", "2020-03-31", 1, true), "jinan");
  EXPECT_TRUE(jinan.zh_hans.ends_with("，复工率100.0%。")) << jinan.zh_hans;
  EXPECT_TRUE(jinan.zh_hant.ends_with("，復工率100.0%。")) << jinan.zh_hant;
  EXPECT_TRUE(jinan.en.ends_with(", a resumption rate of 100.0%.")) << jinan.en;
  // Over every enterprise and project it is lower.
  const headline_text all = of(compute("2020-01-01", "2020-03-31"), "jinan");
  EXPECT_FALSE(all.zh_hans.ends_with("，复工率100.0%。")) << all.zh_hans;
}

TEST_F(FuzhouHeadlines, MinhouResolved763AndWaived16Wan) {
  const headline_text& minhou = of(compute("2020-01-01", "2020-03-31"), "minhou");
  EXPECT_TRUE(minhou.zh_hans.starts_with("一季度，闽侯县累计协调企业、项目问题771个，办结763个，"))
      << minhou.zh_hans;
  EXPECT_NE(minhou.zh_hans.find("减免费用16万元"), std::string::npos) << minhou.zh_hans;
  EXPECT_NE(minhou.en.find("waived 160,000 yuan in fees"), std::string::npos) << minhou.en;
}

TEST_F(FuzhouHeadlines, LianjiangSubsidyLoanAndWorkersInTheQuarter) {
  const headline_text& lianjiang = of(compute("2020-01-01", "2020-03-31"), "lianjiang");
  EXPECT_NE(lianjiang.zh_hans.find("发放补助40万元"), std::string::npos) << lianjiang.zh_hans;
  EXPECT_NE(lianjiang.zh_hans.find("协调贷款550万元"), std::string::npos) << lianjiang.zh_hans;
  EXPECT_NE(lianjiang.zh_hans.find("帮助60名员工返岗"), std::string::npos) << lianjiang.zh_hans;
  EXPECT_TRUE(lianjiang.zh_hans.ends_with("。"));
  EXPECT_NE(lianjiang.en.find("arranged 5.5 million yuan in loans"), std::string::npos);
}

TEST_F(FuzhouHeadlines, LianjiangJanuaryFebruary38Coordinated33Resolved) {
  const report jan_feb = compute("2020-01-01", "2020-02-29");
  const headline_text& lianjiang = of(jan_feb, "lianjiang");
  EXPECT_TRUE(lianjiang.zh_hans.starts_with(
      "1—2月，连江县累计协调企业、项目问题38个，办结33个，办结率86.8%"))
      << lianjiang.zh_hans;
  EXPECT_TRUE(lianjiang.en.starts_with(
      "January–February 2020: Lianjiang coordinated 38 problems of enterprises and projects, "
      "resolved 33, a resolution rate of 86.8%"))
      << lianjiang.en;
}

TEST_F(FuzhouHeadlines, TheTotalHasItsOwnSentence) {
  const report q1 = compute("2020-01-01", "2020-03-31");
  EXPECT_TRUE(q1.total.headline.zh_hans.starts_with("一季度，合计协调企业、项目问题"))
      << q1.total.headline.zh_hans;
  EXPECT_TRUE(q1.total.headline.en.starts_with("Q1 2020: in total, coordinated "))
      << q1.total.headline.en;
}

// --- templates --------------------------------------------------------------------------

// Every language with the same templates.
std::string templates_json(const std::string& group, const std::string& clauses,
                           const std::string& total = "{clauses}") {
  std::string languages;
  for (const char* key : {"zh-Hans", "zh-Hant", "en"}) {
    if (!languages.empty()) languages += ",";
    languages += std::string("\"") + key + R"(": {"group": ")" + group + R"(", "total": ")" +
                 total + R"(", "separator": "; ", "clauses": [)" + clauses + "]}";
  }
  return R"({"format": "caseledger.headlines/1", )" + languages + "}";
}

ledger small_ledger() {
  ledger_builder builder;
  district a;
  a.id = "a";
  a.name = "甲区";
  a.name_en = "A";
  builder.add(std::move(a));
  district b;
  b.id = "b";
  b.name = "乙区";
  builder.add(std::move(b));
  case_record c;
  c.id = "c1";
  c.district = "a";
  c.reported_on = d("2020-01-05");
  c.status = case_status::resolved;
  c.resolved_on = d("2020-01-06");
  builder.add(std::move(c));
  return std::move(builder).build();
}

report with_templates(const ledger& book, const std::string& json) {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  options.headlines =
      std::make_shared<const headline_templates>(headline_templates::parse(json, "test.json"));
  return compute_report(book, options);
}

TEST(HeadlineTemplates, ClausesWithoutTheirFigureOrWhenZeroAreLeftOut) {
  const ledger book = small_ledger();
  const report r = with_templates(book, templates_json("{group}: {clauses}.",
                                                       R"({"text": "{coordinated|case|cases}"},
                              {"text": "rate {resolution_rate}"},
                              {"text": "{open} open", "when": "open"},
                              {"text": "{{literal}}"})"));
  // a: one case, resolved: rate 100.0%, no open clause.
  EXPECT_EQ(r.groups[0].headline.en, "A: 1 case; rate 100.0%; {literal}.");
  // b: no case: no rate, so its clause goes.
  EXPECT_EQ(r.groups[1].headline.en, "b: 0 cases; {literal}.");
  EXPECT_EQ(r.groups[1].headline.zh_hans, "乙区: 0 cases; {literal}.");
  EXPECT_EQ(r.total.headline.en, "1 case; rate 100.0%; {literal}");
}

TEST(HeadlineTemplates, ASentenceFigureWithNoValueFailsClearly) {
  const ledger book = small_ledger();
  try {
    with_templates(book, templates_json("{group} {resolution_rate}", ""));
    FAIL() << "no usage_error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "headline template zh-Hans group: {resolution_rate} has no value for b");
  }
}

void expect_template_error(const std::string& json, const std::string& message) {
  try {
    headline_templates::parse(json, "mine.json");
    ADD_FAILURE() << "no usage_error for " << json;
  } catch (const usage_error& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(HeadlineTemplates, ABadDocumentFailsNamingWhere) {
  expect_template_error("{",
                        "headline templates 'mine.json': not JSON: "
                        "[json.exception.parse_error.101] parse error at line 1, column 2: "
                        "syntax error while parsing object key - unexpected end of input; "
                        "expected string literal");
  expect_template_error(
      R"({"format": "x"})",
      R"(headline templates 'mine.json': expected {"format": "caseledger.headlines/1", …})");
  expect_template_error(R"({"format": "caseledger.headlines/1"})",
                        "headline templates 'mine.json': no templates for zh-Hans");
  expect_template_error(templates_json("{group} {resolved_rate}", ""),
                        "headline templates 'mine.json' zh-Hans group: {resolved_rate} names no "
                        "figure");
  expect_template_error(templates_json("{group}", R"({"text": "{clauses}"})"),
                        "headline templates 'mine.json' zh-Hans clause 1: {clauses} names no "
                        "figure");
  expect_template_error(templates_json("{group", ""),
                        "headline templates 'mine.json' zh-Hans group: a '{' without its '}'");
  expect_template_error(templates_json("{group}", R"({"text": "x}"})"),
                        "headline templates 'mine.json' zh-Hans clause 1: a '}' without its '{'");
  expect_template_error(templates_json("{group}", R"({"text": "{open|one}"})"),
                        "headline templates 'mine.json' zh-Hans clause 1: {open|one}: write "
                        "{figure|singular|plural}");
  expect_template_error(templates_json("{group}", R"({"text": "x", "when": "nothing"})"),
                        "headline templates 'mine.json' zh-Hans clause 1: \"when\" names no "
                        "figure: nothing");
  expect_template_error(templates_json("{group}", R"({"when": "open"})"),
                        "headline templates 'mine.json' zh-Hans clause 1: \"text\" must be a "
                        "string");
}

TEST(HeadlineTemplates, TheInstalledFileIsTheBuiltInOne) {
  const headline_templates from_file =
      headline_templates::read(testing::source_path("data/headlines.json"));
  const ledger book = small_ledger();
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  const report r = compute_report(book, options);
  const auto render = [&](const report_group& group, headline_subject subject,
                          report_language language) {
    return from_file.render(headline_figures_of(r, group, language), subject, language,
                            group.label.en);
  };
  for (const report_group& group : r.groups) {
    EXPECT_EQ(render(group, headline_subject::group, report_language::zh_hans),
              group.headline.zh_hans);
    EXPECT_EQ(render(group, headline_subject::group, report_language::en), group.headline.en);
  }
  EXPECT_EQ(render(r.total, headline_subject::total, report_language::zh_hans),
            r.total.headline.zh_hans);
  EXPECT_EQ(r.groups[0].headline.zh_hans,
            "一季度，甲区累计协调企业、项目问题1个，办结1个，办结率100.0%。");
  EXPECT_EQ(r.groups[1].headline.en,
            "Q1 2020: b coordinated 0 problems of enterprises and projects, resolved 0.");
}

TEST(HeadlineTemplates, ComparisonFiguresNeedAComparison) {
  const ledger book = small_ledger();
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  // Q4 2019 had nothing: the relative change of a has a zero base and its clause goes.
  options.compare = comparison_spec::parse("previous");
  options.headlines = std::make_shared<const headline_templates>(headline_templates::parse(
      templates_json("{clauses}", R"({"text": "{compare_label} {resolved_change}"},
                                     {"text": "{resolved_change_relative}"},
                                     {"text": "{resolution_rate_change_points}"},
                                     {"text": "vs {compare_period}"})"),
      "test.json"));
  const report r = compute_report(book, options);
  EXPECT_EQ(r.groups[0].headline.zh_hans, "环比 +1; vs 2019年四季度");
  EXPECT_EQ(r.groups[0].headline.zh_hant, "環比 +1; vs 2019年四季度");
  EXPECT_EQ(r.groups[0].headline.en, "on the previous period +1; vs Q4 2019");
  options.compare = comparison_spec::parse("2020-01-01..2020-01-31");
  const report explicit_window = compute_report(book, options);
  // January had the same one case: +0, 0.0%, 0.0 points.
  EXPECT_EQ(explicit_window.groups[0].headline.zh_hans, "较2020年1月 0; 0.0%; 0.0; vs 2020年1月");
  options.compare.reset();
  EXPECT_EQ(compute_report(book, options).groups[0].headline.zh_hans, "");
}

// --- the handling process ----------------------------------------------------------------

TEST(ProcessHeadlines, OverdueCasesAndSatisfactionInTheBuiltInSentence) {
  // Two cases resolved in March and called back (satisfied, dissatisfied): 满意率 50%; one
  // open case due 03-20, overdue at 03-31.
  ledger_builder builder;
  district a;
  a.id = "a";
  a.name = "甲区";
  a.name_en = "A";
  builder.add(std::move(a));
  for (const auto& [id, said] : {std::pair{"c1", satisfaction_level::satisfied},
                                 std::pair{"c2", satisfaction_level::dissatisfied}}) {
    case_record c;
    c.id = id;
    c.district = "a";
    c.reported_on = d("2020-03-02");  // Monday: to 03-05 is 3 working days
    c.status = case_status::resolved;
    c.resolved_on = d("2020-03-05");
    c.followed_up_on = d("2020-03-09");
    c.satisfaction = said;
    builder.add(std::move(c));
  }
  case_record open;
  open.id = "c3";
  open.district = "a";
  open.reported_on = d("2020-03-10");
  open.due_on = d("2020-03-20");
  builder.add(std::move(open));
  const ledger book = std::move(builder).build();
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  // No enterprise is tracked, so the resumption rate has no value and its clause is left out.
  const headline_text sentence = compute_report(book, options).groups[0].headline;
  EXPECT_TRUE(sentence.zh_hans.ends_with("，在办1个，超期未办结1个，满意率50.0%。"))
      << sentence.zh_hans;
  EXPECT_TRUE(sentence.zh_hant.ends_with("，在辦1個，超期未辦結1個，滿意率50.0%。"))
      << sentence.zh_hant;
  EXPECT_TRUE(
      sentence.en.ends_with(", 1 still open, 1 case overdue, a satisfaction rate of 50.0%."))
      << sentence.en;

  options.headlines = std::make_shared<const headline_templates>(headline_templates::parse(
      templates_json("{group}: {clauses}",
                     R"({"text": "平均{mean_workdays}个工作日办结"},)"
                     R"({"text": "回访率{follow_up_rate}"}, {"text": "延期{extended}个"})"),
      "process.json"));
  EXPECT_EQ(compute_report(book, options).groups[0].headline.zh_hans,
            "甲区: 平均3.0个工作日办结; 回访率100.0%; 延期0个");
}

}  // namespace
}  // namespace caseledger
