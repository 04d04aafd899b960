#pragma once

#include "caseledger/core/language.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/text/headline.hpp"

namespace caseledger {

/// The figures of `group` of `r` as the headline templates name them, written for
/// `language` (amounts in words, rates with the report's decimals, the comparison's
/// changes when the report has one).
headline_figures headline_figures_of(const report& r, const report_group& group,
                                     report_language language);

/// Fills the headline of every group and of the total with `r.options.headlines` (or the
/// built-in templates). Throws what `headline_templates::render` throws.
void add_headlines(report& r);

}  // namespace caseledger
