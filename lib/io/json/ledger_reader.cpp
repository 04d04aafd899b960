// The JSON ledger reader: one SAX-style handler for the one document shape (an object of
// arrays of records), whose states share the position, the record and its problems, so it
// stays one class in one file of about 750 lines (the handling process's fields and the
// units added 50); the field values are field_reader.hpp's.
#include "caseledger/io/json_ledger.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/model/record_schema.hpp"
#include "core/input_file.hpp"
#include "io/json/field_reader.hpp"
#include "io/json/records.hpp"
#include "io/json/tokenizer.hpp"
#include "model/builder_access.hpp"

namespace caseledger {
namespace {

constexpr std::string_view ledger_format = "caseledger.ledger/1";

using detail::field_reader;
using detail::json_value;
using detail::text_position;

// ---------------------------------------------------------------------------------------
// Records and their fields, as the schema (caseledger/model/record_schema.hpp) gives them.

struct kind_info {
  std::string_view singular;
  std::string_view plural;
  const std::string_view* fields;
  std::size_t field_count;
  std::size_t required_count;
};

template <class Record>
constexpr kind_info info_of() {
  const record_kind_names& names = names_of(record_schema<Record>::kind);
  return {names.singular, names.plural, field_names<Record>.data(), field_count<Record>,
          required_count<Record>};
}

constexpr std::array<kind_info, record_kind_count> kinds = {
    info_of<district>(), info_of<enterprise>(),  info_of<project>(), info_of<team>(),
    info_of<unit>(),     info_of<case_record>(), info_of<measure>()};

// Where a case's status is in its fields: left out, the status is derived.
constexpr std::size_t case_status_field = [] {
  std::size_t i = 0;
  while (field_names<case_record>[i] != "status") ++i;
  return i;
}();

const kind_info& info(record_kind kind) noexcept { return kinds[static_cast<std::size_t>(kind)]; }

std::optional<record_kind> kind_of_array(std::string_view key) noexcept {
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].plural == key) return static_cast<record_kind>(i);
  }
  return std::nullopt;
}

// Whether `name` is `field`: a loop, cheaper than a call to memcmp for these few bytes.
bool is_field(std::string_view field, std::string_view name) noexcept {
  if (field.size() != name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (field[i] != name[i]) return false;
  }
  return true;
}

// The index of field `name` in `kind`'s table. Records usually list their fields in the
// table's order, so the field after the last one found (`next`) is tried first: this runs
// for every key.
std::optional<std::size_t> field_index(const kind_info& kind, std::string_view name,
                                       std::size_t next) noexcept {
  for (std::size_t i = next; i < kind.field_count; ++i) {
    if (is_field(kind.fields[i], name)) return i;
  }
  for (std::size_t i = 0; i < next && i < kind.field_count; ++i) {
    if (is_field(kind.fields[i], name)) return i;
  }
  return std::nullopt;
}

// A JSON pointer reference token: "~" and "/" escaped.
std::string pointer_token(std::string_view name) {
  std::string token;
  token.reserve(name.size());
  for (char c : name) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

// Reads `value` into field number `field` of `record`.
template <class Record>
void set_field(Record& record, std::size_t field, field_reader& value) {
  visit_field<Record>(field, [&](const auto& spec) { value.read(record.*spec.member); });
}

// What a field of type `Value` expects, for a value of another type.
template <class Value>
constexpr std::string_view expected_json() {
  if constexpr (std::is_same_v<Value, bool>) {
    return "true or false";
  } else if constexpr (std::is_same_v<Value, std::optional<std::int64_t>>) {
    return "a non-negative whole number";
  } else if constexpr (std::is_same_v<Value, std::optional<money>>) {
    return "a decimal string or number";
  } else if constexpr (std::is_same_v<Value, date> || std::is_same_v<Value, std::optional<date>>) {
    return "a date string";
  } else if constexpr (std::is_same_v<Value, id_list>) {
    return "an array of strings";
  } else {
    return "a string";
  }
}

// Whether field number `field` of `Record` holds a list (co_units), read from a JSON array.
template <class Record>
bool is_list_field(std::size_t field) {
  bool list = false;
  visit_field<Record>(field, [&](const auto& spec) {
    list = std::is_same_v<std::remove_cvref_t<decltype(std::declval<Record&>().*spec.member)>,
                          id_list>;
  });
  return list;
}

// Appends `item` to field number `field` of `Record`, a list.
template <class Record>
void add_list_item(Record& record, std::size_t field, std::string_view item) {
  visit_field<Record>(field, [&](const auto& spec) {
    auto& member = record.*spec.member;
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(member)>, id_list>) {
      member.push_back(record_id(item));
    }
  });
}

