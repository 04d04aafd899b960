// The problems of a streaming report in the order the normal mode finds them: rule problems
// kept by phase, and the first record with a duplicate id, found by reading the ids again.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/model/ledger.hpp"
#include "caseledger/model/record_schema.hpp"
#include "model/record_sink.hpp"
#include "model/rules.hpp"

namespace caseledger::detail {

// Rule problems kept by the phase that found them, so that they come out in build()'s
// order whatever order the records arrived in. No phase needs more than max_problems.
// `first_stops`: the first problem is thrown at once (a caller that only needs to know
// whether there is one).
class phased_problems final : public rule_sink {
 public:
  phased_problems(std::size_t max_problems, bool first_stops)
      : max_(max_problems), first_stops_(first_stops) {}

  void report(std::size_t phase, problem found) override {
    if (first_stops_) throw ledger_error({std::move(found)});
    if (phases_[phase].size() < max_) phases_[phase].push_back(std::move(found));
  }

  // How many problems `phase` keeps, and a way to put the right one in place of one kept.
  std::size_t kept(std::size_t phase) const { return phases_[phase].size(); }
  void replace(std::size_t phase, std::size_t at, problem found) {
    phases_[phase][at] = std::move(found);
  }

  // The reader's problems, then the rules' in build()'s order, up to max_problems.
  std::vector<problem> after(std::vector<problem> found) const {
    for (const auto& phase : phases_) {
      for (const problem& p : phase) {
        if (found.size() >= max_) return found;
        found.push_back(p);
      }
    }
    return found;
  }

 private:
  std::size_t max_;
  bool first_stops_;
  std::array<std::vector<problem>, phase_count> phases_;
};

// A duplicate id whose problem is kept: the problem names the first record with the id,
// which the id tables do not remember (they keep no positions); it is found once the pass
// is over by reading the ledger's ids again, which only a ledger with duplicates pays for.
struct duplicate_id {
  std::size_t phase;
  std::size_t at;  // the problem's place in its phase
  record_kind kind;
  std::string id;
  record_origin origin;
};

// Takes the one problem a rule function reports.
class problem_taker final : public rule_sink {
 public:
  void report(std::size_t /*phase*/, problem found) override { taken = std::move(found); }
  problem taken;
};

// The position of the first record of a kind with each of some ids, read again from the
// ledger: records reach it as they reached the streaming pass (the reader refuses the same
// ones), so the first record with an id here is the first the id tables saw.
class first_record_finder final : public record_sink {
 public:
  first_record_finder(std::string source, const std::vector<duplicate_id>& duplicates)
      : source_(std::move(source)) {
    for (const duplicate_id& duplicate : duplicates) {
      wanted(duplicate.kind).try_emplace(duplicate.id, not_seen);
    }
  }

  std::uint32_t first(record_kind kind, const std::string& id) { return wanted(kind).at(id); }

  const std::string& source() const override { return source_; }
  void add(district&, const record_origin&) override {}
  void add(enterprise& record, const record_origin& origin) override {
    see(record_kind::enterprise, record.id, origin);
  }
  void add(project& record, const record_origin& origin) override {
    see(record_kind::project, record.id, origin);
  }
  void add(team&, const record_origin&) override {}
  void add(unit&, const record_origin&) override {}
  void add(case_record& record, const record_origin& origin) override {
    see(record_kind::case_, record.id, origin);
  }
  void add(measure& record, const record_origin& origin) override {
    see(record_kind::measure, record.id, origin);
  }
  // The first pass reported these already.
  void report(problem) override {}
  void refuse(std::string_view, std::string_view) override {}
  void note(reading_note) override {}
  void declare_case_extra_column(std::string) override {}
  const std::vector<problem>& problems() const override { return none_; }

 private:
  static constexpr std::uint32_t not_seen = 0xFFFF'FFFFu;
  using first_by_id = std::unordered_map<std::string, std::uint32_t>;

  first_by_id& wanted(record_kind kind) { return wanted_[static_cast<std::size_t>(kind)]; }
  void see(record_kind kind, std::string_view id, const record_origin& origin) {
    first_by_id& ids = wanted(kind);
    const auto found = ids.find(std::string(id));
    if (found != ids.end() && found->second == not_seen) found->second = origin.index;
  }

  std::string source_;
  std::array<first_by_id, record_kind_count> wanted_;  // by record_kind
  std::vector<problem> none_;
};

}  // namespace caseledger::detail
