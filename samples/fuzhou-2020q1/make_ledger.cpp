// make_fuzhou_ledger OUT.json: writes the Fuzhou 2020 Q1 sample ledger.
//
// The ledger covers the four districts of the seed article (仓山区, 晋安区, 闽侯县, 连江县).
// Every figure the article gives is placed exactly (README.md beside this file maps each one
// to the records that carry it); everything else — names, categories, channels, dates,
// amounts, the units that handle the cases and their deadlines, extensions and follow-up
// calls — is invented from fixed seeds with the generators' own splitmix64
// (samples/common/splitmix64.hpp), so the same program writes the same bytes everywhere.

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/calendar.hpp"
#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/model/entities.hpp"
#include "caseledger/model/enums.hpp"
#include "caseledger/model/ledger.hpp"
#include "common/splitmix64.hpp"

namespace {

using caseledger::case_category;
using caseledger::case_channel;
using caseledger::case_status;
using caseledger::date;
using caseledger::measure_kind;
using caseledger::money;
using caseledger::satisfaction_level;
using caseledger::team_kind;
using caseledger::transport_mode;
using caseledger::worker_origin;

// ---------------------------------------------------------------------------------------
// Randomness

/// The generators' splitmix64, and days drawn from it.
class random_days : public caseledger::samples::splitmix64 {
 public:
  using splitmix64::splitmix64;

  /// A day in [first, last].
  date day_between(date first, date last) {
    return first.plus_days(
        static_cast<std::int32_t>(below(static_cast<std::uint64_t>(last - first) + 1)));
  }
};

date ymd(int year, unsigned month, unsigned day) { return date::from_ymd(year, month, day); }

std::string numbered(std::string_view prefix, int number, int width) {
  std::string digits = std::to_string(number);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return std::string(prefix) + digits;
}

money yuan(std::int64_t amount) { return money::from_fen(amount * 100); }

// ---------------------------------------------------------------------------------------
// Word lists

struct industry_word {
  std::string_view name_part;  // in the enterprise's name
  std::string_view industry;   // its industry field
};

constexpr std::array<std::string_view, 50> trade_names = {
    "恒通", "鑫源", "榕晟", "宏达", "盛丰", "金鼎", "华信", "瑞祥", "天成", "博远",
    "闽辉", "东升", "新阳", "嘉禾", "聚源", "华美", "同创", "凯胜", "百川", "福润",
    "三山", "冠丰", "永盛", "泰和", "海润", "建鑫", "汇通", "中榕", "融泰", "旗峰",
    "安平", "宏锦", "长兴", "德润", "万嘉", "信达", "顺昌", "鼎泰", "腾飞", "禾丰",
    "佳源", "益华", "利民", "兴闽", "源丰", "恒升", "正茂", "绿洲", "明辉", "晨光"};

constexpr std::array<industry_word, 30> industry_words = {{
    {"电子科技", "电子信息"},
    {"光电科技", "电子信息"},
    {"软件技术", "软件和信息服务"},
    {"网络科技", "软件和信息服务"},
    {"纺织", "纺织服装"},
    {"服饰", "纺织服装"},
    {"鞋业", "鞋服"},
    {"食品", "食品加工"},
    {"农业开发", "农业"},
    {"水产", "水产加工"},
    {"机械制造", "装备制造"},
    {"汽车配件", "汽车零部件"},
    {"精密模具", "装备制造"},
    {"建材", "建材"},
    {"建设工程", "建筑业"},
    {"新材料", "新材料"},
    {"化工", "化工"},
    {"医疗器械", "医药"},
    {"生物医药", "医药"},
    {"包装", "包装印刷"},
    {"印务", "包装印刷"},
    {"物流", "物流"},
    {"供应链管理", "物流"},
    {"家具", "家具"},
    {"电器", "家用电器"},
    {"塑胶制品", "塑料制品"},
    {"钢结构", "建筑业"},
    {"商贸", "批发零售"},
    {"茶业", "农业"},
    {"酒店管理", "住宿餐饮"},
}};

constexpr std::array<std::string_view, 15> project_things = {
    "安置房",     "城市综合体", "小学新校区", "道路改造工程", "污水处理提标改造工程",
    "商业广场",   "标准厂房",   "医院综合楼", "体育公园",     "滨江景观工程",
    "保障性住房", "棚户区改造", "人才公寓",   "物流园",       "产业园基础设施"};

constexpr std::array<std::string_view, 7> in_province_places = {"莆田", "三明", "南平", "宁德",
                                                                "龙岩", "漳州", "泉州"};
constexpr std::array<std::string_view, 9> out_of_province_places = {
    "江西赣州", "江西上饶", "安徽阜阳", "河南信阳", "四川南充",
    "贵州遵义", "湖南邵阳", "重庆万州", "云南昭通"};

/// Case summaries by category, in enum order; "{n}" takes a number.
constexpr std::array<std::array<std::string_view, 5>, 9> summaries = {{
    {"外地员工返岗困难，用工缺口约{n}人", "复工后普工短缺，急需招聘{n}名操作工",
     "湖北籍员工暂无法返岗，生产线缺人", "申请协调包车接回外省员工",
     "技术工人紧缺，请求对接人力资源市场"},
    {"流动资金紧张，申请贷款{n}万元", "疫情期间订单减少，申请稳岗补贴",
     "银行贷款到期，申请续贷展期", "申请社保费阶段性减免", "工程款拨付滞后，资金周转困难"},
    {"复工复产备案材料审核进度咨询", "施工许可证办理需加快", "新建厂房消防验收申请",
     "项目用地规划审批未完成，影响开工", "营业执照经营范围变更办理"},
    {"原材料运输车辆通行证办理", "产品外运受阻，物流公司停运", "高速卡口通行时间过长，请求协调",
     "进口零部件清关延误", "冷链运输车辆不足"},
    {"口罩缺口约{n}只，无法满足复工需要", "缺少测温枪和消毒液", "工地防疫物资储备不足",
     "员工返岗需口罩，市场购买困难", "复工防疫方案需指导，消毒物资不足"},
    {"上游原材料供应不足，影响满产", "钢材供应紧张，工地无法正常施工",
     "外省供应商未复工，零部件断供", "包装材料短缺", "商品混凝土供应不足"},
    {"基本电费负担较重，申请减免", "新增生产线需用电增容", "天然气供应压力不足", "工地临时用电接入",
     "用电负荷不足，申请临时增容"},
    {"咨询复工复产扶持政策", "咨询社保、税费减免政策适用范围", "申请认定为防疫物资生产企业",
     "咨询员工返岗补助申领流程", "咨询中小企业贷款贴息政策"},
    {"员工宿舍不足，需协调隔离观察场所", "员工就餐需错峰安排，请求指导",
     "企业周边道路封闭，影响员工通勤", "复工备案后需协调园区食堂开放", "外来员工健康码办理咨询"},
}};

// ---------------------------------------------------------------------------------------
// The records being generated

/// A case and the measures that answer it (their case id is set once cases are numbered).
struct case_plan {
  caseledger::case_record record;
  std::vector<caseledger::measure> answers;
};

/// Who reported a case or received a measure: an enterprise, a project, or nobody.
struct subject {
  caseledger::record_id enterprise;
  caseledger::record_id project;

