#include "io/table/ledger_tables.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <limits>
#include <span>
#include <stdexcept>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "model/builder_access.hpp"

namespace caseledger::detail {
namespace {

// ---------------------------------------------------------------------------------------
// Fields: their ledger name, how a cell is read, and the headers that name them besides
// the ledger name ("|"-separated). Required fields come first in each table.

enum class field_type : std::uint8_t {
  text,
  flag,
  day,
  amount,
  count,
  category,
  channel,
  status,
  measure_kind,
  mode,
  origin,
  team_kind
};

struct field_spec {
  std::string_view name;
  field_type type;
  std::string_view aliases;
};

struct table_spec {
  record_kind kind;
  std::span<const field_spec> fields;
  std::size_t required;
};

using enum field_type;

constexpr std::array<field_spec, 4> district_fields = {{
    {"id", text, "编号|区县编号|区县代码|代码|序号"},
    {"name", text, "区县|区县名称|名称"},
    {"name_en", text, "英文名|英文名称"},
    {"parent", text, "所属城市|城市|地市|上级"},
}};
constexpr std::array<field_spec, 6> enterprise_fields = {{
    {"id", text, "编号|企业编号|序号|统一社会信用代码"},
    {"name", text, "企业名称|名称"},
    {"district", text, "区县|所属区县|区县编号"},
    {"industry", text, "行业|所属行业"},
    {"key", flag, "重点企业|是否重点企业|重点"},
    {"resumed_on", day, "复工日期|复工时间"},
}};
constexpr std::array<field_spec, 5> project_fields = {{
    {"id", text, "编号|项目编号|序号"},
    {"name", text, "项目名称|名称"},
    {"district", text, "区县|所属区县|区县编号"},
    {"key", flag, "重点项目|是否重点项目|重点"},
    {"resumed_on", day, "复工日期|复工时间"},
}};
constexpr std::array<field_spec, 5> team_fields = {{
    {"id", text, "编号|服务队编号|序号"},
    {"district", text, "区县|所属区县|区县编号"},
    {"kind", team_kind, "类型|队伍类型|服务队类型"},
    {"name", text, "名称|服务队名称|队伍名称"},
    {"members", count, "人数|成员人数|队员人数"},
}};
constexpr std::array<field_spec, 13> case_fields = {{
    {"id", text, "序号|编号|案件编号|问题编号"},
    {"district", text, "区县|所属区县|区县编号"},
    {"reported_on", day, "反映日期|反映时间|受理日期|报送日期"},
    {"category", category, "问题类别|问题类型|类别"},
    {"enterprise", text, "企业|企业编号"},
    {"project", text, "项目|项目编号"},
    {"channel", channel, "反映渠道|报送渠道|渠道"},
    {"summary", text, "问题描述|问题内容|诉求内容"},
    {"team", text, "服务队|服务队编号|责任服务队"},
    {"due_on", day, "办理时限|时限|限办日期"},
    {"resolved_on", day, "办结日期|办结时间"},
    {"closed_on", day, "关闭日期|终结日期"},
    {"status", status, "办理状态|状态"},
}};
constexpr std::size_t case_status_field = 12;
constexpr std::array<field_spec, 14> measure_fields = {{
    {"id", text, "编号|措施编号|序号"},
    {"district", text, "区县|所属区县|区县编号"},
    {"kind", measure_kind, "措施类型|帮扶类型|类型"},
    {"granted_on", day, "帮扶日期|发放日期|日期"},
    {"enterprise", text, "企业|受益企业|企业编号"},
    {"project", text, "项目|项目编号"},
    {"case", text, "问题编号|案件编号|关联问题"},
    {"amount", amount, "金额|帮扶金额"},
    {"mode", mode, "运输方式|方式"},
    {"workers", count, "人数|返岗人数"},
    {"origin", origin, "省内外|来源"},
    {"origin_place", text, "来源地|出发地"},
    {"item", text, "物资|物资名称"},
    {"quantity", count, "数量|物资数量"},
}};

constexpr std::array<table_spec, 6> record_tables = {{
    {record_kind::district, district_fields, 2},
    {record_kind::enterprise, enterprise_fields, 3},
    {record_kind::project, project_fields, 3},
    {record_kind::team, team_fields, 3},
    {record_kind::case_, case_fields, 4},
    {record_kind::measure, measure_fields, 4},
}};

// The flat case sheet. Names, not ids, for districts, enterprises, projects and teams;
// an id column beside each is optional.
enum flat : std::size_t {
  flat_id,
  flat_district,
  flat_reported_on,
  flat_category,
  flat_district_id,
  flat_enterprise,
  flat_enterprise_id,
  flat_project,
  flat_project_id,
  flat_industry,
  flat_key,
  flat_resumed_on,
  flat_channel,
  flat_summary,
  flat_team,
  flat_team_id,
  flat_team_kind,
  flat_due_on,
  flat_resolved_on,
  flat_closed_on,
  flat_status,
  flat_granted_on,
  flat_subsidy,
  flat_fee_reduction,
  flat_loan,
  flat_allowance,
  flat_workers,
  flat_mode,
  flat_origin,
  flat_origin_place,
  flat_item,
  flat_quantity,
  flat_field_count
};

constexpr std::array<field_spec, flat_field_count> flat_fields = {{
    {"id", text, "序号|编号|案件编号|问题编号"},
    {"district", text, "区县|所属区县|区县名称"},
    {"reported_on", day, "反映日期|反映时间|受理日期|报送日期"},
    {"category", category, "问题类别|问题类型|类别"},
    {"district_id", text, "区县编号|区县代码"},
    {"enterprise", text, "企业名称|企业"},
    {"enterprise_id", text, "企业编号|统一社会信用代码"},
    {"project", text, "项目名称|项目"},
    {"project_id", text, "项目编号"},
    {"industry", text, "行业|所属行业"},
    {"key", flag, "重点|是否重点|重点企业（项目）|重点企业(项目)"},
    {"resumed_on", day, "复工日期|复工时间"},
    {"channel", channel, "反映渠道|报送渠道|渠道"},
    {"summary", text, "问题描述|问题内容|诉求内容"},
    {"team", text, "服务队|责任服务队|服务队名称"},
    {"team_id", text, "服务队编号"},
    {"team_kind", team_kind, "服务队类型"},
    {"due_on", day, "办理时限|时限|限办日期"},
    {"resolved_on", day, "办结日期|办结时间"},
    {"closed_on", day, "关闭日期|终结日期"},
    {"status", status, "办理状态|状态"},
    {"granted_on", day, "帮扶日期|发放日期"},
    {"subsidy", amount, "补助金额|补贴金额|补助"},
    {"fee_reduction", amount, "减免金额|减免"},
    {"loan", amount, "贷款金额|贷款"},
    {"allowance", amount, "返岗补助金额|返岗补助"},
    {"workers", count, "返岗人数|人数"},
    {"mode", mode, "运输方式|返岗方式"},
    {"origin", origin, "省内外|来源"},
    {"origin_place", text, "来源地|出发地"},
    {"item", text, "物资|物资名称"},
    {"quantity", count, "物资数量|数量"},
}};

constexpr table_spec flat_table{record_kind::case_, flat_fields, 4};

// The usual Chinese names of each kind's sheet.
constexpr std::array<std::string_view, 6> table_zh_names = {
    "区县", "企业", "项目", "服务队", "问题|案件|问题台账", "帮扶措施|措施"};

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

// ---------------------------------------------------------------------------------------
// Headers.

// A header as written, reduced to what names the field: "*金额（万元）" is "金额" with
// amounts in 万 (10^4 yuan).
struct header_key {
  std::string name;
  int amount_exponent = 0;
};

header_key normalize_header(std::string_view text) {
  std::string_view name = trim_cell(text);
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

constexpr std::size_t no_field = std::numeric_limits<std::size_t>::max();

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

// What to do with the cells of one column.
struct column_plan {
  std::size_t field = no_field;  // no_field: an extra (kept) or a blank-headed column
  bool extra = false;
  std::string header;  // as written, for problems
  int amount_exponent = 0;
};

// A problem located in one table.
problem table_problem(const std::string& file, std::uint32_t line, std::uint32_t column,
                      std::string pointer, std::string field, std::string reason) {
  problem found;
  found.file = file;
  found.line = line;
  found.column = column;
  found.pointer = std::move(pointer);
  found.field = std::move(field);
  found.reason = std::move(reason);
  return found;
}

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

// Maps each header cell to a field; reports unknown, repeated and missing columns.
// Returns nullopt when the table cannot be read (a required column is missing).
std::optional<std::vector<column_plan>> plan_columns(const table_context& context,
                                                     const table_spec& table,
                                                     const std::string& file,
                                                     const table_row& header) {
  const std::string pointer = "/" + std::string(plural_name(table.kind));
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
        context.builder.report(table_problem(file, cell.line, cell.column, pointer, column.header,
                                             "unknown column " + in_quotes(column.header)));
      }
      continue;
    }
    if (column_of_field[field] != no_field) {
      context.builder.report(table_problem(
          file, cell.line, cell.column, pointer, std::string(table.fields[field].name),
          "column " + in_quotes(column.header) + " names " + in_quotes(table.fields[field].name) +
              " again (already column " + in_quotes(plan[column_of_field[field]].header) + ")"));
      usable = false;
      continue;
    }
    column_of_field[field] = c;
    column.field = field;
  }
  const std::uint32_t line = header.empty() ? 1 : header.front().line;
  for (std::size_t f = 0; f < table.required; ++f) {
    // The flat sheet numbers its cases when it has no id column.
    if (table.fields.data() == flat_fields.data() && f == flat_id) continue;
    if (column_of_field[f] == no_field) {
      context.builder.report(
          table_problem(file, line, 0, pointer, std::string(table.fields[f].name),
                        "missing required column " + in_quotes(table.fields[f].name) + " (headed " +
                            alias_hint(table.fields[f]) + ")"));
      usable = false;
    }
  }
  if (!usable) return std::nullopt;
  return plan;
}

