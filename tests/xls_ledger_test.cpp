// Reading .xls workbooks on bytes built here: the compound file (the mini stream, a large
// stream through the FAT, a FAT loop, a sector past the end, truncation), the BIFF8 records
// (SST strings across CONTINUE, RK and MULRK, formula results, dates and the 1904 system)
// and the refusals (Excel 5/95, encrypted, not a compound file), with exact values and
// messages.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "io/xls/compound_file.hpp"
#include "io/xls/workbook_stream.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using testing::scratch_dir;

constexpr std::uint32_t end_of_chain = 0xFFFFFFFE;
constexpr std::uint32_t no_sector = 0xFFFFFFFF;

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

void put64(std::string& out, std::uint64_t value) {
  put32(out, static_cast<std::uint32_t>(value));
  put32(out, static_cast<std::uint32_t>(value >> 32));
}

// ---- BIFF8 ------------------------------------------------------------------------------

std::string record(std::uint16_t type, const std::string& data) {
  std::string out;
  put16(out, type);
  put16(out, static_cast<std::uint32_t>(data.size()));
  return out + data;
}

// A cell record's start: row, column (0-based) and XF.
std::string at(std::uint16_t row, std::uint16_t column, std::uint16_t xf = 0) {
  std::string out;
  put16(out, row);
  put16(out, column);
  put16(out, xf);
  return out;
}

// An XLUnicodeString of Latin-1 text, compressed (a byte a character).
std::string compressed(std::string_view text) {
  std::string out;
  put16(out, static_cast<std::uint32_t>(text.size()));
  return out + '\0' + std::string(text);
}

// An XLUnicodeString in UTF-16.
std::string wide(std::u16string_view text) {
  std::string out;
  put16(out, static_cast<std::uint32_t>(text.size()));
  out += '\x01';
  for (const char16_t unit : text) put16(out, unit);
  return out;
}

std::string bof(std::uint16_t substream, std::uint16_t version = 0x0600) {
  std::string data;
  put16(data, version);
  put16(data, substream);
  return data + std::string(12, '\0');
}

std::string number(std::uint16_t row, std::uint16_t column, double value, std::uint16_t xf = 0) {
  std::string data = at(row, column, xf);
  put64(data, std::bit_cast<std::uint64_t>(value));
  return record(0x0203, data);
}

std::string rk(std::uint16_t row, std::uint16_t column, std::uint32_t value) {
  std::string data = at(row, column);
  put32(data, value);
  return record(0x027E, data);
}

std::string label(std::uint16_t row, std::uint16_t column, const std::string& text) {
  return record(0x0204, at(row, column) + text);
}

std::string label_sst(std::uint16_t row, std::uint16_t column, std::uint32_t index) {
  std::string data = at(row, column);
  put32(data, index);
  return record(0x00FD, data);
}

// A FORMULA record with the 8 bytes of its cached result and an empty formula.
std::string formula(std::uint16_t row, std::uint16_t column, const std::string& result,
                    std::uint16_t xf = 0) {
  std::string data = at(row, column, xf) + result;
  put16(data, 0);  // flags
  put32(data, 0);  // chn
  put16(data, 0);  // cce: no tokens
  return record(0x0006, data);
}

// A special cached result (string 0, boolean 1, error 2, empty 3) with its value byte.
std::string special(std::uint8_t type, std::uint8_t value = 0) {
  std::string result(8, '\0');
  result[0] = static_cast<char>(type);
  result[2] = static_cast<char>(value);
  result[6] = result[7] = '\xFF';
  return result;
}

std::string xf(std::uint16_t format) {
  std::string data;
  put16(data, 0);
  put16(data, format);
  return record(0x00E0, data + std::string(16, '\0'));
}

std::string format(std::uint16_t id, const std::string& code) {
  std::string data;
  put16(data, id);
  return record(0x041E, data + code);
}

