// Reading CSV ledgers: a folder of tables and the flat case sheet, in UTF-8 and GB18030,
// RFC 4180 quoting, aliases, and every refusal with its file, line, column and header.
#include <gtest/gtest.h>
#include <iconv.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "io/csv/gb18030.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using testing::scratch_dir;
using testing::write_text;

csv_ledger_options with(std::string_view encoding, std::size_t max_problems = 1) {
  csv_ledger_options options;
  options.encoding = text_encoding_named(encoding);
  options.common.max_problems = max_problems;
  return options;
}

std::vector<std::string> problems_of(const std::filesystem::path& path,
                                     const csv_ledger_options& options = with("auto", 20)) {
  try {
    read_csv_ledger(path, options);
  } catch (const ledger_error& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.to_string());
    return lines;
  }
  return {"(no problem)"};
}

// A folder with one district "d1" (in ASCII, the same in every encoding) and the given
// cases.csv.
class csv_folder {
 public:
  explicit csv_folder(std::string_view cases) {
    write_text(dir_ / "districts.csv", "id,name\nd1,Cangshan\n");
    write_text(dir_ / "cases.csv", cases);
  }
  std::filesystem::path path() const { return dir_.path(); }
  std::filesystem::path operator/(std::string_view name) const { return dir_ / name; }
  std::string file(std::string_view name) const { return (dir_ / name).string(); }

 private:
  scratch_dir dir_;
};

TEST(CsvLedger, NamesItsEncodingsAndRefusesOthersByName) {
  EXPECT_EQ(text_encoding_named("auto"), text_encoding::automatic);
  EXPECT_EQ(text_encoding_named("UTF-8"), text_encoding::utf8);
  EXPECT_EQ(text_encoding_named("utf8"), text_encoding::utf8);
  for (const char* name : {"gb18030", "GBK", "gb2312", "cp936"}) {
    EXPECT_EQ(text_encoding_named(name), text_encoding::gb18030) << name;
  }
  try {
    text_encoding_named("latin-1");
    FAIL() << "latin-1 was taken";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "unknown encoding 'latin-1' (auto, utf-8, gb18030, gbk)");
  }
}

