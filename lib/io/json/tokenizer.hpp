// A strict JSON (RFC 8259) tokenizer that scans its input in bulk and knows where every
// token starts, and the parser that drives a SAX-style handler from it. It replaces
// nlohmann::json's SAX parser on the ledger's input path: it gives the same events, the
// same syntax errors in nlohmann's words, and the line and column of every token without
// following the input one character at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/read_limits.hpp"

namespace caseledger::detail {

class input_file;

/// A place in the input: byte offset, line and column (1-based, columns counted in bytes).
struct text_position {
  std::size_t offset = 0;
  std::size_t line = 1;
  std::size_t column = 1;
};

enum class json_token : std::uint8_t {
  begin_object,
  end_object,
  begin_array,
  end_array,
  name_separator,
  value_separator,
  literal_true,
  literal_false,
  literal_null,
  string,
  number_unsigned,
  number_integer,
  number_float,
  end_of_input,
  syntax_error,  // the input is not JSON: error_message() says why
  limit_error,   // a string or number past read_limits: error_message() says which
};

/// Why parsing stopped: `syntax` in nlohmann's words ("syntax error while parsing …") at
/// the byte where it was found, or `limit` (read_limits) at the start of the token.
struct json_error {
  enum class kind : std::uint8_t {
    syntax,  ///< not JSON
    utf8,    ///< a string holds a byte that is not well-formed UTF-8
    limit    ///< a string or number past read_limits
  };
  kind what = kind::syntax;
  std::string message;
  text_position at;
};

/// Splits JSON text into tokens. Input comes from a string in memory (scanned in place) or
/// from a file read in chunks; a token that straddles two chunks is moved to the start of
/// the buffer, so every token is contiguous. Strings are unescaped and checked as UTF-8,
/// numbers keep their text and are classified as nlohmann does (unsigned, integer, float).
class json_tokenizer {
 public:
  /// The bytes a file is read by.
  static constexpr std::size_t default_chunk_bytes = std::size_t{1} << 20;

  /// Tokenizes `text` in place; it must outlive the tokenizer.
  json_tokenizer(std::string_view text, const read_limits& limits);
  /// Tokenizes the content of `file`, read `chunk_bytes` at a time.
  json_tokenizer(input_file& file, const read_limits& limits,
                 std::size_t chunk_bytes = default_chunk_bytes);
  /// Tokenizes `text` as if it were a file read `chunk_bytes` at a time (for tests: small
  /// chunks make tokens straddle refills).
  json_tokenizer(std::string_view text, const read_limits& limits, std::size_t chunk_bytes);
  ~json_tokenizer();
  json_tokenizer(const json_tokenizer&) = delete;
  json_tokenizer& operator=(const json_tokenizer&) = delete;

  /// Scans the next token.
  json_token next();

  /// Scans the next token as next() does, quickly when it is `byte`, the structural token
  /// `token` that the caller expects there (inline, so that each place the parser calls it
  /// from predicts its own branches).
  json_token next_expecting(char byte, json_token token) {
    if (started_) {
      while (cur_ < end_ && *cur_ == ' ') ++cur_;
      if (cur_ < end_ && *cur_ == byte) {
        token_ = cur_;
        stop_at(cur_);
        ++cur_;
        return token;
      }
    }
    return next();
  }

  /// Scans the next token as next() does, quickly when it is a string.
  json_token next_expecting_string() {
    if (started_) {
      while (cur_ < end_ && *cur_ == ' ') ++cur_;
      if (cur_ < end_ && *cur_ == '"') {
        token_ = cur_;
        json_token token = json_token::string;
        if (scan_string(token) == scan::done) return token;
        refill();  // it runs past the buffer: next() scans it again after more is read
      }
    }
    return next();
  }

  /// Where the token `next()` returned starts.
  text_position token_start() const noexcept {
    // Newlines are counted up to the token, and the buffer moves only in next().
    return {offset_of(token_), line_, offset_of(token_) - line_start_ + 1};
  }

  /// Where nlohmann's parser would stand after reading the last token: one byte past a
  /// number (the byte that ended it), on the byte a syntax error was found at, or at the
  /// end of the input. Syntax errors are reported here.
  text_position stop_position() const noexcept;

