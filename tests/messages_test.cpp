// Problems and reading notes in Chinese (`describe`, data/messages-zh.json): every example
// of docs/errors.md is worded in Chinese, the wording of the usual ones is checked word for
// word, and what the catalogue does not know stays in English rather than being lost.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/model/reading_note.hpp"
#include "caseledger/text/messages.hpp"
#include "text/chinese_reason.hpp"

namespace caseledger {
namespace {

const std::filesystem::path source_dir = CASELEDGER_SOURCE_DIR;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A line of docs/errors.md's examples split as a problem is written: the reason, and the
/// record kind in "(case c1)" when there is one.
struct example_line {
  std::string line;
  std::string kind;
  std::string reason;
};

bool is_lower_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

/// An example line split: "file:line:column: " (or a sheet's cell, or just the file: no
/// space in it) left out, then "pointer (kind id): " or "field: " taken apart.
example_line split_example(const std::string& line) {
  example_line example{.line = line, .kind = "", .reason = line};
  std::string_view rest = line;
  if (rest.front() != '/') {
    const std::size_t colon = rest.find(": ");
    if (colon != std::string_view::npos &&
        rest.substr(0, colon).find(' ') == std::string_view::npos) {
      rest.remove_prefix(colon + 2);
    }
  }
  example.reason = std::string(rest);
  // The pointer or field, up to a space or ": ".
  const std::size_t end = std::min(rest.find(' '), rest.find(": "));
  if (end == std::string_view::npos) return example;
  const std::string_view where = rest.substr(0, end);
  if (where.front() != '/' && !is_lower_word(where)) return example;
  std::string_view after = rest.substr(end);
  std::string_view kind;
  if (after.starts_with(" (")) {
    const std::size_t close = after.find(')');
    if (close == std::string_view::npos) return example;
    const std::string_view record = after.substr(2, close - 2);
    kind = record.substr(0, record.find(' '));
    if (!is_lower_word(kind)) return example;
    after.remove_prefix(close + 1);
  }
  if (!after.starts_with(": ")) return example;
  example.kind = std::string(kind);
  example.reason = std::string(after.substr(2));
  return example;
}

/// Every example of docs/errors.md's tables (the second column's `…` spans) that gives a
/// whole reason (one elided with "…" cannot be matched, and is left out).
std::vector<example_line> documented_examples() {
  const std::string doc = read_text(source_dir / "docs" / "errors.md");
  std::vector<example_line> examples;
  std::istringstream lines(doc);
  bool in_reasons = false;  // inside a table headed "| reason | example |"
  for (std::string line; std::getline(lines, line);) {
    if (line == "| reason | example |") in_reasons = true;
    if (line.empty()) in_reasons = false;
    // A row: "| `reason` | example |".
    const std::size_t cell = line.find("` | ");
    if (!in_reasons || !line.starts_with("| `") || cell == std::string::npos) continue;
    const std::string column = line.substr(cell + 4);
    for (std::size_t open = column.find('`'); open != std::string::npos;) {
      const std::size_t close = column.find('`', open + 1);
      if (close == std::string::npos) break;
      const std::string span = column.substr(open + 1, close - open - 1);
      if (span.find("…") == std::string::npos) examples.push_back(split_example(span));
      open = column.find('`', close + 1);
    }
  }
  return examples;
}

TEST(Messages, ExamplesSplitAsProblemsAreWritten) {
  const example_line full = split_example("in.json:5:3: /cases/1 (case c1): id is empty");
  EXPECT_EQ(full.kind, "case");
  EXPECT_EQ(full.reason, "id is empty");
  const example_line field = split_example("in.json:1:1: format: missing required key 'format'");
  EXPECT_EQ(field.kind, "");
  EXPECT_EQ(field.reason, "missing required key 'format'");
  const example_line bare =
      split_example("book.xlsx: not an xlsx workbook (it is not a zip archive)");
  EXPECT_EQ(bare.reason, "not an xlsx workbook (it is not a zip archive)");
  EXPECT_EQ(split_example("/cases/0 (case c1): an extension").reason, "an extension");
}

TEST(Messages, EveryDocumentedExampleIsWordedInChinese) {
  const std::vector<example_line> examples = documented_examples();
  // The tables hold 48 whole examples; fewer means the parsing above broke.
  ASSERT_GE(examples.size(), 48U);
  for (const example_line& example : examples) {
    const auto chinese = detail::chinese_reason(example.reason, example.kind);
    EXPECT_TRUE(chinese.has_value()) << example.line << "\n  reason: " << example.reason;
  }
}

/// The words of a text: its holes ("{field}"), hexadecimal bytes ("0x00") and runs of
/// ASCII letters, digits and "_./-" that start with a letter and are two or more long.
std::vector<std::string> ascii_words(std::string_view text) {
  const auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
           c == '-';
  };
  std::vector<std::string> words;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = at + 1;
    if (text[at] == '{') {
      const std::size_t close = text.find('}', at);
      end = close == std::string_view::npos ? text.size() : close + 1;
    } else if (text.substr(at).starts_with("0x")) {
      end = at + 2;
      while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
    } else if (std::isalpha(static_cast<unsigned char>(text[at]))) {
      while (end < text.size() && word_char(text[end])) ++end;
      if (end - at < 2) {
        at = end;
        continue;
      }
    } else {
      ++at;
      continue;
    }
    words.emplace_back(text.substr(at, end - at));
    at = end;
  }
  return words;
}

