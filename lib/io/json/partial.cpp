#include "caseledger/io/partial_json.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/version.hpp"

namespace caseledger {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr std::string_view partial_format = "caseledger.partial/2";

[[noreturn]] void fail(const std::string& pointer, const std::string& reason) {
  throw usage_error("partial aggregate: " + (pointer.empty() ? std::string("/") : pointer) + ": " +
                    reason);
}

// ---- writing ----

template <class Enum, class Value, class Convert>
ordered_json enum_table(const std::array<Value, enum_count<Enum>>& values, Convert convert) {
  ordered_json table = ordered_json::object();
  for (std::size_t i = 0; i < values.size(); ++i) {
    table[std::string(enum_info<Enum>::names[i])] = convert(values[i]);
  }
  return table;
}

ordered_json sorted_list(const name_set& members) {
  ordered_json list = ordered_json::array();
  for (std::string& member : members.sorted()) list.push_back(std::move(member));
  return list;
}

ordered_json histogram_json(const day_histogram& histogram) {
  ordered_json days = ordered_json::array();
  for (const auto& [value, count] : histogram.counts()) {
    days.push_back(ordered_json::array({value, count}));
  }
  return days;
}

ordered_json to_json(const backlog_metrics& backlog) {
  ordered_json oldest = nullptr;
  if (backlog.oldest) oldest = {{"case", backlog.oldest->id}, {"age", backlog.oldest->age}};
  return {{"ages", histogram_json(backlog.ages)}, {"oldest", std::move(oldest)}};
}

ordered_json to_json(const case_metrics& cases) {
  ordered_json days = histogram_json(cases.days_to_resolve);
  return {
      {"coordinated", cases.coordinated},
      {"resolved", cases.resolved},
      {"unresolvable", cases.unresolvable},
      {"on_time", cases.on_time},
      {"late", cases.late},
      {"resolved_in_window", cases.resolved_in_window},
      {"days_to_resolve", std::move(days)},
      {"by_category", enum_table<case_category>(cases.by_category,
                                                [](const category_counts& counts) {
                                                  return ordered_json{
                                                      {"coordinated", counts.coordinated},
                                                      {"resolved", counts.resolved}};
                                                })},
      {"overdue_open", cases.overdue_open},
      {"with_due", cases.with_due},
      {"extended", cases.extended},
      {"workdays_to_resolve", histogram_json(cases.workdays_to_resolve)},
      {"workdays_outside_calendar", cases.workdays_outside_calendar},
      {"followed_up", cases.followed_up},
      {"satisfaction", enum_table<satisfaction_level>(cases.satisfaction,
                                                      [](std::int64_t count) { return count; })},
      {"co_handled", cases.co_handled},
  };
}

ordered_json to_json(const group_metrics& metrics) {
  ordered_json support = ordered_json::object();
  for (std::size_t i = 0; i < money_measure_kinds.size(); ++i) {
    const auto& totals = metrics.support[i];
    support[std::string(to_string(money_measure_kinds[i]))] = {
        {"amount_fen", std::to_string(totals.amount.fen())},
        {"count", totals.count},
        {"beneficiaries", sorted_list(totals.beneficiaries)}};
  }
  const auto identity = [](std::int64_t value) { return value; };
  ordered_json supplies = ordered_json::object();
  for (const auto& [item, totals] : metrics.supplies) {
    supplies[item] = {{"quantity", totals.quantity},
                      {"recipients", sorted_list(totals.recipients)}};
  }
  return {
      {"cases", to_json(metrics.cases)},
      {"support", std::move(support)},
      {"return_to_work",
       {{"workers", metrics.return_to_work.workers},
        {"trips", metrics.return_to_work.trips},
        {"by_mode", enum_table<transport_mode>(metrics.return_to_work.by_mode, identity)},
        {"by_origin", enum_table<worker_origin>(metrics.return_to_work.by_origin, identity)}}},
      {"supplies", std::move(supplies)},
      {"resumption",
       {{"tracked", metrics.resumption.tracked}, {"resumed", metrics.resumption.resumed}}},
      {"teams", enum_table<team_kind>(metrics.teams, identity)},
      {"backlog", to_json(metrics.backlog)},
  };
}

// ---- reading ----

// A JSON object read strictly: every key asked for must be there, and `finish` refuses
// the keys nobody asked for, so a typo or a document of another version cannot pass.
class object_reader {
 public:
  object_reader(const json& value, std::string pointer)
      : value_(value), pointer_(std::move(pointer)) {
    if (!value_.is_object()) fail(pointer_, "expected an object");
  }