  bool anonymous() const { return enterprise.empty() && project.empty(); }
};

/// What one district's generator draws from.
struct district_profile {
  std::string_view id;
  std::string_view code;  // id prefix, e.g. "CS"
  std::string_view name;
  std::string_view name_en;
  std::array<std::string_view, 3> enterprise_prefixes;
  std::array<std::string_view, 12> places;  // towns and streets, for project names
  std::array<int, 9> category_weights;      // enum order
  std::array<int, 7> channel_weights;       // enum order
  std::array<int, 3> month_weights;         // January, February, March
  int enterprises;
  int projects;
};

/// Which cases a batch holds: how many, their final status, when they were reported and
/// the range of their resolved_on / closed_on (unused for open cases).
struct batch {
  int count;
  case_status status;
  date reported_from;
  date reported_to;
  date settled_from;
  date settled_to;
};

/// Generates one district's records. Each district draws from its own seed, so changing
/// one district's cases or measures leaves the others' alone (enterprise names come from
/// one shared pool, so that no two are alike).
class district_generator {
 public:
  district_generator(const district_profile& profile, std::uint64_t seed,
                     std::vector<std::pair<std::string_view, industry_word>>& enterprise_names)
      : profile_(profile), rng_(seed), enterprise_names_(enterprise_names) {}

  random_days& rng() { return rng_; }

  caseledger::district district_record() const {
    return {.id = std::string(profile_.id),
            .name = std::string(profile_.name),
            .name_en = std::string(profile_.name_en),
            .parent = "福州市",
            .extras = {}};
  }

  /// Adds a named enterprise; returns its id.
  std::string add_enterprise(std::string name, std::string industry, bool key) {
    std::string id =
        numbered(std::string(profile_.code) + "-E", static_cast<int>(enterprises_.size()) + 1, 4);
    enterprises_.push_back({.id = id,
                            .name = std::move(name),
                            .district = std::string(profile_.id),
                            .industry = std::move(industry),
                            .key = key,
                            .resumed_on = std::nullopt,
                            .extras = {}});
    return id;
  }

  /// Adds the profile's number of invented enterprises and projects, `key_percent` of the
  /// enterprises key ones (projects: twice as many).
  void add_invented_subjects(int key_percent) {
    for (int i = 0; i < profile_.enterprises; ++i) {
      auto [trade, word] = enterprise_names_.back();
      enterprise_names_.pop_back();
      std::string name = std::string(rng_.pick(profile_.enterprise_prefixes)) + std::string(trade) +
                         std::string(word.name_part) + "有限公司";
      add_enterprise(std::move(name), std::string(word.industry), rng_.chance(key_percent));
    }
    std::vector<std::string> names;
    for (auto place : profile_.places) {
      for (auto thing : project_things)
        names.push_back(std::string(place) + std::string(thing) + "项目");
    }
    rng_.shuffle(names);
    for (int i = 0; i < profile_.projects; ++i) {
      projects_.push_back({.id = numbered(std::string(profile_.code) + "-P", i + 1, 3),
                           .name = names[static_cast<std::size_t>(i)],
                           .district = std::string(profile_.id),
                           .key = rng_.chance(2 * key_percent),
                           .resumed_on = std::nullopt,
                           .extras = {}});
    }
  }

  /// Sets resumed_on: key subjects resume by mid-March with `key_resumed_percent` odds;
  /// the others by the end of March with `resumed_percent` odds, half the rest in April.
  void set_resumption(int key_resumed_percent, int resumed_percent) {
    auto draw = [&](bool key) -> std::optional<date> {
      int odds = key ? key_resumed_percent : resumed_percent;
      if (rng_.chance(odds)) {
        return key ? rng_.day_between(ymd(2020, 2, 10), ymd(2020, 3, 15))
                   : rng_.day_between(ymd(2020, 2, 10), ymd(2020, 3, 31));
      }
      if (rng_.chance(50)) return rng_.day_between(ymd(2020, 4, 1), ymd(2020, 4, 14));
      return std::nullopt;
    };
    for (auto& e : enterprises_) e.resumed_on = draw(e.key);
    for (auto& p : projects_) p.resumed_on = draw(p.key);
  }

  std::vector<caseledger::enterprise>& enterprises() { return enterprises_; }
  std::vector<caseledger::project>& projects() { return projects_; }

  /// Adds teams of one kind named "<prefix>（<unit>）", numbered after the existing ones.
  template <class Units>
  void add_teams(team_kind kind, std::string_view prefix, const Units& units, int min_members,
                 int max_members) {
    for (std::string_view unit : units) {
      teams_.push_back({.id = numbered(std::string(profile_.code) + "-T",
                                       static_cast<int>(teams_.size()) + 1, 2),
                        .district = std::string(profile_.id),
                        .kind = kind,
                        .name = std::string(prefix) + "（" + std::string(unit) + "）",
                        .members = rng_.between(min_members, max_members),
                        .extras = {}});
    }
  }

  /// Any enterprise or project of the district.
  subject any_subject() {
    const std::uint64_t total = enterprises_.size() + projects_.size();
    auto i = static_cast<std::size_t>(rng_.below(total));
    if (i < enterprises_.size()) return {enterprises_[i].id, {}};
    return {{}, projects_[i - enterprises_.size()].id};
  }

  subject any_enterprise() { return {rng_.pick(enterprises_).id, {}}; }
  subject any_project() { return {{}, rng_.pick(projects_).id}; }

