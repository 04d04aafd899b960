#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/model/entities.hpp"
#include "caseledger/model/enums.hpp"

namespace caseledger {

/// The kinds of record a ledger holds, in the order a ledger gives them.
enum class record_kind : std::uint8_t { district, enterprise, project, team, unit, case_, measure };

/// How many kinds of record there are.
inline constexpr std::size_t record_kind_count = 7;

/// Whether a record must give a field.
enum class field_use : std::uint8_t { required, optional };

/// One field of a record: its name in ledgers, the member that holds it, whether it is
/// required and the other headers that name it in CSV and xlsx tables ("|"-separated).
/// How a value is read and written follows from the member's type: text (`std::string`,
/// or `short_text` as ids, `record_id`, are), a flag (`bool`), a date, an amount
/// (`std::optional<money>`), a count (`std::optional<std::int64_t>`), an enum value, each
/// possibly optional, or a list of ids (`id_list`).
template <class Record, class Value>
struct record_field {
  std::string_view name;
  Value Record::*member;
  field_use use;
  std::string_view headers;

  constexpr bool required() const noexcept { return use == field_use::required; }
};

// Deduces the record and value types from the member (aggregate deduction is C++20, but
// clang before 17 lacks it).
template <class Record, class Value>
record_field(std::string_view, Value Record::*, field_use, std::string_view)
    -> record_field<Record, Value>;

/// The fields of each kind of record, each once. Every reader, writer and rule works from
/// these lists: adding a field to a record is one line here plus its rule (if it has one)
/// in lib/model/rules.cpp (docs/architecture.md). Required fields come first.
template <class Record>
struct record_schema;

template <>
struct record_schema<district> {
  static constexpr record_kind kind = record_kind::district;
  static constexpr auto fields = std::tuple{
      record_field{"id", &district::id, field_use::required, "编号|区县编号|区县代码|代码|序号"},
      record_field{"name", &district::name, field_use::required, "区县|区县名称|名称"},
      record_field{"name_en", &district::name_en, field_use::optional, "英文名|英文名称"},
      record_field{"parent", &district::parent, field_use::optional, "所属城市|城市|地市|上级"},
  };
};

template <>
struct record_schema<enterprise> {
  static constexpr record_kind kind = record_kind::enterprise;
  static constexpr auto fields = std::tuple{
      record_field{"id", &enterprise::id, field_use::required,
                   "编号|企业编号|序号|统一社会信用代码"},
      record_field{"name", &enterprise::name, field_use::required, "企业名称|名称"},
      record_field{"district", &enterprise::district, field_use::required,
                   "区县|所属区县|区县编号"},
      record_field{"industry", &enterprise::industry, field_use::optional, "行业|所属行业"},
      record_field{"key", &enterprise::key, field_use::optional, "重点企业|是否重点企业|重点"},
      record_field{"resumed_on", &enterprise::resumed_on, field_use::optional, "复工日期|复工时间"},
  };
};

template <>
struct record_schema<project> {
  static constexpr record_kind kind = record_kind::project;
  static constexpr auto fields = std::tuple{
      record_field{"id", &project::id, field_use::required, "编号|项目编号|序号"},
      record_field{"name", &project::name, field_use::required, "项目名称|名称"},
      record_field{"district", &project::district, field_use::required, "区县|所属区县|区县编号"},
      record_field{"key", &project::key, field_use::optional, "重点项目|是否重点项目|重点"},
      record_field{"resumed_on", &project::resumed_on, field_use::optional, "复工日期|复工时间"},
  };
};

template <>
struct record_schema<team> {
  static constexpr record_kind kind = record_kind::team;
  static constexpr auto fields = std::tuple{
      record_field{"id", &team::id, field_use::required, "编号|服务队编号|序号"},
      record_field{"district", &team::district, field_use::required, "区县|所属区县|区县编号"},
      record_field{"kind", &team::kind, field_use::required, "类型|队伍类型|服务队类型"},
      record_field{"name", &team::name, field_use::optional, "名称|服务队名称|队伍名称"},
      record_field{"members", &team::members, field_use::optional, "人数|成员人数|队员人数"},
  };
};

template <>
struct record_schema<unit> {
  static constexpr record_kind kind = record_kind::unit;
  static constexpr auto fields = std::tuple{
      record_field{"id", &unit::id, field_use::required, "编号|单位编号|序号"},
      record_field{"name", &unit::name, field_use::required, "单位名称|名称|单位"},
      record_field{"district", &unit::district, field_use::optional, "区县|所属区县|区县编号"},
      record_field{"kind", &unit::kind, field_use::optional, "类型|单位类型"},
  };
};

template <>
struct record_schema<case_record> {
  static constexpr record_kind kind = record_kind::case_;
  static constexpr auto fields = std::tuple{
      record_field{"id", &case_record::id, field_use::required, "序号|编号|案件编号|问题编号"},
      record_field{"district", &case_record::district, field_use::required,
                   "区县|所属区县|区县编号"},
      record_field{"reported_on", &case_record::reported_on, field_use::required,
                   "反映日期|反映时间|受理日期|报送日期"},
      record_field{"category", &case_record::category, field_use::required,
                   "问题类别|问题类型|类别"},
      record_field{"enterprise", &case_record::enterprise, field_use::optional, "企业|企业编号"},
      record_field{"project", &case_record::project, field_use::optional, "项目|项目编号"},
      record_field{"channel", &case_record::channel, field_use::optional, "反映渠道|报送渠道|渠道"},
      record_field{"summary", &case_record::summary, field_use::optional,
                   "问题描述|问题内容|诉求内容"},
      record_field{"team", &case_record::team, field_use::optional, "服务队|服务队编号|责任服务队"},
      record_field{"due_on", &case_record::due_on, field_use::optional, "办理时限|时限|限办日期"},
      record_field{"resolved_on", &case_record::resolved_on, field_use::optional,
                   "办结日期|办结时间"},
      record_field{"closed_on", &case_record::closed_on, field_use::optional, "关闭日期|终结日期"},
      // Left out, it is derived from resolved_on (derive_status).
      record_field{"status", &case_record::status, field_use::optional, "办理状态|状态"},
      record_field{"unit", &case_record::unit, field_use::optional,
                   "责任单位|主办单位|承办单位|牵头单位|责任单位编号"},
      record_field{"co_units", &case_record::co_units, field_use::optional,
                   "协办单位|配合单位|协办单位编号"},
      record_field{"due_workdays", &case_record::due_workdays, field_use::optional,
                   "办理时限（工作日）|时限（工作日）|办理时限(工作日)|时限(工作日)"},
      record_field{"extended_on", &case_record::extended_on, field_use::optional,
                   "延期日期|申请延期日期"},
      record_field{"extended_due_on", &case_record::extended_due_on, field_use::optional,
                   "延期至|延期办结时限"},
      record_field{"followed_up_on", &case_record::followed_up_on, field_use::optional,
                   "回访日期|回访时间"},
      record_field{"satisfaction", &case_record::satisfaction, field_use::optional,
                   "满意度|回访满意度|企业评价"},
  };
};

template <>
struct record_schema<measure> {
  static constexpr record_kind kind = record_kind::measure;
  static constexpr auto fields = std::tuple{
      record_field{"id", &measure::id, field_use::required, "编号|措施编号|序号"},
      record_field{"district", &measure::district, field_use::required, "区县|所属区县|区县编号"},
      record_field{"kind", &measure::kind, field_use::required, "措施类型|帮扶类型|类型"},
      record_field{"granted_on", &measure::granted_on, field_use::required,
                   "帮扶日期|发放日期|日期"},
      record_field{"enterprise", &measure::enterprise, field_use::optional,
                   "企业|受益企业|企业编号"},
      record_field{"project", &measure::project, field_use::optional, "项目|项目编号"},
      record_field{"case", &measure::case_id, field_use::optional, "问题编号|案件编号|关联问题"},
      record_field{"amount", &measure::amount, field_use::optional, "金额|帮扶金额"},
      record_field{"mode", &measure::mode, field_use::optional, "运输方式|方式"},
      record_field{"workers", &measure::workers, field_use::optional, "人数|返岗人数"},
      record_field{"origin", &measure::origin, field_use::optional, "省内外|来源"},
      record_field{"origin_place", &measure::origin_place, field_use::optional, "来源地|出发地"},
      record_field{"item", &measure::item, field_use::optional, "物资|物资名称"},
      record_field{"quantity", &measure::quantity, field_use::optional, "数量|物资数量"},
  };
};

/// A case's status when its ledger leaves it out: resolved when it has a resolved_on date,
/// open otherwise.
constexpr case_status derive_status(const case_record& record) noexcept {
  return record.resolved_on ? case_status::resolved : case_status::open;
}

/// Whether a record gives a field's value: text, an id or a list that is not empty, an optional
/// that holds a value; a flag, a date or an enum value always. A writer leaves out an optional
/// field whose value is not given.
constexpr bool is_given(const std::string& value) noexcept { return !value.empty(); }
inline bool is_given(const record_id& value) noexcept { return !value.empty(); }
inline bool is_given(const id_list& values) noexcept { return !values.empty(); }
template <class Value>
constexpr bool is_given(const std::optional<Value>& value) noexcept {
  return value.has_value();
}
// Named, not any type: a field of a new type must say here whether it can go ungiven (an
// empty id_list once passed for given through a catch-all).
template <class Value>
requires std::is_same_v<Value, bool> || std::is_same_v<Value, date> || std::is_enum_v<Value>
constexpr bool is_given(const Value&) noexcept { return true; }

/// Any record, its alternatives in record_kind's order.
using any_record = std::variant<district, enterprise, project, team, unit, case_record, measure>;
static_assert(std::variant_size_v<any_record> == record_kind_count);

/// Calls `visit(std::type_identity<Record>{})` with the record type of `kind`.
template <class Visit>
constexpr void visit_kind(record_kind kind, Visit&& visit) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    static_cast<void>(
        ((static_cast<std::size_t>(kind) == I
              ? (visit(std::type_identity<std::variant_alternative_t<I, any_record>>{}), true)
              : false) ||
         ...));
  }
  (std::make_index_sequence<std::variant_size_v<any_record>>{});
}

