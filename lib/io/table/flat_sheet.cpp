// The flat case sheet most offices keep: one row per case, districts, enterprises,
// projects, teams and units named rather than given by id, support in columns. The named records
// are created from the rows, first mention wins, a later row that says otherwise is a
// problem. About 700 lines in one file: the column table, then one reader class whose
// parts (the named records, the case, its measures, the checks between rows) share its
// tables of records created so far; the streaming report's names-only pass is the same
// reader stopping after the names (and reading a long CSV sheet's halves side by side).
#include <algorithm>
#include <array>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "caseledger/model/record_schema.hpp"
#include "io/table/created_records.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/office_sheet.hpp"
#include "io/table/table_reading.hpp"

namespace caseledger::detail {
namespace {

// The flat case sheet. Names, not ids, for districts, enterprises, projects and teams;
// an id column beside each is optional. Units are named only: a unit's id is its name.
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
  flat_number,
  flat_resolved,
  flat_unit,
  flat_co_units,
  flat_due_workdays,
  flat_extended_on,
  flat_extended_due_on,
  flat_followed_up_on,
  flat_satisfaction,
  flat_field_count
};

using enum field_type;

constexpr std::array<field_spec, flat_field_count> flat_fields = {{
    {"id", text, "编号|案件编号|问题编号"},
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
    {"number", text, "序号"},
    {"resolved", flag, "是否办结|是否已办结"},
    {"unit", text, "责任单位|主办单位|承办单位|牵头单位"},
    {"co_units", text, "协办单位|配合单位"},
    {"due_workdays", workdays, "办理时限（工作日）|时限（工作日）|办理时限(工作日)|时限(工作日)"},
    {"extended_on", day, "延期日期|申请延期日期"},
    {"extended_due_on", day, "延期至|延期办结时限"},
    {"followed_up_on", day, "回访日期|回访时间"},
    {"satisfaction", satisfaction, "满意度|回访满意度|企业评价"},
}};

constexpr table_spec flat_table{record_kind::case_, flat_fields, 4, true};

// ---------------------------------------------------------------------------------------
// The flat sheet: records created from names, first mention wins, a later row that says
// otherwise is a problem.

class flat_sheet_reader {
 public:
  flat_sheet_reader(const table_context& context, const std::string& file)
      : context_(context), file_(file) {}

  // `halves`: the same rows as `sheet`, for a names pass that reads them in two halves.
  void read(row_source& sheet, halving_rows* halves) {
    auto found = find_header(context_, flat_table, file_, sheet);
    if (!found) return;
    const auto plan = plan_columns(context_, flat_table, file_, found->header);
    if (!plan) return;
    rows_after_header rows(std::move(found->ahead), sheet);
    row_fields fields(context_, flat_table, file_, *plan);
    std::vector<bool> wanted;  // read_only keeps a pointer to it
    if (asked().names_only) {
      wanted = naming_fields();
      fields.read_only(wanted);
    } else {
      if (asked().figures_only) {
        wanted.assign(flat_field_count, true);
        wanted[flat_summary] = false;
        fields.read_only(wanted);
      }
      make_room(*plan, found->header.empty() ? 0 : found->header.front().line,
                rows.declared_last_row());
    }
    total_check totals(context_, flat_table, file_, *plan);
    if (halves != nullptr && asked().names_only && asked().halves_side_by_side) {
      read_names_in_halves(rows, *halves, *plan, fields, totals);
    } else {
      read_rows(rows, fields, totals);
    }
    if (first_note_) {
      context_.sink.note({.what = reading_note::kind::skipped_rows,
                          .file = file_,
                          .line = first_note_->front().line,
                          .column = 0,
                          .text = "skipped " + std::to_string(notes_) +
                                  (notes_ == 1 ? " row" : " rows") + " of notes under the table (" +
                                  in_quotes(first_text(*first_note_)) + ")",
                          .sheet_cell = context_.sheet_cells});
    }
    add_created(districts_);
    add_created(enterprises_);
    add_created(projects_);
    add_created(teams_);
    add_created(units_);
  }

