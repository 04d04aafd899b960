#include "io/xls/compound_file.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/refuse.hpp"

namespace caseledger::detail {
namespace {

constexpr std::uint32_t end_of_chain = 0xFFFFFFFE;
constexpr std::uint32_t free_sector = 0xFFFFFFFF;
constexpr std::uint32_t no_entry = 0xFFFFFFFF;
constexpr std::size_t header_size = 512;
constexpr std::size_t entry_size = 128;
constexpr std::uint32_t mini_sector_size = 64;
constexpr std::size_t header_fat_sectors = 109;  // the DIFAT's first part, in the header
constexpr std::array<unsigned char, 8> signature = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

std::uint16_t u16_at(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[offset]) |
                                    static_cast<unsigned char>(bytes[offset + 1]) << 8);
}

std::uint32_t u32_at(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint32_t>(u16_at(bytes, offset)) |
         static_cast<std::uint32_t>(u16_at(bytes, offset + 2)) << 16;
}

std::uint64_t u64_at(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint64_t>(u32_at(bytes, offset)) |
         static_cast<std::uint64_t>(u32_at(bytes, offset + 4)) << 32;
}

std::uint64_t sectors_for(std::uint64_t size, std::uint64_t sector_size) {
  return (size + sector_size - 1) / sector_size;
}

}  // namespace

compound_file::compound_file(std::string_view bytes, std::string shown)
    : bytes_(bytes), shown_(std::move(shown)) {
  if (bytes_.starts_with("PK")) {
    refuse("not an Excel 97-2003 workbook but a zip package (an .xlsx or .ods file named .xls?)");
  }
  const bool signed_as_compound = bytes_.size() >= signature.size() &&
                                  std::equal(signature.begin(), signature.end(), bytes_.begin(),
                                             [](unsigned char want, char got) {
                                               return want == static_cast<unsigned char>(got);
                                             });
  if (!signed_as_compound) refuse("not an Excel 97-2003 workbook (no compound-file header)");
  if (bytes_.size() < header_size)
    refuse("the file is truncated (inside its compound-file header)");
  const std::uint16_t major_version = u16_at(bytes_, 26);
  const std::uint16_t sector_shift = u16_at(bytes_, 30);
  if (u16_at(bytes_, 28) != 0xFFFE || (sector_shift != 9 && sector_shift != 12) ||
      u16_at(bytes_, 32) != 6 || u32_at(bytes_, 56) != 4096) {
    refuse("a damaged compound-file header (byte order, sector sizes or mini-stream cutoff)");
  }
  sector_size_ = std::uint32_t{1} << sector_shift;
  if (bytes_.size() < sector_size_) refuse("the file is truncated (inside its header)");
  // The header takes the first sector; a last sector cut short is read as far as it goes.
  sector_count_ = sectors_for(bytes_.size() - sector_size_, sector_size_);

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors
  // whose last entry names the next one.
  const std::uint32_t fat_sector_count = u32_at(bytes_, 44);
  if (fat_sector_count > sector_count_) {
    refuse("the header claims " + std::to_string(fat_sector_count) +
           " FAT sectors, more than the file has (the file is truncated or damaged)");
  }
  std::vector<std::uint32_t> fat_sectors;
  for (std::size_t i = 0; i < header_fat_sectors && fat_sectors.size() < fat_sector_count; ++i) {
    fat_sectors.push_back(u32_at(bytes_, 76 + 4 * i));
  }
  std::uint32_t difat = u32_at(bytes_, 68);
  const std::size_t per_difat_sector = sector_size_ / 4 - 1;
  for (std::uint64_t steps = 0; fat_sectors.size() < fat_sector_count; ++steps) {
    if (difat == end_of_chain || difat == free_sector) {
      refuse("the list of FAT sectors ends early (the file is truncated or damaged)");
    }
    if (steps >= sector_count_) refuse("the chain of DIFAT sectors loops");
    const std::string_view listed = sector(difat);
    if (listed.size() < sector_size_) refuse("a DIFAT sector is cut short (the file is truncated)");
    for (std::size_t i = 0; i < per_difat_sector && fat_sectors.size() < fat_sector_count; ++i) {
      fat_sectors.push_back(u32_at(listed, 4 * i));
    }
    difat = u32_at(listed, 4 * per_difat_sector);
  }
  for (const std::uint32_t listed : fat_sectors) {
    if (listed == free_sector || listed == end_of_chain) {
      refuse("the list of FAT sectors ends early (the file is truncated or damaged)");
    }
  }
  fat_ = read_table(fat_sectors);

  const std::string directory = read_chain(u32_at(bytes_, 48), 0, "the directory");
  for (std::size_t offset = 0; offset + entry_size <= directory.size(); offset += entry_size) {
    const std::string_view raw(directory.data() + offset, entry_size);
    entry& e = entries_.emplace_back();
    const std::uint16_t name_bytes = u16_at(raw, 64);
    if (name_bytes >= 2 && name_bytes <= 64 && name_bytes % 2 == 0) {
      for (std::size_t i = 0; i + 2 < name_bytes; i += 2) e.name += char16_t{u16_at(raw, i)};
    }
    e.type = static_cast<std::uint8_t>(raw[66]);
    e.left = u32_at(raw, 68);
    e.right = u32_at(raw, 72);
    e.child = u32_at(raw, 76);
    e.start = u32_at(raw, 116);
    e.size = u64_at(raw, 120);
    // Version 3 files may leave junk in the size's high half (MS-CFB 2.6.3).
    if (major_version == 3) e.size &= 0xFFFFFFFF;
  }
  if (entries_.empty() || entries_.front().type != 5) {
    refuse("the compound file's directory has no root entry (the file is damaged)");
  }

  const std::uint32_t mini_fat_start = u32_at(bytes_, 60);
  if (mini_fat_start != end_of_chain && mini_fat_start != free_sector) {
    mini_fat_ = read_table(chain(mini_fat_start, fat_, 0, "the MiniFAT"));
  }
  const entry& root = entries_.front();
  if (root.size > 0) {
    if (root.size > bytes_.size()) {
      refuse("the mini stream is larger than the file (the file is truncated or damaged)");
    }
    mini_stream_ = read_chain(root.start, root.size, "the mini stream");
  }
}