  /// Days from report to resolution: mostly within a week, a long tail to five weeks.
  std::int32_t draw_duration() {
    auto r = rng_.below(100);
    if (r < 55) return static_cast<std::int32_t>(rng_.between(0, 5));
    if (r < 88) return static_cast<std::int32_t>(rng_.between(6, 14));
    return static_cast<std::int32_t>(rng_.between(15, 35));
  }

  /// A settling day after `reported` within [first, last] (last >= reported).
  date settle(date reported, date first, date last) {
    date day = reported.plus_days(draw_duration());
    if (day < first || day > last) day = rng_.day_between(std::max(reported, first), last);
    return day;
  }

  /// A day in [first, last], months weighted by the profile (other months weigh 1).
  date report_day(date first, date last) {
    std::vector<date> month_starts;
    std::vector<int> weights;
    for (date m = first.first_of_month(); m <= last; m = m.first_of_next_month()) {
      month_starts.push_back(m);
      bool q1 = m.year() == 2020 && m.month() <= 3;
      weights.push_back(q1 ? profile_.month_weights[m.month() - 1] : 1);
    }
    date m = month_starts[rng_.weighted(weights)];
    return rng_.day_between(std::max(first, m),
                            std::min(last, m.first_of_next_month().plus_days(-1)));
  }

  /// A case with the profile's channel and team odds and a summary for its category.
  case_plan& add_case(date reported, case_category category, const subject& by) {
    case_plan plan;
    auto& c = plan.record;
    c.district = std::string(profile_.id);
    c.reported_on = reported;
    c.category = category;
    c.enterprise = by.enterprise;
    c.project = by.project;
    if (rng_.chance(97))
      c.channel = static_cast<case_channel>(rng_.weighted(profile_.channel_weights));
    std::string summary(rng_.pick(summaries[caseledger::enum_index(category)]));
    if (auto at = summary.find("{n}"); at != std::string::npos) {
      auto n = category == case_category::labour    ? rng_.between(5, 80)
               : category == case_category::funding ? rng_.between(5, 60) * 10
                                                    : rng_.between(2, 50) * 100;
      summary.replace(at, 3, std::to_string(n));
    }
    c.summary = std::move(summary);
    if (!teams_.empty() && rng_.chance(90)) c.team = rng_.pick(teams_).id;
    if (rng_.chance(85)) c.due_on = reported.plus_days(rng_.pick(std::array{3, 5, 7, 7, 10, 15}));
    cases_.push_back(std::move(plan));
    return cases_.back();
  }

  /// Sets a case's final status and its resolved_on or closed_on.
  static void settle_case(caseledger::case_record& c, case_status status, std::optional<date> day) {
    c.status = status;
    if (status == case_status::resolved) c.resolved_on = day;
    if (status == case_status::unresolvable || status == case_status::withdrawn) c.closed_on = day;
  }

  /// Adds a batch of invented cases; `reporters` says who reports them.
  template <class Reporter>
  void add_batch(const batch& b, Reporter reporters) {
    for (int i = 0; i < b.count; ++i) {
      date reported = report_day(b.reported_from, b.reported_to);
      auto category = static_cast<case_category>(rng_.weighted(profile_.category_weights));
      // Nobody asked for masks before the outbreak was declared (23 January 2020).
      while (category == case_category::epidemic_supplies && reported < ymd(2020, 1, 23)) {
        category = static_cast<case_category>(rng_.weighted(profile_.category_weights));
      }
      auto& plan = add_case(reported, category, reporters());
      std::optional<date> day;
      if (b.status != case_status::open) day = settle(reported, b.settled_from, b.settled_to);
      settle_case(plan.record, b.status, day);
      if (answer_) answer_(*this, plan);
    }
  }

  /// A measure for `to` (or nobody), granted on `day`, without kind-specific fields.
  caseledger::measure new_measure(measure_kind kind, date day, const subject& to) const {
    caseledger::measure m;
    m.district = std::string(profile_.id);
    m.kind = kind;
    m.granted_on = day;
    m.enterprise = to.enterprise;
    m.project = to.project;
    return m;
  }

  caseledger::measure money_measure(measure_kind kind, date day, const subject& to,
                                    money amount) const {
    auto m = new_measure(kind, day, to);
    m.amount = amount;
    return m;
  }

  caseledger::measure transport(date day, const subject& to, transport_mode mode,
                                worker_origin origin, std::string_view place,
                                std::int64_t workers) const {
    auto m = new_measure(measure_kind::transport, day, to);
    m.mode = mode;
    m.origin = origin;
    m.origin_place = std::string(place);
    m.workers = workers;
    return m;
  }

  caseledger::measure supplies(date day, const subject& to, std::string_view item,
                               std::int64_t quantity) const {
    auto m = new_measure(measure_kind::supplies, day, to);
    m.item = std::string(item);
    m.quantity = quantity;
    return m;
  }

  /// Adds a measure that answers no case (bulk hand-outs).
  void add_measure(caseledger::measure m) { loose_measures_.push_back(std::move(m)); }

  /// How invented resolved cases get their answering measures (none by default).
  using answer_rule = void (*)(district_generator&, case_plan&);
  void set_answer_rule(answer_rule rule) { answer_ = rule; }

  /// Numbers cases and measures by date and moves every record into `out`.
  void finish(caseledger::ledger_builder& out, std::vector<caseledger::measure>& measures_out,
              std::vector<caseledger::case_record>& cases_out) {
    std::stable_sort(cases_.begin(), cases_.end(), [](const case_plan& a, const case_plan& b) {
      return a.record.reported_on < b.record.reported_on;
    });
    std::vector<caseledger::measure> measures = std::move(loose_measures_);
    int number = 0;
    for (auto& plan : cases_) {
      plan.record.id = numbered(std::string(profile_.code) + "-C", ++number, 4);
      for (auto& m : plan.answers) {
        m.case_id = plan.record.id;
        measures.push_back(std::move(m));
      }
      cases_out.push_back(plan.record);
    }
    std::stable_sort(measures.begin(), measures.end(),
                     [](const caseledger::measure& a, const caseledger::measure& b) {
                       return a.granted_on < b.granted_on;
                     });
    number = 0;
    for (auto& m : measures) {
      m.id = numbered(std::string(profile_.code) + "-M", ++number, 4);
      measures_out.push_back(std::move(m));
    }
    out.add(district_record());
    for (auto& e : enterprises_) out.add(e);
    for (auto& p : projects_) out.add(p);
    for (auto& t : teams_) out.add(t);
  }