TEST(Messages, TheCataloguesChineseHoldsNoEnglishWords) {
  const auto catalogue = nlohmann::json::parse(read_text(source_dir / "data" / "messages-zh.json"));
  // Names a clerk sees as they are: formats, encodings, the option to give, the limits.
  const std::set<std::string, std::less<>> allowed = {"JSON",
                                                      "UTF-8",
                                                      "GB18030",
                                                      "GBK",
                                                      "Unicode",
                                                      "UTF-16",
                                                      "NUL",
                                                      "XML",
                                                      "Excel",
                                                      "xlsx",
                                                      "xls",
                                                      "ods",
                                                      "zip",
                                                      "cases.csv",
                                                      "YYYY-MM-DD",
                                                      "encoding",
                                                      "gb18030",
                                                      "headers",
                                                      "values",
                                                      "true",
                                                      "false",
                                                      "true/false",
                                                      "null",
                                                      "format",
                                                      "u0000",
                                                      "caseledger.ledger/1",
                                                      "xl/workbook.xml",
                                                      "xl/_rels/workbook.xml.rels",
                                                      "content.xml",
                                                      "xml",
                                                      "DOCTYPE",
                                                      "BIFF",
                                                      "FAT",
                                                      "DIFAT",
                                                      "MULRK",
                                                      "XFD"};
  EXPECT_EQ(ascii_words("含有 NUL 字节（0x00）{n} 扇区 x 与 xml"),
            (std::vector<std::string>{"NUL", "0x00", "{n}", "xml"}));
  std::size_t checked = 0;
  for (const auto& entry : catalogue.at("messages")) {
    const std::string chinese = entry.at(1);
    for (const std::string& word : ascii_words(chinese)) {
      const bool fine = allowed.contains(word) || word.starts_with("max_") ||
                        word.starts_with("0x") || word.starts_with("{");
      EXPECT_TRUE(fine) << word << " in " << chinese;
    }
    ++checked;
  }
  EXPECT_GE(checked, 100U);
}

problem found(std::string reason, std::string kind = "case", std::string id = "c1") {
  return {.file = "in.json",
          .line = 5,
          .column = 3,
          .sheet_cell = false,
          .pointer = "/cases/1/resolved_on",
          .record_kind = std::move(kind),
          .record_id = std::move(id),
          .field = "resolved_on",
          .reason = std::move(reason)};
}

TEST(Messages, AProblemKeepsItsPositionPointerAndValues) {
  EXPECT_EQ(describe(found("resolved_on 2020-01-02 is before reported_on 2020-01-05"),
                     message_language::zh),
            "in.json:5:3: /cases/1/resolved_on (问题 c1): 办结日期 2020-01-02 早于反映日期 "
            "2020-01-05");
  problem cell = found("column '反映日期': '2020年2月30日' is not a calendar date");
  cell.file = "book.xlsx[问题台账]";
  cell.line = 17;
  cell.column = 3;
  cell.sheet_cell = true;
  cell.pointer = "/cases/15/reported_on";
  cell.record_id = "16";
  EXPECT_EQ(describe(cell, message_language::zh),
            "book.xlsx[问题台账]:C17: /cases/15/reported_on (问题 16): "
            "列“反映日期”：“2020年2月30日”不是日历上的日期");
}

TEST(Messages, EnglishIsTheLibrarysOwnLine) {
  const problem p = found("id is empty");
  EXPECT_EQ(describe(p, message_language::en), p.to_string());
  const reading_note note{.what = reading_note::kind::skipped_rows,
                          .file = "book.xlsx[问题台账]",
                          .line = 42,
                          .column = 0,
                          .text = "skipped a 合计 row ('合计'), not a case",
                          .sheet_cell = true};
  EXPECT_EQ(describe(note, message_language::en), note.to_string());
}

TEST(Messages, FieldsAreNamedByTheirRecordsHeaders) {
  // "kind" is a team's 类型 but a measure's 措施类型; "id" is a case's 序号.
  EXPECT_EQ(detail::chinese_reason("unknown kind 'squad' (expected one of: service_team, "
                                   "party_team, instructor)",
                                   "team"),
            "未知的类型“squad”（应为以下之一：service_team, party_team, instructor）");
  EXPECT_EQ(detail::chinese_reason("missing required field 'kind'", "measure"),
            "缺少必填字段“措施类型”");
  EXPECT_EQ(detail::chinese_reason("missing required field 'reported_on'", "case"),
            "缺少必填字段“反映日期”");
  EXPECT_EQ(
      detail::chinese_reason("workers must be a non-negative whole number, not 2.5", "measure"),
      "人数必须是非负整数，而不是 2.5");
  // Without a kind, the first kind that has the field names it.
  EXPECT_EQ(detail::chinese_reason("missing required field 'resumed_on'", ""),
            "缺少必填字段“复工日期”");
  // A name no record has stays as it is.
  EXPECT_EQ(detail::chinese_reason("duplicate field 'nmae_en'", "district"), "字段“nmae_en”重复");
}