// ---------------------------------------------------------------------------------------
// Cells.

// A cell read as its field's type; only the member of that type is set.
struct cell_value {
  std::string text;
  bool flag = false;
  date day;
  money amount;
  std::int64_t count = 0;
  std::uint8_t choice = 0;  // an enum's index
};

template <class Enum>
std::optional<std::string> choose(std::string_view text, std::string_view field,
                                  const value_aliases& values, cell_value& out) {
  const auto found = parse_cell_enum<Enum>(text, field, values);
  if (!found) return unknown_enum_reason<Enum>(field, trim_cell(text));
  out.choice = static_cast<std::uint8_t>(*found);
  return std::nullopt;
}

// Reads `cell_text` (trimmed, not empty) as `spec` says; the reason when it cannot.
std::optional<std::string> convert(const field_spec& spec, std::string_view cell_text,
                                   int amount_exponent, const value_aliases& values,
                                   cell_value& out) {
  try {
    switch (spec.type) {
      case text:
        out.text = std::string(cell_text);
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
    }
  } catch (const std::exception& e) {  // invalid_argument, overflow_error
    return std::string(e.what());
  }
  return std::nullopt;
}

template <class Enum>
Enum as(const cell_value& value) {
  return static_cast<Enum>(value.choice);
}

void assign(district& r, std::size_t field, cell_value& v) {
  std::string* targets[] = {&r.id, &r.name, &r.name_en, &r.parent};
  *targets[field] = std::move(v.text);
}

