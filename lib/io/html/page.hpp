// The HTML page of a report, from what both the normal mode (a whole ledger) and the
// streaming report can give: the report, the names of its districts and teams, the trend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/html_report.hpp"
#include "io/trend.hpp"

namespace caseledger::detail {

/// The page's style sheet: the screen rules, scoped to the report's element, and the print
/// rules, which only a whole page has (`page_print_style`).
extern const std::string_view page_style;
extern const std::string_view page_print_style;

/// Throws `usage_error` for html options that make no sense (money_decimals).
void check_html_options(const html_options& options);

/// What the page shows. `trend` may be null: the trend chart is left out.
struct page_content {
  const report& r;
  const ledger& names;  ///< names districts and teams (an empty ledger: ids and labels)
  const std::vector<trend_point>* trend;
  const html_options& options;
};

/// The page's content, scoped in one element with its screen styles.
std::string page_body(const page_content& content);

/// A whole page: the document, its policy, the print rules, the body.
std::string whole_page(const page_content& content);

}  // namespace caseledger::detail
