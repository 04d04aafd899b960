#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/language.hpp"
#include "caseledger/core/money.hpp"

namespace caseledger {

/// One figure as a headline shows it: its text, none when the group has no value for it,
/// and its number (a clause's `when` needs it non-zero; {figure|singular|plural} picks the
/// form by whether it is 1).
struct headline_figure {
  std::optional<std::string> text;
  std::int64_t number = 0;
};

/// Every figure a template may name, by name (`headline_templates::figure_names()`).
using headline_figures = std::map<std::string, headline_figure, std::less<>>;

/// Which of a language's two sentences: a group's, or the total's.
enum class headline_subject : std::uint8_t { group, total };

/// The templates of the headline sentences: one sentence per group and one for the total,
/// in each language, built from clauses that are left out when their figure is missing or
/// zero. They are data (docs/bulletin.md): the built-in ones are `data/headlines.json`,
/// installed as `share/caseledger/headlines.json`; a user's file of the same shape
/// replaces them.
///
///     auto templates = std::make_shared<const caseledger::headline_templates>(
///         caseledger::headline_templates::read("my-headlines.json"));
///     options.headlines = templates;
class headline_templates {
 public:
  /// The templates built into the library (the content of data/headlines.json).
  static std::shared_ptr<const headline_templates> built_in();

  /// Parses a `caseledger.headlines/1` document. `source` names it in errors. Throws
  /// `usage_error` for a bad document: not JSON, a language or field missing, a
  /// placeholder that names no figure, an unclosed brace.
  static headline_templates parse(std::string_view text, const std::string& source);

  /// Reads and parses a file. Throws `file_error` or `usage_error`.
  static headline_templates read(const std::filesystem::path& path);

  /// The sentence of `subject` in `language` with `figures` filled in (metrics'
  /// `headline_figures_of` gives them for a report's group). Throws `usage_error` naming the
  /// template, the figure and `named` (the group) when the sentence itself (not a clause)
  /// uses a figure that has no value.
  std::string render(const headline_figures& figures, headline_subject subject,
                     report_language language, std::string_view named) const;

  /// Every figure a template may name, e.g. "coordinated", "resolution_rate".
  static const std::vector<std::string_view>& figure_names();

 private:
  struct clause {
    std::string text;
    std::string when;  // the figure that must be non-zero, or ""
  };
  struct language_templates {
    std::string group;
    std::string total;
    std::string separator;
    std::vector<clause> clauses;
  };
  std::array<language_templates, 3> languages_;
};

/// A window named the way a reader of `language` expects: in Chinese 2020年一季度,
/// 2020年1—2月, 2020年2月, 2020年上半年, 2020年, 2020年1月5日—3月20日; with `short_form`
/// the year is left out when the window lies within one year (一季度, 1—2月). In English
/// Q1 2020, January–February 2020, February 2020, H1 2020, 2020, 5 January – 20 March 2020.
std::string period_name(date from, date to, report_language language, bool short_form = false);

/// An amount in the unit a reader expects, up to two decimals, trailing zeros dropped: in
/// Chinese 500元, 16万元, 550万元, 1.2亿元 (万元 from 1万, 亿元 from 1亿); in English 500 yuan,
/// 160,000 yuan, 5.5 million yuan (million from 1 million).
std::string money_words(money amount, report_language language);

}  // namespace caseledger
