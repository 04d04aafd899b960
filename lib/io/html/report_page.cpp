#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/html_report.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/version.hpp"
#include "io/html/markup.hpp"
#include "io/html/page.hpp"
#include "io/process_shown.hpp"
#include "io/report_names.hpp"
#include "io/report_words.hpp"
#include "util/decimal.hpp"

namespace caseledger::detail {
namespace {

/// One bar of a chart: its label, its length as a share of the longest (0 to 1), the
/// figure as the page shows it, and a second bar beside it for charts of two series.
struct bar {
  std::string label;
  double share = 0;
  std::string value;
  std::optional<double> second_share{};
  bool alert = false;
};

/// A share written for an SVG length in a 0–100 box, with two decimals and no locale.
std::string svg_length(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", 100.0 * std::clamp(share, 0.0, 1.0));
  return text;
}

/// `part` of `whole` as a bar's share; 0 when the whole is 0.
double share_of(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

std::string count_text(std::int64_t value) { return group_thousands(std::to_string(value)); }

/// Writes the page. Every figure comes from the report as the JSON report and the workbook
/// show it: counts, rates' display strings, amounts in 万元 from the exact fen.
class page_writer {
 public:
  explicit page_writer(const page_content& content)
      : r_(content.r),
        names_(content.names),
        trend_(content.trend),
        options_(content.options),
        words_(words_for(options_.language)),
        bulletin_(bulletin_words_for(options_.language)),
        process_words_(process_words_for(options_.language)),
        page_(page_words_for(options_.language)),
        process_(shows_process(r_, names_)) {}

  std::string title() const { return report_title(r_, options_.language, options_.title); }
  const page_words& page() const { return page_; }

  std::string body() {
    out_ += "<div class=\"caseledger\" lang=\"";
    out_ += page_.html_lang;
    out_ += "\">\n<style>";
    out_ += page_style;
    out_ += "</style>\n";
    header();
    headlines();
    figures();
    alerts();
    charts();
    table();
    out_ += "<footer>";
    text(page_.generated_by);
    text(generator_name);
    out_ += "</footer>\n</div>\n";
    return std::move(out_);
  }

 private:
  void text(std::string_view t) { append_escaped(out_, t); }

  /// `<tag attributes>text</tag>`, the text escaped; `attributes` are the writer's own.
  void element(std::string_view tag, std::string_view attributes, std::string_view content) {
    out_ += '<';
    out_ += tag;
    if (!attributes.empty()) {
      out_ += ' ';
      out_ += attributes;
    }
    out_ += '>';
    text(content);
    out_ += "</";
    out_ += tag;
    out_ += ">";
  }

  std::string rate_text(const rate& value) const {
    return value.display(r_.options.rate_decimals).value_or("—");
  }

  std::string amount_text(money value) const {
    return group_thousands(value.to_wan_string(options_.money_decimals));
  }

  std::string group_name(const report_group& group) const {
    return group_label(r_, group, names_, options_.language);
  }

  bool alerted(const report_group& group, std::initializer_list<alert_metric> metrics) const {
    return std::any_of(r_.alerts.begin(), r_.alerts.end(), [&](const alert& found) {
      return found.key == group.key &&
             std::find(metrics.begin(), metrics.end(), found.threshold.metric) != metrics.end();
    });
  }

  static money support_total(const group_metrics& m) {
    money sum;
    for (const support_totals& kind : m.support) sum += kind.amount;
    return sum;
  }

  std::string window_text(date from, date to) const {
    return concat({from.to_string(), page_.window_to, to.to_string()});
  }

  void header() {
    out_ += "<header>";
    element("h1", "", title());
    out_ += "\n<p class=\"meta\">";
    text(concat({page_.window, window_text(r_.options.from, r_.options.to), words_.separator,
                 page_.as_of, r_.as_of.to_string()}));
    if (r_.comparison) {
      text(concat({words_.separator, page_.compared_with,
                   bulletin_.compare_kinds[enum_index(r_.comparison->kind)], " ",
                   window_text(r_.comparison->from, r_.comparison->to)}));
    }
    out_ += "</p></header>\n";
  }

  void headlines() {
    element("p", "class=\"headline\"", r_.total.headline.in(options_.language));
    out_ += '\n';
    if (r_.groups.empty()) return;
    out_ += "<ul class=\"group-headlines\" aria-label=\"";
    text(page_.headlines);
    out_ += "\">\n";
    for (const report_group& group : r_.groups) {
      element("li", "", group.headline.in(options_.language));
      out_ += '\n';
    }
    out_ += "</ul>\n";
  }

  /// A change against the comparison period: ▲ or ▼ and its size, = for none, or `none`
  /// when there is nothing to compare with.
  void change(const std::optional<std::string>& signed_text, std::string_view unit,
              std::string_view none) {
    out_ += "<div class=\"change\">";
    std::string shown;
    if (!signed_text) {
      shown = std::string(none);
    } else if (signed_text->front() == '+') {
      shown = concat({"▲ ", std::string_view(*signed_text).substr(1), unit});
    } else if (signed_text->front() == '-') {
      shown = concat({"▼ ", std::string_view(*signed_text).substr(1), unit});
    } else {
      shown = concat({"= ", *signed_text, unit});
    }
    text(concat({bulletin_.compare_kinds[enum_index(r_.comparison->kind)], " ", shown}));
    out_ += "</div>";
  }

  /// A key figure's card; `unit` follows the figure; `figure` names it for programs.
  void card(std::string_view name, std::string_view figure, const std::string& value,
            std::string_view unit) {
    out_ += "<div class=\"figure\"><div class=\"figure-name\">";
    text(name);
    out_ += "</div><div class=\"figure-value\"><span data-figure=\"";
    out_ += figure;
    out_ += "\">";
    text(value);
    out_ += "</span>";
    if (!unit.empty()) element("span", "class=\"unit\"", unit);
    out_ += "</div>";
  }

  void count_card(std::string_view name, std::string_view figure,
                  std::int64_t (*of)(const group_metrics&), std::string_view unit) {
    card(name, figure, count_text(of(r_.total.metrics)), unit);
    if (r_.total.comparison) {
      change(compare_counts(of(r_.total.metrics), of(*r_.total.comparison)).relative_display(1), "",
             page_.no_base);
    }
    out_ += "</div>\n";
  }

  void rate_card(std::string_view name, std::string_view figure, rate (*of)(const group_metrics&)) {
    card(name, figure, rate_text(of(r_.total.metrics)), "");
    if (r_.total.comparison) {
      change(rate_change{of(r_.total.metrics), of(*r_.total.comparison)}.points_display(
                 r_.options.rate_decimals),
             page_.points, page_.no_rate);
    }
    out_ += "</div>\n";
  }

  void figures() {
    const group_metrics& m = r_.total.metrics;
    out_ += "<section class=\"figures\">\n";
    count_card(
        words_.coordinated, "coordinated",
        [](const group_metrics& g) { return g.cases.coordinated; }, page_.cases_unit);
    count_card(
        words_.resolved, "resolved", [](const group_metrics& g) { return g.cases.resolved; },
        page_.cases_unit);
    count_card(
        words_.open, "open", [](const group_metrics& g) { return g.cases.open(); },
        page_.cases_unit);
    rate_card(words_.resolution_rate, "resolution_rate",
              [](const group_metrics& g) { return g.cases.resolution_rate(); });
    rate_card(words_.on_time_rate, "on_time_rate",
              [](const group_metrics& g) { return g.cases.on_time_rate(); });
    if (process_) {
      count_card(
          process_words_.overdue_open, "overdue_open",
          [](const group_metrics& g) { return g.cases.overdue_open; }, page_.cases_unit);
      rate_card(process_words_.satisfaction_rate, "satisfaction_rate",
                [](const group_metrics& g) { return g.cases.satisfaction_rate(); });
    }
    const std::optional<std::int32_t> median = m.cases.days_to_resolve.percentile(50);
    card(words_.median_days, "median_days", median ? count_text(*median) : "—",
         median ? page_.days : "");
    out_ += "</div>\n";
    card(page_.support_total, "support_total", amount_text(support_total(m)),
         office_words_for(options_.language).wan_yuan);
    if (r_.total.comparison) {
      change(
          compare_money(support_total(m), support_total(*r_.total.comparison)).relative_display(1),
          "", page_.no_base);
    }
    out_ += "</div>\n";
    count_card(
        words_.workers, "workers", [](const group_metrics& g) { return g.return_to_work.workers; },
        page_.people_unit);
    rate_card(words_.resumption_rate, "resumption_rate",
              [](const group_metrics& g) { return g.resumption.resumption_rate(); });
    out_ += "</section>\n";
  }

  void alerts() {
    if (r_.alerts.empty()) return;
    element("h2", "", bulletin_.alerts_sheet);
    out_ += "\n<ul class=\"alerts\">\n";
    for (const alert& found : r_.alerts) {
      const alert_threshold& threshold = found.threshold;
      const std::string metric = alert_metric_name(threshold, options_.language);
      const std::string value =
          is_rate(threshold.metric) ? rate_text(rate{found.num, found.den}) : count_text(found.num);
      element("li", "",
              concat({key_text(r_, found.key, names_, options_.language), words_.separator, metric,
                      " ", value, " (", threshold.below ? bulletin_.below : bulletin_.above, " ",
                      threshold.limit_text(), ")"}));
      out_ += '\n';
    }
    out_ += "</ul>\n";
  }

  /// A chart of horizontal bars. `legend` names the two series of a two-series chart.
  void chart(std::string_view caption, const std::vector<bar>& bars,
             std::optional<std::pair<std::string_view, std::string_view>> legend = {}) {
    out_ += "<figure>";
    element("figcaption", "", caption);
    if (legend) {
      out_ += "<div class=\"legend\"><span class=\"swatch main\"></span>";
      text(legend->first);
      out_ += "<span class=\"swatch second\"></span>";
      text(legend->second);
      out_ += "</div>";
    }
    out_ += '\n';
    if (bars.empty()) element("p", "class=\"empty\"", page_.no_data);
    for (const bar& b : bars) {
      out_ += b.alert ? "<div class=\"bar-row alert\">" : "<div class=\"bar-row\">";
      element("span", "class=\"bar-label\"", b.label);
      const bool two = b.second_share.has_value();
      out_ += "<svg viewBox=\"0 0 100 ";
      out_ += two ? "14" : "10";
      out_ +=
          "\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect class=\"track\" "
          "width=\"100\" height=\"";
      out_ += two ? "14" : "10";
      out_ += "\"/><rect class=\"";
      out_ += b.alert ? "alert" : "main";
      out_ += "\" width=\"" + svg_length(b.share) + "\" height=\"" + (two ? "6" : "10") + "\"/>";
      if (two) {
        out_ += "<rect class=\"second\" y=\"8\" width=\"" + svg_length(*b.second_share) +
                "\" height=\"6\"/>";
      }
      out_ += "</svg>";
      element("span", "class=\"bar-value\"", b.value);
      out_ += "</div>\n";
    }
    out_ += "</figure>\n";
  }

  std::string dimension_words() const {
    std::string text;
    for (group_dimension dimension : r_.options.group_by) {
      if (!text.empty()) text += words_.separator;
      text += words_.dimensions[enum_index(dimension)];
    }
    return text;
  }

  void charts() {
    out_ += "<section class=\"charts\">\n";
    std::vector<bar> bars;
    for (const report_group& group : r_.groups) {
      const rate resolution = group.metrics.cases.resolution_rate();
      bars.push_back({group_name(group), resolution.value().value_or(0), rate_text(resolution),
                      std::nullopt, alerted(group, {alert_metric::resolution_rate})});
    }
    chart(concat({words_.chart_rate, page_.by_head, dimension_words(), page_.by_tail}), bars);
    if (trend_ != nullptr) trend_chart();
    support_chart();
    return_chart();
    backlog_chart();
    out_ += "</section>\n";
  }

  void trend_chart() {
    const bool weekly = trend_counter::is_weekly(r_.options);
    std::int64_t most = 0;
    for (const trend_point& point : *trend_) {
      most = std::max({most, point.coordinated, point.resolved_in_period});
    }
    std::vector<bar> bars;
    for (const trend_point& point : *trend_) {
      std::string label =
          weekly ? concat({point.start.to_string().substr(5), "–", point.end.to_string().substr(5)})
                 : month_label(options_.language, point.start.month_key());
      bars.push_back(
          {std::move(label),
           share_of(static_cast<double>(point.coordinated), static_cast<double>(most)),
           concat({count_text(point.coordinated), " / ", count_text(point.resolved_in_period)}),
           share_of(static_cast<double>(point.resolved_in_period), static_cast<double>(most)),
           false});
    }
    chart(words_.chart_trend, bars,
          std::pair{words_.reported, weekly ? words_.resolved_in_week : words_.resolved_in_month});
  }

  void support_chart() {
    const group_metrics& m = r_.total.metrics;
    money most;
    for (const support_totals& kind : m.support) most = std::max(most, kind.amount);
    std::vector<bar> bars;
    for (std::size_t i = 0; i < m.support.size(); ++i) {
      const money amount = m.support[i].amount;
      bars.push_back(
          {std::string(words_.money_kinds[i]),
           share_of(static_cast<double>(amount.fen()), static_cast<double>(most.fen())),
           concat({amount_text(amount), " ", office_words_for(options_.language).wan_yuan}),
           std::nullopt, false});
    }
    chart(page_.support_by_kind, bars);
  }

  template <std::size_t N>
  std::vector<bar> count_bars(const std::array<std::int64_t, N>& counts,
                              const std::array<std::string_view, N>& labels) const {
    const std::int64_t most = *std::max_element(counts.begin(), counts.end());
    std::vector<bar> bars;
    for (std::size_t i = 0; i < N; ++i) {
      bars.push_back({std::string(labels[i]),
                      share_of(static_cast<double>(counts[i]), static_cast<double>(most)),
                      count_text(counts[i]), std::nullopt, false});
    }
    return bars;
  }

  void return_chart() {
    const transport_totals& back = r_.total.metrics.return_to_work;
    chart(words_.chart_return, count_bars(back.by_mode, words_.modes));
    chart(page_.return_by_origin, count_bars(back.by_origin, words_.origins));
  }

  void backlog_chart() {
    const std::vector<std::int32_t>& limits = r_.options.aging_limits;
    const std::vector<std::int64_t> counts = r_.total.metrics.backlog.bucket_counts(limits);
    const std::int64_t most = *std::max_element(counts.begin(), counts.end());
    std::vector<bar> bars;
    std::int32_t first = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      std::string label =
          i < limits.size()
              ? concat({std::to_string(first), "–", std::to_string(limits[i]), page_.days})
              : concat({std::to_string(first - 1), page_.days, page_.over});
      if (i < limits.size()) first = limits[i] + 1;
      bars.push_back({std::move(label),
                      share_of(static_cast<double>(counts[i]), static_cast<double>(most)),
                      count_text(counts[i]), std::nullopt, false});
    }
    chart(page_.backlog_by_age, bars);
  }

  /// A table cell; `metric` names the figure for programs.
  void cell(std::string_view metric, const std::string& value, bool alert = false) {
    out_ += alert ? "<td class=\"alert\" data-metric=\"" : "<td data-metric=\"";
    out_ += metric;
    out_ += "\">";
    text(value);
    out_ += "</td>";
  }

  void table_row(const report_group& group, std::string_view row) {
    const group_metrics& m = group.metrics;
    out_ += "<tr data-row=\"";
    out_ += row;
    out_ += "\">";
    element("td", "", group_name(group));
    cell("coordinated", count_text(m.cases.coordinated));
    cell("resolved", count_text(m.cases.resolved));
    cell("open", count_text(m.cases.open()),
         alerted(group, {alert_metric::open, alert_metric::open_older_than}));
    cell("resolution_rate", rate_text(m.cases.resolution_rate()),
         alerted(group, {alert_metric::resolution_rate}));
    cell("on_time_rate", rate_text(m.cases.on_time_rate()),
         alerted(group, {alert_metric::on_time_rate}));
    if (process_) {
      cell("overdue_open", count_text(m.cases.overdue_open),
           alerted(group, {alert_metric::overdue_open}));
      cell("satisfaction_rate", rate_text(m.cases.satisfaction_rate()),
           alerted(group, {alert_metric::satisfaction_rate}));
    }
    const std::optional<std::int32_t> median = m.cases.days_to_resolve.percentile(50);
    cell("median_days", median ? count_text(*median) : "—");
    cell("support_total", amount_text(support_total(m)));
    cell("workers", count_text(m.return_to_work.workers));
    cell("resumption_rate", rate_text(m.resumption.resumption_rate()),
         alerted(group, {alert_metric::resumption_rate}));
    out_ += "</tr>\n";
  }

  void table() {
    element("h2", "", page_.groups);
    out_ += "\n<div class=\"table-wrap\"><table>\n<thead><tr>";
    element("th", "scope=\"col\"", dimension_words());
    for (std::string_view heading : {words_.coordinated, words_.resolved, words_.open,
                                     words_.resolution_rate, words_.on_time_rate}) {
      element("th", "scope=\"col\"", heading);
    }
    if (process_) {
      element("th", "scope=\"col\"", process_words_.overdue_open);
      element("th", "scope=\"col\"", process_words_.satisfaction_rate);
    }
    element("th", "scope=\"col\"", words_.median_days);
    element("th", "scope=\"col\"", page_.support_column);
    element("th", "scope=\"col\"", words_.workers);
    element("th", "scope=\"col\"", words_.resumption_rate);
    out_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < r_.groups.size(); ++i) {
      table_row(r_.groups[i], std::to_string(i));
    }
    out_ += "</tbody>\n<tfoot>";
    table_row(r_.total, "total");
    out_ += "</tfoot>\n</table></div>\n";
  }

