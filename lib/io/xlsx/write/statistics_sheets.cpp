// One class writes the six sheets: they share its formats, widths, words and the
// merged-header bookkeeping, so it stays one file of about 700 lines, one part per sheet.
#include "io/xlsx/write/statistics_sheets.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/version.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/words.hpp"
#include "io/xlsx/write/workbook.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger::detail {
namespace {

/// Writes the statistics sheets of one report into sheets added beforehand (in
/// `statistics_sheet_names`' order).
class statistics_writer {
 public:
  statistics_writer(const report& r, const ledger& book, const std::vector<trend_point>& trend,
                    const xlsx_options& options, const formats& f, std::vector<xlsx_sheet>& sheets)
      : report_(r),
        book_(book),
        trend_(trend),
        options_(options),
        words_(words_for(options.language)),
        bulletin_(bulletin_words_for(options.language)),
        formats_(f),
        sheets_(sheets) {}

  void write() {
    write_summary();
    write_by_category();
    write_trend();
    write_support();
    write_return_to_work();
    if (!report_.options.alerts.empty()) write_alerts();
  }

 private:
  // --- cells ---------------------------------------------------------------------------

  void count(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, std::int64_t value,
             bool total, bool alert = false) {
    const cell_format plain = total ? formats_.total_integer : formats_.integer;
    const cell_format marked = total ? formats_.total_alert_integer : formats_.alert_integer;
    sheet.number(row, col, static_cast<double>(value), alert ? marked : plain);
  }

  /// A count's change against the comparison period: ▲ 12, ▼ 3 or 0.
  void change(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, const count_change& value,
              bool total) {
    sheet.number(row, col, static_cast<double>(value.change),
                 total ? formats_.total_change : formats_.change);
  }

  void optional_count(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col,
                      std::optional<std::int32_t> value, bool total) {
    if (value) {
      count(sheet, row, col, *value, total);
    } else {
      sheet.blank(row, col, total ? formats_.total_integer : formats_.integer);
    }
  }

  /// The exact fraction as a number shown as a percentage; an empty cell when it has none.
  void percent(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, const rate& value,
               bool total, bool alert = false) {
    const cell_format plain = total ? formats_.total_percent : formats_.percent;
    const cell_format marked = total ? formats_.total_alert_percent : formats_.alert_percent;
    const cell_format format = alert ? marked : plain;
    if (value.den == 0) {
      sheet.blank(row, col, format);
    } else {
      sheet.number(row, col, static_cast<double>(value.num) / static_cast<double>(value.den),
                   format);
    }
  }

  void amount(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, money value, bool total) {
    const double fen = static_cast<double>(value.fen());
    sheet.number(row, col, options_.money_in_wan ? fen / 1'000'000.0 : fen / 100.0,
                 total ? formats_.total_money : formats_.money);
  }

  /// Columns `amount` needs to show its value as `#,##0.00` does ("78,600,000.00"), so
  /// that no amount shows as "###".
  std::size_t amount_width(money value) const {
    const std::int64_t fen = value.fen() < 0 ? -value.fen() : value.fen();
    const std::int64_t whole = options_.money_in_wan ? fen / 1'000'000 : fen / 100;
    const std::size_t digits = std::to_string(whole).size();
    return (value.fen() < 0 ? 1 : 0) + digits + (digits - 1) / 3 + 3;
  }

