// The bulk JSON tokenizer (lib/detail/json_tokenizer): it must give the events, syntax
// errors and positions nlohmann's SAX parser gave through the character-by-character
// position tracker it replaces. The reference here is that pair, kept in this test only;
// both are run over hand-written texts, every prefix of them and byte substitutions, in
// place and through buffers of many sizes so tokens straddle refills.
#include "io/json/tokenizer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/read_limits.hpp"
#include "core/input_file.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

using detail::json_error;
using detail::json_tokenizer;
using detail::text_position;

std::string at(text_position position) {
  return "@" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

// --- the reference: nlohmann's SAX parser reading through the old position tracker ------

class tracked_input {
 public:
  explicit tracked_input(std::string_view text) noexcept
      : current_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const noexcept { return current_ == end_; }
  char peek() const noexcept { return *current_; }

  void advance() noexcept {
    const char c = *current_++;
    const std::size_t offset = consumed_++;
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
    } else {
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          in_bare_token_ = false;
          break;
        case '"':
          start_token(offset);
          in_string_ = true;
          in_bare_token_ = false;
          break;
        case '{':
        case '}':
        case '[':
        case ']':
        case ':':
        case ',':
          start_token(offset);
          in_bare_token_ = false;
          break;
        default:
          if (!in_bare_token_) start_token(offset);
          in_bare_token_ = true;
      }
    }
    last_byte_ = c;
    if (c == '\n') {
      ++line_;
      line_start_ = consumed_;
    }
  }

  text_position value_start(bool is_number) const noexcept {
    if (is_number && !is_number_byte(last_byte_) && last_token_.offset + 1 == consumed_) {
      return previous_token_;
    }
    return last_token_;
  }

  text_position stop_position() const noexcept {
    const std::size_t column = consumed_ > line_start_ ? consumed_ - line_start_ : 1;
    return {consumed_, line_, column};
  }

 private:
  static bool is_number_byte(char c) noexcept {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  void start_token(std::size_t offset) noexcept {
    previous_token_ = last_token_;
    last_token_ = {offset, line_, offset - line_start_ + 1};
  }

  const char* current_;
  const char* end_;
  std::size_t consumed_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool in_bare_token_ = false;
  char last_byte_ = 0;
  text_position last_token_;
  text_position previous_token_;
};

class tracked_iterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = char;

  tracked_iterator() noexcept = default;
  explicit tracked_iterator(tracked_input& input) noexcept : input_(&input) {}

  char operator*() const noexcept { return input_->peek(); }
  tracked_iterator& operator++() noexcept {
    input_->advance();
    return *this;
  }
  tracked_iterator operator++(int) noexcept {
    tracked_iterator before = *this;
    input_->advance();
    return before;
  }
  friend bool operator==(const tracked_iterator& a, const tracked_iterator& b) {
    return a.ended() == b.ended();
  }

 private:
  bool ended() const { return input_ == nullptr || input_->at_end(); }
  tracked_input* input_ = nullptr;
};

// Every event as text with where it was reported, as the old ledger reader saw it.
class reference_recorder {
 public:
  using json = nlohmann::json;
  explicit reference_recorder(tracked_input& input) : input_(input) {}

  bool null() { return add("null", false); }
  bool boolean(bool value) { return add(value ? "true" : "false", false); }
  bool number_integer(json::number_integer_t value) {
    return add("integer " + std::to_string(value), true);
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return add("unsigned " + std::to_string(value), true);
  }
  bool number_float(json::number_float_t /*value*/, const std::string& text) {
    return add("float " + text, true);
  }
  bool string(std::string& value) { return add("string " + json(value).dump(), false); }
  bool binary(json::binary_t& /*value*/) { return true; }
  bool start_object(std::size_t /*elements*/) { return add("{", false); }
  bool start_array(std::size_t /*elements*/) { return add("[", false); }
  bool end_object() {
    events.emplace_back("}");
    return true;
  }
  bool end_array() {
    events.emplace_back("]");
    return true;
  }
  bool key(std::string& name) { return add("key " + json(name).dump(), false); }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    std::string message = error.what();
    if (const auto column = message.find(", column "); column != std::string::npos) {
      if (const auto colon = message.find(": ", column); colon != std::string::npos) {
        message.erase(0, colon + 2);
      }
    }
    events.push_back("error " + message + at(input_.stop_position()));
    return false;
  }

  std::vector<std::string> events;

 private:
  bool add(std::string event, bool is_number) {
    events.push_back(std::move(event) + at(input_.value_start(is_number)));
    return true;
  }
  tracked_input& input_;
};

