// Large arrays backed by huge pages where the system offers them on request.
#pragma once

#include <cstddef>

namespace caseledger::detail {

/// Asks the kernel to back the whole 2 MiB pages inside `bytes` at `data` with huge pages
/// (Linux's transparent huge pages, where they are enabled "on request"): a ledger's record
/// arrays run to a hundred megabytes, and faulting them in 4 KiB at a time costs the
/// reading more than making the records does. Only a hint: nothing changes where the
/// system declines, or has no such pages.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

}  // namespace caseledger::detail