/// The record type of a kind: `record_of<record_kind::case_>` is `case_record`.
template <record_kind Kind>
using record_of = std::variant_alternative_t<static_cast<std::size_t>(Kind), any_record>;

/// How a kind of record is named: "case" and "cases" in ledgers and problems, the usual
/// Chinese names of its sheet ("|"-separated).
struct record_kind_names {
  std::string_view singular;
  std::string_view plural;
  std::string_view sheets;
};

/// The names of every kind, in record_kind's order.
inline constexpr std::array<record_kind_names, record_kind_count> record_kinds = {{
    {"district", "districts", "区县"},
    {"enterprise", "enterprises", "企业"},
    {"project", "projects", "项目"},
    {"team", "teams", "服务队"},
    {"unit", "units", "责任单位|单位"},
    {"case", "cases", "问题|案件|问题台账"},
    {"measure", "measures", "帮扶措施|措施"},
}};

/// The names of `kind`.
constexpr const record_kind_names& names_of(record_kind kind) noexcept {
  return record_kinds[static_cast<std::size_t>(kind)];
}

/// How many fields a record has.
template <class Record>
inline constexpr std::size_t field_count =
    std::tuple_size_v<decltype(record_schema<Record>::fields)>;

/// Calls `visit(field)` for each field of `Record`, in order.
template <class Record, class Visit>
constexpr void for_each_field(Visit&& visit) {
  std::apply([&](const auto&... field) { (visit(field), ...); }, record_schema<Record>::fields);
}