  std::vector<caseledger::team>& teams() { return teams_; }

 private:
  const district_profile& profile_;
  random_days rng_;
  std::vector<std::pair<std::string_view, industry_word>>& enterprise_names_;
  std::vector<caseledger::enterprise> enterprises_;
  std::vector<caseledger::project> projects_;
  std::vector<caseledger::team> teams_;
  std::vector<case_plan> cases_;
  std::vector<caseledger::measure> loose_measures_;
  answer_rule answer_ = nullptr;
};

// ---------------------------------------------------------------------------------------
// Answers to invented cases

/// Answers some resolved cases with a measure that fits their category. `fee_reduction`
/// false keeps the district's only fee reduction the one the article names.
void answer_common(district_generator& g, case_plan& plan, bool fee_reduction,
                   std::string_view mask_item) {
  auto& c = plan.record;
  if (c.status != case_status::resolved) return;
  subject to{c.enterprise, c.project};
  if (to.anonymous()) return;
  auto& rng = g.rng();
  date day = *c.resolved_on;
  switch (c.category) {
    case case_category::funding:
      if (!rng.chance(35)) return;
      if (rng.chance(60)) {
        plan.answers.push_back(
            g.money_measure(measure_kind::subsidy, day, to, yuan(rng.between(20, 500) * 1000)));
      } else {
        plan.answers.push_back(
            g.money_measure(measure_kind::loan, day, to, yuan(rng.between(5, 80) * 100000)));
      }
      return;
    case case_category::energy:
      if (!fee_reduction || !rng.chance(40)) return;
      plan.answers.push_back(
          g.money_measure(measure_kind::fee_reduction, day, to, yuan(rng.between(30, 800) * 100)));
      return;
    case case_category::labour: {
      // Return-to-work transport only after the Spring Festival holiday (ended 2 February).
      if (day < ymd(2020, 2, 3) || !rng.chance(25)) return;
      auto origin = rng.chance(60) ? worker_origin::out_of_province : worker_origin::in_province;
      std::string_view place = origin == worker_origin::out_of_province
                                   ? rng.pick(out_of_province_places)
                                   : rng.pick(in_province_places);
      auto mode = std::array{transport_mode::chartered_bus, transport_mode::chartered_bus,
                             transport_mode::dedicated_vehicle,
                             transport_mode::self_arranged}[static_cast<std::size_t>(rng.below(4))];
      auto workers = rng.between(8, 45);
      plan.answers.push_back(g.transport(day, to, mode, origin, place, workers));
      if (mode == transport_mode::self_arranged) {
        plan.answers.push_back(
            g.money_measure(measure_kind::allowance, day, to, yuan(workers * 500)));
      }
      return;
    }
    case case_category::epidemic_supplies:
      if (!rng.chance(50)) return;
      if (!mask_item.empty() && rng.chance(70)) {
        plan.answers.push_back(g.supplies(day, to, mask_item, rng.between(5, 100) * 100));
      } else {
        plan.answers.push_back(g.supplies(day, to, "disinfectant", rng.between(20, 300)));
      }
      return;
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------
// The four districts

const date q1_from = ymd(2020, 1, 1);
const date q1_to = ymd(2020, 3, 31);

const district_profile cangshan_profile{
    .id = "cangshan",
    .code = "CS",
    .name = "仓山区",
    .name_en = "Cangshan",
    .enterprise_prefixes = {"福州", "福州", "福建"},
    .places = {"金山", "盖山", "城门", "建新", "螺洲", "仓前", "上渡", "下渡", "对湖", "临江",
               "三叉街", "东升"},
    .category_weights = {25, 15, 15, 12, 18, 5, 3, 5, 2},
    .channel_weights = {45, 25, 20, 3, 1, 5, 1},
    .month_weights = {10, 55, 35},
    .enterprises = 820,
    .projects = 140,
};

const district_profile jinan_profile{
    .id = "jinan",
    .code = "JA",
    .name = "晋安区",
    .name_en = "Jin'an",
    .enterprise_prefixes = {"福州", "福州", "福建"},
    .places = {"鼓山", "新店", "岳峰", "王庄", "象园", "茶园", "东门", "宦溪", "寿山", "日溪",
               "登云", "琯尾"},
    .category_weights = {20, 15, 15, 10, 20, 5, 5, 8, 2},
    .channel_weights = {30, 30, 35, 2, 0, 3, 0},
    .month_weights = {12, 50, 38},
    .enterprises = 150,
    .projects = 40,
};

const district_profile minhou_profile{
    .id = "minhou",
    .code = "MH",
    .name = "闽侯县",
    .name_en = "Minhou",
    .enterprise_prefixes = {"闽侯县", "福州", "福建"},
    .places = {"甘蔗", "上街", "南屿", "南通", "青口", "祥谦", "荆溪", "尚干", "白沙", "大湖",
               "竹岐", "鸿尾"},
    .category_weights = {28, 10, 5, 8, 18, 20, 6, 3, 2},
    .channel_weights = {40, 25, 15, 5, 2, 10, 3},
    .month_weights = {12, 50, 38},
    .enterprises = 300,
    .projects = 70,
};

const district_profile lianjiang_profile{
    .id = "lianjiang",
    .code = "LJ",
    .name = "连江县",
    .name_en = "Lianjiang",
    .enterprise_prefixes = {"连江县", "连江县", "福州"},
    .places = {"凤城", "敖江", "琯头", "东岱", "黄岐", "筱埕", "丹阳", "江南", "透堡", "官坂",
               "坑园", "马鼻"},
    .category_weights = {30, 8, 20, 12, 10, 15, 3, 2, 0},
    .channel_weights = {15, 15, 30, 25, 10, 5, 0},
    .month_weights = {25, 75, 40},
    .enterprises = 80,
    .projects = 36,
};

/// Cases reported in December 2019 and resolved in January: outside every window's
/// coordinated count, inside its resolved_in_window.
batch december_cases(int count) {
  return {count,           case_status::resolved, ymd(2019, 12, 10), ymd(2019, 12, 31),
          ymd(2020, 1, 2), ymd(2020, 1, 20)};
}

/// Cases reported in April, after the quarter: half still open, half resolved.
void add_april_cases(district_generator& g, int count, auto reporters) {
  g.add_batch({count / 2, case_status::resolved, ymd(2020, 4, 1), ymd(2020, 4, 8), ymd(2020, 4, 1),
               ymd(2020, 4, 14)},
              reporters);
  g.add_batch({count - count / 2, case_status::open, ymd(2020, 4, 1), ymd(2020, 4, 10), {}, {}},
              reporters);
}

/// Reporters: mostly enterprises, some projects, a few anonymous.
auto mixed_reporters(district_generator& g) {
  return [&g]() -> subject {
    auto r = g.rng().below(100);
    if (r < 3) return {};
    return g.any_subject();
  };
}

/// 仓山区: 186 coordinated and 184 resolved in Q1; masks to 936 enterprises and sites;
/// chartered returns in and out of the province, self-arranged returns with an allowance;
/// work-resumption instructors.
void generate_cangshan(district_generator& g) {
  constexpr int coordinated = 186;
  constexpr int resolved = 184;
  constexpr int mask_recipients = 936;
  auto& rng = g.rng();
  g.add_invented_subjects(10);
  g.set_resumption(98, 88);
  g.add_teams(team_kind::instructor, "复工复产指导员",
              std::array<std::string_view, 11>{"东升街道", "对湖街道", "临江街道", "上渡街道",
                                               "下渡街道", "仓前街道", "三叉街街道", "金山街道",
                                               "盖山镇", "建新镇", "城门镇"},
              2, 5);
  g.add_teams(team_kind::service_team, "经济部门包片服务组",
              std::array<std::string_view, 3>{"金山工业区", "红星片区", "盖山投资区"}, 4, 8);

  // Masks: every recipient one batch in February or March, some a second one; a few
  // others only in April (outside the quarter).
  std::vector<subject> pool;
  for (auto& e : g.enterprises()) pool.push_back({e.id, {}});
  for (auto& p : g.projects()) pool.push_back({{}, p.id});
  rng.shuffle(pool);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (i < mask_recipients) {
      g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 3), ymd(2020, 3, 27)), pool[i], "masks",
                               rng.between(2, 50) * 100));
      if (rng.chance(10)) {
        g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 20), ymd(2020, 3, 31)), pool[i],
                                 "masks", rng.between(2, 30) * 100));
      }
    } else if (rng.chance(50)) {
      g.add_measure(g.supplies(rng.day_between(ymd(2020, 4, 1), ymd(2020, 4, 10)), pool[i], "masks",
                               rng.between(2, 20) * 100));
    }
  }

  // Return-to-work transport, each answering a labour case of the enterprise.
  int scripted = 0;
  auto transport_case = [&](std::string summary, transport_mode mode, worker_origin origin,
                            std::string_view place, std::int64_t workers, bool allowance) {
    subject to = g.any_enterprise();
    date reported = rng.day_between(ymd(2020, 2, 3), ymd(2020, 3, 6));
    auto& plan = g.add_case(reported, case_category::labour, to);
    plan.record.summary = std::move(summary);
    date day = reported.plus_days(static_cast<std::int32_t>(rng.between(1, 6)));
    district_generator::settle_case(plan.record, case_status::resolved, day);
    plan.answers.push_back(g.transport(day, to, mode, origin, place, workers));
    if (allowance) {
      plan.answers.push_back(
          g.money_measure(measure_kind::allowance, day, to, yuan(workers * 500)));
    }
    ++scripted;
  };
  for (int i = 0; i < 6; ++i) {
    std::string_view place = in_province_places[static_cast<std::size_t>(i)];
    transport_case(std::string(place) + "籍员工返岗困难，申请包车接送",
                   transport_mode::chartered_bus, worker_origin::in_province, place,
                   rng.between(25, 45), false);
  }
  transport_case("贵州籍员工较多，申请协调包机返岗", transport_mode::chartered_flight,
                 worker_origin::out_of_province, "贵州遵义", 148, false);
  transport_case("四川籍员工返岗难，申请协调专列", transport_mode::chartered_train,
                 worker_origin::out_of_province, "四川南充", 312, false);
  for (std::string_view place : {"江西赣州", "江西上饶", "安徽阜阳", "河南信阳"}) {
    transport_case(std::string(place) + "员工返岗，申请跨省包车", transport_mode::chartered_bus,
                   worker_origin::out_of_province, place, rng.between(30, 50), false);
  }
  for (int i = 0; i < 8; ++i) {
    bool far = rng.chance(75);
    std::string_view place = far ? rng.pick(out_of_province_places) : rng.pick(in_province_places);
    transport_case("员工自行返岗，申请返岗补助", transport_mode::self_arranged,
                   far ? worker_origin::out_of_province : worker_origin::in_province, place,
                   rng.between(5, 40), true);
  }

  g.set_answer_rule([](district_generator& gen, case_plan& plan) {
    // Masks only to this quarter's recipients would need the pool here; invented answers
    // hand out disinfectant instead, so the recipients stay exactly the hand-out's.
    answer_common(gen, plan, true, {});
  });
  auto reporters = mixed_reporters(g);
  g.add_batch(december_cases(4), reporters);
  g.add_batch({resolved - scripted, case_status::resolved, q1_from, q1_to, q1_from, q1_to},
              reporters);
  g.add_batch(
      {1, case_status::resolved, ymd(2020, 3, 20), q1_to, ymd(2020, 4, 1), ymd(2020, 4, 14)},
      reporters);
  g.add_batch({coordinated - resolved - 1, case_status::unresolvable, ymd(2020, 2, 1),
               ymd(2020, 3, 10), q1_from, q1_to},
              reporters);
  g.add_batch({2, case_status::withdrawn, ymd(2020, 2, 1), ymd(2020, 3, 25), q1_from, q1_to},
              reporters);
  add_april_cases(g, 5, reporters);
}

