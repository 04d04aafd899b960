// The per-kind record tables (districts.csv, the 问题 sheet, …): one row per record, each
// column a field of the kind's schema.
#include <array>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "caseledger/model/record_schema.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/table_reading.hpp"

namespace caseledger::detail {
namespace {

// How a cell of a field holding a `Value` is read.
template <class Value>
constexpr field_type type_of() {
  using enum field_type;
  if constexpr (std::is_same_v<Value, std::string> || std::is_same_v<Value, record_id> ||
                std::is_same_v<Value, id_list>) {
    return text;  // a list: names or ids separated by 、，,;；/ (split_list)
  } else if constexpr (std::is_same_v<Value, bool>) {
    return flag;
  } else if constexpr (std::is_same_v<Value, date> || std::is_same_v<Value, std::optional<date>>) {
    return day;
  } else if constexpr (std::is_same_v<Value, std::optional<money>>) {
    return amount;
  } else if constexpr (std::is_same_v<Value, std::optional<std::int64_t>>) {
    return count;
  } else if constexpr (std::is_same_v<Value, case_category>) {
    return category;
  } else if constexpr (std::is_same_v<Value, std::optional<case_channel>>) {
    return channel;
  } else if constexpr (std::is_same_v<Value, case_status>) {
    return status;
  } else if constexpr (std::is_same_v<Value, caseledger::measure_kind>) {
    return measure_kind;
  } else if constexpr (std::is_same_v<Value, std::optional<transport_mode>>) {
    return mode;
  } else if constexpr (std::is_same_v<Value, std::optional<worker_origin>>) {
    return origin;
  } else if constexpr (std::is_same_v<Value, std::optional<satisfaction_level>>) {
    return satisfaction;
  } else {
    static_assert(std::is_same_v<Value, caseledger::team_kind>, "a field type tables cannot read");
    return team_kind;
  }
}

// The columns of `Record`'s table, from its schema.
template <class Record>
constexpr auto columns_of = [] {
  std::array<field_spec, field_count<Record>> columns{};
  std::size_t i = 0;
  for_each_field<Record>([&](const auto& field) {
    using value_type = std::remove_cvref_t<decltype(std::declval<Record&>().*field.member)>;
    columns[i++] = {field.name, type_of<value_type>(), field.headers};
  });
  return columns;
}();

template <class Record>
constexpr table_spec table_of() {
  return {record_schema<Record>::kind, columns_of<Record>, required_count<Record>};
}

constexpr std::array<table_spec, record_kind_count> record_tables = {
    table_of<district>(), table_of<enterprise>(),  table_of<project>(), table_of<team>(),
    table_of<unit>(),     table_of<case_record>(), table_of<measure>()};

constexpr std::size_t case_status_field = [] {
  std::size_t i = 0;
  while (field_names<case_record>[i] != "status") ++i;
  return i;
}();

// A cell's value into the member that holds the field.
void take(std::string& out, cell_value& value) { out = std::move(value.text); }
void take(record_id& out, const cell_value& value) { out = value.text; }
void take(id_list& out, const cell_value& value) {
  out.clear();
  for (const std::string& item : split_list(value.text)) out.push_back(item);
}
void take(bool& out, const cell_value& value) { out = value.flag; }
void take(date& out, const cell_value& value) { out = value.day; }
void take(std::optional<date>& out, const cell_value& value) { out = value.day; }
void take(std::optional<money>& out, const cell_value& value) { out = value.amount; }
void take(std::optional<std::int64_t>& out, const cell_value& value) { out = value.count; }
template <class Enum>
requires std::is_enum_v<Enum>
void take(Enum& out, const cell_value& value) { out = as<Enum>(value); }
template <class Enum>
requires std::is_enum_v<Enum>
void take(std::optional<Enum>& out, const cell_value& value) { out = as<Enum>(value); }

template <class Record>
void assign(Record& record, std::size_t field, cell_value& value) {
  visit_field<Record>(field, [&](const auto& spec) { take(record.*spec.member, value); });
}

template <class Record>
void read_records(const table_context& context, const table_spec& table, const std::string& file,
                  row_source& rows) {
  table_row row;
  if (!rows.next(row)) return;  // an empty file is an empty table
  const auto plan = plan_columns(context, table, file, row);
  if (!plan) return;
  row_fields fields(context, table, file, *plan);
  std::size_t index = 0;
  while (rows.next(row)) {
    if (row_is_blank(row)) continue;
    Record record;
    fields.read(
        row, index, [&](std::size_t field, cell_value& value) { assign(record, field, value); },
        [&](const std::string& header, std::string json) {
          record.extras[header] = std::move(json);
        });
    fields.require(row, 0, table.required);
    if (!fields.failures().empty()) {
      fields.flush(record.id);
    } else {
      if constexpr (std::is_same_v<Record, case_record>) {
        if (!fields.present(case_status_field)) record.status = derive_status(record);
      }
      context.sink.add(record, origin_of(context, row, index));
    }
    ++index;
  }
}

}  // namespace

std::optional<record_kind> kind_of_table(std::string_view name) {
  const std::string key = normalize_header(name).name;
  for (std::size_t i = 0; i < record_kinds.size(); ++i) {
    if (key == record_kinds[i].plural || in_alias_list(record_kinds[i].sheets, key)) {
      return static_cast<record_kind>(i);
    }
  }
  return std::nullopt;
}

void read_record_table(table_context context, record_kind kind, const std::string& file,
                       row_source& rows) {
  const table_spec& table = record_tables[static_cast<std::size_t>(kind)];
  visit_kind(kind, [&]<class Record>(std::type_identity<Record>) {
    read_records<Record>(context, table, file, rows);
  });
}

std::vector<problem> locate_in_tables(std::vector<problem> problems, const std::string& source,
                                      const std::array<std::string, record_kind_count>& tables) {
  for (problem& found : problems) {
    if (found.file != source) continue;
    for (std::size_t k = 0; k < tables.size(); ++k) {
      const std::string prefix = "/" + std::string(record_kinds[k].plural);
      const std::string_view pointer = found.pointer;
      if (!tables[k].empty() && pointer.starts_with(prefix) &&
          (pointer.size() == prefix.size() || pointer[prefix.size()] == '/')) {
        found.file = tables[k];
      }
    }
  }
  return problems;
}

}  // namespace caseledger::detail
