#pragma once

#include <string>
#include <string_view>

// Declarations only: a caller that uses the documents includes <nlohmann/json.hpp>.
#include <nlohmann/json_fwd.hpp>

#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/report.hpp"

namespace caseledger {

/// A partial aggregate together with the report options it was computed under: what one
/// process hands to another to be merged (parts only merge under the same options).
struct partial_document {
  partial_aggregate parts;
  report_options options;
};

/// The options as JSON: {"from", "to", "as_of" (null when unset), "group_by" (names),
/// "rate_decimals", "key_only_resumption", "title"}.
nlohmann::ordered_json options_to_json(const report_options& options);

/// Reads options written by `options_to_json`. Every key is required; throws `usage_error`
/// naming the key and what is wrong.
report_options options_from_json(const nlohmann::json& document);

/// The document `caseledger.partial/2`: exact, so that reading it back gives an equal
/// partial_aggregate. Money as whole fen in strings ("40000000"), days-to-resolve
/// histograms as [days, count] pairs in ascending days, beneficiary and recipient sets as
/// sorted lists, every enum-keyed table with every name.
///
///     auto text = caseledger::to_json_text(caseledger::partial_document{parts, options});
///     auto back = caseledger::parse_partial_json(text);  // back.parts == parts
nlohmann::ordered_json partial_to_json(const partial_document& document);

/// The document as compact text (one line, UTF-8 unescaped); the same parts give the same
/// bytes.
std::string to_json_text(const partial_document& document);

/// Reads a `caseledger.partial/2` document. Strict: a missing or unknown key, a negative
/// count, a duplicate set member or histogram day, or a key of the wrong length throws
/// `usage_error` naming the JSON pointer and the reason.
partial_document partial_from_json(const nlohmann::json& document);

/// Parses and reads a `caseledger.partial/2` document held in text.
partial_document parse_partial_json(std::string_view text);

}  // namespace caseledger
