#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

namespace caseledger {

/// What a case (问题) is about.
enum class case_category : std::uint8_t {
  labour,
  funding,
  approval,
  logistics,
  epidemic_supplies,
  raw_materials,
  energy,
  policy,
  other
};

/// How a case reached the office.
enum class case_channel : std::uint8_t { visit, phone, wechat, website, media, hotline, other };

/// Where a case stands. When a ledger leaves it out it is derived: resolved when the case
/// has a resolved_on date, open otherwise.
enum class case_status : std::uint8_t { open, resolved, unresolvable, withdrawn };

/// What a support measure (帮扶措施) grants. The first four carry an amount of money.
enum class measure_kind : std::uint8_t {
  subsidy,
  fee_reduction,
  loan,
  allowance,
  transport,
  supplies
};

/// The kinds of measure that carry an amount, in report order.
inline constexpr std::array<measure_kind, 4> money_measure_kinds = {
    measure_kind::subsidy, measure_kind::fee_reduction, measure_kind::loan,
    measure_kind::allowance};

/// How returning workers travelled (返岗运输).
enum class transport_mode : std::uint8_t {
  chartered_bus,
  chartered_flight,
  chartered_train,
  dedicated_vehicle,
  self_arranged
};

/// Where returning workers came from.
enum class worker_origin : std::uint8_t { in_province, out_of_province };

/// What kind of team (服务队) serves enterprises.
enum class team_kind : std::uint8_t { service_team, party_team, instructor };

/// What an enterprise said of how its case was handled, on the follow-up call (回访).
enum class satisfaction_level : std::uint8_t { satisfied, basically_satisfied, dissatisfied };

/// The names of an enum's values: `names` as they appear in ledgers and reports,
/// `zh` as they appear in Chinese reports. Specialised for every enum above.
template <class Enum>
struct enum_info;

template <>
struct enum_info<case_category> {
  static constexpr std::array<std::string_view, 9> names = {
      "labour",        "funding", "approval", "logistics", "epidemic_supplies",
      "raw_materials", "energy",  "policy",   "other"};
  static constexpr std::array<std::string_view, 9> zh = {
      "用工", "资金", "审批", "运输", "防疫物资", "原材料", "用电", "政策", "其他"};
};

template <>
struct enum_info<case_channel> {
  static constexpr std::array<std::string_view, 7> names = {"visit", "phone",   "wechat", "website",
                                                            "media", "hotline", "other"};
  static constexpr std::array<std::string_view, 7> zh = {"走访", "电话", "微信", "政府网站",
                                                         "媒体", "热线", "其他"};
};

template <>
struct enum_info<case_status> {
  static constexpr std::array<std::string_view, 4> names = {"open", "resolved", "unresolvable",
                                                            "withdrawn"};
  static constexpr std::array<std::string_view, 4> zh = {"在办", "办结", "无法解决", "撤回"};
};

template <>
struct enum_info<measure_kind> {
  static constexpr std::array<std::string_view, 6> names = {
      "subsidy", "fee_reduction", "loan", "allowance", "transport", "supplies"};
  static constexpr std::array<std::string_view, 6> zh = {"补助",     "减免",     "贷款",
                                                         "返岗补助", "返岗运输", "物资"};
};

template <>
struct enum_info<transport_mode> {
  static constexpr std::array<std::string_view, 5> names = {
      "chartered_bus", "chartered_flight", "chartered_train", "dedicated_vehicle", "self_arranged"};
  static constexpr std::array<std::string_view, 5> zh = {"包车", "包机", "包列", "专车",
                                                         "自行返岗"};
};

template <>
struct enum_info<worker_origin> {
  static constexpr std::array<std::string_view, 2> names = {"in_province", "out_of_province"};
  static constexpr std::array<std::string_view, 2> zh = {"省内", "省外"};
};

template <>
struct enum_info<team_kind> {
  static constexpr std::array<std::string_view, 3> names = {"service_team", "party_team",
                                                            "instructor"};
  static constexpr std::array<std::string_view, 3> zh = {"服务队", "党员攻坚队", "指导员"};
};

template <>
struct enum_info<satisfaction_level> {
  static constexpr std::array<std::string_view, 3> names = {"satisfied", "basically_satisfied",
                                                            "dissatisfied"};
  static constexpr std::array<std::string_view, 3> zh = {"满意", "基本满意", "不满意"};
};

/// An enum of this library: one whose values `enum_info` names. The functions below take
/// only these, so that `to_string(42)` or another library's enum does not compile into them.
template <class Enum>
concept described_enum = std::is_enum_v<Enum> && requires {
  enum_info<Enum>::names;
};

/// How many values `Enum` has.
template <described_enum Enum>
inline constexpr std::size_t enum_count = enum_info<Enum>::names.size();

/// The value's index, 0 … enum_count - 1, for arrays indexed by an enum.
template <described_enum Enum>
constexpr std::size_t enum_index(Enum value) noexcept {
  return static_cast<std::size_t>(value);
}

/// The value's name in ledgers and reports: `to_string(case_category::labour)` is "labour".
template <described_enum Enum>
constexpr std::string_view to_string(Enum value) noexcept {
  return enum_info<Enum>::names[enum_index(value)];
}

/// The value's Chinese name: `to_zh(case_category::labour)` is "用工".
template <described_enum Enum>
constexpr std::string_view to_zh(Enum value) noexcept {
  return enum_info<Enum>::zh[enum_index(value)];
}

/// The value named `name` (exactly, as `to_string` writes it), or nullopt.
template <described_enum Enum>
constexpr std::optional<Enum> enum_from_string(std::string_view name) noexcept {
  const auto& names = enum_info<Enum>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace caseledger
