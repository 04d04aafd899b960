#include "io/table/field_conversion.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/table/simplified.hpp"

namespace caseledger::detail {
namespace {

constexpr std::string_view ideographic_space = "\u3000";

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) noexcept {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// Removes `suffix` from the end of `text` when it is there.
bool strip_suffix(std::string_view& text, std::string_view suffix) noexcept {
  if (!text.ends_with(suffix)) return false;
  text.remove_suffix(suffix.size());
  return true;
}

bool strip_prefix(std::string_view& text, std::string_view prefix) noexcept {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// Reads 1 to `max_digits` digits from the front of `text`.
std::optional<unsigned> take_number(std::string_view& text, std::size_t max_digits) {
  std::size_t n = 0;
  unsigned value = 0;
  while (n < text.size() && n < max_digits && is_digit(text[n])) {
    value = value * 10 + static_cast<unsigned>(text[n] - '0');
    ++n;
  }
  if (n == 0 || (n < text.size() && is_digit(text[n]))) return std::nullopt;
  text.remove_prefix(n);
  return value;
}

// 1899-12-30: Excel's day 0 for every serial from 61 on (Lotus's phantom 1900-02-29 is
// day 60, so days 1–59 are one day later than this epoch suggests).
constexpr std::int32_t excel_epoch = -25569;
constexpr std::int64_t last_excel_serial = 2958465;  // 9999-12-31

date excel_serial_date(std::string_view original, std::string_view digits) {
  if (digits.size() > 7) throw std::invalid_argument(in_quotes(original) + " is not a date");
  const std::int64_t serial = std::stoll(std::string(digits));
  if (serial < 1 || serial > last_excel_serial || serial == 60) {
    throw std::invalid_argument(in_quotes(original) + " is not an Excel date serial number");
  }
  const std::int64_t shift = serial < 60 ? serial + 1 : serial;
  return date::from_days(static_cast<std::int32_t>(excel_epoch + shift));
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The usual spellings beyond each value's ledger and Chinese names.
struct synonym {
  std::string_view text;
  std::string_view value;
};

template <class Enum>
struct synonyms;

template <>
struct synonyms<case_category> {
  static constexpr std::array<synonym, 10> list = {{{"招工", "labour"},
                                                    {"用工难", "labour"},
                                                    {"招工难", "labour"},
                                                    {"融资", "funding"},
                                                    {"资金/融资", "funding"},
                                                    {"物流", "logistics"},
                                                    {"运输/物流", "logistics"},
                                                    {"能源", "energy"},
                                                    {"用电/能源", "energy"},
                                                    {"其它", "other"}}};
};
template <>
struct synonyms<case_channel> {
  static constexpr std::array<synonym, 4> list = {
      {{"网站", "website"}, {"来电", "phone"}, {"12345热线", "hotline"}, {"其它", "other"}}};
};
template <>
struct synonyms<case_status> {
  static constexpr std::array<synonym, 9> list = {{{"办理中", "open"},
                                                   {"未办结", "open"},
                                                   {"已办结", "resolved"},
                                                   {"已解决", "resolved"},
                                                   {"不能解决", "unresolvable"},
                                                   {"暂无法解决", "unresolvable"},
                                                   {"已撤回", "withdrawn"},
                                                   {"撤销", "withdrawn"},
                                                   {"已撤销", "withdrawn"}}};
};
template <>
struct synonyms<measure_kind> {
  static constexpr std::array<synonym, 4> list = {
      {{"补贴", "subsidy"}, {"贷款贴息", "loan"}, {"运输", "transport"}, {"防疫物资", "supplies"}}};
};
template <>
struct synonyms<transport_mode> {
  static constexpr std::array<synonym, 2> list = {
      {{"专列", "chartered_train"}, {"自行", "self_arranged"}}};
};
template <>
struct synonyms<worker_origin> {
  static constexpr std::array<synonym, 2> list = {
      {{"省内务工人员", "in_province"}, {"省外务工人员", "out_of_province"}}};
};
template <>
struct synonyms<team_kind> {
  static constexpr std::array<synonym, 3> list = {{{"企业服务队", "service_team"},
                                                   {"党员突击队", "party_team"},
                                                   {"复工复产指导员", "instructor"}}};
};

template <>
struct synonyms<satisfaction_level> {
  static constexpr std::array<synonym, 3> list = {{{"非常满意", "satisfied"},
                                                   {"比较满意", "basically_satisfied"},
                                                   {"不太满意", "dissatisfied"}}};
};

// ASCII white space, as std::isspace has it in the C locale: whatever locale the program
// runs in, a cell is trimmed the same way (and without a call per byte).
constexpr bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

std::string_view trim_cell(std::string_view text) noexcept {
  while (true) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (!strip_prefix(text, ideographic_space)) {
      break;
    }
  }
  while (true) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (!strip_suffix(text, ideographic_space)) {
      break;
    }
  }
  return text;
}

date parse_cell_date(std::string_view original) {
  std::string_view text = trim_cell(original);
  if (all_digits(text)) return excel_serial_date(original, text);
  if (const auto dot = text.find('.');
      dot != std::string_view::npos && dot > 0 && all_digits(text.substr(0, dot)) &&
      text.find_first_not_of('0', dot + 1) == std::string::npos && dot + 1 < text.size()) {
    return excel_serial_date(original, text.substr(0, dot));  // "43835.0"
  }
  const auto not_a_date = [&] {
    return std::invalid_argument(in_quotes(original) +
                                 " is not a date (2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日 "
                                 "or an Excel serial number)");
  };
  const auto year = take_number(text, 4);
  if (!year || *year < 1000) throw not_a_date();
  std::string_view second_separator;
  std::string_view end_mark;
  if (strip_prefix(text, "年")) {
    second_separator = "月";
    end_mark = "日";
  } else if (!text.empty() && (text[0] == '-' || text[0] == '/' || text[0] == '.')) {
    second_separator = text.substr(0, 1);
    text.remove_prefix(1);
  } else {
    throw not_a_date();
  }
  const auto month = take_number(text, 2);
  if (!month || !strip_prefix(text, second_separator)) throw not_a_date();
  const auto day = take_number(text, 2);
  if (!day || !strip_prefix(text, end_mark) || !text.empty()) throw not_a_date();
  try {
    return date::from_ymd(static_cast<int>(*year), *month, *day);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(in_quotes(original) + " is not a calendar date");
  }
}

money parse_cell_amount(std::string_view original) {
  std::string_view text = trim_cell(original);
  const auto not_an_amount = [&] {
    return std::invalid_argument(in_quotes(original) + " is not an amount");
  };
  if (text.empty()) throw not_an_amount();
  bool negative = strip_prefix(text, "-");
  if (strip_prefix(text, "¥") || strip_prefix(text, "￥")) {
    if (!negative) negative = strip_prefix(text, "-");
  }
  strip_suffix(text, "元");
  int exponent = 0;
  if (strip_suffix(text, "万") || strip_suffix(text, "萬")) {
    exponent = 4;
  } else if (strip_suffix(text, "亿") || strip_suffix(text, "億")) {
    exponent = 8;
  }
  text = trim_cell(text);

  // Digits, thousands separators only between groups of three, then an optional fraction.
  std::string plain = negative ? "-" : "";
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  if (whole.find(',') != std::string_view::npos) {
    std::size_t group_start = 0;
    bool first = true;
    while (true) {
      const std::size_t comma = whole.find(',', group_start);
      const std::string_view group = whole.substr(group_start, comma - group_start);
      const bool fits = first ? (!group.empty() && group.size() <= 3) : group.size() == 3;
      if (!fits || !all_digits(group)) throw not_an_amount();
      plain += group;
      first = false;
      if (comma == std::string_view::npos) break;
      group_start = comma + 1;
    }
    if (point != std::string_view::npos) plain += text.substr(point);
  } else {
    plain += text;
  }
  // money::parse takes exponents: the scale becomes one, so 万 and 亿 stay exact.
  if (plain.find_first_of("eE") != std::string::npos && exponent != 0) throw not_an_amount();
  if (exponent != 0) plain += "e" + std::to_string(exponent);
  try {
    return money::parse(plain);
  } catch (const overflow_error&) {
    throw overflow_error("amount " + in_quotes(original) + " does not fit in 64-bit fen");
  } catch (const value_error& e) {
    if (e.reason() == value_error::kind::too_precise) {
      throw std::invalid_argument("amount " + in_quotes(original) + " has more than two decimals" +
                                  (exponent != 0 ? " of a yuan" : ""));
    }
    throw not_an_amount();
  }
}

bool parse_cell_flag(std::string_view original) {
  const std::string text = lower_ascii(trim_cell(original));
  if (text == "true" || text == "yes" || text == "y" || text == "1" || text == "是") return true;
  if (text == "false" || text == "no" || text == "n" || text == "0" || text == "否") return false;
  throw std::invalid_argument(in_quotes(original) + " is not yes or no (是/否, true/false, 1/0)");
}

std::int64_t parse_cell_count(std::string_view original) {
  std::string_view text = trim_cell(original);
  if (const auto dot = text.find('.'); dot != std::string_view::npos &&
                                       text.find_first_not_of('0', dot + 1) == std::string::npos &&
                                       dot + 1 < text.size()) {
    text = text.substr(0, dot);  // "12.0"
  }
  std::string digits;
  std::size_t group_start = 0;
  bool first = true;
  while (true) {
    const std::size_t comma = text.find(',', group_start);
    const std::string_view group = text.substr(group_start, comma - group_start);
    const bool fits =
        first ? (comma == std::string_view::npos || group.size() <= 3) : group.size() == 3;
    if (!fits || !all_digits(group)) {
      throw std::invalid_argument(in_quotes(original) + " is not a whole number ≥ 0");
    }
    digits += group;
    first = false;
    if (comma == std::string_view::npos) break;
    group_start = comma + 1;
  }
  if (digits.size() > 18) throw std::invalid_argument(in_quotes(original) + " is too large");
  return std::stoll(digits);
}

template <class Enum>
std::optional<Enum> parse_cell_enum(std::string_view original, std::string_view field,
                                    const value_aliases& extra) {
  const std::string_view text = trim_cell(original);
  if (const auto found = enum_from_string<Enum>(text)) return found;
  const auto& zh = enum_info<Enum>::zh;
  for (std::size_t i = 0; i < zh.size(); ++i) {
    if (zh[i] == text) return static_cast<Enum>(i);
  }
  for (const auto& [spelling, value] : synonyms<Enum>::list) {
    if (spelling == text) return enum_from_string<Enum>(value);
  }
  if (const auto for_field = extra.find(field); for_field != extra.end()) {
    if (const auto value = for_field->second.find(text); value != for_field->second.end()) {
      return enum_from_string<Enum>(value->second);
    }
  }
  if (const auto found = enum_from_string<Enum>(lower_ascii(text))) return found;
  // 已辦結, 資金: the Traditional spelling of a Chinese name or synonym.
  if (const std::string simplified = to_simplified(text); simplified != text) {
    return parse_cell_enum<Enum>(simplified, field, extra);
  }
  return std::nullopt;
}

template <class Enum>
std::string unknown_enum_reason(std::string_view field, std::string_view text) {
  std::string reason =
      "unknown " + std::string(field) + " " + in_quotes(text) + " (expected one of: ";
  for (std::size_t i = 0; i < enum_count<Enum>; ++i) {
    if (i > 0) reason += ", ";
    reason +=
        std::string(enum_info<Enum>::names[i]) + " (" + std::string(enum_info<Enum>::zh[i]) + ")";
  }
  return reason + ")";
}

#define CASELEDGER_CELL_ENUM(Enum)                                                       \
  template std::optional<Enum> parse_cell_enum<Enum>(std::string_view, std::string_view, \
                                                     const value_aliases&);              \
  template std::string unknown_enum_reason<Enum>(std::string_view, std::string_view);

CASELEDGER_CELL_ENUM(case_category)
CASELEDGER_CELL_ENUM(case_channel)
CASELEDGER_CELL_ENUM(case_status)
CASELEDGER_CELL_ENUM(measure_kind)
CASELEDGER_CELL_ENUM(transport_mode)
CASELEDGER_CELL_ENUM(worker_origin)
CASELEDGER_CELL_ENUM(team_kind)
CASELEDGER_CELL_ENUM(satisfaction_level)

#undef CASELEDGER_CELL_ENUM

std::string number_as_shown(std::string_view stored) {
  constexpr int shown_digits = 15;  // what Excel shows of a double
  constexpr int largest_exponent = 20;
  // Most stored numbers are whole ones (序号, counts): up to 15 digits without a leading
  // zero they are exact in a double and shown as stored.
  if (!stored.empty() && stored.size() <= shown_digits && (stored[0] != '0' || stored == "0") &&
      stored.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::string(stored);
  }
  double value = 0;
  const char* const end = stored.data() + stored.size();
  const auto [stop, error] = std::from_chars(stored.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::string(stored);
  // to_chars with a precision rounds exactly (to nearest, ties to even on the double's
  // own binary value), unlike a printf that may depend on the C library.
  std::array<char, 32> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), value,
                                     std::chars_format::scientific, shown_digits - 1);
  const std::string_view scientific(text.data(),
                                    static_cast<std::size_t>(written.ptr - text.data()));
  // "-8.37940000000000e+02": sign, mantissa digits, exponent.
  const bool negative = scientific.starts_with('-');
  const std::size_t e = scientific.find('e');
  std::string digits;
  for (const char c : scientific.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  if (exponent > largest_exponent || exponent < -largest_exponent) return std::string(stored);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (digits == "0") return "0";
  std::string shown = negative ? "-" : "";
  if (exponent < 0) {
    shown += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
    shown += digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
  } else {
    const auto point = static_cast<std::size_t>(exponent) + 1;
    shown += digits.substr(0, point) + "." + digits.substr(point);
  }
  return shown;
}

}  // namespace caseledger::detail
