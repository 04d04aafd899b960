// One class writes the eight sheets: they share its formats, widths, words, the merged-header
// bookkeeping and the office form's frame (title, unit line, 序号, signature), so it stays
// one file, one part per sheet (about 1,150 lines: the summary's columns, chosen by the
// layout, take 200 of them, the handling process's two sheets 170). How a sheet prints is
// planned in print_plan.hpp; the words, names and trend it shares with the HTML page are
// io/report_words, report_names, trend.
#include "io/xlsx/write/statistics_sheets.hpp"

#include <algorithm>
#include <array>
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
#include "io/report_names.hpp"
#include "io/report_words.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/print_plan.hpp"
#include "io/xlsx/write/workbook.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger::detail {
namespace {

/// Writes the statistics sheets of one report into sheets added beforehand (in
/// `planned_statistics_sheets`' order).
class statistics_writer {
 public:
  statistics_writer(const report& r, const ledger& book, const std::vector<trend_point>& trend,
                    const process_figures& process, const xlsx_options& options, const formats& f,
                    std::vector<xlsx_sheet>& sheets)
      : report_(r),
        book_(book),
        trend_(trend),
        process_(process),
        options_(options),
        words_(words_for(options.language)),
        process_words_(process_words_for(options.language)),
        bulletin_(bulletin_words_for(options.language)),
        office_(office_words_for(options.language)),
        formats_(f),
        sheets_(sheets) {}