  /// A string token's value, unescaped; valid until the next `next()`.
  std::string_view string_value() const noexcept { return string_; }
  /// Whether the string holds a NUL character (only an escape can put one there).
  bool string_has_nul() const noexcept { return has_nul_; }

  /// A number token's text.
  std::string_view number_text() const noexcept { return number_; }
  std::uint64_t unsigned_value() const noexcept { return unsigned_; }
  std::int64_t integer_value() const noexcept { return integer_; }
  /// Whether a float token is too large for a double (nlohmann refuses those).
  bool float_overflows() const;

  /// Why a syntax_error or limit_error token was returned.
  const std::string& error_message() const noexcept { return error_; }
  /// Whether the syntax error is a string's ill-formed UTF-8.
  bool ill_formed_utf8() const noexcept { return ill_formed_utf8_; }
  /// nlohmann's "last read" text for a syntax error: the bytes since the last string or
  /// number started, control characters written <U+XXXX>.
  std::string last_read() const;

 private:
  enum class scan : std::uint8_t { done, need_more };

  bool refill();
  void keep_last_read(std::size_t keep_offset);
  void skip_whitespace();
  scan scan_token(json_token& token);
  scan scan_bom(json_token& token);
  scan scan_string(json_token& token);
  scan scan_number(json_token& token);
  scan scan_literal(json_token& token, std::string_view literal, json_token kind);
  void classify_number(bool negative, bool is_float, json_token& token);

  json_token fail(const char* at, std::string message);
  json_token fail_utf8(const char* at);
  json_token fail_limit(std::string message);
  // Notes that the last token ended on `byte` (see stop_position); inline: every token does.
  void stop_at(const char* byte) noexcept {
    if (byte < end_) {
      stop_ = offset_of(byte) + 1;
      stop_on_newline_ = *byte == '\n';
    } else {
      stop_ = offset_of(end_);
      stop_on_newline_ = false;
    }
  }
  std::size_t offset_of(const char* p) const noexcept {
    return base_ + static_cast<std::size_t>(p - begin_);
  }

  // The input.
  input_file* file_ = nullptr;
  std::string_view pending_;  // text still to be copied into the buffer (chunked text)
  std::vector<char> storage_;
  std::size_t chunk_bytes_ = default_chunk_bytes;
  const char* begin_ = nullptr;  // the buffer, or the text scanned in place
  const char* cur_ = nullptr;
  const char* end_ = nullptr;
  bool eof_ = true;       // nothing comes after end_
  std::size_t base_ = 0;  // offset of begin_ in the input
  std::size_t max_string_bytes_;
  std::size_t max_number_chars_;
  bool started_ = false;  // the byte order mark has been looked for

  // Where we are: every newline before cur_ is counted (tokens hold none).
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;   // offset of the current line's first byte
  const char* token_ = nullptr;  // where the last token starts
  std::size_t stop_ = 0;         // bytes consumed when the last token ended (see stop_position)
  bool stop_on_newline_ = false;

  // The last token's value.
  std::string_view string_;
  std::string scratch_;  // an unescaped string
  bool has_nul_ = false;
  std::string_view number_;
  std::uint64_t unsigned_ = 0;
  std::int64_t integer_ = 0;