void assign(enterprise& r, std::size_t field, cell_value& v) {
  switch (field) {
    case 0:
      r.id = std::move(v.text);
      break;
    case 1:
      r.name = std::move(v.text);
      break;
    case 2:
      r.district = std::move(v.text);
      break;
    case 3:
      r.industry = std::move(v.text);
      break;
    case 4:
      r.key = v.flag;
      break;
    default:
      r.resumed_on = v.day;
  }
}

void assign(project& r, std::size_t field, cell_value& v) {
  switch (field) {
    case 0:
      r.id = std::move(v.text);
      break;
    case 1:
      r.name = std::move(v.text);
      break;
    case 2:
      r.district = std::move(v.text);
      break;
    case 3:
      r.key = v.flag;
      break;
    default:
      r.resumed_on = v.day;
  }
}

void assign(team& r, std::size_t field, cell_value& v) {
  switch (field) {
    case 0:
      r.id = std::move(v.text);
      break;
    case 1:
      r.district = std::move(v.text);
      break;
    case 2:
      r.kind = as<caseledger::team_kind>(v);
      break;
    case 3:
      r.name = std::move(v.text);
      break;
    default:
      r.members = v.count;
  }
}

void assign(case_record& r, std::size_t field, cell_value& v) {
  switch (field) {
    case 0:
      r.id = std::move(v.text);
      break;
    case 1:
      r.district = std::move(v.text);
      break;
    case 2:
      r.reported_on = v.day;
      break;
    case 3:
      r.category = as<case_category>(v);
      break;
    case 4:
      r.enterprise = std::move(v.text);
      break;
    case 5:
      r.project = std::move(v.text);
      break;
    case 6:
      r.channel = as<case_channel>(v);
      break;
    case 7:
      r.summary = std::move(v.text);
      break;
    case 8:
      r.team = std::move(v.text);
      break;
    case 9:
      r.due_on = v.day;
      break;
    case 10:
      r.resolved_on = v.day;
      break;
    case 11:
      r.closed_on = v.day;
      break;
    default:
      r.status = as<case_status>(v);
  }
}