 private:
  // The rows under the header, from where the reading is.
  void read_rows(row_source& rows, row_fields& fields, total_check& totals) {
    std::size_t& index = index_;
    std::array<cell_value, flat_field_count> values;
    table_row row;
    while (rows.next(row)) {
      if (row_is_blank(row)) continue;
      const row_role role = first_note_ ? row_role::note : role_of(row);
      if (role == row_role::note) {
        if (!first_note_) first_note_ = row;
        ++notes_;
        continue;
      }
      if (role != row_role::record) {
        skip_total(row, role, totals);
        continue;
      }
      if (asked().names_only) {
        name_row(row, index++, fields, values);
        continue;
      }
      extra_fields extras;
      fields.read(
          row, index,
          // swapped, not copied: the row's cell goes in, the old one's buffers are reused
          [&](std::size_t field, cell_value& value) { std::swap(values[field], value); },
          [&](const std::string& header, std::string json) { extras[header] = std::move(json); });
      fields.require(row, flat_district, flat_table.required);
      const std::string id = case_id(fields, values, index);
      if (fields.failures().empty()) add_row(row, index, fields, values, id, std::move(extras));
      if (fields.failures().empty()) {
        for (std::size_t f = 0; f < flat_field_count; ++f) {
          if (fields.present(f)) totals.add(f, values[f]);
        }
      } else {
        fields.flush(id);
      }
      ++index;
    }
  }

  // The names pass with the second half of the file's rows read beside the first, on a
  // thread of its own, and its names joined to the first's. Where the halves cannot be
  // joined (the first ended in a note, the split fell inside a quoted cell, the second
  // half met a problem that stops reading), the first reads on through the second half.
  void read_names_in_halves(row_source& rows, halving_rows& halves,
                            const std::vector<column_plan>& plan, row_fields& fields,
                            total_check& totals) {
    ledger_builder scratch;  // the second half's notes and problems are met by the first
    builder_record_sink quiet(scratch);
    const std::unique_ptr<row_source> second = halves.split_in_half(quiet);
    if (!second) return read_rows(rows, fields, totals);
    flat_sheet_pass second_pass{.names_only = true, .names_agree = true};
    table_context second_context(context_, quiet);
    second_context.pass = &second_pass;
    flat_sheet_reader later(second_context, file_);
    bool later_read = false;
    {
      const std::jthread reading([&] {
        try {
          later.read_names_of(*second, plan);
          later_read = true;
        } catch (...) {  // read again by the first half, which meets it
        }
      });
      read_rows(rows, fields, totals);
    }
    const std::optional<std::uint32_t> line = halves.line_at_split();
    if (!line || !later_read || first_note_) {
      halves.read_past_split();
      return read_rows(rows, fields, totals);
    }
    const std::uint32_t before = *line - 1;
    bool alike = second_pass.names_agree;
    alike = join_created(districts_, later.districts_, before) && alike;
    alike = join_created(enterprises_, later.enterprises_, before) && alike;
    alike = join_created(projects_, later.projects_, before) && alike;
    alike = join_created(teams_, later.teams_, before) && alike;
    alike = join_created(units_, later.units_, before) && alike;
    if (!alike) context_.pass->names_agree = false;
    context_.pass->halves_joined = true;
  }

  // The names of a second half's rows, with the header's `plan`.
  void read_names_of(row_source& rows, const std::vector<column_plan>& plan) {
    row_fields fields(context_, flat_table, file_, plan);
    const std::vector<bool> wanted = naming_fields();
    fields.read_only(wanted);
    total_check totals(context_, flat_table, file_, plan);
    read_rows(rows, fields, totals);
  }

  // What the pass asks of the sheet (everything, in the normal mode). Where the names pass
  // saw every row agree (names_checked), a row's names are taken as given, not looked up.
  const flat_sheet_pass& asked() const {
    static constexpr flat_sheet_pass read_all{};
    return context_.pass != nullptr ? *context_.pass : read_all;
  }

  // The case's id: its id column's, else its number (序号, else its place among the
  // sheet's cases) within the sheet's scope.
  std::string case_id(const row_fields& fields,
                      const std::array<cell_value, flat_field_count>& values,
                      std::size_t index) const {
    if (fields.present(flat_id)) return values[flat_id].text;
    std::string number =
        fields.present(flat_number) ? values[flat_number].text : std::to_string(index + 1);
    if (context_.case_number_scope.empty()) return number;
    return context_.case_number_scope + "/" + number;
  }