  const report& r_;
  const ledger& names_;
  const std::vector<trend_point>* trend_;
  const html_options& options_;
  const words& words_;
  const bulletin_words& bulletin_;
  const process_words& process_words_;
  const page_words& page_;
  bool process_;  // the page shows the handling process (io/process_shown.hpp)
  std::string out_;
};

}  // namespace

void check_html_options(const html_options& options) {
  if (options.money_decimals < 0 || options.money_decimals > 6) {
    throw usage_error("money_decimals must be 0 to 6, not " +
                      std::to_string(options.money_decimals));
  }
}

std::string page_body(const page_content& content) {
  check_html_options(content.options);
  return page_writer(content).body();
}

std::string whole_page(const page_content& content) {
  check_html_options(content.options);
  page_writer writer(content);
  const page_words& page = writer.page();
  const std::string title = writer.title();
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += page.html_lang;
  // The policy forbids every request, script, frame and form: the page is its own.
  out +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"";
  out += generator_name;
  out += "\">\n<title>";
  append_escaped(out, title);
  out += "</title>\n<style>\n@page{size:A4;margin:16mm 12mm 16mm}\n@page{@top-center{content:";
  out += css_string(title);
  out += ";font-size:9pt;color:#595959}@bottom-center{content:";
  out += css_string(page.page_head);
  out += " counter(page) ";
  out += css_string(page.page_middle);
  out += " counter(pages) ";
  out += css_string(page.page_tail);
  out += ";font-size:9pt;color:#595959}}\nbody{margin:0}";
  out += page_print_style;
  out += "</style>\n</head>\n<body>\n";
  out += writer.body();
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace caseledger::detail

namespace caseledger {

std::string to_html(const report& r, const ledger& book, const html_options& options) {
  detail::check_html_options(options);
  const std::vector<detail::trend_point> trend = detail::count_trend(
      r, book, "a page charts the trend of the cases of the ledger the report was computed from");
  return detail::whole_page({r, book, &trend, options});
}

std::string to_html_fragment(const report& r, const ledger* book, const html_options& options) {
  detail::check_html_options(options);
  if (book == nullptr) {
    const ledger no_names;
    return detail::page_body({r, no_names, nullptr, options});
  }
  // A fragment is what a notebook shows of any report: one finished from parts against a
  // ledger of names only shows without the trend rather than not at all.
  const std::optional<std::vector<detail::trend_point>> trend =
      detail::count_trend_if_held(r, *book);
  return detail::page_body({r, *book, trend ? &*trend : nullptr, options});
}

void write_html_report(const report& r, const ledger& book, output_file& out,
                       const html_options& options) {
  out.stream() << to_html(r, book, options);
}

void write_html_report(const report& r, const ledger& book, const std::filesystem::path& path,
                       const html_options& options) {
  output_file out(path);
  write_html_report(r, book, out, options);
  out.commit();
}

}  // namespace caseledger
