// Problems and reading notes in Chinese. The library words every reason once, in English,
// where it finds the problem; the Chinese wording is data (data/messages-zh.json): each
// English pattern with its holes named, and the Chinese template the holes go into. So
// a reason is matched, not rewritten at each of the hundreds of places that make one, and
// the English messages, which tests and scripts rely on word for word, stay as they are.
#include "caseledger/text/messages.hpp"

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/model/enums.hpp"
#include "caseledger/model/record_schema.hpp"
#include "text/chinese_reason.hpp"

namespace caseledger {

namespace detail {
// The content of data/messages-zh.json, compiled in (lib/text/built_in_json.cpp.in).
extern const std::string_view built_in_chinese_messages_json;
}  // namespace detail

namespace {

/// What a hole holds, from its name without trailing digits ("field2" is a field).
enum class hole_kind : std::uint8_t {
  text,          ///< shown as it is
  field,         ///< a field's name, shown by its Chinese header
  kind,          ///< a kind of record, "case"
  kinds,         ///< its plural, "cases"
  json_type,     ///< "a number"
  reason,        ///< a reason of its own, worded again
  status,        ///< a case's status, "resolved"
  measure_kind,  ///< a measure's kind, "loan"
  choices,       ///< "labour (用工), funding (资金)": the Chinese names where given
};

hole_kind kind_of_hole(std::string_view name) {
  while (!name.empty() && std::isdigit(static_cast<unsigned char>(name.back()))) {
    name.remove_suffix(1);
  }
  static const std::map<std::string_view, hole_kind, std::less<>> kinds = {
      {"field", hole_kind::field},
      {"kind", hole_kind::kind},
      {"kinds", hole_kind::kinds},
      {"type", hole_kind::json_type},
      {"reason", hole_kind::reason},
      {"status", hole_kind::status},
      {"measure_kind", hole_kind::measure_kind},
      {"choices", hole_kind::choices}};
  const auto found = kinds.find(name);
  return found == kinds.end() ? hole_kind::text : found->second;
}

/// A text with holes, "unknown {kind} '{value}'": the literal pieces around the holes
/// (one more than the holes, the first and last possibly empty) and the holes' names.
struct holed_text {
  std::vector<std::string> literals;
  std::vector<std::string> holes;

  static holed_text parse(std::string_view text) {
    holed_text parsed;
    parsed.literals.emplace_back();
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t close = text[at] == '{' ? text.find('}', at) : std::string_view::npos;
      if (close == std::string_view::npos) {
        parsed.literals.back() += text[at++];
        continue;
      }
      parsed.holes.emplace_back(text.substr(at + 1, close - at - 1));
      parsed.literals.emplace_back();
      at = close + 1;
    }
    return parsed;
  }
};

/// One message: the English pattern and the Chinese template, each hole of the template a
/// hole of the pattern (`template_holes` gives its index there).
struct message {
  holed_text english;
  holed_text chinese;
  std::vector<std::size_t> template_holes;
  std::vector<hole_kind> hole_kinds;  ///< per hole of the pattern

