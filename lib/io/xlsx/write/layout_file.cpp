// The layout file: the workbook's shape as a superior office prescribes it (docs/xlsx.md),
// read strictly, so that a misspelt key is an error rather than a silent default.
#include <array>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/xlsx_report.hpp"

namespace caseledger {
namespace {

using json = nlohmann::json;

// The names a layout file gives the sheets and columns, in the enums' order.
constexpr std::array<std::string_view, 6> sheet_names = {"summary", "by_category",    "trend",
                                                         "support", "return_to_work", "alerts"};
constexpr std::array<std::string_view, 18> column_names = {"coordinated",
                                                           "resolved",
                                                           "unresolvable",
                                                           "open",
                                                           "resolution_rate",
                                                           "on_time_rate",
                                                           "median_days",
                                                           "p90_days",
                                                           "subsidy",
                                                           "fee_reduction",
                                                           "loan",
                                                           "allowance",
                                                           "workers",
                                                           "supply_recipients",
                                                           "resumption_rate",
                                                           "service_team",
                                                           "party_team",
                                                           "instructor"};

template <std::size_t N>
std::string listed(const std::array<std::string_view, N>& names) {
  std::string text;
  for (std::string_view name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

/// Reads one layout document, naming `file` and the key in every refusal.
class layout_reader {
 public:
  layout_reader(const std::string& file, xlsx_options options)
      : file_(file), options_(std::move(options)) {}

  xlsx_options read(std::string_view text) {
    json document;
    try {
      document = json::parse(text);
    } catch (const json::exception& e) {
      refuse("", std::string("invalid JSON: ") + e.what());
    }
    if (!document.is_object()) refuse("", "a layout must be a JSON object");
    for (const auto& [key, value] : document.items()) read_key(key, value);
    // A prescribed form gets exactly the sheets and columns it lists.
    if ((document.contains("sheets") || document.contains("summary_columns")) &&
        !document.contains("handling_process")) {
      options_.handling_process = false;
    }
    return std::move(options_);
  }

 private:
  [[noreturn]] void refuse(const std::string& key, const std::string& reason) const {
    problem found;
    found.file = file_;
    found.field = key;
    found.reason = reason;
    throw ledger_error({std::move(found)});
  }

  std::string text(const std::string& key, const json& value) const {
    if (!value.is_string()) refuse(key, "must be a string");
    return value.get<std::string>();
  }

  template <std::size_t N>
  std::size_t one_of(const std::string& key, const json& value,
                     const std::array<std::string_view, N>& names) const {
    const std::string given = text(key, value);
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == given) return i;
    }
    refuse(key, "'" + given + "' is not one of " + listed(names));
  }

  void read_key(const std::string& key, const json& value) {
    if (key == "form") {
      options_.form = one_of(key, value, std::array<std::string_view, 2>{"office", "data"}) == 0
                          ? workbook_form::office
                          : workbook_form::data;
    } else if (key == "language") {
      constexpr std::array<std::string_view, 3> languages = {"zh-Hans", "zh-Hant", "en"};
      options_.language = static_cast<report_language>(one_of(key, value, languages));
    } else if (key == "title") {
      options_.title = text(key, value);
    } else if (key == "unit_name") {
      options_.unit_name = text(key, value);
    } else if (key == "money_unit") {
      options_.money_in_wan =
          one_of(key, value, std::array<std::string_view, 2>{"yuan", "wan"}) == 1;
    } else if (key == "money_decimals") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
          value.get<std::int64_t>() > 6) {
        refuse(key, "must be a whole number from 0 to 6");
      }
      options_.money_decimals = value.get<int>();
    } else if (key == "listing") {
      if (!value.is_boolean()) refuse(key, "must be true or false");
      options_.include_cases = value.get<bool>();
    } else if (key == "sheets") {
      options_.sheets =
          choices<sheet_choice, statistics_sheet>(key, value, "sheet", "name", sheet_names);
    } else if (key == "summary_columns") {
      options_.summary_columns =
          choices<column_choice, summary_column>(key, value, "column", "label", column_names);
    } else if (key == "handling_process") {
      if (!value.is_boolean()) refuse(key, "must be true or false");
      options_.handling_process = value.get<bool>();
    } else if (key == "signature") {
      if (!value.is_array()) refuse(key, "must be a list of labels");
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < value.size(); ++i) {
        labels.push_back(text(key + "[" + std::to_string(i) + "]", value[i]));
      }
      options_.signature = std::move(labels);
    } else if (key == "fonts") {
      read_fonts(value);
    } else {
      refuse(key,
             "unknown key (form, language, title, unit_name, money_unit, money_decimals, "
             "listing, sheets, summary_columns, handling_process, signature, fonts)");
    }
  }

  void read_fonts(const json& value) {
    if (!value.is_object()) refuse("fonts", "must be an object with body, heading and size");
    for (const auto& [key, setting] : value.items()) {
      const std::string where = "fonts." + key;
      if (key == "body") {
        options_.body_font = text(where, setting);
      } else if (key == "heading") {
        options_.heading_font = text(where, setting);
      } else if (key == "size") {
        if (!setting.is_number() || setting.get<double>() < 6 || setting.get<double>() > 72) {
          refuse(where, "must be a size in points from 6 to 72");
        }
        options_.font_size = setting.get<double>();
      } else {
        refuse(where, "unknown key (body, heading, size)");
      }
    }
  }

  /// Excel's rules for a sheet's name: 31 characters at most (UTF-16 units), none of
  /// []:*?/\, no apostrophe first or last.
  void check_sheet_name(const std::string& key, const std::string& name) const {
    std::size_t units = 0;
    for (const char c : name) {
      const auto byte = static_cast<unsigned char>(c);
      if ((byte & 0xC0U) != 0x80U) units += byte >= 0xF0U ? 2 : 1;  // a character's start
      if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) {
        refuse(key, "a sheet's name cannot hold []:*?/\\");
      }
    }
    if (units > 31) refuse(key, "a sheet's name has at most 31 characters");
    if (!name.empty() && (name.front() == '\'' || name.back() == '\'')) {
      refuse(key, "a sheet's name cannot start or end with an apostrophe");
    }
  }

  /// A list of sheets or columns: each a name, or an object with the name under `id_key`
  /// and the text shown under `label_key`.
  template <typename Choice, typename Enum, std::size_t N>
  std::vector<Choice> choices(const std::string& key, const json& value, const char* id_key,
                              const char* label_key,
                              const std::array<std::string_view, N>& names) const {
    if (!value.is_array()) refuse(key, "must be a list");
    std::vector<Choice> chosen;
    std::vector<bool> seen(N, false);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string where = key + "[" + std::to_string(i) + "]";
      const json& entry = value[i];
      std::size_t id = 0;
      std::string label;
      if (entry.is_string()) {
        id = one_of(where, entry, names);
      } else if (entry.is_object()) {
        if (!entry.contains(id_key)) refuse(where, std::string("needs \"") + id_key + "\"");
        for (const auto& [field, setting] : entry.items()) {
          if (field == id_key) {
            id = one_of(where + "." + field, setting, names);
          } else if (field == label_key) {
            label = text(where + "." + field, setting);
            if constexpr (std::is_same_v<Choice, sheet_choice>)
              check_sheet_name(where + "." + field, label);
          } else {
            refuse(where + "." + field,
                   std::string("unknown key (") + id_key + ", " + label_key + ")");
          }
        }
      } else {
        refuse(where, "must be a name or an object");
      }
      if (seen[id]) refuse(where, "'" + std::string(names[id]) + "' is listed twice");
      seen[id] = true;
      chosen.push_back(Choice{static_cast<Enum>(id), std::move(label)});
    }
    return chosen;
  }

  const std::string& file_;
  xlsx_options options_;
};

}  // namespace

std::string_view layout_name(statistics_sheet sheet) {
  return sheet_names[static_cast<std::size_t>(sheet)];
}

std::string_view layout_name(summary_column column) {
  return column_names[static_cast<std::size_t>(column)];
}

std::vector<sheet_choice> default_sheets() {
  std::vector<sheet_choice> sheets;
  for (std::size_t i = 0; i < sheet_names.size(); ++i) {
    sheets.push_back({static_cast<statistics_sheet>(i), {}});
  }
  return sheets;
}

std::vector<column_choice> default_summary_columns() {
  std::vector<column_choice> columns;
  for (std::size_t i = 0; i < column_names.size(); ++i) {
    columns.push_back({static_cast<summary_column>(i), {}});
  }
  return columns;
}

xlsx_options parse_workbook_layout(std::string_view text, const std::string& name,
                                   xlsx_options base) {
  return layout_reader(name, std::move(base)).read(text);
}

xlsx_options read_workbook_layout(const std::filesystem::path& path, xlsx_options base) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path, "open", std::error_code(errno, std::generic_category()));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw file_error(path, "read", std::error_code(errno, std::generic_category()));
  return parse_workbook_layout(text, path.string(), std::move(base));
}

}  // namespace caseledger