  const json& at(const std::string& key) {
    const auto found = value_.find(key);
    if (found == value_.end()) fail(pointer_, "missing key '" + key + "'");
    seen_.insert(key);
    return *found;
  }

  std::string pointer(const std::string& key) const { return pointer_ + "/" + key; }

  std::int64_t count(const std::string& key) { return read_count(at(key), pointer(key)); }

  void finish() const {
    for (const auto& [key, value] : value_.items()) {
      if (!seen_.contains(key)) fail(pointer(key), "unknown key");
    }
  }

  static std::int64_t read_count(const json& value, const std::string& pointer) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() <=
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
      return value.get<std::int64_t>();
    }
    fail(pointer, "expected a whole number >= 0");
  }

 private:
  const json& value_;
  std::string pointer_;
  std::set<std::string> seen_;
};

std::string read_string(const json& value, const std::string& pointer) {
  if (!value.is_string()) fail(pointer, "expected a string");
  return value.get<std::string>();
}

bool read_bool(const json& value, const std::string& pointer) {
  if (!value.is_boolean()) fail(pointer, "expected true or false");
  return value.get<bool>();
}

date read_date(const json& value, const std::string& pointer) {
  const std::string text = read_string(value, pointer);
  try {
    return date::parse(text);
  } catch (const std::invalid_argument& error) {
    fail(pointer, error.what());
  }
}

name_set read_set(const json& value, const std::string& pointer) {
  if (!value.is_array()) fail(pointer, "expected an array of strings");
  name_set members;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    if (!members.insert(read_string(value[i], at))) fail(at, "duplicate member");
  }
  return members;
}

template <class Enum, class Value, class Read>
std::array<Value, enum_count<Enum>> read_enum_table(const json& value, const std::string& pointer,
                                                    Read read) {
  object_reader table(value, pointer);
  std::array<Value, enum_count<Enum>> values{};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string name(enum_info<Enum>::names[i]);
    values[i] = read(table.at(name), table.pointer(name));
  }
  table.finish();
  return values;
}

// day_histogram counts one value at a time; adding `times` copies of a value by doubling
// keeps reading the histogram of millions of cases logarithmic in the counts.
void add_repeated(day_histogram& histogram, std::int32_t days, std::int64_t times) {
  day_histogram power;
  power.add(days);
  while (times > 0) {
    if (times & 1) histogram.merge(power);
    times >>= 1;
    if (times > 0) {
      const day_histogram copy = power;
      power.merge(copy);
    }
  }
}

day_histogram read_histogram(const json& value, const std::string& pointer) {
  if (!value.is_array()) fail(pointer, "expected an array of [days, count] pairs");
  day_histogram histogram;
  std::optional<std::int64_t> previous;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    const json& pair = value[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer()) {
      fail(at, "expected a [days, count] pair");
    }
    const auto days = pair[0].get<std::int64_t>();
    if (days < std::numeric_limits<std::int32_t>::min() ||
        days > std::numeric_limits<std::int32_t>::max()) {
      fail(at + "/0", "days out of range");
    }
    if (previous && days <= *previous) fail(at + "/0", "days not in ascending order");
    previous = days;
    const std::int64_t count = object_reader::read_count(pair[1], at + "/1");
    if (count == 0) fail(at + "/1", "a count of 0 is never written");
    add_repeated(histogram, static_cast<std::int32_t>(days), count);
  }
  return histogram;
}

case_metrics read_case_metrics(const json& value, const std::string& pointer) {
  object_reader object(value, pointer);
  case_metrics cases;
  cases.coordinated = object.count("coordinated");
  cases.resolved = object.count("resolved");
  cases.unresolvable = object.count("unresolvable");
  cases.on_time = object.count("on_time");
  cases.late = object.count("late");
  cases.resolved_in_window = object.count("resolved_in_window");
  cases.days_to_resolve =
      read_histogram(object.at("days_to_resolve"), object.pointer("days_to_resolve"));
  cases.by_category = read_enum_table<case_category, category_counts>(
      object.at("by_category"), object.pointer("by_category"),
      [](const json& counts_value, const std::string& counts_pointer) {
        object_reader counts(counts_value, counts_pointer);
        category_counts result{.coordinated = counts.count("coordinated"),
                               .resolved = counts.count("resolved")};
        counts.finish();
        return result;
      });
  cases.overdue_open = object.count("overdue_open");
  cases.with_due = object.count("with_due");
  cases.extended = object.count("extended");
  cases.workdays_to_resolve =
      read_histogram(object.at("workdays_to_resolve"), object.pointer("workdays_to_resolve"));
  cases.workdays_outside_calendar = object.count("workdays_outside_calendar");
  cases.followed_up = object.count("followed_up");
  cases.satisfaction = read_enum_table<satisfaction_level, std::int64_t>(
      object.at("satisfaction"), object.pointer("satisfaction"), object_reader::read_count);
  cases.co_handled = object.count("co_handled");
  object.finish();
  return cases;
}

