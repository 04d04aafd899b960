// The files a report names as its inputs: their names as given, sizes and SHA-256, for
// one file, several, a folder of CSV tables and standard input; and a duplicate id given
// in two files, named at its row in both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/metrics/report.hpp"
#include "core/content_digest.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

namespace fs = std::filesystem;
using testing::scratch_dir;
using testing::write_text;

// FIPS 180-2's examples: "abc", and the empty message.
constexpr const char* sha256_of_abc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* sha256_of_nothing =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(ContentDigest, GivesTheStandardsExamples) {
  detail::content_digest abc;
  abc.add("a", 1);
  abc.add("bc", 2);
  EXPECT_EQ(abc.bytes(), 3u);
  EXPECT_EQ(abc.finish(), sha256_of_abc);
  detail::content_digest nothing;
  EXPECT_EQ(nothing.finish(), sha256_of_nothing);
}

TEST(ContentDigest, DescribesAFileLargerThanOneReadChunk) {
  scratch_dir dir;
  // 3 MiB of "abc…": more than the 1 MiB the describing reads at a time.
  std::string content;
  for (int i = 0; i < (3 << 20) / 3; ++i) content += "abc";
  write_text(dir / "big.txt", content);
  detail::content_digest whole;
  whole.add(content.data(), content.size());
  const input_source described = detail::describe_input(dir / "big.txt");
  EXPECT_EQ(described.name, (dir / "big.txt").string());
  EXPECT_EQ(described.bytes, content.size());
  EXPECT_EQ(described.sha256, whole.finish());
}

const std::string one_district_ledger =
    R"({"format": "caseledger.ledger/1", "districts": [{"id": "d", "name": "仓山区"}],
"cases": [{"id": "c1", "district": "d", "category": "funding", "channel": "hotline",
"reported_on": "2020-01-05", "status": "open"}]})";

TEST(LedgerInputs, AFileIsNamedAsGivenWithItsSizeAndDigest) {
  scratch_dir dir;
  write_text(dir / "abc.json", one_district_ledger);
  const ledger book = read_ledger(dir / "abc.json");
  ASSERT_EQ(book.inputs().size(), 1u);
  EXPECT_EQ(book.inputs()[0].name, (dir / "abc.json").string());
  EXPECT_EQ(book.inputs()[0].bytes, fs::file_size(dir / "abc.json"));
  EXPECT_EQ(book.inputs()[0].sha256, detail::describe_input(dir / "abc.json").sha256);
  EXPECT_EQ(book.inputs()[0].sha256.size(), 64u);
}

TEST(LedgerInputs, SeveralFilesAreNamedInTheOrderGiven) {
  scratch_dir dir;
  const std::string header = "编号,区县,问题类别,反映日期\n";
  write_text(dir / "b.csv", header + "b1,鼓楼区,资金,2020-01-05\n");
  write_text(dir / "a.csv", header + "a1,仓山区,用工,2020-01-06\n");
  const ledger book = read_ledgers({dir / "b.csv", dir / "a.csv"});
  ASSERT_EQ(book.inputs().size(), 2u);
  EXPECT_EQ(book.inputs()[0].name, (dir / "b.csv").string());
  EXPECT_EQ(book.inputs()[1].name, (dir / "a.csv").string());
  EXPECT_EQ(book.inputs()[1].bytes, fs::file_size(dir / "a.csv"));
  EXPECT_NE(book.inputs()[0].sha256, book.inputs()[1].sha256);
}

TEST(LedgerInputs, AFolderNamesEachTableItReads) {
  scratch_dir dir;
  fs::create_directory(dir / "book");
  write_text(dir / "book" / "districts.csv", "id,name\nd,仓山区\n");
  write_text(dir / "book" / "cases.csv",
             "id,district,category,channel,reported_on,status\n"
             "c1,d,funding,hotline,2020-01-05,open\n");
  const ledger book = read_ledger(dir / "book");
  ASSERT_EQ(book.inputs().size(), 2u);
  EXPECT_EQ(book.inputs()[0].name, (dir / "book" / "districts.csv").string());
  EXPECT_EQ(book.inputs()[1].name, (dir / "book" / "cases.csv").string());
}

TEST(LedgerInputs, StandardInputIsHashedAsItIsRead) {
  scratch_dir dir;
  write_text(dir / "abc.json", one_district_ledger);
  const ledger expected = read_ledger(dir / "abc.json");
  // Standard input for a moment is the file, read through `-`.
  const int saved = ::dup(STDIN_FILENO);
  ASSERT_NE(std::freopen((dir / "abc.json").c_str(), "r", stdin), nullptr);
  const ledger piped = read_ledger("-");
  ASSERT_EQ(::dup2(saved, STDIN_FILENO), STDIN_FILENO);
  ::close(saved);
  ASSERT_EQ(piped.inputs().size(), 1u);
  EXPECT_EQ(piped.inputs()[0].name, "<stdin>");
  EXPECT_EQ(piped.inputs()[0].bytes, expected.inputs()[0].bytes);
  EXPECT_EQ(piped.inputs()[0].sha256, expected.inputs()[0].sha256);
}

TEST(LedgerInputs, TheJsonReportListsThemLastAndACodeBuiltLedgerNone) {
  scratch_dir dir;
  write_text(dir / "abc.json", one_district_ledger);
  report_options options;
  options.from = date::parse("2020-01-01");
  options.to = date::parse("2020-03-31");
  const ledger book = read_ledger(dir / "abc.json");
  const nlohmann::ordered_json written = report_to_json(compute_report(book, options));
  EXPECT_EQ(written.rbegin().key(), "inputs");
  EXPECT_EQ(written["inputs"], nlohmann::ordered_json::parse(
                                   R"([{"name": ")" + (dir / "abc.json").string() +
                                   R"(", "bytes": )" + std::to_string(book.inputs()[0].bytes) +
                                   R"(, "sha256": ")" + book.inputs()[0].sha256 + R"("}])"));
  const ledger built = parse_json_ledger(one_district_ledger, "in memory");
  EXPECT_FALSE(report_to_json(compute_report(built, options)).contains("inputs"));
}

TEST(LedgerInputs, ADuplicateIdInTwoFilesIsNamedAtItsRowInBoth) {
  scratch_dir dir;
  // The title and 填报 lines put the header on row 3 and the case on row 4 of a.csv; b.csv's
  // case stands on row 2.
  write_text(
      dir / "a.csv",
      "仓山区问题台账\n填报单位：仓山区\n编号,区县,问题类别,反映日期\nc1,仓山区,资金,2020-01-05\n");
  write_text(dir / "b.csv", "编号,区县,问题类别,反映日期\nc1,仓山区,用工,2020-01-05\n");
  try {
    (void)read_ledgers({dir / "a.csv", dir / "b.csv"});
    FAIL() << "the duplicate was not refused";
  } catch (const ledger_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(),
              (dir / "b.csv").string() +
                  ":2:1: /cases/0/id (case c1): duplicate id 'c1' (first at " +
                  (dir / "a.csv").string() + ":4, with other values)");
  }
}

}  // namespace
}  // namespace caseledger