TEST(Messages, StatusesKindsAndTypesAreChinese) {
  EXPECT_EQ(detail::chinese_reason("status resolved needs resolved_on", "case"),
            "办理状态为“办结”时必须填写办结日期");
  EXPECT_EQ(detail::chinese_reason("kind transport cannot have amount", "measure"),
            "类型为“返岗运输”时不能填写金额");
  EXPECT_EQ(detail::chinese_reason("a measure must be an object, not a number", ""),
            "帮扶措施记录必须是对象，而不是数字");
  EXPECT_EQ(detail::chinese_reason("unknown unit 'swj'", "case"), "未知的责任单位“swj”");
  EXPECT_EQ(
      detail::chinese_reason("enterprise 'e1' and project 'p1' both given (at most one)", "case"),
      "同时给出了企业“e1”和项目“p1”（至多一个）");
}

TEST(Messages, AReasonInsideAReasonIsWordedToo) {
  EXPECT_EQ(detail::chinese_reason("column '补助金额': amount '12.345' has more than two decimals",
                                   "case"),
            "列“补助金额”：金额“12.345”超过两位小数");
  EXPECT_EQ(detail::chinese_reason(
                "due_workdays 7 gives no due_on for reported_on 2031-01-02: 2031-01-02 is "
                "outside the working-day calendar (2019–2026); add a calendar file for 2031",
                "case"),
            "办理时限（工作日）7 无法由反映日期 2031-01-02 算出办理时限：2031-01-02 "
            "不在工作日历（2019–2026）范围内；请为 2031 年添加日历文件");
  // The inner reason unknown: the outer one worded, the inner kept in English.
  EXPECT_EQ(detail::chinese_reason("column '金额': something new", "case"),
            "列“金额”：something new");
}

TEST(Messages, AReasonTheCatalogueDoesNotKnowStaysInEnglish) {
  EXPECT_FALSE(detail::chinese_reason("a brand new reason", "case").has_value());
  EXPECT_EQ(describe(found("a brand new reason"), message_language::zh),
            "in.json:5:3: /cases/1/resolved_on (问题 c1): a brand new reason");
}

TEST(Messages, ValuesThatRepeatThePatternsWordsOrRunLongAreKept) {
  // The value holds the words that follow its hole: the hole ends at their first place, and
  // the rest of the pattern must still match to the end.
  EXPECT_EQ(detail::chinese_reason("unknown district 'a' b'", "case"), "未知的区县“a' b”");
  const std::string long_value(1 << 20, 'x');
  const auto chinese = detail::chinese_reason("unknown district '" + long_value + "'", "case");
  ASSERT_TRUE(chinese.has_value());
  EXPECT_EQ(chinese->size(), long_value.size() + std::string("未知的区县“”").size());
}

TEST(Messages, ReadingNotesAreWordedInChinese) {
  reading_note note{.what = reading_note::kind::skipped_rows,
                    .file = "台账.xlsx[问题台账]",
                    .line = 1,
                    .column = 0,
                    .text = "skipped 2 rows above the header at row 3 ('福州市台账')",
                    .sheet_cell = true};
  EXPECT_EQ(describe(note, message_language::zh),
            "台账.xlsx[问题台账]:1: 跳过第 3 行表头上方的 2 行（“福州市台账”）");
  note.text =
      "the 合计 row gives 1 万元 in column '补助金额（万元）', but the rows above sum to "
      "837.94 万元";
  note.line = 60;
  note.column = 9;
  EXPECT_EQ(describe(note, message_language::zh),
            "台账.xlsx[问题台账]:I60: 合计行在列“补助金额（万元）”中为 1 万元，但上方各行合计为 "
            "837.94 万元");
  note.text =
      "2 cases given identically in more than one file or sheet, kept once ('c1' in "
      "a.json and b.json)";
  EXPECT_EQ(detail::chinese_reason(note.text, ""),
            "2 条问题记录在多个文件或工作表中完全相同，只计一次（如“c1”见于 a.json 和 b.json）");
}

TEST(Messages, LanguagesAreNamedEnOrZh) {
  EXPECT_EQ(message_language_named("en"), message_language::en);
  EXPECT_EQ(message_language_named("zh"), message_language::zh);
  EXPECT_FALSE(message_language_named("zh-Hans").has_value());
  EXPECT_FALSE(message_language_named("").has_value());
}

}  // namespace
}  // namespace caseledger