  /// The holes' values when the pattern matches the whole of `text`, nullopt otherwise.
  /// Each hole (possibly empty: a value may be '') ends at the first place its following
  /// literal appears, the last one at the pattern's end: the values from the input are
  /// short and rarely repeat the pattern's words.
  std::optional<std::vector<std::string_view>> match(std::string_view text) const {
    const std::string& first = english.literals.front();
    const std::string& last = english.literals.back();
    if (english.holes.empty()) {
      if (text != first) return std::nullopt;
      return std::vector<std::string_view>{};
    }
    if (text.size() < first.size() + last.size() || !text.starts_with(first) ||
        !text.ends_with(last)) {
      return std::nullopt;
    }
    const std::size_t end = text.size() - last.size();
    std::vector<std::string_view> values;
    std::size_t at = first.size();
    for (std::size_t i = 1; i < english.holes.size(); ++i) {
      const std::string& literal = english.literals[i];
      const std::size_t found = text.find(literal, at);
      if (found == std::string_view::npos || found + literal.size() > end) return std::nullopt;
      values.push_back(text.substr(at, found - at));
      at = found + literal.size();
    }
    if (at > end) return std::nullopt;
    values.push_back(text.substr(at, end - at));
    return values;
  }
};

struct catalogue {
  std::vector<message> messages;
  std::map<std::string, std::string, std::less<>> json_types;
};

/// The built-in catalogue, checked as it is read: a template that names a hole its pattern
/// lacks, or a pattern with two holes side by side (which no match could split), is a bug.
catalogue read_catalogue() {
  const auto document = nlohmann::json::parse(detail::built_in_chinese_messages_json);
  catalogue read;
  read.json_types =
      document.at("json_types").get<std::map<std::string, std::string, std::less<>>>();
  for (const auto& entry : document.at("messages")) {
    message m{.english = holed_text::parse(entry.at(0).get<std::string>()),
              .chinese = holed_text::parse(entry.at(1).get<std::string>()),
              .template_holes = {},
              .hole_kinds = {}};
    for (std::size_t i = 1; i + 1 < m.english.literals.size(); ++i) {
      if (m.english.literals[i].empty()) {
        throw std::logic_error("messages-zh.json: holes side by side in " + entry.dump());
      }
    }
    for (const std::string& hole : m.english.holes) m.hole_kinds.push_back(kind_of_hole(hole));
    for (const std::string& hole : m.chinese.holes) {
      std::size_t index = 0;
      while (index < m.english.holes.size() && m.english.holes[index] != hole) ++index;
      if (index == m.english.holes.size()) {
        throw std::logic_error("messages-zh.json: no hole {" + hole + "} in " + entry.dump());
      }
      m.template_holes.push_back(index);
    }
    read.messages.push_back(std::move(m));
  }
  return read;
}

const catalogue& chinese_catalogue() {
  static const catalogue built_in = read_catalogue();
  return built_in;
}

/// The kind named `name` in its singular ("case") or plural ("cases").
std::optional<record_kind> kind_named(std::string_view name) {
  for (std::size_t i = 0; i < record_kind_count; ++i) {
    if (record_kinds[i].singular == name || record_kinds[i].plural == name) {
      return static_cast<record_kind>(i);
    }
  }
  return std::nullopt;
}

/// The first of a "|"-separated list of names: the usual one.
std::string_view first_name(std::string_view names) { return names.substr(0, names.find('|')); }

/// The Chinese header of the field `name` of `kind`.
std::optional<std::string_view> field_header(record_kind kind, std::string_view name) {
  std::optional<std::string_view> header;
  visit_kind(kind, [&]<class Record>(std::type_identity<Record>) {
    for_each_field<Record>([&](const auto& field) {
      if (!header && field.name == name) header = first_name(field.headers);
    });
  });
  return header;
}

/// A field's name shown by its Chinese header: the header of `hint`'s field first, then of
/// any kind's; a kind's name as the kind; anything else as it is.
std::string chinese_field(std::string_view name, std::optional<record_kind> hint) {
  if (hint) {
    if (const auto header = field_header(*hint, name)) return std::string(*header);
  }
  for (std::size_t i = 0; i < record_kind_count; ++i) {
    const auto kind = static_cast<record_kind>(i);
    if (kind == hint) continue;  // looked at first
    if (const auto header = field_header(kind, name)) return std::string(*header);
  }
  return detail::chinese_kind(name);
}

/// A list of values as a table's reader offers them, "labour (用工), funding (资金)", as
/// "用工、资金"; a list without Chinese names ("labour, funding") as it is.
std::string chinese_choices(std::string_view choices) {
  std::string chinese;
  for (std::size_t at = 0; at <= choices.size();) {
    std::size_t end = choices.find(", ", at);
    if (end == std::string_view::npos) end = choices.size();
    const std::string_view item = choices.substr(at, end - at);
    const std::size_t open = item.find(" (");
    if (open == std::string_view::npos || !item.ends_with(')')) return std::string(choices);
    if (!chinese.empty()) chinese += "、";
    chinese += item.substr(open + 2, item.size() - open - 3);
    at = end + 2;
  }
  return chinese;
}

template <described_enum Enum>
std::string chinese_value(std::string_view name) {
  const auto value = enum_from_string<Enum>(name);
  return std::string(value ? to_zh(*value) : name);
}

/// Reasons hold reasons at most this deep ("column '…': …"); deeper ones are left as they are.
constexpr int max_reason_depth = 4;

std::optional<std::string> worded(std::string_view reason, std::optional<record_kind> hint,
                                  int depth) {
  const catalogue& words = chinese_catalogue();
  for (const message& m : words.messages) {
    const auto values = m.match(reason);
    if (!values) continue;
    std::string text = m.chinese.literals.front();
    for (std::size_t i = 0; i < m.template_holes.size(); ++i) {
      const std::size_t hole = m.template_holes[i];
      const std::string_view value = (*values)[hole];
      switch (m.hole_kinds[hole]) {
        case hole_kind::field:
          text += chinese_field(value, hint);
          break;
        case hole_kind::kind:
        case hole_kind::kinds:
          text += detail::chinese_kind(value);
          break;
        case hole_kind::json_type: {
          const auto type = words.json_types.find(value);
          text += type == words.json_types.end() ? std::string(value) : type->second;
          break;
        }
        case hole_kind::reason:
          text += depth < max_reason_depth
                      ? worded(value, hint, depth + 1).value_or(std::string(value))
                      : std::string(value);
          break;
        case hole_kind::status:
          text += chinese_value<case_status>(value);
          break;
        case hole_kind::measure_kind:
          text += chinese_value<measure_kind>(value);
          break;
        case hole_kind::choices:
          text += chinese_choices(value);
          break;
        case hole_kind::text:
          text += value;
          break;
      }
      text += m.chinese.literals[i + 1];
    }
    return text;
  }
  return std::nullopt;
}

}  // namespace

namespace detail {

std::optional<std::string> chinese_reason(std::string_view reason, std::string_view record_kind) {
  return worded(reason, kind_named(record_kind), 0);
}

std::string chinese_kind(std::string_view kind) {
  const auto named = kind_named(kind);
  return std::string(named ? first_name(names_of(*named).sheets) : kind);
}

}  // namespace detail

std::optional<message_language> message_language_named(std::string_view name) noexcept {
  if (name == "en") return message_language::en;
  if (name == "zh") return message_language::zh;
  return std::nullopt;
}

std::string describe(const problem& found, message_language language) {
  if (language == message_language::en) return found.to_string();
  std::string text =
      problem::position(found.file, found.line, found.column, found.sheet_cell) + ": ";
  std::string where = found.pointer.empty()
                          ? chinese_field(found.field, kind_named(found.record_kind))
                          : found.pointer;
  if (!found.record_kind.empty()) {
    std::string record = detail::chinese_kind(found.record_kind);
    if (!found.record_id.empty()) record += " " + found.record_id;
    where += where.empty() ? record : " (" + record + ")";
  }
  if (!where.empty()) text += where + ": ";
  return text + detail::chinese_reason(found.reason, found.record_kind).value_or(found.reason);
}

std::string describe(const reading_note& noticed, message_language language) {
  if (language == message_language::en) return noticed.to_string();
  return problem::position(noticed.file, noticed.line, noticed.column, noticed.sheet_cell) + ": " +
         detail::chinese_reason(noticed.text, "").value_or(noticed.text);
}

}  // namespace caseledger
