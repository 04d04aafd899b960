#include "yardsticks.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include <simdjson.h>

#include "caseledger/core/money.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger::bench {
namespace {

namespace od = simdjson::ondemand;

std::string text_of(od::value& value) { return std::string(std::string_view(value.get_string())); }

date date_of(od::value& value) { return date::parse(value.get_string()); }

template <class Enum>
Enum enum_of(od::value& value) {
  const std::string_view name = value.get_string();
  const auto found = enum_from_string<Enum>(name);
  if (!found) throw std::invalid_argument("unknown value '" + std::string(name) + "'");
  return *found;
}

std::int64_t count_of(od::value& value) { return value.get_int64(); }

/// An amount from a string or from a number's own text (never through a double).
money amount_of(od::value& value) {
  if (value.type() == od::json_type::string) return money::parse(value.get_string());
  std::string_view token = value.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                            token.back() == '\t')) {
    token.remove_suffix(1);
  }
  return money::parse(token);
}

/// Calls `field(key, value)` for every non-null field of every object in `array`, between
/// `begin()` and `end()` of each record.
template <class Begin, class Field, class End>
void each_record(od::value array, Begin begin, Field field, End end) {
  for (auto element : array.get_array()) {
    od::object object = element.get_object();
    begin();
    for (auto member : object) {
      const std::string_view key = member.unescaped_key();
      od::value value = member.value();
      if (value.is_null()) continue;
      field(key, value);
    }
    end();
  }
}

void unknown(std::string_view key) {
  throw std::invalid_argument("unknown field '" + std::string(key) + "'");
}

void read_case_field(case_record& c, std::string_view key, od::value& v) {
  if (key == "id")
    c.id = text_of(v);
  else if (key == "district")
    c.district = text_of(v);
  else if (key == "reported_on")
    c.reported_on = date_of(v);
  else if (key == "category")
    c.category = enum_of<case_category>(v);
  else if (key == "enterprise")
    c.enterprise = text_of(v);
  else if (key == "project")
    c.project = text_of(v);
  else if (key == "channel")
    c.channel = enum_of<case_channel>(v);
  else if (key == "summary")
    c.summary = text_of(v);
  else if (key == "team")
    c.team = text_of(v);
  else if (key == "due_on")
    c.due_on = date_of(v);
  else if (key == "resolved_on")
    c.resolved_on = date_of(v);
  else if (key == "closed_on")
    c.closed_on = date_of(v);
  else if (key == "status")
    c.status = enum_of<case_status>(v);
  else
    unknown(key);
}

void read_measure_field(measure& m, std::string_view key, od::value& v) {
  if (key == "id")
    m.id = text_of(v);
  else if (key == "district")
    m.district = text_of(v);
  else if (key == "kind")
    m.kind = enum_of<measure_kind>(v);
  else if (key == "granted_on")
    m.granted_on = date_of(v);
  else if (key == "enterprise")
    m.enterprise = text_of(v);
  else if (key == "project")
    m.project = text_of(v);
  else if (key == "case")
    m.case_id = text_of(v);
  else if (key == "amount")
    m.amount = amount_of(v);
  else if (key == "mode")
    m.mode = enum_of<transport_mode>(v);
  else if (key == "workers")
    m.workers = count_of(v);
  else if (key == "origin")
    m.origin = enum_of<worker_origin>(v);
  else if (key == "origin_place")
    m.origin_place = text_of(v);
  else if (key == "item")
    m.item = text_of(v);
  else if (key == "quantity")
    m.quantity = count_of(v);
  else
    unknown(key);
}

}  // namespace

ledger_records simdjson_read_records(std::string_view padded_text) {
  od::parser parser;
  od::document document = parser.iterate(padded_text.data(), padded_text.size(),
                                         padded_text.size() + simdjson::SIMDJSON_PADDING);
  ledger_records records;
  bool has_case_status = false;  // whether the case being read gave its status
  for (auto member : document.get_object()) {
    const std::string_view key = member.unescaped_key();
    od::value value = member.value();
    if (key == "format") {
      if (std::string_view(value.get_string()) != "caseledger.ledger/1") {
        throw std::invalid_argument("not a caseledger.ledger/1 document");
      }
    } else if (key == "districts") {
      each_record(
          value, [&] { records.districts.emplace_back(); },
          [&](std::string_view k, od::value& v) {
            district& d = records.districts.back();
            if (k == "id")
              d.id = text_of(v);
            else if (k == "name")
              d.name = text_of(v);
            else if (k == "name_en")
              d.name_en = text_of(v);
            else if (k == "parent")
              d.parent = text_of(v);
            else
              unknown(k);
          },
          [] {});
    } else if (key == "enterprises") {
      each_record(
          value, [&] { records.enterprises.emplace_back(); },
          [&](std::string_view k, od::value& v) {
            enterprise& e = records.enterprises.back();
            if (k == "id")
              e.id = text_of(v);
            else if (k == "name")
              e.name = text_of(v);
            else if (k == "district")
              e.district = text_of(v);
            else if (k == "industry")
              e.industry = text_of(v);
            else if (k == "key")
              e.key = v.get_bool();
            else if (k == "resumed_on")
              e.resumed_on = date_of(v);
            else
              unknown(k);
          },
          [] {});
    } else if (key == "projects") {
      each_record(
          value, [&] { records.projects.emplace_back(); },
          [&](std::string_view k, od::value& v) {
            project& p = records.projects.back();
            if (k == "id")
              p.id = text_of(v);
            else if (k == "name")
              p.name = text_of(v);
            else if (k == "district")
              p.district = text_of(v);
            else if (k == "key")
              p.key = v.get_bool();
            else if (k == "resumed_on")
              p.resumed_on = date_of(v);
            else
              unknown(k);
          },
          [] {});
    } else if (key == "teams") {
      each_record(
          value, [&] { records.teams.emplace_back(); },
          [&](std::string_view k, od::value& v) {
            team& t = records.teams.back();
            if (k == "id")
              t.id = text_of(v);
            else if (k == "district")
              t.district = text_of(v);
            else if (k == "kind")
              t.kind = enum_of<team_kind>(v);
            else if (k == "name")
              t.name = text_of(v);
            else if (k == "members")
              t.members = count_of(v);
            else
              unknown(k);
          },
          [] {});
    } else if (key == "cases") {
      each_record(
          value,
          [&] {
            records.cases.emplace_back();
            has_case_status = false;
          },
          [&](std::string_view k, od::value& v) {
            if (k == "status") has_case_status = true;
            read_case_field(records.cases.back(), k, v);
          },
          [&] {
            // The status a ledger leaves out is derived, as caseledger's readers do.
            case_record& c = records.cases.back();
            if (!has_case_status) {
              c.status = c.resolved_on ? case_status::resolved : case_status::open;
            }
          });
    } else if (key == "measures") {
      each_record(
          value, [&] { records.measures.emplace_back(); },
          [&](std::string_view k, od::value& v) {
            read_measure_field(records.measures.back(), k, v);
          },
          [] {});
    } else {
      unknown(key);
    }
  }
  return records;
}