struct sheet {
  std::string name;
  std::string records;  // between its BOF and EOF
};

// A Workbook stream: the globals' BOF, `globals`, a BOUNDSHEET per sheet, EOF; then each
// sheet's BOF, records and EOF.
std::string workbook_stream(const std::string& globals, const std::vector<sheet>& sheets,
                            std::uint16_t version = 0x0600) {
  const std::string head = record(0x0809, bof(0x0005, version)) + globals;
  std::size_t bounds_size = 0;
  for (const sheet& s : sheets) bounds_size += 4 + 8 + s.name.size();
  const std::size_t first = head.size() + bounds_size + 4;
  std::string bounds;
  std::string bodies;
  for (const sheet& s : sheets) {
    std::string data;
    put32(data, static_cast<std::uint32_t>(first + bodies.size()));
    data += std::string{'\0', '\0', static_cast<char>(s.name.size()), '\0'} + s.name;
    bounds += record(0x0085, data);
    bodies += record(0x0809, bof(0x0010, version)) + s.records + record(0x000A, "");
  }
  return head + bounds + record(0x000A, "") + bodies;
}

// ---- the compound file ------------------------------------------------------------------

struct stream_entry {
  std::u16string name;
  std::string content;
};

std::string directory_entry(std::u16string_view name, std::uint8_t type, std::uint32_t right,
                            std::uint32_t child, std::uint32_t start, std::uint64_t size) {
  std::string entry;
  for (const char16_t c : name) put16(entry, c);
  entry.resize(64, '\0');
  put16(entry, static_cast<std::uint32_t>(name.size() + 1) * 2);
  entry += static_cast<char>(type);
  entry += '\x01';  // black
  put32(entry, no_sector);
  put32(entry, right);
  put32(entry, child);
  entry.resize(116, '\0');
  put32(entry, start);
  put64(entry, size);
  return entry;
}

