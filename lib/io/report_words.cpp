#include "io/report_words.hpp"

#include <string>

namespace caseledger::detail {
namespace {

// clang-format off
// One line per line of `words`, so that the three languages read side by side.
constexpr words simplified{
    "概况", "问题类别", "趋势", "帮扶", "返岗", "明细",
    "统计起始日", "统计截止日", "截至日期", "生成",
    "协调问题数", "办结数", "无法解决", "在办", "办结率", "按时办结率", "办结天数中位数",
    "办结天数P90", "返岗人数", "物资受领单位", "复工率",
    "办结率", "金额", "笔数", "受益单位", "数量", "受领单位", "趟次", "按方式", "按来源", "物资：",
    "月份", "新增问题", "当月办结", "累计办结率", "周", "当周办结",
    "（元）", "（万元）",
    "案件编号", "区县", "企业/项目", "问题类别", "报送渠道", "问题描述", "反映日期", "办理时限",
    "办结日期", "状态", "办结天数", "服务队",
    "办结率", "问题新增与办结趋势", "返岗人数（按方式）",
    "合计", "未指定", " · ",
    "&C第 &P 页 共 &N 页",
    "一企一议问题办理情况（", " 至 ", "）",
    {"区县", "问题类别", "报送渠道", "月份", "服务队"},
    {"用工", "资金", "审批", "运输", "防疫物资", "原材料", "用电", "政策", "其他"},
    {"走访", "电话", "微信", "政府网站", "媒体", "热线", "其他"},
    {"在办", "办结", "无法解决", "撤回"},
    {"补助", "减免", "贷款", "返岗补助"},
    {"包车", "包机", "包列", "专车", "自行返岗"},
    {"省内", "省外"},
    {"服务队", "党员攻坚队", "指导员"}};

constexpr words traditional{
    "概況", "問題類別", "趨勢", "幫扶", "返崗", "明細",
    "統計起始日", "統計截止日", "截至日期", "生成",
    "協調問題數", "辦結數", "無法解決", "在辦", "辦結率", "按時辦結率", "辦結天數中位數",
    "辦結天數P90", "返崗人數", "物資受領單位", "復工率",
    "辦結率", "金額", "筆數", "受益單位", "數量", "受領單位", "趟次", "按方式", "按來源", "物資：",
    "月份", "新增問題", "當月辦結", "累計辦結率", "週", "當週辦結",
    "（元）", "（萬元）",
    "案件編號", "區縣", "企業/項目", "問題類別", "報送渠道", "問題描述", "反映日期", "辦理時限",
    "辦結日期", "狀態", "辦結天數", "服務隊",
    "辦結率", "問題新增與辦結趨勢", "返崗人數（按方式）",
    "合計", "未指定", " · ",
    "&C第 &P 頁 共 &N 頁",
    "一企一議問題辦理情況（", " 至 ", "）",
    {"區縣", "問題類別", "報送渠道", "月份", "服務隊"},
    {"用工", "資金", "審批", "運輸", "防疫物資", "原材料", "用電", "政策", "其他"},
    {"走訪", "電話", "微信", "政府網站", "媒體", "熱線", "其他"},
    {"在辦", "辦結", "無法解決", "撤回"},
    {"補助", "減免", "貸款", "返崗補助"},
    {"包車", "包機", "包列", "專車", "自行返崗"},
    {"省內", "省外"},
    {"服務隊", "黨員攻堅隊", "指導員"}};

constexpr words english{
    "Summary", "By category", "Trend", "Support", "Return to work", "Cases",
    "Window from", "Window to", "As of", "Generator",
    "Coordinated", "Resolved", "Unresolvable", "Open", "Resolution rate", "On-time rate",
    "Median days", "P90 days", "Workers returned", "Supply recipients", "Resumption rate",
    "Rate", "Amount", "Count", "Beneficiaries", "Quantity", "Recipients", "Trips", "By mode",
    "By origin", "Supplies: ",
    "Month", "Reported", "Resolved in month", "Cumulative resolution rate", "Week",
    "Resolved in week",
    " (yuan)", " (10k yuan)",
    "Case id", "District", "Enterprise or project", "Category", "Channel", "Summary", "Reported",
    "Due", "Resolved", "Status", "Days to resolve", "Team",
    "Resolution rate", "Cases reported and resolved", "Workers returned by mode",
    "Total", "(none)", " · ",
    "&CPage &P of &N",
    "Enterprise assistance cases (", " to ", ")",
    {"District", "Category", "Channel", "Month", "Team"},
    {"Labour", "Funding", "Approval", "Logistics", "Epidemic supplies", "Raw materials", "Energy",
     "Policy", "Other"},
    {"Visit", "Phone", "WeChat", "Website", "Media", "Hotline", "Other"},
    {"Open", "Resolved", "Unresolvable", "Withdrawn"},
    {"Subsidy", "Fee reduction", "Loan", "Allowance"},
    {"Chartered bus", "Chartered flight", "Chartered train", "Dedicated vehicle", "Self-arranged"},
    {"In province", "Out of province"},
    {"Service teams", "Party teams", "Instructors"}};
// clang-format on

// clang-format off
constexpr bulletin_words simplified_bulletin{
    "预警", {"环比", "同比", "对比"}, "（百分点）",
    "分组", "指标", "条件", "阈值", "数值", "低于", "高于",
    {"办结率", "按时办结率", "复工率", "在办数", "逾期数", "超期在办数", "超期未办结", "满意率",
     "回访率"}, "（超过", "天）"};
constexpr bulletin_words traditional_bulletin{
    "預警", {"環比", "同比", "對比"}, "（百分點）",
    "分組", "指標", "條件", "閾值", "數值", "低於", "高於",
    {"辦結率", "按時辦結率", "復工率", "在辦數", "逾期數", "超期在辦數", "超期未辦結", "滿意率",
     "回訪率"}, "（超過", "天）"};
constexpr bulletin_words english_bulletin{
    "Alerts", {" vs previous", " vs year ago", " vs window"}, " (points)",
    "Group", "Metric", "Condition", "Limit", "Value", "below", "above",
    {"Resolution rate", "On-time rate", "Resumption rate", "Open", "Late", "Open older than",
     "Overdue open", "Satisfaction rate", "Follow-up rate"},
    " (over ", " days)"};
// clang-format on

// clang-format off
constexpr office_words simplified_office{
    "序号", "填报单位：", "填报日期：", "单位：", "元", "万元", "说明：",
    {"单位负责人：", "审核人：", "填表人：", "联系电话："}};
constexpr office_words traditional_office{
    "序號", "填報單位：", "填報日期：", "單位：", "元", "萬元", "說明：",
    {"單位負責人：", "審核人：", "填表人：", "聯繫電話："}};
constexpr office_words english_office{
    "No.", "Reporting unit: ", "Date: ", "Unit: ", "yuan", "10k yuan", "Note: ",
    {"Head of unit:", "Reviewed by:", "Filled in by:", "Telephone:"}};
// clang-format on

// clang-format off
constexpr page_words simplified_page{
    "zh-CN", "统计区间：", " 至 ", "截至 ", "对比：",
    "件", "人", "帮扶资金（含贷款）", "帮扶资金（含贷款，万元）", "（按", "）",
    "帮扶资金（按类型）", "返岗人数（按来源）", "在办问题账龄",
    "天", "以上", "分组统计", "各组情况", "无数据", "个百分点", "上期为0", "上期无数据",
    "生成：", "第 ", " 页 共 ", " 页"};
constexpr page_words traditional_page{
    "zh-TW", "統計區間：", " 至 ", "截至 ", "對比：",
    "件", "人", "幫扶資金（含貸款）", "幫扶資金（含貸款，萬元）", "（按", "）",
    "幫扶資金（按類型）", "返崗人數（按來源）", "在辦問題賬齡",
    "天", "以上", "分組統計", "各組情況", "無數據", "個百分點", "上期為0", "上期無數據",
    "生成：", "第 ", " 頁 共 ", " 頁"};
constexpr page_words english_page{
    "en", "Window: ", " to ", "as of ", "Compared with: ",
    "", "", "Support incl. loans", "Support incl. loans (10k yuan)", " (by ", ")",
    "Support by kind", "Workers returned by origin", "Open cases by age",
    " days", "+", "By group", "Groups", "No data", " points", "nothing before", "no rate before",
    "Generated by ", "Page ", " of ", ""};
// clang-format on

// The table of `language` among the three.
template <class Words>
const Words& in_language(report_language language, const Words& hans, const Words& hant,
                         const Words& en) {
  switch (language) {
    case report_language::zh_hant:
      return hant;
    case report_language::en:
      return en;
    case report_language::zh_hans:
      break;
  }
  return hans;
}

}  // namespace

const words& words_for(report_language language) {
  return in_language(language, simplified, traditional, english);
}

const bulletin_words& bulletin_words_for(report_language language) {
  return in_language(language, simplified_bulletin, traditional_bulletin, english_bulletin);
}

const office_words& office_words_for(report_language language) {
  return in_language(language, simplified_office, traditional_office, english_office);
}

const page_words& page_words_for(report_language language) {
  return in_language(language, simplified_page, traditional_page, english_page);
}

std::string long_date(report_language language, date day) {
  if (language == report_language::en) return day.to_string();
  return std::to_string(day.year()) + "年" + std::to_string(day.month()) + "月" +
         std::to_string(day.day()) + "日";
}

std::string concat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (std::string_view part : parts) text += part;
  return text;
}

}  // namespace caseledger::detail