void compound_file::refuse(const std::string& reason) const { detail::refuse(shown_, reason); }

std::string_view compound_file::sector(std::uint32_t index) const {
  if (index >= sector_count_) {
    refuse("sector " + std::to_string(index) +
           " is past the end of the file (the file is truncated or damaged)");
  }
  return bytes_.substr((static_cast<std::uint64_t>(index) + 1) * sector_size_, sector_size_);
}

// The sectors of a chain through `table` (the FAT or the MiniFAT), from `start`: all of
// them up to the end-of-chain mark, or the first `sectors` when that is not 0. A sector met
// twice is a loop, refused: no walk takes more steps than the table has entries.
std::vector<std::uint32_t> compound_file::chain(std::uint32_t start,
                                                const std::vector<std::uint32_t>& table,
                                                std::uint64_t sectors, const char* what) const {
  std::vector<std::uint32_t> found;
  std::vector<bool> seen(table.size(), false);
  std::uint32_t at = start;
  while (sectors == 0 || found.size() < sectors) {
    if (at == end_of_chain) break;
    if (at >= table.size()) {
      refuse(std::string(what) + " names sector " + std::to_string(at) +
             ", which the allocation table does not have (the file is damaged)");
    }
    if (&table == &fat_ && at >= sector_count_) {
      refuse("sector " + std::to_string(at) +
             " is past the end of the file (the file is truncated or damaged)");
    }
    if (seen[at]) {
      refuse("the sector chain of " + std::string(what) + " loops (the file is damaged)");
    }
    seen[at] = true;
    found.push_back(at);
    at = table[at];
  }
  if (found.size() < sectors) {
    refuse(std::string(what) +
           " has fewer sectors than its size needs (the file is truncated or damaged)");
  }
  return found;
}