// A version-3 compound file (512-byte sectors) with `streams` at the root: sector 0 holds
// the FAT (at file offset 512), streams of 4096 bytes or more take the next sectors in
// order, then the mini stream, the directory and the MiniFAT.
std::string compound(const std::vector<stream_entry>& streams) {
  std::vector<std::string> sectors{std::string()};
  std::vector<std::uint32_t> fat{0xFFFFFFFD};
  const auto add_chain = [&](const std::string& data) -> std::uint32_t {
    if (data.empty()) return end_of_chain;
    const auto first = static_cast<std::uint32_t>(sectors.size());
    for (std::size_t offset = 0; offset < data.size(); offset += 512) {
      std::string sector = data.substr(offset, 512);
      sector.resize(512, '\0');
      sectors.push_back(sector);
      fat.push_back(static_cast<std::uint32_t>(sectors.size()));
    }
    fat.back() = end_of_chain;
    return first;
  };
  std::string mini_stream;
  std::string mini_fat;
  std::vector<std::uint32_t> starts;
  for (const stream_entry& s : streams) {
    if (s.content.size() >= 4096) {
      starts.push_back(add_chain(s.content));
      continue;
    }
    starts.push_back(static_cast<std::uint32_t>(mini_stream.size() / 64));
    for (std::size_t offset = 0; offset < s.content.size(); offset += 64) {
      std::string sector = s.content.substr(offset, 64);
      sector.resize(64, '\0');
      mini_stream += sector;
      put32(mini_fat, static_cast<std::uint32_t>(mini_stream.size() / 64));
    }
    mini_fat.replace(mini_fat.size() - 4, 4, std::string("\xFE\xFF\xFF\xFF", 4));
  }
  const std::uint32_t mini_start = add_chain(mini_stream);
  std::string directory =
      directory_entry(u"Root Entry", 5, no_sector, 1, mini_start, mini_stream.size());
  for (std::size_t i = 0; i < streams.size(); ++i) {
    const auto right = i + 1 < streams.size() ? static_cast<std::uint32_t>(i + 2) : no_sector;
    directory +=
        directory_entry(streams[i].name, 2, right, no_sector, starts[i], streams[i].content.size());
  }
  const std::uint32_t directory_start = add_chain(directory);
  const std::uint32_t mini_fat_start = add_chain(mini_fat);
  for (const std::uint32_t entry : fat) put32(sectors[0], entry);
  sectors[0].resize(512, '\xFF');

  std::string header("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  header += std::string(16, '\0');
  put16(header, 0x3E);
  put16(header, 3);
  put16(header, 0xFFFE);
  put16(header, 9);
  put16(header, 6);
  header += std::string(6, '\0');
  put32(header, 0);  // directory sectors (version 3: 0)
  put32(header, 1);  // FAT sectors
  put32(header, directory_start);
  put32(header, 0);
  put32(header, 4096);
  put32(header, mini_fat_start);
  put32(header, mini_fat.empty() ? 0 : static_cast<std::uint32_t>(sectors.size()) - mini_fat_start);
  put32(header, end_of_chain);  // no DIFAT sectors
  put32(header, 0);
  put32(header, 0);  // the FAT's one sector
  header.resize(512, '\xFF');
  std::string file = header;
  for (const std::string& sector : sectors) file += sector;
  return file;
}

std::string xls(const std::string& stream) { return compound({{u"Workbook", stream}}); }

void set_fat_entry(std::string& file, std::uint32_t sector, std::uint32_t next) {
  std::string value;
  put32(value, next);
  file.replace(512 + 4 * std::size_t{sector}, 4, value);
}

// The first sheet's cells as "row:column text" (1-based).
std::vector<std::string> cells_of(const std::string& file, const read_limits& limits = {}) {
  const detail::compound_file compound_file(file, "book.xls");
  const auto stream = compound_file.stream("Workbook", limits.max_part_bytes);
  if (!stream) throw std::logic_error("no Workbook stream");
  const detail::biff_workbook book(*stream, "book.xls", limits);
  std::vector<std::string> shown;
  for (const detail::xls_cell& cell :
       book.sheet_cells(0, "book.xls[" + book.sheet_names().at(0) + "]")) {
    shown.push_back(std::to_string(cell.row + 1) + ":" + std::to_string(cell.column + 1) + " " +
                    book.text_of(cell));
  }
  return shown;
}

// The first problem of the ledger_error `read` throws, as a line.
std::string refusal(const std::function<void()>& read) {
  try {
    read();
  } catch (const ledger_error& e) {
    return e.problems().at(0).to_string();
  }
  return "no ledger_error";
}

std::string one_sheet(const std::string& records, const std::string& globals = {}) {
  return xls(workbook_stream(globals, {{"Sheet1", records}}));
}

// ---- the compound-file layer ------------------------------------------------------------

TEST(XlsLedger, ASmallWorkbookIsReadFromTheMiniStream) {
  const std::string file = one_sheet(label(0, 0, compressed("hello")) + number(0, 2, 2.5));
  ASSERT_LT(file.size(), 4096u);
  EXPECT_EQ(cells_of(file), (std::vector<std::string>{"1:1 hello", "1:3 2.5"}));
}

TEST(XlsLedger, ALargeWorkbookIsReadThroughTheFat) {
  std::string records;
  for (std::uint16_t row = 0; row < 300; ++row) records += number(row, 0, row + 0.25);
  const std::string stream = workbook_stream({}, {{"Sheet1", records}});
  ASSERT_GE(stream.size(), 4096u);
  const std::vector<std::string> cells = cells_of(xls(stream));
  ASSERT_EQ(cells.size(), 300u);
  EXPECT_EQ(cells.front(), "1:1 0.25");
  EXPECT_EQ(cells.back(), "300:1 299.25");
}

TEST(XlsLedger, FatSectorsPastTheHeadersListAreInDifatSectors) {
  // The header lists 109 FAT sectors; a file with more lists the rest in DIFAT sectors.
  // Here: the real FAT (sector 0), then 109 FAT sectors of free entries appended, the last
  // of them listed in an appended DIFAT sector.
  std::string file = one_sheet(number(0, 0, 4));
  const auto first_added = static_cast<std::uint32_t>(file.size() / 512 - 1);
  for (int i = 0; i < 109; ++i) file += std::string(512, '\xFF');
  const std::uint32_t difat_sector = first_added + 109;
  std::string difat;
  put32(difat, first_added + 108);
  difat.resize(508, '\xFF');
  put32(difat, end_of_chain);
  file += difat;
  std::string header;
  put32(header, 110);  // FAT sectors
  file.replace(44, 4, header);
  header.clear();
  put32(header, difat_sector);
  put32(header, 1);  // DIFAT sectors
  put32(header, 0);  // the real FAT, first in the header's list
  for (std::uint32_t i = 0; i < 108; ++i) put32(header, first_added + i);
  file.replace(68, header.size(), header);
  EXPECT_EQ(cells_of(file), (std::vector<std::string>{"1:1 4"}));

  file.replace(file.size() - 4, 4, std::string(4, '\xFF'));  // fine: the list is complete
  EXPECT_EQ(cells_of(file), (std::vector<std::string>{"1:1 4"}));
  std::string more;
  put32(more, 111);
  file.replace(44, 4, more);  // one FAT sector more than the DIFAT lists
  EXPECT_EQ(refusal([&] { cells_of(file); }),
            "book.xls: the list of FAT sectors ends early (the file is truncated or damaged)");
}

TEST(XlsLedger, AFatChainThatLoopsIsRefused) {
  std::string records;
  for (std::uint16_t row = 0; row < 300; ++row) records += number(row, 0, row);
  std::string file = xls(workbook_stream({}, {{"Sheet1", records}}));
  set_fat_entry(file, 3, 2);  // the Workbook stream takes sectors 1, 2, 3, …: 3 back to 2
  EXPECT_EQ(refusal([&] { cells_of(file); }),
            "book.xls: the sector chain of the stream Workbook loops (the file is damaged)");
}

TEST(XlsLedger, ASectorPastTheEndOfTheFileIsRefused) {
  std::string records;
  for (std::uint16_t row = 0; row < 300; ++row) records += number(row, 0, row);
  std::string file = xls(workbook_stream({}, {{"Sheet1", records}}));
  set_fat_entry(file, 3, 100);  // a sector the FAT has, but the file does not
  EXPECT_EQ(refusal([&] { cells_of(file); }),
            "book.xls: sector 100 is past the end of the file (the file is truncated or "
            "damaged)");
  set_fat_entry(file, 3, 1000);  // past the FAT itself
  EXPECT_EQ(refusal([&] { cells_of(file); }),
            "book.xls: the stream Workbook names sector 1000, which the allocation table does "
            "not have (the file is damaged)");
}

TEST(XlsLedger, ATruncatedFileIsRefused) {
  const std::string file = one_sheet(label(0, 0, compressed("hello")));
  EXPECT_EQ(refusal([&] { cells_of(file.substr(0, 300)); }),
            "book.xls: the file is truncated (inside its compound-file header)");
  EXPECT_EQ(refusal([&] { cells_of(file.substr(0, 1024)); }),
            "book.xls: sector 2 is past the end of the file (the file is truncated or damaged)");
  EXPECT_EQ(refusal([&] { cells_of("PK\x03\x04 a zip"); }),
            "book.xls: not an Excel 97-2003 workbook but a zip package (an .xlsx or .ods file "
            "named .xls?)");
  EXPECT_EQ(refusal([&] { cells_of(std::string(600, 'x')); }),
            "book.xls: not an Excel 97-2003 workbook (no compound-file header)");
}

TEST(XlsLedger, AWorkbookStreamCutShortIsRefused) {
  std::string stream = workbook_stream({}, {{"Sheet1", label(0, 0, compressed("hello"))}});
  stream.resize(stream.size() - 2);  // inside the sheet's EOF record
  EXPECT_EQ(refusal([&] { cells_of(xls(stream)); }),
            "book.xls[Sheet1]: the workbook stream ends inside a record (the file is truncated)");
}

// ---- refusals through read_ledger ---------------------------------------------------------

std::string ledger_refusal(const std::string& bytes) {
  scratch_dir dir;
  const auto path = dir / "book.xls";
  testing::write_text(path, bytes);
  std::string line = refusal([&] { read_ledger(path); });
  const std::string prefix = path.string();
  if (line.starts_with(prefix)) line.replace(0, prefix.size(), "book.xls");
  return line;
}

TEST(XlsLedger, AnExcel95WorkbookIsRefusedNamingTheFormat) {
  const std::string biff5 = workbook_stream({}, {{"Sheet1", {}}}, 0x0500);
  EXPECT_EQ(ledger_refusal(compound({{u"Book", biff5}})),
            "book.xls: saved in an Excel 5/95 format; save it as .xls (97-2003) or .xlsx");
  EXPECT_EQ(ledger_refusal(xls(biff5)),
            "book.xls: saved in an Excel 5/95 format; save it as .xls (97-2003) or .xlsx");
  EXPECT_EQ(ledger_refusal(compound({{u"WordDocument", "text"}})),
            "book.xls: not an Excel workbook: the compound file has no Workbook stream (another "
            "Office document named .xls?)");
}

TEST(XlsLedger, AnEncryptedWorkbookIsRefused) {
  const std::string filepass = record(0x002F, std::string(54, '\x01'));
  EXPECT_EQ(ledger_refusal(one_sheet({}, filepass)),
            "book.xls: the workbook is encrypted (it has a password to open); save it without "
            "one");
}

TEST(XlsLedger, AFlatSheetReadsAsALedgerWithPositionsLikeXlsx) {
  const std::string globals = xf(0) + xf(14);
  const std::string header = label(0, 0, compressed("id")) + label(0, 1, compressed("district")) +
                             label(0, 2, compressed("reported_on")) +
                             label(0, 3, compressed("category"));
  const std::string row = rk(1, 0, (7 << 2) | 2) + label(1, 1, compressed("d1")) +
                          number(1, 2, 43835, 1) + label(1, 3, compressed("funding"));
  scratch_dir dir;
  testing::write_text(dir / "book.xls", one_sheet(header + row, globals));
  const ledger book = read_ledger(dir / "book.xls");
  ASSERT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.cases()[0].id, "7");
  EXPECT_EQ(book.cases()[0].reported_on.to_string(), "2020-01-05");

  const std::string wrong = rk(1, 0, (7 << 2) | 2) + label(1, 1, compressed("d1")) +
                            number(1, 2, 43835, 1) + label(1, 3, compressed("nonsense"));
  testing::write_text(dir / "book.xls", one_sheet(header + wrong, globals));
  const std::string line = refusal([&] { read_ledger(dir / "book.xls"); });
  EXPECT_TRUE(line.starts_with((dir / "book.xls").string() + "[Sheet1]:D2: ")) << line;
  EXPECT_NE(line.find("unknown category 'nonsense'"), std::string::npos) << line;
}

