// A JSON ledger's field values: a scalar as the parser reports it, and the reader that
// turns it into a record's member of any type the record schema uses, or says what is
// wrong with it in the JSON reader's words.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger::detail {

// A scalar JSON value as the parser reported it.
struct json_value {
  enum class type : std::uint8_t { null, boolean, integer, unsigned_integer, floating, string };
  type kind = type::null;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  std::string_view text;  // a string's value, or a floating number's own text

  static json_value of(type kind, std::string_view text = {}) {
    json_value value;
    value.kind = kind;
    value.text = text;
    return value;
  }
};

// "a string", "a number", … for "must be X, not <this>".
inline std::string describe(const json_value& value) {
  switch (value.kind) {
    case json_value::type::null:
      return "null";
    case json_value::type::boolean:
      return "a boolean";
    case json_value::type::string:
      return "a string";
    default:
      return "a number";
  }
}

// A number's JSON text: integers are exact in their 64-bit form, floats keep their text.
inline std::string number_text(const json_value& value) {
  switch (value.kind) {
    case json_value::type::integer:
      return std::to_string(value.integer);
    case json_value::type::unsigned_integer:
      return std::to_string(value.unsigned_integer);
    default:
      return std::string(value.text);
  }
}

// The compact JSON text of a scalar, for extras.
inline std::string json_text(const json_value& value) {
  switch (value.kind) {
    case json_value::type::null:
      return "null";
    case json_value::type::boolean:
      return value.boolean ? "true" : "false";
    case json_value::type::string:
      return nlohmann::json(value.text).dump();
    default:
      return number_text(value);
  }
}

template <class Enum>
std::string enum_choices() {
  std::string text;
  for (const auto name : enum_info<Enum>::names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// Reads one field's value into a record, or says what is wrong with it.
class field_reader {
 public:
  field_reader(std::string_view field, const json_value& value) : field_(field), value_(value) {}

  // What is wrong with the value, when something is.
  const std::optional<std::string>& failure() const noexcept { return failure_; }

  // Text or an id: both are JSON strings.
  template <class Text>
  requires std::is_same_v<Text, std::string> || std::is_same_v<Text, record_id>
  void read(Text& out) {
    if (expect_string("a string")) out = value_.text;
  }

  // A list is read from a JSON array (ledger_reader.cpp): a scalar is the wrong type.
  void read(id_list&) { fail_type("an array of strings"); }

  void read(bool& out) {
    if (value_.kind == json_value::type::boolean) {
      out = value_.boolean;
    } else {
      fail_type("true or false");
    }
  }

  void read(date& out) {
    if (!expect_string("a date string")) return;
    try {
      out = date::parse(value_.text);
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
  }

  void read(std::optional<date>& out) {
    date parsed;
    read(parsed);
    if (!failure_) out = parsed;
  }

  void read(std::optional<money>& out) {
    if (value_.kind == json_value::type::null || value_.kind == json_value::type::boolean) {
      fail_type("a decimal string or number");
      return;
    }
    try {
      out = money::parse(value_.kind == json_value::type::string ? std::string(value_.text)
                                                                 : number_text(value_));
    } catch (const std::exception& e) {  // invalid_argument or overflow_error
      fail(e.what());
    }
  }

  void read(std::optional<std::int64_t>& out) {
    constexpr std::string_view expected = "a non-negative whole number";
    switch (value_.kind) {
      case json_value::type::unsigned_integer:
        if (value_.unsigned_integer >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          fail(std::string(field_) + " " + number_text(value_) + " is too large");
        } else {
          out = static_cast<std::int64_t>(value_.unsigned_integer);
        }
        return;
      case json_value::type::integer:
        if (value_.integer >= 0) {  // "-0"
          out = value_.integer;
          return;
        }
        [[fallthrough]];
      case json_value::type::floating:
        fail(std::string(field_) + " must be " + std::string(expected) + ", not " +
             number_text(value_));
        return;
      default:
        fail_type(expected);
    }
  }

  template <class Enum>
  requires std::is_enum_v<Enum>
  void read(Enum& out) {
    if (!expect_string("a string")) return;
    if (const auto parsed = enum_from_string<Enum>(value_.text)) {
      out = *parsed;
    } else {
      fail("unknown " + std::string(field_) + " '" + std::string(value_.text) +
           "' (expected one of: " + enum_choices<Enum>() + ")");
    }
  }

  template <class Enum>
  requires std::is_enum_v<Enum>
  void read(std::optional<Enum>& out) {
    Enum parsed{};
    read(parsed);
    if (!failure_) out = parsed;
  }

 private:
  bool expect_string(std::string_view expected) {
    if (value_.kind == json_value::type::string) return true;
    fail_type(expected);
    return false;
  }
  void fail_type(std::string_view expected) {
    fail(std::string(field_) + " must be " + std::string(expected) + ", not " + describe(value_));
  }
  void fail(std::string reason) { failure_ = std::move(reason); }

  std::string_view field_;
  const json_value& value_;
  std::optional<std::string> failure_;
};

}  // namespace caseledger::detail
