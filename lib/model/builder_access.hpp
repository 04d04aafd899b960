// Lets the readers tell a ledger_builder about the records they refused.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/model/ledger.hpp"

namespace caseledger::detail {

/// What a reader may do to a `ledger_builder` beyond its public interface.
struct ledger_builder_access {
  /// Notes that the reader refused the record `id` of `kind` ("district", "case", …) for a
  /// problem it already reported, so that `build()` does not also report every reference
  /// to it as unknown.
  static void refuse(ledger_builder& builder, std::string_view kind, std::string_view id) {
    std::string key(kind);
    key += ':';
    key += id;
    builder.refused_.insert(std::move(key));
  }

  /// Indexes and checks the records so far, each problem to `sink` (which may keep going),
  /// and returns the ledger even if problems were found: for a caller that orders the
  /// problems with others of its own before throwing.
  static ledger check_into(ledger_builder&& builder, rule_sink& sink) {
    return std::move(builder).check_into(sink);
  }

  /// Drops where each record stood, which only `ledger_builder::add_ledger` needs, from a
  /// ledger that will not be merged with others.
  static void forget_origins(ledger& book) noexcept { book.origins_.reset(); }

  /// Names the files a ledger was read from, after it was built (see `ledger::inputs`).
  static void add_inputs(ledger& book, std::vector<input_source> sources) {
    for (input_source& source : sources) book.inputs_.push_back(std::move(source));
  }
};

}  // namespace caseledger::detail
