#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/model/record_schema.hpp"

namespace caseledger {
namespace {

constexpr std::string_view ledger_format = "caseledger.ledger/1";

// A string as nlohmann::json writes it (so that the sample generator's old output and this
// writer's agree byte for byte): UTF-8 kept, controls escaped; invalid UTF-8 refused.
void append_string(std::string& out, std::string_view text) {
  try {
    out += nlohmann::json(text).dump();
  } catch (const nlohmann::json::type_error&) {
    throw usage_error("cannot write the JSON ledger: text that is not UTF-8");
  }
}

void append_value(std::string& out, const std::string& value) { append_string(out, value); }
void append_value(std::string& out, const record_id& value) { append_string(out, value); }
void append_value(std::string& out, bool value) { out += value ? "true" : "false"; }
void append_value(std::string& out, const date& value) { append_string(out, value.to_string()); }
void append_value(std::string& out, const money& value) { append_string(out, value.to_string()); }
void append_value(std::string& out, std::int64_t value) { out += std::to_string(value); }
void append_value(std::string& out, const id_list& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    append_string(out, values[i]);
  }
  out += ']';
}
template <class Enum>
requires std::is_enum_v<Enum>
void append_value(std::string& out, Enum value) { append_string(out, to_string(value)); }
template <class Value>
void append_value(std::string& out, const std::optional<Value>& value) {
  append_value(out, *value);
}

// An extra field's JSON text, indented as nlohmann indents a nested value at `indent`.
void append_extra(std::string& out, std::string_view json_text, json_layout layout,
                  std::string_view indent) {
  if (layout == json_layout::record_per_line) {
    out += json_text;
    return;
  }
  const std::string nested = nlohmann::json::parse(json_text).dump(2);
  for (const char c : nested) {
    out += c;
    if (c == '\n') out += indent;
  }
}

}  // namespace

json_ledger_writer::json_ledger_writer(std::ostream& out, json_layout layout)
    : out_(out), layout_(layout) {
  out_ << (layout_ == json_layout::indented ? "{\n  \"format\": \"" : "{\n\"format\": \"")
       << ledger_format << '"';
}

void json_ledger_writer::start_kind(std::size_t kind) {
  const bool indented = layout_ == json_layout::indented;
  while (kinds_started_ <= kind) {
    const std::size_t next = kinds_started_++;
    // Units came after the format's first ledgers: an empty array of them is left out.
    if (next != kind && next == static_cast<std::size_t>(record_kind::unit)) continue;
    close_kind();
    out_ << (indented ? ",\n  \"" : ",\n\"") << record_kinds[next].plural << "\": [";
    kind_open_ = true;
    first_in_kind_ = true;
  }
}

void json_ledger_writer::close_kind() {
  if (!kind_open_) return;
  if (first_in_kind_) {
    out_ << "]";
  } else {
    out_ << (layout_ == json_layout::indented ? "\n  ]" : "\n]");
  }
  kind_open_ = false;
}

template <class Record>
void json_ledger_writer::write(const Record& record) {
  const auto kind = static_cast<std::size_t>(record_schema<Record>::kind);
  if (kind + 1 < kinds_started_) {
    throw usage_error(std::string("cannot write the JSON ledger: a ") +
                      std::string(record_kinds[kind].singular) + " after the " +
                      std::string(record_kinds[kinds_started_ - 1].plural));
  }
  start_kind(kind);
  const bool indented = layout_ == json_layout::indented;
  const std::string_view field_start = indented ? "\n      " : "";
  text_ = first_in_kind_ ? "" : ",";
  text_ += indented ? "\n    {" : "\n{";
  bool first_field = true;
  const auto start_field = [&](std::string_view name) {
    if (!first_field) text_ += indented ? "," : ", ";
    first_field = false;
    text_ += field_start;
    append_string(text_, name);
    text_ += ": ";
  };
  for_each_field<Record>([&](const auto& field) {
    const auto& value = record.*field.member;
    if (!field.required() && !is_given(value)) return;
    start_field(field.name);
    append_value(text_, value);
  });
  for (const auto& [name, json_text] : record.extras) {
    start_field(name);
    append_extra(text_, json_text, layout_, "      ");
  }
  text_ += indented ? "\n    }" : "}";
  out_ << text_;
  first_in_kind_ = false;
}

void json_ledger_writer::add(const district& record) { write(record); }
void json_ledger_writer::add(const enterprise& record) { write(record); }
void json_ledger_writer::add(const project& record) { write(record); }
void json_ledger_writer::add(const team& record) { write(record); }
void json_ledger_writer::add(const unit& record) { write(record); }
void json_ledger_writer::add(const case_record& record) { write(record); }
void json_ledger_writer::add(const measure& record) { write(record); }

void json_ledger_writer::finish() {
  start_kind(record_kinds.size() - 1);
  close_kind();
  out_ << "\n}\n";
}

void write_json_ledger(const ledger& book, const std::filesystem::path& path, json_layout layout) {
  output_file out(path);
  json_ledger_writer writer(out.stream(), layout);
  const auto write_all = [&](const auto& records) {
    for (const auto& record : records) writer.add(record);
  };
  write_all(book.districts());
  write_all(book.enterprises());
  write_all(book.projects());
  write_all(book.teams());
  write_all(book.units());
  write_all(book.cases());
  write_all(book.measures());
  writer.finish();
  out.commit();
}

}  // namespace caseledger