/// 晋安区: every key enterprise and key project resumed by 31 March, some others not.
void generate_jinan(district_generator& g) {
  g.add_invented_subjects(10);
  g.set_resumption(100, 80);
  // The article's 100% is about key projects; make sure there are some and that the
  // full rate stays below 100%.
  auto& projects = g.projects();
  if (std::none_of(projects.begin(), projects.end(), [](auto& p) { return p.key; })) {
    projects.front().key = true;
    projects.front().resumed_on = ymd(2020, 2, 20);
  }
  auto not_key = std::find_if(projects.begin(), projects.end(), [](auto& p) { return !p.key; });
  not_key->resumed_on = ymd(2020, 4, 7);
  g.add_teams(team_kind::service_team, "企业复工服务队",
              std::array<std::string_view, 9>{"鼓山镇", "新店镇", "岳峰镇", "王庄街道", "象园街道",
                                              "茶园街道", "东门街道", "宦溪镇", "寿山乡"},
              4, 9);
  auto& rng = g.rng();
  for (int i = 0; i < 90; ++i) {
    g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 8), ymd(2020, 3, 25)), g.any_subject(),
                             "masks", rng.between(2, 30) * 100));
  }
  g.set_answer_rule(
      [](district_generator& gen, case_plan& plan) { answer_common(gen, plan, true, "masks"); });
  auto reporters = mixed_reporters(g);
  g.add_batch(december_cases(3), reporters);
  g.add_batch({124, case_status::resolved, q1_from, q1_to, q1_from, q1_to}, reporters);
  g.add_batch(
      {3, case_status::resolved, ymd(2020, 3, 18), q1_to, ymd(2020, 4, 1), ymd(2020, 4, 14)},
      reporters);
  g.add_batch({1, case_status::unresolvable, ymd(2020, 2, 1), ymd(2020, 3, 10), q1_from, q1_to},
              reporters);
  g.add_batch({2, case_status::open, ymd(2020, 3, 24), q1_to, {}, {}}, reporters);
  g.add_batch({2, case_status::withdrawn, ymd(2020, 2, 1), ymd(2020, 3, 25), q1_from, q1_to},
              reporters);
  add_april_cases(g, 4, reporters);
}

