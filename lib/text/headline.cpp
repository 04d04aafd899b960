#include "caseledger/text/headline.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "core/input_file.hpp"
#include "util/decimal.hpp"

namespace caseledger {

namespace detail {
// The content of data/headlines.json, compiled in (lib/text/built_in_json.cpp.in).
extern const std::string_view built_in_headlines_json;
}  // namespace detail

namespace {

constexpr std::array<std::string_view, 3> language_keys = {"zh-Hans", "zh-Hant", "en"};

constexpr std::array<std::string_view, 12> english_months = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool whole_months(date from, date to) { return from.day() == 1 && to.plus_days(1).day() == 1; }

int month_count(date from, date to) {
  return (to.year() - from.year()) * 12 + static_cast<int>(to.month()) -
         static_cast<int>(from.month()) + 1;
}

std::string zh_day(date day) {
  return std::to_string(day.month()) + "月" + std::to_string(day.day()) + "日";
}

std::string en_day(date day) {
  return std::to_string(day.day()) + " " + std::string(english_months[day.month() - 1]);
}

std::string zh_period(date from, date to, bool short_form) {
  const std::string year = std::to_string(from.year()) + "年";
  if (from.year() != to.year()) {
    if (whole_months(from, to)) {
      return year + std::to_string(from.month()) + "月—" + std::to_string(to.year()) + "年" +
             std::to_string(to.month()) + "月";
    }
    return year + zh_day(from) + "—" + std::to_string(to.year()) + "年" + zh_day(to);
  }
  std::string period;
  if (whole_months(from, to)) {
    const int months = month_count(from, to);
    if (months == 12) return short_form ? "全年" : year;
    if (months == 6 && (from.month() == 1 || from.month() == 7)) {
      period = from.month() == 1 ? "上半年" : "下半年";
    } else if (months == 3 && from.month() % 3 == 1) {
      constexpr std::array<std::string_view, 4> quarters = {"一", "二", "三", "四"};
      period = std::string(quarters[(from.month() - 1) / 3]) + "季度";
    } else if (months == 1) {
      period = std::to_string(from.month()) + "月";
    } else {
      period = std::to_string(from.month()) + "—" + std::to_string(to.month()) + "月";
    }
  } else {
    period = from == to ? zh_day(from) : zh_day(from) + "—" + zh_day(to);
  }
  return short_form ? period : year + period;
}

std::string en_period(date from, date to) {
  const std::string year = std::to_string(to.year());
  if (from.year() != to.year()) {
    if (whole_months(from, to)) {
      return std::string(english_months[from.month() - 1]) + " " + std::to_string(from.year()) +
             " – " + std::string(english_months[to.month() - 1]) + " " + year;
    }
    return en_day(from) + " " + std::to_string(from.year()) + " – " + en_day(to) + " " + year;
  }
  if (whole_months(from, to)) {
    const int months = month_count(from, to);
    if (months == 12) return year;
    if (months == 6 && (from.month() == 1 || from.month() == 7)) {
      return (from.month() == 1 ? "H1 " : "H2 ") + year;
    }
    if (months == 3 && from.month() % 3 == 1) {
      return "Q" + std::to_string((from.month() - 1) / 3 + 1) + " " + year;
    }
    if (months == 1) return std::string(english_months[from.month() - 1]) + " " + year;
    return std::string(english_months[from.month() - 1]) + "–" +
           std::string(english_months[to.month() - 1]) + " " + year;
  }
  if (from == to) return en_day(from) + " " + year;
  return en_day(from) + " – " + en_day(to) + " " + year;
}

// "16.00" → "16", "1.20" → "1.2".
std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// A template's pieces: literal text, and placeholders {name} or {name|singular|plural}.
struct placeholder {
  std::string name;
  std::string singular;
  std::string plural;
  bool counted = false;
};

// Calls `on_text(text)` and `on_placeholder(placeholder)` in order; throws a message (without
// the template's name) for an unclosed brace.
template <class OnText, class OnPlaceholder>
void scan(std::string_view text, OnText on_text, OnPlaceholder on_placeholder) {
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal += c;  // "{{" and "}}" are literal braces
      ++i;
      continue;
    }
    if (c == '}') throw std::invalid_argument("a '}' without its '{'");
    if (c != '{') {
      literal += c;
      continue;
    }
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) throw std::invalid_argument("a '{' without its '}'");
    on_text(literal);
    literal.clear();
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    placeholder p;
    const std::size_t bar = inside.find('|');
    p.name = std::string(inside.substr(0, bar));
    if (bar != std::string_view::npos) {
      const std::string_view forms = inside.substr(bar + 1);
      const std::size_t second = forms.find('|');
      if (second == std::string_view::npos) {
        throw std::invalid_argument("{" + std::string(inside) +
                                    "}: write {figure|singular|plural}");
      }
      p.singular = std::string(forms.substr(0, second));
      p.plural = std::string(forms.substr(second + 1));
      p.counted = true;
    }
    on_placeholder(p);
    i = close;
  }
  on_text(literal);
}