  // Room in the sink for the cases of the rows a sheet declares below its header, and
  // for their measures: one per support column (a money column, or the transport or the
  // supplies columns), as make_measures makes them.
  void make_room(const std::vector<column_plan>& plan, std::uint32_t header_line,
                 std::uint32_t last_row) {
    if (last_row <= header_line) return;
    const auto any_column = [&plan](std::initializer_list<flat> fields) -> std::size_t {
      return std::any_of(plan.begin(), plan.end(), [&](const column_plan& column) {
        return std::find(fields.begin(), fields.end(), column.field) != fields.end();
      });
    };
    const std::size_t per_case =
        any_column({flat_subsidy}) + any_column({flat_fee_reduction}) + any_column({flat_loan}) +
        any_column({flat_allowance}) +
        any_column({flat_workers, flat_mode, flat_origin, flat_origin_place}) +
        any_column({flat_item, flat_quantity});
    const std::size_t rows = last_row - header_line;
    context_.sink.reserve(record_kind::case_, rows);
    context_.sink.reserve(record_kind::measure, rows * per_case);
  }

  // 是否办结 must agree with the case's 办结日期 and status: 是 without a date (or with
  // another status) is the office's mistake to hear of, as is 否 with a date.
  static void check_resolved(row_fields& fields, const table_row& row, bool resolved,
                             const case_record& record) {
    if (resolved && !record.resolved_on) {
      fields.fail_row(row, "resolved", "是否办结 is 是 but the case has no resolved_on (办结日期)");
    } else if (resolved && record.status != case_status::resolved) {
      fields.fail_row(
          row, "resolved",
          "是否办结 is 是 but the case's status is " + std::string(to_string(record.status)));
    } else if (!resolved && record.resolved_on) {
      fields.fail_row(
          row, "resolved",
          "是否办结 is 否 but the case has resolved_on " + record.resolved_on->to_string());
    }
  }

  // A 合计 or 小计 row: not a case; its figures are checked against the rows'.
  void skip_total(const table_row& row, row_role role, total_check& totals) {
    totals.check(row, role);
    const std::string_view label = role == row_role::subtotal ? "小计" : "合计";
    context_.sink.note({.what = reading_note::kind::skipped_rows,
                        .file = file_,
                        .line = row.front().line,
                        .column = 0,
                        .text = "skipped a " + std::string(label) + " row (" +
                                in_quotes(first_text(row)) + "), not a case",
                        .sheet_cell = context_.sheet_cells});
  }

  // Hands the records the sheet named to the sink, each located at the line that first
  // named it.
  template <class Record>
  void add_created(created_records<Record>& made) {
    context_.sink.reserve(record_schema<Record>::kind, made.all().size());
    std::uint32_t index = 0;
    for (auto& entry : made.all()) {
      context_.sink.add(entry.record, record_origin{.line = entry.line,
                                                    .index = index++,
                                                    .part = context_.part,
                                                    .sheet_cell = context_.sheet_cells});
    }
  }

  // A later row giving another value for an attribute of the record `kind id` created
  // earlier. The problem's text is made only when they differ: nearly every row agrees,
  // and making it anyway cost each row a dozen strings.
  template <class Kept, class Given>
  void agree(row_fields& fields, const table_row& row, std::string_view kind, std::string_view id,
             std::string_view field, const Kept& kept, const Given& given,
             std::uint32_t first_line) {
    if (kept == given) return;
    fields.fail_row(row, std::string(field),
                    std::string(kind) + " " + in_quotes(id) + " has " + std::string(field) + " " +
                        shown(kept) + " at line " + std::to_string(first_line) + " but " +
                        shown(given) + " here");
  }

  // An attribute's value as a problem shows it.
  static std::string shown(std::string_view text) { return in_quotes(text); }
  static std::string shown(bool flag) { return flag ? "true" : "false"; }
  static std::string shown(caseledger::team_kind kind) { return std::string(to_string(kind)); }
  static std::string shown(const std::optional<date>& day) {
    return day ? day->to_string() : std::string("none");
  }

