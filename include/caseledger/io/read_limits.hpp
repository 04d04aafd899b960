#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace caseledger {

/// How much of anything one ledger may hold before a reader refuses it. Every reader checks
/// its input against these as it goes, so a hostile file (a string of a gigabyte, a record
/// of a million fields, a zip bomb) is refused with a `ledger_error` naming the limit,
/// after reading no more than the limit allows. docs/limits.md explains each one.
///
/// The defaults are far above what a real ledger needs; raise one when a real ledger
/// passes it:
///
///     caseledger::read_options options;
///     options.limits.max_string_bytes = 16 << 20;
struct read_limits {
  /// JSON: how deeply objects and arrays may nest (the ledger itself needs 3, an extra
  /// field's value a little more). xlsx: how deeply the XML elements of a part may nest.
  std::size_t max_depth = 64;
  /// Bytes of one string: a JSON string or key, a CSV cell, an xlsx cell or shared string,
  /// and the JSON text an extra field is kept as.
  std::size_t max_string_bytes = std::size_t{1} << 20;
  /// Characters of one JSON number (a 64-bit amount needs 21).
  std::size_t max_number_chars = 64;
  /// JSON: values in one record, nested ones included; CSV and xlsx: cells in one row.
  std::size_t max_fields = 1024;
  /// xlsx: uncompressed bytes of one part of the package (a sheet, the shared strings).
  std::uint64_t max_part_bytes = std::uint64_t{1} << 30;
  /// xlsx: how many times larger than its compressed size a part may grow, once it passes
  /// 16 MiB (deflate's own limit is about 1032; real sheets stay under 100).
  std::uint64_t max_compression_ratio = 200;
  /// xlsx: entries in the shared-string table.
  std::size_t max_shared_strings = std::size_t{1} << 23;
  /// xlsx: bytes of all shared strings together.
  std::uint64_t max_shared_string_bytes = std::uint64_t{1} << 28;

  friend bool operator==(const read_limits&, const read_limits&) = default;
};

/// The limits' names as options take them: "max_depth", "max_string_bytes", … (the
/// members' names).
inline constexpr std::string_view read_limit_names[] = {
    "max_depth",      "max_string_bytes",      "max_number_chars",   "max_fields",
    "max_part_bytes", "max_compression_ratio", "max_shared_strings", "max_shared_string_bytes"};

/// Sets one limit from "name=value" (a name from `read_limit_names`, a whole number at
/// least 1 with an optional K, M or G suffix for 1024, 1024² or 1024³). Throws
/// `usage_error` naming what is wrong.
///
///     caseledger::set_read_limit(limits, "max_string_bytes=16M");
void set_read_limit(read_limits& limits, std::string_view assignment);

}  // namespace caseledger