std::vector<std::string> reference_events(std::string_view text) {
  tracked_input input(text);
  reference_recorder recorder(input);
  nlohmann::json::sax_parse(tracked_iterator(input), tracked_iterator(), &recorder);
  return recorder.events;
}

// --- the tokenizer, recorded the same way ------------------------------------------------

class recorder {
 public:
  using json = nlohmann::json;
  explicit recorder(const json_tokenizer& input) : input_(input) {}

  bool null() { return add("null"); }
  bool boolean(bool value) { return add(value ? "true" : "false"); }
  bool number_integer(std::int64_t value) { return add("integer " + std::to_string(value)); }
  bool number_unsigned(std::uint64_t value) { return add("unsigned " + std::to_string(value)); }
  bool number_float(std::string_view text) { return add("float " + std::string(text)); }
  bool string(std::string_view value) { return add("string " + json(value).dump()); }
  bool start_object() { return add("{"); }
  bool start_array() { return add("["); }
  bool end_object() {
    events.emplace_back("}");
    return true;
  }
  bool end_array() {
    events.emplace_back("]");
    return true;
  }
  bool key(std::string_view name) { return add("key " + json(name).dump()); }
  bool parse_error(const json_error& error) {
    events.push_back((error.what == json_error::kind::limit ? "limit " : "error ") + error.message +
                     at(error.at));
    last_error = error.what;
    return false;
  }

  std::vector<std::string> events;
  std::optional<json_error::kind> last_error;

 private:
  bool add(std::string event) {
    events.push_back(std::move(event) + at(input_.token_start()));
    return true;
  }
  const json_tokenizer& input_;
};

constexpr read_limits unlimited{.max_string_bytes = std::numeric_limits<std::size_t>::max() / 4,
                                .max_number_chars = std::numeric_limits<std::size_t>::max() / 4};

// The events read from `text` in place (chunk 0) or through a buffer of `chunk` bytes.
std::vector<std::string> events(std::string_view text, std::size_t chunk = 0,
                                const read_limits& limits = unlimited) {
  if (chunk == 0) {
    json_tokenizer input(text, limits);
    recorder handler(input);
    detail::parse_json(input, handler);
    return handler.events;
  }
  json_tokenizer input(text, limits, chunk);
  recorder handler(input);
  detail::parse_json(input, handler);
  return handler.events;
}

constexpr std::size_t chunk_sizes[] = {0, 1, 2, 3, 5, 7, 16, 17, 64, 4096};

void expect_same_as_reference(std::string_view text) {
  const std::vector<std::string> expected = reference_events(text);
  for (const std::size_t chunk : chunk_sizes) {
    ASSERT_EQ(events(text, chunk), expected)
        << "text " << ::testing::PrintToString(std::string(text)) << ", chunk " << chunk;
  }
}