// The template with its figures, or the name of the first figure with no value.
std::pair<std::string, std::string> substitute(std::string_view text,
                                               const headline_figures& figures,
                                               const std::string& clauses) {
  std::string out;
  std::string missing;
  scan(
      text, [&out](const std::string& literal) { out += literal; },
      [&](const placeholder& p) {
        if (p.name == "clauses") {
          out += clauses;
          return;
        }
        const headline_figure& f = figures.at(p.name);
        if (!f.text) {
          if (missing.empty()) missing = p.name;
          return;
        }
        out += *f.text;
        if (p.counted) out += " " + (f.number == 1 ? p.singular : p.plural);
      });
  return {out, missing};
}

std::string required_string(const nlohmann::json& object, const char* field,
                            const std::string& where) {
  const auto found = object.find(field);
  if (found == object.end() || !found->is_string()) {
    throw usage_error(where + ": \"" + field + "\" must be a string");
  }
  return found->get<std::string>();
}

// Checks that every placeholder of `text` names a figure ("clauses" only where allowed).
void check_template(const std::string& text, bool clauses_allowed, const std::string& where) {
  const auto& names = headline_templates::figure_names();
  try {
    scan(
        text, [](const std::string&) {},
        [&](const placeholder& p) {
          if (p.name == "clauses" && clauses_allowed) return;
          if (std::find(names.begin(), names.end(), p.name) == names.end()) {
            throw std::invalid_argument("{" + p.name + "} names no figure");
          }
        });
  } catch (const std::invalid_argument& e) {
    throw usage_error(where + ": " + e.what());
  }
}

}  // namespace

const std::vector<std::string_view>& headline_templates::figure_names() {
  static const std::vector<std::string_view> names = {"period",
                                                      "period_short",
                                                      "group",
                                                      "coordinated",
                                                      "resolved",
                                                      "unresolvable",
                                                      "open",
                                                      "late",
                                                      "resolved_in_window",
                                                      "resolution_rate",
                                                      "on_time_rate",
                                                      "resumption_rate",
                                                      "mean_days",
                                                      "overdue_open",
                                                      "extended",
                                                      "extension_rate",
                                                      "followed_up",
                                                      "follow_up_rate",
                                                      "satisfaction_rate",
                                                      "mean_workdays",
                                                      "co_handled",
                                                      "subsidy_amount",
                                                      "subsidy_count",
                                                      "fee_reduction_amount",
                                                      "fee_reduction_count",
                                                      "loan_amount",
                                                      "loan_count",
                                                      "allowance_amount",
                                                      "allowance_count",
                                                      "workers",
                                                      "trips",
                                                      "backlog_open",
                                                      "oldest_open_case",
                                                      "oldest_open_age",
                                                      "compare_period",
                                                      "compare_label",
                                                      "coordinated_change",
                                                      "coordinated_change_relative",
                                                      "resolved_change",
                                                      "resolved_change_relative",
                                                      "resolution_rate_change_points",
                                                      "overdue_open_change",
                                                      "satisfaction_rate_change_points"};
  return names;
}

std::shared_ptr<const headline_templates> headline_templates::built_in() {
  static const std::shared_ptr<const headline_templates> templates =
      std::make_shared<const headline_templates>(
          parse(detail::built_in_headlines_json, "built-in headlines.json"));
  return templates;
}