// A record of `kind` with every field at its default.
any_record empty_record(record_kind kind) {
  any_record record;
  visit_kind(kind, [&]<class Record>(std::type_identity<Record>) { record.emplace<Record>(); });
  return record;
}

// ---------------------------------------------------------------------------------------
// The SAX handler: the document is an object (depth 1) of arrays (depth 2) of records
// (depth 3) of fields. Values that must be skipped (a bad value, an unknown key) or kept
// whole (an extra field) are followed through `nested_` whatever their depth.

class ledger_handler {
 public:
  using json = nlohmann::json;

  ledger_handler(const detail::json_tokenizer& input, detail::record_sink& builder,
                 const read_options& options)
      : input_(input), builder_(builder), options_(options) {}

  // Whether reading stopped on a problem that makes the rest unreadable.
  bool stopped() const noexcept { return stopped_; }

  bool null() { return scalar(json_value::of(json_value::type::null)); }
  bool boolean(bool value) {
    auto scalar_value = json_value::of(json_value::type::boolean);
    scalar_value.boolean = value;
    return scalar(scalar_value);
  }
  bool number_integer(std::int64_t value) {
    auto scalar_value = json_value::of(json_value::type::integer);
    scalar_value.integer = value;
    return scalar(scalar_value);
  }
  bool number_unsigned(std::uint64_t value) {
    auto scalar_value = json_value::of(json_value::type::unsigned_integer);
    scalar_value.unsigned_integer = value;
    return scalar(scalar_value);
  }
  // Amounts are read exactly from the number's own text, never through a double.
  bool number_float(std::string_view text) {
    return scalar(json_value::of(json_value::type::floating, text));
  }
  bool string(std::string_view value) {
    if (input_.string_has_nul()) return refuse_nul(input_.token_start());
    return scalar(json_value::of(json_value::type::string, value));
  }

  bool start_object() { return start_container(false); }
  bool start_array() { return start_container(true); }
  bool end_object() { return end_container(); }
  bool end_array() { return end_container(); }

  bool key(std::string_view name) {
    const text_position at = input_.token_start();
    if (input_.string_has_nul()) return refuse_nul(at);
    if (!nested_.empty()) {
      if (capturing_) {
        // Kept as text, the value would hold both; which one the user meant is unknown.
        if (!nested_.back().keys.emplace(name).second) {
          return refuse_input(at, "duplicate key '" + std::string(name) + "' in the value of " +
                                      std::string(field_name_));
        }
        separate(true);
        captured_ += json(name).dump();
        captured_ += ':';
        return check_captured(at);
      }
      return true;
    }
    if (depth_ == 1) return top_key(name, at);
    return field_key(name, at);
  }

  // A syntax error (nlohmann's words, at the byte it was found at) or a limit passed.
  bool parse_error(const detail::json_error& error) {
    if (error.what == detail::json_error::kind::limit) return refuse_input(error.at, error.message);
    const bool bad_utf8 = error.what == detail::json_error::kind::utf8;
    flush_record();
    stopped_ = true;
    builder_.report(here(error.at, bad_utf8 ? "invalid UTF-8" : "invalid JSON: " + error.message));
    return false;
  }

 private:
  struct nested_frame {
    bool is_array;
    bool first = true;
    std::set<std::string> keys;  // an object's keys so far, in a kept extra only
  };

  // --- limits and hostile input ---

  // Stops reading on input that must not be read further.
  bool refuse_input(text_position at, std::string reason) {
    flush_record();
    stopped_ = true;
    report(here(at, std::move(reason)));
    return false;
  }