  bool ill_formed_utf8_ = false;
  std::string error_;
  // nlohmann's token string starts at the last string or number and runs on through
  // structural characters, literals and whitespace. What a refill drops of it is kept here.
  std::size_t last_read_start_ = 0;
  std::string last_read_dropped_;
};

/// nlohmann's name for a token in its syntax errors ("string literal", "'}'", …).
std::string_view json_token_name(json_token token) noexcept;

/// Builds nlohmann's message for a syntax error found while parsing `context`.
json_error json_syntax_error(const json_tokenizer& input, json_token last,
                             std::string_view expected, std::string_view context);

/// The error for a limit_error token.
json_error json_limit_error(const json_tokenizer& input);

/// Parses one JSON document from `input` into `handler`, as nlohmann's strict SAX parser
/// does (the same events in the same order, the same syntax errors). The handler has
///   bool null(), boolean(bool), number_integer(std::int64_t),
///   number_unsigned(std::uint64_t), number_float(std::string_view text),
///   string(std::string_view), key(std::string_view), start_object(), end_object(),
///   start_array(), end_array(), parse_error(const json_error&)
/// each returning false to stop; positions come from `input.token_start()`. Returns
/// whether the whole document was read.
template <class Handler>
bool parse_json(json_tokenizer& input, Handler& handler) {
  constexpr std::string_view string_literal = "string literal";
  const auto syntax = [&](json_token last, std::string_view expected, std::string_view context) {
    if (last == json_token::limit_error) return handler.parse_error(json_limit_error(input));
    return handler.parse_error(json_syntax_error(input, last, expected, context));
  };
  // Where each open container is: true for an array.
  std::vector<bool> in_array;
  json_token token = input.next();
  bool closed = false;  // a container just closed: what comes next depends on its parent
  while (true) {
    if (!closed) {
      switch (token) {
        case json_token::begin_object:
          if (!handler.start_object()) return false;
          token = input.next_expecting_string();
          if (token == json_token::end_object) {
            if (!handler.end_object()) return false;
            break;
          }
          if (token != json_token::string) return syntax(token, string_literal, "object key");
          if (!handler.key(input.string_value())) return false;
          token = input.next_expecting(':', json_token::name_separator);
          if (token != json_token::name_separator) {
            return syntax(token, json_token_name(json_token::name_separator), "object separator");
          }
          in_array.push_back(false);
          token = input.next_expecting_string();
          continue;
        case json_token::begin_array:
          if (!handler.start_array()) return false;
          token = input.next();
          if (token == json_token::end_array) {
            if (!handler.end_array()) return false;
            break;
          }
          in_array.push_back(true);
          continue;
        case json_token::string:
          if (!handler.string(input.string_value())) return false;
          break;
        case json_token::number_unsigned:
          if (!handler.number_unsigned(input.unsigned_value())) return false;
          break;
        case json_token::number_integer:
          if (!handler.number_integer(input.integer_value())) return false;
          break;
        case json_token::number_float:
          if (input.float_overflows()) {
            return handler.parse_error(
                {json_error::kind::syntax,
                 "[json.exception.out_of_range.406] number overflow parsing '" +
                     std::string(input.number_text()) + "'",
                 input.stop_position()});
          }
          if (!handler.number_float(input.number_text())) return false;
          break;
        case json_token::literal_true:
          if (!handler.boolean(true)) return false;
          break;
        case json_token::literal_false:
          if (!handler.boolean(false)) return false;
          break;
        case json_token::literal_null:
          if (!handler.null()) return false;
          break;
        case json_token::syntax_error:
          return syntax(token, {}, "value");
        default:
          return syntax(token, "'[', '{', or a literal", "value");
      }
    }
    closed = false;
    if (in_array.empty()) break;
    token = input.next_expecting(',', json_token::value_separator);
    if (in_array.back()) {
      if (token == json_token::value_separator) {
        token = input.next();
        continue;
      }
      if (token != json_token::end_array) {
        return syntax(token, json_token_name(json_token::end_array), "array");
      }
      if (!handler.end_array()) return false;
      in_array.pop_back();
      closed = true;
      continue;
    }
    if (token == json_token::value_separator) {
      token = input.next_expecting_string();
      if (token != json_token::string) return syntax(token, string_literal, "object key");
      if (!handler.key(input.string_value())) return false;
      token = input.next_expecting(':', json_token::name_separator);
      if (token != json_token::name_separator) {
        return syntax(token, json_token_name(json_token::name_separator), "object separator");
      }
      token = input.next_expecting_string();
      continue;
    }
    if (token != json_token::end_object) {
      return syntax(token, json_token_name(json_token::end_object), "object");
    }
    if (!handler.end_object()) return false;
    in_array.pop_back();
    closed = true;
  }
  token = input.next();
  if (token != json_token::end_of_input) {
    return syntax(token, json_token_name(json_token::end_of_input), "value");
  }
  return true;
}

}  // namespace caseledger::detail
