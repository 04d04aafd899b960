// Hostile input: every reader refuses what passes its limits (read_limits) with a message
// naming the place and the limit, after reading no more than the limit allows, and
// refuses NUL characters, invalid UTF-8 and duplicate keys.
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/read_limits.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using testing::scratch_dir;
using testing::write_text;

constexpr std::string_view head = R"({"format": "caseledger.ledger/1", )";

// The one-line form of the first problem reading `text` as "in.json" throws ("" if none).
std::string refusal(std::string_view text, const read_options& options = {}) {
  try {
    parse_json_ledger(text, "in.json", options);
  } catch (const ledger_error& e) {
    return e.problems().front().to_string();
  }
  return "";
}

// A valid ledger of one district whose name is `name` (JSON text, quotes included).
std::string district_named(std::string_view name) {
  return std::string(head) + R"("districts": [{"id": "d", "name": )" + std::string(name) + "}]}";
}

// --- JSON ------------------------------------------------------------------------------

TEST(HostileJson, DeepNestingIsRefusedAtTheLimit) {
  // 100,000 levels inside an extra field; the 65th level is refused.
  const std::string deep = std::string(head) + R"("districts": [{"id": "d", "name": "D", "x": )" +
                           std::string(100'000, '[') + std::string(100'000, ']') + "}]}";
  read_options options;
  options.keep_extras = true;
  // The document is level 1, the array 2, the record 3: the extra's arrays start at 4
  // (column 79) and the 62nd of them is level 65, at column 79 + 61.
  EXPECT_EQ(refusal(deep, options),
            "in.json:1:140: /districts/0/x (district d): objects and arrays nested deeper "
            "than 64 levels (the limit max_depth)");
  options.limits.max_depth = 5;
  EXPECT_EQ(refusal(deep, options),
            "in.json:1:81: /districts/0/x (district d): objects and arrays nested deeper than "
            "5 levels (the limit max_depth)");
}

TEST(HostileJson, NestingOutsideRecordsIsRefusedToo) {
  // An unknown key's value is skipped, not kept, but its depth still counts: the document
  // is level 1, the first "[" (column 7) level 2, the 64th "[" level 65.
  read_options options;
  options.max_problems = 2;
  try {
    parse_json_ledger("{\"x\": " + std::string(100'000, '['), "in.json", options);
    FAIL() << "no error";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 2U);
    EXPECT_EQ(e.problems()[0].to_string(), "in.json:1:2: /x: unknown key 'x'");
    EXPECT_EQ(e.problems()[1].to_string(),
              "in.json:1:70: objects and arrays nested deeper than 64 levels (the limit "
              "max_depth)");
  }
}

TEST(HostileJson, AStringPastTheLimitIsRefusedWhereItStarts) {
  const std::string big = "\"" + std::string(std::size_t{8} << 20, 'a') + "\"";
  EXPECT_EQ(refusal(district_named(big)),
            "in.json:1:69: /districts/0/name (district d): a string longer than 1048576 bytes "
            "(the limit max_string_bytes)");
  read_options options;
  options.limits.max_string_bytes = std::size_t{16} << 20;
  EXPECT_EQ(refusal(district_named(big), options), "");
}

TEST(HostileJson, AKeyPastTheLimitIsRefused) {
  read_options options;
  options.limits.max_string_bytes = 30;
  // The key starts after `{"id": "d", ` at column 61.
  EXPECT_EQ(refusal(std::string(head) +
                        R"("districts": [{"id": "d", "a_name_far_longer_than_thirty_bytes": 1}]})",
                    options),
            "in.json:1:61: /districts/0 (district d): a string longer than 30 bytes (the limit "
            "max_string_bytes)");
}

TEST(HostileJson, ANumberPastTheLimitIsRefused) {
  const std::string ledger = std::string(head) +
                             R"("districts": [{"id": "d", "name": "D"}], "teams": [{"id": "t", )"
                             R"("district": "d", "kind": "party_team", "members": )" +
                             std::string(1'000'000, '9') + "}]}";
  EXPECT_EQ(refusal(ledger), "in.json:1:" + std::to_string(ledger.find("999") + 1) +
                                 ": /teams/0/members (team t): a number or literal longer than 64 "
                                 "characters (the limit max_number_chars)");
}

TEST(HostileJson, AMillionFieldsInARecordAreRefusedAtTheLimit) {
  std::string ledger = std::string(head) + R"("districts": [{"id": "d")";
  ledger.reserve(ledger.size() + 5'000'000 * 12);
  for (int i = 0; i < 5'000'000; ++i) ledger += ", \"f" + std::to_string(i) + "\": 0";
  ledger += "}]}";
  read_options options;
  options.keep_extras = true;
  // "id" is the first value, "f1022" the 1024th, "f1023" one too many.
  EXPECT_EQ(refusal(ledger, options),
            "in.json:1:" + std::to_string(ledger.find("\"f1023\"") + 1) +
                ": /districts/0 (district d): more than 1024 values in one record (the limit "
                "max_fields)");
}

TEST(HostileJson, AHugeArrayInsideAnExtraIsRefusedAtTheLimit) {
  std::string items = "[0";
  for (int i = 0; i < 100'000; ++i) items += ",0";
  read_options options;
  options.keep_extras = true;
  const std::string found = refusal(
      std::string(head) + R"("districts": [{"id": "d", "name": "D", "x": )" + items + "]}]}",
      options);
  EXPECT_TRUE(found.ends_with("more than 1024 values in one record (the limit max_fields)"))
      << found;
}

TEST(HostileJson, AnExtraKeptAsTextIsHeldToTheStringLimit) {
  read_options options;
  options.keep_extras = true;
  options.limits.max_string_bytes = 20;
  EXPECT_EQ(
      refusal(std::string(head) +
                  R"("districts": [{"id": "d", "name": "D", "x": ["0123456789", "0123456789"]}]})",
              options),
      "in.json:1:94: /districts/0/x (district d): the value of x is longer than 20 bytes "
      "as JSON text (the limit max_string_bytes)");
}

TEST(HostileJson, DuplicateKeysAreRefusedWhereverTheyAre) {
  // A field of the domain, twice.
  EXPECT_EQ(refusal(std::string(head) + R"("districts": [{"id": "d", "name": "D", "name": "E"}]})"),
            "in.json:1:74: /districts/0/name (district d): duplicate field 'name'");
  // A key of the document, twice.
  EXPECT_EQ(refusal(std::string(head) + R"("districts": [], "districts": []})"),
            "in.json:1:52: /districts: duplicate key 'districts'");
  // An extra field, twice: kept, it would silently hold the last one.
  read_options options;
  options.keep_extras = true;
  EXPECT_EQ(
      refusal(std::string(head) + R"("districts": [{"id": "d", "name": "D", "x": 1, "x": 2}]})",
              options),
      "in.json:1:82: /districts/0/x (district d): duplicate field 'x'");
  // A key inside an extra field's object.
  EXPECT_EQ(refusal(std::string(head) +
                        R"("districts": [{"id": "d", "name": "D", "x": {"a": 1, "a": 2}}]})",
                    options),
            "in.json:1:88: /districts/0/x (district d): duplicate key 'a' in the value of x");
}

TEST(HostileJson, NulCharactersAreRefused) {
  EXPECT_EQ(refusal(district_named(R"("a\u0000b")")),
            "in.json:1:69: /districts/0/name (district d): a NUL character (\\u0000), which "
            "text never holds");
  EXPECT_EQ(refusal(std::string(head) + R"("districts": [{"id": "d", "na\u0000me": "D"}]})"),
            "in.json:1:61: /districts/0 (district d): a NUL character (\\u0000), which text "
            "never holds");
  // Unescaped, it is not JSON at all.
  EXPECT_EQ(refusal(district_named(std::string("\"a\0b\"", 5))),
            "in.json:1:71: /districts/0/name (district d): invalid JSON: syntax error while "
            "parsing value - invalid string: control character U+0000 (NUL) must be escaped to "
            "\\u0000; last read: '\"a<U+0000>'");
}

TEST(HostileJson, OverlongAndInvalidUtf8IsRefused) {
  // "/" as two bytes (overlong), a surrogate as three, a byte that never starts a character.
  for (const std::string bytes : {"\xC0\xAF", "\xED\xA0\x80", "\xFF"}) {
    const std::string found = refusal(district_named("\"a" + bytes + "\""));
    EXPECT_TRUE(found.starts_with("in.json:1:7")) << found;
    EXPECT_TRUE(found.ends_with(": /districts/0/name (district d): invalid UTF-8")) << found;
  }
}

// --- CSV -------------------------------------------------------------------------------

// The first problem reading the flat sheet `content` throws ("" if none).
std::string csv_refusal(std::string_view content, const csv_ledger_options& options = {}) {
  scratch_dir dir;
  write_text(dir / "cases.csv", content);
  try {
    read_csv_ledger(dir / "cases.csv", options);
  } catch (const ledger_error& e) {
    const std::string text = e.problems().front().to_string();
    return text.substr(text.find("cases.csv"));
  }
  return "";
}

// A flat sheet whose one case has `summary` as its last cell, which starts at column 25.
std::string case_with_summary(std::string_view summary) {
  return "id,district,reported_on,category,summary\nc1,d1,2020-01-05,labour," +
         std::string(summary) + "\n";
}

TEST(HostileCsv, ACellPastTheLimitIsRefused) {
  csv_ledger_options options;
  options.common.limits.max_string_bytes = 1000;
  EXPECT_EQ(csv_refusal(case_with_summary("\"" + std::string(100'000, 'x') + "\""), options),
            "cases.csv:2:25: a cell longer than 1000 bytes (the limit max_string_bytes)");
  // The default holds a megabyte; a line of 64 MiB without a comma is refused at it.
  EXPECT_EQ(csv_refusal(case_with_summary(std::string(std::size_t{64} << 20, 'x'))),
            "cases.csv:2:25: a cell longer than 1048576 bytes (the limit max_string_bytes)");
}

TEST(HostileCsv, ARowOfAMillionCellsIsRefusedAtTheLimit) {
  // Four cells, then a million commas: the fifth cell starts at column 25, each comma
  // starts another, so the 1025th starts at column 25 + 1020.
  EXPECT_EQ(csv_refusal(case_with_summary(std::string(1'000'000, ','))),
            "cases.csv:2:1045: more than 1024 cells in one row (the limit max_fields)");
}

TEST(HostileCsv, NulBytesAndOverlongUtf8AreRefused) {
  EXPECT_EQ(csv_refusal(case_with_summary(std::string("a\0b", 3))),
            "cases.csv:2:26: a NUL byte (0x00), which text never holds");
  csv_ledger_options utf8;
  utf8.encoding = text_encoding::utf8;
  EXPECT_EQ(csv_refusal(case_with_summary("a\xC0\xAF"), utf8),
            "cases.csv:2:26: invalid UTF-8 byte 0xc0 (if the file is GB18030 or GBK, say so "
            "with --encoding gb18030)");
}

// --- xlsx ------------------------------------------------------------------------------

constexpr std::string_view workbook_xml =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view relations_xml =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

/// A zip archive written part by part with minizip, each part deflated as it is given.
class zip_writer {
 public:
  explicit zip_writer(const std::filesystem::path& path) : zip_(zipOpen64(path.c_str(), 0)) {}
  ~zip_writer() { zipClose(zip_, nullptr); }
  zip_writer(const zip_writer&) = delete;
  zip_writer& operator=(const zip_writer&) = delete;

  void start(const std::string& name) {
    // The fastest level: the bombs below are mostly spaces, which it shrinks enough.
    zipOpenNewFileInZip64(zip_, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                          1, 1);
  }
  void write(std::string_view bytes) {
    zipWriteInFileInZip(zip_, bytes.data(), static_cast<unsigned>(bytes.size()));
  }
  void part(const std::string& name, std::string_view content) {
    start(name);
    write(content);
    zipCloseFileInZip(zip_);
  }
  void end_part() { zipCloseFileInZip(zip_); }

 private:
  zipFile zip_;
};

/// A workbook with a `cases` sheet whose XML is `sheet`, and a shared-string table when
/// `strings` is not empty.
std::filesystem::path workbook(const scratch_dir& dir, std::string_view sheet,
                               std::string_view strings = {}) {
  const auto path = dir / "book.xlsx";
  zip_writer zip(path);
  zip.part("xl/workbook.xml", workbook_xml);
  zip.part("xl/_rels/workbook.xml.rels", relations_xml);
  if (!strings.empty()) zip.part("xl/sharedStrings.xml", strings);
  zip.part("xl/worksheets/sheet1.xml", sheet);
  return path;
}

std::string sheet_of(std::string_view rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
         R"(<sheetData>)" +
         std::string(rows) + "</sheetData></worksheet>";
}

// The first problem reading `path` throws, without the folder ("" if none).
std::string xlsx_refusal(const std::filesystem::path& path,
                         const xlsx_ledger_options& options = {}) {
  try {
    read_xlsx_ledger(path, options);
  } catch (const ledger_error& e) {
    const std::string text = e.problems().front().to_string();
    return text.substr(text.find("book.xlsx"));
  }
  return "";
}

// A workbook whose sheet holds `mebibytes` MiB of spaces, deflated to about a thousandth.
std::filesystem::path zip_bomb(const scratch_dir& dir, int mebibytes) {
  const auto path = dir / "book.xlsx";
  zip_writer zip(path);
  zip.part("xl/workbook.xml", workbook_xml);
  zip.part("xl/_rels/workbook.xml.rels", relations_xml);
  zip.start("xl/worksheets/sheet1.xml");
  zip.write(R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)");
  const std::string spaces(std::size_t{1} << 20, ' ');
  for (int i = 0; i < mebibytes; ++i) zip.write(spaces);
  zip.write("<sheetData/></worksheet>");
  zip.end_part();
  return path;
}

TEST(HostileXlsx, AGigabyteZipBombIsRefusedByItsSize) {
  // 1 GiB and 101 bytes of XML: the archive says so, and the part is refused unread.
  scratch_dir dir;
  EXPECT_EQ(xlsx_refusal(zip_bomb(dir, 1024)),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml is 1073741925 bytes uncompressed, more "
            "than the limit max_part_bytes (1073741824)");
}

TEST(HostileXlsx, AZipBombIsRefusedByItsCompressionRatio) {
  // 64 MiB: under the size limit, but refused once 16 MiB have come out at over 200:1.
  scratch_dir dir;
  const std::string found = xlsx_refusal(zip_bomb(dir, 64));
  EXPECT_TRUE(
      found.starts_with("book.xlsx[cases]: xl/worksheets/sheet1.xml expands to more than 200 "
                        "times its compressed size ("))
      << found;
  EXPECT_TRUE(found.ends_with("; a zip bomb? the limit max_compression_ratio)")) << found;
  // Caught at the first chunk past 16 MiB, not at the end of the 64.
  const std::size_t bytes = std::stoull(found.substr(found.find(" size (") + 7));
  EXPECT_GT(bytes, std::size_t{16} << 20);
  EXPECT_LE(bytes, (std::size_t{16} << 20) + (std::size_t{64} << 10));
}

TEST(HostileXlsx, APartLargerThanTheLimitIsRefusedBeforeItIsRead) {
  scratch_dir dir;
  const auto path = workbook(dir, sheet_of(std::string(3000, ' ')));
  xlsx_ledger_options options;
  options.common.limits.max_part_bytes = 1000;
  EXPECT_EQ(xlsx_refusal(path, options),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml is 3112 bytes uncompressed, more than the "
            "limit max_part_bytes (1000)");
}

TEST(HostileXlsx, AHugeSharedStringTableIsRefusedAtTheLimit) {
  scratch_dir dir;
  std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (int i = 0; i < 1'000'000; ++i) strings += "<si><t>s" + std::to_string(i) + "</t></si>";
  strings += "</sst>";
  const auto path = workbook(dir, sheet_of(""), strings);
  xlsx_ledger_options options;
  options.common.limits.max_shared_strings = 1000;
  EXPECT_EQ(xlsx_refusal(path, options),
            "book.xlsx: more than 1000 shared strings (the limit max_shared_strings)");
  options = {};
  options.common.limits.max_shared_string_bytes = 100'000;
  EXPECT_EQ(xlsx_refusal(path, options),
            "book.xlsx: shared strings of more than 100000 bytes in all (the limit "
            "max_shared_string_bytes)");
}

TEST(HostileXlsx, ALongSharedStringOrCellIsRefused) {
  scratch_dir dir;
  const std::string big(std::size_t{2} << 20, 'x');
  const auto with_string =
      workbook(dir, sheet_of(""),
               R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
                   big + "</t></si></sst>");
  EXPECT_EQ(xlsx_refusal(with_string),
            "book.xlsx: xl/sharedStrings.xml:1: a shared string longer than 1048576 bytes (the "
            "limit max_string_bytes)");
  scratch_dir other;
  const auto with_cell = workbook(other, sheet_of(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>)" +
                                                  big + "</t></is></c></row>"));
  EXPECT_EQ(xlsx_refusal(with_cell),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml:1: a cell longer than 1048576 bytes (the "
            "limit max_string_bytes)");
}

TEST(HostileXlsx, ALongTagIsRefused) {
  scratch_dir dir;
  const auto path =
      workbook(dir, sheet_of(R"(<row r="1"><c r="A1" x=")" +
                             std::string(std::size_t{4} << 20, 'x') + R"("/></row>)"));
  EXPECT_EQ(xlsx_refusal(path),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml:1: an XML tag, comment or attribute "
            "longer than 1048576 bytes (the limit max_string_bytes)");
}

TEST(HostileXlsx, ACellBeyondTheFieldLimitIsRefused) {
  scratch_dir dir;
  const auto path = workbook(dir, sheet_of(R"(<row r="1"><c r="AMK1"><v>1</v></c></row>)"));
  EXPECT_EQ(xlsx_refusal(path),
            "book.xlsx[cases]: row 1 has a cell in column 1025, beyond the limit max_fields (1024 "
            "cells in one row)");
}

TEST(HostileXlsx, DeepXmlAndDocumentTypesAreRefused) {
  std::string nested;
  for (int i = 0; i < 100'000; ++i) nested += "<a>";
  scratch_dir deep_dir;
  const auto deep_path = workbook(deep_dir, sheet_of(nested));
  EXPECT_EQ(xlsx_refusal(deep_path),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml:1: XML elements nested deeper than 64 "
            "levels (the limit max_depth)");
  // The billion laughs: entities that multiply text. Refused at the declaration.
  scratch_dir laughs_dir;
  const auto laughs =
      workbook(laughs_dir,
               R"(<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">)"
               R"(<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)" +
                   sheet_of(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>)"));
  EXPECT_EQ(xlsx_refusal(laughs),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml has a document type declaration "
            "(<!DOCTYPE>), which xlsx parts never have");
}

TEST(HostileXlsx, NulCharactersAndOverlongUtf8AreNotXml) {
  scratch_dir dir;
  const auto nul = workbook(
      dir, sheet_of(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b</t></is></c></row>)"));
  EXPECT_EQ(xlsx_refusal(nul),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml:1: invalid XML: reference to invalid "
            "character number");
  scratch_dir other;
  const auto overlong = workbook(
      other,
      sheet_of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\xC0\xAF</t></is></c></row>"));
  EXPECT_EQ(xlsx_refusal(overlong),
            "book.xlsx[cases]: xl/worksheets/sheet1.xml:1: invalid XML: not well-formed "
            "(invalid token)");
}

// --- the limits as options -------------------------------------------------------------

TEST(ReadLimits, SetByName) {
  read_limits limits;
  set_read_limit(limits, "max_depth=10");
  set_read_limit(limits, "max_string_bytes=16M");
  set_read_limit(limits, "max_part_bytes=2G");
  set_read_limit(limits, "max_shared_strings=3k");
  EXPECT_EQ(limits.max_depth, 10U);
  EXPECT_EQ(limits.max_string_bytes, 16U * 1024 * 1024);
  EXPECT_EQ(limits.max_part_bytes, 2ULL * 1024 * 1024 * 1024);
  EXPECT_EQ(limits.max_shared_strings, 3U * 1024);
  EXPECT_EQ(limits.max_fields, 1024U);  // untouched
}

TEST(ReadLimits, RefusesWhatIsNotALimit) {
  const auto message = [](std::string_view assignment) {
    read_limits limits;
    try {
      set_read_limit(limits, assignment);
    } catch (const usage_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message("max_depth"), "limit 'max_depth' is not NAME=VALUE");
  EXPECT_EQ(message("max_depth=0"),
            "limit max_depth: '0' is not a whole number of at least 1 (K, M, G suffixes allowed)");
  EXPECT_EQ(message("max_depth=-1"),
            "limit max_depth: '-1' is not a whole number of at least 1 (K, M, G suffixes allowed)");
  EXPECT_EQ(message("max_depth=99999999999999999G"), "limit max_depth is too large");
  EXPECT_EQ(message("depth=3"),
            "unknown limit 'depth' (max_depth, max_string_bytes, max_number_chars, max_fields, "
            "max_part_bytes, max_compression_ratio, max_shared_strings, "
            "max_shared_string_bytes)");
}

// An .ods spreadsheet of one sheet whose table holds `rows` (table:table-row elements).
std::filesystem::path spreadsheet(const scratch_dir& dir, std::string_view rows) {
  const auto path = dir / "book.ods";
  zip_writer zip(path);
  zip.part("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
  zip.part(
      "content.xml",
      R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
      R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
      R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">)"
      R"(<office:body><office:spreadsheet><table:table table:name="问题台账">)" +
          std::string(rows) +
          "</table:table></office:spreadsheet></office:body></office:document-content>");
  return path;
}

std::string ods_row(std::string_view cells, std::string_view repeat = "1") {
  return R"(<table:table-row table:number-rows-repeated=")" + std::string(repeat) + R"(">)" +
         std::string(cells) + "</table:table-row>";
}

std::string ods_cell(std::string_view text, std::string_view repeat = "1") {
  return R"(<table:table-cell table:number-columns-repeated=")" + std::string(repeat) +
         R"(" office:value-type="string"><text:p>)" + std::string(text) +
         "</text:p></table:table-cell>";
}

TEST(HostileOds, RepeatedEmptyRowsAndColumnsAreCountedNotBuilt) {
  // LibreOffice pads a sheet with a million empty rows and a thousand empty columns; a
  // hostile file may say a billion. Empty ones cost nothing; the cases keep their rows.
  scratch_dir dir;
  const std::string header = ods_row(ods_cell("区县") + ods_cell("问题类别") +
                                     ods_cell("反映日期") + ods_cell("", "16000"));
  const std::string row = ods_row(ods_cell("仓山区") + ods_cell("资金") + ods_cell("2020-01-05"));
  const auto path = spreadsheet(dir, ods_row(ods_cell("", "1000"), "3") + header + row +
                                         ods_row(ods_cell("", "16384"), "999999999"));
  const ledger book = read_ods_ledger(path);
  ASSERT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.cases()[0].id, "1");
  EXPECT_EQ(book.notes().size(), 0u);
}

TEST(HostileOds, ARepeatedCellPastMaxFieldsIsRefused) {
  scratch_dir dir;
  const auto path = spreadsheet(dir, ods_row(ods_cell("区县") + ods_cell("x", "5000")));
  try {
    read_ods_ledger(path);
    FAIL() << "accepted";
  } catch (const ledger_error& e) {
    const std::string text = e.problems().front().to_string();
    EXPECT_EQ(text.substr(text.find("book.ods")),
              "book.ods[问题台账]: row 1 has a cell in column 5001, beyond the limit max_fields "
              "(1024 cells in one row)");
  }
}

TEST(HostileOds, ARepeatedRowWithContentIsHandedOutCopyByCopy) {
  // Three identical case rows written once with a repeat count: three cases, rows 2 to 4,
  // each numbered by its row.
  scratch_dir dir;
  const auto path = spreadsheet(
      dir, ods_row(ods_cell("区县") + ods_cell("问题类别") + ods_cell("反映日期")) +
               ods_row(ods_cell("仓山区") + ods_cell("资金") + ods_cell("2020-01-05"), "3"));
  const ledger book = read_ods_ledger(path);
  ASSERT_EQ(book.cases().size(), 3u);
  EXPECT_EQ(book.cases()[2].id, "3");
  // The same with twenty million copies is more than a spreadsheet holds.
  const auto huge = spreadsheet(
      dir, ods_row(ods_cell("区县") + ods_cell("问题类别") + ods_cell("反映日期")) +
               ods_row(ods_cell("仓山区") + ods_cell("资金") + ods_cell("2020-01-05"), "20000000"));
  EXPECT_THROW(read_ods_ledger(huge), ledger_error);
}

TEST(HostileOds, NotASpreadsheetIsALedgerProblem) {
  scratch_dir dir;
  write_text(dir / "book.ods", "PK not really");
  EXPECT_THROW(read_ods_ledger(dir / "book.ods"), ledger_error);
  zip_writer(dir / "empty.ods").part("mimetype", "application/zip");
  try {
    read_ods_ledger(dir / "empty.ods");
    FAIL() << "accepted";
  } catch (const ledger_error& e) {
    EXPECT_EQ(e.problems().front().reason, "not an ods spreadsheet (no content.xml)");
  }
}

TEST(ReadLimits, ReadLedgerPassesThemToEveryReader) {
  scratch_dir dir;
  write_text(dir / "in.json", district_named("\"" + std::string(100, 'x') + "\""));
  ledger_read_options options;
  options.common.limits.max_string_bytes = 50;
  EXPECT_THROW(read_ledger(dir / "in.json", options), ledger_error);
  write_text(dir / "cases.csv", "id\n" + std::string(100, 'x') + "\n");
  EXPECT_THROW(read_ledger(dir / "cases.csv", options), ledger_error);
  const auto book = workbook(dir, sheet_of(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>)" +
                                           std::string(100, 'x') + "</t></is></c></row>"));
  EXPECT_THROW(read_ledger(book, options), ledger_error);
}

}  // namespace
}  // namespace caseledger