  bool refuse_nul(text_position at) {
    return refuse_input(at, "a NUL character (\\u0000), which text never holds");
  }

  // Counts one more value in the current record (a field, or an item inside a field's
  // value); false, having stopped, past the limit.
  bool count_record_value(text_position at) {
    if (++record_values_ <= options_.limits.max_fields) return true;
    return refuse_input(at, "more than " + std::to_string(options_.limits.max_fields) +
                                " values in one record (the limit max_fields)");
  }

  // An extra field's value kept as text may grow no larger than a string may.
  bool check_captured(text_position at) {
    if (captured_.size() <= options_.limits.max_string_bytes) return true;
    return refuse_input(at, "the value of " + std::string(field_name_) + " is longer than " +
                                std::to_string(options_.limits.max_string_bytes) +
                                " bytes as JSON text (the limit max_string_bytes)");
  }

  // --- where we are ---

  // A problem in this input at `at`, the rest to be filled in.
  problem located(text_position at, std::string reason) const {
    problem found;
    found.file = builder_.source();
    found.line = at.line;
    found.column = at.column;
    found.reason = std::move(reason);
    return found;
  }

  std::string record_pointer() const {
    return "/" + std::string(info(kind_).plural) + "/" + std::to_string(index_);
  }

  // A problem at `at` about what the parser is in: the current record and field if any.
  problem here(text_position at, std::string reason) const {
    problem found = located(at, std::move(reason));
    if (depth_ >= 3) {
      found.pointer = record_pointer();
      found.record_kind = std::string(info(kind_).singular);
      // Known when the id came before; flush_record() fills it in for the record's own problems.
      found.record_id = std::visit([](const auto& r) { return r.id; }, record_);
      if (!field_name_.empty()) {
        found.pointer += "/" + pointer_token(field_name_);
        found.field = std::string(field_name_);
      }
    } else if (depth_ == 2) {
      found.pointer = "/" + std::string(info(kind_).plural) + "/" + std::to_string(index_);
    } else if (!top_key_.empty()) {
      found.pointer = "/" + pointer_token(top_key_);
    }
    return found;
  }

  // --- values ---

  bool scalar(json_value value) {
    const text_position at = input_.token_start();
    if (!nested_.empty()) {
      if (depth_ >= 3 && !count_record_value(at)) return false;
      if (listing_) {
        list_item(value, at);
        return true;
      }
      if (capturing_) {
        separate(false);
        captured_ += json_text(value);
        return check_captured(at);
      }
      return true;
    }
    switch (depth_) {
      case 0:
        return refuse_document(at, describe(value));
      case 1:
        return top_value(value, at);
      case 2:
        // A record that is not an object.
        report(here(at, "a " + std::string(info(kind_).singular) + " must be an object, not " +
                            describe(value)));
        ++index_;
        return true;
      default:
        field_value(value, at);
        field_name_ = {};
        return true;
    }
  }