// ---- BIFF8 records ----------------------------------------------------------------------

TEST(XlsLedger, SharedStringsCarryOnAcrossContinueRecords) {
  std::string sst;
  put32(sst, 4);
  put32(sst, 4);
  sst += compressed("plain");
  // "ab中文": two compressed characters here, the rest in UTF-16 after a new flags byte.
  std::string split;
  put16(split, 4);
  split += std::string("\0ab", 3);
  std::string first_continue = "\x01";
  put16(first_continue, u'中');
  put16(first_continue, u'文');
  // "xyz" with two formatting runs and six bytes of phonetic data, the runs cut in two.
  first_continue += std::string("\x03\x00\x0C", 3);
  put16(first_continue, 2);  // runs
  put32(first_continue, 6);  // phonetic bytes
  first_continue += "xyz" + std::string(4, '\x11');
  std::string second_continue = std::string(4, '\x22') + std::string(6, '\x33');
  second_continue += compressed("end");
  const std::string globals = record(0x00FC, sst + split) + record(0x003C, first_continue) +
                              record(0x003C, second_continue);
  const std::string cells =
      label_sst(0, 0, 0) + label_sst(0, 1, 1) + label_sst(0, 2, 2) + label_sst(0, 3, 3);
  EXPECT_EQ(cells_of(one_sheet(cells, globals)),
            (std::vector<std::string>{"1:1 plain", "1:2 ab中文", "1:3 xyz", "1:4 end"}));
  EXPECT_EQ(refusal([&] { cells_of(one_sheet(label_sst(4, 1, 9), globals)); }),
            "book.xls[Sheet1]:B5: the cell names shared string 9, which the workbook does not "
            "have");
}

