// The words of the reports people read, in each report language: the workbook's sheet
// names, headers and labels, and the page's headings.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

#include "caseledger/core/date.hpp"
#include "caseledger/core/language.hpp"
#include "caseledger/metrics/bulletin.hpp"

namespace caseledger::detail {

/// Every word a workbook shows, in one language.
struct words {
  std::string_view summary, by_category, trend, support, return_to_work, cases;
  std::string_view from, to, as_of, generator;
  std::string_view coordinated, resolved, unresolvable, open, resolution_rate, on_time_rate,
      median_days, p90_days, workers, supply_recipients, resumption_rate;
  std::string_view rate, amount, count, beneficiaries, quantity, recipients, trips, by_mode,
      by_origin, supplies_prefix;
  std::string_view month, reported, resolved_in_month, cumulative_rate, week, resolved_in_week;
  std::string_view yuan, wan_yuan;
  std::string_view case_id, district, subject, category, channel, summary_text, reported_on, due_on,
      resolved_on, status, days_to_resolve, team;
  std::string_view chart_rate, chart_trend, chart_return;
  std::string_view total, none, separator;
  /// The printed pages' footer, libxlsxwriter's codes (&C centre, &P page, &N pages).
  std::string_view page_footer;
  std::string_view title_head, title_middle, title_tail;
  std::array<std::string_view, 5> dimensions;
  std::array<std::string_view, 9> categories;
  std::array<std::string_view, 7> channels;
  std::array<std::string_view, 4> statuses;
  std::array<std::string_view, 4> money_kinds;
  std::array<std::string_view, 5> modes;
  std::array<std::string_view, 2> origins;
  std::array<std::string_view, 3> team_kinds;
};

/// The words of the bulletin parts (comparison columns, the alerts sheet), in one language.
struct bulletin_words {
  std::string_view alerts_sheet;
  std::array<std::string_view, 3> compare_kinds;  // previous, year_ago, window
  std::string_view points;                        // the unit of a rate's change
  std::string_view group, metric, condition, limit, value;
  std::string_view below, above;
  std::array<std::string_view, enum_count<alert_metric>> metrics;  // as alert_metric
  std::string_view older_than_head, older_than_tail;
};

/// The words of the office form (its unit line, 序号, the signature line), in one language.
struct office_words {
  std::string_view serial;                                // 序号
  std::string_view reporting_unit, reporting_date, unit;  // the unit line's labels
  std::string_view yuan, wan_yuan;  // the money unit, as the unit line names it
  std::string_view note;            // before the headline under the table
  std::array<std::string_view, 4> signature;
};

/// The words of the HTML page that the workbook does not have, in one language.
struct page_words {
  std::string_view html_lang;                 // the page's lang attribute
  std::string_view window, window_to, as_of;  // 统计区间 … 至 …, 截至
  std::string_view compared_with;             // before the comparison's window
  std::string_view cases_unit, people_unit;   // after a count of cases, of people
  std::string_view support_total;             // every kind of support, summed
  std::string_view support_column;            // the same, heading a column of 万元
  std::string_view by_head, by_tail;          // around a dimension: （按区县）
  std::string_view support_by_kind, return_by_origin, backlog_by_age;
  std::string_view days, over;                         // an age bucket: 0–7天, 90天以上
  std::string_view groups, headlines, no_data;         // headings, and an empty chart
  std::string_view points;                             // after a change in percentage points
  std::string_view no_base;                            // a change against nothing
  std::string_view no_rate;                            // a rate against no rate
  std::string_view generated_by;                       // before the generator's name
  std::string_view page_head, page_middle, page_tail;  // 第 N 页 共 M 页
};

/// The words of `language`.
const words& words_for(report_language language);
const bulletin_words& bulletin_words_for(report_language language);
const office_words& office_words_for(report_language language);
const page_words& page_words_for(report_language language);

/// A date as the office form writes it: 2020年3月31日 (2020-03-31 in English).
std::string long_date(report_language language, date day);

/// The parts one after the other.
std::string concat(std::initializer_list<std::string_view> parts);

}  // namespace caseledger::detail
