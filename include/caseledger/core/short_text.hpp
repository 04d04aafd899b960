#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

namespace caseledger {

/// Text in 16 bytes where a `std::string` takes 32: up to 15 bytes inside the object, a
/// longer text on the heap.
///
/// A ledger of a million cases holds millions of short texts: the ids by which each case
/// names itself, its district, enterprise, team and unit ("C00000123", "cangshan"), and
/// texts that are often short or empty (a measure's item, an office's own column). Each is a
/// `short_text` (ids as `record_id`). It reads like a `std::string_view` (to which it
/// converts), compares with any text and is assigned from any text:
///
///     caseledger::measure m;
///     m.item = "口罩";                     // or a std::string, a std::string_view
///     std::string_view text = m.item;    // the bytes, for as long as m.item holds them
///     std::string copy = m.item.str();   // a std::string of its own
///     if (m.item == "口罩") …
///
/// A text that grows piece by piece belongs in a `std::string`, assigned once made.
class short_text {
 public:
  short_text() noexcept { set_inline({}); }
  short_text(std::string_view text) {  // NOLINT(google-explicit-constructor)
    if (text.size() <= inline_capacity) {
      set_inline(text);
    } else {
      set_heap(text);
    }
  }
  short_text(const char* text) : short_text(std::string_view(text)) {}         // NOLINT
  short_text(const std::string& text) : short_text(std::string_view(text)) {}  // NOLINT

  // An inline text is its 16 bytes, copied whole: made again from its view, it would be
  // written to a buffer a byte count long and read back 16 bytes wide, which stalls.
  short_text(const short_text& other) {
    if (other.is_inline()) {
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    } else {
      set_heap(other.view());
    }
  }
  short_text(short_text&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.set_inline({});
  }
  short_text& operator=(const short_text& other) {
    if (this == &other) return *this;
    if (!other.is_inline()) return *this = other.view();
    release();
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    return *this;
  }
  short_text& operator=(short_text&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      other.set_inline({});
    }
    return *this;
  }
  short_text& operator=(std::string_view text) {
    // A short text over a short one, as a reader refills the record it reuses: nothing to free.
    if (is_inline() && text.size() <= inline_capacity) {
      set_inline(text);
      return *this;
    }
    // A long text over a long one with room for it (a record copied over the one before it,
    // as the streaming report's batches are): written in place, nothing allocated.
    if (!is_inline() && text.size() > inline_capacity && text.size() <= heap_capacity()) {
      set_heap_text(text);
      return *this;
    }
    return *this = short_text(text);
  }
  short_text& operator=(const char* text) { return *this = std::string_view(text); }
  short_text& operator=(const std::string& text) { return *this = std::string_view(text); }
  ~short_text() { release(); }

  /// The text's bytes, followed by a zero byte.
  const char* data() const noexcept { return is_inline() ? bytes_ : heap_text(); }
  const char* c_str() const noexcept { return data(); }
  std::size_t size() const noexcept { return is_inline() ? inline_capacity - tag() : heap_size(); }
  bool empty() const noexcept { return size() == 0; }
  const char* begin() const noexcept { return data(); }
  const char* end() const noexcept { return data() + size(); }

  std::string_view view() const noexcept { return {data(), size()}; }
  operator std::string_view() const noexcept { return view(); }  // NOLINT
  /// A copy as a `std::string`.
  std::string str() const { return std::string(view()); }

  void clear() noexcept {
    release();
    set_inline({});
  }

  // Bytewise, with any text: another short_text, a std::string, a std::string_view, a literal. A
  // template, so that each of those matches exactly rather than through a conversion
  // (which made text == text ambiguous with its reversed form).
  template <class Text>
  requires std::is_convertible_v<const Text&, std::string_view>
  friend bool operator==(const short_text& a, const Text& b) noexcept {
    return a.view() == std::string_view(b);
  }
  template <class Text>
  requires std::is_convertible_v<const Text&, std::string_view>
  friend std::strong_ordering operator<=>(const short_text& a, const Text& b) noexcept {
    return a.view() <=> std::string_view(b);
  }

 private:
  // Inline: the text, then zeros, and in the last byte 15 - size (so a 15-byte text's last
  // byte is its terminating zero). On the heap: the text's address, its size (32 bits), the
  // room there for text (24 bits, at most what there is), and heap_tag in the last byte.
  static constexpr std::size_t inline_capacity = 15;
  static constexpr unsigned char heap_tag = 0x80;
  static constexpr std::size_t heap_size_at = sizeof(char*);
  static constexpr std::size_t heap_capacity_at = heap_size_at + sizeof(std::uint32_t);

  unsigned char tag() const noexcept { return static_cast<unsigned char>(bytes_[15]); }
  bool is_inline() const noexcept { return tag() <= inline_capacity; }
  const char* heap_text() const noexcept {
    const char* text = nullptr;
    std::memcpy(&text, bytes_, sizeof text);
    return text;
  }
  std::size_t heap_size() const noexcept {
    std::uint32_t size = 0;
    std::memcpy(&size, bytes_ + heap_size_at, sizeof size);
    return size;
  }
  std::size_t heap_capacity() const noexcept {
    std::size_t capacity = 0;
    for (std::size_t byte = 0; byte < 3; ++byte) {
      const auto value = static_cast<unsigned char>(bytes_[heap_capacity_at + byte]);
      capacity |= std::size_t{value} << (8 * byte);
    }
    return capacity;
  }
  // Writes `text` (longer than inline_capacity, at most heap_capacity(); it may be this text's
  // own) over the heap text.
  void set_heap_text(std::string_view text) noexcept {
    char* at = const_cast<char*>(heap_text());  // NOLINT: the heap text is this object's
    std::memmove(at, text.data(), text.size());
    at[text.size()] = '\0';
    const auto size = static_cast<std::uint32_t>(text.size());
    std::memcpy(bytes_ + heap_size_at, &size, sizeof size);
  }
  // Takes `text` (at most inline_capacity bytes; it may be this text's own) inline. Made whole
  // in a zeroed buffer of fixed size, then copied over, which compiles to a few stores.
  void set_inline(std::string_view text) noexcept {
    char made[sizeof bytes_] = {};
    if (!text.empty()) std::memcpy(made, text.data(), text.size());
    made[15] = static_cast<char>(inline_capacity - text.size());
    std::memcpy(bytes_, made, sizeof bytes_);
  }
  // Takes a copy of `text` (longer than inline_capacity) on the heap; holds nothing before.
  void set_heap(std::string_view text);
  // Frees the heap text, if any; the object is then unset.
  void release() noexcept {
    if (!is_inline()) delete[] heap_text();
  }

  alignas(8) char bytes_[16];
};

static_assert(sizeof(short_text) == 16);

/// Writes the text.
std::ostream& operator<<(std::ostream& out, const short_text& text);

}  // namespace caseledger

template <>
struct std::hash<caseledger::short_text> {
  std::size_t operator()(const caseledger::short_text& text) const noexcept {
    return std::hash<std::string_view>{}(text.view());
  }
};
