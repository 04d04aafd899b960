#pragma once

#include <cstdint>

namespace caseledger {

/// The language a report is written in: its sheet names, headers, labels and sentences.
enum class report_language : std::uint8_t { zh_hans, zh_hant, en };

}  // namespace caseledger