money read_fen(const json& value, const std::string& pointer) {
  const std::string text = read_string(value, pointer);
  std::int64_t fen = 0;
  const bool negative = !text.empty() && text.front() == '-';
  const std::size_t first = negative ? 1 : 0;
  if (text.size() == first) fail(pointer, "expected whole fen as a string of digits");
  for (std::size_t i = first; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') fail(pointer, "expected whole fen as a string of digits");
    const int digit = c - '0';
    // Accumulate towards the sign so that the most negative amount still fits.
    if (negative ? fen < (std::numeric_limits<std::int64_t>::min() + digit) / 10
                 : fen > (std::numeric_limits<std::int64_t>::max() - digit) / 10) {
      fail(pointer, "amount does not fit in 64-bit fen");
    }
    fen = fen * 10 + (negative ? -digit : digit);
  }
  return money::from_fen(fen);
}

backlog_metrics read_backlog(const json& value, const std::string& pointer) {
  object_reader object(value, pointer);
  backlog_metrics backlog;
  backlog.ages = read_histogram(object.at("ages"), object.pointer("ages"));
  const json& oldest = object.at("oldest");
  if (!oldest.is_null()) {
    object_reader case_age(oldest, object.pointer("oldest"));
    open_case_age found;
    found.id = read_string(case_age.at("case"), case_age.pointer("case"));
    const std::int64_t age = case_age.count("age");
    if (age > std::numeric_limits<std::int32_t>::max()) {
      fail(case_age.pointer("age"), "days out of range");
    }
    found.age = static_cast<std::int32_t>(age);
    case_age.finish();
    backlog.oldest = std::move(found);
  }
  // The oldest case is among the ages, so both are there or neither is.
  if (backlog.oldest.has_value() != (backlog.ages.count() > 0) ||
      (backlog.oldest && backlog.ages.max() != backlog.oldest->age)) {
    fail(object.pointer("oldest"), "does not match the ages");
  }
  object.finish();
  return backlog;
}

group_metrics read_group_metrics(const json& value, const std::string& pointer) {
  object_reader object(value, pointer);
  group_metrics metrics;
  metrics.cases = read_case_metrics(object.at("cases"), object.pointer("cases"));

  object_reader support(object.at("support"), object.pointer("support"));
  for (std::size_t i = 0; i < money_measure_kinds.size(); ++i) {
    const std::string kind(to_string(money_measure_kinds[i]));
    object_reader totals(support.at(kind), support.pointer(kind));
    metrics.support[i].amount = read_fen(totals.at("amount_fen"), totals.pointer("amount_fen"));
    metrics.support[i].count = totals.count("count");
    metrics.support[i].beneficiaries =
        read_set(totals.at("beneficiaries"), totals.pointer("beneficiaries"));
    totals.finish();
  }
  support.finish();

  const auto read_count = [](const json& count, const std::string& at) {
    return object_reader::read_count(count, at);
  };
  object_reader transport(object.at("return_to_work"), object.pointer("return_to_work"));
  metrics.return_to_work.workers = transport.count("workers");
  metrics.return_to_work.trips = transport.count("trips");
  metrics.return_to_work.by_mode = read_enum_table<transport_mode, std::int64_t>(
      transport.at("by_mode"), transport.pointer("by_mode"), read_count);
  metrics.return_to_work.by_origin = read_enum_table<worker_origin, std::int64_t>(
      transport.at("by_origin"), transport.pointer("by_origin"), read_count);
  transport.finish();

  const json& supplies = object.at("supplies");
  if (!supplies.is_object()) fail(object.pointer("supplies"), "expected an object");
  for (const auto& [item, item_value] : supplies.items()) {
    object_reader totals(item_value, object.pointer("supplies") + "/" + item);
    metrics.supplies[item] = supply_totals{
        .quantity = totals.count("quantity"),
        .recipients = read_set(totals.at("recipients"), totals.pointer("recipients"))};
    totals.finish();
  }

  object_reader resumption(object.at("resumption"), object.pointer("resumption"));
  metrics.resumption.tracked = resumption.count("tracked");
  metrics.resumption.resumed = resumption.count("resumed");
  resumption.finish();

  metrics.teams = read_enum_table<team_kind, std::int64_t>(object.at("teams"),
                                                           object.pointer("teams"), read_count);
  metrics.backlog = read_backlog(object.at("backlog"), object.pointer("backlog"));
  object.finish();
  return metrics;
}

