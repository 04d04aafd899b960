#include "io/package/zip_xml.hpp"

#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>

#include <ioapi.h>
#include <unistd.h>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

// minizip reads the file through a stream opened here, on a duplicate of the descriptor
// already open, so the archive is the very file that was checked (not whatever the path
// names a moment later).
voidpf ZCALLBACK open_given_stream(voidpf opaque, const void* /*filename*/, int /*mode*/) {
  return opaque;
}

}  // namespace

std::size_t number_attribute(const std::string& shown, std::string_view name, const char* text) {
  std::size_t value = 0;
  std::size_t length = 0;
  for (const char* c = text; *c != '\0'; ++c, ++length) {
    if (*c < '0' || *c > '9' || length >= 9) {
      refuse(shown, "attribute " + std::string(name) + "=\"" + text + "\" is not a whole number");
    }
    value = value * 10 + static_cast<std::size_t>(*c - '0');
  }
  if (length == 0) refuse(shown, "attribute " + std::string(name) + " is empty");
  return value;
}

std::string_view local_name(const XML_Char* name) {
  const std::string_view written(name);
  const std::size_t colon = written.find(':');
  return colon == std::string_view::npos ? written : written.substr(colon + 1);
}

const XML_Char* attribute(const XML_Char** attributes, std::string_view wanted) {
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (local_name(attributes[i]) == wanted) return attributes[i + 1];
  }
  return nullptr;
}

zip_package::zip_package(const std::filesystem::path& path, const std::string& shown,
                         std::string_view kind) {
  // Opened first and checked after, so that a path that vanishes or changes in between
  // cannot pass the check and then be something else.
  file_ = std::make_unique<input_file>(path);
  if (!file_->is_regular()) {
    std::error_code ignored;
    throw file_error(path, "open",
                     std::filesystem::is_directory(path, ignored)
                         ? std::make_error_code(std::errc::is_a_directory)
                         : not_a_regular_file());
  }
  const int copy = ::dup(file_->descriptor());
  std::FILE* stream = copy < 0 ? nullptr : ::fdopen(copy, "rb");
  if (stream == nullptr) {
    const std::error_code reason(errno, std::generic_category());
    if (copy >= 0) (void)::close(copy);
    throw file_error(path, "open", reason);
  }
  zlib_filefunc64_def functions{};
  fill_fopen64_filefunc(&functions);
  functions.zopen64_file = &open_given_stream;
  functions.opaque = stream;
  handle_ = unzOpen2_64(path.c_str(), &functions);  // owns the stream from here
  if (handle_ == nullptr) {
    refuse(shown, "not " + std::string(kind) + " (it is not a zip archive)");
  }
}

zip_package::~zip_package() {
  if (handle_ != nullptr) unzClose(handle_);
}

}  // namespace caseledger::detail