  void day(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, std::optional<date> value) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included), 25569 before
    // 1970-01-01.
    if (value) sheet.number(row, col, value->days_since_epoch() + 25569.0, formats_.date);
  }

  // --- words ---------------------------------------------------------------------------

  std::string money_header(std::string_view name) const {
    return concat({name, options_.money_in_wan ? words_.wan_yuan : words_.yuan});
  }

  std::string title() const { return workbook_title(report_, options_); }

  std::string group_header() const {
    std::string text;
    for (group_dimension dimension : report_.options.group_by) {
      if (!text.empty()) text += words_.separator;
      text += words_.dimensions[enum_index(dimension)];
    }
    return text;
  }

  std::string district_name(std::string_view id) const {
    return detail::district_name(book_, options_, id);
  }

  std::string team_name(std::string_view id) const { return detail::team_name(book_, id); }

  /// A key value in the workbook's language (Traditional Chinese is not among the
  /// report's own labels, so every language is built the same way from the key).
  std::string key_label(group_dimension dimension, const std::optional<std::string>& value) const {
    if (!value) return std::string(words_.none);
    switch (dimension) {
      case group_dimension::district:
        return district_name(*value);
      case group_dimension::category:
        if (auto c = enum_from_string<case_category>(*value)) {
          return std::string(words_.categories[enum_index(*c)]);
        }
        return *value;
      case group_dimension::channel:
        if (auto c = enum_from_string<case_channel>(*value)) {
          return std::string(words_.channels[enum_index(*c)]);
        }
        return *value;
      case group_dimension::month:
        return month_label(*value);
      case group_dimension::team:
        return team_name(*value);
    }
    return *value;
  }

  std::string month_label(const std::string& key) const {
    if (options_.language == report_language::en || key.size() != 7) return key;
    int month = 0;
    std::from_chars(key.data() + 5, key.data() + 7, month);
    return key.substr(0, 4) + "年" + std::to_string(month) + "月";
  }

  std::string group_label(const report_group& group) const {
    if (&group == &report_.total) return std::string(words_.total);
    if (options_.language == report_language::zh_hans && !group.label.zh.empty()) {
      return group.label.zh;
    }
    if (options_.language == report_language::en && !group.label.en.empty()) {
      return group.label.en;
    }
    std::string text;
    for (std::size_t i = 0; i < group.key.size() && i < report_.options.group_by.size(); ++i) {
      if (i > 0) text += words_.separator;
      text += key_label(report_.options.group_by[i], group.key[i]);
    }
    return text;
  }

  /// Groups then the total, the rows every statistics sheet has.
  std::vector<const report_group*> rows() const {
    std::vector<const report_group*> all;
    all.reserve(report_.groups.size() + 1);
    for (const report_group& group : report_.groups) all.push_back(&group);
    all.push_back(&report_.total);
    return all;
  }

  std::vector<std::string> supply_items() const {
    std::set<std::string> items;
    for (const report_group* group : rows()) {
      for (const auto& [item, totals] : group->metrics.supplies) items.insert(item);
    }
    return {items.begin(), items.end()};
  }

  /// Whether the group's figure crossed a threshold of this metric.
  bool alerted(const report_group& group, alert_metric metric) const {
    const bool total = &group == &report_.total;
    return std::any_of(report_.alerts.begin(), report_.alerts.end(), [&](const alert& found) {
      return found.threshold.metric == metric &&
             (total ? found.key.empty() : !found.key.empty() && found.key == group.key);
    });
  }

  // --- sheets --------------------------------------------------------------------------

  /// A statistics sheet's heading row (row 0): the sheet's subject and the report title.
  void heading(xlsx_sheet& sheet, std::string_view subject) {
    sheet.text(0, 0, concat({subject, words_.separator, title()}), formats_.heading);
  }

  /// A header cell spanning rows `row`–`last_row` and columns `col`–`last_col` (one cell
  /// when they are left out). Kept until `flush_headers`, which writes them in the order
  /// constant-memory mode needs.
  void header(column_widths& widths, std::uint32_t row, std::uint16_t col, std::string_view text,
              std::uint32_t last_row = 0, std::uint16_t last_col = 0) {
    last_row = std::max(last_row, row);
    last_col = std::max(last_col, col);
    pending_headers_.push_back({row, col, last_row, last_col, std::string(text)});
    if (last_col == col) {
      widths.fit_width(col, std::min<std::size_t>(display_width(text), 14));
    }
  }

  /// Writes the headers kept by `header`. A merged range writes every row it covers, and
  /// rows cannot be revisited in constant-memory mode: so a range ending on an earlier row
  /// goes first, and a range starting higher goes before one on its last row alone. That
  /// allows one range over both header rows per sheet.
  void flush_headers(xlsx_sheet& sheet) {
    const auto spanning_rows =
        std::count_if(pending_headers_.begin(), pending_headers_.end(),
                      [](const header_cell& cell) { return cell.last_row != cell.row; });
    if (spanning_rows > 1) {
      // libxlsxwriter would drop the second one's text without an error.
      throw std::logic_error("xlsx: more than one header cell spans two rows in a sheet");
    }
    std::stable_sort(pending_headers_.begin(), pending_headers_.end(),
                     [](const header_cell& a, const header_cell& b) {
                       if (a.last_row != b.last_row) return a.last_row < b.last_row;
                       return a.row < b.row;
                     });
    for (const header_cell& cell : pending_headers_) {
      sheet.merged_text(cell.row, cell.col, cell.last_row, cell.last_col, cell.text,
                        formats_.header);
    }
    pending_headers_.clear();
  }

  void write_summary() {
    xlsx_sheet& sheet = sheets_[0];
    sheet.text(0, 0, title(), formats_.title);
    sheet.row_height(0, 24);
    sheet.text(1, 0, words_.from, formats_.heading);
    day(sheet, 1, 1, report_.options.from);
    sheet.text(2, 0, words_.to, formats_.heading);
    day(sheet, 2, 1, report_.options.to);
    sheet.text(3, 0, words_.as_of, formats_.heading);
    day(sheet, 3, 1, report_.as_of);
    sheet.text(4, 0, words_.generator, formats_.heading);
    sheet.text(4, 1, generator_name);

    constexpr std::uint32_t header_row = 6;
    const std::string& headline = report_.total.headline.in(options_.language);
    std::vector<std::string> headers = {group_header(),
                                        std::string(words_.coordinated),
                                        std::string(words_.resolved),
                                        std::string(words_.unresolvable),
                                        std::string(words_.open),
                                        std::string(words_.resolution_rate),
                                        std::string(words_.on_time_rate),
                                        std::string(words_.median_days),
                                        std::string(words_.p90_days)};
    for (std::string_view kind : words_.money_kinds) headers.push_back(money_header(kind));
    headers.emplace_back(words_.workers);
    headers.emplace_back(words_.supply_recipients);
    headers.emplace_back(words_.resumption_rate);
    for (std::string_view kind : words_.team_kinds) headers.emplace_back(kind);
    if (report_.comparison) {
      // The changes in columns of their own, after every column the summary always has.
      const std::string_view against =
          bulletin_.compare_kinds[enum_index(report_.comparison->kind)];
      headers.push_back(concat({words_.coordinated, against}));
      headers.push_back(concat({words_.resolved, against}));
      headers.push_back(concat({words_.open, against}));
      headers.push_back(concat({words_.resolution_rate, against, bulletin_.points}));
    }
    const auto last_col = static_cast<std::uint16_t>(headers.size() - 1);
    if (!headline.empty()) {
      // The total's sentence opens the sheet, in the blank row above the table.
      sheet.merged_text(5, 0, 5, last_col, headline, formats_.wrapped);
      sheet.row_height(5, 36);
    }

    column_widths widths(headers.size());
    widths.fit(0, words_.generator);
    for (std::size_t col = 0; col < headers.size(); ++col) {
      header(widths, header_row, static_cast<std::uint16_t>(col), headers[col]);
    }
    flush_headers(sheet);
    sheet.row_height(header_row, 33);
    // In constant-memory mode rows above the last one written are gone: filter first.
    sheet.autofilter(header_row, 0, static_cast<std::uint32_t>(header_row + report_.groups.size()),
                     static_cast<std::uint16_t>(headers.size() - 1));

    std::uint32_t row = header_row + 1;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      const group_metrics& m = group->metrics;
      const std::string label = group_label(*group);
      widths.fit(0, label);
      sheet.text(row, 0, label, total ? formats_.total_label : formats_.label);
      std::uint16_t col = 1;
      count(sheet, row, col++, m.cases.coordinated, total);
      count(sheet, row, col++, m.cases.resolved, total);
      count(sheet, row, col++, m.cases.unresolvable, total);
      const bool open_alert =
          alerted(*group, alert_metric::open) || alerted(*group, alert_metric::open_older_than);
      count(sheet, row, col++, m.cases.open(), total, open_alert);
      percent(sheet, row, col++, m.cases.resolution_rate(), total,
              alerted(*group, alert_metric::resolution_rate));
      percent(sheet, row, col++, m.cases.on_time_rate(), total,
              alerted(*group, alert_metric::on_time_rate));
      optional_count(sheet, row, col++, m.cases.days_to_resolve.percentile(50), total);
      optional_count(sheet, row, col++, m.cases.days_to_resolve.percentile(90), total);
      for (const support_totals& support : m.support) {
        widths.fit_width(col, amount_width(support.amount));
        amount(sheet, row, col++, support.amount, total);
      }
      count(sheet, row, col++, m.return_to_work.workers, total);
      name_set recipients;
      for (const auto& [item, supplies] : m.supplies) recipients.merge(supplies.recipients);
      count(sheet, row, col++, static_cast<std::int64_t>(recipients.size()), total);
      percent(sheet, row, col++, m.resumption.resumption_rate(), total,
              alerted(*group, alert_metric::resumption_rate));
      for (std::int64_t teams : m.teams) count(sheet, row, col++, teams, total);
      if (report_.comparison) {
        const group_metrics& base = group->comparison ? *group->comparison : group_metrics{};
        change(sheet, row, col++, compare_counts(m.cases.coordinated, base.cases.coordinated),
               total);
        change(sheet, row, col++, compare_counts(m.cases.resolved, base.cases.resolved), total);
        change(sheet, row, col++, compare_counts(m.cases.open(), base.cases.open()), total);
        const std::optional<double> points =
            rate_change{m.cases.resolution_rate(), base.cases.resolution_rate()}.points();
        const cell_format format = total ? formats_.total_change_points : formats_.change_points;
        if (points) {
          sheet.number(row, col++, *points, format);
        } else {
          sheet.blank(row, col++, format);
        }
      }
      ++row;
    }
    const std::uint32_t total_row = row - 1;
    widths.apply(sheet);
    sheet.freeze(header_row + 1, 1);
    sheet.print_a4_landscape(header_row, header_row, words_.page_footer);

    if (!report_.groups.empty()) {
      chart_spec chart;
      chart.kind = chart_kind::column;
      chart.title = words_.chart_rate;
      chart.value_format = percent_format(report_.options.rate_decimals);
      chart.value_min = 0;  // columns from zero, or small differences look large
      chart.value_max = 1;
      chart_series_spec series;
      series.name = words_.resolution_rate;
      series.categories = range_reference(sheet.name(), header_row + 1, 0, total_row - 1, 0);
      series.values = range_reference(sheet.name(), header_row + 1, 5, total_row - 1, 5);
      series.data_labels = true;
      for (const report_group& group : report_.groups) {
        series.category_cache.push_back(group_label(group));
        series.value_cache.push_back(group.metrics.cases.resolution_rate().value());
      }
      chart.series.push_back(std::move(series));
      chart.x_scale = 1.5;
      sheet.insert_chart(total_row + 2, 0, chart);
    }
  }

  /// 预警: every threshold a group crossed, one row each, in the report's order.
  void write_alerts() {
    xlsx_sheet& sheet = sheets_[5];
    heading(sheet, bulletin_.alerts_sheet);
    const std::array<std::string_view, 5> headers = {
        bulletin_.group, bulletin_.metric, bulletin_.condition, bulletin_.limit, bulletin_.value};
    column_widths widths(headers.size());
    for (std::size_t col = 0; col < headers.size(); ++col) {
      header(widths, 2, static_cast<std::uint16_t>(col), headers[col]);
    }
    flush_headers(sheet);
    std::uint32_t row = 3;
    for (const alert& found : report_.alerts) {
      const alert_threshold& threshold = found.threshold;
      std::string label;
      if (found.key.empty()) {
        label = words_.total;
      } else {
        for (std::size_t i = 0; i < found.key.size() && i < report_.options.group_by.size(); ++i) {
          if (i > 0) label += words_.separator;
          label += key_label(report_.options.group_by[i], found.key[i]);
        }
      }
      std::string metric(bulletin_.metrics[enum_index(threshold.metric)]);
      if (threshold.metric == alert_metric::open_older_than) {
        metric += concat(
            {bulletin_.older_than_head, std::to_string(threshold.days), bulletin_.older_than_tail});
      }
      const std::string condition(threshold.below ? bulletin_.below : bulletin_.above);
      const std::string limit = threshold.limit_text();
      widths.fit(0, label);
      widths.fit(1, metric);
      widths.fit(3, limit);
      sheet.text(row, 0, label, formats_.label);
      sheet.text(row, 1, metric, formats_.label);
      sheet.text(row, 2, condition, formats_.label);
      sheet.text(row, 3, limit, formats_.label);
      if (is_rate(threshold.metric)) {
        percent(sheet, row, 4, rate{found.num, found.den}, false, true);
      } else {
        count(sheet, row, 4, found.num, false, true);
      }
      ++row;
    }
    widths.apply(sheet);
    sheet.freeze(3, 1);
    sheet.print_a4_landscape(2, 2, words_.page_footer);
  }

  /// The group column of a sheet with two header rows (2 and 3), and its data rows from 4.
  void group_column_header(column_widths& widths) { header(widths, 2, 0, group_header(), 3, 0); }

  void group_label_cell(xlsx_sheet& sheet, column_widths& widths, std::uint32_t row,
                        const report_group& group) {
    const std::string label = group_label(group);
    widths.fit(0, label);
    sheet.text(row, 0, label, &group == &report_.total ? formats_.total_label : formats_.label);
  }

  void write_by_category() {
    xlsx_sheet& sheet = sheets_[1];
    heading(sheet, words_.by_category);
    const std::size_t columns = 1 + 3 * enum_count<case_category>;
    column_widths widths(columns);
    group_column_header(widths);
    for (std::size_t c = 0; c < enum_count<case_category>; ++c) {
      const auto first = static_cast<std::uint16_t>(1 + 3 * c);
      header(widths, 2, first, words_.categories[c], 2, static_cast<std::uint16_t>(first + 2));
      header(widths, 3, first, words_.coordinated);
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.resolved);
      header(widths, 3, static_cast<std::uint16_t>(first + 2), words_.rate);
    }
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      group_label_cell(sheet, widths, row, *group);
      for (std::size_t c = 0; c < enum_count<case_category>; ++c) {
        const category_counts& counts = group->metrics.cases.by_category[c];
        const auto first = static_cast<std::uint16_t>(1 + 3 * c);
        count(sheet, row, first, counts.coordinated, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 1), counts.resolved, total);
        percent(sheet, row, static_cast<std::uint16_t>(first + 2),
                rate{counts.resolved, counts.coordinated}, total);
      }
      ++row;
    }
    widths.apply(sheet);
    sheet.freeze(4, 1);
    sheet.print_a4_landscape(2, 3, words_.page_footer);
  }

  bool weekly_trend() const {
    return report_.options.to - report_.options.from + 1 <= trend_counter::weekly_max_days;
  }

  /// A point's label: its month, or its week's first and last day.
  std::string trend_label(const trend_point& point) const {
    return weekly_trend() ? week_label(point.start, point.end)
                          : month_label(point.start.month_key());
  }

  std::string week_label(date start, date end) const {
    if (options_.language == report_language::en) {
      return start.to_string().substr(5) + "–" + end.to_string().substr(5);
    }
    const auto day = [](date d) {
      return std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
    };
    return day(start) + "–" + day(end);
  }

  void write_trend() {
    xlsx_sheet& sheet = sheets_[2];
    heading(sheet, words_.trend);
    const bool weekly = weekly_trend();
    const std::vector<trend_point>& points = trend_;

    column_widths widths(4);
    header(widths, 2, 0, weekly ? words_.week : words_.month);
    header(widths, 2, 1, words_.reported);
    header(widths, 2, 2, weekly ? words_.resolved_in_week : words_.resolved_in_month);
    header(widths, 2, 3, words_.cumulative_rate);
    flush_headers(sheet);
    sheet.row_height(2, 33);
    std::uint32_t row = 3;
    std::int64_t coordinated = 0;
    std::int64_t resolved = 0;
    for (const trend_point& point : points) {
      const std::string label = trend_label(point);
      widths.fit(0, label);
      sheet.text(row, 0, label, formats_.label);
      count(sheet, row, 1, point.coordinated, false);
      count(sheet, row, 2, point.resolved_in_period, false);
      coordinated += point.coordinated;
      resolved += point.resolved;
      percent(sheet, row, 3, rate{resolved, coordinated}, false);
      ++row;
    }
    const std::uint32_t last_point_row = row - 1;
    const case_metrics& total = report_.total.metrics.cases;
    widths.fit(0, words_.total);
    sheet.text(row, 0, words_.total, formats_.total_label);
    count(sheet, row, 1, total.coordinated, true);
    count(sheet, row, 2, total.resolved_in_window, true);
    percent(sheet, row, 3, total.resolution_rate(), true);
    widths.apply(sheet);
    sheet.freeze(3, 1);
    sheet.print_a4_landscape(2, 2, words_.page_footer);

    if (points.empty()) return;
    chart_spec chart;
    chart.kind = chart_kind::line;
    chart.title = words_.chart_trend;
    for (const std::uint16_t col : {std::uint16_t{1}, std::uint16_t{2}}) {
      chart_series_spec series;
      series.name = col == 1 ? words_.reported
                             : (weekly ? words_.resolved_in_week : words_.resolved_in_month);
      series.categories = range_reference(sheet.name(), 3, 0, last_point_row, 0);
      series.values = range_reference(sheet.name(), 3, col, last_point_row, col);
      for (const trend_point& point : points) {
        series.category_cache.push_back(trend_label(point));
        series.value_cache.emplace_back(
            static_cast<double>(col == 1 ? point.coordinated : point.resolved_in_period));
      }
      chart.series.push_back(std::move(series));
    }
    sheet.insert_chart(2, 5, chart);
  }

  void write_support() {
    xlsx_sheet& sheet = sheets_[3];
    heading(sheet, words_.support);
    const std::vector<std::string> items = supply_items();
    const std::size_t kinds = money_measure_kinds.size();
    column_widths widths(1 + 3 * kinds + 2 * items.size());
    group_column_header(widths);
    for (std::size_t k = 0; k < kinds; ++k) {
      const auto first = static_cast<std::uint16_t>(1 + 3 * k);
      header(widths, 2, first, words_.money_kinds[k], 2, static_cast<std::uint16_t>(first + 2));
      header(widths, 3, first, money_header(words_.amount));
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.count);
      header(widths, 3, static_cast<std::uint16_t>(first + 2), words_.beneficiaries);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto first = static_cast<std::uint16_t>(1 + 3 * kinds + 2 * i);
      header(widths, 2, first, concat({words_.supplies_prefix, items[i]}), 2,
             static_cast<std::uint16_t>(first + 1));
      header(widths, 3, first, words_.quantity);
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.recipients);
    }
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      group_label_cell(sheet, widths, row, *group);
      for (std::size_t k = 0; k < kinds; ++k) {
        const support_totals& support = group->metrics.support[k];
        const auto first = static_cast<std::uint16_t>(1 + 3 * k);
        amount(sheet, row, first, support.amount, total);
        widths.fit_width(first, amount_width(support.amount));
        count(sheet, row, static_cast<std::uint16_t>(first + 1), support.count, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 2),
              static_cast<std::int64_t>(support.beneficiaries.size()), total);
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const auto first = static_cast<std::uint16_t>(1 + 3 * kinds + 2 * i);
        const auto found = group->metrics.supplies.find(items[i]);
        const bool has = found != group->metrics.supplies.end();
        count(sheet, row, first, has ? found->second.quantity : 0, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 1),
              has ? static_cast<std::int64_t>(found->second.recipients.size()) : 0, total);
      }
      ++row;
    }
    widths.apply(sheet);
    sheet.freeze(4, 1);
    sheet.print_a4_landscape(2, 3, words_.page_footer);
  }

  void write_return_to_work() {
    xlsx_sheet& sheet = sheets_[4];
    heading(sheet, words_.return_to_work);
    const std::size_t modes = enum_count<transport_mode>;
    const std::size_t origins = enum_count<worker_origin>;
    column_widths widths(3 + modes + origins);
    group_column_header(widths);
    // One column merged over both header rows at most (the group's): constant-memory mode
    // writes a merged range row by row, so a second one could not go back to row 2.
    header(widths, 2, 1, words_.total, 2, 2);
    header(widths, 3, 1, words_.workers);
    header(widths, 3, 2, words_.trips);
    const auto first_mode = static_cast<std::uint16_t>(3);
    const auto first_origin = static_cast<std::uint16_t>(3 + modes);
    header(widths, 2, first_mode, words_.by_mode, 2,
           static_cast<std::uint16_t>(first_mode + modes - 1));
    for (std::size_t m = 0; m < modes; ++m) {
      header(widths, 3, static_cast<std::uint16_t>(first_mode + m), words_.modes[m]);
    }
    header(widths, 2, first_origin, words_.by_origin, 2,
           static_cast<std::uint16_t>(first_origin + origins - 1));
    for (std::size_t o = 0; o < origins; ++o) {
      header(widths, 3, static_cast<std::uint16_t>(first_origin + o), words_.origins[o]);
    }
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      const transport_totals& transport = group->metrics.return_to_work;
      group_label_cell(sheet, widths, row, *group);
      count(sheet, row, 1, transport.workers, total);
      count(sheet, row, 2, transport.trips, total);
      for (std::size_t m = 0; m < modes; ++m) {
        count(sheet, row, static_cast<std::uint16_t>(first_mode + m), transport.by_mode[m], total);
      }
      for (std::size_t o = 0; o < origins; ++o) {
        count(sheet, row, static_cast<std::uint16_t>(first_origin + o), transport.by_origin[o],
              total);
      }
      ++row;
    }
    const std::uint32_t total_row = row - 1;
    widths.apply(sheet);
    sheet.freeze(4, 1);
    sheet.print_a4_landscape(2, 3, words_.page_footer);

    chart_spec chart;
    chart.kind = chart_kind::bar;
    chart.title = words_.chart_return;
    chart_series_spec series;
    series.name = words_.workers;
    const auto last_mode = static_cast<std::uint16_t>(first_mode + modes - 1);
    series.categories = range_reference(sheet.name(), 3, first_mode, 3, last_mode);
    series.values = range_reference(sheet.name(), total_row, first_mode, total_row, last_mode);
    series.data_labels = true;
    for (std::size_t m = 0; m < modes; ++m) {
      series.category_cache.emplace_back(words_.modes[m]);
      series.value_cache.emplace_back(
          static_cast<double>(report_.total.metrics.return_to_work.by_mode[m]));
    }
    chart.series.push_back(std::move(series));
    sheet.insert_chart(total_row + 2, 0, chart);
  }

  struct header_cell {
    std::uint32_t row;
    std::uint16_t col;
    std::uint32_t last_row;
    std::uint16_t last_col;
    std::string text;
  };

  const report& report_;
  const ledger& book_;  // names of districts, enterprises, projects and teams
  const std::vector<trend_point>& trend_;
  const xlsx_options& options_;
  const words& words_;
  const bulletin_words& bulletin_;
  const formats& formats_;
  std::vector<xlsx_sheet>& sheets_;
  std::vector<header_cell> pending_headers_;
};

}  // namespace

void write_statistics_sheets(const report& r, const ledger& book,
                             const std::vector<trend_point>& trend, const xlsx_options& options,
                             const formats& f, std::vector<xlsx_sheet>& sheets) {
  statistics_writer(r, book, trend, options, f, sheets).write();
}

}  // namespace caseledger::detail
