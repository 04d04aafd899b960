// The fuzz targets of zip-of-XML workbooks (xlsx, ods) take a listing of the package's
// parts, each introduced by a line "@@ <path in the package>", and zip it (stored, so that
// the fuzzer's changes reach the XML as they are) before reading.
#pragma once

#include <filesystem>
#include <string_view>

namespace caseledger::fuzzing {

/// Writes the parts `text` lists as a zip file at `file`; a name zip refuses is left out.
void write_zip_parts(std::string_view text, const std::filesystem::path& file);

}  // namespace caseledger::fuzzing