  bool start_container(bool is_array) {
    const text_position at = input_.token_start();
    if (static_cast<std::size_t>(depth_) + nested_.size() >= options_.limits.max_depth) {
      return refuse_input(at, "objects and arrays nested deeper than " +
                                  std::to_string(options_.limits.max_depth) +
                                  " levels (the limit max_depth)");
    }
    if (!nested_.empty()) {
      if (depth_ >= 3 && !count_record_value(at)) return false;
      if (listing_) {
        listing_ = false;  // the rest of the value is skipped
        add_failure(at, std::string(field_name_) + " must be an array of strings, not " +
                            (is_array ? "an array" : "an object") + " inside it");
      }
      if (capturing_) {
        separate(false);
        captured_ += is_array ? '[' : '{';
      }
      nested_.push_back({.is_array = is_array, .first = true, .keys = {}});
      return true;
    }
    const std::string what = is_array ? "an array" : "an object";
    switch (depth_) {
      case 0:
        if (is_array) return refuse_document(at, what);
        depth_ = 1;
        document_start_ = at;
        return true;
      case 1:
        if (ignore_next_top_value_) {
          skip(is_array);
          return true;
        }
        if (top_key_ == "format")
          return refuse_format(here(at, "format must be a string, not " + what));
        if (!is_array || !array_kind_) {
          if (array_kind_) report(here(at, top_key_ + " must be an array, not " + what));
          skip(is_array);
          return true;
        }
        if (!builder_.wants(*array_kind_)) {
          skip(true);
          return true;
        }
        depth_ = 2;
        kind_ = *array_kind_;
        index_ = 0;
        return true;
      case 2:
        if (is_array) {
          report(here(
              at, "a " + std::string(info(kind_).singular) + " must be an object, not " + what));
          skip(true);  // the index moves on when the array ends
          return true;
        }
        start_record(at);
        return true;
      default:
        if (field_ == extra_field) {
          capturing_ = true;
          captured_.assign(1, is_array ? '[' : '{');
        } else if (is_array && field_ != ignored_field && field_is_list()) {
          listing_ = true;
        } else if (field_ != ignored_field) {
          add_failure(
              at, std::string(field_name_) + " must be " + expected_for_field() + ", not " + what);
        }
        nested_.push_back({.is_array = is_array, .first = true, .keys = {}});
        return true;
    }
  }

  bool end_container() {
    if (!nested_.empty()) {
      if (capturing_) captured_ += nested_.back().is_array ? ']' : '}';
      nested_.pop_back();
      if (nested_.empty()) {
        listing_ = false;
        if (capturing_) {
          std::visit([&](auto& r) { r.extras[std::string(field_name_)] = std::move(captured_); },
                     record_);
          capturing_ = false;
        }
        if (depth_ == 2) ++index_;  // a skipped non-object record
        field_name_ = {};
      }
      return true;
    }
    switch (depth_) {
      case 3:
        end_record();
        depth_ = 2;
        ++index_;
        return true;
      case 2:
        depth_ = 1;
        top_key_.clear();
        return true;
      default:
        depth_ = 0;
        top_key_.clear();
        if (!format_seen_) {
          problem found = located(document_start_, "missing required key 'format' (\"" +
                                                       std::string(ledger_format) + "\")");
          found.field = "format";
          report(std::move(found));
        }
        return true;
    }
  }

  void skip(bool is_array) {
    capturing_ = false;
    nested_.push_back({.is_array = is_array, .first = true, .keys = {}});
  }

  // The comma before an item inside a kept extra: before every array value, and before
  // every key (never between a key and its value) in an object.
  void separate(bool before_key) {
    auto& frame = nested_.back();
    if (!frame.is_array && !before_key) return;
    if (!frame.first) captured_ += ',';
    frame.first = false;
  }

  // --- the document ---

  bool refuse_document(text_position at, const std::string& what) {
    stopped_ = true;
    report(located(at, "a ledger must be a JSON object, not " + what));
    return false;
  }

  bool refuse_format(problem found) {
    stopped_ = true;
    report(std::move(found));
    return false;
  }

  bool top_key(std::string_view name, text_position at) {
    top_key_ = name;
    array_kind_ = kind_of_array(top_key_);
    std::size_t bit = kinds.size();  // "format"
    if (array_kind_) {
      bit = static_cast<std::size_t>(*array_kind_);
    } else if (top_key_ != "format") {
      report(here(at, "unknown key '" + top_key_ + "'"));
      top_key_.clear();
      ignore_next_top_value_ = true;
      return true;
    }
    if (top_keys_seen_ & (1u << bit)) {
      report(here(at, "duplicate key '" + top_key_ + "'"));
      array_kind_.reset();
      top_key_.clear();
      ignore_next_top_value_ = true;
      return true;
    }
    top_keys_seen_ |= 1u << bit;
    ignore_next_top_value_ = false;
    return true;
  }

  bool top_value(const json_value& value, text_position at) {
    if (ignore_next_top_value_) return true;
    if (top_key_ == "format") {
      if (value.kind != json_value::type::string) {
        return refuse_format(here(at, "format must be a string, not " + describe(value)));
      }
      if (value.text != ledger_format) {
        return refuse_format(here(at, "unsupported format '" + std::string(value.text) +
                                          "' (expected \"" + std::string(ledger_format) + "\")"));
      }
      format_seen_ = true;
      return true;
    }
    report(here(at, top_key_ + " must be an array, not " + describe(value)));
    return true;
  }