/// 闽侯县: 闽兴公司's 16万元 fee reduction, 16 service teams and 19 party teams, 763
/// problems resolved in Q1.
void generate_minhou(district_generator& g) {
  constexpr int resolved = 763;
  auto& rng = g.rng();
  std::string minxing = g.add_enterprise("闽兴公司", "装备制造", true);
  g.add_invented_subjects(8);
  g.set_resumption(97, 85);
  g.enterprises().front().resumed_on = ymd(2020, 2, 12);
  g.add_teams(
      team_kind::service_team, "企业复工复产服务队",
      std::array<std::string_view, 16>{"甘蔗街道", "上街镇", "南屿镇", "南通镇", "青口镇", "祥谦镇",
                                       "荆溪镇", "尚干镇", "白沙镇", "大湖乡", "竹岐乡", "鸿尾乡",
                                       "洋里乡", "廷坪乡", "闽侯经济技术开发区", "青口投资区"},
      5, 10);
  g.add_teams(
      team_kind::party_team, "党员攻坚队",
      std::array<std::string_view, 19>{
          "县发改局", "县工信局", "县住建局", "县人社局", "县商务局", "县财政局", "县自然资源局",
          "县交通运输局", "县市场监管局", "县卫健局", "县生态环境局", "县税务局", "县农业农村局",
          "县应急管理局", "县城管局", "县水利局", "县文体旅局", "县教育局", "县科技局"},
      6, 12);

  // 闽兴公司: basic electricity fee of 10万 waived plus a 5% tariff discount, 16万 in all.
  auto& minxing_case = g.add_case(ymd(2020, 2, 18), case_category::energy, subject{minxing, {}});
  minxing_case.record.channel = case_channel::visit;
  minxing_case.record.team = g.teams().front().id;
  minxing_case.record.summary =
      "疫情期间用电量达不到保底数，仍需缴纳基本电费10万元，请求减免基本电费并落实电价优惠";
  minxing_case.record.due_on = ymd(2020, 3, 3);
  district_generator::settle_case(minxing_case.record, case_status::resolved, ymd(2020, 2, 28));
  minxing_case.answers.push_back(g.money_measure(measure_kind::fee_reduction, ymd(2020, 2, 28),
                                                 subject{minxing, {}}, yuan(160000)));

  for (int i = 0; i < 120; ++i) {
    g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 6), ymd(2020, 3, 28)), g.any_subject(),
                             "masks", rng.between(2, 40) * 100));
  }
  for (int i = 0; i < 40; ++i) {
    g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 6), ymd(2020, 3, 28)), g.any_subject(),
                             "disinfectant", rng.between(20, 200)));
  }
  g.set_answer_rule(
      [](district_generator& gen, case_plan& plan) { answer_common(gen, plan, false, "masks"); });
  auto reporters = mixed_reporters(g);
  g.add_batch(december_cases(8), reporters);
  g.add_batch({resolved - 1, case_status::resolved, q1_from, q1_to, q1_from, q1_to}, reporters);
  g.add_batch(
      {3, case_status::resolved, ymd(2020, 3, 18), q1_to, ymd(2020, 4, 1), ymd(2020, 4, 14)},
      reporters);
  g.add_batch({3, case_status::unresolvable, ymd(2020, 1, 15), ymd(2020, 3, 10), q1_from, q1_to},
              reporters);
  g.add_batch({2, case_status::open, ymd(2020, 3, 24), q1_to, {}, {}}, reporters);
  g.add_batch({4, case_status::withdrawn, ymd(2020, 2, 1), ymd(2020, 3, 25), q1_from, q1_to},
              reporters);
  add_april_cases(g, 6, reporters);
}

