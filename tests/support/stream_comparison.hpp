// The streaming report against the normal mode (read_ledger, compute_report, the writers),
// for the tests of every format it reads.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/io/html_report.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "io/stream/stream_report_trace.hpp"
#include "support/test_support.hpp"

namespace caseledger::testing {

/// 2020 Q1.
inline report_options quarter() {
  report_options options;
  options.from = date::parse("2020-01-01");
  options.to = date::parse("2020-03-31");
  return options;
}

/// The normal mode's (read_ledgers) and the streaming report's outputs for the same ledgers
/// and options, compared byte for byte (JSON, workbook, HTML page) with the reading notes, on
/// one and two threads, with the workbook and without it (the streaming report then keeps
/// enterprises and projects of one ledger as ids and resumption facts, and reads a flat
/// sheet once), and what stream_validate counts and notes against the ledger's arrays and
/// notes. Returns the traces of the streamed runs that wrote every output (one thread, then
/// two).
inline std::vector<detail::stream_report_trace> expect_same_outputs_of(
    const std::vector<std::filesystem::path>& ledger_paths, const report_options& options,
    const xlsx_options& workbook = {}) {
  std::vector<detail::stream_report_trace> traces;
  const scratch_dir dir;
  const ledger book = read_ledgers(ledger_paths);
  const report expected = compute_report(book, options);
  write_json_report(expected, dir / "normal.json");
  write_xlsx_report(expected, book, dir / "normal.xlsx", workbook);
  write_html_report(expected, book, dir / "normal.html");
  for (const unsigned threads : {1u, 2u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    stream_report_options stream;
    stream.json = dir / "stream.json";
    stream.xlsx = dir / "stream.xlsx";
    stream.html = dir / "stream.html";
    stream.workbook = workbook;
    stream.threads = threads;
    std::vector<reading_note> notes;
    stream.noticed = [&notes](const reading_note& noticed) { notes.push_back(noticed); };
    detail::stream_report_trace& trace = traces.emplace_back();
    const report streamed = detail::stream_report(ledger_paths, options, stream, trace);
    EXPECT_EQ(to_json_text(streamed), to_json_text(expected));
    EXPECT_EQ(read_text(dir / "stream.json"), read_text(dir / "normal.json"));
    EXPECT_TRUE(read_text(dir / "stream.xlsx") == read_text(dir / "normal.xlsx"))
        << "the workbooks differ";
    EXPECT_TRUE(read_text(dir / "stream.html") == read_text(dir / "normal.html"))
        << "the pages differ";
    EXPECT_EQ(notes, book.notes());
    stream.xlsx.reset();
    stream.html.reset();
    stream.json = dir / "json-only.json";
    notes.clear();
    EXPECT_EQ(to_json_text(stream_report(ledger_paths, options, stream)), to_json_text(expected));
    EXPECT_EQ(read_text(dir / "json-only.json"), read_text(dir / "normal.json"));
    EXPECT_EQ(notes, book.notes()) << "JSON only";
    notes.clear();
    std::filesystem::remove(dir / "json-only.json");
    EXPECT_EQ(stream_validate(ledger_paths, stream), counts_of(book));
    EXPECT_EQ(notes, book.notes()) << "stream_validate";
    EXPECT_FALSE(std::filesystem::exists(dir / "json-only.json")) << "stream_validate writes";
  }
  return traces;
}

/// expect_same_outputs_of for one ledger; returns how many of the streamed runs wrote the
/// listing while reading.
inline int expect_same_outputs(const std::filesystem::path& ledger_path,
                               const report_options& options, const xlsx_options& workbook = {}) {
  int written_while_reading = 0;
  for (const detail::stream_report_trace& trace :
       expect_same_outputs_of({ledger_path}, options, workbook)) {
    written_while_reading += trace.listing_written_while_reading ? 1 : 0;
  }
  return written_while_reading;
}

/// The normal mode's problems for the ledgers at `ledger_paths` (read_ledgers) and the
/// streaming report's, which writes nothing: the same, on one and two threads, with the
/// workbook and without, and stream_validate's. Returns the normal mode's.
inline std::vector<problem> expect_same_problems_of(
    const std::vector<std::filesystem::path>& ledger_paths, std::size_t max_problems) {
  ledger_read_options reading;
  reading.common.max_problems = max_problems;
  std::vector<problem> expected;
  try {
    read_ledgers(ledger_paths, reading);
    ADD_FAILURE() << "the normal mode read the bad ledger";
  } catch (const ledger_error& e) {
    expected = e.problems();
  }
  const scratch_dir dir;
  for (const bool workbook : {true, false}) {
    for (const unsigned threads : {1u, 2u}) {
      SCOPED_TRACE("threads " + std::to_string(threads) +
                   (workbook ? ", workbook" : ", JSON only"));
      stream_report_options stream;
      stream.reading.max_problems = max_problems;
      stream.json = dir / "out.json";
      if (workbook) stream.xlsx = dir / "out.xlsx";
      stream.threads = threads;
      try {
        stream_report(ledger_paths, quarter(), stream);
        ADD_FAILURE() << "the streaming report read the bad ledger";
      } catch (const ledger_error& e) {
        EXPECT_EQ(e.problems(), expected);
        EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
        EXPECT_FALSE(std::filesystem::exists(dir / "out.xlsx"));
      }
      if (workbook) continue;  // stream_validate writes nothing: once per thread count
      try {
        stream_validate(ledger_paths, stream);
        ADD_FAILURE() << "stream_validate passed the bad ledger";
      } catch (const ledger_error& e) {
        EXPECT_EQ(e.problems(), expected) << "stream_validate";
        EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
      }
    }
  }
  return expected;
}

}  // namespace caseledger::testing