  // --- records ---

  void start_record(text_position at) {
    depth_ = 3;
    // The record of the last object is emptied in place: its strings keep their buffers.
    if (record_.index() == static_cast<std::size_t>(kind_)) {
      std::visit([](auto& r) { r = std::remove_cvref_t<decltype(r)>{}; }, record_);
    } else {
      record_ = empty_record(kind_);
    }
    origin_ = {.line = static_cast<std::uint32_t>(at.line),
               .column = static_cast<std::uint32_t>(at.column),
               .index = static_cast<std::uint32_t>(index_)};
    fields_seen_ = 0;
    next_field_ = 0;
    record_values_ = 0;
    failures_.clear();
    field_name_ = {};
  }

  bool field_key(std::string_view name, text_position at) {
    if (!count_record_value(at)) return false;
    const kind_info& kind = info(kind_);
    const auto found = field_index(kind, name, next_field_);
    if (!found) {
      // The key's text lives until the next token: an unknown name is kept here.
      unknown_field_name_ = name;
      field_name_ = unknown_field_name_;
      const bool repeated = std::visit(
          [&](const auto& r) { return r.extras.find(unknown_field_name_) != r.extras.end(); },
          record_);
      if (repeated) {
        add_failure(at, "duplicate field '" + unknown_field_name_ + "'");
        field_ = ignored_field;
      } else if (options_.keep_extras.value_or(false)) {
        field_ = extra_field;
      } else {
        add_failure(at, "unknown field '" + unknown_field_name_ + "'");
        field_ = ignored_field;
      }
      return true;
    }
    field_name_ = kind.fields[*found];
    if (fields_seen_ & (1u << *found)) {
      add_failure(at, "duplicate field '" + std::string(field_name_) + "'");
      field_ = ignored_field;
      return true;
    }
    fields_seen_ |= 1u << *found;
    field_ = *found;
    next_field_ = *found + 1;
    return true;
  }

  void field_value(const json_value& value, text_position at) {
    if (field_ == ignored_field) return;
    if (field_ == extra_field) {
      std::visit([&](auto& r) { r.extras[std::string(field_name_)] = json_text(value); }, record_);
      return;
    }
    // null stands for an absent optional field.
    if (value.kind == json_value::type::null && field_ >= info(kind_).required_count) {
      fields_seen_ &= ~(1u << field_);
      return;
    }
    field_reader reader(field_name_, value);
    std::visit([&](auto& r) { set_field(r, field_, reader); }, record_);
    if (reader.failure()) add_failure(at, *reader.failure());
  }

  // Whether the current field holds a list.
  bool field_is_list() const {
    return std::visit(
        [&](const auto& r) { return is_list_field<std::remove_cvref_t<decltype(r)>>(field_); },
        record_);
  }

  // One item of a list field's array: a string.
  void list_item(const json_value& value, text_position at) {
    if (value.kind != json_value::type::string) {
      listing_ = false;  // the rest of the value is skipped
      add_failure(at, std::string(field_name_) + " must be an array of strings, not one holding " +
                          describe(value));
      return;
    }
    std::visit([&](auto& r) { add_list_item(r, field_, value.text); }, record_);
  }

  // What a field expects, for a container given where a scalar belongs.
  std::string expected_for_field() const {
    std::string_view expected;
    std::visit(
        [&](const auto& r) {
          using record_type = std::remove_cvref_t<decltype(r)>;
          visit_field<record_type>(field_, [&](const auto& spec) {
            using value_type = std::remove_cvref_t<decltype(r.*spec.member)>;
            expected = expected_json<value_type>();
          });
        },
        record_);
    return std::string(expected);
  }

  void add_failure(text_position at, std::string reason) {
    failures_.push_back(here(at, std::move(reason)));
  }