/// 连江县: a 40万 subsidy to an agricultural enterprise, a 550万 loan to a construction
/// enterprise, 60 workers brought back from 陇西 by a dedicated vehicle; 38 project problems
/// coordinated in January–February, 33 of them resolved by 29 February.
void generate_lianjiang(district_generator& g) {
  constexpr int coordinated = 38;
  constexpr int resolved = 33;
  const date feb_end = ymd(2020, 2, 29);
  auto& rng = g.rng();
  std::string farm = g.add_enterprise("福建连江绿源农副产品有限公司", "农副产品加工", false);
  std::string builder = g.add_enterprise("连江县宏建建筑工程有限公司", "建筑业", true);
  std::string seafood = g.add_enterprise("连江县海鑫水产食品有限公司", "水产加工", false);
  g.add_invented_subjects(10);
  g.set_resumption(97, 85);
  g.add_teams(
      team_kind::service_team, "企业服务组",
      std::array<std::string_view, 6>{"凤城镇", "敖江镇", "琯头镇", "东岱镇", "丹阳镇", "江南镇"},
      3, 7);
  for (int i = 0; i < 15; ++i) {
    g.add_measure(g.supplies(rng.day_between(ymd(2020, 2, 10), ymd(2020, 3, 20)), g.any_project(),
                             "masks", rng.between(2, 20) * 100));
  }

  // The article's three answers, each to an enterprise case reported in March.
  auto scripted = [&](const std::string& by, date reported, case_category category,
                      case_channel channel, std::string summary, date settled) -> case_plan& {
    auto& plan = g.add_case(reported, category, subject{by, {}});
    plan.record.channel = channel;
    plan.record.summary = std::move(summary);
    plan.record.due_on = reported.plus_days(10);
    district_generator::settle_case(plan.record, case_status::resolved, settled);
    return plan;
  };
  scripted(farm, ymd(2020, 3, 2), case_category::funding, case_channel::website,
           "疫情期间农副产品滞销，资金周转困难，请求政策扶持", ymd(2020, 3, 10))
      .answers.push_back(g.money_measure(measure_kind::subsidy, ymd(2020, 3, 10), subject{farm, {}},
                                         yuan(400000)));
  scripted(builder, ymd(2020, 3, 4), case_category::funding, case_channel::wechat,
           "复工融资困难，申请贷款550万元", ymd(2020, 3, 13))
      .answers.push_back(g.money_measure(measure_kind::loan, ymd(2020, 3, 13), subject{builder, {}},
                                         yuan(5500000)));
  scripted(seafood, ymd(2020, 3, 3), case_category::labour, case_channel::phone,
           "复工人手不足，60名陇西籍员工无法返岗", ymd(2020, 3, 5))
      .answers.push_back(g.transport(ymd(2020, 3, 5), subject{seafood, {}},
                                     transport_mode::dedicated_vehicle,
                                     worker_origin::out_of_province, "陇西", 60));

  // January–February: project problems only (the article counts 项目存在问题).
  auto projects = [&g]() { return g.any_project(); };
  g.add_batch(december_cases(2), projects);
  g.add_batch({resolved, case_status::resolved, q1_from, feb_end, q1_from, feb_end}, projects);
  g.add_batch(
      {3, case_status::resolved, ymd(2020, 2, 18), feb_end, ymd(2020, 3, 1), ymd(2020, 3, 13)},
      projects);
  g.add_batch(
      {1, case_status::resolved, ymd(2020, 2, 20), feb_end, ymd(2020, 4, 2), ymd(2020, 4, 9)},
      projects);
  g.add_batch({coordinated - resolved - 4, case_status::unresolvable, ymd(2020, 2, 3),
               ymd(2020, 2, 25), ymd(2020, 3, 2), ymd(2020, 3, 20)},
              projects);
  g.add_batch(
      {1, case_status::withdrawn, ymd(2020, 2, 5), ymd(2020, 2, 20), ymd(2020, 2, 6), feb_end},
      projects);
  // March onwards: enterprises and projects alike.
  auto reporters = mixed_reporters(g);
  const date march = ymd(2020, 3, 1);
  g.add_batch({17, case_status::resolved, march, q1_to, march, q1_to}, reporters);
  g.add_batch(
      {1, case_status::resolved, ymd(2020, 3, 23), q1_to, ymd(2020, 4, 1), ymd(2020, 4, 10)},
      reporters);
  g.add_batch({1, case_status::open, ymd(2020, 3, 25), q1_to, {}, {}}, reporters);
  add_april_cases(g, 2, reporters);
}

// ---------------------------------------------------------------------------------------
// The handling process: who handles each case, deadlines in working days, extensions and
// the follow-up calls (issue 17). Drawn once every case is settled, from seeds of their
// own, so that every record, date, status and amount drawn before stays as it was (and
// with them every figure of the article).

/// A bureau every district has: its id suffix, its name after the district's name, its
/// kind after 区 or 县.
struct bureau {
  std::string_view code;
  std::string_view name;
  std::string_view kind;
};

enum bureau_index : std::size_t { rsj, fgj, gxj, zjj, czj, bureau_count };

constexpr std::array<bureau, bureau_count> district_bureaus = {{
    {"RSJ", "人力资源和社会保障局", "人社局"},
    {"FGJ", "发展和改革局", "发改局"},
    {"GXJ", "工业和信息化局", "工信局"},
    {"ZJJ", "住房和城乡建设局", "住建局"},
    {"CZJ", "财政局", "财政局"},
}};

/// The city's units: transport across districts and provinces, and industrial supply
/// chains beyond a district's reach.
const std::array<caseledger::unit, 2> city_units = {{
    {.id = "FZ-JTJ",
     .name = "福州市交通运输局",
     .district = {},
     .kind = "市交通运输局",
     .extras = {}},
    {.id = "FZ-GXJ",
     .name = "福州市工业和信息化局",
     .district = {},
     .kind = "市工信局",
     .extras = {}},
}};
const std::string city_transport = city_units[0].id.str();
const std::string city_industry = city_units[1].id.str();

/// Draws one district's process fields onto its cases.
class process_drawer {
 public:
  process_drawer(const district_profile& profile, std::uint64_t seed,
                 const caseledger::calendar& days)
      : profile_(profile), rng_(seed), days_(days) {}

  /// The district's bureaus as unit records.
  std::vector<caseledger::unit> units() const {
    // The district's name ends in 区 or 县 (one character, three bytes of UTF-8).
    const std::string level(profile_.name.substr(profile_.name.size() - 3));
    std::vector<caseledger::unit> out;
    for (std::size_t b = 0; b < bureau_count; ++b) {
      out.push_back({.id = unit_id(b),
                     .name = std::string(profile_.name) + std::string(district_bureaus[b].name),
                     .district = std::string(profile_.id),
                     .kind = level + std::string(district_bureaus[b].kind),
                     .extras = {}});
    }
    return out;
  }

  void draw(caseledger::case_record& c) {
    c.unit = lead_unit(c);
    draw_co_units(c);
    // Cases that came without a deadline get the procedure's: 7 working days, 15 for an
    // approval (it waits on other offices).
    if (!c.due_on) {
      c.due_workdays = c.category == case_category::approval ? 15 : 7;
      c.due_on = days_.add_workdays(c.reported_on, static_cast<int>(*c.due_workdays));
    }
    draw_extension(c);
    draw_follow_up(c);
  }