void assign(measure& r, std::size_t field, cell_value& v) {
  switch (field) {
    case 0:
      r.id = std::move(v.text);
      break;
    case 1:
      r.district = std::move(v.text);
      break;
    case 2:
      r.kind = as<caseledger::measure_kind>(v);
      break;
    case 3:
      r.granted_on = v.day;
      break;
    case 4:
      r.enterprise = std::move(v.text);
      break;
    case 5:
      r.project = std::move(v.text);
      break;
    case 6:
      r.case_id = std::move(v.text);
      break;
    case 7:
      r.amount = v.amount;
      break;
    case 8:
      r.mode = as<transport_mode>(v);
      break;
    case 9:
      r.workers = v.count;
      break;
    case 10:
      r.origin = as<worker_origin>(v);
      break;
    case 11:
      r.origin_place = std::move(v.text);
      break;
    case 12:
      r.item = std::move(v.text);
      break;
    default:
      r.quantity = v.count;
  }
}

// ---------------------------------------------------------------------------------------
// Rows.

bool row_is_blank(const table_row& row) {
  for (const table_cell& cell : row) {
    if (!trim_cell(cell.text).empty()) return false;
  }
  return true;
}

// Reads the cells of one row against the plan: each field's value, or the problems.
class row_fields {
 public:
  row_fields(const table_context& context, const table_spec& table, const std::string& file,
             const std::vector<column_plan>& plan)
      : context_(context), table_(table), file_(file), plan_(plan) {}

  // Reads `row`, the `index`-th record of the table; calls `set(field, value)` for each
  // non-empty known cell and `keep(header, text)` for each extra.
  template <class Set, class Keep>
  void read(const table_row& row, std::size_t index, Set&& set, Keep&& keep) {
    failures_.clear();
    present_.assign(table_.fields.size(), false);
    refused_.assign(table_.fields.size(), false);
    pointer_ = "/" + std::string(plural_name(table_.kind)) + "/" + std::to_string(index);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const table_cell& cell = row[c];
      const std::string_view text = trim_cell(cell.text);
      if (text.empty()) continue;
      if (c >= plan_.size() || (plan_[c].field == no_field && !plan_[c].extra)) {
        if (c < plan_.size() && !plan_[c].header.empty()) continue;  // reported at the header
        fail(cell, "", "value " + in_quotes(text) + " in a column without a header");
        continue;
      }
      const column_plan& column = plan_[c];
      if (column.extra) {
        keep(column.header, nlohmann::json(std::string(text)).dump());
        continue;
      }
      const field_spec& spec = table_.fields[column.field];
      if (const auto reason =
              convert(spec, text, column.amount_exponent, context_.mapping.values, value_)) {
        fail(cell, std::string(spec.name), column_reason(column, *reason));
        refused_[column.field] = true;
        continue;
      }
      present_[column.field] = true;
      set(column.field, value_);
    }
  }

  bool present(std::size_t field) const { return present_[field]; }
  const std::string& pointer() const noexcept { return pointer_; }
  std::vector<problem>& failures() noexcept { return failures_; }

  // A problem with the row as a whole (a missing value), at its first cell.
  void fail_row(const table_row& row, std::string field, std::string reason) {
    const std::uint32_t line = row.empty() ? 0 : row.front().line;
    failures_.push_back(table_problem(file_, line, row.empty() ? 0 : row.front().column, pointer_,
                                      std::move(field), std::move(reason)));
  }

  // "missing required field 'reported_on' (column '反映日期')" for each required field
  // the row leaves empty (one whose value was refused is reported already).
  void require(const table_row& row, std::size_t from, std::size_t to) {
    for (std::size_t f = from; f < to; ++f) {
      if (present_[f] || refused_[f]) continue;
      std::string header;
      for (const column_plan& column : plan_) {
        if (column.field == f) header = column.header;
      }
      const std::string_view name = table_.fields[f].name;
      fail_row(row, std::string(name),
               "missing required field " + in_quotes(name) +
                   (header.empty() || header == name ? "" : " (column " + in_quotes(header) + ")"));
    }
  }

  // Reports the row's problems against the record `kind id`, refusing it.
  void flush(std::string_view id) {
    if (!id.empty()) {
      ledger_builder_access::refuse(context_.builder, singular_name(table_.kind), id);
    }
    for (problem& found : failures_) {
      found.record_kind = std::string(singular_name(table_.kind));
      found.record_id = std::string(id);
      context_.builder.report(std::move(found));
    }
    failures_.clear();
  }

 private:
  static std::string column_reason(const column_plan& column, const std::string& reason) {
    return "column " + in_quotes(column.header) + ": " + reason;
  }

  void fail(const table_cell& cell, std::string field, std::string reason) {
    std::string pointer = pointer_;
    if (!field.empty()) pointer += "/" + field;
    failures_.push_back(table_problem(file_, cell.line, cell.column, std::move(pointer),
                                      std::move(field), std::move(reason)));
  }

  const table_context& context_;
  const table_spec& table_;
  const std::string& file_;
  const std::vector<column_plan>& plan_;
  cell_value value_;
  std::vector<bool> present_;
  std::vector<bool> refused_;
  std::string pointer_;
  std::vector<problem> failures_;
};

