#include "io/report_names.hpp"

#include <charconv>

#include "io/report_words.hpp"

namespace caseledger::detail {

std::string report_title(const report& r, report_language language, const std::string& chosen) {
  if (!chosen.empty()) return chosen;
  if (!r.options.title.empty() || language == report_language::zh_hans) return r.title;
  const words& w = words_for(language);
  return concat({w.title_head, r.options.from.to_string(), w.title_middle, r.options.to.to_string(),
                 w.title_tail});
}

std::string_view shown_name(const district& d, report_language language) {
  if (language == report_language::en)
    return d.name_en.empty() ? d.id.view() : std::string_view(d.name_en);
  return d.name;
}

std::string_view shown_name(const team& t) {
  return t.name.empty() ? t.id.view() : std::string_view(t.name);
}

std::string_view shown_name(const unit& u) {
  return u.name.empty() ? u.id.view() : std::string_view(u.name);
}

std::string district_name(const ledger& book, report_language language, std::string_view id) {
  const district* found = book.find_district(id);
  return std::string(found == nullptr ? id : shown_name(*found, language));
}

std::string team_name(const ledger& book, std::string_view id) {
  const team* found = book.find_team(id);
  return std::string(found == nullptr ? id : shown_name(*found));
}

std::string unit_name(const ledger& book, std::string_view id) {
  const unit* found = book.find_unit(id);
  return std::string(found == nullptr ? id : shown_name(*found));
}

std::string month_label(report_language language, const std::string& key) {
  if (language == report_language::en || key.size() != 7) return key;
  int month = 0;
  std::from_chars(key.data() + 5, key.data() + 7, month);
  return key.substr(0, 4) + "年" + std::to_string(month) + "月";
}

std::string key_label(const ledger& book, report_language language, group_dimension dimension,
                      const std::optional<std::string>& value) {
  const words& w = words_for(language);
  if (!value) return std::string(w.none);
  switch (dimension) {
    case group_dimension::district:
      return district_name(book, language, *value);
    case group_dimension::category:
      if (auto c = enum_from_string<case_category>(*value)) {
        return std::string(w.categories[enum_index(*c)]);
      }
      return *value;
    case group_dimension::channel:
      if (auto c = enum_from_string<case_channel>(*value)) {
        return std::string(w.channels[enum_index(*c)]);
      }
      return *value;
    case group_dimension::month:
      return month_label(language, *value);
    case group_dimension::team:
      return team_name(book, *value);
    case group_dimension::unit: {
      const unit* found = book.find_unit(*value);
      return found == nullptr || found->name.empty() ? *value : found->name;
    }
  }
  return *value;
}

std::string key_text(const report& r, const group_key& key, const ledger& book,
                     report_language language) {
  const words& w = words_for(language);
  if (key.empty()) return std::string(w.total);
  std::string text;
  for (std::size_t i = 0; i < key.size() && i < r.options.group_by.size(); ++i) {
    if (i > 0) text += w.separator;
    text += key_label(book, language, r.options.group_by[i], key[i]);
  }
  return text;
}

std::string alert_metric_name(const alert_threshold& threshold, report_language language) {
  const bulletin_words& w = bulletin_words_for(language);
  std::string name(w.metrics[enum_index(threshold.metric)]);
  if (threshold.metric == alert_metric::open_older_than) {
    name += concat({w.older_than_head, std::to_string(threshold.days), w.older_than_tail});
  }
  return name;
}

std::string group_label(const report& r, const report_group& group, const ledger& book,
                        report_language language) {
  if (&group == &r.total) return std::string(words_for(language).total);
  if (language == report_language::zh_hans && !group.label.zh.empty()) return group.label.zh;
  if (language == report_language::en && !group.label.en.empty()) return group.label.en;
  return key_text(r, group.key, book, language);
}

}  // namespace caseledger::detail