TEST(XlsLedger, RkNumbersInEveryEncoding) {
  const std::string cells =
      rk(0, 0, (5 << 2) | 2) +                              // an integer
      rk(0, 1, (12345u << 2) | 3) +                         // an integer ÷ 100
      rk(0, 2, 0x3FF80000) +                                // 1.5, a double's high bits
      rk(0, 3, 0x40290000 | 1) +                            // 12.5 ÷ 100
      rk(0, 4, (static_cast<std::uint32_t>(-7) << 2) | 2);  // a negative integer
  EXPECT_EQ(cells_of(one_sheet(cells)),
            (std::vector<std::string>{"1:1 5", "1:2 123.45", "1:3 1.5", "1:4 0.125", "1:5 -7"}));
}

TEST(XlsLedger, MulrkGivesACellPerColumn) {
  std::string data;
  put16(data, 3);  // row
  put16(data, 1);  // first column
  for (const std::uint32_t value : {1u, 2u, 300u}) {
    put16(data, 0);
    put32(data, (value << 2) | 2);
  }
  put16(data, 3);  // last column
  EXPECT_EQ(cells_of(one_sheet(record(0x00BD, data))),
            (std::vector<std::string>{"4:2 1", "4:3 2", "4:4 300"}));
  data.replace(data.size() - 2, 2, std::string("\x05\x00", 2));  // columns 1 to 5: 3 cells?
  EXPECT_EQ(refusal([&] { cells_of(one_sheet(record(0x00BD, data))); }),
            "book.xls[Sheet1]:B4: a MULRK record whose columns do not match its cells (the file "
            "is damaged)");
}

