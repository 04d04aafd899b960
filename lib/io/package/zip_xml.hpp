// Office documents (.xlsx, .ods) are zip archives of XML parts. This opens the archive on
// the very file that was checked (minizip) and parses a part a chunk at a time (expat),
// within the reading limits, so that a hostile package is refused, never followed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <expat.h>
#include <unzip.h>

#include "caseledger/io/read_limits.hpp"
#include "core/input_file.hpp"
#include "io/refuse.hpp"

namespace caseledger::detail {

/// A whole-number attribute (a row number, a style index, a repeat count); refuses any
/// other text, naming the attribute.
std::size_t number_attribute(const std::string& shown, std::string_view name, const char* text);

/// An element's or attribute's local name: the name as written less its prefix ("x:c" is
/// "c", "r:id" is "id"), as the parts are parsed without namespace processing (xml_part).
std::string_view local_name(const XML_Char* name);

/// The value of the attribute whose local name is `wanted`, or nullptr.
const XML_Char* attribute(const XML_Char** attributes, std::string_view wanted);

/// An open zip package: the file opened once (`input_file`) and minizip reading that very
/// descriptor. `kind` names what it should be in a refusal ("an xlsx workbook").
class zip_package {
 public:
  zip_package(const std::filesystem::path& path, const std::string& shown, std::string_view kind);
  ~zip_package();
  zip_package(const zip_package&) = delete;
  zip_package& operator=(const zip_package&) = delete;

  unzFile handle() const noexcept { return handle_; }
  /// Throws `file_error` if the file changed since it was opened.
  void check_unchanged() const { file_->check_unchanged(); }

 private:
  std::unique_ptr<input_file> file_;
  unzFile handle_ = nullptr;
};

/// Bytes of a part decompressed and parsed at a time.
inline constexpr std::size_t xml_chunk_size = std::size_t{1} << 16;

// Parts smaller than this are never refused for their compression ratio: small XML with
// long runs of the same bytes compresses far better than big parts do.
inline constexpr std::uint64_t ratio_exempt_bytes = std::uint64_t{16} << 20;

// The events of one XML part, delivered to handlers set by the part's reader.
//
// expat parses without namespace processing: with it, expat writes every element's name out
// as its namespace's URI, a bar and the local name (some 60 bytes for each of a sheet's
// millions of elements) for the readers to find the local name again, and the readers
// match local names either way. Without it, a sheet saved as .ods (each cell with several
// attributes of long namespaces: office:value-type, calcext:value-type, …) reads a third
// faster; an .xlsx sheet about as fast.
// The namespace declarations (xmlns, xmlns:p) then come as attributes: they are taken out
// before the handler sees them, as namespace processing takes them out, so that
// "xmlns:r" is never taken for an attribute "r".
class xml_part {
 public:
  using start_handler = std::function<void(std::string_view, const XML_Char**)>;
  using end_handler = std::function<void(std::string_view)>;
  using text_handler = std::function<void(std::string_view)>;