// The bytes of a chain of whole sectors; `size` 0: the chain up to its end.
std::string compound_file::read_chain(std::uint32_t start, std::uint64_t size,
                                      const char* what) const {
  std::string content;
  for (const std::uint32_t index : chain(start, fat_, sectors_for(size, sector_size_), what)) {
    content += sector(index);
  }
  if (content.size() < size) {
    refuse(std::string(what) + " ends before its size (the file is truncated)");
  }
  if (size != 0) content.resize(size);
  return content;
}

std::vector<std::uint32_t> compound_file::read_table(
    const std::vector<std::uint32_t>& sectors) const {
  std::vector<std::uint32_t> table;
  table.reserve(sectors.size() * (sector_size_ / 4));
  for (const std::uint32_t index : sectors) {
    const std::string_view part = sector(index);
    if (part.size() < sector_size_)
      refuse("an allocation table is cut short (the file is truncated)");
    for (std::size_t i = 0; i < sector_size_; i += 4) table.push_back(u32_at(part, i));
  }
  return table;
}

// The root storage's children are a tree through the entries' left and right links: walked
// with a stack and a mark per entry, so that a link back is refused instead of followed.
std::vector<std::uint32_t> compound_file::root_streams() const {
  std::vector<std::uint32_t> streams;
  std::vector<bool> seen(entries_.size(), false);
  std::vector<std::uint32_t> pending{entries_.front().child};
  while (!pending.empty()) {
    const std::uint32_t id = pending.back();
    pending.pop_back();
    if (id == no_entry) continue;
    if (id >= entries_.size()) {
      refuse("the directory names entry " + std::to_string(id) +
             ", which it does not have (the file is damaged)");
    }
    if (seen[id]) refuse("the directory's tree loops (the file is damaged)");
    seen[id] = true;
    const entry& e = entries_[id];
    if (e.type == 2) streams.push_back(id);
    pending.push_back(e.left);
    pending.push_back(e.right);
  }
  return streams;
}

std::optional<std::string> compound_file::stream(std::string_view name,
                                                 std::uint64_t max_bytes) const {
  const auto same_name = [name](const std::u16string& stored) {
    return stored.size() == name.size() &&
           std::equal(stored.begin(), stored.end(), name.begin(), [](char16_t a, char b) {
             const auto lower = [](char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
             return lower(a) == lower(static_cast<unsigned char>(b));
           });
  };
  for (const std::uint32_t id : root_streams()) {
    const entry& e = entries_[id];
    if (!same_name(e.name)) continue;
    const std::string what = "the stream " + std::string(name);
    if (e.size > max_bytes) {
      refuse(what + " is " + std::to_string(e.size) +
             " bytes, more than the limit max_part_bytes (" + std::to_string(max_bytes) + ")");
    }
    if (e.size > bytes_.size()) {
      refuse(what + " claims " + std::to_string(e.size) +
             " bytes, more than the file has (the file is truncated or damaged)");
    }
    if (e.size >= mini_cutoff_) return read_chain(e.start, e.size, what.c_str());
    // A small stream lives in the mini stream, in 64-byte sectors chained by the MiniFAT.
    std::string content;
    for (const std::uint32_t index :
         chain(e.start, mini_fat_, sectors_for(e.size, mini_sector_size), what.c_str())) {
      const std::uint64_t offset = std::uint64_t{index} * mini_sector_size;
      if (offset >= mini_stream_.size()) {
        refuse(what + " names mini sector " + std::to_string(index) +
               ", past the end of the mini stream (the file is damaged)");
      }
      content += std::string_view(mini_stream_).substr(offset, mini_sector_size);
    }
    if (content.size() < e.size) refuse(what + " ends before its size (the file is damaged)");
    content.resize(e.size);
    return content;
  }
  return std::nullopt;
}

}  // namespace caseledger::detail