TEST(XlsLedger, FormulasGiveTheirCachedResults) {
  std::string cached;
  put64(cached, std::bit_cast<std::uint64_t>(837.9400000000001));
  const std::string shared_formula = record(0x04BC, std::string(10, '\0'));
  const std::string cells = formula(0, 0, cached) +                       // a number
                            formula(0, 1, special(0)) + shared_formula +  // a string …
                            record(0x0207, wide(u"合计")) +               // … given after
                            formula(0, 2, special(1, 1)) +                // a boolean
                            formula(0, 3, special(2, 0x07)) +             // an error
                            formula(0, 4, special(3)) +                   // empty
                            record(0x0205, at(0, 5) + std::string("\x00\x01", 2)) +  // #NULL!
                            record(0x0205, at(0, 6) + std::string("\x00\x00", 2));   // false
  EXPECT_EQ(cells_of(one_sheet(cells)),
            (std::vector<std::string>{"1:1 837.94", "1:2 合计", "1:3 true", "1:4 #DIV/0!",
                                      "1:6 #NULL!", "1:7 false"}));
}

TEST(XlsLedger, NumbersInADateFormatAreDays) {
  // XF 0 general, XF 1 the built-in date format 14, XF 2 a custom Chinese date format.
  const std::string globals =
      format(164, wide(u"yyyy\"年\"m\"月\"d\"日\"")) + xf(0) + xf(14) + xf(164);
  const std::string cells = number(0, 0, 43835, 1) + number(0, 1, 43835.75, 2) +
                            number(0, 2, 43835, 0) + rk(0, 3, (43835u << 2) | 2);
  const std::string rk_dated = [] {
    std::string data = at(0, 4, 1);
    put32(data, (43836u << 2) | 2);
    return record(0x027E, data);
  }();
  EXPECT_EQ(cells_of(one_sheet(cells + rk_dated, globals)),
            (std::vector<std::string>{"1:1 2020-01-05", "1:2 2020-01-05", "1:3 43835", "1:4 43835",
                                      "1:5 2020-01-06"}));
}

