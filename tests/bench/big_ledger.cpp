#include "big_ledger.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "caseledger/core/calendar.hpp"
#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/model/enums.hpp"
#include "caseledger/model/record_schema.hpp"
#include "common/splitmix64.hpp"

namespace caseledger::bench {
namespace {

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64, and a fresh stream per record, so that the cases can be drawn
// twice (once for the cases, once for their measures) without keeping them.

using caseledger::samples::splitmix64;

enum class stream_tag : std::uint64_t {
  district,
  enterprise,
  project,
  team,
  case_,
  measure,
  process,  // a case's process fields, drawn apart so that the case's own draws stay
};

/// The random stream of record `index` of one kind.
splitmix64 stream_for(std::uint64_t seed, stream_tag tag, std::uint64_t index) {
  splitmix64 mixer(seed ^ (static_cast<std::uint64_t>(tag) << 56U));
  splitmix64 stream(mixer.next() ^ (index * 0xd1342543de82ef95ULL));
  stream.next();
  return stream;
}

/// Whole days, roughly lognormal (median 5, a long tail to two months): an index that is
/// the sum of three uniforms (bell-shaped) read through an exponential table. Integers
/// only, so every platform draws the same days.
std::int32_t lognormal_days(splitmix64& random) {
  static constexpr std::array<std::int32_t, 19> curve = {0, 0, 1,  1,  2,  2,  3,  3,  4, 5,
                                                         6, 8, 10, 13, 17, 22, 30, 42, 60};
  return curve[random.below(7) + random.below(7) + random.below(7)];
}

// ---------------------------------------------------------------------------------------
// What the ledger is made of

struct district_info {
  std::string_view id, name, name_en;
  int weight;
};

constexpr std::array<district_info, 10> districts = {{
    {"changle", "长乐区", "Changle", 10},
    {"cangshan", "仓山区", "Cangshan", 16},
    {"fuqing", "福清市", "Fuqing", 15},
    {"gulou", "鼓楼区", "Gulou", 14},
    {"jinan", "晋安区", "Jin'an", 13},
    {"lianjiang", "连江县", "Lianjiang", 8},
    {"luoyuan", "罗源县", "Luoyuan", 5},
    {"mawei", "马尾区", "Mawei", 7},
    {"minhou", "闽侯县", "Minhou", 12},
    {"taijiang", "台江区", "Taijiang", 9},
}};

constexpr std::array<int, districts.size()> district_weights = [] {
  std::array<int, districts.size()> weights{};
  for (std::size_t i = 0; i < districts.size(); ++i) weights[i] = districts[i].weight;
  return weights;
}();

constexpr std::array<std::string_view, 24> name_syllables = {
    "恒", "达", "鑫", "华", "兴", "瑞", "丰", "泰", "宏", "盛", "源", "通",
    "海", "峡", "闽", "榕", "新", "永", "嘉", "祥", "福", "安", "利", "昌"};
constexpr std::array<std::string_view, 8> industries = {
    "制造业", "建筑业", "批发零售", "信息技术", "交通运输", "餐饮住宿", "医药", "纺织服装"};
constexpr std::array<std::string_view, 8> company_trades = {
    "电子科技", "机械制造", "建设工程", "商贸", "物流", "餐饮管理", "医药", "纺织"};
constexpr std::array<std::string_view, 5> project_kinds = {
    "安置房项目", "道路提升工程", "产业园项目", "学校建设项目", "污水处理厂工程"};

constexpr std::array<int, 9> category_weights = {30, 20, 10, 12, 10, 7, 4, 5, 2};
constexpr std::array<int, 7> channel_weights = {35, 20, 15, 8, 2, 15, 5};
constexpr std::array<int, 3> team_kind_weights = {60, 25, 15};
constexpr std::array<int, 6> measure_kind_weights = {25, 20, 15, 15, 15, 10};
constexpr std::array<int, 5> mode_weights = {50, 3, 7, 15, 25};
// Weekly weights over the 13 weeks (91 days) of 2020 Q1: the peak is in February.
constexpr std::array<int, 13> week_weights = {3, 4, 5, 8, 12, 14, 14, 12, 10, 8, 6, 5, 4};

// Summaries are one to six of these, of varied length; one has ASCII quotes and a comma,
// so that CSV quoting and JSON escaping are exercised at scale.
constexpr std::array<std::string_view, 24> summary_parts = {"企业复工后一线普工缺口较大",
                                                            "外省员工无法按时返岗",
                                                            "申请稳岗返还资金",
                                                            "流动资金紧张，需要贷款支持",
                                                            "口罩、消毒液等防疫物资不足",
                                                            "原材料供应商尚未复工",
                                                            "物流运输受阻，货物无法发出",
                                                            "施工许可审批进度慢",
                                                            "希望减免二月份房租",
                                                            "用电报装申请待办理",
                                                            "咨询社保费减免政策",
                                                            "员工返岗需要包车接送",
                                                            "食堂和宿舍的防疫要求不清楚",
                                                            "上下游配套企业未复工导致停产",
                                                            "订单违约风险加大",
                                                            "申请电费阶段性减免",
                                                            "项目工地缺少防疫测温设备",
                                                            "贷款到期需要展期",
                                                            "咨询\"复工备案\"流程,材料是否齐全",
                                                            "进口设备清关时间延长",
                                                            "出口订单取消",
                                                            "员工隔离期满后仍无法返厂",
                                                            "申请返岗交通补助",
                                                            "重点项目用工缺口约两百人"};
constexpr std::array<int, 6> summary_length_weights = {15, 30, 25, 15, 10, 5};

constexpr std::array<std::string_view, 5> in_province_places = {"南平", "三明", "宁德", "莆田",
                                                                "龙岩"};
constexpr std::array<std::string_view, 6> out_of_province_places = {"陇西", "信阳", "赣州",
                                                                    "重庆", "贵阳", "南充"};
constexpr std::array<std::string_view, 5> supply_items = {"口罩", "消毒液", "测温枪", "防护服",
                                                          "医用手套"};

// The units of the process fields: four bureaus in each district (ids `<district>-RSJ` …),
// then two of the city; a case's lead unit is mostly one of its district's.
struct bureau_info {
  std::string_view code, name, kind;
};
constexpr std::array<bureau_info, 4> bureaus = {{{"RSJ", "人力资源和社会保障局", "人社局"},
                                                 {"FGJ", "发展和改革局", "发改局"},
                                                 {"GXJ", "工业和信息化局", "工信局"},
                                                 {"ZJJ", "住房和城乡建设局", "住建局"}}};
constexpr std::array<bureau_info, 2> city_bureaus = {
    {{"FZ-JTJ", "福州市交通运输局", "市交通运输局"},
     {"FZ-GXJ", "福州市工业和信息化局", "市工信局"}}};
// A case's unit among its district's four bureaus and the city's two.
constexpr std::array<int, 6> lead_unit_weights = {30, 25, 20, 15, 6, 4};
constexpr std::array<int, 3> satisfaction_weights = {80, 15, 5};

/// `prefix` then `number` zero-padded to `width` digits.
std::string numbered(std::string_view prefix, std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  std::string id(prefix);
  if (digits.size() < width) id.append(width - digits.size(), '0');
  return id + digits;
}

/// Yuan with two decimals, from fen.
std::string yuan_text(std::int64_t fen) {
  std::string cents = std::to_string(fen % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return std::to_string(fen / 100) + "." + cents;
}

// ---------------------------------------------------------------------------------------
// Records as lists of cells, written by either format

/// One field of a record: `raw` values are JSON literals (numbers, booleans), `list` values
/// ids joined by '/' (a JSON array of strings; in CSV the reader splits them at '/'), the
/// others JSON strings.
struct cell {
  std::string_view name;
  std::string value;
  bool raw = false;
  bool list = false;
};

using record = std::vector<cell>;

/// What a format does with the records, kind by kind.
class record_sink {
 public:
  virtual ~record_sink() = default;
  virtual void begin_kind(record_kind kind) = 0;
  virtual void write(const record& fields) = 0;
  virtual void end_kind() = 0;
};

// The CSV header of each kind: every field a record of the kind may have, from the schema.
template <class Record>
std::vector<std::string_view> header_of() {
  return {field_names<Record>.begin(), field_names<Record>.end()};
}
const std::array<std::vector<std::string_view>, record_kind_count> csv_headers = {
    header_of<district>(), header_of<enterprise>(),  header_of<project>(), header_of<team>(),
    header_of<unit>(),     header_of<case_record>(), header_of<measure>()};

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

class json_sink final : public record_sink {
 public:
  explicit json_sink(std::ostream& out) : out_(out) {
    out_ << "{\n\"format\": \"caseledger.ledger/1\"";
  }
  void begin_kind(record_kind kind) override {
    out_ << ",\n\"" << names_of(kind).plural << "\": [";
    first_ = true;
  }
  void write(const record& fields) override {
    line_ = first_ ? "\n" : ",\n";
    first_ = false;
    line_ += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line_ += ", ";
      append_json_string(line_, fields[i].name);
      line_ += ": ";
      if (fields[i].raw) {
        line_ += fields[i].value;
      } else if (fields[i].list) {
        append_json_list(fields[i].value);
      } else {
        append_json_string(line_, fields[i].value);
      }
    }
    line_ += '}';
    out_ << line_;
  }
  void end_kind() override { out_ << "\n]"; }
  void finish() { out_ << "\n}\n"; }

 private:
  void append_json_list(std::string_view items) {
    line_ += '[';
    for (std::size_t start = 0;;) {
      const std::size_t end = items.find('/', start);
      if (start > 0) line_ += ", ";
      append_json_string(line_, items.substr(start, end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    line_ += ']';
  }

  std::ostream& out_;
  std::string line_;
  bool first_ = true;
};

class csv_sink final : public record_sink {
 public:
  explicit csv_sink(std::filesystem::path folder) : folder_(std::move(folder)) {}
  void begin_kind(record_kind kind) override {
    path_ = folder_ / (std::string(names_of(kind).plural) + ".csv");
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_) throw file_error(path_, "open", std::make_error_code(std::errc::io_error));
    header_ = &csv_headers[static_cast<std::size_t>(kind)];
    for (std::size_t i = 0; i < header_->size(); ++i) out_ << (i > 0 ? "," : "") << (*header_)[i];
    out_ << '\n';
  }
  void write(const record& fields) override {
    line_.clear();
    for (std::size_t h = 0; h < header_->size(); ++h) {
      if (h > 0) line_ += ',';
      for (const cell& field : fields) {
        if (field.name == (*header_)[h]) append_cell(field.value);
      }
    }
    line_ += '\n';
    out_ << line_;
  }
  void end_kind() override {
    out_.close();
    if (!out_) throw file_error(path_, "write", std::make_error_code(std::errc::io_error));
  }

 private:
  void append_cell(std::string_view value) {
    if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
      line_ += value;
      return;
    }
    line_ += '"';
    for (const char c : value) {
      if (c == '"') line_ += '"';
      line_ += c;
    }
    line_ += '"';
  }

  std::filesystem::path folder_;
  std::filesystem::path path_;
  std::ofstream out_;
  const std::vector<std::string_view>* header_ = nullptr;
  std::string line_;
};

// ---------------------------------------------------------------------------------------
// The generator

/// A case as drawn: what its measures need to know about it.
struct drawn_case {
  std::string id;
  std::size_t district = 0;
  std::string enterprise;
  std::string project;
  date reported_on;
  date settled_on;  // resolved_on or closed_on, or reported_on when open
  case_status status = case_status::open;
  std::optional<date> due_on;
};

class generator {
 public:
  explicit generator(const big_ledger_spec& spec)
      : spec_(spec),
        enterprises_(std::max<std::uint64_t>(20, spec.cases / 10)),
        projects_(std::max<std::uint64_t>(5, spec.cases / 50)),
        teams_(std::max<std::uint64_t>(districts.size(), spec.cases / 250)),
        id_width_(std::to_string(spec.cases).size()) {
    place(enterprises_, stream_tag::enterprise, enterprise_district_, enterprises_by_district_);
    place(projects_, stream_tag::project, project_district_, projects_by_district_);
    place(teams_, stream_tag::team, team_district_, teams_by_district_);
    if (spec_.process) calendar_ = calendar::china();
  }

  void write(record_sink& sink) {
    record fields;
    sink.begin_kind(record_kind::district);
    for (const district_info& d : districts) {
      fields = {{"id", std::string(d.id)},
                {"name", std::string(d.name)},
                {"name_en", std::string(d.name_en)},
                {"parent", "福州市"}};
      sink.write(fields);
    }
    sink.end_kind();

    sink.begin_kind(record_kind::enterprise);
    for (std::uint64_t i = 0; i < enterprises_; ++i) sink.write(enterprise_record(i, fields));
    sink.end_kind();
    sink.begin_kind(record_kind::project);
    for (std::uint64_t i = 0; i < projects_; ++i) sink.write(project_record(i, fields));
    sink.end_kind();
    sink.begin_kind(record_kind::team);
    for (std::uint64_t i = 0; i < teams_; ++i) sink.write(team_record(i, fields));
    sink.end_kind();
    if (spec_.process) {
      sink.begin_kind(record_kind::unit);
      for (const district_info& d : districts) {
        for (const bureau_info& b : bureaus) {
          fields = {{"id", unit_id(d, b)},
                    {"name", std::string(d.name) + std::string(b.name)},
                    {"district", std::string(d.id)},
                    {"kind", std::string(d.name.substr(d.name.size() - 3)) + std::string(b.kind)}};
          sink.write(fields);
        }
      }
      for (const bureau_info& b : city_bureaus) {
        fields = {{"id", std::string(b.code)},
                  {"name", std::string(b.name)},
                  {"kind", std::string(b.kind)}};
        sink.write(fields);
      }
      sink.end_kind();
    }

    drawn_case drawn;
    sink.begin_kind(record_kind::case_);
    for (std::uint64_t i = 0; i < spec_.cases; ++i) {
      draw_case(i, drawn, fields);
      if (spec_.process) add_process_fields(i, drawn, fields);
      sink.write(fields);
    }
    sink.end_kind();
    // The measures draw each case again from its own stream rather than keeping it.
    sink.begin_kind(record_kind::measure);
    for (std::uint64_t i = 0; i < spec_.cases; ++i) {
      draw_case(i, drawn, fields);
      write_measures(i, drawn, fields, sink);
    }
    sink.end_kind();
  }

 private:
  /// Gives each of `count` records a district: the first ten one each (every district has
  /// an enterprise and a team), the rest by the districts' weights.
  void place(std::uint64_t count, stream_tag tag, std::vector<std::uint8_t>& district_of,
             std::array<std::vector<std::uint32_t>, districts.size()>& by_district) const {
    district_of.resize(count);
    for (std::uint64_t i = 0; i < count; ++i) {
      splitmix64 random = stream_for(spec_.seed, tag, i);
      const std::size_t d = i < districts.size() ? i : random.weighted(district_weights);
      district_of[i] = static_cast<std::uint8_t>(d);
      by_district[d].push_back(static_cast<std::uint32_t>(i));
    }
  }

  static std::string enterprise_id(std::uint64_t i) { return numbered("E", i + 1, 7); }
  static std::string project_id(std::uint64_t i) { return numbered("P", i + 1, 6); }
  static std::string team_id(std::uint64_t i) { return numbered("T", i + 1, 5); }

  static std::string syllables(splitmix64& random, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += random.pick(name_syllables);
    return text;
  }

  const record& enterprise_record(std::uint64_t i, record& fields) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::enterprise, i);
    random.next();  // the draw `place` takes for the district
    const std::size_t trade = random.below(company_trades.size());
    fields = {
        {"id", enterprise_id(i)},
        {"name", "福州" + syllables(random, 2) + std::string(company_trades[trade]) + "有限公司"},
        {"district", std::string(districts[enterprise_district_[i]].id)},
        {"industry", std::string(industries[trade])}};
    if (random.chance(10)) fields.push_back({"key", "true", true});
    if (random.chance(85)) {
      fields.push_back(
          {"resumed_on",
           feb_10().plus_days(static_cast<std::int32_t>(random.below(60))).to_string()});
    }
    return fields;
  }