// Hand-written texts: every token, escape and number form, errors of every kind.
const std::vector<std::string>& tricky_texts() {
  static const std::vector<std::string> texts = {
      "",
      " ",
      "\n\n",
      "{}",
      "[]",
      "  {  }  ",
      "\xEF\xBB\xBF{\"a\": 1}",
      "\xEF\xBB\xBF",
      "\xEF\xBB{}",
      "\xEF{}",
      " \xEF\xBB\xBF{}",
      "{\"format\": \"caseledger.ledger/1\",\n\"cases\": [\n",
      R"({"id": "x", "name": "X",})",
      R"({"a": [1, 2, {"b": null, "c": true, "d": false}], "e": {}, "f": []})",
      "{\n  \"a\" :\t1 ,\r\n  \"b\":[ ]\n}\n",
      R"(["", "a", "\"", "\\", "\/", "\b\f\n\r\t", "\u0041\u00e9\u4e2d\uFFFF"])",
      R"(["\ud83d\ude00", "x\uD834\uDD1Ey", "\u0000", "a\u0000b"])",
      R"(["\ud83d"])",
      R"(["\ud83d\u0041"])",
      R"(["\ud83dx"])",
      R"(["\ud83d\x"])",
      R"(["\ude00"])",
      R"(["\u12"])",
      R"(["\u12G4"])",
      R"(["\q"])",
      "[\"\\",
      "[\"\\u00",
      "[\"abc",
      "[\"ab\ncd\"]",
      "[\"ab\tcd\"]",
      "[\"ab\x01\"]",
      "[\"ab\x1f\"]",
      "[\"\x7f\"]",
      "[\"中文，「引号」\"]",
      "[\"\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\"]",
      "[\"\xC0\xAF\"]",
      "[\"\xC2\"]",
      "[\"\xC2",
      "[\"\xE0\x80\x80\"]",
      "[\"\xE0\xA0\"]",
      "[\"\xED\xA0\x80\"]",
      "[\"\xED\x9F\xBF\"]",
      "[\"\xF0\x8F\xBF\xBF\"]",
      "[\"\xF4\x90\x80\x80\"]",
      "[\"\xF4\x8F\xBF\xBF\"]",
      "[\"\xF5\x80\x80\x80\"]",
      "[\"\xFF\"]",
      "[\"\x80\"]",
      "[\"ab\xE4\xB8\"]",
      "[0, -0, 1, -1, 10, 123456789, 18446744073709551615, 18446744073709551616]",
      "[-9223372036854775808, -9223372036854775809, 9223372036854775807]",
      "[0.5, -0.5, 1e5, 1E5, 1e+5, 1e-5, 1.5e10, -1.25E-3, 100000000000000000000000]",
      "[1e308, 1.7976931348623157e308, 1.8e308, 1e309, -1e400, 1e-400, 0e999999]",
      "[0.000001e314, 0.00001e314]",
      "[01]",
      "[-]",
      "[-x]",
      "[1.]",
      "[1.x]",
      "[1e]",
      "[1e+]",
      "[1ex]",
      "[1x]",
      "[1 x]",
      "[1",
      "[1.5",
      "[-",
      "[1e",
      "[.5]",
      "[+1]",
      "[tru]",
      "[tru",
      "[true",
      "[nul]",
      "[fals]",
      "[truex]",
      "[nulll]",
      "[x]",
      "[\x01]",
      "[]]",
      "[1,]",
      "[1 2]",
      "[1,,2]",
      "{\"a\" 1}",
      "{\"a\": 1 \"b\": 2}",
      "{\"a\":}",
      "{1: 2}",
      "{,}",
      "{\"a\"",
      "{\"a\":",
      "{\"a\": 1",
      "{\"a\": 1,",
      "{\"a\": 1}}",
      "{\"a\": 1} x",
      "{\"a\": 1}\n\n  ",
      "{\"a\": 1}\n[",
      "{\"a\" \"b\"}",
      "{\"a\" 12}",
      "{\"a\" 12\n}",
      "{\"a\" true}",
      "{\"a\": 1e999}",
      "{\"a\": 1e999\n}",
      "{\"a\": 1e999",
      "[\"a\", \n  tru\n]",
      "[1, \n  tru]",
      "[\"a\", [[[true, false, null, x",
      "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
      "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]",
      "\"just a string\"",
      "42",
      "-42 ",
      "1.5\n",
      "null",
      "true false",
      "{\"k\\u00e9y\": {\"n\\\"ested\": [\"v\"]}}",
      "{\"a\":1,\"b\":[{\"c\":\"d\"},{\"e\":-0.0}]}",
  };
  return texts;
}

TEST(JsonTokenizer, GivesTheReferenceEventsOnTrickyTexts) {
  for (const std::string& text : tricky_texts()) expect_same_as_reference(text);
}

// A small ledger: records over several lines, escapes, numbers, Chinese text.
const std::string& small_ledger() {
  static const std::string text =
      "{\"format\": \"caseledger.ledger/1\",\n"
      "\"districts\": [{\"id\": \"gulou\", \"name\": \"鼓楼区\", \"name_en\": \"Gulou\"}],\n"
      "\"cases\": [\n"
      "  {\"id\": \"C1\", \"district\": \"gulou\", \"reported_on\": \"2020-02-03\",\n"
      "   \"category\": \"labour\", \"summary\": \"复工\\\"难\\\"，\\u4e2d\\n\\ud83d\\ude00\"},\n"
      "  {\"id\": \"C2\", \"district\": \"gulou\", \"x\": [1, -2, 3.50, 1e3, true, false, null]}\n"
      "],\n"
      "\"measures\": [{\"id\": \"M1\", \"amount\": 1500.25, \"workers\": 12}]}\n";
  return text;
}