/// Calls `visit(field)` for the field at `index` (< field_count<Record>).
template <class Record, class Visit>
constexpr void visit_field(std::size_t index, Visit&& visit) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    static_cast<void>(
        ((index == I ? (visit(std::get<I>(record_schema<Record>::fields)), true) : false) || ...));
  }
  (std::make_index_sequence<field_count<Record>>{});
}

/// Whether two records hold the same value in every field of the schema and the same
/// extras (records have no `operator==`: which members count is the schema's to say).
template <class Record>
bool same_record(const Record& a, const Record& b) {
  bool same = a.extras == b.extras;
  for_each_field<Record>(
      [&](const auto& field) { same = same && a.*(field.member) == b.*(field.member); });
  return same;
}

/// The fields' names, in order.
template <class Record>
inline constexpr auto field_names = [] {
  std::array<std::string_view, field_count<Record>> names{};
  std::size_t i = 0;
  for_each_field<Record>([&](const auto& field) { names[i++] = field.name; });
  return names;
}();

/// How many fields are required. They come first: a schema that puts an optional field
/// before a required one does not compile.
template <class Record>
inline constexpr std::size_t required_count = [] {
  std::size_t count = 0;
  bool optional_seen = false;
  bool in_order = true;
  for_each_field<Record>([&](const auto& field) {
    if (!field.required()) {
      optional_seen = true;
      return;
    }
    in_order = in_order && !optional_seen;
    ++count;
  });
  if (!in_order) throw "required fields must come first";  // not a constant: an error
  return count;
}();

}  // namespace caseledger