  const record& project_record(std::uint64_t i, record& fields) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::project, i);
    random.next();
    const district_info& d = districts[project_district_[i]];
    fields = {{"id", project_id(i)},
              {"name", std::string(d.name) + syllables(random, 2) +
                           std::string(random.pick(project_kinds))},
              {"district", std::string(d.id)}};
    fields.push_back({"key", random.chance(30) ? "true" : "false", true});
    if (random.chance(80)) {
      fields.push_back(
          {"resumed_on",
           feb_10().plus_days(static_cast<std::int32_t>(random.below(50))).to_string()});
    }
    return fields;
  }

  const record& team_record(std::uint64_t i, record& fields) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::team, i);
    random.next();
    const district_info& d = districts[team_district_[i]];
    const auto kind = static_cast<team_kind>(random.weighted(team_kind_weights));
    static constexpr std::array<std::string_view, 3> kind_names_zh = {"服务队", "党员攻坚队",
                                                                      "复工复产指导员"};
    fields = {{"id", team_id(i)},
              {"district", std::string(d.id)},
              {"kind", std::string(to_string(kind))},
              {"name", std::string(d.name) + std::string(kind_names_zh[enum_index(kind)]) +
                           std::to_string(i + 1) + "号"}};
    const std::int64_t members = kind == team_kind::instructor ? 1 : random.between(3, 20);
    fields.push_back({"members", std::to_string(members), true});
    return fields;
  }

  static date jan_1() { return date::from_ymd(2020, 1, 1); }
  static date feb_10() { return date::from_ymd(2020, 2, 10); }

  // The day the `i`th case is reported on: the quantile of the weekly weights (each day of a
  // week weighing the same) at (i + 1/2) / cases. A nondecreasing function of i, so the
  // cases come in the listing's order (reported_on, then id), as a real 台账 appended as
  // problems are reported does; and the days hold exactly the weights' shares.
  date reported_day(std::uint64_t i) const {
    std::uint64_t per_week_day = 0;  // a day's weight in the week of weight 1
    for (const int weight : week_weights) per_week_day += static_cast<std::uint64_t>(weight);
    const std::uint64_t total = 7 * per_week_day;
    std::uint64_t target = (2 * i + 1) * total / (2 * spec_.cases);  // in [0, total)
    for (std::size_t week = 0; week < week_weights.size(); ++week) {
      const auto weight = static_cast<std::uint64_t>(week_weights[week]);
      if (target < 7 * weight) {
        return jan_1().plus_days(static_cast<std::int32_t>(week * 7 + target / weight));
      }
      target -= 7 * weight;
    }
    return date::from_ymd(2020, 3, 31);  // not reached: target < total
  }

  void draw_case(std::uint64_t i, drawn_case& drawn, record& fields) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::case_, i);
    drawn.id = numbered("C", i + 1, id_width_);
    drawn.district = random.weighted(district_weights);
    const district_info& d = districts[drawn.district];
    drawn.reported_on = reported_day(i);

    fields = {
        {"id", drawn.id},
        {"district", std::string(d.id)},
        {"reported_on", drawn.reported_on.to_string()},
        {"category",
         std::string(to_string(static_cast<case_category>(random.weighted(category_weights))))}};

    drawn.enterprise.clear();
    drawn.project.clear();
    const std::uint64_t subject = random.below(100);
    const auto& enterprises = enterprises_by_district_[drawn.district];
    const auto& projects = projects_by_district_[drawn.district];
    if (subject < 75 && !enterprises.empty()) {
      drawn.enterprise = enterprise_id(random.pick(enterprises));
      fields.push_back({"enterprise", drawn.enterprise});
    } else if (subject < 90 && !projects.empty()) {
      drawn.project = project_id(random.pick(projects));
      fields.push_back({"project", drawn.project});
    }
    if (!random.chance(2)) {
      fields.push_back(
          {"channel",
           std::string(to_string(static_cast<case_channel>(random.weighted(channel_weights))))});
    }
    if (!random.chance(5)) {
      std::string summary;
      const std::size_t parts = 1 + random.weighted(summary_length_weights);
      for (std::size_t p = 0; p < parts; ++p) {
        if (p > 0) summary += "，";
        summary += random.pick(summary_parts);
      }
      summary += "。";
      fields.push_back({"summary", std::move(summary)});
    }
    if (random.chance(85)) {
      fields.push_back({"team", team_id(random.pick(teams_by_district_[drawn.district]))});
    }
    drawn.due_on.reset();
    if (random.chance(70)) {
      drawn.due_on = drawn.reported_on.plus_days(static_cast<std::int32_t>(random.between(3, 30)));
      fields.push_back({"due_on", drawn.due_on->to_string()});
    }

    const std::uint64_t outcome = random.below(100);
    drawn.settled_on = drawn.reported_on;
    drawn.status = outcome < 90   ? case_status::resolved
                   : outcome < 95 ? case_status::open
                   : outcome < 98 ? case_status::unresolvable
                                  : case_status::withdrawn;
    if (outcome < 90) {
      drawn.settled_on = drawn.reported_on.plus_days(lognormal_days(random));
      fields.push_back({"resolved_on", drawn.settled_on.to_string()});
      // Some ledgers leave the status out: the reader derives it from resolved_on.
      if (random.chance(60)) fields.push_back({"status", "resolved"});
    } else if (outcome < 95) {
      fields.push_back({"status", "open"});
    } else if (outcome < 98) {
      drawn.settled_on = drawn.reported_on.plus_days(5 + lognormal_days(random));
      fields.push_back({"closed_on", drawn.settled_on.to_string()});
      fields.push_back({"status", "unresolvable"});
    } else {
      drawn.settled_on = drawn.reported_on.plus_days(static_cast<std::int32_t>(random.below(11)));
      fields.push_back({"closed_on", drawn.settled_on.to_string()});
      fields.push_back({"status", "withdrawn"});
    }
  }

  static std::string unit_id(const district_info& d, const bureau_info& b) {
    return std::string(d.id) + "-" + std::string(b.code);
  }

  /// The unit of index `u` of lead_unit_weights for a case of district `d`.
  static std::string unit_of(const district_info& d, std::size_t u) {
    return u < bureaus.size() ? unit_id(d, bureaus[u])
                              : std::string(city_bureaus[u - bureaus.size()].code);
  }

  /// The case's process fields, from a stream of their own: a lead unit (95%), co-units
  /// (20%), a deadline of 7 (or 15) working days where the case has no due_on (70% of
  /// those), an extension (10% of the cases with a deadline), and a follow-up call on 70%
  /// of the settled cases, most with a satisfaction.
  void add_process_fields(std::uint64_t i, const drawn_case& drawn, record& fields) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::process, i);
    const district_info& d = districts[drawn.district];
    if (random.chance(95)) {
      const std::size_t lead = random.weighted(lead_unit_weights);
      fields.push_back({"unit", unit_of(d, lead)});
      if (random.chance(20)) {
        // One or two others: the units after the lead, from a random offset on.
        const std::size_t units = lead_unit_weights.size();
        const std::size_t offset = 1 + random.below(units - 2);
        std::string co_units = unit_of(d, (lead + offset) % units);
        if (random.chance(20)) co_units += "/" + unit_of(d, (lead + offset + 1) % units);
        fields.push_back({"co_units", std::move(co_units), false, true});
      }
    }
    std::optional<date> due = drawn.due_on;
    if (!due && random.chance(70)) {
      const int workdays = random.chance(90) ? 7 : 15;
      fields.push_back({"due_workdays", std::to_string(workdays), true});
      due = calendar_->add_workdays(drawn.reported_on, workdays);
    }
    if (due && random.chance(10)) {
      fields.push_back(
          {"extended_on", std::max(drawn.reported_on, due->plus_days(-2)).to_string()});
      fields.push_back({"extended_due_on", due->plus_days(7).to_string()});
    }
    if ((drawn.status == case_status::resolved || drawn.status == case_status::unresolvable) &&
        random.chance(70)) {
      fields.push_back({"followed_up_on",
                        drawn.settled_on.plus_days(static_cast<std::int32_t>(random.between(1, 7)))
                            .to_string()});
      if (random.chance(90)) {
        fields.push_back({"satisfaction", std::string(to_string(static_cast<satisfaction_level>(
                                              random.weighted(satisfaction_weights))))});
      }
    }
  }

  /// 0, 1 or 2 measures (0.5 a case on average) answering the case drawn as `drawn`.
  void write_measures(std::uint64_t i, const drawn_case& drawn, record& fields,
                      record_sink& sink) const {
    splitmix64 random = stream_for(spec_.seed, stream_tag::measure, i);
    const std::uint64_t roll = random.below(100);
    const int count = roll < 60 ? 0 : roll < 90 ? 1 : 2;
    for (int m = 1; m <= count; ++m) {
      const auto kind = static_cast<measure_kind>(random.weighted(measure_kind_weights));
      fields = {
          {"id", "M" + drawn.id.substr(1) + "-" + std::to_string(m)},
          {"district", std::string(districts[drawn.district].id)},
          {"kind", std::string(to_string(kind))},
          {"granted_on",
           drawn.settled_on.plus_days(static_cast<std::int32_t>(random.below(6))).to_string()}};
      if (!drawn.enterprise.empty()) fields.push_back({"enterprise", drawn.enterprise});
      if (!drawn.project.empty()) fields.push_back({"project", drawn.project});
      if (!random.chance(10)) fields.push_back({"case", drawn.id});
      switch (kind) {
        case measure_kind::subsidy:
        case measure_kind::fee_reduction:
        case measure_kind::loan:
        case measure_kind::allowance:
          add_amount(kind, random, fields);
          break;
        case measure_kind::transport: {
          const auto mode = static_cast<transport_mode>(random.weighted(mode_weights));
          const bool in_province = random.chance(35);
          fields.push_back({"mode", std::string(to_string(mode))});
          fields.push_back(
              {"workers", std::to_string(random.between(1, 12) * random.between(1, 25)), true});
          fields.push_back({"origin", in_province ? "in_province" : "out_of_province"});
          if (random.chance(70)) {
            fields.push_back(
                {"origin_place", std::string(in_province ? random.pick(in_province_places)
                                                         : random.pick(out_of_province_places))});
          }
          break;
        }
        case measure_kind::supplies:
          fields.push_back({"item", std::string(random.pick(supply_items))});
          fields.push_back({"quantity", std::to_string(random.between(1, 500) * 100), true});
          break;
      }
      sink.write(fields);
    }
  }

  /// An amount of a size usual for its kind (loans large, allowances small), as a string
  /// with two decimals, or now and then as a JSON number.
  static void add_amount(measure_kind kind, splitmix64& random, record& fields) {
    // Whole yuan ranges per kind, then a magnitude skewed towards the small end.
    static constexpr std::array<std::int64_t, 4> base_yuan = {5'000, 1'000, 100'000, 500};
    const std::int64_t scale = std::int64_t{1} << random.below(7);  // 1 … 64
    const std::int64_t fen =
        base_yuan[enum_index(kind)] * scale * random.between(10, 99) + random.between(0, 99);
    if (random.chance(20)) {
      fields.push_back({"amount", std::to_string(fen / 100), true});
    } else {
      fields.push_back({"amount", yuan_text(fen)});
    }
  }

  big_ledger_spec spec_;
  std::uint64_t enterprises_, projects_, teams_;
  std::size_t id_width_;
  std::vector<std::uint8_t> enterprise_district_, project_district_, team_district_;
  std::array<std::vector<std::uint32_t>, districts.size()> enterprises_by_district_,
      projects_by_district_, teams_by_district_;
  std::optional<calendar> calendar_;  // with spec.process: the due_workdays' due_on
};

}  // namespace

void write_big_ledger_json(std::ostream& out, const big_ledger_spec& spec) {
  json_sink sink(out);
  generator(spec).write(sink);
  sink.finish();
}

void write_big_ledger_csv(const std::filesystem::path& folder, const big_ledger_spec& spec) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw file_error(folder, "create", error);
  csv_sink sink(folder);
  generator(spec).write(sink);
}

}  // namespace caseledger::bench