  void add_row(const table_row& row, std::size_t index, row_fields& fields,
               std::array<cell_value, flat_field_count>& values, const std::string& id,
               extra_fields extras) {
    const std::uint32_t line = row.front().line;
    const auto has = [&](flat f) { return fields.present(f); };

    case_record record;
    record.id = id;
    record.district = name_district(row, fields, values);
    record.reported_on = values[flat_reported_on].day;
    record.category = as<case_category>(values[flat_category]);
    if (has(flat_channel)) record.channel = as<case_channel>(values[flat_channel]);
    if (has(flat_summary)) record.summary = values[flat_summary].text;
    if (has(flat_due_on)) record.due_on = values[flat_due_on].day;
    if (has(flat_resolved_on)) record.resolved_on = values[flat_resolved_on].day;
    if (has(flat_closed_on)) record.closed_on = values[flat_closed_on].day;
    name_units(fields, values, line, record);
    if (has(flat_due_workdays)) record.due_workdays = values[flat_due_workdays].count;
    if (has(flat_extended_on)) record.extended_on = values[flat_extended_on].day;
    if (has(flat_extended_due_on)) record.extended_due_on = values[flat_extended_due_on].day;
    if (has(flat_followed_up_on)) record.followed_up_on = values[flat_followed_up_on].day;
    if (has(flat_satisfaction)) {
      record.satisfaction = as<satisfaction_level>(values[flat_satisfaction]);
    }
    record.status = has(flat_status) ? as<case_status>(values[flat_status]) : derive_status(record);
    if (has(flat_resolved)) check_resolved(fields, row, values[flat_resolved].flag, record);
    record.extras = std::move(extras);
    name_subjects_and_team(row, fields, values, record);

    make_measures(row, fields, values, record);
    if (!fields.failures().empty()) return;
    // The case before its measures, which name it: the streaming report checks them as
    // they come.
    context_.sink.add(record, origin_of(context_, row, index));
    for (measure& m : made_) {
      context_.sink.add(m, record_origin{.line = row.front().line,
                                         .column = row.front().column,
                                         .index = measure_count_++,
                                         .part = context_.part,
                                         .sheet_cell = context_.sheet_cells});
    }
  }

  // The fields that name a district, an enterprise or project, a team or a unit.
  static std::vector<bool> naming_fields() {
    std::vector<bool> naming(flat_field_count, false);
    for (const flat field :
         {flat_district, flat_district_id, flat_enterprise, flat_enterprise_id, flat_project,
          flat_project_id, flat_industry, flat_key, flat_resumed_on, flat_team, flat_team_id,
          flat_team_kind, flat_unit, flat_co_units}) {
      naming[field] = true;
    }
    return naming;
  }

  // What a row names and nothing else (flat_sheet_pass::names_only): created as add_row
  // creates it, from a row with no problem in the naming columns. No problem is reported.
  void name_row(const table_row& row, std::size_t index, row_fields& fields,
                std::array<cell_value, flat_field_count>& values) {
    fields.read(
        row, index, [&](std::size_t field, cell_value& value) { std::swap(values[field], value); },
        [](const std::string&, const std::string&) {});
    fields.require(row, flat_district, flat_district + 1);
    if (fields.failures().empty()) {
      named_.district = name_district(row, fields, values);
      named_.unit.clear();
      named_.co_units.clear();
      name_units(fields, values, row.front().line, named_);
      named_.enterprise.clear();
      named_.project.clear();
      named_.team.clear();
      name_subjects_and_team(row, fields, values, named_);
    }
    if (!fields.failures().empty()) context_.pass->names_agree = false;
    fields.failures().clear();
  }

  // The district a row names, created at its first mention; its id.
  std::string name_district(const table_row& row, row_fields& fields,
                            const std::array<cell_value, flat_field_count>& values) {
    const std::string& district_name = values[flat_district].text;
    const std::string& district_id =
        fields.present(flat_district_id) ? values[flat_district_id].text : district_name;
    if (asked().names_checked) return district_id;
    auto& place = districts_.find_or_make(district_id, row.front().line, [&] {
      district made;
      made.id = district_id;
      made.name = district_name;
      return made;
    });
    agree(fields, row, "district", district_id, "name", place.record.name, district_name,
          place.line);
    return district_id;
  }

  // The lead and co-handling units a row names, into `record`.
  void name_units(const row_fields& fields, std::array<cell_value, flat_field_count>& values,
                  std::uint32_t line, case_record& record) {
    if (fields.present(flat_unit)) {
      record.unit = unit_named(std::move(values[flat_unit].text), line);
    }
    if (fields.present(flat_co_units)) {
      for (const std::string& name : split_list(values[flat_co_units].text)) {
        record.co_units.push_back(unit_named(name, line));
      }
    }
  }

