// The ledger an office keeps, read as it is: a title and 填报 line above the header, a
// header of two rows, 合计 and 小计 rows, notes under the table, its own extra columns;
// and several offices' files consolidated into one ledger. Sheets are CSV here (the xlsx
// reader hands the flat sheet the same rows; xlsx_ledger_test covers its own parts).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/model/record_schema.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using testing::scratch_dir;
using testing::write_text;

std::vector<std::string> notes_of(const ledger& book) {
  std::vector<std::string> lines;
  for (const reading_note& noticed : book.notes()) lines.push_back(noticed.to_string());
  return lines;
}

std::vector<std::string> problems_of(const std::vector<std::filesystem::path>& paths,
                                     ledger_read_options options = {}) {
  options.common.max_problems = 20;
  try {
    read_ledgers(paths, options);
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const problem& p : e.problems()) lines.push_back(p.to_string());
    return lines;
  }
  return {"(no problem)"};
}

// An office's sheet: title, 填报 line, a two-row header (帮扶情况 over two amounts),
// three cases, a 合计 row whose amounts are right and whose count text is not a figure,
// a blank row and two rows of notes.
constexpr std::string_view office_sheet =
    "仓山区“一企一议”问题协调台账,,,,,,,\n"
    "填报单位：仓山区指挥部,,,,填报日期：2020年3月31日,,,\n"
    "序号,区县,企业名称,问题类别,反映日期,帮扶情况,,责任单位\n"
    ",,,,,补助金额（万元）,减免金额（万元）,\n"
    "1,仓山区,甲公司,资金,2020-01-05,16,0.5,区工信局\n"
    "2,仓山区,乙公司,用工,2020-01-06,40,,区人社局\n"
    "3,仓山区,丙公司,用工,2020-01-07,,,\n"
    "合计,,办结0个,,,56,0.5,\n"
    ",,,,,,,\n"
    "备注：1.办理时限为5个工作日,,,,,,,\n"
    "2.金额单位为万元,,,,,,,\n";

