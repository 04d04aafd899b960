#include "caseledger/metrics/bulletin.hpp"

#include <stdexcept>
#include <string>

#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

constexpr std::string_view dimension_names[] = {"district", "category", "channel", "month", "team"};

date parse_window_date(std::string_view whole, std::string_view text) {
  try {
    return date::parse(text);
  } catch (const std::invalid_argument& e) {
    throw usage_error("comparison window '" + std::string(whole) + "': " + e.what());
  }
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "85", "85.5", "0.000001" in millionths; nullopt if it is not such a number or too big.
std::optional<std::int64_t> parse_millionths(std::string_view text) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (!all_digits(whole) || whole.size() > 12) return std::nullopt;
  if (point != std::string_view::npos && (!all_digits(fraction) || fraction.size() > 6)) {
    return std::nullopt;
  }
  std::int64_t value = std::stoll(std::string(whole)) * 1'000'000;
  std::int64_t scale = 100'000;
  for (const char digit : fraction) {
    value += (digit - '0') * scale;
    scale /= 10;
  }
  return value;
}

}  // namespace

comparison_spec comparison_spec::parse(std::string_view text) {
  comparison_spec spec;
  if (text == "previous") return spec;
  if (text == "year-ago" || text == "year_ago") {
    spec.kind = comparison_kind::year_ago;
    return spec;
  }
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    throw usage_error("comparison '" + std::string(text) +
                      "' is not previous, year-ago or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)");
  }
  spec.kind = comparison_kind::window;
  spec.from = parse_window_date(text, text.substr(0, dots));
  spec.to = parse_window_date(text, text.substr(dots + 2));
  if (spec.to < spec.from) {
    throw usage_error("comparison window '" + std::string(text) + "' ends before it starts");
  }
  return spec;
}

alert_threshold alert_threshold::parse(std::string_view text) {
  const std::string quoted = "alert '" + std::string(text) + "': ";
  const std::size_t op = text.find_first_of("<>");
  if (op == std::string_view::npos) {
    throw usage_error(quoted + "expected METRIC<LIMIT or METRIC>LIMIT");
  }
  alert_threshold threshold;
  threshold.below = text[op] == '<';

  std::string_view left = text.substr(0, op);
  if (const std::size_t colon = left.rfind(':'); colon != std::string_view::npos) {
    std::string_view groups = left.substr(0, colon);
    left = left.substr(colon + 1);
    while (true) {
      const std::size_t comma = groups.find(',');
      const std::string_view part = groups.substr(0, comma);
      const std::size_t equals = part.find('=');
      if (equals == std::string_view::npos || equals == 0) {
        throw usage_error(quoted + "a group is written dimension=value, got '" + std::string(part) +
                          "'");
      }
      const std::string_view dimension = part.substr(0, equals);
      bool known = false;
      for (const std::string_view name : dimension_names) known = known || name == dimension;
      if (!known) {
        throw usage_error(quoted + "unknown dimension '" + std::string(dimension) +
                          "' (district, category, channel, month, team, unit)");
      }
      threshold.group.emplace_back(std::string(dimension), std::string(part.substr(equals + 1)));
      if (comma == std::string_view::npos) break;
      groups = groups.substr(comma + 1);
    }
  }

  constexpr std::string_view older_prefix = "open_older_than_";
  if (left.starts_with(older_prefix) && all_digits(left.substr(older_prefix.size())) &&
      left.size() - older_prefix.size() <= 6) {
    threshold.metric = alert_metric::open_older_than;
    threshold.days = std::stoi(std::string(left.substr(older_prefix.size())));
  } else {
    const auto metric = enum_from_string<alert_metric>(left);
    if (!metric || *metric == alert_metric::open_older_than) {
      throw usage_error(quoted + "unknown metric '" + std::string(left) +
                        "' (resolution_rate, on_time_rate, resumption_rate, open, late, "
                        "open_older_than_DAYS, overdue_open, satisfaction_rate, "
                        "follow_up_rate)");
    }
    threshold.metric = *metric;
  }

  std::string_view limit = text.substr(op + 1);
  if (is_rate(threshold.metric) && limit.ends_with('%')) limit.remove_suffix(1);
  const auto millionths = parse_millionths(limit);
  if (!millionths) {
    throw usage_error(quoted + "the limit '" + std::string(text.substr(op + 1)) +
                      "' is not a number");
  }
  if (!is_rate(threshold.metric) && *millionths % 1'000'000 != 0) {
    throw usage_error(quoted + "a count's limit is a whole number, got '" + std::string(limit) +
                      "'");
  }
  threshold.limit_millionths = *millionths;
  return threshold;
}

std::string alert_threshold::limit_text() const {
  std::string text = std::to_string(limit_millionths / 1'000'000);
  if (const std::int64_t fraction = limit_millionths % 1'000'000; fraction != 0) {
    std::string digits = std::to_string(fraction + 1'000'000).substr(1);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return is_rate(metric) ? text + "%" : text;
}

}  // namespace caseledger