  // The enterprise or project and the team a row names, created at their first mention,
  // into `record` (whose district is named already).
  void name_subjects_and_team(const table_row& row, row_fields& fields,
                              std::array<cell_value, flat_field_count>& values,
                              case_record& record) {
    const auto has = [&](flat f) { return fields.present(f); };
    // The key flag when the row gives one (a pointer, not an optional: GCC 12 warns
    // falsely about an optional<bool> read after its check).
    const bool* key = has(flat_key) ? &values[flat_key].flag : nullptr;
    const std::optional<date> resumed_on =
        has(flat_resumed_on) ? std::optional<date>(values[flat_resumed_on].day) : std::nullopt;
    const bool named_enterprise = has(flat_enterprise) || has(flat_enterprise_id);
    const bool named_project = has(flat_project) || has(flat_project_id);
    if (named_enterprise) {
      record.enterprise = subject(fields, row, enterprises_, "enterprise", flat_enterprise,
                                  flat_enterprise_id, values, record.district, key, resumed_on);
    }
    if (named_project) {
      record.project = subject(fields, row, projects_, "project", flat_project, flat_project_id,
                               values, record.district, key, resumed_on);
    }
    if (!named_enterprise && !named_project &&
        (key != nullptr || resumed_on || has(flat_industry))) {
      fields.fail_row(row, "enterprise",
                      "key, resumed_on or industry given without an enterprise or project");
    }
    if (has(flat_team) || has(flat_team_id)) {
      record.team = team_of(fields, row, values, record.district);
    } else if (has(flat_team_kind)) {
      fields.fail_row(row, "team", "team_kind given without a team");
    }
  }

  template <class Record>
  std::string subject(row_fields& fields, const table_row& row, created_records<Record>& made,
                      std::string_view kind, flat name_field, flat id_field,
                      std::array<cell_value, flat_field_count>& values,
                      std::string_view district_id, const bool* key,
                      const std::optional<date>& resumed_on) {
    if (!fields.present(name_field)) {
      fields.fail_row(row, std::string(flat_fields[name_field].name),
                      std::string(kind) + " id " + in_quotes(values[id_field].text) +
                          " given without its name");
      return {};
    }
    const std::string& name = values[name_field].text;
    std::string& id = fields.present(id_field) ? values[id_field].text : values[name_field].text;
    if (asked().names_checked) return std::move(id);
    const std::uint32_t line = row.front().line;
    auto& entry = made.find_or_make(id, line, [&] {
      Record record;
      record.id = id;
      record.name = name;
      record.district = district_id;
      return record;
    });
    agree(fields, row, kind, id, "name", entry.record.name, name, entry.line);
    agree(fields, row, kind, id, "district", entry.record.district, district_id, entry.line);
    // Attributes a row leaves empty are taken from the rows that give them.
    if (key != nullptr) {
      if (entry.key_line == 0) {
        entry.record.key = *key;
        entry.key_line = line;
      } else {
        agree(fields, row, kind, id, "key", entry.record.key, *key, entry.key_line);
      }
    }
    if (resumed_on) {
      if (!entry.record.resumed_on) {
        entry.record.resumed_on = resumed_on;
        entry.resumed_line = line;
      } else {
        agree(fields, row, kind, id, "resumed_on", entry.record.resumed_on, resumed_on,
              entry.resumed_line);
      }
    }
    if constexpr (std::is_same_v<Record, enterprise>) {
      if (fields.present(flat_industry)) {
        const std::string& industry = values[flat_industry].text;
        if (entry.record.industry.empty()) {
          entry.record.industry = industry;
          entry.industry_line = line;
        } else {
          agree(fields, row, kind, id, "industry", entry.record.industry, industry,
                entry.industry_line);
        }
      }
    }
    return std::move(id);  // out of the row's values, which the next row's cells replace
  }

  std::string team_of(row_fields& fields, const table_row& row,
                      std::array<cell_value, flat_field_count>& values,
                      std::string_view district_id) {
    std::string id =
        fields.present(flat_team_id) ? values[flat_team_id].text : values[flat_team].text;
    if (asked().names_checked) return id;
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
    agree(fields, row, "team", id, "name", entry.record.name, name, entry.line);
    agree(fields, row, "team", id, "district", entry.record.district, district_id, entry.line);
    agree(fields, row, "team", id, "kind", entry.record.kind, kind, entry.line);
    return id;
  }

  // The unit a row names (责任单位, 协办单位), created at its first mention: its id is its
  // name, as a district's is without a 区县编号; the sheet says nothing of its district.
  std::string unit_named(std::string name, std::uint32_t line) {
    if (asked().names_checked) return name;
    units_.find_or_make(name, line, [&] {
      unit made;
      made.id = name;
      made.name = name;
      return made;
    });
    return name;
  }

