#include "io/table/table_reading.hpp"

#include <nlohmann/json.hpp>

#include "io/table/simplified.hpp"
#include "model/builder_access.hpp"

namespace caseledger::detail {

std::size_t field_for_header(const table_spec& table, const header_key& header,
                             std::string_view original, const field_mapping& mapping) {
  std::string_view wanted = header.name;
  if (const auto mapped = mapping.headers.find(trim_cell(original));
      mapped != mapping.headers.end()) {
    wanted = mapped->second;
  } else if (const auto by_key = mapping.headers.find(header.name);
             by_key != mapping.headers.end()) {
    wanted = by_key->second;
  }
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    if (table.fields[i].name == wanted) return i;
  }
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    if (in_alias_list(table.fields[i].aliases, wanted)) return i;
  }
  return no_field;
}

namespace {

std::string alias_hint(const field_spec& spec) {
  std::string hint = in_quotes(spec.name);
  std::string_view list = spec.aliases;
  while (!list.empty()) {
    const std::size_t bar = list.find('|');
    hint += ", " + in_quotes(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return hint;
}

template <class Enum>
std::optional<std::string> choose(std::string_view text, std::string_view field,
                                  const value_aliases& values, cell_value& out) {
  const auto found = parse_cell_enum<Enum>(text, field, values);
  if (!found) return unknown_enum_reason<Enum>(field, trim_cell(text));
  out.choice = static_cast<std::uint8_t>(*found);
  return std::nullopt;
}

// Tells the ledger of the columns kept as extras, once per table, in the table's order.
void note_extra_columns(const table_context& context, record_kind kind, const std::string& file,
                        std::uint32_t line, const std::vector<column_plan>& plan) {
  std::string kept;
  std::size_t count = 0;
  for (const column_plan& column : plan) {
    if (!column.extra) continue;
    kept += (count++ == 0 ? "" : ", ") + in_quotes(column.header);
    if (kind == record_kind::case_) context.sink.declare_case_extra_column(column.header);
  }
  if (count == 0) return;
  context.sink.note({.what = reading_note::kind::extra_columns,
                     .file = file,
                     .line = line,
                     .column = 0,
                     .text = "kept " + std::to_string(count) +
                             (count == 1 ? " column" : " columns") +
                             " the format does not define as extra fields of each " +
                             std::string(names_of(kind).singular) + ": " + kept,
                     .sheet_cell = context.sheet_cells});
}

}  // namespace

bool in_alias_list(std::string_view list, std::string_view name) {
  while (!list.empty()) {
    const std::size_t bar = list.find('|');
    if (list.substr(0, bar) == name) return true;
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return false;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string json_string(std::string_view text) { return nlohmann::json(text).dump(); }

header_key normalize_header(std::string_view text) {
  const std::string simplified = to_simplified(trim_cell(text));
  std::string_view name = simplified;
  while (name.starts_with('*')) name = trim_cell(name.substr(1));
  int exponent = 0;
  for (const auto& [unit, shift] : {std::pair<std::string_view, int>{"（万元）", 4},
                                    {"(万元)", 4},
                                    {"（元）", 0},
                                    {"(元)", 0}}) {
    if (name.ends_with(unit)) {
      name.remove_suffix(unit.size());
      exponent = shift;
      break;
    }
  }
  std::string key(trim_cell(name));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ') c = '_';
  }
  return {std::move(key), exponent};
}

problem table_problem(const table_context& context, const std::string& file, std::uint32_t line,
                      std::uint32_t column, std::string pointer, std::string field,
                      std::string reason) {
  problem found;
  found.file = file;
  found.line = line;
  found.column = column;
  found.sheet_cell = context.sheet_cells;
  found.pointer = std::move(pointer);
  found.field = std::move(field);
  found.reason = std::move(reason);
  return found;
}

std::optional<std::vector<column_plan>> plan_columns(const table_context& context,
                                                     const table_spec& table,
                                                     const std::string& file,
                                                     const table_row& header) {
  const std::string pointer = "/" + std::string(names_of(table.kind).plural);
  std::vector<column_plan> plan;
  plan.reserve(header.size());
  std::vector<std::size_t> column_of_field(table.fields.size(), no_field);
  bool usable = true;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const table_cell& cell = header[c];
    column_plan& column = plan.emplace_back();
    column.header = std::string(trim_cell(cell.text));
    if (column.header.empty()) continue;
    const header_key key = normalize_header(cell.text);
    column.amount_exponent = key.amount_exponent;
    const std::size_t field = field_for_header(table, key, cell.text, context.mapping);
    if (field == no_field) {
      if (context.keep_extras) {
        column.extra = true;
      } else {
        context.sink.report(table_problem(context, file, cell.line, cell.column, pointer,
                                          column.header,
                                          "unknown column " + in_quotes(column.header)));
      }
      continue;
    }
    if (column_of_field[field] != no_field) {
      context.sink.report(table_problem(
          context, file, cell.line, cell.column, pointer, std::string(table.fields[field].name),
          "column " + in_quotes(column.header) + " names " + in_quotes(table.fields[field].name) +
              " again (already column " + in_quotes(plan[column_of_field[field]].header) + ")"));
      usable = false;
      continue;
    }
    column_of_field[field] = c;
    column.field = field;
  }
  const std::uint32_t line = header.empty() ? 1 : header.front().line;
  note_extra_columns(context, table.kind, file, line, plan);
  for (std::size_t f = 0; f < table.required; ++f) {
    if (f == 0 && table.numbered_without_id) continue;
    if (column_of_field[f] == no_field) {
      context.sink.report(
          table_problem(context, file, line, 0, pointer, std::string(table.fields[f].name),
                        "missing required column " + in_quotes(table.fields[f].name) + " (headed " +
                            alias_hint(table.fields[f]) + ")"));
      usable = false;
    }
  }
  if (!usable) return std::nullopt;
  return plan;
}

std::optional<std::string> convert(const field_spec& spec, std::string_view cell_text,
                                   int amount_exponent, const value_aliases& values,
                                   cell_value& out) {
  try {
    using enum field_type;
    switch (spec.type) {
      case text:
        out.text.assign(cell_text);  // into the buffer it had
        return std::nullopt;
      case flag:
        out.flag = parse_cell_flag(cell_text);
        return std::nullopt;
      case day:
        out.day = parse_cell_date(cell_text);
        return std::nullopt;
      case amount:
        if (amount_exponent == 4 && !cell_text.ends_with("万") && !cell_text.ends_with("万元") &&
            !cell_text.ends_with("亿") && !cell_text.ends_with("亿元")) {
          out.amount = parse_cell_amount(std::string(cell_text) + "万");
        } else {
          out.amount = parse_cell_amount(cell_text);
        }
        return std::nullopt;
      case count:
      case workdays:
        out.count = parse_cell_count(cell_text);
        return std::nullopt;
      case category:
        return choose<case_category>(cell_text, spec.name, values, out);
      case channel:
        return choose<case_channel>(cell_text, spec.name, values, out);
      case status:
        return choose<case_status>(cell_text, spec.name, values, out);
      case measure_kind:
        return choose<caseledger::measure_kind>(cell_text, spec.name, values, out);
      case mode:
        return choose<transport_mode>(cell_text, spec.name, values, out);
      case origin:
        return choose<worker_origin>(cell_text, spec.name, values, out);
      case team_kind:
        return choose<caseledger::team_kind>(cell_text, spec.name, values, out);
      case satisfaction:
        return choose<satisfaction_level>(cell_text, spec.name, values, out);
    }
  } catch (const std::exception& e) {  // invalid_argument, overflow_error
    return std::string(e.what());
  }
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string item;
  const auto finish = [&] {
    const std::string_view trimmed = trim_cell(item);
    if (!trimmed.empty()) items.emplace_back(trimmed);
    item.clear();
  };
  while (!text.empty()) {
    bool separator = false;
    for (const std::string_view mark : {"、", "，", "；", ",", ";", "/"}) {
      if (text.starts_with(mark)) {
        text.remove_prefix(mark.size());
        separator = true;
        break;
      }
    }
    if (separator) {
      finish();
    } else {
      item += text.front();
      text.remove_prefix(1);
    }
  }
  finish();
  return items;
}

bool row_is_blank(const table_row& row) {
  for (const table_cell& cell : row) {
    if (!trim_cell(cell.text).empty()) return false;
  }
  return true;
}

record_origin origin_of(const table_context& context, const table_row& row, std::size_t index) {
  return {.line = row.empty() ? 0 : row.front().line,
          .column = row.empty() ? 0 : row.front().column,
          .index = static_cast<std::uint32_t>(index),
          .part = context.part,
          .sheet_cell = context.sheet_cells};
}

}  // namespace caseledger::detail
