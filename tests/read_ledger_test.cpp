// read_ledger: the reader chosen by what the path is, and options that do not apply.
#include <gtest/gtest.h>

#include <string>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using testing::scratch_dir;
using testing::write_text;

TEST(ReadLedger, ChoosesTheReaderByPath) {
  scratch_dir dir;
  write_text(dir / "l.json",
             R"({"format": "caseledger.ledger/1", "districts": [{"id": "d1", "name": "x"}],
                 "cases": [{"id": "j1", "district": "d1", "reported_on": "2020-01-05",
                            "category": "labour"}]})");
  std::filesystem::create_directory(dir / "folder");
  write_text(dir / "folder" / "districts.csv", "id,name\nd1,x\n");
  write_text(dir / "folder" / "cases.csv",
             "id,district,reported_on,category\nf1,d1,2020/1/5,用工\n");
  write_text(dir / "FLAT.CSV", "序号,区县,问题类别,反映日期\ns1,仓山区,用工,2020年1月5日\n");
  EXPECT_EQ(read_ledger(dir / "l.json").cases()[0].id, "j1");
  EXPECT_EQ(read_ledger(dir / "folder").cases()[0].id, "f1");
  EXPECT_EQ(read_ledger(dir / "FLAT.CSV").cases()[0].id, "s1");
}

TEST(ReadLedger, RefusesWhatItCannotRead) {
  scratch_dir dir;
  write_text(dir / "l.txt", "");
  write_text(dir / "l.json", "{}");
  EXPECT_THROW(read_ledger(dir / "l.txt"), usage_error);
  EXPECT_THROW(read_ledger(dir / "missing"), file_error);
  ledger_read_options options;
  options.sheet = "cases";
  try {
    read_ledger(dir / "l.json", options);
    FAIL() << "accepted";
  } catch (const usage_error& e) {
    EXPECT_EQ(std::string(e.what()), "the sheet option does not apply to a JSON ledger");
  }
}

}  // namespace
}  // namespace caseledger
