// The HTML page: the escaping it relies on, what it shows for ledgers built by hand (empty
// groups, zero denominators, hostile names), its options and failures. How it looks and
// prints is checked in a real browser (tests/python/test_html_report.py).
#include "caseledger/io/html_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/html/markup.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::read_text;
using caseledger::testing::scratch_dir;

date d(const char* text) { return date::parse(text); }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// --- escaping ------------------------------------------------------------------------------

TEST(HtmlMarkup, EscapesWhatHtmlReadsAsMarkupAndDropsForbiddenControls) {
  std::string out;
  detail::append_escaped(out, "<script>alert('x')</script> & \"q\"");
  EXPECT_EQ(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  out.clear();
  detail::append_escaped(out, std::string("a\x01") + '\0' + "b\tc\nd\x7F" + "仓山区");
  EXPECT_EQ(out, "ab\tc\nd\x7F仓山区");
}

TEST(HtmlMarkup, WritesCssStringsThatCannotEndTheStyleSheet) {
  EXPECT_EQ(detail::css_string("一季度"), "\"一季度\"");
  EXPECT_EQ(detail::css_string("a\"b\\c</style>"), "\"a\\22 b\\5C c\\3C /style>\"");
  EXPECT_EQ(detail::css_string("two\nlines"), "\"two lines\"");
}

// --- pages of ledgers built by hand -----------------------------------------------------------

district make_district(const std::string& id, const std::string& name) {
  district made;
  made.id = id;
  made.name = name;
  made.name_en = id;
  return made;
}

// Two districts: "a" with 4 cases in February (3 resolved, one of them a day after its
// due), "empty" with none; one subsidy of 12,345.67 yuan.
ledger small_ledger(const std::string& name_of_a = "甲区") {
  ledger_builder builder;
  builder.add(make_district("a", name_of_a));
  builder.add(make_district("empty", "乙区"));
  for (int i = 0; i < 4; ++i) {
    case_record c;
    c.id = "A-" + std::to_string(i);
    c.district = "a";
    c.reported_on = d("2020-02-03");
    c.due_on = d("2020-02-10");
    if (i < 3) {
      c.status = case_status::resolved;
      c.resolved_on = d("2020-02-03").plus_days(2 + 3 * i);  // 2, 5 and 8 days
    }
    builder.add(std::move(c));
  }
  enterprise firm;
  firm.id = "E-1";
  firm.name = "甲厂";
  firm.district = "a";
  builder.add(std::move(firm));
  measure subsidy;
  subsidy.id = "M-1";
  subsidy.district = "a";
  subsidy.kind = measure_kind::subsidy;
  subsidy.amount = money::parse("12345.67");
  subsidy.granted_on = d("2020-02-05");
  subsidy.enterprise = "E-1";
  subsidy.case_id = "A-0";
  builder.add(std::move(subsidy));
  return std::move(builder).build();
}

report_options q1() {
  report_options options;
  options.from = d("2020-01-01");
  options.to = d("2020-03-31");
  return options;
}

TEST(HtmlReport, ShowsTheFiguresOfEveryGroupAndTheTotal) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  const std::string page = to_html(r, book);

  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0u);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  // 3 of 4 resolved: 75.0%; on time: 2 (days 2 and 5 by the 7-day due), late 1 resolved
  // after it and 1 open past it: 2 of 4.
  EXPECT_NE(page.find("<tr data-row=\"0\"><td>甲区</td><td data-metric=\"coordinated\">4</td>"
                      "<td data-metric=\"resolved\">3</td><td data-metric=\"open\">1</td>"
                      "<td data-metric=\"resolution_rate\">75.0%</td>"
                      "<td data-metric=\"on_time_rate\">50.0%</td>"
                      "<td data-metric=\"median_days\">5</td>"
                      "<td data-metric=\"support_total\">1.23</td>"),
            std::string::npos)
      << page;
  // The district without cases: zeros, and rates without a denominator shown as a dash.
  EXPECT_NE(page.find("<tr data-row=\"1\"><td>乙区</td><td data-metric=\"coordinated\">0</td>"
                      "<td data-metric=\"resolved\">0</td><td data-metric=\"open\">0</td>"
                      "<td data-metric=\"resolution_rate\">—</td>"
                      "<td data-metric=\"on_time_rate\">—</td>"
                      "<td data-metric=\"median_days\">—</td>"
                      "<td data-metric=\"support_total\">0.00</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<tr data-row=\"total\"><td>合计</td><td data-metric=\"coordinated\">4</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<span data-figure=\"resolution_rate\">75.0%</span>"), std::string::npos);
  // Its bar is 75% of the track; the empty district's is none of it.
  EXPECT_NE(page.find("<rect class=\"main\" width=\"75.00\" height=\"10\"/></svg>"
                      "<span class=\"bar-value\">75.0%</span>"),
            std::string::npos);
  EXPECT_NE(page.find("<rect class=\"main\" width=\"0.00\" height=\"10\"/></svg>"
                      "<span class=\"bar-value\">—</span>"),
            std::string::npos);
  // Without a comparison there is no change to show.
  EXPECT_EQ(page.find("class=\"change\""), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(HtmlReport, ShowsOverdueAndSatisfactionWhenTheLedgerRecordsTheProcess) {
  // The small ledger as a ledger of earlier years: none of the process on the page.
  const ledger old = small_ledger();
  EXPECT_EQ(to_html(compute_report(old, q1()), old).find("overdue_open"), std::string::npos);

  // called back, one satisfied, one not: the process shows. A-3, open past its
  // due of 2-10 at as-of 3-31, is overdue.
  std::vector<case_record> cases(old.cases().begin(), old.cases().end());
  ledger_builder builder;
  for (const district& each : old.districts()) builder.add(district(each));
  for (const enterprise& each : old.enterprises()) builder.add(enterprise(each));
  for (const measure& each : old.measures()) builder.add(measure(each));
  for (case_record& c : cases) {
    if (c.id == "A-0") {
      c.followed_up_on = d("2020-02-06");
      c.satisfaction = satisfaction_level::satisfied;
    } else if (c.id == "A-1") {
      c.followed_up_on = d("2020-02-09");
      c.satisfaction = satisfaction_level::dissatisfied;
    }
    builder.add(std::move(c));
  }
  const ledger book = std::move(builder).build();
  const std::string page = to_html(compute_report(book, q1()), book);
  EXPECT_NE(page.find("<span data-figure=\"overdue_open\">1</span>"), std::string::npos);
  EXPECT_NE(page.find("<span data-figure=\"satisfaction_rate\">50.0%</span>"), std::string::npos);
  EXPECT_NE(page.find("<td data-metric=\"on_time_rate\">50.0%</td>"
                      "<td data-metric=\"overdue_open\">1</td>"
                      "<td data-metric=\"satisfaction_rate\">50.0%</td>"
                      "<td data-metric=\"median_days\">5</td>"),
            std::string::npos)
      << page;
  // The district without cases: no overdue case, no satisfaction rate.
  EXPECT_NE(page.find("<td data-metric=\"overdue_open\">0</td>"
                      "<td data-metric=\"satisfaction_rate\">—</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<th scope=\"col\">超期未办结</th><th scope=\"col\">满意率</th>"),
            std::string::npos);
}

TEST(HtmlReport, ShowsChangesAgainstTheComparisonPeriod) {
  const ledger book = small_ledger();
  report_options options = q1();
  options.from = d("2020-02-01");
  options.to = d("2020-02-29");
  options.compare = comparison_spec{};  // the previous period: January, with no cases
  const report r = compute_report(book, options);
  const std::string page = to_html(r, book);
  EXPECT_NE(page.find("对比：环比 2020-01-01 至 2020-01-31"), std::string::npos);
  // Nothing in January: a count has no relative change, a rate none either.
  EXPECT_NE(page.find("<div class=\"change\">环比 上期为0</div>"), std::string::npos);
  // The trend of a one-month window is weekly: the week of 3 February holds the cases.
  EXPECT_NE(page.find("<span class=\"bar-label\">02-03–02-09</span>"), std::string::npos);
}

TEST(HtmlReport, EscapesEveryTextFromTheLedgerAndTheOptions) {
  const std::string hostile = "<script>alert(\"x\")</script>'</svg>&";
  const ledger book = small_ledger(hostile);
  report_options options = q1();
  options.title = hostile;
  const report r = compute_report(book, options);
  const std::string page = to_html(r, book);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(count(page, "</svg>"), count(page, "<svg "));
  const std::string escaped =
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&lt;/svg&gt;&amp;";
  EXPECT_NE(page.find("<title>" + escaped + "</title>"), std::string::npos);
  EXPECT_NE(page.find("<td>" + escaped + "</td>"), std::string::npos);
  // The print header's title is a CSS string whose < cannot close the style element.
  EXPECT_NE(page.find("@top-center{content:\"\\3C script>alert(\\22 x\\22 )\\3C /script>'\\3C "
                      "/svg>&\";"),
            std::string::npos);
}

TEST(HtmlReport, WritesEachLanguageAndItsAmounts) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  const std::string english =
      to_html(r, book, {.language = report_language::en, .title = "", .money_decimals = 4});
  EXPECT_EQ(english.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(english.find("<h1>Enterprise assistance cases (2020-01-01 to 2020-03-31)</h1>"),
            std::string::npos);
  EXPECT_NE(english.find("<td data-metric=\"support_total\">1.2346</td>"), std::string::npos);
  EXPECT_NE(english.find("<td>a</td>"), std::string::npos);  // the English name
  const std::string traditional = to_html(r, book, {.language = report_language::zh_hant});
  EXPECT_NE(traditional.find("<html lang=\"zh-TW\">"), std::string::npos);
  EXPECT_NE(traditional.find("辦結率"), std::string::npos);
}

TEST(HtmlReport, TheSameReportGivesTheSameBytes) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  EXPECT_EQ(to_html(r, book), to_html(compute_report(book, q1()), book));
}

