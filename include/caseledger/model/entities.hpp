#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "caseledger/core/date.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/core/short_text.hpp"
#include "caseledger/model/enums.hpp"
#include "caseledger/model/extra_fields.hpp"
#include "caseledger/model/id_list.hpp"
#include "caseledger/model/record_id.hpp"

namespace caseledger {

/// A district or county (区县). Every other record belongs to one.
struct district {
  record_id id;
  std::string name;     ///< Chinese name, e.g. "仓山区"
  std::string name_en;  ///< e.g. "Cangshan"; may be empty
  std::string parent;   ///< the city, e.g. "福州市"; may be empty
  extra_fields extras;
};

/// An enterprise (企业) that reports problems and receives support.
struct enterprise {
  record_id id;
  std::string name;
  record_id district;              ///< district id
  std::string industry;            ///< may be empty
  bool key = false;                ///< a key enterprise (重点企业)
  std::optional<date> resumed_on;  ///< when it resumed work (复工日期)
  extra_fields extras;
};

/// A construction or investment project (项目).
struct project {
  record_id id;
  std::string name;
  record_id district;  ///< district id
  bool key = false;    ///< a key project (重点项目)
  std::optional<date> resumed_on;
  extra_fields extras;
};

/// A team that serves enterprises (服务队, 党员攻坚队, 指导员).
struct team {
  record_id id;
  record_id district;  ///< district id
  team_kind kind = team_kind::service_team;
  std::string name;                     ///< may be empty
  std::optional<std::int64_t> members;  ///< head count, when the ledger gives it
  extra_fields extras;
};

/// A unit that handles cases (责任单位): a bureau of a district (区人社局) or of the city.
struct unit {
  record_id id;
  std::string name;    ///< e.g. "仓山区人力资源和社会保障局"
  record_id district;  ///< district id; empty for a city-level unit
  std::string kind;    ///< free text, e.g. "区人社局"; may be empty
  extra_fields extras;
};

/// A problem reported by an enterprise or project, or anonymously (问题/诉求).
///
/// The fields stand largest first, so that no padding falls between them, the summary is a
/// `short_text` (16 bytes, where a `std::string` takes 32) and the co-handling units an
/// `id_list` (8 bytes while empty, where a `std::vector` takes 24): 208 bytes where the
/// ledger's order of columns, a `std::string` and a `std::vector` took 256, 48 MB over a
/// million cases in a `ledger`.
struct case_record {
  record_id id;
  record_id district;    ///< district id
  record_id enterprise;  ///< id of the reporting enterprise, or empty
  record_id project;     ///< id of the reporting project, or empty (never both)
  record_id team;        ///< id of the team handling it, or empty
  record_id unit;        ///< id of the lead unit (主办单位), or empty
  short_text summary;
  std::optional<std::int64_t> due_workdays;  ///< the deadline in working days after reported_on
  id_list co_units;                          ///< ids of the co-handling units (协办单位)
  extra_fields extras;
  date reported_on;
  std::optional<date> due_on;  ///< readers derive it from due_workdays when the ledger omits it
  std::optional<date> resolved_on;
  std::optional<date> closed_on;        ///< when an unresolvable or withdrawn case was closed
  std::optional<date> extended_on;      ///< when an extension (延期) was granted
  std::optional<date> extended_due_on;  ///< the deadline the extension gave
  std::optional<date> followed_up_on;   ///< the day of the follow-up call (回访)
  case_category category = case_category::other;
  case_status status = case_status::open;  ///< readers derive it when the ledger omits it
  std::optional<case_channel> channel;
  std::optional<satisfaction_level> satisfaction;  ///< what the enterprise said on that call
};

/// A support measure (帮扶措施). Which of the optional fields are required depends on
/// `kind`: an amount for subsidy, fee_reduction, loan and allowance; mode, workers and
/// origin for transport; item and quantity for supplies. Its fields stand largest first, as
/// a case's do, and its texts are `short_text`s: 184 bytes where it took 224.
struct measure {
  record_id id;
  record_id district;       ///< district id
  record_id enterprise;     ///< beneficiary enterprise id, or empty
  record_id project;        ///< beneficiary project id, or empty (never both)
  record_id case_id;        ///< the case it answers (`case` in ledgers), or empty
  short_text origin_place;  ///< e.g. "陇西"; may be empty
  short_text item;          ///< e.g. "masks"
  std::optional<money> amount;
  std::optional<std::int64_t> workers;
  std::optional<std::int64_t> quantity;
  extra_fields extras;
  date granted_on;
  measure_kind kind = measure_kind::subsidy;
  std::optional<transport_mode> mode;
  std::optional<worker_origin> origin;
};

}  // namespace caseledger
