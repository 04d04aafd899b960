#include "caseledger/io/xlsx_report.hpp"

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
#include "io/xlsx/write/workbook.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger {
namespace {

using detail::cell_format;
using detail::xlsx_sheet;

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

// clang-format off
// One line per line of `words`, so that the three languages read side by side.
constexpr words simplified{
    "概况", "问题类别", "趋势", "帮扶", "返岗", "明细",
    "统计起始日", "统计截止日", "截至日期", "生成",
    "协调问题数", "办结数", "无法解决", "在办", "办结率", "按时办结率", "办结天数中位数",
    "办结天数P90", "返岗人数", "物资受领单位", "复工率",
    "办结率", "金额", "笔数", "受益单位", "数量", "受领单位", "趟次", "按方式", "按来源", "物资：",
    "月份", "新增问题", "当月办结", "累计办结率", "周", "当周办结",
    "（元）", "（万元）",
    "案件编号", "区县", "企业/项目", "问题类别", "报送渠道", "问题描述", "反映日期", "办理时限",
    "办结日期", "状态", "办结天数", "服务队",
    "办结率", "问题新增与办结趋势", "返岗人数（按方式）",
    "合计", "未指定", " · ",
    "一企一议问题办理情况（", " 至 ", "）",
    {"区县", "问题类别", "报送渠道", "月份", "服务队"},
    {"用工", "资金", "审批", "运输", "防疫物资", "原材料", "用电", "政策", "其他"},
    {"走访", "电话", "微信", "政府网站", "媒体", "热线", "其他"},
    {"在办", "办结", "无法解决", "撤回"},
    {"补助", "减免", "贷款", "返岗补助"},
    {"包车", "包机", "包列", "专车", "自行返岗"},
    {"省内", "省外"},
    {"服务队", "党员攻坚队", "指导员"}};

constexpr words traditional{
    "概況", "問題類別", "趨勢", "幫扶", "返崗", "明細",
    "統計起始日", "統計截止日", "截至日期", "生成",
    "協調問題數", "辦結數", "無法解決", "在辦", "辦結率", "按時辦結率", "辦結天數中位數",
    "辦結天數P90", "返崗人數", "物資受領單位", "復工率",
    "辦結率", "金額", "筆數", "受益單位", "數量", "受領單位", "趟次", "按方式", "按來源", "物資：",
    "月份", "新增問題", "當月辦結", "累計辦結率", "週", "當週辦結",
    "（元）", "（萬元）",
    "案件編號", "區縣", "企業/項目", "問題類別", "報送渠道", "問題描述", "反映日期", "辦理時限",
    "辦結日期", "狀態", "辦結天數", "服務隊",
    "辦結率", "問題新增與辦結趨勢", "返崗人數（按方式）",
    "合計", "未指定", " · ",
    "一企一議問題辦理情況（", " 至 ", "）",
    {"區縣", "問題類別", "報送渠道", "月份", "服務隊"},
    {"用工", "資金", "審批", "運輸", "防疫物資", "原材料", "用電", "政策", "其他"},
    {"走訪", "電話", "微信", "政府網站", "媒體", "熱線", "其他"},
    {"在辦", "辦結", "無法解決", "撤回"},
    {"補助", "減免", "貸款", "返崗補助"},
    {"包車", "包機", "包列", "專車", "自行返崗"},
    {"省內", "省外"},
    {"服務隊", "黨員攻堅隊", "指導員"}};

constexpr words english{
    "Summary", "By category", "Trend", "Support", "Return to work", "Cases",
    "Window from", "Window to", "As of", "Generator",
    "Coordinated", "Resolved", "Unresolvable", "Open", "Resolution rate", "On-time rate",
    "Median days", "P90 days", "Workers returned", "Supply recipients", "Resumption rate",
    "Rate", "Amount", "Count", "Beneficiaries", "Quantity", "Recipients", "Trips", "By mode",
    "By origin", "Supplies: ",
    "Month", "Reported", "Resolved in month", "Cumulative resolution rate", "Week",
    "Resolved in week",
    " (yuan)", " (10k yuan)",
    "Case id", "District", "Enterprise or project", "Category", "Channel", "Summary", "Reported",
    "Due", "Resolved", "Status", "Days to resolve", "Team",
    "Resolution rate", "Cases reported and resolved", "Workers returned by mode",
    "Total", "(none)", " · ",
    "Enterprise assistance cases (", " to ", ")",
    {"District", "Category", "Channel", "Month", "Team"},
    {"Labour", "Funding", "Approval", "Logistics", "Epidemic supplies", "Raw materials", "Energy",
     "Policy", "Other"},
    {"Visit", "Phone", "WeChat", "Website", "Media", "Hotline", "Other"},
    {"Open", "Resolved", "Unresolvable", "Withdrawn"},
    {"Subsidy", "Fee reduction", "Loan", "Allowance"},
    {"Chartered bus", "Chartered flight", "Chartered train", "Dedicated vehicle", "Self-arranged"},
    {"In province", "Out of province"},
    {"Service teams", "Party teams", "Instructors"}};
// clang-format on

const words& words_for(report_language language) {
  switch (language) {
    case report_language::zh_hant:
      return traditional;
    case report_language::en:
      return english;
    case report_language::zh_hans:
      break;
  }
  return simplified;
}

/// The words of the bulletin parts (comparison columns, the alerts sheet), in one language.
struct bulletin_words {
  std::string_view alerts_sheet;
  std::array<std::string_view, 3> compare_kinds;  // previous, year_ago, window
  std::string_view points;                        // the unit of a rate's change
  std::string_view group, metric, condition, limit, value;
  std::string_view below, above;
  std::array<std::string_view, 6> metrics;  // as alert_metric
  std::string_view older_than_head, older_than_tail;
};

// clang-format off
constexpr bulletin_words simplified_bulletin{
    "预警", {"环比", "同比", "对比"}, "（百分点）",
    "分组", "指标", "条件", "阈值", "数值", "低于", "高于",
    {"办结率", "按时办结率", "复工率", "在办数", "逾期数", "超期在办数"}, "（超过", "天）"};
constexpr bulletin_words traditional_bulletin{
    "預警", {"環比", "同比", "對比"}, "（百分點）",
    "分組", "指標", "條件", "閾值", "數值", "低於", "高於",
    {"辦結率", "按時辦結率", "復工率", "在辦數", "逾期數", "超期在辦數"}, "（超過", "天）"};
constexpr bulletin_words english_bulletin{
    "Alerts", {" vs previous", " vs year ago", " vs window"}, " (points)",
    "Group", "Metric", "Condition", "Limit", "Value", "below", "above",
    {"Resolution rate", "On-time rate", "Resumption rate", "Open", "Late", "Open older than"},
    " (over ", " days)"};
// clang-format on

const bulletin_words& bulletin_words_for(report_language language) {
  switch (language) {
    case report_language::zh_hant:
      return traditional_bulletin;
    case report_language::en:
      return english_bulletin;
    case report_language::zh_hans:
      break;
  }
  return simplified_bulletin;
}

std::string concat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (std::string_view part : parts) text += part;
  return text;
}

