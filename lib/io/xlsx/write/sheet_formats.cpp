#include "io/xlsx/write/sheet_formats.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "io/xlsx/write/words.hpp"

namespace caseledger::detail {
namespace {

/// The fill of a cell whose figure crossed an alert threshold (Excel's "light red").
constexpr std::uint32_t alert_fill = 0xFFC7CE;

/// "▲"#,##0;"▼"#,##0;0: the sign as an arrow, the number always positive.
std::string marked_format(const std::string& number) {
  return "\"▲\"" + number + ";\"▼\"" + number + ";" + number;
}

}  // namespace

/// "0%", "0.0%", "0.00%", … for a rate shown with `decimals` decimals.
std::string percent_format(int decimals) {
  std::string format = "0";
  if (decimals > 0) format += "." + std::string(static_cast<std::size_t>(decimals), '0');
  return format + "%";
}

/// The report's own title if it was given one, else the default title in the workbook's
/// language.
std::string workbook_title(const report& r, const xlsx_options& options) {
  if (!r.options.title.empty() || options.language == report_language::zh_hans) return r.title;
  const words& w = words_for(options.language);
  return concat({w.title_head, r.options.from.to_string(), w.title_middle, r.options.to.to_string(),
                 w.title_tail});
}

formats make_formats(xlsx_workbook& book, int rate_decimals) {
  const std::string percent = percent_format(rate_decimals);
  const auto style = [&](std::string number_format, bool bold) {
    cell_style s;
    s.number_format = std::move(number_format);
    s.bold = bold;
    s.border = true;
    return book.add_style(s);
  };
  formats f{};
  cell_style title;
  title.bold = true;
  title.font_size = 14;
  f.title = book.add_style(title);
  cell_style heading;
  heading.bold = true;
  f.heading = book.add_style(heading);
  cell_style header;
  header.bold = true;
  header.wrap = true;
  header.center = true;
  header.border = true;
  header.fill = 0xDDEBF7;
  f.header = book.add_style(header);
  f.label = style("", false);
  f.total_label = style("", true);
  f.integer = style("#,##0", false);
  f.total_integer = style("#,##0", true);
  f.percent = style(percent, false);
  f.total_percent = style(percent, true);
  f.money = style("#,##0.00", false);
  f.total_money = style("#,##0.00", true);
  cell_style date;
  date.number_format = "yyyy-mm-dd";
  f.date = book.add_style(date);
  f.text = book.add_style(cell_style{});
  cell_style wrapped;
  wrapped.wrap = true;
  wrapped.top_align = true;
  f.wrapped = book.add_style(wrapped);
  const auto alerted = [&](std::string number_format, bool bold) {
    cell_style s;
    s.number_format = std::move(number_format);
    s.bold = bold;
    s.border = true;
    s.fill = alert_fill;
    return book.add_style(s);
  };
  f.alert_integer = alerted("#,##0", false);
  f.total_alert_integer = alerted("#,##0", true);
  f.alert_percent = alerted(percent, false);
  f.total_alert_percent = alerted(percent, true);
  const std::string points =
      rate_decimals > 0 ? "0." + std::string(static_cast<std::size_t>(rate_decimals), '0') : "0";
  f.change = style(marked_format("#,##0"), false);
  f.total_change = style(marked_format("#,##0"), true);
  f.change_points = style(marked_format(points), false);
  f.total_change_points = style(marked_format(points), true);
  return f;
}

/// A district's name as the workbook shows it.
const std::string& shown_name(const district& d, const xlsx_options& options) {
  if (options.language == report_language::en) return d.name_en.empty() ? d.id : d.name_en;
  return d.name;
}

/// A team's name, or its id when it has none.
const std::string& shown_name(const team& t) { return t.name.empty() ? t.id : t.name; }

/// The shown name of the district `id`, or the id when the ledger lacks it.
std::string district_name(const ledger& book, const xlsx_options& options, std::string_view id) {
  const district* found = book.find_district(id);
  return found == nullptr ? std::string(id) : shown_name(*found, options);
}

/// The shown name of the team `id`, or the id when the ledger lacks it.
std::string team_name(const ledger& book, std::string_view id) {
  const team* found = book.find_team(id);
  return found == nullptr ? std::string(id) : shown_name(*found);
}

/// The statistics sheets' names, in the workbook's order (the listing's come after them).
std::vector<std::string> statistics_sheet_names(const report_options& report,
                                                const xlsx_options& options) {
  const words& w = words_for(options.language);
  std::vector<std::string> names = {std::string(w.summary), std::string(w.by_category),
                                    std::string(w.trend), std::string(w.support),
                                    std::string(w.return_to_work)};
  if (!report.alerts.empty()) names.emplace_back(bulletin_words_for(options.language).alerts_sheet);
  return names;
}

}  // namespace caseledger::detail