record_origin origin_of(const table_row& row, std::size_t index) {
  return {.line = row.empty() ? 0 : row.front().line,
          .column = row.empty() ? 0 : row.front().column,
          .index = static_cast<std::uint32_t>(index)};
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
        if (!fields.present(case_status_field)) {
          record.status = record.resolved_on ? case_status::resolved : case_status::open;
        }
      }
      context.builder.add(std::move(record), origin_of(row, index));
    }
    ++index;
  }
}

// ---------------------------------------------------------------------------------------
// The flat sheet: records created from names, first mention wins, a later row that says
// otherwise is a problem.

// One record created from the sheet, the line that created it and the lines that gave
// its optional attributes (0: none yet).
template <class Record>
struct created {
  Record record;
  std::uint32_t line = 0;
  std::uint32_t key_line = 0;
  std::uint32_t resumed_line = 0;
  std::uint32_t industry_line = 0;
};

template <class Record>
class created_records {
 public:
  // The record `id`, created by `make` if this is its first mention.
  template <class Make>
  created<Record>& find_or_make(const std::string& id, std::uint32_t line, Make&& make) {
    const auto [at, inserted] = index_.try_emplace(id, records_.size());
    if (inserted) {
      records_.push_back({make(), line});
    }
    return records_[at->second];
  }

  std::vector<created<Record>>& all() noexcept { return records_; }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<created<Record>> records_;
};

class flat_sheet_reader {
 public:
  flat_sheet_reader(const table_context& context, const std::string& file)
      : context_(context), file_(file) {}

  void read(row_source& rows) {
    table_row row;
    if (!rows.next(row)) return;
    const auto plan = plan_columns(context_, flat_table, file_, row);
    if (!plan) return;
    row_fields fields(context_, flat_table, file_, *plan);
    std::size_t index = 0;
    std::array<cell_value, flat_field_count> values;
    while (rows.next(row)) {
      if (row_is_blank(row)) continue;
      extra_fields extras;
      fields.read(
          row, index, [&](std::size_t field, cell_value& value) { values[field] = value; },
          [&](const std::string& header, std::string json) { extras[header] = std::move(json); });
      fields.require(row, flat_district, flat_table.required);
      const std::string id =
          fields.present(flat_id) ? values[flat_id].text : std::to_string(index + 1);
      if (fields.failures().empty()) add_row(row, index, fields, values, id, std::move(extras));
      if (!fields.failures().empty()) fields.flush(id);
      ++index;
    }
    add_created(districts_);
    add_created(enterprises_);
    add_created(projects_);
    add_created(teams_);
  }

 private:
  // Hands the records the sheet named to the builder, each located at the line that first
  // named it.
  template <class Record>
  void add_created(created_records<Record>& made) {
    std::uint32_t index = 0;
    for (auto& entry : made.all()) {
      context_.builder.add(std::move(entry.record), record_origin{entry.line, 0, index++});
    }
  }

  // A later row giving another value for an attribute of a record created earlier.
  template <class Value>
  void agree(row_fields& fields, const table_row& row, std::string_view what,
             std::string_view field, Value& kept, const Value& given, std::uint32_t first_line,
             const std::string& shown_kept, const std::string& shown_given) {
    if (kept == given) return;
    fields.fail_row(row, std::string(field),
                    std::string(what) + " has " + std::string(field) + " " + shown_kept +
                        " at line " + std::to_string(first_line) + " but " + shown_given + " here");
  }