TEST(CsvLedger, ReadsEveryKindWithEnglishAndChineseHeaders) {
  scratch_dir dir;
  write_text(dir / "districts.csv", "id,name,name_en,parent\nminhou,闽侯县,Minhou,福州市\n");
  write_text(dir / "enterprises.csv",
             "企业编号,企业名称,区县,行业,重点企业,复工日期\n"
             "e1,闽兴公司,minhou,制造业,是,2020年2月10日\n"
             "e2,甲公司,minhou,,否,\n");
  write_text(dir / "projects.csv",
             "项目编号,项目名称,区县,重点项目,复工日期\np1,乙工程,minhou,是,2020/4/10\n");
  write_text(dir / "teams.csv", "编号,区县,类型,名称,人数\nt1,minhou,党员攻坚队,一队,12\n");
  write_text(dir / "cases.csv",
             "序号,区县,反映日期,问题类别,企业,项目,反映渠道,问题描述,服务队,办理时限,办结日期,"
             "关闭日期,办理状态\n"
             "c1,minhou,2020.1.10,用电,e1,,走访,电费,t1,2020-01-20,2020年1月11日,,已办结\n"
             "c2,minhou,43860,资金,,p1,,,,,,,\n"
             "c3,minhou,2020/3/1,其他,,,热线,,,,,2020/3/2,撤回\n");
  write_text(dir / "measures.csv",
             "编号,区县,措施类型,帮扶日期,企业,项目,问题编号,金额,运输方式,人数,省内外,来源地,物资,"
             "数量\n"
             "m1,minhou,减免,2020/2/15,e1,,c1,16万元,,,,,,\n"
             "m2,minhou,返岗运输,2020/2/20,e1,,,,专车,60,省外,陇西,,\n"
             "m3,minhou,物资,2020/2/1,,p1,,,,,,,口罩,\"1,000\"\n"
             "m4,minhou,补助,2020/1/20,e2,,,\"¥1,234.50\",,,,,,\n");
  const ledger book = read_csv_ledger(dir.path());

  ASSERT_EQ(book.districts().size(), 1u);
  EXPECT_EQ(book.districts()[0].name_en, "Minhou");
  EXPECT_EQ(book.districts()[0].parent, "福州市");
  ASSERT_EQ(book.enterprises().size(), 2u);
  EXPECT_EQ(book.enterprises()[0].industry, "制造业");
  EXPECT_TRUE(book.enterprises()[0].key);
  EXPECT_EQ(book.enterprises()[0].resumed_on, date::from_ymd(2020, 2, 10));
  EXPECT_FALSE(book.enterprises()[1].key);
  EXPECT_FALSE(book.enterprises()[1].resumed_on);
  EXPECT_EQ(book.projects()[0].resumed_on, date::from_ymd(2020, 4, 10));
  EXPECT_EQ(book.teams()[0].kind, team_kind::party_team);
  EXPECT_EQ(book.teams()[0].members, 12);

  ASSERT_EQ(book.cases().size(), 3u);
  const case_record& c1 = book.cases()[0];
  EXPECT_EQ(c1.reported_on, date::from_ymd(2020, 1, 10));
  EXPECT_EQ(c1.category, case_category::energy);
  EXPECT_EQ(c1.channel, case_channel::visit);
  EXPECT_EQ(c1.team, "t1");
  EXPECT_EQ(c1.due_on, date::from_ymd(2020, 1, 20));
  EXPECT_EQ(c1.status, case_status::resolved);
  // 43860 is 2020-01-30 (43831 + 29); no status and no resolved_on: open.
  const case_record& c2 = book.cases()[1];
  EXPECT_EQ(c2.reported_on, date::from_ymd(2020, 1, 30));
  EXPECT_EQ(c2.project, "p1");
  EXPECT_EQ(c2.status, case_status::open);
  EXPECT_FALSE(c2.channel);
  EXPECT_EQ(book.cases()[2].status, case_status::withdrawn);
  EXPECT_EQ(book.cases()[2].closed_on, date::from_ymd(2020, 3, 2));

  ASSERT_EQ(book.measures().size(), 4u);
  EXPECT_EQ(book.measures()[0].kind, measure_kind::fee_reduction);
  EXPECT_EQ(book.measures()[0].amount->fen(), 16'000'000);
  EXPECT_EQ(book.measures()[0].case_id, "c1");
  EXPECT_EQ(book.measures()[1].mode, transport_mode::dedicated_vehicle);
  EXPECT_EQ(book.measures()[1].workers, 60);
  EXPECT_EQ(book.measures()[1].origin, worker_origin::out_of_province);
  EXPECT_EQ(book.measures()[1].origin_place, "陇西");
  EXPECT_EQ(book.measures()[2].item, "口罩");
  EXPECT_EQ(book.measures()[2].quantity, 1000);
  EXPECT_EQ(book.measures()[3].amount->fen(), 123450);
}

TEST(CsvLedger, Utf8WithAndWithoutByteOrderMark) {
  for (const std::string bom : {"", "\xEF\xBB\xBF"}) {
    csv_folder folder(bom + "编号,区县,反映日期,问题类别\r\nc1,d1,2020/1/5,用工\r\n");
    const ledger book = read_csv_ledger(folder.path());
    ASSERT_EQ(book.cases().size(), 1u);
    EXPECT_EQ(book.cases()[0].id, "c1");  // the BOM is not part of the first header
    EXPECT_EQ(book.cases()[0].category, case_category::labour);
  }
}

TEST(CsvLedger, Gb18030DetectedOrNamed) {
  scratch_dir dir;
  // "编号,名称\nd1,仓山区\n" and "编号,区县,反映日期,问题类别\nc1,d1,2020/1/5,用工\n" in
  // GB18030 bytes (编号 B1E0 BAC5, 名称 C3FB B3C6, 仓山区 B2D6 C9BD C7F8, 区县 C7F8 CFD8,
  // 反映日期 B7B4 D3B3 C8D5 C6DA, 问题类别 CECA CCE2 C0E0 B1F0, 用工 D3C3 B9A4).
  write_text(dir / "districts.csv",
             "\xB1\xE0\xBA\xC5,\xC3\xFB\xB3\xC6\nd1,\xB2\xD6\xC9\xBD\xC7\xF8\n");
  write_text(dir / "cases.csv",
             "\xB1\xE0\xBA\xC5,\xC7\xF8\xCF\xD8,\xB7\xB4\xD3\xB3\xC8\xD5\xC6\xDA,"
             "\xCE\xCA\xCC\xE2\xC0\xE0\xB1\xF0\nc1,d1,2020/1/5,\xD3\xC3\xB9\xA4\n");
  for (const char* encoding : {"auto", "gb18030", "GBK"}) {
    const ledger book = read_csv_ledger(dir.path(), with(encoding));
    EXPECT_EQ(book.districts()[0].name, "仓山区") << encoding;
    EXPECT_EQ(book.cases()[0].category, case_category::labour) << encoding;
  }
  // Named wrongly, the bytes are refused where the first one breaks UTF-8: line 1 column 1.
  EXPECT_EQ(problems_of(dir.path(), with("utf-8")),
            std::vector<std::string>{
                (dir / "districts.csv").string() +
                ":1:1: invalid UTF-8 byte 0xb1 (if the file is GB18030 or GBK, say so with "
                "--encoding gb18030)"});
}

