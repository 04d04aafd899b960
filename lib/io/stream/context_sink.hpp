// Where the first pass of one of several ledgers, run on a thread of its own
// (stream_report.cpp's first_passes), puts what the file names: the file's own context
// builder and notes, so that threads share nothing.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/model/ledger.hpp"
#include "caseledger/model/reading_note.hpp"
#include "caseledger/model/record_schema.hpp"
#include "io/stream/record_batches.hpp"
#include "model/builder_access.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// Takes a first pass's districts, enterprises, projects, teams and units into `builder`,
/// its notes into `notes`, its problems up to `max_problems`; a case or a measure is a
/// logic error (the pass plan asked for none).
class context_sink final : public uniform_record_sink<context_sink> {
 public:
  context_sink(const std::string& source, ledger_builder& builder, std::vector<reading_note>& notes,
               std::size_t max_problems)
      : source_(source), builder_(builder), notes_(notes), problems_(max_problems) {}

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    constexpr record_kind kind = record_schema<Record>::kind;
    if constexpr (kind == record_kind::case_ || kind == record_kind::measure) {
      throw std::logic_error("caseledger: a first pass brought a case or a measure");
    } else {
      builder_.add(std::move(record), origin);
    }
  }
  const std::string& source() const override { return source_; }
  void report(problem found) override { problems_.report(std::move(found)); }
  void refuse(std::string_view kind, std::string_view id) override {
    ledger_builder_access::refuse(builder_, kind, id);
  }
  void note(reading_note noticed) override { notes_.push_back(std::move(noticed)); }
  void declare_case_extra_column(std::string name) override {
    builder_.declare_case_extra_column(std::move(name));
  }
  const std::vector<problem>& problems() const override { return problems_.all(); }

 private:
  const std::string& source_;
  ledger_builder& builder_;
  std::vector<reading_note>& notes_;
  reading_problems problems_;
};

}  // namespace caseledger::detail
