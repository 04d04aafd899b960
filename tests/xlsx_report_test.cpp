// The workbook writer's own rules (cell text, widths, references) and its failure paths.
// What the sheets contain is checked by reading real workbooks back with openpyxl
// (tests/python/test_xlsx.py).
#include "caseledger/io/xlsx_report.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <string>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/workbook.hpp"
#include "support/test_support.hpp"

namespace {

using namespace caseledger;
using caseledger::testing::read_text;
using caseledger::testing::scratch_dir;
using caseledger::testing::write_text;

// --- cell text -----------------------------------------------------------------------

TEST(XlsxCellText, KeepsOrdinaryTextAndFormulaLikeTextAsIs) {
  EXPECT_EQ(detail::to_cell_text("=1+1").text, "=1+1");
  EXPECT_EQ(detail::to_cell_text("仓山区 · 2020年2月").text, "仓山区 · 2020年2月");
  EXPECT_FALSE(detail::to_cell_text("=1+1").cut);
  EXPECT_EQ(detail::to_cell_text("").text, "");
}

TEST(XlsxCellText, RemovesTheControlCharactersXmlForbids) {
  const std::string text = std::string("a\x01") + '\0' + "b\x08\x0B\x0C\x1F" + "c\x7F";
  EXPECT_EQ(detail::to_cell_text(text).text, "abc\x7F");
  EXPECT_EQ(detail::to_cell_text("tab\tline\ncr\r").text, "tab\tline\ncr\r");
  // U+FFFE and U+FFFF are not XML characters either.
  EXPECT_EQ(detail::to_cell_text("x\xEF\xBF\xBEy\xEF\xBF\xBFz").text, "xyz");
}

TEST(XlsxCellText, ReplacesBytesThatAreNotUtf8) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(detail::to_cell_text("a\xFF"
                                 "b")
                .text,
            "a" + replacement + "b");
  EXPECT_EQ(detail::to_cell_text("\xC0\xAF").text, replacement + replacement);  // overlong
  EXPECT_EQ(detail::to_cell_text("\xED\xA0\x80").text,
            replacement + replacement + replacement);  // a UTF-16 surrogate
  EXPECT_EQ(detail::to_cell_text("\xE4\xB8").text, replacement + replacement);  // truncated
}

