// The calendar file: a province's extra days or a year not yet shipped (docs/calendar.md),
// read strictly, as the layout file is: an unknown key or a bad date is an error naming
// the entry, never skipped.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/calendar_file.hpp"

namespace caseledger {
namespace {

using json = nlohmann::json;

constexpr const char* format_name = "caseledger.calendar/1";
constexpr int earliest_year = 1900;
constexpr int latest_year = 2199;

std::string years_text(int first, int last) {
  return first == last ? std::to_string(first)
                       : std::to_string(first) + "\u2013" + std::to_string(last);
}

std::string listed(const std::vector<int>& years) {
  std::string text;
  for (const int year : years) text += (text.empty() ? "" : ", ") + std::to_string(year);
  return text;
}

/// Reads one calendar document, naming `file` and the entry in every refusal.
class calendar_reader {
 public:
  calendar_reader(const std::string& file, const calendar& base) : file_(file), base_(base) {}

  calendar read(std::string_view text) {
    json document;
    try {
      document = json::parse(text);
    } catch (const json::exception& e) {
      refuse("", std::string("invalid JSON: ") + e.what());
    }
    if (!document.is_object()) refuse("", "a calendar file must be a JSON object");
    for (const auto& [key, value] : document.items()) {
      if (key != "format" && key != "source" && key != "years" && key != "holidays" &&
          key != "workdays") {
        refuse(key, "unknown key (format, source, years, holidays, workdays)");
      }
    }
    read_format(document);
    if (document.contains("source") && !document["source"].is_string()) {
      refuse("source", "must be a string");
    }
    if (document.contains("years")) read_years(document["years"]);
    if (document.contains("holidays")) days_.holidays = read_days("holidays", document["holidays"]);
    if (document.contains("workdays")) days_.workdays = read_days("workdays", document["workdays"]);
    check_both();
    return base_.with_days(days_);
  }

 private:
  [[noreturn]] void refuse(const std::string& entry, const std::string& reason) const {
    problem found;
    found.file = file_;
    found.field = entry;
    found.reason = reason;
    throw ledger_error({std::move(found)});
  }

  void read_format(const json& document) const {
    if (!document.contains("format")) {
      refuse("format", std::string("missing: a calendar file starts with \"format\": \"") +
                           format_name + "\"");
    }
    const json& value = document["format"];
    if (!value.is_string() || value.get<std::string>() != format_name) {
      refuse("format", value.dump() + " is not \"" + format_name + "\"");
    }
  }

  bool covered(int year) const {
    return (year >= base_.first_year() && year <= base_.last_year()) ||
           std::find(days_.years.begin(), days_.years.end(), year) != days_.years.end();
  }

  void read_years(const json& value) {
    if (!value.is_array()) refuse("years", "must be a list of years");
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string entry = "years[" + std::to_string(i) + "]";
      const json& given = value[i];
      if (!given.is_number_integer() || given.get<std::int64_t>() < earliest_year ||
          given.get<std::int64_t>() > latest_year) {
        refuse(entry, given.dump() + " is not a year from " + std::to_string(earliest_year) +
                          " to " + std::to_string(latest_year));
      }
      const int year = given.get<int>();
      if (year >= base_.first_year() && year <= base_.last_year()) {
        refuse(entry, std::to_string(year) + " is already in the working-day calendar (" +
                          years_text(base_.first_year(), base_.last_year()) +
                          "); list its extra days without declaring the year");
      }
      if (covered(year)) refuse(entry, std::to_string(year) + " is listed twice");
      days_.years.push_back(year);
    }
    if (days_.years.empty()) return;
    const int first =
        std::min(base_.first_year(), *std::min_element(days_.years.begin(), days_.years.end()));
    const int last =
        std::max(base_.last_year(), *std::max_element(days_.years.begin(), days_.years.end()));
    for (int year = first; year <= last; ++year) {
      if (!covered(year)) {
        refuse("years", std::to_string(year) + " is missing: the calendar covers " +
                            years_text(base_.first_year(), base_.last_year()) +
                            " and the file declares " + listed(days_.years) +
                            ", and its years must follow one another");
      }
    }
  }

  std::vector<date> read_days(const std::string& key, const json& value) const {
    if (!value.is_array()) refuse(key, "must be a list of dates (YYYY-MM-DD)");
    std::vector<date> days;
    std::map<date, std::size_t> positions;  // each day's first entry
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string entry = key + "[" + std::to_string(i) + "]";
      if (!value[i].is_string()) refuse(entry, value[i].dump() + " is not a date (YYYY-MM-DD)");
      date day;
      try {
        day = date::parse(value[i].get<std::string>());
      } catch (const value_error& e) {
        refuse(entry, e.what());
      }
      if (!covered(day.year())) {
        refuse(entry, day.to_string() + " is outside the working-day calendar (" +
                          years_text(base_.first_year(), base_.last_year()) + ")" +
                          (days_.years.empty()
                               ? std::string(" and the file declares no years")
                               : " and the years the file declares (" + listed(days_.years) + ")"));
      }
      const auto [seen, added] = positions.emplace(day, i);
      if (!added) {
        refuse(entry, day.to_string() + " is listed twice (" + key + "[" +
                          std::to_string(seen->second) + "])");
      }
      days.push_back(day);
    }
    return days;
  }

  void check_both() const {
    std::map<date, std::size_t> holidays;
    for (std::size_t i = 0; i < days_.holidays.size(); ++i) holidays.emplace(days_.holidays[i], i);
    for (std::size_t i = 0; i < days_.workdays.size(); ++i) {
      const date day = days_.workdays[i];
      const auto both = holidays.find(day);
      if (both != holidays.end()) {
        refuse("workdays[" + std::to_string(i) + "]",
               day.to_string() + " is also listed as a holiday (holidays[" +
                   std::to_string(both->second) + "])");
      }
    }
  }

  const std::string& file_;
  const calendar& base_;
  calendar_days days_{};
};

}  // namespace

calendar parse_calendar(std::string_view text, const std::string& name, const calendar& base) {
  return calendar_reader(name, base).read(text);
}

calendar read_calendar(const std::filesystem::path& path, const calendar& base) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path, "open", std::error_code(errno, std::generic_category()));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw file_error(path, "read", std::error_code(errno, std::generic_category()));
  return parse_calendar(text, path.string(), base);
}

}  // namespace caseledger