TEST(XlsLedger, The1904DateSystemCountsFrom1904) {
  std::string datemode;
  put16(datemode, 1);
  const std::string globals = record(0x0022, datemode) + xf(0) + xf(14);
  // 42373 days after 1904-01-01 is 2020-01-05 (42373 + 1462 = 43835 in the 1900 system).
  EXPECT_EQ(cells_of(one_sheet(number(0, 0, 42373.5, 1) + number(0, 1, 42373, 0), globals)),
            (std::vector<std::string>{"1:1 2020-01-05", "1:2 42373"}));
}

TEST(XlsLedger, TextIsDecodedToUtf8AndALoneSurrogateRefused) {
  // Compressed: each byte is the character U+00xx ("é" is 0xE9).
  const std::string latin1 = std::string("\x03\x00\x00", 3) + "ca\xE9";
  EXPECT_EQ(cells_of(one_sheet(label(0, 0, latin1) + label(0, 1, wide(u"\U0001F600")))),
            (std::vector<std::string>{"1:1 caé", "1:2 😀"}));
  const std::u16string lone{char16_t{0xD800}, u'a'};
  EXPECT_EQ(refusal([&] { cells_of(one_sheet(label(0, 0, wide(lone)))); }),
            "book.xls[Sheet1]: invalid text in the workbook (a lone UTF-16 surrogate)");
}

TEST(XlsLedger, CellsComeOutInRowOrderWhateverTheRecordOrder) {
  const std::string cells = number(2, 0, 3) + number(0, 1, 2) + number(0, 0, 1) + number(0, 0, 9);
  EXPECT_EQ(cells_of(one_sheet(cells)), (std::vector<std::string>{"1:1 9", "1:2 2", "3:1 3"}));
}

TEST(XlsLedger, LimitsAreKept) {
  read_limits narrow;
  narrow.max_fields = 5;
  EXPECT_EQ(refusal([&] { cells_of(one_sheet(number(0, 9, 1)), narrow); }),
            "book.xls[Sheet1]: row 1 has a cell in column 10, beyond the limit max_fields (5 "
            "cells in one row)");
  read_limits small;
  small.max_part_bytes = 50;
  const std::string line = refusal([&] { cells_of(one_sheet(number(0, 0, 1)), small); });
  EXPECT_TRUE(line.starts_with("book.xls: the stream Workbook is ")) << line;
  EXPECT_TRUE(line.ends_with(" bytes, more than the limit max_part_bytes (50)")) << line;
  read_limits short_strings;
  short_strings.max_string_bytes = 6;  // "Sheet1" fits
  EXPECT_EQ(
      refusal([&] { cells_of(one_sheet(label(0, 0, compressed("hello!!"))), short_strings); }),
      "book.xls[Sheet1]: a string of 7 bytes, more than the limit max_string_bytes (6)");
}

}  // namespace
}  // namespace caseledger