  // One measure per kind the support columns give, into made_: "<case id>-<kind>", granted
  // on the granted_on column, else the day the case was resolved, else the day it was
  // reported.
  void make_measures(const table_row& row, row_fields& fields,
                     std::array<cell_value, flat_field_count>& values, const case_record& c) {
    const auto has = [&](flat f) { return fields.present(f); };
    const date granted_on = has(flat_granted_on) ? values[flat_granted_on].day
                            : c.resolved_on      ? *c.resolved_on
                                                 : c.reported_on;
    made_.clear();  // a member, so that its room serves every row
    const auto make = [&](caseledger::measure_kind kind) -> measure& {
      measure& m = made_.emplace_back();
      measure_id_.assign(c.id);
      measure_id_ += '-';
      measure_id_ += to_string(kind);
      m.id = measure_id_;
      m.district = c.district;
      m.kind = kind;
      m.granted_on = granted_on;
      m.enterprise = c.enterprise;
      m.project = c.project;
      m.case_id = c.id;
      return m;
    };
    constexpr std::array<std::pair<flat, caseledger::measure_kind>, 4> money_columns = {{
        {flat_subsidy, caseledger::measure_kind::subsidy},
        {flat_fee_reduction, caseledger::measure_kind::fee_reduction},
        {flat_loan, caseledger::measure_kind::loan},
        {flat_allowance, caseledger::measure_kind::allowance},
    }};
    for (const auto& [column, kind] : money_columns) {
      if (!has(column)) continue;
      make(kind).amount = values[column].amount;
    }
    if (has(flat_workers) || has(flat_mode) || has(flat_origin) || has(flat_origin_place)) {
      measure& m = make(caseledger::measure_kind::transport);
      if (has(flat_workers)) m.workers = values[flat_workers].count;
      if (has(flat_mode)) m.mode = as<transport_mode>(values[flat_mode]);
      if (has(flat_origin)) m.origin = as<worker_origin>(values[flat_origin]);
      if (has(flat_origin_place)) m.origin_place = values[flat_origin_place].text;
    }
    if (has(flat_item) || has(flat_quantity)) {
      measure& m = make(caseledger::measure_kind::supplies);
      if (has(flat_item)) m.item = values[flat_item].text;
      if (has(flat_quantity)) m.quantity = values[flat_quantity].count;
    }
    if (made_.empty() && has(flat_granted_on)) {
      fields.fail_row(row, "granted_on", "granted_on given without any support column");
    }
  }

  const table_context& context_;
  const std::string& file_;
  created_records<district> districts_;
  created_records<enterprise> enterprises_;
  created_records<project> projects_;
  created_records<team> teams_;
  created_records<unit> units_;
  std::vector<measure> made_;  // the measures of the row being read (make_measures)
  std::string measure_id_;     // the id of the one being made, its room kept from row to row
  case_record named_;          // what name_row found the row naming
  std::uint32_t measure_count_ = 0;
  std::size_t index_ = 0;                // of the next case among the sheet's
  std::optional<table_row> first_note_;  // the table ends at a note under it
  std::uint32_t notes_ = 0;
};

}  // namespace

void read_flat_sheet(table_context context, const std::string& file, row_source& rows) {
  flat_sheet_reader(context, file).read(rows, nullptr);
}

void read_flat_sheet(table_context context, const std::string& file, halving_rows& rows) {
  flat_sheet_reader(context, file).read(rows, &rows);
}

std::vector<std::size_t> flat_sheet_fields(const field_mapping& mapping, row_source& rows) {
  ledger_builder scratch;  // the notes of a look are not the ledger's
  builder_record_sink into(scratch);
  const table_context context{into, mapping};
  const auto found = find_header(context, flat_table, {}, rows);
  std::vector<std::size_t> fields;
  if (!found) return fields;
  for (const table_cell& cell : found->header) {
    if (trim_cell(cell.text).empty()) continue;
    const std::size_t field =
        field_for_header(flat_table, normalize_header(cell.text), cell.text, mapping);
    if (field != no_field) fields.push_back(field);
  }
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  // A header naming fewer than the required columns is no case sheet's.
  const std::size_t needed = 3;  // district, reported_on, category: the id may be a number
  if (fields.size() < needed) fields.clear();
  return fields;
}

}  // namespace caseledger::detail