TEST(OfficeSheet, TitleTwoRowHeaderTotalsAndNotesAreNotCases) {
  scratch_dir dir;
  write_text(dir / "仓山区.csv", std::string(office_sheet));
  const ledger book = read_csv_ledger(dir / "仓山区.csv");
  ASSERT_EQ(book.cases().size(), 3u);
  EXPECT_EQ(book.cases()[2].id, "3");
  // 16万 and 40万 subsidies, 0.5万 fee reduction: three measures, to the fen.
  ASSERT_EQ(book.measures().size(), 3u);
  EXPECT_EQ(book.measures()[0].amount->fen(), 16'0000'00);
  EXPECT_EQ(book.measures()[1].amount->fen(), 5000'00);
  EXPECT_EQ(book.measures()[2].amount->fen(), 40'0000'00);
  // 责任单位 is the case's lead unit, created from its name (as districts are).
  EXPECT_EQ(book.cases()[0].unit, "区工信局");
  EXPECT_EQ(book.cases()[1].unit, "区人社局");
  EXPECT_EQ(book.cases()[2].unit, "");
  EXPECT_TRUE(book.cases()[0].extras.empty());
  EXPECT_TRUE(book.case_extra_columns().empty());
  ASSERT_EQ(book.units().size(), 2u);
  EXPECT_EQ(book.units()[0].id, "区工信局");
  EXPECT_EQ(book.units()[0].name, "区工信局");
  EXPECT_EQ(book.units()[0].district, "");
  const std::string file = (dir / "仓山区.csv").string();
  EXPECT_EQ(
      notes_of(book),
      (std::vector<std::string>{
          file + ":1: skipped 2 rows above the header at row 3 ('仓山区“一企一议”问题协调台账')",
          file + ":8: skipped a 合计 row ('合计'), not a case",
          file + ":10: skipped 2 rows of notes under the table ('备注：1.办理时限为5个工作日')"}));
}

TEST(OfficeSheet, TotalsThatDisagreeAreNotedWithBothFigures) {
  scratch_dir dir;
  write_text(dir / "t.csv",
             "序号,区县,问题类别,反映日期,补助金额（万元）,物资数量,物资\n"
             "1,鼓楼区,资金,2020-01-05,16,10,口罩\n"
             "2,鼓楼区,资金,2020-01-06,40.01,5,口罩\n"
             "小　计,,,,56.01,15,\n"
             "3,台江区,资金,2020-01-07,550,7,口罩\n"
             "小计,,,,549,7,\n"
             "合  计,,,,606,21,\n");
  const ledger book = read_csv_ledger(dir / "t.csv");
  EXPECT_EQ(book.cases().size(), 3u);
  const std::string file = (dir / "t.csv").string();
  std::vector<std::string> mismatches;
  for (const reading_note& noticed : book.notes()) {
    if (noticed.what == reading_note::kind::total_mismatch)
      mismatches.push_back(noticed.to_string());
  }
  // The first 小计 is right; the second says 549 for 550; the 合计 606 for 606.01 万元 and
  // 21 for 22 masks. CSV columns count bytes, as in every CSV problem.
  EXPECT_EQ(
      mismatches,
      (std::vector<std::string>{
          file + ":6:11: the 小计 row gives 549 万元 in column '补助金额（万元）', but the rows "
                 "since the last 小计 sum to 550 万元",
          file + ":7:13: the 合计 row gives 606 万元 in column '补助金额（万元）', but the rows "
                 "above sum to 606.01 万元",
          file + ":7:17: the 合计 row gives 21 in column '物资数量', but the rows above sum "
                 "to 22"}));
}

TEST(OfficeSheet, StrictColumnsRefuseWhatTheDefaultKeeps) {
  scratch_dir dir;
  write_text(dir / "s.csv", "区县,问题类别,反映日期,联系人\n鼓楼区,资金,2020-01-05,张三\n");
  EXPECT_EQ(read_csv_ledger(dir / "s.csv").cases()[0].extras.at("联系人"), "\"张三\"");
  csv_ledger_options strict;
  strict.common.keep_extras = false;
  try {
    read_csv_ledger(dir / "s.csv", strict);
    FAIL() << "accepted";
  } catch (const ledger_error& e) {
    EXPECT_EQ(e.problems()[0].reason, "unknown column '联系人'");
  }
}

TEST(OfficeSheet, TraditionalHeadersAndValuesReadLikeSimplifiedOnes) {
  // As the source article writes them; names stay as written.
  scratch_dir dir;
  write_text(dir / "t.csv",
             "區縣,企業名稱,問題類別,反映日期,辦結日期,補助金額（萬元）,減免金額,辦理狀態\n"
             "倉山區,閩興公司,資金,2020年1月5日,2020年1月9日,16,40萬元,已辦結\n"
             "倉山區,閩興公司,用電,2020年1月6日,,,1.5億,辦理中\n");
  const ledger book = read_csv_ledger(dir / "t.csv");
  ASSERT_EQ(book.cases().size(), 2u);
  EXPECT_EQ(book.districts()[0].name, "倉山區");
  EXPECT_EQ(book.enterprises()[0].name, "閩興公司");
  EXPECT_EQ(book.cases()[0].category, case_category::funding);
  EXPECT_EQ(book.cases()[1].category, case_category::energy);
  EXPECT_EQ(book.cases()[0].status, case_status::resolved);
  EXPECT_EQ(book.cases()[1].status, case_status::open);
  ASSERT_EQ(book.measures().size(), 3u);
  EXPECT_EQ(book.measures()[0].amount->fen(), 16'0000'00);      // 16 萬元
  EXPECT_EQ(book.measures()[1].amount->fen(), 40'0000'00);      // 40萬元
  EXPECT_EQ(book.measures()[2].amount->fen(), 1'5000'0000'00);  // 1.5億
  EXPECT_TRUE(book.notes().empty());
}

// The handling process as an office's flat sheet gives it: units by name, a deadline in
// working days, an extension and the follow-up call.
constexpr std::string_view process_sheet =
    "序号,区县,企业名称,问题类别,反映日期,办理时限（工作日）,责任单位,协办单位,延期日期,延期至,"
    "办结日期,回访日期,满意度\n"
    "1,鼓楼区,甲公司,用工,2020-01-23,7,区人社局,区税务局、市发改委,2020-02-10,2020-02-18,"
    "2020-02-17,2020-02-20,满意\n"
    "2,鼓楼区,乙公司,资金,2020-02-03,5,区税务局,区人社局 / 市发改委 ,,,2020-02-07,2020-02-10,"
    "基本满意\n"
    "3,鼓楼区,丙公司,用电,2020-02-04,5,市发改委,,,,,,\n";

void expect_process_sheet(const ledger& book) {
  ASSERT_EQ(book.cases().size(), 3u);
  const case_record& first = book.cases()[0];
  EXPECT_EQ(first.unit, "区人社局");
  EXPECT_EQ(first.co_units, (id_list{"区税务局", "市发改委"}));
  EXPECT_EQ(first.due_workdays, 7);
  EXPECT_EQ(first.due_on, date::from_ymd(2020, 2, 11));  // after the extended Spring Festival
  EXPECT_EQ(first.extended_on, date::from_ymd(2020, 2, 10));
  EXPECT_EQ(first.extended_due_on, date::from_ymd(2020, 2, 18));
  EXPECT_EQ(first.followed_up_on, date::from_ymd(2020, 2, 20));
  EXPECT_EQ(first.satisfaction, satisfaction_level::satisfied);
  const case_record& second = book.cases()[1];
  EXPECT_EQ(second.co_units, (id_list{"区人社局", "市发改委"}));
  EXPECT_EQ(second.due_on, date::from_ymd(2020, 2, 10));
  EXPECT_EQ(second.satisfaction, satisfaction_level::basically_satisfied);
  EXPECT_EQ(book.cases()[2].satisfaction, std::nullopt);
  EXPECT_EQ(book.cases()[2].due_on, date::from_ymd(2020, 2, 11));
  ASSERT_EQ(book.units().size(), 3u);
  EXPECT_EQ(book.units()[0].id, "区人社局");
  EXPECT_EQ(book.units()[1].id, "区税务局");
  EXPECT_EQ(book.units()[2].id, "市发改委");
  EXPECT_TRUE(book.case_extra_columns().empty());
}

TEST(OfficeSheet, UnitsDeadlinesExtensionsAndFollowUpsAreRead) {
  scratch_dir dir;
  write_text(dir / "s.csv", std::string(process_sheet));
  expect_process_sheet(read_csv_ledger(dir / "s.csv"));
}

TEST(OfficeSheet, TraditionalProcessHeadersAndSatisfactionReadLikeSimplifiedOnes) {
  scratch_dir dir;
  write_text(dir / "t.csv",
             "序號,區縣,企業名稱,問題類別,反映日期,辦理時限（工作日）,責任單位,協辦單位,延期日期,"
             "延期至,辦結日期,回訪日期,滿意度\n"
             "1,鼓樓區,甲公司,用工,2020-01-23,7,區人社局,區稅務局、市發改委,2020-02-10,"
             "2020-02-18,2020-02-17,2020-02-20,滿意\n"
             "2,鼓樓區,乙公司,資金,2020-02-03,5,區稅務局,,,,2020-02-07,2020-02-10,基本滿意\n"
             "3,鼓樓區,丙公司,用電,2020-02-04,5,市發改委,,,,2020-02-05,2020-02-06,不滿意\n");
  const ledger book = read_csv_ledger(dir / "t.csv");
  ASSERT_EQ(book.cases().size(), 3u);
  EXPECT_EQ(book.cases()[0].unit, "區人社局");  // names stay as written
  EXPECT_EQ(book.cases()[0].co_units, (id_list{"區稅務局", "市發改委"}));
  EXPECT_EQ(book.cases()[0].due_on, date::from_ymd(2020, 2, 11));
  EXPECT_EQ(book.cases()[0].satisfaction, satisfaction_level::satisfied);
  EXPECT_EQ(book.cases()[1].satisfaction, satisfaction_level::basically_satisfied);
  EXPECT_EQ(book.cases()[2].satisfaction, satisfaction_level::dissatisfied);
  EXPECT_EQ(book.units().size(), 3u);
}

TEST(OfficeSheet, ProcessRefusalsNameTheRowAndField) {
  scratch_dir dir;
  write_text(dir / "bad.csv",
             "序号,区县,问题类别,反映日期,限办日期,办理时限（工作日）,责任单位,协办单位,延期日期,"
             "延期至,办结日期,回访日期,满意度\n"
             "1,鼓楼区,用工,2020-01-23,2020-02-10,7,,,,,,,\n"
             "2,鼓楼区,用工,2020-02-03,2020-02-10,,区人社局,区人社局,2020-02-11,2020-02-17,,,\n"
             "3,鼓楼区,用工,2020-02-03,,,,,,,2020-02-07,,满意\n"
             "4,鼓楼区,用工,2020-02-03,,,,,,,,2020-02-07,\n"
             "5,鼓楼区,用工,2020-02-03,,,,,,,,,很好\n");
  csv_ledger_options all;
  all.common.max_problems = 20;
  try {
    read_csv_ledger(dir / "bad.csv", all);
    FAIL() << "accepted";
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const problem& p : e.problems()) lines.push_back(p.to_string());
    const std::string file = (dir / "bad.csv").string();
    EXPECT_EQ(lines,
              (std::vector<std::string>{
                  file + ":6:39: /cases/4/satisfaction (case 5): column '满意度': unknown "
                         "satisfaction '很好' (expected one of: satisfied (满意), "
                         "basically_satisfied (基本满意), dissatisfied (不满意))",
                  file + ":2:1: /cases/0/due_on (case 1): due_on 2020-02-10 disagrees with "
                         "due_workdays 7, which gives 2020-02-11 (working days after "
                         "reported_on 2020-01-23)",
                  file + ":3:1: /cases/1/co_units (case 2): unit '区人社局' is the lead unit "
                         "and cannot also be a co_unit",
                  file + ":3:1: /cases/1/extended_on (case 2): extended_on 2020-02-11 is after "
                         "due_on 2020-02-10: an extension granted after the deadline has "
                         "passed is refused",
                  file + ":4:1: /cases/2 (case 3): satisfaction needs followed_up_on (the day "
                         "of the follow-up call)",
                  file + ":5:1: /cases/3/followed_up_on (case 4): status open cannot have "
                         "followed_up_on (a follow-up call is made once a case is resolved or "
                         "unresolvable)"}));
  }
}

TEST(OfficeSheet, IsResolvedMustAgreeWithTheResolvedDate) {
  scratch_dir dir;
  write_text(dir / "r.csv",
             "编号,区县,问题类别,反映日期,办结日期,是否办结\n"
             "c1,仓山区,资金,2020-01-05,2020-01-09,是\n"
             "c2,仓山区,资金,2020-01-05,,否\n"
             "c3,仓山区,资金,2020-01-05,,是\n"
             "c4,仓山区,资金,2020-01-05,2020-01-08,否\n");
  const std::string file = (dir / "r.csv").string();
  EXPECT_EQ(problems_of({dir / "r.csv"}),
            (std::vector<std::string>{
                file + ":4:1: /cases/2 (case c3): 是否办结 is 是 but the case has no "
                       "resolved_on (办结日期)",
                file + ":5:1: /cases/3 (case c4): 是否办结 is 否 but the case has "
                       "resolved_on 2020-01-08"}));
  write_text(dir / "ok.csv",
             "编号,区县,问题类别,反映日期,办结日期,是否办结\n"
             "c1,仓山区,资金,2020-01-05,2020-01-09,是\nc2,仓山区,资金,2020-01-05,,否\n");
  EXPECT_EQ(read_csv_ledger(dir / "ok.csv").cases()[0].status, case_status::resolved);
}

TEST(OfficeSheet, ARowOfNamesIsNotTakenForTheHeaderWithoutEnoughKnownColumns) {
  // Nothing above names two fields: the first row is the header, and its problems told.
  scratch_dir dir;
  write_text(dir / "n.csv", "甲,乙\n1,2\n");
  EXPECT_EQ(problems_of({dir / "n.csv"})[0],
            (dir / "n.csv").string() +
                ":1: /cases: missing required column 'district' (headed 'district', "
                "'区县', '所属区县', '区县名称')");
}

TEST(OfficeSheet, TheCorpusOfOfficeFilesReadsAsTheCleanLedger) {
  // tests/data/office: the same ledger as openpyxl, LibreOffice (xlsx, ods, xls and CSV) and a
  // GB18030 CSV make it.
  const std::filesystem::path folder =
      std::filesystem::path(CASELEDGER_SOURCE_DIR) / "tests" / "data" / "office";
  ledger_read_options keep;
  keep.common.keep_extras = true;
  const ledger clean = read_ledger(folder / "office.json", keep);
  for (const char* name :
       {"office-openpyxl.xlsx", "office-libreoffice.xlsx", "office-libreoffice.ods",
        "office-libreoffice.xls", "office-utf8.csv", "office-gb18030.csv"}) {
    SCOPED_TRACE(name);
    const ledger office = read_ledger(folder / name);
    ASSERT_EQ(office.cases().size(), clean.cases().size());
    for (std::size_t i = 0; i < clean.cases().size(); ++i) {
      EXPECT_TRUE(same_record(office.cases()[i], clean.cases()[i])) << office.cases()[i].id;
    }
    ASSERT_EQ(office.measures().size(), clean.measures().size());
    for (std::size_t i = 0; i < clean.measures().size(); ++i) {
      EXPECT_TRUE(same_record(office.measures()[i], clean.measures()[i]))
          << office.measures()[i].id;
    }
    ASSERT_EQ(office.enterprises().size(), clean.enterprises().size());
    for (std::size_t i = 0; i < clean.enterprises().size(); ++i) {
      EXPECT_TRUE(same_record(office.enterprises()[i], clean.enterprises()[i]));
    }
    ASSERT_EQ(office.units().size(), clean.units().size());
    for (std::size_t i = 0; i < clean.units().size(); ++i) {
      EXPECT_TRUE(same_record(office.units()[i], clean.units()[i])) << office.units()[i].id;
    }
    EXPECT_EQ(office.case_extra_columns(), (std::vector<std::string>{"联系人"}));
    EXPECT_EQ(office.notes().size(), 4u);  // title, extra columns, 合计, notes
  }
}

// Three districts' flat sheets, and one sheet holding all three, with the same ids.
void write_districts(const scratch_dir& dir) {
  const std::string header = "编号,区县,企业名称,问题类别,反映日期,办结日期,补助金额\n";
  const std::string cangshan = "c1,仓山区,甲公司,资金,2020-01-05,2020-01-09,16万\n";
  const std::string gulou = "g1,鼓楼区,乙公司,用工,2020-02-03,,40万\n";
  const std::string taijiang = "t1,台江区,丙公司,资金,2020-03-02,2020-03-20,550万\n";
  write_text(dir / "仓山区.csv", header + cangshan);
  write_text(dir / "鼓楼区.csv", header + gulou);
  write_text(dir / "台江区.csv", header + taijiang);
  write_text(dir / "all.csv", header + cangshan + gulou + taijiang);
}

TEST(Consolidation, ThreeDistrictsFilesMakeTheLedgerOfOneFileHoldingAll) {
  scratch_dir dir;
  write_districts(dir);
  const ledger one = read_ledger(dir / "all.csv");
  const ledger three = read_ledgers({dir / "仓山区.csv", dir / "鼓楼区.csv", dir / "台江区.csv"});
  ASSERT_EQ(three.cases().size(), one.cases().size());
  for (std::size_t i = 0; i < one.cases().size(); ++i) {
    EXPECT_TRUE(same_record(one.cases()[i], three.cases()[i])) << i;
  }
  ASSERT_EQ(three.measures().size(), 3u);
  EXPECT_EQ(three.districts().size(), 3u);
  ASSERT_EQ(three.enterprises().size(), one.enterprises().size());
  for (std::size_t i = 0; i < one.enterprises().size(); ++i) {
    EXPECT_TRUE(same_record(one.enterprises()[i], three.enterprises()[i])) << i;
  }
}

TEST(Consolidation, TheSameIdWithOtherValuesInTwoFilesIsRefusedNamingBoth) {
  scratch_dir dir;
  write_text(dir / "a.csv", "编号,区县,问题类别,反映日期\nc1,仓山区,资金,2020-01-05\n");
  write_text(dir / "b.csv", "编号,区县,问题类别,反映日期\nc1,仓山区,用工,2020-01-05\n");
  EXPECT_EQ(problems_of({dir / "a.csv", dir / "b.csv"}),
            std::vector<std::string>{(dir / "b.csv").string() +
                                     ":2:1: /cases/0/id (case c1): duplicate id 'c1' (first at " +
                                     (dir / "a.csv").string() + ":2, with other values)"});
}

TEST(Consolidation, IdenticalRecordsCountOnceAndCaseNumbersAreScopedToTheirFile) {
  scratch_dir dir;
  // Both files number their cases 1, 2: four cases. 仓山区 is one district.
  write_text(dir / "a.csv",
             "序号,区县,问题类别,反映日期\n1,仓山区,资金,2020-01-05\n2,仓山区,资金,2020-01-06\n");
  write_text(dir / "b.csv",
             "序号,区县,问题类别,反映日期\n1,仓山区,用工,2020-01-05\n2,仓山区,资金,2020-01-07\n");
  const ledger book = read_ledgers({dir / "a.csv", dir / "b.csv"});
  std::vector<std::string> ids;
  for (const case_record& c : book.cases()) ids.push_back(c.id.str());
  EXPECT_EQ(ids, (std::vector<std::string>{"a/1", "a/2", "b/1", "b/2"}));
  ASSERT_EQ(book.districts().size(), 1u);
  EXPECT_EQ(book.notes().back().to_string(),
            "<ledger>: 1 district given identically in more than one file or sheet, kept once "
            "('仓山区' in " +
                (dir / "a.csv").string() + " and " + (dir / "b.csv").string() + ")");
  // One file alone keeps its numbers as they are.
  EXPECT_EQ(read_ledger(dir / "a.csv").cases()[0].id, "1");
}

TEST(Consolidation, EveryFilesProblemsAreToldTogether) {
  scratch_dir dir;
  write_text(dir / "a.csv", "编号,区县,问题类别,反映日期\nc1,仓山区,资金,2020-02-30\n");
  write_text(dir / "b.csv", "编号,区县,问题类别,反映日期\nc2,仓山区,资金,someday\n");
  const auto problems = problems_of({dir / "a.csv", dir / "b.csv"});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind((dir / "a.csv").string() + ":2:", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1].rfind((dir / "b.csv").string() + ":2:", 0), 0u) << problems[1];
  EXPECT_THROW(read_ledgers({}), usage_error);
}

}  // namespace
}  // namespace caseledger