group_key read_key(const json& value, const std::string& pointer, std::size_t dimensions) {
  if (!value.is_array() || value.size() != dimensions) {
    fail(pointer, "expected an array of " + std::to_string(dimensions) +
                      " values (one per group_by dimension)");
  }
  group_key key;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i].is_null()) {
      key.emplace_back(std::nullopt);
    } else {
      key.emplace_back(read_string(value[i], pointer + "/" + std::to_string(i)));
    }
  }
  return key;
}

}  // namespace

nlohmann::ordered_json options_to_json(const report_options& options) {
  ordered_json group_by = ordered_json::array();
  for (const auto dimension : options.group_by) group_by.push_back(to_string(dimension));
  return {
      {"from", options.from.to_string()},
      {"to", options.to.to_string()},
      {"as_of", options.as_of ? ordered_json(options.as_of->to_string()) : ordered_json()},
      {"group_by", std::move(group_by)},
      {"rate_decimals", options.rate_decimals},
      {"key_only_resumption", options.key_only_resumption},
      {"title", options.title},
  };
}

report_options options_from_json(const nlohmann::json& document) {
  object_reader object(document, "/options");
  report_options options;
  options.from = read_date(object.at("from"), object.pointer("from"));
  options.to = read_date(object.at("to"), object.pointer("to"));
  if (const json& as_of = object.at("as_of"); !as_of.is_null()) {
    options.as_of = read_date(as_of, object.pointer("as_of"));
  }
  const json& group_by = object.at("group_by");
  if (!group_by.is_array()) fail(object.pointer("group_by"), "expected an array of names");
  options.group_by.clear();
  for (std::size_t i = 0; i < group_by.size(); ++i) {
    const std::string at = object.pointer("group_by") + "/" + std::to_string(i);
    const std::string name = read_string(group_by[i], at);
    const auto dimension = enum_from_string<group_dimension>(name);
    if (!dimension) fail(at, "unknown dimension '" + name + "'");
    options.group_by.push_back(*dimension);
  }
  const json& decimals = object.at("rate_decimals");
  if (!decimals.is_number_integer() || decimals.get<std::int64_t>() < 0 ||
      decimals.get<std::int64_t>() > 6) {
    fail(object.pointer("rate_decimals"), "expected a whole number from 0 to 6");
  }
  options.rate_decimals = decimals.get<int>();
  options.key_only_resumption =
      read_bool(object.at("key_only_resumption"), object.pointer("key_only_resumption"));
  options.title = read_string(object.at("title"), object.pointer("title"));
  object.finish();
  return options;
}

nlohmann::ordered_json partial_to_json(const partial_document& document) {
  ordered_json groups = ordered_json::array();
  for (const auto& [key, metrics] : document.parts.groups()) {
    ordered_json key_json = ordered_json::array();
    for (const auto& value : key) key_json.push_back(value ? ordered_json(*value) : ordered_json());
    ordered_json group = {{"key", std::move(key_json)}};
    group.update(to_json(metrics));
    groups.push_back(std::move(group));
  }
  return {
      {"format", partial_format},
      {"generator", generator_name},
      {"options", options_to_json(document.options)},
      {"groups", std::move(groups)},
  };
}

std::string to_json_text(const partial_document& document) {
  return partial_to_json(document).dump(-1, ' ', false, ordered_json::error_handler_t::strict);
}

partial_document partial_from_json(const nlohmann::json& document) {
  object_reader object(document, "");
  if (read_string(object.at("format"), "/format") != partial_format) {
    fail("/format", "expected \"" + std::string(partial_format) + "\"");
  }
  read_string(object.at("generator"), "/generator");
  partial_document result;
  result.options = options_from_json(object.at("options"));
  const json& groups = object.at("groups");
  if (!groups.is_array()) fail("/groups", "expected an array");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string pointer = "/groups/" + std::to_string(i);
    object_reader group(groups[i], pointer);
    group_key key = read_key(group.at("key"), group.pointer("key"), result.options.group_by.size());
    if (result.parts.groups().contains(key)) fail(group.pointer("key"), "duplicate group key");
    // The metrics sit beside "key" in the same object: read them as one object without it.
    json metrics = groups[i];
    metrics.erase("key");
    result.parts.get_or_add(key) = read_group_metrics(metrics, pointer);
  }
  object.finish();
  return result;
}

partial_document parse_partial_json(std::string_view text) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    fail("", std::string("not valid JSON: ") + error.what());
  }
  return partial_from_json(document);
}

}  // namespace caseledger