 private:
  std::string unit_id(std::size_t b) const {
    return std::string(profile_.code) + "-" + std::string(district_bureaus[b].code);
  }

  std::string lead_unit(const caseledger::case_record& c) {
    const bool by_project = !c.project.empty();
    switch (c.category) {
      case case_category::labour:
        return unit_id(rsj);
      case case_category::funding:
        return unit_id(rng_.chance(70) ? czj : fgj);
      case case_category::approval:
        return unit_id(by_project ? zjj : fgj);
      case case_category::logistics:
        return rng_.chance(50) ? city_transport : unit_id(gxj);
      case case_category::epidemic_supplies:
      case case_category::raw_materials:
        return unit_id(gxj);
      case case_category::energy:
        return unit_id(fgj);
      case case_category::policy:
        return unit_id(rng_.pick(std::array{fgj, fgj, fgj, gxj, gxj, rsj}));
      default:
        return by_project ? unit_id(zjj) : unit_id(rng_.chance(50) ? rsj : gxj);
    }
  }

  /// A quarter of the cases have a co-handling unit, a fifth of those two.
  void draw_co_units(caseledger::case_record& c) {
    if (!rng_.chance(25)) return;
    std::vector<caseledger::record_id> helpers;
    switch (c.category) {
      case case_category::labour:
        helpers = {unit_id(czj), city_transport};
        break;
      case case_category::funding:
        helpers = {unit_id(rsj), unit_id(fgj), unit_id(czj)};
        break;
      case case_category::approval:
        helpers = {unit_id(zjj), unit_id(fgj), unit_id(gxj)};
        break;
      case case_category::logistics:
        helpers = {unit_id(gxj), city_transport};
        break;
      case case_category::epidemic_supplies:
        helpers = {city_industry, unit_id(rsj)};
        break;
      case case_category::raw_materials:
        helpers = {city_industry, unit_id(fgj)};
        break;
      case case_category::energy:
        helpers = {unit_id(gxj), unit_id(czj)};
        break;
      default:
        helpers = {unit_id(rsj), unit_id(gxj), unit_id(czj), unit_id(zjj)};
        break;
    }
    std::erase(helpers, c.unit);
    rng_.shuffle(helpers);
    helpers.resize(std::min<std::size_t>(helpers.size(), rng_.chance(20) ? 2 : 1));
    c.co_units = std::move(helpers);
  }

  /// A third of the cases that missed their deadline (or were still open) asked for an
  /// extension in the last days before it; some made the new deadline, some did not.
  void draw_extension(caseledger::case_record& c) {
    if (c.status == case_status::withdrawn) return;
    const date due = *c.due_on;
    const std::optional<date> settled = c.resolved_on ? c.resolved_on : c.closed_on;
    if (settled && *settled <= due) return;
    if (!rng_.chance(33)) return;
    c.extended_on = rng_.day_between(std::max(c.reported_on, due.plus_days(-3)), due);
    c.extended_due_on = days_.add_workdays(due, rng_.pick(std::array{5, 10, 10, 15}));
  }

  /// Most settled cases get their follow-up call within a week, and most enterprises say
  /// how satisfied they are; those whose problem could not be solved less often satisfied.
  void draw_follow_up(caseledger::case_record& c) {
    const bool resolved = c.status == case_status::resolved;
    if (!resolved && c.status != case_status::unresolvable) return;
    if (!rng_.chance(80)) return;
    const date settled = resolved ? *c.resolved_on : *c.closed_on;
    c.followed_up_on = days_.add_workdays(settled, static_cast<int>(rng_.between(1, 5)));
    if (!rng_.chance(95)) return;
    const std::array<int, 3> weights = resolved ? std::array{84, 13, 3} : std::array{15, 45, 40};
    c.satisfaction = static_cast<satisfaction_level>(rng_.weighted(weights));
  }

  const district_profile& profile_;
  random_days rng_;
  const caseledger::calendar& days_;
};

/// Generates the whole ledger; checks it with the library's own rules before returning.
caseledger::ledger generate() {
  // One shared pool of enterprise names (trade name × industry), so no two enterprises in
  // the ledger share a name.
  std::vector<std::pair<std::string_view, industry_word>> names;
  for (auto trade : trade_names) {
    for (const auto& word : industry_words) names.emplace_back(trade, word);
  }
  random_days name_rng(0x5eed'f020'2001ULL);
  name_rng.shuffle(names);

  district_generator cangshan(cangshan_profile, 0x636e'6773'6861'6e01ULL, names);
  district_generator jinan(jinan_profile, 0x6a69'6e61'6e00'0002ULL, names);
  district_generator minhou(minhou_profile, 0x6d69'6e68'6f75'0003ULL, names);
  district_generator lianjiang(lianjiang_profile, 0x6c69'616e'6a69'0004ULL, names);
  generate_cangshan(cangshan);
  generate_jinan(jinan);
  generate_minhou(minhou);
  generate_lianjiang(lianjiang);

  caseledger::ledger_builder builder("make_fuzhou_ledger");
  std::vector<caseledger::case_record> cases;
  std::vector<caseledger::measure> measures;
  for (auto* g : {&cangshan, &jinan, &minhou, &lianjiang}) g->finish(builder, measures, cases);

  const auto china = caseledger::calendar::china();
  for (const auto& u : city_units) builder.add(u);
  const std::array<std::pair<const district_profile*, std::uint64_t>, 4> process_seeds = {{
      {&cangshan_profile, 0x7072'6f63'6373'0001ULL},
      {&jinan_profile, 0x7072'6f63'6373'0002ULL},
      {&minhou_profile, 0x7072'6f63'6373'0003ULL},
      {&lianjiang_profile, 0x7072'6f63'6373'0004ULL},
  }};
  for (const auto& [profile, seed] : process_seeds) {
    process_drawer drawer(*profile, seed, china);
    for (auto& u : drawer.units()) builder.add(std::move(u));
    for (auto& c : cases) {
      if (c.district == profile->id) drawer.draw(c);
    }
  }
  for (const auto& c : cases) builder.add(c);
  for (const auto& m : measures) builder.add(m);
  return std::move(builder).build();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_fuzhou_ledger OUT.json\n";
    return 2;
  }
  try {
    caseledger::write_json_ledger(generate(), argv[1]);
  } catch (const caseledger::ledger_error& e) {
    for (const auto& p : e.problems()) std::cerr << p.to_string() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "make_fuzhou_ledger: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