  void end_record() {
    field_name_ = {};
    const kind_info& kind = info(kind_);
    for (std::size_t i = 0; i < kind.required_count; ++i) {
      if (!(fields_seen_ & (1u << i))) {
        problem found = located({0, origin_.line, origin_.column},
                                "missing required field '" + std::string(kind.fields[i]) + "'");
        found.pointer = record_pointer();
        found.record_kind = kind.singular;
        found.field = kind.fields[i];
        failures_.push_back(std::move(found));
      }
    }
    if (!failures_.empty()) {
      flush_record();
      return;
    }
    if (auto* c = std::get_if<case_record>(&record_)) {
      if (!(fields_seen_ & (1u << case_status_field))) {
        c->status = derive_status(*c);
      }
    }
    std::visit([&](auto& r) { builder_.add(r, origin_); }, record_);
  }

  // Reports the current record's problems, now that its id is known, and refuses it.
  void flush_record() {
    if (failures_.empty()) return;
    const record_id id = std::visit([](const auto& r) { return r.id; }, record_);
    if (!id.empty()) builder_.refuse(info(kind_).singular, id);
    auto failures = std::move(failures_);
    failures_.clear();
    for (auto& found : failures) {
      found.record_id = id;
      report(std::move(found));
    }
  }

  void report(problem found) { builder_.report(std::move(found)); }

  static constexpr std::size_t extra_field = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t ignored_field = extra_field - 1;

  const detail::json_tokenizer& input_;
  // Where records and problems go: a ledger_builder, or the streaming report.
  detail::record_sink& builder_;
  const read_options& options_;
  bool stopped_ = false;

  int depth_ = 0;
  text_position document_start_;
  std::string top_key_;
  std::optional<record_kind> array_kind_;
  unsigned top_keys_seen_ = 0;
  bool ignore_next_top_value_ = false;
  bool format_seen_ = false;

  record_kind kind_ = record_kind::district;
  std::size_t index_ = 0;
  any_record record_;
  record_origin origin_;
  std::uint32_t fields_seen_ = 0;
  std::size_t next_field_ = 0;      // where field_index() looks first
  std::size_t record_values_ = 0;   // fields and the items inside them, for max_fields
  std::string_view field_name_;     // the field's name in kinds, or unknown_field_name_
  std::string unknown_field_name_;  // a name that is not one of the kind's fields
  std::size_t field_ = ignored_field;
  std::vector<problem> failures_;

  std::vector<nested_frame> nested_;
  bool listing_ = false;  // in the array of a list field (co_units)
  bool capturing_ = false;
  std::string captured_;
};

void read_records(detail::json_tokenizer& input, const read_options& options,
                  detail::record_sink& sink) {
  ledger_handler handler(input, sink, options);
  detail::parse_json(input, handler);
  if (handler.stopped()) throw ledger_error(sink.problems());
}

ledger read(detail::json_tokenizer& input, const std::string& source, const read_options& options) {
  ledger_builder builder(source, options.max_problems);
  if (options.workday_calendar) builder.use_calendar(*options.workday_calendar);
  detail::builder_record_sink sink(builder);
  read_records(input, options, sink);
  return std::move(builder).build();
}

}  // namespace

ledger read_json_ledger(const std::filesystem::path& path, const read_options& options) {
  detail::input_file file(path);
  detail::json_tokenizer input(file, options.limits);
  ledger book = read(input, detail::input_name(path), options);
  // Standard input or a pipe cannot be read again to be described, as read_ledger does a file.
  if (file.hashed_as_read()) {
    detail::ledger_builder_access::add_inputs(book, {file.describe_as_read()});
  }
  return book;
}

void detail::read_json_records(const std::filesystem::path& path, const read_options& options,
                               record_sink& sink, input_source* read_from) {
  detail::input_file file(path);
  detail::json_tokenizer input(file, options.limits);
  read_records(input, options, sink);
  if (read_from != nullptr && file.hashed_as_read()) *read_from = file.describe_as_read();
}

ledger parse_json_ledger(std::string_view text, const std::string& source,
                         const read_options& options) {
  detail::json_tokenizer input(text, options.limits);
  return read(input, source, options);
}

}  // namespace caseledger