headline_templates headline_templates::parse(std::string_view text, const std::string& source) {
  const std::string where = "headline templates '" + source + "'";
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw usage_error(where + ": not JSON: " + e.what());
  }
  if (!document.is_object() || document.value("format", "") != "caseledger.headlines/1") {
    throw usage_error(where + R"(: expected {"format": "caseledger.headlines/1", …})");
  }
  headline_templates templates;
  for (std::size_t i = 0; i < language_keys.size(); ++i) {
    const std::string key(language_keys[i]);
    const auto found = document.find(key);
    if (found == document.end() || !found->is_object()) {
      throw usage_error(where + ": no templates for " + key);
    }
    const std::string at = where + " " + key;
    language_templates& language = templates.languages_[i];
    language.group = required_string(*found, "group", at);
    language.total = required_string(*found, "total", at);
    language.separator = required_string(*found, "separator", at);
    check_template(language.group, true, at + " group");
    check_template(language.total, true, at + " total");
    const auto clauses = found->find("clauses");
    if (clauses == found->end() || !clauses->is_array()) {
      throw usage_error(at + ": \"clauses\" must be an array");
    }
    for (std::size_t c = 0; c < clauses->size(); ++c) {
      const std::string clause_at = at + " clause " + std::to_string(c + 1);
      const nlohmann::json& entry = (*clauses)[c];
      if (!entry.is_object()) throw usage_error(clause_at + ": must be an object");
      clause made{required_string(entry, "text", clause_at), ""};
      check_template(made.text, false, clause_at);
      if (entry.contains("when")) {
        made.when = required_string(entry, "when", clause_at);
        const auto& names = figure_names();
        if (std::find(names.begin(), names.end(), made.when) == names.end()) {
          throw usage_error(clause_at + ": \"when\" names no figure: " + made.when);
        }
      }
      language.clauses.push_back(std::move(made));
    }
  }
  return templates;
}

headline_templates headline_templates::read(const std::filesystem::path& path) {
  return parse(detail::read_whole_file(path), path.string());
}

std::string headline_templates::render(const headline_figures& figures, headline_subject subject,
                                       report_language language, std::string_view named) const {
  const language_templates& templates = languages_[static_cast<std::size_t>(language)];
  std::string clauses;
  for (const clause& c : templates.clauses) {
    if (!c.when.empty() && figures.at(c.when).number == 0) continue;
    auto [text, missing] = substitute(c.text, figures, "");
    if (!missing.empty()) continue;  // a clause without its figure is left out
    if (!clauses.empty()) clauses += templates.separator;
    clauses += text;
  }
  const bool total = subject == headline_subject::total;
  auto [sentence, missing] =
      substitute(total ? templates.total : templates.group, figures, clauses);
  if (!missing.empty()) {
    throw usage_error("headline template " +
                      std::string(language_keys[static_cast<std::size_t>(language)]) +
                      (total ? " total" : " group") + ": {" + missing + "} has no value for " +
                      std::string(named));
  }
  return sentence;
}

std::string period_name(date from, date to, report_language language, bool short_form) {
  return language == report_language::en ? en_period(from, to) : zh_period(from, to, short_form);
}

std::string money_words(money amount, report_language language) {
  const std::int64_t fen = amount.fen();
  const bool negative = fen < 0;
  const detail::uint128 magnitude = negative
                                        ? detail::uint128(0) - static_cast<detail::uint128>(fen)
                                        : static_cast<detail::uint128>(fen);
  std::string text;
  if (language == report_language::en) {
    if (magnitude >= 100'000'000) {  // a million yuan
      text = trim_zeros(detail::divide_rounded(magnitude, 100'000'000, 2)) + " million yuan";
    } else {
      text =
          detail::group_thousands(trim_zeros(detail::divide_rounded(magnitude, 100, 2))) + " yuan";
    }
  } else {
    const bool hant = language == report_language::zh_hant;
    if (magnitude >= 10'000'000'000) {  // 1亿元
      text = trim_zeros(detail::divide_rounded(magnitude, 10'000'000'000, 2)) +
             (hant ? "億元" : "亿元");
    } else if (magnitude >= 1'000'000) {  // 1万元
      text = trim_zeros(detail::divide_rounded(magnitude, 1'000'000, 2)) + (hant ? "萬元" : "万元");
    } else {
      text = trim_zeros(detail::divide_rounded(magnitude, 100, 2)) + "元";
    }
  }
  return negative ? "-" + text : text;
}

}  // namespace caseledger