TEST(CsvLedger, Gb18030FourByteCharacters) {
  scratch_dir dir;
  // U+20000 𠀀 is 95 32 82 36 in GB18030 (a four-byte sequence).
  write_text(dir / "districts.csv", "id,name\nd1,\x95\x32\x82\x36\n");
  write_text(dir / "cases.csv", "id,district,reported_on,category\n");
  const ledger book = read_csv_ledger(dir.path(), with("gb18030"));
  EXPECT_EQ(book.districts()[0].name, "\xF0\xA0\x80\x80");
}

// The table decoder against iconv itself, code by code: every two-byte code, every
// four-byte code of the Basic Multilingual Plane, and the supplementary planes sampled.
TEST(CsvLedger, Gb18030TableAgreesWithIconv) {
  iconv_t reference = iconv_open("UTF-8", "GB18030");
  ASSERT_NE(reference, reinterpret_cast<iconv_t>(-1));
  const auto by_iconv = [&](std::string code) -> std::optional<std::string> {
    char out[8];
    char* from = code.data();
    std::size_t from_left = code.size();
    char* to = out;
    std::size_t to_left = sizeof out;
    iconv(reference, nullptr, nullptr, nullptr, nullptr);
    if (iconv(reference, &from, &from_left, &to, &to_left) == static_cast<std::size_t>(-1)) {
      return std::nullopt;
    }
    return std::string(out, sizeof out - to_left);
  };
  const auto by_table = [](const std::string& code) -> std::optional<std::string> {
    std::string out = "x";  // appended to, not replaced
    if (detail::append_gb18030_as_utf8(code, out) != std::string_view::npos) return std::nullopt;
    return out.substr(1);
  };
  const auto byte = [](unsigned value) { return static_cast<char>(value); };
  std::size_t compared = 0;
  for (unsigned lead = 0x81; lead <= 0xFE; ++lead) {
    for (unsigned trail = 0x40; trail <= 0xFE; ++trail) {
      if (trail == 0x7F) continue;
      const std::string code{byte(lead), byte(trail)};
      ASSERT_EQ(by_table(code), by_iconv(code)) << lead << " " << trail;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 23'940u);
  // A two-byte code whose character is beyond the BMP: four bytes of UTF-8 from two.
  EXPECT_EQ(by_table("\xFE\x51\xFE\x51"), "\xF0\xA0\x82\x87\xF0\xA0\x82\x87");
  // 81 30 81 30 is the first four-byte code, 84 31 A4 39 (U+FFFF) the BMP's last, 90 30 81 30
  // U+10000 and E3 32 9A 35 U+10FFFF; the codes between and after have no character.
  for (std::uint32_t index = 0; index < 1'587'600; index += index < 40'000 ? 1 : 997) {
    const std::string code{byte(0x81 + index / 12'600), byte(0x30 + index / 1'260 % 10),
                           byte(0x81 + index / 10 % 126), byte(0x30 + index % 10)};
    ASSERT_EQ(by_table(code), by_iconv(code)) << index;
  }
  EXPECT_EQ(by_table("\xE3\x32\x9A\x35"), "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(by_table("\xE3\x32\x9A\x36"), std::nullopt);
  EXPECT_EQ(by_table("a\xB2\xD6\x84\x31\xA4\x39z"), "a仓\xEF\xBF\xBFz");
  iconv_close(reference);
}

TEST(CsvLedger, Gb18030CodeWithoutACharacterIsNamedInItsCell) {
  // 84 31 A5 30, just past the BMP's four-byte codes, stands for no character.
  csv_folder gb(
      "id,district,reported_on,category,summary\n"
      "c1,d1,2020-01-05,labour,\xB2\xD6\x84\x31\xA5\x30\n");
  EXPECT_EQ(problems_of(gb.path(), with("gb18030")),
            std::vector<std::string>{gb.file("cases.csv") +
                                     ":2:25: GB18030 sequence with no Unicode character at byte 3 "
                                     "of this cell"});
}

TEST(CsvLedger, InvalidBytesNameTheirLineAndColumn) {
  csv_folder utf8("id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,好\xE5\x28\n");
  EXPECT_EQ(problems_of(utf8.path(), with("utf-8")),
            std::vector<std::string>{utf8.file("cases.csv") +
                                     ":2:29: invalid UTF-8 byte 0x28 (if the file is GB18030 or "
                                     "GBK, say so with --encoding gb18030)"});
  csv_folder truncated(
      "id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,\xE5\xA5");
  EXPECT_EQ(problems_of(truncated.path(), with("utf-8")),
            std::vector<std::string>{truncated.file("cases.csv") +
                                     ":2:26: incomplete UTF-8 character at the end of the file"});
  // 0x80 and 0xFF never start a GB18030 character; 0x7F never ends one.
  csv_folder gb("id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,\xB2\xD6\x80\n");
  EXPECT_EQ(problems_of(gb.path(), with("gb18030")),
            std::vector<std::string>{gb.file("cases.csv") + ":2:27: invalid GB18030 byte 0x80"});
  csv_folder gb_trail("id,district,reported_on,category,summary\n\"\xB2\x7F\"\n");
  EXPECT_EQ(
      problems_of(gb_trail.path(), with("gb18030")),
      std::vector<std::string>{gb_trail.file("cases.csv") + ":2:3: invalid GB18030 byte 0x7f"});
}

// A case whose summary ends in `characters`, which the end of the first 64 KiB the reader
// holds cuts at each of their first four bytes in turn: read in `encoding`, the summary
// ends in `read_as`.
void expect_kept_across_the_first_chunk(const std::string& characters, std::string_view encoding,
                                        const std::string& read_as) {
  const std::string head = "id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,";
  for (std::size_t shift = 0; shift < 4; ++shift) {
    const std::string padding(65536 - head.size() - shift, 'x');
    csv_folder folder(head + padding + characters + "\n");
    const ledger book = read_csv_ledger(folder.path(), with(encoding));
    ASSERT_EQ(book.cases().size(), 1u) << shift;
    EXPECT_EQ(book.cases()[0].summary.view(), padding + read_as) << shift;
  }
}

// Most characters are checked whole, a run of them at a time; those broken, or cut by the
// end of the 64 KiB the reader holds, go byte by byte. Both ways must agree.
TEST(CsvLedger, Utf8CharactersAreCheckedWholeAndByteByByteAlike) {
  const auto refused = [](std::string_view summary) {
    csv_folder folder("id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour," +
                      std::string(summary) + "\n");
    return problems_of(folder.path(), with("utf-8"));
  };
  const auto invalid = [](int column, std::string_view byte) {
    return std::vector<std::string>{":2:" + std::to_string(column) + ": invalid UTF-8 byte " +
                                    std::string(byte) +
                                    " (if the file is GB18030 or GBK, say so with --encoding "
                                    "gb18030)"};
  };
  const auto without_file = [](std::vector<std::string> problems) {
    for (std::string& p : problems) {
      if (const std::size_t at = p.find(":2:"); at != std::string::npos) p.erase(0, at);
    }
    return problems;
  };
  // The summary starts at column 25; its first byte is read alone, the rest as a run. An
  // overlong form, a surrogate, a byte that starts no character, a character cut short.
  EXPECT_EQ(without_file(refused("a\xE0\x80\x80")), invalid(27, "0x80"));
  EXPECT_EQ(without_file(refused("a好\xED\xA0\x80")), invalid(30, "0xa0"));
  EXPECT_EQ(without_file(refused("a\xC0\xAF")), invalid(26, "0xc0"));
  EXPECT_EQ(without_file(refused("a\xC3x")), invalid(27, "0x78"));
  EXPECT_EQ(without_file(refused("a\xE5\xA5x")), invalid(28, "0x78"));

  // Two-, three- and four-byte characters, and each of them cut by the end of the first
  // 64 KiB at each of its bytes.
  const std::string characters = "é仓\xED\x9F\xBF\xEE\x80\x80😀";
  expect_kept_across_the_first_chunk(characters, "utf-8", characters);
}

TEST(CsvLedger, Gb18030CharactersCutByTheEndOfWhatIsHeldAreKeptWhole) {
  // 仓 (B2 D6), then 𠀀 (95 32 82 36), each cut at each of its bytes.
  expect_kept_across_the_first_chunk("\xB2\xD6\x95\x32\x82\x36", "gb18030", "仓𠀀");
}

// Rows are read into the cells of the row before: a shorter row, or one whose cell is
// empty where the row before had text, keeps nothing of it.
TEST(CsvLedger, ARowKeepsNothingOfTheRowBefore) {
  csv_folder folder(
      "id,district,reported_on,category,summary\n"
      "c1,d1,2020-01-05,labour,\"a long summary, with a comma\"\n"
      "c2,d1,2020-01-06,funding\n"
      "c3,d1,2020-01-07,other,\n"
      "c4,d1,2020-01-08,other,\"\"\n"
      "c5,d1,2020-01-09,other,短\n");
  const ledger book = read_csv_ledger(folder.path());
  ASSERT_EQ(book.cases().size(), 5u);
  EXPECT_EQ(book.cases()[0].summary, "a long summary, with a comma");
  EXPECT_EQ(book.cases()[1].summary, "");
  EXPECT_EQ(book.cases()[1].category, case_category::funding);
  EXPECT_EQ(book.cases()[2].summary, "");
  EXPECT_EQ(book.cases()[3].summary, "");
  EXPECT_EQ(book.cases()[4].summary, "短");
  EXPECT_EQ(book.cases()[4].reported_on, date::from_ymd(2020, 1, 9));
}

TEST(CsvLedger, QuotedCellsHoldCommasQuotesAndLineBreaks) {
  csv_folder folder(
      "id,district,reported_on,category,summary\n"
      "c1,d1,2020-01-05,labour,\"招工难, \"\"急\"\"\r\n第二行\nthird\"\n"
      "\"c2\",d1,2020-01-06,\"funding\",\"\"\n"
      "c3,d1,2020-01-07,other,\n");
  const ledger book = read_csv_ledger(folder.path());
  ASSERT_EQ(book.cases().size(), 3u);
  EXPECT_EQ(book.cases()[0].summary, "招工难, \"急\"\r\n第二行\nthird");
  EXPECT_EQ(book.cases()[1].id, "c2");
  EXPECT_EQ(book.cases()[1].summary, "");
  EXPECT_EQ(book.cases()[2].id, "c3");
}

TEST(CsvLedger, DamagedRowNamesItsLineAfterLineBreaksInCells) {
  // c1's summary spans lines 2–4, so c2 is on line 5; its date is the third cell.
  csv_folder folder(
      "id,district,reported_on,category,summary\n"
      "c1,d1,2020-01-05,labour,\"one\ntwo\nthree\"\n"
      "c2,d1,2020年2月30日,labour,\n");
  EXPECT_EQ(problems_of(folder.path()),
            std::vector<std::string>{folder.file("cases.csv") +
                                     ":5:7: /cases/1/reported_on (case c2): column 'reported_on': "
                                     "'2020年2月30日' is not a calendar date"});
}

TEST(CsvLedger, LinesCountWithCrlfAndLoneCrRowEnds) {
  for (const std::string end : {"\r\n", "\r"}) {
    csv_folder folder("id,district,reported_on,category" + end + "c1,d1,2020-01-05,labour" + end +
                      "c2,d1,2020-02-30,labour" + end);
    EXPECT_EQ(problems_of(folder.path()),
              std::vector<std::string>{folder.file("cases.csv") +
                                       ":3:7: /cases/1/reported_on (case c2): column "
                                       "'reported_on': '2020-02-30' is not a calendar date"});
  }
}

TEST(CsvLedger, EveryBadValueInARowIsNamedByItsHeader) {
  csv_folder folder(
      "序号,区县,反映日期,问题类别,办理状态,办理时限\n"
      "c1,d1,2020/1/5,招商,完成,2020/1/32\n");
  const std::string file = folder.file("cases.csv");
  EXPECT_EQ(problems_of(folder.path()),
            (std::vector<std::string>{
                file + ":2:16: /cases/0/category (case c1): column '问题类别': unknown category "
                       "'招商' (expected one of: labour (用工), funding (资金), approval (审批), "
                       "logistics (运输), epidemic_supplies (防疫物资), raw_materials (原材料), "
                       "energy (用电), policy (政策), other (其他))",
                file + ":2:23: /cases/0/status (case c1): column '办理状态': unknown status "
                       "'完成' (expected one of: open (在办), resolved (办结), unresolvable "
                       "(无法解决), withdrawn (撤回))",
                file + ":2:30: /cases/0/due_on (case c1): column '办理时限': '2020/1/32' is not "
                       "a calendar date"}));
}

TEST(CsvLedger, BrokenQuotingStopsReading) {
  csv_folder open_quote(
      "id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,\"never closed\n");
  EXPECT_EQ(problems_of(open_quote.path()),
            std::vector<std::string>{open_quote.file("cases.csv") +
                                     ":2:25: quoted cell opened here is not closed before the "
                                     "end of the file"});
  csv_folder after_quote(
      "id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour,\"a\"b\n");
  EXPECT_EQ(problems_of(after_quote.path()),
            std::vector<std::string>{after_quote.file("cases.csv") +
                                     ":2:28: unexpected 'b' after the closing quote of a cell (a "
                                     "quote inside a quoted cell is written \"\")"});
}

TEST(CsvLedger, HeaderProblems) {
  csv_folder folder("id,district,reported_on,catgory,summary,summary\n");
  const std::string file = folder.file("cases.csv");
  EXPECT_EQ(problems_of(folder.path()),
            (std::vector<std::string>{
                file + ":1:25: /cases: unknown column 'catgory'",
                file + ":1:41: /cases: column 'summary' names 'summary' again (already "
                       "column 'summary')",
                file + ":1: /cases: missing required column 'category' (headed "
                       "'category', '问题类别', '问题类型', '类别')"}));
}

TEST(CsvLedger, MissingRequiredValueAndStrayCells) {
  csv_folder folder(
      "id,district,reported_on,category\n"
      "c1,d1,,labour\n"
      "c2,d1,2020-01-05,labour,extra\n"
      ",,,\n");  // a blank row is skipped
  const std::string file = folder.file("cases.csv");
  EXPECT_EQ(problems_of(folder.path()),
            (std::vector<std::string>{
                file + ":2:1: /cases/0 (case c1): missing required field 'reported_on'",
                file + ":3:25: /cases/1 (case c2): value 'extra' in a column without a header"}));
}

TEST(CsvLedger, RuleProblemsPointAtTheRowOfTheirTable) {
  csv_folder folder(
      "id,district,reported_on,category,resolved_on\n"
      "c1,d1,2020-01-05,labour,2020-01-02\n"
      "c2,gulou,2020-01-05,labour,\n");
  const std::string file = folder.file("cases.csv");
  EXPECT_EQ(problems_of(folder.path()),
            (std::vector<std::string>{
                file + ":2:1: /cases/0/resolved_on (case c1): resolved_on 2020-01-02 is before "
                       "reported_on 2020-01-05",
                file + ":3:1: /cases/1/district (case c2): unknown district 'gulou'"}));
}

TEST(CsvLedger, UnitsTableAndTheCaseProcessColumns) {
  csv_folder folder(
      "id,district,reported_on,category,责任单位编号,协办单位,办理时限（工作日）,延期日期,延期至,"
      "办结日期,回访日期,回访满意度\n"
      "c1,d1,2020-01-23,labour,rsj,swj、fgw,7,2020-02-10,2020-02-18,2020-02-17,2020-02-20,"
      "基本满意\n"
      "c2,d1,2020-02-03,funding,swj,,5,,,,,\n");
  write_text(folder / "units.csv",
             "单位编号,单位名称,区县,单位类型\n"
             "rsj,仓山区人社局,d1,区人社局\n"
             "swj,市税务局,,市直部门\n"
             "fgw,市发改委,,\n");
  const ledger book = read_csv_ledger(folder.path());
  ASSERT_EQ(book.units().size(), 3u);
  EXPECT_EQ(book.units()[0].name, "仓山区人社局");
  EXPECT_EQ(book.units()[0].district, "d1");
  EXPECT_EQ(book.units()[0].kind, "区人社局");
  EXPECT_EQ(book.units()[1].district, "");
  ASSERT_EQ(book.cases().size(), 2u);
  const case_record& c1 = book.cases()[0];
  EXPECT_EQ(c1.unit, "rsj");
  EXPECT_EQ(c1.co_units, (id_list{"swj", "fgw"}));
  EXPECT_EQ(c1.due_workdays, 7);
  EXPECT_EQ(c1.due_on, date::from_ymd(2020, 2, 11));
  EXPECT_EQ(c1.extended_due_on, date::from_ymd(2020, 2, 18));
  EXPECT_EQ(c1.followed_up_on, date::from_ymd(2020, 2, 20));
  EXPECT_EQ(c1.satisfaction, satisfaction_level::basically_satisfied);
  EXPECT_EQ(book.cases()[1].due_on, date::from_ymd(2020, 2, 10));
}

TEST(CsvLedger, CaseUnitsMustBeInTheUnitsTable) {
  csv_folder folder(
      "id,district,reported_on,category,unit,co_units\n"
      "c1,d1,2020-01-23,labour,rsj,zjj\n");
  const std::string file = folder.file("cases.csv");
  EXPECT_EQ(problems_of(folder.path()),
            (std::vector<std::string>{file + ":2:1: /cases/0/unit (case c1): unknown unit 'rsj'",
                                      file + ":2:1: /cases/0/co_units (case c1): unknown unit "
                                             "'zjj'"}));
}

TEST(CsvLedger, FolderNeedsCasesAndKnownTables) {
  scratch_dir dir;
  write_text(dir / "districts.csv", "id,name\nd1,x\n");
  write_text(dir / "case.csv", "id\n");
  EXPECT_EQ(
      problems_of(dir.path()),
      (std::vector<std::string>{
          (dir / "case.csv").string() +
              ": unknown table case.csv (districts.csv, enterprises.csv, projects.csv, "
              "teams.csv, units.csv, cases.csv, measures.csv)",
          dir.path().string() + ": no cases.csv in the folder (the cases table is required)"}));
}

TEST(CsvLedger, KeepsExtraColumnsWhenAsked) {
  csv_folder folder(
      "id,district,reported_on,category,备注\nc1,d1,2020-01-05,labour,\"say \"\"hi\"\"\"\n");
  csv_ledger_options options;
  options.common.keep_extras = true;
  const ledger book = read_csv_ledger(folder.path(), options);
  EXPECT_EQ(book.cases()[0].extras.at("备注"), "\"say \\\"hi\\\"\"");
}

TEST(CsvLedger, MappingFileAddsHeadersAndValues) {
  csv_folder folder("受理号,街道,时间,类型\nc1,d1,2020-01-05,招商引资\n");
  write_text(folder / "mapping.json",
             R"({"headers": {"受理号": "id", "街道": "district", "时间": "reported_on",
                             "类型": "category"},
                 "values": {"category": {"招商引资": "policy"}}})");
  csv_ledger_options options;
  options.mapping = folder / "mapping.json";
  const ledger book = read_csv_ledger(folder.path(), options);
  EXPECT_EQ(book.cases()[0].category, case_category::policy);

  write_text(folder / "bad.json", R"({"header": {}})");
  options.mapping = folder / "bad.json";
  try {
    read_csv_ledger(folder.path(), options);
    FAIL() << "accepted";
  } catch (const ledger_error& e) {
    EXPECT_EQ(std::string(e.what()),
              (folder / "bad.json").string() + ": unknown key 'header' (headers, values)");
  }
}

TEST(CsvLedger, UnknownEncodingIsAUsageError) {
  csv_folder folder("id,district,reported_on,category\n");
  EXPECT_THROW(read_csv_ledger(folder.path(), with("latin-1")), usage_error);
}

TEST(CsvLedger, MissingFileIsAFileError) {
  scratch_dir dir;
  EXPECT_THROW(read_csv_ledger(dir / "nowhere.csv"), file_error);
}

// --- the flat case sheet ---------------------------------------------------------------

TEST(FlatSheet, CreatesRecordsFromNamesAndMeasuresFromSupportColumns) {
  scratch_dir dir;
  write_text(dir / "flat.csv",
             "序号,区县,企业名称,项目名称,重点,复工日期,问题类别,反映渠道,反映日期,办结日期,服务队,"
             "补助金额,贷款金额（万元）,返岗人数,运输方式,省内外,来源地,物资,物资数量,帮扶日期\n"
             "1,连江县,甲农业公司,,否,2020/2/10,资金,走访,2020/1/5,2020/1/20,一队,40万,550,,,,,,,\n"
             "2,连江县,甲农业公司,,,,用工,,2020/2/1,,一队,,,60,专车,省外,陇西,,,2020/2/20\n"
             "3,闽侯县,,乙工程,是,,防疫物资,,2020/2/3,2020/2/4,,,,,,,,口罩,500,\n");
  const ledger book = read_csv_ledger(dir / "flat.csv");

  ASSERT_EQ(book.districts().size(), 2u);
  EXPECT_EQ(book.districts()[0].id, "连江县");
  EXPECT_EQ(book.districts()[0].name, "连江县");
  ASSERT_EQ(book.enterprises().size(), 1u);
  EXPECT_EQ(book.enterprises()[0].district, "连江县");
  EXPECT_EQ(book.enterprises()[0].resumed_on, date::from_ymd(2020, 2, 10));
  ASSERT_EQ(book.projects().size(), 1u);
  EXPECT_TRUE(book.projects()[0].key);
  ASSERT_EQ(book.teams().size(), 1u);
  EXPECT_EQ(book.teams()[0].kind, team_kind::service_team);

  ASSERT_EQ(book.cases().size(), 3u);
  EXPECT_EQ(book.cases()[0].enterprise, "甲农业公司");
  EXPECT_EQ(book.cases()[0].status, case_status::resolved);
  EXPECT_EQ(book.cases()[1].status, case_status::open);
  EXPECT_EQ(book.cases()[2].project, "乙工程");

  // Case 1: a subsidy of 40万 and a loan of 550万元, granted when it was resolved.
  ASSERT_EQ(book.measures().size(), 4u);
  EXPECT_EQ(book.measures()[0].id, "1-subsidy");
  EXPECT_EQ(book.measures()[0].amount->fen(), 40'000'000);
  EXPECT_EQ(book.measures()[0].granted_on, date::from_ymd(2020, 1, 20));
  EXPECT_EQ(book.measures()[1].kind, measure_kind::loan);
  EXPECT_EQ(book.measures()[1].amount->fen(), 550'000'000);
  // Case 2: transport on its own granted_on.
  EXPECT_EQ(book.measures()[2].kind, measure_kind::transport);
  EXPECT_EQ(book.measures()[2].granted_on, date::from_ymd(2020, 2, 20));
  EXPECT_EQ(book.measures()[2].workers, 60);
  EXPECT_EQ(book.measures()[2].origin_place, "陇西");
  EXPECT_EQ(book.measures()[2].enterprise, "甲农业公司");
  EXPECT_EQ(book.measures()[2].case_id, "2");
  // Case 3: supplies to the project.
  EXPECT_EQ(book.measures()[3].item, "口罩");
  EXPECT_EQ(book.measures()[3].quantity, 500);
  EXPECT_EQ(book.measures()[3].project, "乙工程");
}

TEST(FlatSheet, NumbersCasesWithoutAnIdColumnAndUsesIdColumnsWhenGiven) {
  scratch_dir dir;
  write_text(dir / "flat.csv",
             "区县编号,区县,企业编号,企业名称,问题类别,反映日期\n"
             "lianjiang,连江县,E1,甲公司,资金,2020/1/5\n"
             "lianjiang,连江县,E1,甲公司,用工,2020/1/6\n");
  const ledger book = read_csv_ledger(dir / "flat.csv");
  EXPECT_EQ(book.districts()[0].id, "lianjiang");
  EXPECT_EQ(book.enterprises()[0].id, "E1");
  EXPECT_EQ(book.cases()[0].id, "1");
  EXPECT_EQ(book.cases()[1].id, "2");
  EXPECT_EQ(book.cases()[1].enterprise, "E1");
}

TEST(FlatSheet, RowsThatContradictEachOtherAreRefused) {
  scratch_dir dir;
  write_text(dir / "flat.csv",
             "序号,区县,企业名称,复工日期,问题类别,反映日期,补助金额\n"
             "1,连江县,甲公司,2020/2/10,资金,2020/1/5,\n"
             "2,连江县,甲公司,2020/2/11,资金,2020/1/6,\n"
             "3,闽侯县,甲公司,,资金,2020/1/7,12.345\n");
  const std::string file = (dir / "flat.csv").string();
  EXPECT_EQ(problems_of(dir / "flat.csv"),
            (std::vector<std::string>{
                file + ":3:1: /cases/1 (case 2): enterprise '甲公司' has resumed_on "
                       "2020-02-10 at line 2 but 2020-02-11 here",
                file + ":4:40: /cases/2/subsidy (case 3): column '补助金额': amount '12.345' has "
                       "more than two decimals"}));
}

}  // namespace
}  // namespace caseledger