  static std::string shown(const std::optional<date>& day) {
    return day ? day->to_string() : std::string("none");
  }

  void add_row(const table_row& row, std::size_t index, row_fields& fields,
               std::array<cell_value, flat_field_count>& values, const std::string& id,
               extra_fields extras) {
    const std::uint32_t line = row.front().line;
    const auto has = [&](flat f) { return fields.present(f); };

    const std::string& district_name = values[flat_district].text;
    const std::string district_id =
        has(flat_district_id) ? values[flat_district_id].text : district_name;
    auto& place = districts_.find_or_make(district_id, line, [&] {
      district made;
      made.id = district_id;
      made.name = district_name;
      return made;
    });
    agree(fields, row, "district " + in_quotes(district_id), "name", place.record.name,
          district_name, place.line, in_quotes(place.record.name), in_quotes(district_name));

    case_record record;
    record.id = id;
    record.district = district_id;
    record.reported_on = values[flat_reported_on].day;
    record.category = as<case_category>(values[flat_category]);
    if (has(flat_channel)) record.channel = as<case_channel>(values[flat_channel]);
    if (has(flat_summary)) record.summary = values[flat_summary].text;
    if (has(flat_due_on)) record.due_on = values[flat_due_on].day;
    if (has(flat_resolved_on)) record.resolved_on = values[flat_resolved_on].day;
    if (has(flat_closed_on)) record.closed_on = values[flat_closed_on].day;
    record.status = has(flat_status)     ? as<case_status>(values[flat_status])
                    : record.resolved_on ? case_status::resolved
                                         : case_status::open;
    record.extras = std::move(extras);

    // The key flag when the row gives one (a pointer, not an optional: GCC 12 warns
    // falsely about an optional<bool> read after its check).
    const bool* key = has(flat_key) ? &values[flat_key].flag : nullptr;
    const std::optional<date> resumed_on =
        has(flat_resumed_on) ? std::optional<date>(values[flat_resumed_on].day) : std::nullopt;
    const bool named_enterprise = has(flat_enterprise) || has(flat_enterprise_id);
    const bool named_project = has(flat_project) || has(flat_project_id);
    if (named_enterprise) {
      record.enterprise = subject(fields, row, enterprises_, "enterprise", flat_enterprise,
                                  flat_enterprise_id, values, district_id, key, resumed_on);
    }
    if (named_project) {
      record.project = subject(fields, row, projects_, "project", flat_project, flat_project_id,
                               values, district_id, key, resumed_on);
    }
    if (!named_enterprise && !named_project &&
        (key != nullptr || resumed_on || has(flat_industry))) {
      fields.fail_row(row, "enterprise",
                      "key, resumed_on or industry given without an enterprise or project");
    }
    if (has(flat_team) || has(flat_team_id))
      record.team = team_of(fields, row, values, district_id);
    else if (has(flat_team_kind))
      fields.fail_row(row, "team", "team_kind given without a team");

    add_measures(row, fields, values, record);
    if (!fields.failures().empty()) return;
    context_.builder.add(std::move(record), origin_of(row, index));
  }

  template <class Record>
  std::string subject(row_fields& fields, const table_row& row, created_records<Record>& made,
                      std::string_view kind, flat name_field, flat id_field,
                      std::array<cell_value, flat_field_count>& values,
                      const std::string& district_id, const bool* key,
                      const std::optional<date>& resumed_on) {
    if (!fields.present(name_field)) {
      fields.fail_row(row, std::string(flat_fields[name_field].name),
                      std::string(kind) + " id " + in_quotes(values[id_field].text) +
                          " given without its name");
      return {};
    }
    const std::string& name = values[name_field].text;
    const std::string id = fields.present(id_field) ? values[id_field].text : name;
    const std::uint32_t line = row.front().line;
    auto& entry = made.find_or_make(id, line, [&] {
      Record record;
      record.id = id;
      record.name = name;
      record.district = district_id;
      return record;
    });
    const std::string what = std::string(kind) + " " + in_quotes(id);
    agree(fields, row, what, "name", entry.record.name, name, entry.line,
          in_quotes(entry.record.name), in_quotes(name));
    agree(fields, row, what, "district", entry.record.district, district_id, entry.line,
          in_quotes(entry.record.district), in_quotes(district_id));
    // Attributes a row leaves empty are taken from the rows that give them.
    if (key != nullptr) {
      if (entry.key_line == 0) {
        entry.record.key = *key;
        entry.key_line = line;
      } else {
        agree(fields, row, what, "key", entry.record.key, *key, entry.key_line,
              entry.record.key ? "true" : "false", *key ? "true" : "false");
      }
    }
    if (resumed_on) {
      if (!entry.record.resumed_on) {
        entry.record.resumed_on = resumed_on;
        entry.resumed_line = line;
      } else {
        agree(fields, row, what, "resumed_on", entry.record.resumed_on, resumed_on,
              entry.resumed_line, shown(entry.record.resumed_on), shown(resumed_on));
      }
    }
    if constexpr (std::is_same_v<Record, enterprise>) {
      if (fields.present(flat_industry)) {
        const std::string& industry = values[flat_industry].text;
        if (entry.record.industry.empty()) {
          entry.record.industry = industry;
          entry.industry_line = line;
        } else {
          agree(fields, row, what, "industry", entry.record.industry, industry, entry.industry_line,
                in_quotes(entry.record.industry), in_quotes(industry));
        }
      }
    }
    return id;
  }

