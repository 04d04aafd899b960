#include "io/xlsx/write/sheet_formats.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "io/report_words.hpp"

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

/// The layout's title if it has one, else the report's own title if it was given one, else the
/// default title in the workbook's language.
/// "#,##0", "#,##0.0", … for an amount shown with `decimals` decimals.
std::string money_format(int decimals) {
  std::string format = "#,##0";
  if (decimals > 0) format += "." + std::string(static_cast<std::size_t>(decimals), '0');
  return format;
}

std::string page_header(std::string_view text) {
  // Excel refuses a header over 255 characters: a long title is cut, between characters.
  constexpr std::size_t room = 200;
  const std::string title = to_cell_text(text).text;  // without what XML forbids
  std::string header = "&C";
  for (std::size_t i = 0; i < title.size(); ++i) {
    const auto byte = static_cast<unsigned char>(title[i]);
    if (header.size() >= room && (byte & 0xC0U) != 0x80U) break;
    header += title[i];
    if (title[i] == '&') header += '&';  // a literal & is written twice
  }
  return header;
}

namespace {

/// The formats of one set of fonts: `body` for the tables, `heading` for titles and
/// headers (both "" for the workbook's default font).
formats formats_in(xlsx_workbook& book, int rate_decimals, int money_decimals,
                   const std::string& body, const std::string& heading_font, double size) {
  const std::string percent = percent_format(rate_decimals);
  const auto base = [&](bool head) {
    cell_style s;
    s.font = head ? heading_font : body;
    s.font_size = body.empty() ? 0 : size;
    return s;
  };
  const auto style = [&](std::string number_format, bool bold) {
    cell_style s = base(false);
    s.number_format = std::move(number_format);
    s.bold = bold;
    s.border = true;
    return book.add_style(s);
  };
  formats f{};
  cell_style title = base(true);
  title.bold = true;
  title.font_size = 14;
  f.title = book.add_style(title);
  cell_style heading = base(true);
  heading.bold = true;
  f.heading = book.add_style(heading);
  cell_style header = base(true);
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
  f.money = style(money_format(money_decimals), false);
  f.total_money = style(money_format(money_decimals), true);
  cell_style date = base(false);
  date.number_format = "yyyy-mm-dd";
  f.date = book.add_style(date);
  f.text = book.add_style(base(false));
  cell_style wrapped = base(false);
  wrapped.wrap = true;
  wrapped.top_align = true;
  f.wrapped = book.add_style(wrapped);
  const auto alerted = [&](std::string number_format, bool bold) {
    cell_style s = base(false);
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
  f.decimal = style("#,##0.0", false);
  f.total_decimal = style("#,##0.0", true);
  // The office form's own cells.
  cell_style office_title = base(true);
  office_title.bold = true;
  office_title.center = true;
  office_title.font_size = body.empty() ? 16 : size + 5;
  f.office_title = book.add_style(office_title);
  f.unit_left = book.add_style(base(false));
  cell_style unit_center = base(false);
  unit_center.center = true;
  f.unit_center = book.add_style(unit_center);
  cell_style unit_right = base(false);
  unit_right.right = true;
  f.unit_right = book.add_style(unit_right);
  cell_style serial = base(false);
  serial.center = true;
  serial.border = true;
  f.serial = book.add_style(serial);
  return f;
}

}  // namespace

formats make_formats(xlsx_workbook& book, int rate_decimals, const xlsx_options& options) {
  if (options.form == workbook_form::data) {
    formats f = formats_in(book, rate_decimals, options.money_decimals, "", "", 0);
    f.listing = {f.header, f.text, f.wrapped, f.date, f.integer};
    return f;
  }
  formats f = formats_in(book, rate_decimals, options.money_decimals, options.body_font,
                         options.heading_font, options.font_size);
  // The listing is data, read on screen and filtered: the default font, as the data form.
  const formats plain = formats_in(book, rate_decimals, options.money_decimals, "", "", 0);
  f.listing = {plain.header, plain.text, plain.wrapped, plain.date, plain.integer};
  return f;
}

std::vector<planned_sheet> planned_statistics_sheets(const report_options& report,
                                                     const xlsx_options& options, bool units,
                                                     bool process) {
  const words& w = words_for(options.language);
  std::vector<planned_sheet> planned;
  for (const sheet_choice& choice : options.sheets) {
    if (choice.sheet == statistics_sheet::alerts && report.alerts.empty()) continue;
    std::string_view name;
    switch (choice.sheet) {
      case statistics_sheet::summary:
        name = w.summary;
        break;
      case statistics_sheet::by_category:
        name = w.by_category;
        break;
      case statistics_sheet::trend:
        name = w.trend;
        break;
      case statistics_sheet::support:
        name = w.support;
        break;
      case statistics_sheet::return_to_work:
        name = w.return_to_work;
        break;
      case statistics_sheet::alerts:
        name = bulletin_words_for(options.language).alerts_sheet;
        break;
    }
    planned.push_back(
        {choice.sheet, process_sheet::none, choice.name.empty() ? std::string(name) : choice.name});
  }
  const process_words& p = process_words_for(options.language);
  if (units) {
    planned.push_back(
        {statistics_sheet::summary, process_sheet::units, std::string(p.units_sheet)});
  }
  if (process) {
    planned.push_back(
        {statistics_sheet::summary, process_sheet::overdue, std::string(p.overdue_sheet)});
  }
  return planned;
}

}  // namespace caseledger::detail