TEST(HtmlReport, TheFragmentIsTheBodyWithoutTheDocument) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  const std::string page = to_html(r, book);
  const std::string fragment = to_html_fragment(r, &book);
  EXPECT_EQ(fragment.rfind("<div class=\"caseledger\" lang=\"zh-CN\">", 0), 0u);
  EXPECT_NE(page.find(fragment), std::string::npos);
  EXPECT_EQ(fragment.find("@page"), std::string::npos);
  // Without a ledger: the report's own labels, and no trend chart.
  const std::string bare = to_html_fragment(r, nullptr);
  EXPECT_NE(bare.find("<td>甲区</td>"), std::string::npos);
  EXPECT_EQ(bare.find("问题新增与办结趋势"), std::string::npos);
  EXPECT_NE(fragment.find("问题新增与办结趋势"), std::string::npos);
}

TEST(HtmlReport, RefusesBadOptionsAndALedgerWithoutTheCases) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  EXPECT_THROW(to_html(r, book, {.money_decimals = 7}), usage_error);
  ledger_builder districts_only;
  districts_only.add(make_district("a", "甲区"));
  districts_only.add(make_district("empty", "乙区"));
  const ledger names = std::move(districts_only).build();
  try {
    (void)to_html(r, names);
    FAIL() << "a ledger without the cases was taken";
  } catch (const usage_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the ledger given holds 0 of the 4 cases the report coordinated: a page charts "
              "the trend of the cases of the ledger the report was computed from");
  }
  // The fragment (what a notebook shows) goes without the trend instead.
  const std::string fragment = to_html_fragment(r, &names);
  EXPECT_NE(fragment.find("<td>甲区</td>"), std::string::npos);
  EXPECT_EQ(fragment.find("问题新增与办结趋势"), std::string::npos);
}

TEST(HtmlReport, WritesAllOrNothing) {
  const ledger book = small_ledger();
  const report r = compute_report(book, q1());
  const scratch_dir scratch;
  const std::filesystem::path& dir = scratch.path();
  write_html_report(r, book, dir / "q1.html");
  EXPECT_EQ(read_text(dir / "q1.html"), to_html(r, book));
  // A failure before the commit leaves the earlier page and no temporary beside it.
  EXPECT_THROW(write_html_report(r, book, dir / "q1.html", {.money_decimals = -1}), usage_error);
  EXPECT_EQ(read_text(dir / "q1.html"), to_html(r, book));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  EXPECT_THROW(write_html_report(r, book, dir / "missing" / "q1.html"), file_error);
}

}  // namespace