  std::string team_of(row_fields& fields, const table_row& row,
                      std::array<cell_value, flat_field_count>& values,
                      const std::string& district_id) {
    const std::string id =
        fields.present(flat_team_id) ? values[flat_team_id].text : values[flat_team].text;
    const std::string name = fields.present(flat_team) ? values[flat_team].text : std::string();
    const auto kind = fields.present(flat_team_kind)
                          ? as<caseledger::team_kind>(values[flat_team_kind])
                          : caseledger::team_kind::service_team;
    auto& entry = teams_.find_or_make(id, row.front().line, [&] {
      team made;
      made.id = id;
      made.name = name;
      made.district = district_id;
      made.kind = kind;
      return made;
    });
    const std::string what = "team " + in_quotes(id);
    agree(fields, row, what, "name", entry.record.name, name, entry.line,
          in_quotes(entry.record.name), in_quotes(name));
    agree(fields, row, what, "district", entry.record.district, district_id, entry.line,
          in_quotes(entry.record.district), in_quotes(district_id));
    agree(fields, row, what, "kind", entry.record.kind, kind, entry.line,
          std::string(to_string(entry.record.kind)), std::string(to_string(kind)));
    return id;
  }

  // One measure per kind the support columns give: "<case id>-<kind>", granted on the
  // granted_on column, else the day the case was resolved, else the day it was reported.
  void add_measures(const table_row& row, row_fields& fields,
                    std::array<cell_value, flat_field_count>& values, const case_record& c) {
    const auto has = [&](flat f) { return fields.present(f); };
    const date granted_on = has(flat_granted_on) ? values[flat_granted_on].day
                            : c.resolved_on      ? *c.resolved_on
                                                 : c.reported_on;
    const auto make = [&](caseledger::measure_kind kind) {
      measure m;
      m.id = c.id + "-" + std::string(to_string(kind));
      m.district = c.district;
      m.kind = kind;
      m.granted_on = granted_on;
      m.enterprise = c.enterprise;
      m.project = c.project;
      m.case_id = c.id;
      return m;
    };
    std::vector<measure> made;
    constexpr std::array<std::pair<flat, caseledger::measure_kind>, 4> money_columns = {{
        {flat_subsidy, caseledger::measure_kind::subsidy},
        {flat_fee_reduction, caseledger::measure_kind::fee_reduction},
        {flat_loan, caseledger::measure_kind::loan},
        {flat_allowance, caseledger::measure_kind::allowance},
    }};
    for (const auto& [column, kind] : money_columns) {
      if (!has(column)) continue;
      measure m = make(kind);
      m.amount = values[column].amount;
      made.push_back(std::move(m));
    }
    if (has(flat_workers) || has(flat_mode) || has(flat_origin) || has(flat_origin_place)) {
      measure m = make(caseledger::measure_kind::transport);
      if (has(flat_workers)) m.workers = values[flat_workers].count;
      if (has(flat_mode)) m.mode = as<transport_mode>(values[flat_mode]);
      if (has(flat_origin)) m.origin = as<worker_origin>(values[flat_origin]);
      if (has(flat_origin_place)) m.origin_place = values[flat_origin_place].text;
      made.push_back(std::move(m));
    }
    if (has(flat_item) || has(flat_quantity)) {
      measure m = make(caseledger::measure_kind::supplies);
      if (has(flat_item)) m.item = values[flat_item].text;
      if (has(flat_quantity)) m.quantity = values[flat_quantity].count;
      made.push_back(std::move(m));
    }
    if (made.empty() && has(flat_granted_on)) {
      fields.fail_row(row, "granted_on", "granted_on given without any support column");
    }
    if (!fields.failures().empty()) return;
    for (measure& m : made) {
      context_.builder.add(std::move(m),
                           record_origin{row.front().line, row.front().column, measure_count_++});
    }
  }