TEST(JsonTokenizer, GivesTheReferenceEventsOnEveryPrefixOfALedger) {
  const std::string& text = small_ledger();
  for (std::size_t size = 0; size <= text.size(); ++size) {
    expect_same_as_reference(std::string_view(text).substr(0, size));
  }
}

TEST(JsonTokenizer, GivesTheReferenceEventsWhenAByteIsReplaced) {
  // Every byte of the ledger replaced by bytes that start, end or break tokens. NUL is
  // left out: nlohmann takes it for the end of the input (see nul_outside_a_string).
  const std::string& text = small_ledger();
  constexpr std::string_view replacements = "\"\\{}[]:, \n\t1-.eEtx\x01\x80\xC3\xFF";
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (const char c : replacements) {
      std::string changed = text;
      changed[i] = c;
      const std::vector<std::string> expected = reference_events(changed);
      for (const std::size_t chunk : {std::size_t{0}, std::size_t{3}, std::size_t{64}}) {
        ASSERT_EQ(events(changed, chunk), expected)
            << "byte " << i << " as " << static_cast<int>(c) << ", chunk " << chunk;
      }
    }
  }
}

TEST(JsonTokenizer, PositionsCountLinesAndBytes) {
  // Columns are bytes: 鼓 is three.
  EXPECT_EQ(events("{\"鼓\": \n\n   [true]}"),
            (std::vector<std::string>{"{@1:1", "key \"鼓\"@1:2", "[@3:4", "true@3:5", "]", "}"}));
  EXPECT_EQ(events("{\"a\": 1,\r\n \"b\": -2.5e3}"),
            (std::vector<std::string>{"{@1:1", "key \"a\"@1:2", "unsigned 1@1:7", "key \"b\"@2:2",
                                      "float -2.5e3@2:7", "}"}));
}

TEST(JsonTokenizer, SyntaxErrorsReadAsNlohmanns) {
  EXPECT_EQ(events("[\n  1,\n  tru\n]"),
            (std::vector<std::string>{
                "[@1:1", "unsigned 1@2:3",
                "error syntax error while parsing value - invalid literal; last read: "
                "'1,<U+000A>  tru<U+000A>'@4:1"}));
  EXPECT_EQ(events("{\"a\": 1e999}"),
            (std::vector<std::string>{
                "{@1:1", "key \"a\"@1:2",
                "error [json.exception.out_of_range.406] number overflow parsing '1e999'@1:12"}));
  EXPECT_EQ(events("[\"ab\xff\"]"),
            (std::vector<std::string>{"[@1:1",
                                      "error syntax error while parsing value - invalid string: "
                                      "ill-formed UTF-8 byte; last read: '\"ab\xff'@1:5"}));
  EXPECT_EQ(events("{\"a\": 1,}"),
            (std::vector<std::string>{"{@1:1", "key \"a\"@1:2", "unsigned 1@1:7",
                                      "error syntax error while parsing object key - unexpected "
                                      "'}'; expected string literal@1:9"}));
}

TEST(JsonTokenizer, SaysByItsKindThatASyntaxErrorIsIllFormedUtf8) {
  const auto kind_of = [](std::string_view text) {
    json_tokenizer input(text, unlimited);
    recorder handler(input);
    detail::parse_json(input, handler);
    return handler.last_error;
  };
  EXPECT_EQ(kind_of("[\"ab\xff\"]"), json_error::kind::utf8);
  EXPECT_EQ(kind_of("[\"\xe4\xb8\"]"), json_error::kind::utf8);  // a character cut short
  EXPECT_EQ(kind_of("[\"ill-formed UTF-8 byte\" tru]"), json_error::kind::syntax);
  EXPECT_EQ(kind_of("[\"\xe4\xb8\x80\"]"), std::nullopt);  // 一 is well-formed
}