TEST(XlsxCellText, CutsAtTheUtf16LimitWithoutSplittingACharacter) {
  const auto cut = detail::to_cell_text(std::string(40'000, 'x'));
  EXPECT_TRUE(cut.cut);
  EXPECT_EQ(cut.text, std::string(32'767, 'x'));

  const auto exact = detail::to_cell_text(std::string(32'767, 'y'));
  EXPECT_FALSE(exact.cut);
  EXPECT_EQ(exact.text.size(), 32'767U);

  // Three BMP characters then U+20000 (two UTF-16 units) with room for one unit only.
  const auto pair = detail::to_cell_text("中文字\xF0\xA0\x80\x80", 4);
  EXPECT_TRUE(pair.cut);
  EXPECT_EQ(pair.text, "中文字");
  const auto fits = detail::to_cell_text("中文字\xF0\xA0\x80\x80", 5);
  EXPECT_FALSE(fits.cut);
  EXPECT_EQ(fits.text, "中文字\xF0\xA0\x80\x80");
}

TEST(XlsxCellText, EscapesWhatExcelWouldReadAsAnEscapedCharacter) {
  EXPECT_EQ(detail::to_cell_text("_x0041_", 100, true).text, "_x005F_x0041_");
  EXPECT_EQ(detail::to_cell_text("a_x00aF_b_x12_", 100, true).text, "a_x005F_x00aF_b_x12_");
  EXPECT_EQ(detail::to_cell_text("_X0041_ _x004G_ _x0041", 100, true).text,
            "_X0041_ _x004G_ _x0041");
  EXPECT_EQ(detail::to_cell_text("_x0041_", 100, false).text, "_x0041_");
  // The escape's seven units count towards the limit.
  const auto cut = detail::to_cell_text("ab_x0041_", 9, true);
  EXPECT_TRUE(cut.cut);
  EXPECT_EQ(cut.text, "ab_x005F_");
  EXPECT_EQ(detail::to_cell_text("ab_x0041_", 8, true).text, "ab");
}

TEST(XlsxCellText, UnchangedSaysTrueOnlyForWhatTheRulesKeepAsIs) {
  // The fast check against the rules themselves, for texts that need a change at each
  // place a scan of eight bytes at a time can meet it: first, last, either side of a word.
  const auto agrees = [](const std::string& text, std::size_t max_units, bool underscores) {
    const detail::cell_text cell = detail::to_cell_text(text, max_units, underscores);
    const bool kept = !cell.cut && cell.text == text;
    return !detail::cell_text_unchanged(text, max_units, underscores) || kept;
  };
  const std::string plain = "0123456789abcdefghij";  // 20 bytes: two words and a tail
  EXPECT_TRUE(detail::cell_text_unchanged(""));
  EXPECT_TRUE(detail::cell_text_unchanged(plain));
  EXPECT_TRUE(detail::cell_text_unchanged("tab\tline\ncr\r" + plain));
  for (std::size_t at : {0U, 7U, 8U, 15U, 16U, 19U}) {
    for (const std::string& bad :
         {std::string(1, '\0'), std::string("\x01"), std::string("\x1F"), std::string("\xFF"),
          std::string("\xEF\xBF\xBE"), std::string("\xEF\xBF\xBF"), std::string("\xED\xA0\x80"),
          std::string("\xC0\xAF"), std::string("\xE0\x9F\xBF")}) {
      std::string text = plain;
      text.insert(at, bad);
      EXPECT_FALSE(detail::cell_text_unchanged(text)) << at;
      EXPECT_TRUE(agrees(text, detail::excel_max_text_units, true));
    }
    std::string escape = plain;
    escape.insert(at, "_x0041_");
    EXPECT_FALSE(detail::cell_text_unchanged(escape, detail::excel_max_text_units, true)) << at;
    EXPECT_TRUE(detail::cell_text_unchanged(escape, detail::excel_max_text_units, false)) << at;
  }
  // A truncated sequence at the very end; a real U+FFFD, astral and CJK characters.
  EXPECT_FALSE(detail::cell_text_unchanged(plain + "\xE4\xB8"));
  EXPECT_TRUE(detail::cell_text_unchanged(plain + "\xEF\xBF\xBD"));
  EXPECT_TRUE(detail::cell_text_unchanged("中文字\xF0\xA0\x80\x80_x12_ _x004G_", 100, true));
  // Underscores that are no escape stay as they are.
  EXPECT_TRUE(detail::cell_text_unchanged("a_b__c_x_", 100, true));
  // At the 32,767-unit limit: bytes never undercount units, so a text of at most that many
  // bytes is kept; a longer one goes to the rules, which keep or cut it.
  EXPECT_TRUE(detail::cell_text_unchanged(std::string(32'767, 'y')));
  EXPECT_FALSE(detail::cell_text_unchanged(std::string(32'768, 'y')));
  std::string cjk;
  for (int i = 0; i < 10'922; ++i) cjk += "中";  // 32,766 bytes, 10,922 units
  EXPECT_TRUE(detail::cell_text_unchanged(cjk));
  EXPECT_FALSE(detail::cell_text_unchanged(cjk + "中"));  // 32,769 bytes but only 10,923 units
  EXPECT_EQ(detail::to_cell_text(cjk + "中").text, cjk + "中");
  EXPECT_FALSE(detail::cell_text_unchanged("中文字\xF0\xA0\x80\x80", 4));
  EXPECT_TRUE(agrees("中文字\xF0\xA0\x80\x80", 4, false));
  EXPECT_TRUE(agrees("ab_x0041_", 9, true));
}

TEST(XlsxDisplayWidth, CountsWideCharactersTwice) {
  EXPECT_EQ(detail::display_width(""), 0U);
  EXPECT_EQ(detail::display_width("abc"), 3U);
  EXPECT_EQ(detail::display_width("仓山区"), 6U);
  EXPECT_EQ(detail::display_width("A区（B）"), 1U + 2U + 2U + 1U + 2U);
  EXPECT_EQ(detail::display_width("short\nlonger line\n中"), 11U);
  // ASCII around wide characters, a line break first and last, an astral wide character.
  EXPECT_EQ(detail::display_width("\nab中c\n"), 5U);
  EXPECT_EQ(detail::display_width("x\xF0\xA0\x80\x80y"), 4U);
  EXPECT_EQ(detail::display_width("\xFF"), 1U);  // a bad byte shows as one U+FFFD
}

TEST(XlsxRangeReference, QuotesTheSheetNameAndUsesAbsoluteCells) {
  EXPECT_EQ(detail::range_reference("概况", 6, 0, 8, 0), "='概况'!$A$7:$A$9");
  EXPECT_EQ(detail::range_reference("Return to work", 0, 25, 0, 27),
            "='Return to work'!$Z$1:$AB$1");
  EXPECT_EQ(detail::range_reference("it's", 0, 0, 0, 0), "='it''s'!$A$1:$A$1");
}

// --- the workbook owner ------------------------------------------------------------------

TEST(XlsxWorkbook, WritesNothingWhenNotClosed) {
  scratch_dir dir;
  {
    detail::xlsx_workbook book(dir / "a.xlsx", dir / "a.xlsx", {});
    auto sheet = book.add_sheet("Sheet");
    sheet.text(0, 0, "x");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "a.xlsx"));
}

TEST(XlsxWorkbook, RefusesInvalidSheetNamesNamingTheFileAndReason) {
  scratch_dir dir;
  detail::xlsx_workbook book(dir / "a.xlsx", "shown.xlsx", {});
  try {
    book.add_sheet("a/b");
    FAIL() << "no exception";
  } catch (const file_error& error) {
    EXPECT_EQ(error.path(), "shown.xlsx");
    EXPECT_EQ(std::string(error.what()),
              "cannot add sheet 'a/b' to workbook 'shown.xlsx': Worksheet name cannot "
              "contain invalid characters: '[ ] : * ? / \\'");
  }
  EXPECT_THROW(book.add_sheet(std::string(32, 'x')), file_error);
  book.add_sheet("明细");
  EXPECT_THROW(book.add_sheet("明细"), file_error);
}

TEST(XlsxWorkbook, AFullDeviceGivesAFileErrorWithTheSystemReason) {
  detail::xlsx_workbook book("/dev/full", "/dev/full", {});
  book.add_sheet("Sheet").text(0, 0, "x");
  try {
    book.close();
    FAIL() << "no exception";
  } catch (const file_error& error) {
    EXPECT_EQ(error.path(), "/dev/full");
    const std::string what = error.what();
    EXPECT_EQ(what.rfind("cannot write workbook (", 0), 0U) << what;
    EXPECT_NE(what.find("'/dev/full'"), std::string::npos) << what;
    EXPECT_NE(what.find("No space left on device"), std::string::npos) << what;
  }
}

TEST(XlsxWorkbook, SameContentAndCreatedTimeGiveTheSameBytes) {
  scratch_dir dir;
  for (const char* name : {"a.xlsx", "b.xlsx"}) {
    detail::xlsx_workbook::settings settings;
    settings.created = 1'585'612'800;  // 2020-03-31
    settings.constant_memory = true;
    detail::xlsx_workbook book(dir / name, dir / name, settings);
    auto sheet = book.add_sheet("概况");
    sheet.text(0, 0, "合计");
    sheet.number(0, 1, 0.5, book.add_style({.number_format = "0.0%"}));
    book.close();
  }
  EXPECT_EQ(read_text(dir / "a.xlsx"), read_text(dir / "b.xlsx"));
}

// --- write_xlsx_report's failure paths ----------------------------------------------------

/// A small report by hand: one district group and the total. The writer also reads the
/// ledger (listing, trend), which is empty here, so the report coordinated no case.
report small_report() {
  report r;
  r.options.from = date::parse("2020-01-01");
  r.options.to = date::parse("2020-03-31");
  r.as_of = r.options.to;
  r.title = "一企一议问题办理情况（2020-01-01 至 2020-03-31）";
  report_group group;
  group.key = {std::string("cangshan")};
  group.label = {"仓山区", "Cangshan"};
  r.groups.push_back(group);
  r.total = group;
  r.total.key = {};
  r.total.label = {"合计", "Total"};
  return r;
}

TEST(WriteXlsxReport, RefusesAListingSheetSizeExcelCannotHold) {
  scratch_dir dir;
  const ledger book;
  xlsx_options options;
  options.max_rows_per_sheet = 0;
  EXPECT_THROW(write_xlsx_report(small_report(), book, dir / "a.xlsx", options), usage_error);
  options.max_rows_per_sheet = 1'048'576;
  try {
    write_xlsx_report(small_report(), book, dir / "a.xlsx", options);
    FAIL() << "no exception";
  } catch (const usage_error& error) {
    EXPECT_STREQ(error.what(), "max_rows_per_sheet must be between 1 and 1048575, not 1048576");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(WriteXlsxReport, RefusesALedgerWithoutTheReportsCases) {
  // The report coordinated 3 cases; the ledger holds 2 in the window, one withdrawn case
  // in it (not coordinated) and one reported after it: 2 of 3.
  scratch_dir dir;
  write_text(dir / "ledger.json", R"({"format": "caseledger.ledger/1",
    "districts": [{"id": "cangshan", "name": "仓山区"}],
    "cases": [
      {"id": "c1", "district": "cangshan", "reported_on": "2020-01-05", "category": "labour"},
      {"id": "c2", "district": "cangshan", "reported_on": "2020-03-31", "category": "labour"},
      {"id": "c3", "district": "cangshan", "reported_on": "2020-02-01", "category": "labour",
       "status": "withdrawn", "closed_on": "2020-02-02"},
      {"id": "c4", "district": "cangshan", "reported_on": "2020-04-01", "category": "labour"}]})");
  const ledger book = read_ledger(dir / "ledger.json");
  report r = small_report();
  r.total.metrics.cases.coordinated = 3;
  try {
    write_xlsx_report(r, book, dir / "a.xlsx");
    FAIL() << "no exception";
  } catch (const usage_error& error) {
    EXPECT_STREQ(error.what(),
                 "the ledger given holds 2 of the 3 cases the report coordinated: a workbook "
                 "lists and charts the cases of the ledger the report was computed from");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "a.xlsx"));
  r.total.metrics.cases.coordinated = 2;
  write_xlsx_report(r, book, dir / "a.xlsx");
  EXPECT_TRUE(std::filesystem::exists(dir / "a.xlsx"));
}

TEST(WriteXlsxReport, AMissingFolderGivesAFileErrorAndNoFile) {
  scratch_dir dir;
  const ledger book;
  EXPECT_THROW(write_xlsx_report(small_report(), book, dir / "missing" / "a.xlsx"), file_error);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(WriteXlsxReport, AFolderThatIsAFileGivesAFileError) {
  scratch_dir dir;
  write_text(dir / "plain", "not a folder");
  const ledger book;
  EXPECT_THROW(write_xlsx_report(small_report(), book, dir / "plain" / "a.xlsx"), file_error);
}

/// Limits the size of files this process writes, as a full disk would, for its lifetime.
class file_size_limit {
 public:
  explicit file_size_limit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    previous_ = std::signal(SIGXFSZ, SIG_IGN);  // a failed write instead of a signal
    rlimit limited = saved_;
    limited.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limited);
  }
  ~file_size_limit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_);
  }
  file_size_limit(const file_size_limit&) = delete;
  file_size_limit& operator=(const file_size_limit&) = delete;

 private:
  rlimit saved_{};
  void (*previous_)(int) = nullptr;
};

TEST(WriteXlsxReport, AFullDiskLeavesNoFileAndTheOldOneInPlace) {
  scratch_dir dir;
  write_text(dir / "q1.xlsx", "the previous report");
  const ledger book;
  {
    const file_size_limit limit(2'000);
    try {
      write_xlsx_report(small_report(), book, dir / "q1.xlsx");
      FAIL() << "no exception";
    } catch (const file_error& error) {
      EXPECT_EQ(error.path(), dir / "q1.xlsx");
      EXPECT_NE(std::string(error.what()).find("File too large"), std::string::npos)
          << error.what();
    }
  }
  EXPECT_EQ(read_text(dir / "q1.xlsx"), "the previous report");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1U);
}

TEST(WriteXlsxReport, WritesAWorkbookInPlaceOfTheOldFile) {
  scratch_dir dir;
  write_text(dir / "q1.xlsx", "the previous report");
  const ledger book;
  write_xlsx_report(small_report(), book, dir / "q1.xlsx");
  const std::string bytes = read_text(dir / "q1.xlsx");
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip archive
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1U);
}

}  // namespace