  const table_context& context_;
  const std::string& file_;
  created_records<district> districts_;
  created_records<enterprise> enterprises_;
  created_records<project> projects_;
  created_records<team> teams_;
  std::uint32_t measure_count_ = 0;
};

}  // namespace

std::string_view singular_name(record_kind kind) noexcept {
  constexpr std::array<std::string_view, 6> names = {"district", "enterprise", "project",
                                                     "team",     "case",       "measure"};
  return names[static_cast<std::size_t>(kind)];
}

std::string_view plural_name(record_kind kind) noexcept {
  constexpr std::array<std::string_view, 6> names = {"districts", "enterprises", "projects",
                                                     "teams",     "cases",       "measures"};
  return names[static_cast<std::size_t>(kind)];
}

std::optional<record_kind> kind_of_table(std::string_view name) {
  const std::string key = normalize_header(name).name;
  for (std::size_t i = 0; i < table_zh_names.size(); ++i) {
    const auto kind = static_cast<record_kind>(i);
    if (key == plural_name(kind) || in_alias_list(table_zh_names[i], key)) return kind;
  }
  return std::nullopt;
}

field_mapping read_field_mapping(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path, "open", std::error_code(errno, std::generic_category()));
  const auto refuse = [&](const std::string& reason) {
    problem found;
    found.file = path.string();
    found.reason = reason;
    return ledger_error({std::move(found)});
  };
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw refuse(std::string("invalid JSON: ") + e.what());
  }
  field_mapping mapping;
  if (!document.is_object()) throw refuse("a mapping must be a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key == "headers") {
      if (!value.is_object()) throw refuse("headers must map header text to a field name");
      for (const auto& [header, field] : value.items()) {
        if (!field.is_string())
          throw refuse("header " + in_quotes(header) + " must map to a string");
        mapping.headers[std::string(trim_cell(header))] = field.get<std::string>();
      }
    } else if (key == "values") {
      if (!value.is_object()) throw refuse("values must map a field to its spellings");
      for (const auto& [field, spellings] : value.items()) {
        if (!spellings.is_object())
          throw refuse("values of " + in_quotes(field) + " must be an object");
        for (const auto& [spelling, name] : spellings.items()) {
          if (!name.is_string()) {
            throw refuse("value " + in_quotes(spelling) + " of " + in_quotes(field) +
                         " must map to a string");
          }
          mapping.values[field][spelling] = name.get<std::string>();
        }
      }
    } else {
      throw refuse("unknown key " + in_quotes(key) + " (headers, values)");
    }
  }
  return mapping;
}

void read_record_table(table_context context, record_kind kind, const std::string& file,
                       row_source& rows) {
  const table_spec& table = record_tables[static_cast<std::size_t>(kind)];
  switch (kind) {
    case record_kind::district:
      return read_records<district>(context, table, file, rows);
    case record_kind::enterprise:
      return read_records<enterprise>(context, table, file, rows);
    case record_kind::project:
      return read_records<project>(context, table, file, rows);
    case record_kind::team:
      return read_records<team>(context, table, file, rows);
    case record_kind::case_:
      return read_records<case_record>(context, table, file, rows);
    case record_kind::measure:
      return read_records<measure>(context, table, file, rows);
  }
}

std::vector<problem> locate_in_tables(std::vector<problem> problems, const std::string& source,
                                      const std::array<std::string, 6>& tables) {
  for (problem& found : problems) {
    if (found.file != source) continue;
    for (std::size_t k = 0; k < tables.size(); ++k) {
      const std::string prefix = "/" + std::string(plural_name(static_cast<record_kind>(k)));
      const std::string_view pointer = found.pointer;
      if (!tables[k].empty() && pointer.starts_with(prefix) &&
          (pointer.size() == prefix.size() || pointer[prefix.size()] == '/')) {
        found.file = tables[k];
      }
    }
  }
  return problems;
}

void read_flat_sheet(table_context context, const std::string& file, row_source& rows) {
  flat_sheet_reader(context, file).read(rows);
}

}  // namespace caseledger::detail