ledger build_ledger(ledger_records records) {
  ledger_builder builder;
  for (district& r : records.districts) builder.add(std::move(r));
  for (enterprise& r : records.enterprises) builder.add(std::move(r));
  for (project& r : records.projects) builder.add(std::move(r));
  for (team& r : records.teams) builder.add(std::move(r));
  for (case_record& r : records.cases) builder.add(std::move(r));
  for (measure& r : records.measures) builder.add(std::move(r));
  return std::move(builder).build();
}

std::size_t write_bare_listing(const ledger& book, date from, date to,
                               const std::filesystem::path& path) {
  std::vector<const case_record*> listed;
  for (const case_record& c : book.cases()) {
    if (c.reported_on >= from && c.reported_on <= to) listed.push_back(&c);
  }
  std::sort(listed.begin(), listed.end(), [](const case_record* a, const case_record* b) {
    if (a->reported_on != b->reported_on) return a->reported_on < b->reported_on;
    return a->id < b->id;
  });

  // Temporary files beside the output, as caseledger's writer keeps them.
  const std::string folder = std::filesystem::absolute(path).parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(folder.c_str());
  lxw_workbook* workbook = workbook_new_opt(path.string().c_str(), &options);
  if (workbook == nullptr) throw std::runtime_error("cannot create " + path.string());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "明细");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xDDEBF7);
  lxw_format* day = workbook_add_format(workbook);
  format_set_num_format(day, "yyyy-mm-dd");
  lxw_format* wrapped = workbook_add_format(workbook);
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* integer = workbook_add_format(workbook);
  format_set_num_format(integer, "#,##0");
  format_set_border(integer, LXW_BORDER_THIN);

  static constexpr std::array<const char*, 12> headers = {
      "案件编号", "区县",     "企业/项目", "问题类别", "报送渠道", "问题描述",
      "反映日期", "办理时限", "办结日期",  "状态",     "办结天数", "服务队"};
  for (lxw_col_t col = 0; col < headers.size(); ++col) {
    worksheet_write_string(sheet, 0, col, headers[col], header);
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(listed.size()), 11);
  worksheet_freeze_panes(sheet, 1, 1);
  worksheet_set_column(sheet, 5, 5, 50, wrapped);

  std::string buffer;
  const auto text = [&](lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format) {
    if (value.empty()) return;
    buffer.assign(value);
    worksheet_write_string(sheet, row, col, buffer.c_str(), format);
  };
  const auto write_day = [&](lxw_row_t row, lxw_col_t col, const std::optional<date>& value) {
    if (value) worksheet_write_number(sheet, row, col, value->days_since_epoch() + 25569.0, day);
  };
  lxw_row_t row = 0;
  for (const case_record* c : listed) {
    ++row;
    text(row, 0, c->id, nullptr);
    const district* d = book.find_district(c->district);
    text(row, 1, d != nullptr ? std::string_view(d->name) : std::string_view(c->district), nullptr);
    if (!c->enterprise.empty()) {
      const enterprise* e = book.find_enterprise(c->enterprise);
      text(row, 2, e != nullptr ? std::string_view(e->name) : std::string_view(c->enterprise),
           nullptr);
    } else if (!c->project.empty()) {
      const project* p = book.find_project(c->project);
      text(row, 2, p != nullptr ? std::string_view(p->name) : std::string_view(c->project),
           nullptr);
    }
    text(row, 3, to_zh(c->category), nullptr);
    if (c->channel) text(row, 4, to_zh(*c->channel), nullptr);
    text(row, 5, c->summary, wrapped);
    write_day(row, 6, c->reported_on);
    write_day(row, 7, c->due_on);
    write_day(row, 8, c->resolved_on);
    text(row, 9, to_zh(c->status), nullptr);
    if (c->status == case_status::resolved && c->resolved_on) {
      worksheet_write_number(sheet, row, 10, *c->resolved_on - c->reported_on, integer);
    }
    if (!c->team.empty()) {
      const team* t = book.find_team(c->team);
      text(row, 11,
           t != nullptr && !t->name.empty() ? std::string_view(t->name) : std::string_view(c->team),
           nullptr);
    }
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    throw std::runtime_error("cannot write " + path.string());
  }
  return listed.size();
}

}  // namespace caseledger::bench
