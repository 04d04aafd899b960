// How reports name things for people in each report language: the title, districts,
// teams, months and groups. The workbook and the page show the same names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "caseledger/core/language.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger::detail {

/// `chosen` when it is not empty, else the report's own title if it was given one, else
/// the default title in `language`.
std::string report_title(const report& r, report_language language, const std::string& chosen);

/// A district's name as reports show it: its English name in English (its id when it has
/// none), else its name.
std::string_view shown_name(const district& d, report_language language);

/// A team's name, or its id when it has none.
std::string_view shown_name(const team& t);

/// A unit's name, or its id when it has none.
std::string_view shown_name(const unit& u);

/// The shown name of the district `id`, or the id when the ledger lacks it.
std::string district_name(const ledger& book, report_language language, std::string_view id);

/// The shown name of the team `id`, or the id when the ledger lacks it.
std::string team_name(const ledger& book, std::string_view id);

/// The shown name of the unit `id`, or the id when the ledger lacks it.
std::string unit_name(const ledger& book, std::string_view id);

/// A month key "YYYY-MM" as "2020年2月" (as it is in English).
std::string month_label(report_language language, const std::string& key);

/// One value of a group's key in `language` (the group's own labels are in Simplified
/// Chinese and English only, so every language is built the same way from the key).
std::string key_label(const ledger& book, report_language language, group_dimension dimension,
                      const std::optional<std::string>& value);

/// A key's values in `language`, joined (合计 / Total for the total's empty key): how
/// the alerts name their group.
std::string key_text(const report& r, const group_key& key, const ledger& book,
                     report_language language);

/// The figure an alert threshold watches, as people read it: 办结率, 超期在办数（超过30天）.
std::string alert_metric_name(const alert_threshold& threshold, report_language language);

/// A group's name: the report's own label in Simplified Chinese and English when it has
/// one, else its key's values joined; the total's is 合计 / Total.
std::string group_label(const report& r, const report_group& group, const ledger& book,
                        report_language language);

}  // namespace caseledger::detail