TEST(JsonTokenizer, NulOutsideAStringIsAStrayByte) {
  // nlohmann stopped at a NUL as at the end of the input, ignoring what followed it.
  EXPECT_EQ(events(std::string_view("[1]\0[2]", 7)),
            (std::vector<std::string>{"[@1:1", "unsigned 1@1:2", "]",
                                      "error syntax error while parsing value - invalid literal; "
                                      "last read: '1]<U+0000>'; expected end of input@1:4"}));
  EXPECT_EQ(events(std::string_view("[\"a\0\"]", 6)),
            (std::vector<std::string>{"[@1:1",
                                      "error syntax error while parsing value - invalid string: "
                                      "control character U+0000 (NUL) must be escaped to \\u0000; "
                                      "last read: '\"a<U+0000>'@1:4"}));
}

// --- limits -------------------------------------------------------------------------------

TEST(JsonTokenizer, AStringMayHoldAsManyBytesAsTheLimit) {
  read_limits limits;
  limits.max_string_bytes = 8;
  for (const std::size_t chunk : chunk_sizes) {
    EXPECT_EQ(events("[\"12345678\"]", chunk, limits),
              (std::vector<std::string>{"[@1:1", "string \"12345678\"@1:2", "]"}));
    EXPECT_EQ(events("[1, \"123456789\"]", chunk, limits),
              (std::vector<std::string>{
                  "[@1:1", "unsigned 1@1:2",
                  "limit a string longer than 8 bytes (the limit max_string_bytes)@1:5"}));
    // Escapes count as written: \n is two bytes of the eight.
    EXPECT_EQ(events("[\"1234567\\n\"]", chunk, limits),
              (std::vector<std::string>{"[@1:1",
                                        "limit a string longer than 8 bytes (the limit "
                                        "max_string_bytes)@1:2"}));
    // An error inside the limit comes first; past it, the limit.
    EXPECT_EQ(events("[\"1234\x01", chunk, limits).back(),
              "error syntax error while parsing value - invalid string: control character "
              "U+0001 (SOH) must be escaped to \\u0001; last read: '\"1234<U+0001>'@1:7");
    EXPECT_EQ(events("[\"123456789\x01", chunk, limits).back(),
              "limit a string longer than 8 bytes (the limit max_string_bytes)@1:2");
    // A key is a string too.
    EXPECT_EQ(events("{\"123456789\": 1}", chunk, limits).back(),
              "limit a string longer than 8 bytes (the limit max_string_bytes)@1:2");
  }
}

TEST(JsonTokenizer, ANumberMayHoldAsManyCharactersAsTheLimit) {
  read_limits limits;
  limits.max_number_chars = 4;
  for (const std::size_t chunk : chunk_sizes) {
    EXPECT_EQ(events("[1234, -1.5, 1e10]", chunk, limits),
              (std::vector<std::string>{"[@1:1", "unsigned 1234@1:2", "float -1.5@1:8",
                                        "float 1e10@1:14", "]"}));
    EXPECT_EQ(events("[12345]", chunk, limits).back(),
              "limit a number or literal longer than 4 characters (the limit "
              "max_number_chars)@1:2");
    // The byte after the number counts when it is not a separator.
    EXPECT_EQ(events("[1234x]", chunk, limits).back(),
              "limit a number or literal longer than 4 characters (the limit "
              "max_number_chars)@1:2");
    EXPECT_EQ(events("[false]", chunk, limits).back(),
              "limit a number or literal longer than 4 characters (the limit "
              "max_number_chars)@1:2");
  }
}

// --- files --------------------------------------------------------------------------------

TEST(JsonTokenizer, ReadsAFileInChunks) {
  const testing::scratch_dir dir;
  std::string text = "{\"cases\": [\n";
  for (int i = 0; i < 2000; ++i) {
    text += "  {\"id\": \"C" + std::to_string(i) + "\", \"summary\": \"第" + std::to_string(i) +
            "件\\n\", \"amount\": " + std::to_string(i) + ".5}" + (i < 1999 ? ",\n" : "\n");
  }
  text += "]}\n";
  testing::write_text(dir / "big.json", text);
  const std::vector<std::string> expected = events(text);
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{100}, std::size_t{1} << 20}) {
    detail::input_file file(dir / "big.json");
    json_tokenizer input(file, unlimited, chunk);
    recorder handler(input);
    EXPECT_TRUE(detail::parse_json(input, handler));
    EXPECT_EQ(handler.events, expected) << "chunk " << chunk;
  }
  EXPECT_EQ(expected, reference_events(text));
}

}  // namespace
}  // namespace caseledger