/// Column widths by the display width of what went into each column, capped.
class column_widths {
 public:
  static constexpr std::size_t default_cap = 40;
  explicit column_widths(std::size_t columns, std::size_t cap = default_cap)
      : widths_(columns, 0), cap_(cap) {}
  void fit(std::size_t col, std::string_view text) {
    if (widths_[col] >= cap_) return;  // nothing can widen it: no need to measure
    widths_[col] = std::max(widths_[col], std::min(detail::display_width(text), cap_));
  }
  void fit_width(std::size_t col, std::size_t width) {
    widths_[col] = std::max(widths_[col], width);
  }
  void apply(xlsx_sheet& sheet) const {
    for (std::size_t col = 0; col < widths_.size(); ++col) {
      sheet.column_width(static_cast<std::uint16_t>(col), static_cast<std::uint16_t>(col),
                         static_cast<double>(std::max<std::size_t>(widths_[col], 6) + 2));
    }
  }

 private:
  std::vector<std::size_t> widths_;
  std::size_t cap_;
};

/// The formats every sheet shares.
struct formats {
  cell_format title, heading, header, label, total_label, integer, total_integer, percent,
      total_percent, money, total_money, date, text, wrapped;
  // A figure past an alert threshold: the same formats on a red fill.
  cell_format alert_integer, total_alert_integer, alert_percent, total_alert_percent;
  // Changes against the comparison period, with ▲ / ▼ markers.
  cell_format change, total_change, change_points, total_change_points;
};

