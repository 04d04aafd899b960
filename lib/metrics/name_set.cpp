#include "caseledger/metrics/name_set.hpp"

#include <algorithm>
#include <atomic>
#include <string_view>
#include <utility>

#include "caseledger/core/error.hpp"
#include "util/keyed_hash.hpp"

namespace caseledger {
namespace {

// A fresh hash key for each set: one random key per process, varied by a counter, so that
// no two sets hash alike. Inserting one set's keys in its table order into a set that
// hashed alike would crowd them into long runs.
std::array<std::uint64_t, 2> fresh_seed() {
  static const detail::hash_key process_key = detail::random_hash_key();
  static std::atomic<std::uint64_t> counter{0};
  const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  return {detail::mix64(process_key[0] ^ n), detail::mix64(process_key[1] + n)};
}

}  // namespace

name_set::name_set(std::initializer_list<std::string_view> names) {
  for (const std::string_view name : names) insert(name);
}

name_set::name_set(name_set&& other) noexcept
    : slots_(std::move(other.slots_)),
      size_(std::exchange(other.size_, 0)),
      seed_(other.seed_),
      codec_(std::move(other.codec_)),
      texts_(std::move(other.texts_)) {
  other.slots_.clear();
  other.codec_ = {};
  other.texts_.clear();
}

name_set& name_set::operator=(name_set&& other) noexcept {
  if (this != &other) {
    slots_ = std::move(other.slots_);
    size_ = std::exchange(other.size_, 0);
    seed_ = other.seed_;
    codec_ = std::move(other.codec_);
    texts_ = std::move(other.texts_);
    other.slots_.clear();
    other.codec_ = {};
    other.texts_.clear();
  }
  return *this;
}

std::uint64_t name_set::hash_value(std::uint32_t value) const {
  return detail::mix64(detail::mix64(value ^ seed_[0]) ^ seed_[1]);
}

std::uint64_t name_set::hash_text(std::string_view name) const {
  return detail::siphash13(seed_, name);
}

std::uint64_t name_set::hash_key(std::uint32_t key) const {
  return (key & text_flag) != 0 ? hash_text(texts_[key & ~text_flag]) : hash_value(key);
}

name_set::location name_set::locate_value(std::uint32_t value) const {
  if (slots_.empty()) return {0, false};
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash_value(value) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t key = slots_[slot];
    if (key == 0) return {slot, false};
    if (key == value) return {slot, true};
  }
}

name_set::location name_set::locate_text(std::string_view name) const {
  if (slots_.empty()) return {0, false};
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash_text(name) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t key = slots_[slot];
    if (key == 0) return {slot, false};
    if ((key & text_flag) != 0 && texts_[key & ~text_flag] == name) return {slot, true};
  }
}

bool name_set::make_room() {
  if (slots_.empty()) {
    seed_ = fresh_seed();
    slots_.assign(16, 0);
    return true;
  }
  // At most 3/4 full, so that a miss stops after a few probes.
  if ((size_ + 1) * 4 <= slots_.size() * 3) return false;
  std::vector<std::uint32_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint32_t key : old) {
    if (key == 0) continue;
    std::size_t slot = hash_key(key) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = key;
  }
  return true;
}

bool name_set::insert_value(std::uint32_t value) {
  location at = locate_value(value);
  if (at.found) return false;
  if (make_room()) at = locate_value(value);
  slots_[at.slot] = value;
  ++size_;
  return true;
}

bool name_set::insert_text(std::string_view name) {
  location at = locate_text(name);
  if (at.found) return false;
  if (texts_.size() >= text_flag - 1) throw overflow_error("too many distinct names");
  if (make_room()) at = locate_text(name);
  slots_[at.slot] = text_flag | static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(name);
  ++size_;
  return true;
}

bool name_set::insert(std::string_view name) {
  const std::uint32_t value = codec_.encode(name);
  return value != 0 ? insert_value(value) : insert_text(name);
}

bool name_set::contains(std::string_view name) const {
  const std::uint32_t value = codec_.encode_known(name);
  return value != 0 ? locate_value(value).found : locate_text(name).found;
}

std::uint32_t name_set::translate(const name_set& other, const std::vector<std::size_t>& map,
                                  std::uint32_t value, std::string& name) const {
  if (const std::uint32_t here = detail::id_codec::translate(map, value); here != 0) return here;
  other.codec_.decode(value, name);
  return 0;
}

void name_set::merge(const name_set& other) {
  if (this == &other || other.empty()) return;
  // The other set's shapes enter here as its names would, while there is room: each has
  // at least one name there.
  codec_.adopt_shapes(other.codec_);
  const std::vector<std::size_t> map = codec_.shape_map(other.codec_);
  std::string name;
  for (const std::uint32_t key : other.slots_) {
    if (key == 0) continue;
    if ((key & text_flag) != 0) {
      insert(other.texts_[key & ~text_flag]);  // may have a shape known here
    } else if (const std::uint32_t value = translate(other, map, key, name); value != 0) {
      insert_value(value);
    } else {
      insert_text(name);  // its shape is not here, and there is no room for it
    }
  }
}

std::vector<std::string> name_set::sorted() const {
  // Within one shape the numbers' order is the names' order (the codec's promise). Across shapes
  // (and the strings) the runs are merged by their text.
  std::vector<std::vector<std::uint32_t>> runs(codec_.shape_count());
  std::vector<std::string_view> texts;
  texts.reserve(texts_.size());
  for (const std::uint32_t key : slots_) {
    if (key == 0) continue;
    if ((key & text_flag) != 0) {
      texts.emplace_back(texts_[key & ~text_flag]);
    } else {
      runs[detail::id_codec::shape_index(key)].push_back(key);
    }
  }
  for (auto& run : runs) std::sort(run.begin(), run.end());
  std::sort(texts.begin(), texts.end());

  // One head per run: its position and its text (empty run: position at its end).
  struct head {
    std::size_t at = 0;
    std::string text;
  };
  std::vector<head> heads(runs.size() + 1);
  const auto run_size = [&](std::size_t run) {
    return run < runs.size() ? runs[run].size() : texts.size();
  };
  const auto load = [&](std::size_t run) {
    head& h = heads[run];
    if (h.at == run_size(run)) return;
    if (run < runs.size()) {
      codec_.decode(runs[run][h.at], h.text);
    } else {
      h.text.assign(texts[h.at]);
    }
  };
  for (std::size_t run = 0; run < heads.size(); ++run) load(run);

  std::vector<std::string> names;
  names.reserve(size_);
  while (names.size() < size_) {
    std::size_t smallest = heads.size();
    for (std::size_t run = 0; run < heads.size(); ++run) {
      if (heads[run].at == run_size(run)) continue;
      if (smallest == heads.size() || heads[run].text < heads[smallest].text) smallest = run;
    }
    names.push_back(heads[smallest].text);
    ++heads[smallest].at;
    load(smallest);
  }
  return names;
}

bool operator==(const name_set& a, const name_set& b) {
  if (a.size_ != b.size_) return false;
  const std::vector<std::size_t> map = b.codec_.shape_map(a.codec_);
  std::string name;
  for (const std::uint32_t key : a.slots_) {
    if (key == 0) continue;
    if ((key & name_set::text_flag) != 0) {
      if (!b.contains(a.texts_[key & ~name_set::text_flag])) return false;
    } else if (const std::uint32_t value = b.translate(a, map, key, name); value != 0) {
      if (!b.locate_value(value).found) return false;
    } else if (!b.contains(name)) {
      return false;
    }
  }
  return true;
}

}  // namespace caseledger