  void write() {
    const std::vector<planned_sheet> planned = planned_statistics_sheets(
        report_.options, options_, process_.by_unit.has_value(), process_.shown);
    for (std::size_t i = 0; i < planned.size(); ++i) {
      xlsx_sheet& sheet = sheets_[i];
      switch (planned[i].process) {
        case process_sheet::units:
          write_units(sheet);
          continue;
        case process_sheet::overdue:
          write_overdue(sheet);
          continue;
        case process_sheet::none:
          break;
      }
      switch (planned[i].sheet) {
        case statistics_sheet::summary:
          write_summary(sheet);
          break;
        case statistics_sheet::by_category:
          write_by_category(sheet);
          break;
        case statistics_sheet::trend:
          write_trend(sheet);
          break;
        case statistics_sheet::support:
          write_support(sheet);
          break;
        case statistics_sheet::return_to_work:
          write_return_to_work(sheet);
          break;
        case statistics_sheet::alerts:
          write_alerts(sheet);
          break;
      }
    }
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

  /// Columns `amount` needs to show its value as `#,##0.00` does ("78,600,000.00", with
  /// the layout's decimals), so that no amount shows as "###".
  std::size_t amount_width(money value) const {
    const std::int64_t fen = value.fen() < 0 ? -value.fen() : value.fen();
    const std::int64_t whole = options_.money_in_wan ? fen / 1'000'000 : fen / 100;
    const std::size_t digits = std::to_string(whole).size();
    const auto decimals = static_cast<std::size_t>(options_.money_decimals);
    return (value.fen() < 0 ? 1 : 0) + digits + (digits - 1) / 3 +
           (decimals > 0 ? decimals + 1 : 0);
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

  std::string month_label(const std::string& key) const {
    return detail::month_label(options_.language, key);
  }

  std::string group_label(const report_group& group) const {
    return detail::group_label(report_, group, book_, options_.language);
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

  static constexpr std::size_t column_index(summary_column column) {
    return static_cast<std::size_t>(column);
  }

  // --- the two forms ------------------------------------------------------------------

  bool office() const { return options_.form == workbook_form::office; }

  /// The columns before a group table's labels: 序号 in the office form.
  std::uint16_t lead() const { return office() ? 1 : 0; }

  /// Columns 0 to `last` cut into at most `parts` runs as even as can be, left to right.
  static std::vector<std::pair<std::uint16_t, std::uint16_t>> spread(std::uint16_t last,
                                                                     std::size_t parts) {
    const std::size_t columns = std::size_t{last} + 1;
    parts = std::min(parts, columns);
    std::vector<std::pair<std::uint16_t, std::uint16_t>> runs;
    std::size_t first = 0;
    for (std::size_t i = 0; i < parts; ++i) {
      const std::size_t end = columns * (i + 1) / parts;  // one past the run's last column
      runs.emplace_back(static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(end - 1));
      first = end;
    }
    return runs;
  }

  static void span_text(xlsx_sheet& sheet, std::uint32_t row,
                        std::pair<std::uint16_t, std::uint16_t> run, std::string_view text,
                        cell_format format) {
    if (run.first == run.second) {
      sheet.text(row, run.first, text, format);
    } else {
      sheet.merged_text(row, run.first, row, run.second, text, format);
    }
  }

  /// The first rows of a sheet, over columns 0 to `last` (the first printed block): in the
  /// office form the title centred in row 0 and the unit line in row 1 (its money unit
  /// when the sheet shows `money`); in the data form the heading (`subject` and title).
  void top(xlsx_sheet& sheet, std::string_view subject, std::uint16_t last, bool money) {
    if (!office()) {
      heading(sheet, subject);
      return;
    }
    const std::string text =
        subject.empty() ? title() : concat({subject, words_.separator, title()});
    span_text(sheet, 0, {0, last}, text, formats_.office_title);
    sheet.row_height(0, 30);
    const auto runs = spread(last, 3);
    span_text(sheet, 1, runs.front(), concat({office_.reporting_unit, options_.unit_name}),
              formats_.unit_left);
    if (runs.size() < 3) return;  // a table of one or two columns has no room for more
    span_text(sheet, 1, runs[1],
              concat({office_.reporting_date, long_date(options_.language, report_.as_of)}),
              formats_.unit_center);
    if (money) {
      span_text(sheet, 1, runs[2],
                concat({office_.unit, options_.money_in_wan ? office_.wan_yuan : office_.yuan}),
                formats_.unit_right);
    }
  }

  /// The office form's signature line, over columns 0 to `last`, a blank row under the
  /// table's last row `row`. Returns the first row free under what was written.
  std::uint32_t signature(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t last) {
    if (!office()) return row + 1;
    std::vector<std::string> labels;
    if (options_.signature) {
      labels = *options_.signature;
    } else {
      labels.assign(office_.signature.begin(), office_.signature.end());
    }
    if (labels.empty()) return row + 1;
    const auto runs = spread(last, labels.size());
    const std::uint32_t line = row + 2;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      // With fewer columns than labels the last run takes the rest.
      std::string text = labels[i];
      for (std::size_t rest = runs.size(); i + 1 == runs.size() && rest < labels.size(); ++rest) {
        text += "    " + labels[rest];
      }
      span_text(sheet, line, runs[i], text, formats_.unit_left);
    }
    return line + 1;
  }

  // --- printing ------------------------------------------------------------------------

  /// The tables' font size in points: the office form's, or Excel's default.
  double table_font() const { return office() ? options_.font_size : 11.0; }

  /// Sets the sheet's printing: the header rows `first_header`–`last_header` repeated on
  /// every page (from the title on in the office form), the labels in columns 0 to `label`
  /// when it prints in blocks.
  void print(xlsx_sheet& sheet, const print_plan& plan, std::uint32_t first_header,
             std::uint32_t last_header, std::uint16_t label) {
    print_setup setup;
    setup.landscape = plan.landscape;
    setup.first_repeated_row = office() ? 0 : first_header;
    setup.last_repeated_row = last_header;
    if (!plan.breaks.empty()) {
      setup.last_repeated_column = label;
      setup.column_breaks = plan.breaks;
    }
    setup.footer = words_.page_footer;
    sheet.print(setup);
  }

  /// 序号 (office form) and the label of each row of a group table, measured before any
  /// row is written, so that the first printed block is known for the title.
  void measure_labels(column_widths& widths) {
    for (const report_group* group : rows()) widths.fit(lead(), group_label(*group));
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

  /// A summary column's header in the workbook's language, or the layout's label.
  std::string summary_header(const column_choice& choice) const {
    if (!choice.label.empty()) return choice.label;
    const auto at = [&](summary_column first) {
      return static_cast<std::size_t>(column_index(choice.column) - column_index(first));
    };
    switch (choice.column) {
      case summary_column::coordinated:
        return std::string(words_.coordinated);
      case summary_column::resolved:
        return std::string(words_.resolved);
      case summary_column::unresolvable:
        return std::string(words_.unresolvable);
      case summary_column::open:
        return std::string(words_.open);
      case summary_column::resolution_rate:
        return std::string(words_.resolution_rate);
      case summary_column::on_time_rate:
        return std::string(words_.on_time_rate);
      case summary_column::median_days:
        return std::string(words_.median_days);
      case summary_column::p90_days:
        return std::string(words_.p90_days);
      case summary_column::subsidy:
      case summary_column::fee_reduction:
      case summary_column::loan:
      case summary_column::allowance:
        return money_header(words_.money_kinds[at(summary_column::subsidy)]);
      case summary_column::workers:
        return std::string(words_.workers);
      case summary_column::supply_recipients:
        return std::string(words_.supply_recipients);
      case summary_column::resumption_rate:
        return std::string(words_.resumption_rate);
      case summary_column::service_team:
      case summary_column::party_team:
      case summary_column::instructor:
        return std::string(words_.team_kinds[at(summary_column::service_team)]);
    }
    return {};
  }

  /// Writes a group's figure of `column` into the summary.
  void summary_cell(xlsx_sheet& sheet, column_widths& widths, std::uint32_t row, std::uint16_t col,
                    summary_column column, const report_group& group) {
    const bool total = &group == &report_.total;
    const group_metrics& m = group.metrics;
    switch (column) {
      case summary_column::coordinated:
        return count(sheet, row, col, m.cases.coordinated, total);
      case summary_column::resolved:
        return count(sheet, row, col, m.cases.resolved, total);
      case summary_column::unresolvable:
        return count(sheet, row, col, m.cases.unresolvable, total);
      case summary_column::open:
        return count(
            sheet, row, col, m.cases.open(), total,
            alerted(group, alert_metric::open) || alerted(group, alert_metric::open_older_than));
      case summary_column::resolution_rate:
        return percent(sheet, row, col, m.cases.resolution_rate(), total,
                       alerted(group, alert_metric::resolution_rate));
      case summary_column::on_time_rate:
        return percent(sheet, row, col, m.cases.on_time_rate(), total,
                       alerted(group, alert_metric::on_time_rate));
      case summary_column::median_days:
        return optional_count(sheet, row, col, m.cases.days_to_resolve.percentile(50), total);
      case summary_column::p90_days:
        return optional_count(sheet, row, col, m.cases.days_to_resolve.percentile(90), total);
      case summary_column::subsidy:
      case summary_column::fee_reduction:
      case summary_column::loan:
      case summary_column::allowance: {
        const money value =
            m.support[column_index(column) - column_index(summary_column::subsidy)].amount;
        widths.fit_width(col, amount_width(value));
        return amount(sheet, row, col, value, total);
      }
      case summary_column::workers:
        return count(sheet, row, col, m.return_to_work.workers, total);
      case summary_column::supply_recipients: {
        name_set recipients;
        for (const auto& [item, supplies] : m.supplies) recipients.merge(supplies.recipients);
        return count(sheet, row, col, static_cast<std::int64_t>(recipients.size()), total);
      }
      case summary_column::resumption_rate:
        return percent(sheet, row, col, m.resumption.resumption_rate(), total,
                       alerted(group, alert_metric::resumption_rate));
      case summary_column::service_team:
      case summary_column::party_team:
      case summary_column::instructor:
        return count(sheet, row, col,
                     m.teams[column_index(column) - column_index(summary_column::service_team)],
                     total);
    }
  }

  /// The comparison's four columns of a group, from `col`.
  void summary_changes(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col,
                       const report_group& group) {
    const bool total = &group == &report_.total;
    const group_metrics& m = group.metrics;
    const group_metrics& base = group.comparison ? *group.comparison : group_metrics{};
    change(sheet, row, col++, compare_counts(m.cases.coordinated, base.cases.coordinated), total);
    change(sheet, row, col++, compare_counts(m.cases.resolved, base.cases.resolved), total);
    change(sheet, row, col++, compare_counts(m.cases.open(), base.cases.open()), total);
    points_change(sheet, row, col++, m.cases.resolution_rate(), base.cases.resolution_rate(),
                  total);
    if (!process_.shown) return;
    change(sheet, row, col++, compare_counts(m.cases.overdue_open, base.cases.overdue_open), total);
    points_change(sheet, row, col, m.cases.satisfaction_rate(), base.cases.satisfaction_rate(),
                  total);
  }

  /// A rate's change in percentage points; an empty cell when either rate has none.
  void points_change(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col, const rate& now,
                     const rate& before, bool total) {
    const std::optional<double> points = rate_change{now, before}.points();
    const cell_format format = total ? formats_.total_change_points : formats_.change_points;
    if (points) {
      sheet.number(row, col, *points, format);
    } else {
      sheet.blank(row, col, format);
    }
  }

  /// The summary's handling-process columns, in `process_cells`' order.
  std::array<std::string_view, 5> process_headers() const {
    return {process_words_.overdue_open, process_words_.extended, process_words_.follow_up_rate,
            process_words_.satisfaction_rate, process_words_.mean_workdays};
  }

  /// A group's handling-process figures in the summary from `col`: overdue open, extended,
  /// follow-up rate, satisfaction rate and the mean working days to resolve (an office's
  /// summary keeps the rates and leaves the counts behind them to the units sheet). Returns
  /// the column after them.
  std::uint16_t process_cells(xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col,
                              const report_group& group) {
    const bool total = &group == &report_.total;
    const case_metrics& cases = group.metrics.cases;
    count(sheet, row, col++, cases.overdue_open, total, alerted(group, alert_metric::overdue_open));
    count(sheet, row, col++, cases.extended, total);
    percent(sheet, row, col++, cases.follow_up_rate(), total,
            alerted(group, alert_metric::follow_up_rate));
    percent(sheet, row, col++, cases.satisfaction_rate(), total,
            alerted(group, alert_metric::satisfaction_rate));
    const cell_format mean = total ? formats_.total_decimal : formats_.decimal;
    if (const std::optional<double> days = cases.workdays_to_resolve.mean()) {
      sheet.number(row, col, *days, mean);
    } else {
      sheet.blank(row, col, mean);
    }
    return static_cast<std::uint16_t>(col + 1);
  }

  /// 概况 (the office's 汇总表): one row per group and the total, the columns the layout
  /// chose. The data form opens with the window and the software; the office form with
  /// its title and unit line, and closes with the headline and the signature line.
  void write_summary(xlsx_sheet& sheet) {
    const std::uint32_t header_row = office() ? 2 : 6;
    const std::uint16_t label_col = lead();
    const std::uint16_t first_figure = label_col + 1;
    std::vector<std::string> headers;
    if (office()) headers.emplace_back(office_.serial);
    headers.push_back(group_header());
    for (const column_choice& choice : options_.summary_columns) {
      headers.push_back(summary_header(choice));
    }
    if (process_.shown) {
      for (const std::string_view header : process_headers()) headers.emplace_back(header);
    }
    if (report_.comparison) {
      // The changes in columns of their own, after every column the summary always has.
      const std::string_view against =
          bulletin_.compare_kinds[enum_index(report_.comparison->kind)];
      headers.push_back(concat({words_.coordinated, against}));
      headers.push_back(concat({words_.resolved, against}));
      headers.push_back(concat({words_.open, against}));
      headers.push_back(concat({words_.resolution_rate, against, bulletin_.points}));
      if (process_.shown) {
        headers.push_back(concat({process_words_.overdue_open, against}));
        headers.push_back(concat({process_words_.satisfaction_rate, against, bulletin_.points}));
      }
    }
    const auto last_col = static_cast<std::uint16_t>(headers.size() - 1);

    column_widths widths(headers.size());
    if (!office()) widths.fit(0, words_.generator);
    for (std::size_t col = 0; col < headers.size(); ++col) {
      header(widths, header_row, static_cast<std::uint16_t>(col), headers[col]);
    }
    measure_labels(widths);
    for (std::size_t i = 0; i < options_.summary_columns.size(); ++i) {
      const summary_column column = options_.summary_columns[i].column;
      if (column_index(column) < column_index(summary_column::subsidy) ||
          column_index(column) > column_index(summary_column::allowance)) {
        continue;
      }
      for (const report_group* group : rows()) {
        widths.fit_width(
            first_figure + i,
            amount_width(
                group->metrics.support[column_index(column) - column_index(summary_column::subsidy)]
                    .amount));
      }
    }
    const print_plan plan =
        plan_print(widths, table_font(), label_col, each_column(first_figure, last_col));
    const bool money = std::any_of(
        options_.summary_columns.begin(), options_.summary_columns.end(), [](const auto& c) {
          return column_index(c.column) >= column_index(summary_column::subsidy) &&
                 column_index(c.column) <= column_index(summary_column::allowance);
        });

    const std::string& headline = report_.total.headline.in(options_.language);
    if (office()) {
      top(sheet, {}, plan.first_block_last, money);
    } else {
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
      if (!headline.empty()) {
        // The total's sentence opens the sheet, in the blank row above the table.
        sheet.merged_text(5, 0, 5, last_col, headline, formats_.wrapped);
        sheet.row_height(5, 36);
      }
    }
    flush_headers(sheet);
    sheet.row_height(header_row, 33);
    // In constant-memory mode rows above the last one written are gone: filter first.
    sheet.autofilter(header_row, 0, static_cast<std::uint32_t>(header_row + report_.groups.size()),
                     last_col);

    std::uint32_t row = header_row + 1;
    for (const report_group* group : rows()) {
      group_label_cell(sheet, widths, row, *group, row - header_row);
      std::uint16_t col = first_figure;
      for (const column_choice& choice : options_.summary_columns) {
        summary_cell(sheet, widths, row, col++, choice.column, *group);
      }
      if (process_.shown) col = process_cells(sheet, row, col, *group);
      if (report_.comparison) summary_changes(sheet, row, col, *group);
      ++row;
    }
    const std::uint32_t total_row = row - 1;
    std::uint32_t free_row = total_row + 1;
    if (office()) {
      if (!headline.empty()) {
        // The total's sentence under the table, as an office's 说明.
        const std::string note = concat({office_.note, headline});
        sheet.merged_text(free_row, 0, free_row, plan.first_block_last, note, formats_.wrapped);
        // As many lines as the text takes over the first block's width, 15 points each.
        std::size_t room = 0;
        for (std::uint16_t col = 0; col <= plan.first_block_last; ++col) room += widths.shown(col);
        const std::size_t lines = display_width(note) / std::max<std::size_t>(room, 1) + 1;
        sheet.row_height(free_row, 15.0 * static_cast<double>(lines) + 6);
        ++free_row;
      }
      free_row = signature(sheet, free_row - 1, plan.first_block_last);
    }
    widths.apply(sheet);
    sheet.freeze(header_row + 1, label_col + 1);
    print(sheet, plan, header_row, header_row, label_col);

    const auto rate_at = std::find_if(
        options_.summary_columns.begin(), options_.summary_columns.end(),
        [](const column_choice& c) { return c.column == summary_column::resolution_rate; });
    if (report_.groups.empty() || rate_at == options_.summary_columns.end()) return;
    const auto rate_col =
        static_cast<std::uint16_t>(first_figure + (rate_at - options_.summary_columns.begin()));
    chart_spec chart;
    chart.kind = chart_kind::column;
    chart.title = words_.chart_rate;
    chart.value_format = percent_format(report_.options.rate_decimals);
    chart.value_min = 0;  // columns from zero, or small differences look large
    chart.value_max = 1;
    chart_series_spec series;
    series.name = words_.resolution_rate;
    series.categories =
        range_reference(sheet.name(), header_row + 1, label_col, total_row - 1, label_col);
    series.values =
        range_reference(sheet.name(), header_row + 1, rate_col, total_row - 1, rate_col);
    series.data_labels = true;
    for (const report_group& group : report_.groups) {
      series.category_cache.push_back(group_label(group));
      series.value_cache.push_back(group.metrics.cases.resolution_rate().value());
    }
    chart.series.push_back(std::move(series));
    chart.x_scale = std::min(1.5, block_pixels(widths, plan) / chart_pixels);
    sheet.insert_chart(free_row + 1, 0, chart);
  }

  /// 责任单位: one row per lead unit of the ledger (and 未指定 for cases without one), then
  /// the total: its name, district (市级 for a city-level unit) and kind, then its cases'
  /// figures, from the report grouped by unit.
  void write_units(xlsx_sheet& sheet) {
    const report& by_unit = *process_.by_unit;
    const std::uint16_t first = lead();  // the unit's name
    const auto figure = [&](std::size_t i) { return static_cast<std::uint16_t>(first + 3 + i); };
    const std::array<std::string_view, 10> figure_headers = {words_.coordinated,
                                                             words_.resolved,
                                                             words_.open,
                                                             process_words_.overdue_open,
                                                             words_.on_time_rate,
                                                             process_words_.extended,
                                                             process_words_.follow_up_rate,
                                                             process_words_.satisfaction_rate,
                                                             process_words_.mean_workdays,
                                                             process_words_.co_handled};
    const auto last_col = figure(figure_headers.size() - 1);
    column_widths widths(std::size_t{last_col} + 1);
    if (office()) header(widths, 2, 0, office_.serial);
    header(widths, 2, first, process_words_.unit_name);
    header(widths, 2, static_cast<std::uint16_t>(first + 1), process_words_.unit_district);
    header(widths, 2, static_cast<std::uint16_t>(first + 2), process_words_.unit_kind);
    for (std::size_t i = 0; i < figure_headers.size(); ++i) {
      header(widths, 2, figure(i), figure_headers[i]);
    }
    // The rows' texts first: their widths decide how the sheet prints.
    std::vector<std::array<std::string, 3>> texts;
    for (const report_group& group : by_unit.groups) {
      std::array<std::string, 3> text{
          detail::group_label(by_unit, group, book_, options_.language), {}, {}};
      const unit* found = group.key.front() ? book_.find_unit(*group.key.front()) : nullptr;
      if (found != nullptr) {
        text[1] = found->district.empty()
                      ? std::string(process_words_.city_level)
                      : district_name(book_, options_.language, found->district);
        text[2] = found->kind;
      }
      for (std::size_t col = 0; col < 3; ++col) widths.fit(first + col, text[col]);
      texts.push_back(std::move(text));
    }
    widths.fit(first, words_.total);
    const print_plan plan =
        plan_print(widths, table_font(), first, each_column(first + 1, last_col));
    top(sheet, process_words_.units_sheet, plan.first_block_last, false);
    flush_headers(sheet);
    std::uint32_t row = 3;
    for (std::size_t g = 0; g <= by_unit.groups.size(); ++g) {
      const bool total = g == by_unit.groups.size();
      const report_group& group = total ? by_unit.total : by_unit.groups[g];
      if (office()) {
        if (total) {
          sheet.blank(row, 0, formats_.serial);
        } else {
          sheet.number(row, 0, static_cast<double>(g + 1), formats_.serial);
        }
      }
      if (total) {
        sheet.text(row, first, words_.total, formats_.total_label);
        for (std::uint16_t col = first + 1; col <= first + 2; ++col) {
          sheet.blank(row, col, formats_.total_label);
        }
      } else {
        for (std::uint16_t col = 0; col < 3; ++col) {
          sheet.text(row, static_cast<std::uint16_t>(first + col), texts[g][col], formats_.label);
        }
      }
      const case_metrics& cases = group.metrics.cases;
      count(sheet, row, figure(0), cases.coordinated, total);
      count(sheet, row, figure(1), cases.resolved, total);
      count(sheet, row, figure(2), cases.open(), total);
      count(sheet, row, figure(3), cases.overdue_open, total);
      percent(sheet, row, figure(4), cases.on_time_rate(), total);
      count(sheet, row, figure(5), cases.extended, total);
      percent(sheet, row, figure(6), cases.follow_up_rate(), total);
      percent(sheet, row, figure(7), cases.satisfaction_rate(), total);
      const cell_format mean = total ? formats_.total_decimal : formats_.decimal;
      if (const std::optional<double> days = cases.workdays_to_resolve.mean()) {
        sheet.number(row, figure(8), *days, mean);
      } else {
        sheet.blank(row, figure(8), mean);
      }
      count(sheet, row, figure(9), cases.co_handled, total);
      ++row;
    }
    signature(sheet, row - 1, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(3, first + 1);
    print(sheet, plan, 2, 2, first);
  }

  /// 超期未办结: the cases open at as-of past their effective due, most overdue first; a
  /// line saying there are none when none is (an office reports that too).
  void write_overdue(xlsx_sheet& sheet) {
    const std::uint16_t first = lead();  // the case id
    const auto at = [&](std::size_t i) { return static_cast<std::uint16_t>(first + i); };
    const std::array<std::string_view, 9> headers = {words_.case_id,
                                                     words_.district,
                                                     process_words_.unit,
                                                     words_.category,
                                                     words_.reported_on,
                                                     process_words_.effective_due,
                                                     process_words_.overdue_workdays,
                                                     process_words_.overdue_days,
                                                     words_.summary_text};
    constexpr std::size_t summary_col = 8;
    constexpr std::size_t summary_width = 40;
    column_widths widths(std::size_t{at(headers.size() - 1)} + 1);
    if (office()) header(widths, 2, 0, office_.serial);
    for (std::size_t i = 0; i < headers.size(); ++i) header(widths, 2, at(i), headers[i]);
    std::vector<std::array<std::string, 3>> texts;  // district, unit, category
    for (const overdue_case& c : process_.overdue) {
      std::array<std::string, 3> text{district_name(book_, options_.language, c.district),
                                      unit_name(book_, c.unit),
                                      std::string(words_.categories[enum_index(c.category)])};
      widths.fit(at(0), c.id);
      for (std::size_t col = 0; col < 3; ++col) widths.fit(at(col + 1), text[col]);
      texts.push_back(std::move(text));
    }
    for (std::size_t col = 4; col <= 5; ++col) widths.fit_width(at(col), 10);
    widths.set(at(summary_col), summary_width);
    const print_plan plan = plan_print(widths, table_font(), first, each_column(at(1), at(8)));
    top(sheet, process_words_.overdue_sheet, plan.first_block_last, false);
    flush_headers(sheet);
    std::uint32_t row = 3;
    if (process_.overdue.empty()) {
      sheet.text(row++, first, process_words_.no_overdue, formats_.label);
    }
    for (std::size_t i = 0; i < process_.overdue.size(); ++i) {
      const overdue_case& c = process_.overdue[i];
      if (office()) sheet.number(row, 0, static_cast<double>(i + 1), formats_.serial);
      sheet.text(row, at(0), c.id, formats_.label);
      for (std::size_t col = 0; col < 3; ++col) {
        sheet.text(row, at(col + 1), texts[i][col], formats_.label);
      }
      day(sheet, row, at(4), c.reported_on);
      day(sheet, row, at(5), c.due);
      optional_count(sheet, row, at(6), c.workdays, false);
      count(sheet, row, at(7), c.days, false);
      sheet.text(row, at(summary_col), c.summary, formats_.wrapped);
      ++row;
    }
    signature(sheet, row - 1, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(3, first + 1);
    print(sheet, plan, 2, 2, first);
  }

  /// 预警: every threshold a group crossed, one row each, in the report's order.
  void write_alerts(xlsx_sheet& sheet) {
    const std::array<std::string_view, 5> headers = {
        bulletin_.group, bulletin_.metric, bulletin_.condition, bulletin_.limit, bulletin_.value};
    column_widths widths(headers.size());
    for (std::size_t col = 0; col < headers.size(); ++col) {
      header(widths, 2, static_cast<std::uint16_t>(col), headers[col]);
    }
    // The rows' texts first: their widths decide how the sheet prints, which the title's
    // span follows.
    std::vector<std::array<std::string, 4>> texts;
    for (const alert& found : report_.alerts) {
      const alert_threshold& threshold = found.threshold;
      std::string label = key_text(report_, found.key, book_, options_.language);
      std::string metric = alert_metric_name(threshold, options_.language);
      std::string condition(threshold.below ? bulletin_.below : bulletin_.above);
      std::string limit = threshold.limit_text();
      widths.fit(0, label);
      widths.fit(1, metric);
      widths.fit(3, limit);
      texts.push_back(
          {std::move(label), std::move(metric), std::move(condition), std::move(limit)});
    }
    const print_plan plan = plan_print(widths, table_font(), 0, each_column(1, 4));
    top(sheet, bulletin_.alerts_sheet, plan.first_block_last, false);
    flush_headers(sheet);
    std::uint32_t row = 3;
    for (std::size_t i = 0; i < report_.alerts.size(); ++i) {
      const alert& found = report_.alerts[i];
      for (std::uint16_t col = 0; col < 4; ++col)
        sheet.text(row, col, texts[i][col], formats_.label);
      if (is_rate(found.threshold.metric)) {
        percent(sheet, row, 4, rate{found.num, found.den}, false, true);
      } else {
        count(sheet, row, 4, found.num, false, true);
      }
      ++row;
    }
    signature(sheet, row - 1, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(3, 1);
    print(sheet, plan, 2, 2, 0);
  }

  /// The 序号 (office form) and group columns of a sheet with two header rows (2 and 3),
  /// and its data rows from 4.
  void group_column_header(column_widths& widths) {
    if (office()) {
      // Only one header cell may span both rows (see `flush_headers`): the group's.
      header(widths, 2, 0, office_.serial);
      header(widths, 3, 0, "");
    }
    header(widths, 2, lead(), group_header(), 3, lead());
  }

  /// A row's 序号 (office form: `serial`, none on the total) and its group's label.
  void group_label_cell(xlsx_sheet& sheet, column_widths& widths, std::uint32_t row,
                        const report_group& group, std::uint32_t serial) {
    const bool total = &group == &report_.total;
    if (office()) {
      if (total) {
        sheet.blank(row, 0, formats_.serial);
      } else {
        sheet.number(row, 0, serial, formats_.serial);
      }
    }
    const std::string label = group_label(group);
    widths.fit(lead(), label);
    sheet.text(row, lead(), label, total ? formats_.total_label : formats_.label);
  }

  void write_by_category(xlsx_sheet& sheet) {
    const std::uint16_t label_col = lead();
    const auto first_of = [&](std::size_t c) {
      return static_cast<std::uint16_t>(label_col + 1 + 3 * c);
    };
    column_widths widths(first_of(enum_count<case_category>));
    group_column_header(widths);
    std::vector<std::uint16_t> blocks;
    for (std::size_t c = 0; c < enum_count<case_category>; ++c) {
      const std::uint16_t first = first_of(c);
      blocks.push_back(first);
      header(widths, 2, first, words_.categories[c], 2, static_cast<std::uint16_t>(first + 2));
      header(widths, 3, first, words_.coordinated);
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.resolved);
      header(widths, 3, static_cast<std::uint16_t>(first + 2), words_.rate);
    }
    measure_labels(widths);
    const print_plan plan = plan_print(widths, table_font(), label_col, blocks);
    top(sheet, words_.by_category, plan.first_block_last, false);
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      group_label_cell(sheet, widths, row, *group, row - 3);
      for (std::size_t c = 0; c < enum_count<case_category>; ++c) {
        const category_counts& counts = group->metrics.cases.by_category[c];
        const std::uint16_t first = first_of(c);
        count(sheet, row, first, counts.coordinated, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 1), counts.resolved, total);
        percent(sheet, row, static_cast<std::uint16_t>(first + 2),
                rate{counts.resolved, counts.coordinated}, total);
      }
      ++row;
    }
    signature(sheet, row - 1, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(4, label_col + 1);
    print(sheet, plan, 2, 3, label_col);
  }

  bool weekly_trend() const { return trend_counter::is_weekly(report_.options); }

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

  void write_trend(xlsx_sheet& sheet) {
    const bool weekly = weekly_trend();
    const std::vector<trend_point>& points = trend_;

    column_widths widths(4);
    header(widths, 2, 0, weekly ? words_.week : words_.month);
    header(widths, 2, 1, words_.reported);
    header(widths, 2, 2, weekly ? words_.resolved_in_week : words_.resolved_in_month);
    header(widths, 2, 3, words_.cumulative_rate);
    for (const trend_point& point : points) widths.fit(0, trend_label(point));
    widths.fit(0, words_.total);
    // The chart stands right of the table: 480 pixels and the empty column before it.
    constexpr double chart_points = 410;
    const print_plan plan =
        plan_print(widths, table_font(), 0, each_column(1, 3), points.empty() ? 0 : chart_points);
    top(sheet, words_.trend, plan.first_block_last, false);
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
    signature(sheet, row, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(3, 1);
    print(sheet, plan, 2, 2, 0);

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

  void write_support(xlsx_sheet& sheet) {
    const std::vector<std::string> items = supply_items();
    const std::size_t kinds = money_measure_kinds.size();
    const std::uint16_t label_col = lead();
    const auto kind_at = [&](std::size_t k) {
      return static_cast<std::uint16_t>(label_col + 1 + 3 * k);
    };
    const auto item_at = [&](std::size_t i) {
      return static_cast<std::uint16_t>(label_col + 1 + 3 * kinds + 2 * i);
    };
    column_widths widths(item_at(items.size()));
    group_column_header(widths);
    std::vector<std::uint16_t> blocks;
    for (std::size_t k = 0; k < kinds; ++k) {
      const std::uint16_t first = kind_at(k);
      blocks.push_back(first);
      header(widths, 2, first, words_.money_kinds[k], 2, static_cast<std::uint16_t>(first + 2));
      header(widths, 3, first, money_header(words_.amount));
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.count);
      header(widths, 3, static_cast<std::uint16_t>(first + 2), words_.beneficiaries);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::uint16_t first = item_at(i);
      blocks.push_back(first);
      header(widths, 2, first, concat({words_.supplies_prefix, items[i]}), 2,
             static_cast<std::uint16_t>(first + 1));
      header(widths, 3, first, words_.quantity);
      header(widths, 3, static_cast<std::uint16_t>(first + 1), words_.recipients);
    }
    measure_labels(widths);
    for (const report_group* group : rows()) {
      for (std::size_t k = 0; k < kinds; ++k) {
        widths.fit_width(kind_at(k), amount_width(group->metrics.support[k].amount));
      }
    }
    const print_plan plan = plan_print(widths, table_font(), label_col, blocks);
    top(sheet, words_.support, plan.first_block_last, true);
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      group_label_cell(sheet, widths, row, *group, row - 3);
      for (std::size_t k = 0; k < kinds; ++k) {
        const support_totals& support = group->metrics.support[k];
        const std::uint16_t first = kind_at(k);
        amount(sheet, row, first, support.amount, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 1), support.count, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 2),
              static_cast<std::int64_t>(support.beneficiaries.size()), total);
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::uint16_t first = item_at(i);
        const auto found = group->metrics.supplies.find(items[i]);
        const bool has = found != group->metrics.supplies.end();
        count(sheet, row, first, has ? found->second.quantity : 0, total);
        count(sheet, row, static_cast<std::uint16_t>(first + 1),
              has ? static_cast<std::int64_t>(found->second.recipients.size()) : 0, total);
      }
      ++row;
    }
    signature(sheet, row - 1, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(4, label_col + 1);
    print(sheet, plan, 2, 3, label_col);
  }

  void write_return_to_work(xlsx_sheet& sheet) {
    const std::size_t modes = enum_count<transport_mode>;
    const std::size_t origins = enum_count<worker_origin>;
    const std::uint16_t label_col = lead();
    const auto first_total = static_cast<std::uint16_t>(label_col + 1);
    const auto first_mode = static_cast<std::uint16_t>(label_col + 3);
    const auto first_origin = static_cast<std::uint16_t>(first_mode + modes);
    column_widths widths(first_origin + origins);
    group_column_header(widths);
    // One column merged over both header rows at most (the group's): constant-memory mode
    // writes a merged range row by row, so a second one could not go back to row 2.
    header(widths, 2, first_total, words_.total, 2, static_cast<std::uint16_t>(first_total + 1));
    header(widths, 3, first_total, words_.workers);
    header(widths, 3, static_cast<std::uint16_t>(first_total + 1), words_.trips);
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
    measure_labels(widths);
    const print_plan plan =
        plan_print(widths, table_font(), label_col, {first_total, first_mode, first_origin});
    top(sheet, words_.return_to_work, plan.first_block_last, false);
    flush_headers(sheet);
    std::uint32_t row = 4;
    for (const report_group* group : rows()) {
      const bool total = group == &report_.total;
      const transport_totals& transport = group->metrics.return_to_work;
      group_label_cell(sheet, widths, row, *group, row - 3);
      count(sheet, row, first_total, transport.workers, total);
      count(sheet, row, static_cast<std::uint16_t>(first_total + 1), transport.trips, total);
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
    const std::uint32_t free_row = signature(sheet, total_row, plan.first_block_last);
    widths.apply(sheet);
    sheet.freeze(4, label_col + 1);
    print(sheet, plan, 2, 3, label_col);

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
    chart.x_scale = std::min(1.0, block_pixels(widths, plan) / chart_pixels);
    sheet.insert_chart(free_row + 1, 0, chart);
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
  const process_figures& process_;
  const xlsx_options& options_;
  const words& words_;
  const process_words& process_words_;
  const bulletin_words& bulletin_;
  const office_words& office_;
  const formats& formats_;
  std::vector<xlsx_sheet>& sheets_;
  std::vector<header_cell> pending_headers_;
};

}  // namespace

void write_statistics_sheets(const report& r, const ledger& book,
                             const std::vector<trend_point>& trend, const process_figures& process,
                             const xlsx_options& options, const formats& f,
                             std::vector<xlsx_sheet>& sheets) {
  statistics_writer(r, book, trend, process, options, f, sheets).write();
}

}  // namespace caseledger::detail