  xml_part(unzFile zip, std::string name, std::string shown, const read_limits& limits)
      : zip_(zip),
        name_(std::move(name)),
        shown_(std::move(shown)),
        limits_(limits),
        parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &xml_part::on_start, &xml_part::on_end);
    XML_SetCharacterDataHandler(parser_, &xml_part::on_text);
    XML_SetStartDoctypeDeclHandler(parser_, &xml_part::on_doctype);
  }
  ~xml_part() {
    XML_ParserFree(parser_);
    if (open_) unzCloseCurrentFile(zip_);
  }
  xml_part(const xml_part&) = delete;
  xml_part& operator=(const xml_part&) = delete;

  start_handler on_start_element;
  end_handler on_end_element;
  text_handler on_characters;

  // Whether the archive has this part; opens it. A part that says it is larger than
  // max_part_bytes is refused before any of it is read.
  bool open() {
    if (unzLocateFile(zip_, name_.c_str(), 1) != UNZ_OK) return false;
    unz_file_info64 entry{};
    if (unzGetCurrentFileInfo64(zip_, &entry, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzOpenCurrentFile(zip_) != UNZ_OK) {
      refuse(shown_, "cannot open " + name_ + " in the workbook");
    }
    open_ = true;
    compressed_start_ = unzGetCurrentFileZStreamPos64(zip_);
    if (entry.uncompressed_size > limits_.max_part_bytes) too_large(entry.uncompressed_size);
    declared_bytes_ = entry.uncompressed_size;
    return true;
  }

  // The part's size as the archive declares it (once open): a hint, unchecked until read.
  std::uint64_t declared_bytes() const noexcept { return declared_bytes_; }

  // Parses the next chunk; false once the part is done. Sizes are counted as the bytes
  // come out of the decompressor, whatever the archive's headers claim.
  bool feed() {
    XML_Status status = XML_STATUS_OK;
    if (suspended_) {  // the rest of the chunk a row ended in
      suspended_ = false;
      status = XML_ResumeParser(parser_);
    } else {
      if (done_) return false;
      const int got = unzReadCurrentFile(zip_, buffer_, static_cast<unsigned>(sizeof buffer_));
      if (got < 0) refuse(shown_, "cannot decompress " + name_ + " (the workbook is damaged)");
      done_ = got == 0;
      check_size(static_cast<std::uint64_t>(got));
      status = XML_Parse(parser_, buffer_, got, done_ ? 1 : 0);
    }
    // A handler's exception was caught inside expat's frames, which it must not unwind
    // (expat's buffers would leak); it is thrown here, once expat has returned.
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    if (status == XML_STATUS_ERROR) {
      refuse(shown_, name_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                         ": invalid XML: " + XML_ErrorString(XML_GetErrorCode(parser_)));
    }
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return true;
    }
    // expat holds a tag, comment or attribute whole until it ends, reporting nothing:
    // that is the one thing that may grow in it.
    if (unreported_ > limits_.max_string_bytes + xml_chunk_size) {
      refuse(shown_, name_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                         ": an XML tag, comment or attribute longer than " +
                         std::to_string(limits_.max_string_bytes) +
                         " bytes (the limit max_string_bytes)");
    }
    return !done_;
  }

  // Stops parsing after the current event; the next `feed()` goes on from there. Lets a
  // reader take one row at a time out of a chunk that holds many.
  void pause() { XML_StopParser(parser_, XML_TRUE); }

  // Refuses a text that grew past max_string_bytes (`what`: "a cell", "a shared string").
  void check_text(std::size_t size, std::string_view what) const {
    if (size <= limits_.max_string_bytes) return;
    refuse(shown_, name_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " +
                       std::string(what) + " longer than " +
                       std::to_string(limits_.max_string_bytes) +
                       " bytes (the limit max_string_bytes)");
  }

  const read_limits& limits() const noexcept { return limits_; }
  const std::string& name() const noexcept { return name_; }

  void parse_all() {
    while (feed()) {
    }
  }

 private:
  [[noreturn]] void too_large(std::uint64_t size) const {
    refuse(shown_, name_ + " is " + std::to_string(size) +
                       " bytes uncompressed, more than the limit max_part_bytes (" +
                       std::to_string(limits_.max_part_bytes) + ")");
  }

  // The ratio is of what has come out to what has gone in so far (minizip reads the
  // compressed bytes ahead in 16 KiB blocks), so a bomb is caught at its first 16 MiB.
  void check_size(std::uint64_t got) {
    inflated_ += got;
    unreported_ += got;
    if (inflated_ > limits_.max_part_bytes) too_large(inflated_);
    if (inflated_ <= ratio_exempt_bytes) return;
    const std::uint64_t consumed = unzGetCurrentFileZStreamPos64(zip_) - compressed_start_;
    if (inflated_ / std::max<std::uint64_t>(consumed, 1) > limits_.max_compression_ratio) {
      refuse(shown_,
             name_ + " expands to more than " + std::to_string(limits_.max_compression_ratio) +
                 " times its compressed size (" + std::to_string(inflated_) + " bytes from " +
                 std::to_string(consumed) + "; a zip bomb? the limit max_compression_ratio)");
    }
  }

  // Runs a handler's work inside expat's callback: an exception is kept for `feed()` to
  // throw and the parser stopped for good, so nothing unwinds through expat's C frames.
  template <class Work>
  static void guarded(void* self, Work&& work) {
    auto& part = *static_cast<xml_part*>(self);
    if (part.failure_) return;  // events expat still delivers after the stop
    try {
      part.unreported_ = 0;
      work(part);
    } catch (...) {
      part.failure_ = std::current_exception();
      XML_StopParser(part.parser_, XML_FALSE);
    }
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    guarded(self, [&](xml_part& part) {
      if (++part.depth_ > part.limits_.max_depth) {
        refuse(part.shown_,
               part.name_ + ":" + std::to_string(XML_GetCurrentLineNumber(part.parser_)) +
                   ": XML elements nested deeper than " + std::to_string(part.limits_.max_depth) +
                   " levels (the limit max_depth)");
      }
      // Kept for the end event, which then need not find it again past the namespace (a
      // sheet has millions of elements, each name some 60 bytes of namespace first).
      if (part.tags_.size() < part.depth_) part.tags_.resize(part.depth_);
      std::string& open = part.tags_[part.depth_ - 1];
      open.assign(local_name(name));
      if (part.on_start_element) part.on_start_element(open, part.without_declarations(attributes));
    });
  }
  // `attributes` (name, value, …, null) less the namespace declarations; most elements have
  // none, and are given as they come.
  const XML_Char** without_declarations(const XML_Char** attributes) {
    // The first byte alone rules out a cell's r, s and t without a call to strncmp.
    const auto declares = [](const XML_Char* name) {
      return name[0] == 'x' && std::strncmp(name, "xmlns", 5) == 0 &&
             (name[5] == '\0' || name[5] == ':');
    };
    const XML_Char** at = attributes;
    while (*at != nullptr && !declares(*at)) at += 2;
    if (*at == nullptr) return attributes;
    kept_attributes_.clear();
    for (at = attributes; *at != nullptr; at += 2) {
      if (declares(*at)) continue;
      kept_attributes_.push_back(at[0]);
      kept_attributes_.push_back(at[1]);
    }
    kept_attributes_.push_back(nullptr);
    return kept_attributes_.data();
  }
  static void on_end(void* self, const XML_Char* /*name*/) {
    guarded(self, [&](xml_part& part) {
      --part.depth_;
      if (part.on_end_element) part.on_end_element(part.tags_[part.depth_]);
    });
  }
  // Entities declared in a DTD are how XML bombs multiply text; xlsx parts have no DTD.
  static void on_doctype(void* self, const XML_Char* /*name*/, const XML_Char* /*system_id*/,
                         const XML_Char* /*public_id*/, int /*has_internal_subset*/) {
    guarded(self, [](xml_part& part) {
      refuse(part.shown_, part.name_ +
                              " has a document type declaration (<!DOCTYPE>), which "
                              "xlsx parts never have");
    });
  }
  static void on_text(void* self, const XML_Char* text, int length) {
    guarded(self, [&](xml_part& part) {
      if (part.on_characters) {
        part.on_characters(std::string_view(text, static_cast<std::size_t>(length)));
      }
    });
  }

  unzFile zip_;
  std::string name_;
  std::string shown_;
  const read_limits& limits_;
  XML_Parser parser_;
  bool open_ = false;
  bool done_ = false;
  bool suspended_ = false;
  std::exception_ptr failure_;          // a handler's exception, thrown once expat returns
  std::uint64_t compressed_start_ = 0;  // where the part's compressed bytes start
  std::uint64_t declared_bytes_ = 0;    // the size the archive gives the part
  std::uint64_t inflated_ = 0;          // bytes decompressed so far
  std::uint64_t unreported_ = 0;        // bytes fed since expat last reported anything
  std::size_t depth_ = 0;               // open elements
  std::vector<std::string> tags_;       // their local names, the innermost at depth_ - 1
  std::vector<const XML_Char*> kept_attributes_;  // an element's less its declarations
  char buffer_[xml_chunk_size];
};

}  // namespace caseledger::detail
