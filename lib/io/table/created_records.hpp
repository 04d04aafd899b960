// The records a flat sheet creates from the names its rows give (first mention wins), and
// how the records of two runs of its rows are joined as one run over both would make them.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "caseledger/detail/id_index.hpp"
#include "caseledger/model/entities.hpp"

namespace caseledger::detail {

// One record created from the sheet, the line that created it and the lines that gave
// its optional attributes (0: none yet).
template <class Record>
struct created {
  Record record;
  std::uint32_t line = 0;
  std::uint32_t key_line = 0;
  std::uint32_t resumed_line = 0;
  std::uint32_t industry_line = 0;
};

// The records a sheet created, by id. Every row looks up its district, enterprise and
// unit here: an id_index keeps no copy of the ids (a map of strings kept one per record)
// and compares short ones within its slots.
template <class Record>
class created_records {
 public:
  // The record `id`, created by `make` if this is its first mention.
  template <class Make>
  created<Record>& find_or_make(std::string_view id, std::uint32_t line, Make&& make) {
    if (created<Record>* found = find(id)) return *found;
    add({make(), line});
    return records_.back();
  }

  // The record `id`, or null.
  created<Record>* find(std::string_view id) {
    const std::uint32_t found = index_.find(id, id_at());
    return found == id_index::none ? nullptr : &records_[found];
  }

  // Adds a record not there yet.
  void add(created<Record> entry) {
    records_.push_back(std::move(entry));
    index_.insert(records_.back().record.id, static_cast<std::uint32_t>(records_.size() - 1),
                  id_at());
  }

  std::vector<created<Record>>& all() noexcept { return records_; }

 private:
  auto id_at() const {
    return
        [this](std::uint32_t position) -> std::string_view { return records_[position].record.id; };
  }

  id_index index_;
  std::vector<created<Record>> records_;
};

// Whether two mentions of a record name it alike, attributes aside.
inline bool named_alike(const district& a, const district& b) { return a.name == b.name; }
inline bool named_alike(const unit&, const unit&) { return true; }  // its id is its name
inline bool named_alike(const team& a, const team& b) {
  return a.name == b.name && a.district == b.district && a.kind == b.kind;
}
template <class Subject>
requires std::is_same_v<Subject, enterprise> || std::is_same_v<Subject, project>
inline bool named_alike(const Subject& a, const Subject& b) {
  return a.name == b.name && a.district == b.district;
}

// Joins to `into` the records `later` created from the rows after `into`'s (their lines
// counted from 1 at line `before` + 1), as one reading of all the rows would have made
// them: a record new to `into` added after its own, in `later`'s order; one it has takes an
// attribute only `later` gave. False when a mention in `later` says otherwise than one in
// `into` (a problem that reading would have met).
template <class Record>
bool join_created(created_records<Record>& into, created_records<Record>& later,
                  std::uint32_t before) {
  bool alike = true;
  for (created<Record>& entry : later.all()) {
    for (std::uint32_t* line :
         {&entry.line, &entry.key_line, &entry.resumed_line, &entry.industry_line}) {
      if (*line != 0) *line += before;
    }
    created<Record>* kept = into.find(entry.record.id);
    if (kept == nullptr) {
      into.add(std::move(entry));
      continue;
    }
    alike = alike && named_alike(kept->record, entry.record);
    const auto take = [&](std::uint32_t given_line, std::uint32_t& kept_line, auto& kept_value,
                          const auto& given_value) {
      if (given_line == 0) return;
      if (kept_line == 0) {
        kept_value = given_value;
        kept_line = given_line;
      } else {
        alike = alike && kept_value == given_value;
      }
    };
    if constexpr (std::is_same_v<Record, enterprise> || std::is_same_v<Record, project>) {
      take(entry.key_line, kept->key_line, kept->record.key, entry.record.key);
      take(entry.resumed_line, kept->resumed_line, kept->record.resumed_on,
           entry.record.resumed_on);
    }
    if constexpr (std::is_same_v<Record, enterprise>) {
      take(entry.industry_line, kept->industry_line, kept->record.industry, entry.record.industry);
    }
  }
  return alike;
}

}  // namespace caseledger::detail