/// The fill of a cell whose figure crossed an alert threshold (Excel's "light red").
constexpr std::uint32_t alert_fill = 0xFFC7CE;

/// "▲"#,##0;"▼"#,##0;0: the sign as an arrow, the number always positive.
std::string marked_format(const std::string& number) {
  return "\"▲\"" + number + ";\"▼\"" + number + ";" + number;
}

/// The report's own title if it was given one, else the default title in the workbook's
/// language.
std::string workbook_title(const report& r, const xlsx_options& options) {
  if (!r.options.title.empty() || options.language == report_language::zh_hans) return r.title;
  const words& w = words_for(options.language);
  return concat({w.title_head, r.options.from.to_string(), w.title_middle, r.options.to.to_string(),
                 w.title_tail});
}

/// "0%", "0.0%", "0.00%", … for a rate shown with `decimals` decimals.
std::string percent_format(int decimals) {
  std::string format = "0";
  if (decimals > 0) format += "." + std::string(static_cast<std::size_t>(decimals), '0');
  return format + "%";
}

formats make_formats(detail::xlsx_workbook& book, int rate_decimals) {
  const std::string percent = percent_format(rate_decimals);
  const auto style = [&](std::string number_format, bool bold) {
    detail::cell_style s;
    s.number_format = std::move(number_format);
    s.bold = bold;
    s.border = true;
    return book.add_style(s);
  };
  formats f{};
  detail::cell_style title;
  title.bold = true;
  title.font_size = 14;
  f.title = book.add_style(title);
  detail::cell_style heading;
  heading.bold = true;
  f.heading = book.add_style(heading);
  detail::cell_style header;
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
  detail::cell_style date;
  date.number_format = "yyyy-mm-dd";
  f.date = book.add_style(date);
  f.text = book.add_style(detail::cell_style{});
  detail::cell_style wrapped;
  wrapped.wrap = true;
  wrapped.top_align = true;
  f.wrapped = book.add_style(wrapped);
  const auto alerted = [&](std::string number_format, bool bold) {
    detail::cell_style s;
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

/// Writes the statistics sheets of one report into sheets added beforehand (in
/// `statistics_sheet_names`' order).
class report_writer {
 public:
  report_writer(const report& r, const ledger& book, const std::vector<detail::trend_point>& trend,
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
    return caseledger::district_name(book_, options_, id);
  }

  std::string team_name(std::string_view id) const { return caseledger::team_name(book_, id); }

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

  const std::string& headline_in(const headline_text& headline) const {
    switch (options_.language) {
      case report_language::zh_hant:
        return headline.zh_hant;
      case report_language::en:
        return headline.en;
      case report_language::zh_hans:
        break;
    }
    return headline.zh_hans;
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
      widths.fit_width(col, std::min<std::size_t>(detail::display_width(text), 14));
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
    const std::string& headline = headline_in(report_.total.headline);
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
    sheet.print_landscape_one_page_wide(header_row, header_row);

    if (!report_.groups.empty()) {
      detail::chart_spec chart;
      chart.kind = detail::chart_kind::column;
      chart.title = words_.chart_rate;
      chart.value_format = percent_format(report_.options.rate_decimals);
      chart.value_min = 0;  // columns from zero, or small differences look large
      chart.value_max = 1;
      detail::chart_series_spec series;
      series.name = words_.resolution_rate;
      series.categories =
          detail::range_reference(sheet.name(), header_row + 1, 0, total_row - 1, 0);
      series.values = detail::range_reference(sheet.name(), header_row + 1, 5, total_row - 1, 5);
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
    sheet.print_landscape_one_page_wide(2, 2);
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
    sheet.print_landscape_one_page_wide(2, 3);
  }

  bool weekly_trend() const {
    return report_.options.to - report_.options.from + 1 <= detail::trend_counter::weekly_max_days;
  }

  /// A point's label: its month, or its week's first and last day.
  std::string trend_label(const detail::trend_point& point) const {
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
    const std::vector<detail::trend_point>& points = trend_;

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
    for (const detail::trend_point& point : points) {
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
    sheet.print_landscape_one_page_wide(2, 2);

    if (points.empty()) return;
    detail::chart_spec chart;
    chart.kind = detail::chart_kind::line;
    chart.title = words_.chart_trend;
    for (const std::uint16_t col : {std::uint16_t{1}, std::uint16_t{2}}) {
      detail::chart_series_spec series;
      series.name = col == 1 ? words_.reported
                             : (weekly ? words_.resolved_in_week : words_.resolved_in_month);
      series.categories = detail::range_reference(sheet.name(), 3, 0, last_point_row, 0);
      series.values = detail::range_reference(sheet.name(), 3, col, last_point_row, col);
      for (const detail::trend_point& point : points) {
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
    sheet.print_landscape_one_page_wide(2, 3);
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
    sheet.print_landscape_one_page_wide(2, 3);

    detail::chart_spec chart;
    chart.kind = detail::chart_kind::bar;
    chart.title = words_.chart_return;
    detail::chart_series_spec series;
    series.name = words_.workers;
    const auto last_mode = static_cast<std::uint16_t>(first_mode + modes - 1);
    series.categories = detail::range_reference(sheet.name(), 3, first_mode, 3, last_mode);
    series.values =
        detail::range_reference(sheet.name(), total_row, first_mode, total_row, last_mode);
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
  const std::vector<detail::trend_point>& trend_;
  const xlsx_options& options_;
  const words& words_;
  const bulletin_words& bulletin_;
  const formats& formats_;
  std::vector<xlsx_sheet>& sheets_;
  std::vector<header_cell> pending_headers_;
};

/// The document's created time: SOURCE_DATE_EPOCH when set (reproducible builds), else
/// midnight UTC of the as-of date, so the same input always gives the same bytes.
std::time_t created_time(const report& r) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != 0) {
    long long seconds = 0;
    const char* end = epoch + std::char_traits<char>::length(epoch);
    const auto [stop, error] = std::from_chars(epoch, end, seconds);
    if (error == std::errc{} && stop == end && seconds >= 0)
      return static_cast<std::time_t>(seconds);
  }
  return static_cast<std::time_t>(r.as_of.days_since_epoch()) * 86'400;
}

/// The formats of the listing's cells. The eager workbook writes its listing with stand-ins
/// numbered as the real formats will be (see `numbered_styles`).
struct listing_formats {
  cell_format header, text, wrapped, date, integer;
};

/// The listing's numbered formats, in the order of their columns in a row (the header row
/// has only `header`): a row's formats are numbered in that order when it is written out.
enum listing_style : std::uint8_t { header_style, wrapped_style, date_style, integer_style };
constexpr std::size_t listing_style_count = 4;

cell_format style_of(const listing_formats& f, std::size_t style) {
  switch (style) {
    case header_style:
      return f.header;
    case wrapped_style:
      return f.wrapped;
    case date_style:
      return f.date;
    default:
      return f.integer;
  }
}

listing_formats listing_formats_of(const formats& f) {
  return {f.header, f.text, f.wrapped, f.date, f.integer};
}

/// The display widths of the names a listing repeats (districts, subjects, teams), capped
/// as a listing column is, measured once per name: by the name's position in its ledger
/// list.
class name_widths {
 public:
  explicit name_widths(std::size_t names) : widths_(names, 0) {}
  std::size_t operator()(std::uint32_t position, std::string_view name) {
    std::uint8_t& known = widths_[position];  // the width + 1; 0 until measured
    if (known == 0) {
      known = static_cast<std::uint8_t>(
          std::min(detail::display_width(name), column_widths::default_cap) + 1);
    }
    return known - 1U;
  }

 private:
  static_assert(column_widths::default_cap < 255);
  std::vector<std::uint8_t> widths_;
};

/// Writes the 明细 listing, one case after the other, into sheets added after every other
/// (明细, 明细(2)… past `max_rows_per_sheet`), and remembers which of its formats each part
/// used first in rows already written out and in its last row: what the styles' numbering
/// depends on.
class listing_writer {
 public:
  struct part {
    explicit part(xlsx_sheet first) : sheet(std::move(first)) {}
    xlsx_sheet sheet;
    column_widths widths{listing_columns};
    std::uint32_t rows = 0;             // cases in it
    std::vector<std::uint8_t> flushed;  // styles in the order rows written out used them first
    std::uint8_t flushed_mask = 0;      // the same as a set
    std::uint8_t row_mask = 0;          // styles of the row being written (the last one)
  };

  listing_writer(detail::xlsx_workbook& workbook, xlsx_sheet first, const ledger& book,
                 const xlsx_options& options, const listing_formats& f)
      : workbook_(workbook),
        book_(book),
        options_(options),
        words_(words_for(options.language)),
        formats_(f),
        district_widths_(book.districts().size()),
        enterprise_widths_(book.enterprises().size()),
        project_widths_(book.projects().size()),
        team_widths_(book.teams().size()) {
    for (std::size_t i = 0; i < category_widths_.size(); ++i) {
      category_widths_[i] = detail::display_width(words_.categories[i]);
    }
    for (std::size_t i = 0; i < channel_widths_.size(); ++i) {
      channel_widths_[i] = detail::display_width(words_.channels[i]);
    }
    for (std::size_t i = 0; i < status_widths_.size(); ++i) {
      status_widths_[i] = detail::display_width(words_.statuses[i]);
    }
    start_part(std::move(first));
  }

  void add(const detail::listed_case& c) {
    if (parts_.back().rows == options_.max_rows_per_sheet) {
      // Past the sheet's last row: the listing goes on, header repeated, on 明细(2), …
      start_part(workbook_.add_sheet(listing_sheet_name(words_, options_, parts_.size() + 1)));
    }
    part& p = parts_.back();
    next_row(p);
    write_case(p, ++p.rows, c);
    // An upper estimate of the sheet's XML (a row's markup, ids, names and dates stay under
    // 1 KB; the summary counted as escaped XML can grow it).
    xml_bytes_ += 1024 + 6 * std::uint64_t{c.summary.size()};
  }

  /// Sets every part's filter (over the rows it holds) and column widths; `wrapped` is the
  /// summary column's format. Call once, after the last case.
  void finish(cell_format wrapped) {
    for (part& p : parts_) {
      p.sheet.autofilter(0, 0, p.rows, listing_columns - 1);
      p.widths.apply(p.sheet);
      // The summary column wraps instead of growing without end.
      p.sheet.column_width(summary_column, summary_column, 50, wrapped);
    }
  }

  /// Whether the listing's sheets could pass the 4 GB a zip member holds without ZIP64
  /// (half the real limit, as a margin for the estimate).
  bool needs_zip64() const { return xml_bytes_ > (std::uint64_t{2} << 30); }

  const std::vector<part>& parts() const { return parts_; }

  static std::string listing_sheet_name(const words& w, const xlsx_options& options,
                                        std::size_t part) {
    if (part == 1) return std::string(w.cases);
    const std::string number = std::to_string(part);
    return options.language == report_language::en ? concat({w.cases, " (", number, ")"})
                                                   : concat({w.cases, "(", number, ")"});
  }

 private:
  static constexpr std::uint16_t listing_columns = 12;
  static constexpr std::uint16_t summary_column = 5;

  // A new row starts: the previous one is written out, and its styles numbered.
  static void next_row(part& p) {
    for (std::uint8_t style = 0; style < listing_style_count; ++style) {
      const auto bit = static_cast<std::uint8_t>(1U << style);
      if ((p.row_mask & bit) != 0 && (p.flushed_mask & bit) == 0) {
        p.flushed.push_back(style);
        p.flushed_mask |= bit;
      }
    }
    p.row_mask = 0;
  }

  void use(part& p, listing_style style) { p.row_mask |= static_cast<std::uint8_t>(1U << style); }

  /// The header row of a listing sheet. Its filter waits for `finish`, when the number of
  /// rows is known: libxlsxwriter keeps it aside, not in the rows.
  void start_part(xlsx_sheet sheet) {
    part& p = parts_.emplace_back(std::move(sheet));
    const std::array<std::string_view, listing_columns> headers = {
        words_.case_id,     words_.district,     words_.subject,         words_.category,
        words_.channel,     words_.summary_text, words_.reported_on,     words_.due_on,
        words_.resolved_on, words_.status,       words_.days_to_resolve, words_.team};
    for (std::uint16_t col = 0; col < listing_columns; ++col) {
      p.sheet.text(0, col, headers[col], formats_.header);
      p.widths.fit(col, headers[col]);
    }
    use(p, header_style);
    for (std::uint16_t col = 6; col <= 8; ++col) p.widths.fit_width(col, 10);
    p.sheet.freeze(1, 1);
    p.sheet.print_landscape_one_page_wide(0, 0);
  }

  void day(part& p, std::uint32_t row, std::uint16_t col, std::optional<date> value) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included), 25569 before
    // 1970-01-01.
    if (!value) return;
    p.sheet.number(row, col, value->days_since_epoch() + 25569.0, formats_.date);
    use(p, date_style);
  }

  void write_case(part& p, std::uint32_t row, const detail::listed_case& c) {
    xlsx_sheet& sheet = p.sheet;
    // A cell whose width is known (a name measured once, a fixed word), or measured here.
    const auto cell = [&](std::uint16_t col, std::string_view text, std::size_t width) {
      if (text.empty()) return;
      p.widths.fit_width(col, std::min(width, column_widths::default_cap));
      sheet.text(row, col, text, formats_.text);
    };
    const auto measured_cell = [&](std::uint16_t col, std::string_view text) {
      if (text.empty()) return;
      p.widths.fit(col, text);
      sheet.text(row, col, text, formats_.text);
    };
    constexpr std::uint32_t none = detail::listed_case::no_position;
    measured_cell(0, c.id);
    if (c.district_at != none) {
      const std::string& name = shown_name(book_.districts()[c.district_at], options_);
      cell(1, name, district_widths_(c.district_at, name));
    } else {
      measured_cell(1, c.district);
    }
    if (c.enterprise_at != none) {
      const std::string& name = book_.enterprises()[c.enterprise_at].name;
      cell(2, name, enterprise_widths_(c.enterprise_at, name));
    } else if (!c.enterprise.empty()) {
      measured_cell(2, c.enterprise);
    } else if (c.project_at != none) {
      const std::string& name = book_.projects()[c.project_at].name;
      cell(2, name, project_widths_(c.project_at, name));
    } else {
      measured_cell(2, c.project);
    }
    cell(3, words_.categories[enum_index(c.category)], category_widths_[enum_index(c.category)]);
    if (c.channel) {
      cell(4, words_.channels[enum_index(*c.channel)], channel_widths_[enum_index(*c.channel)]);
    }
    if (!c.summary.empty()) {
      sheet.text(row, summary_column, c.summary, formats_.wrapped);
      use(p, wrapped_style);
    }
    day(p, row, 6, c.reported_on);
    day(p, row, 7, c.due_on);
    day(p, row, 8, c.resolved_on);
    cell(9, words_.statuses[enum_index(c.status)], status_widths_[enum_index(c.status)]);
    if (c.status == case_status::resolved && c.resolved_on) {
      sheet.number(row, 10, *c.resolved_on - c.reported_on, formats_.integer);
      use(p, integer_style);
    }
    if (c.team_at != none) {
      const std::string& name = shown_name(book_.teams()[c.team_at]);
      cell(11, name, team_widths_(c.team_at, name));
    } else {
      measured_cell(11, c.team);
    }
  }

  detail::xlsx_workbook& workbook_;
  const ledger& book_;
  const xlsx_options& options_;
  const words& words_;
  listing_formats formats_;
  name_widths district_widths_, enterprise_widths_, project_widths_, team_widths_;
  std::array<std::size_t, enum_count<case_category>> category_widths_{};
  std::array<std::size_t, enum_count<case_channel>> channel_widths_{};
  std::array<std::size_t, enum_count<case_status>> status_widths_{};
  std::vector<part> parts_;
  std::uint64_t xml_bytes_ = 0;
};

/// A workbook with its formats and every statistics sheet and the listing's first sheet
/// added up front, in their final order (libxlsxwriter orders the file's parts by when the
/// sheets were added), so that the listing can be written before the statistics.
struct workbook_start {
  workbook_start(const std::filesystem::path& file, const std::filesystem::path& shown,
                 const report_options& report, const xlsx_options& options)
      : workbook(file, shown, constant_memory()), f(make_formats(workbook, report.rate_decimals)) {
    for (const std::string& name : statistics_sheet_names(report, options)) {
      statistics.push_back(workbook.add_sheet(name));
    }
  }

  static detail::xlsx_workbook::settings constant_memory() {
    detail::xlsx_workbook::settings settings;
    settings.constant_memory = true;
    return settings;
  }

  /// Writes the statistics sheets (their rows but the last are written out).
  void write_statistics(const report& r, const ledger& context,
                        const std::vector<detail::trend_point>& trend,
                        const xlsx_options& options) {
    report_writer(r, context, trend, options, f, statistics).write();
  }

  /// Numbers the styles as writing the statistics sheets then the listing `parts` would
  /// have: the rows each listing part wrote out, then at close, sheet by sheet, each last
  /// row and then the column formats (the listing's summary column: `wrapped`). Call after
  /// `write_statistics`. Returns the numbers of the listing's styles.
  std::array<std::int32_t, listing_style_count> number_listing_styles(
      const std::vector<listing_writer::part>& parts) {
    const listing_formats real = listing_formats_of(f);
    for (const auto& p : parts) {
      for (const std::uint8_t style : p.flushed) workbook.style_index(style_of(real, style));
    }
    for (xlsx_sheet& sheet : statistics) sheet.flush_row();
    for (const auto& p : parts) {
      for (std::uint8_t style = 0; style < listing_style_count; ++style) {
        if ((p.row_mask & (1U << style)) != 0) workbook.style_index(style_of(real, style));
      }
      workbook.style_index(real.wrapped);
    }
    std::array<std::int32_t, listing_style_count> numbers{};
    for (std::uint8_t style = 0; style < listing_style_count; ++style) {
      numbers[style] = workbook.style_index(style_of(real, style));
    }
    return numbers;
  }

  /// Sets what is read at close, then closes.
  void close(const report& r, const xlsx_options& options, bool zip64) {
    workbook.set_properties(created_time(r), workbook_title(r, options));
    workbook.set_zip64(zip64);
    workbook.close();
  }

  detail::xlsx_workbook workbook;
  formats f;
  std::vector<xlsx_sheet> statistics;
};

}  // namespace

/// The eager workbook's state: the workbook and the listing being written, and the style
/// numbers its stand-ins were given.
struct detail::eager_workbook::state {
  state(output_file& out, const report& sample, const ledger& context_ledger,
        const xlsx_options& workbook_options)
      : context(context_ledger),
        options(workbook_options),
        start(out.temporary_path(), out.target(), sample.options, options) {}

  const ledger& context;
  const xlsx_options& options;
  workbook_start start;
  std::array<std::int32_t, listing_style_count> numbers{};
  std::optional<listing_writer> listing;
};

detail::eager_workbook::eager_workbook(const report& sample,
                                       const std::vector<trend_point>& sample_trend,
                                       const ledger& context, output_file& out,
                                       const xlsx_options& options) {
  check_xlsx_options(options);
  std::array<std::int32_t, listing_style_count> numbers{};
  {
    // A trial run, never closed: the statistics sheets of the sample, then a listing whose
    // first case uses every style, give the numbers the listing's styles will most likely
    // have; `finish` checks them.
    workbook_start trial(out.temporary_path(), out.target(), sample.options, options);
    trial.write_statistics(sample, context, sample_trend, options);
    listing_writer::part typical(trial.workbook.add_sheet(
        listing_writer::listing_sheet_name(words_for(options.language), options, 1)));
    typical.flushed = {header_style, wrapped_style, date_style, integer_style};
    typical.row_mask = 1U << wrapped_style | 1U << date_style;
    numbers = trial.number_listing_styles({typical});
  }
  state_ = std::make_unique<state>(out, sample, context, options);
  state_->numbers = numbers;
  detail::xlsx_workbook& book = state_->start.workbook;
  listing_formats stand_ins{
      book.stand_in(numbers[header_style]), nullptr, book.stand_in(numbers[wrapped_style]),
      book.stand_in(numbers[date_style]), book.stand_in(numbers[integer_style])};
  state_->listing.emplace(
      book,
      book.add_sheet(listing_writer::listing_sheet_name(words_for(options.language), options, 1)),
      context, state_->options, stand_ins);
}

detail::eager_workbook::~eager_workbook() = default;

void detail::eager_workbook::add(const listed_case& c) { state_->listing->add(c); }

bool detail::eager_workbook::finish(const report& r, const std::vector<trend_point>& trend) {
  workbook_start& start = state_->start;
  start.write_statistics(r, state_->context, trend, state_->options);
  const auto& parts = state_->listing->parts();
  const std::array<std::int32_t, listing_style_count> numbers = start.number_listing_styles(parts);
  for (std::uint8_t style = 0; style < listing_style_count; ++style) {
    const bool used = std::any_of(parts.begin(), parts.end(), [&](const auto& p) {
      return ((p.flushed_mask | p.row_mask) & (1U << style)) != 0;
    });
    if (used && numbers[style] != state_->numbers[style]) return false;
  }
  state_->listing->finish(start.f.wrapped);
  start.close(r, state_->options, state_->listing->needs_zip64());
  return true;
}

void detail::write_workbook(const report& r, const ledger& context,
                            const std::vector<trend_point>& trend, const case_listing* listing,
                            output_file& out, const xlsx_options& options) {
  workbook_start start(out.temporary_path(), out.target(), r.options, options);
  std::optional<listing_writer> writer;
  if (listing != nullptr) {
    // Added before any cell, as the eager workbook does.
    writer.emplace(start.workbook,
                   start.workbook.add_sheet(
                       listing_writer::listing_sheet_name(words_for(options.language), options, 1)),
                   context, options, listing_formats_of(start.f));
  }
  start.write_statistics(r, context, trend, options);
  if (writer) {
    for (std::size_t i = 0; i < listing->size(); ++i) writer->add(listing->at(i));
    writer->finish(start.f.wrapped);
  }
  start.close(r, options, writer && writer->needs_zip64());
}

void detail::check_xlsx_options(const xlsx_options& options) {
  constexpr std::size_t excel_rows = 1'048'576;
  if (options.max_rows_per_sheet == 0 || options.max_rows_per_sheet > excel_rows - 1) {
    throw usage_error("max_rows_per_sheet must be between 1 and 1048575, not " +
                      std::to_string(options.max_rows_per_sheet));
  }
}

void write_xlsx_report(const report& r, const ledger& book, output_file& out,
                       const xlsx_options& options) {
  detail::check_xlsx_options(options);
  detail::trend_counter trend(book, r.options);
  std::int64_t coordinated = 0;
  for (const case_record& c : book.cases()) {
    trend.add(c);
    if (c.reported_on >= r.options.from && c.reported_on <= r.options.to &&
        c.status != case_status::withdrawn) {
      ++coordinated;
    }
  }
  // The listing and the trend come from `book`; a report finished from parts against a
  // ledger of just the districts and teams would get an empty listing and a flat trend.
  if (coordinated != r.total.metrics.cases.coordinated) {
    throw usage_error("the ledger given holds " + std::to_string(coordinated) + " of the " +
                      std::to_string(r.total.metrics.cases.coordinated) +
                      " cases the report coordinated: a workbook lists and charts the cases "
                      "of the ledger the report was computed from");
  }
  std::optional<detail::ledger_listing> listing;
  if (options.include_cases) listing.emplace(book, r.options);
  detail::write_workbook(r, book, trend.take_points(), listing ? &*listing : nullptr, out, options);
}

void write_xlsx_report(const report& r, const ledger& book, const std::filesystem::path& path,
                       const xlsx_options& options) {
  output_file out(path);
  write_xlsx_report(r, book, out, options);
  out.commit();
}

}  // namespace caseledger
