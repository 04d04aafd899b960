#include "io/xlsx/write/workbook_source.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

constexpr std::int32_t no_day = std::numeric_limits<std::int32_t>::min();

std::int32_t day_number(const std::optional<date>& day) {
  return day ? day->days_since_epoch() : no_day;
}

std::optional<date> day_of(std::int32_t number) {
  if (number == no_day) return std::nullopt;
  return date::from_days(number);
}

// The position of `found` in `records`, or `none` when it is null.
template <class Record>
std::uint32_t position_of(const Record* found, const std::vector<Record>& records,
                          std::uint32_t none) {
  return found == nullptr ? none : static_cast<std::uint32_t>(found - records.data());
}

}  // namespace

ledger_listing::ledger_listing(const ledger& book, const report_options& options) : book_(book) {
  for (const case_record& c : book.cases()) {
    if (listed(c, options)) cases_.push_back(&c);
  }
  std::sort(cases_.begin(), cases_.end(), [](const case_record* a, const case_record* b) {
    if (a->reported_on != b->reported_on) return a->reported_on < b->reported_on;
    return a->id < b->id;
  });
  const bool co_handled = std::any_of(cases_.begin(), cases_.end(),
                                      [](const case_record* c) { return !c->co_units.empty(); });
  if (!co_handled) return;
  co_units_of_.reserve(cases_.size());
  for (const case_record* c : cases_) {
    co_units_of_.emplace_back(static_cast<std::uint32_t>(co_units_.size()),
                              static_cast<std::uint32_t>(c->co_units.size()));
    for (const record_id& id : c->co_units) {
      co_units_.push_back(position_of(book.find_unit(id), book.units(), listed_case::no_position));
    }
  }
}

listed_case ledger_listing::at(std::size_t i) const {
  const case_record& c = *cases_[i];
  return listed_case{
      .id = c.id,
      .district = c.district,
      .enterprise = c.enterprise,
      .project = c.project,
      .summary = c.summary,
      .team = c.team,
      .unit = c.unit,
      .district_at =
          position_of(book_.find_district(c.district), book_.districts(), listed_case::no_position),
      .enterprise_at = c.enterprise.empty()
                           ? listed_case::no_position
                           : position_of(book_.find_enterprise(c.enterprise), book_.enterprises(),
                                         listed_case::no_position),
      .project_at = c.project.empty() ? listed_case::no_position
                                      : position_of(book_.find_project(c.project), book_.projects(),
                                                    listed_case::no_position),
      .team_at = c.team.empty() ? listed_case::no_position
                                : position_of(book_.find_team(c.team), book_.teams(),
                                              listed_case::no_position),
      .unit_at = c.unit.empty() ? listed_case::no_position
                                : position_of(book_.find_unit(c.unit), book_.units(),
                                              listed_case::no_position),
      .co_units_at = co_units_of_.empty() ? std::span<const std::uint32_t>{}
                                          : std::span<const std::uint32_t>(co_units_).subspan(
                                                co_units_of_[i].first, co_units_of_[i].second),
      .category = c.category,
      .channel = c.channel,
      .reported_on = c.reported_on,
      .due_on = c.due_on,
      .resolved_on = c.resolved_on,
      .status = c.status,
      .extended_due_on = c.extended_due_on,
      .followed_up_on = c.followed_up_on,
      .satisfaction = c.satisfaction,
      .extras = &c.extras};
}

char* compact_listing::room_for(std::size_t bytes) {
  if (bytes > left_in_block_) {
    // A text longer than a block gets a block of its own; the current one stays open.
    if (bytes > block_bytes / 4) {
      return blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(bytes)).get();
    }
    next_ = blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(block_bytes)).get();
    left_in_block_ = block_bytes;
  }
  char* start = next_;
  next_ += bytes;
  left_in_block_ -= bytes;
  return start;
}

std::uint32_t* compact_listing::positions_room(std::size_t count) {
  // Blocks start aligned (new[]); a position after text may need up to 3 bytes of padding.
  std::size_t space = count * sizeof(std::uint32_t) + alignof(std::uint32_t) - 1;
  void* start = room_for(space);
  return static_cast<std::uint32_t*>(
      std::align(alignof(std::uint32_t), count * sizeof(std::uint32_t), start, space));
}

void compact_listing::add(const case_record& record) {
  row r;
  r.id_size = static_cast<std::uint32_t>(record.id.size());
  r.summary_size = static_cast<std::uint32_t>(record.summary.size());
  char* text = room_for(record.id.size() + record.summary.size());
  std::copy(record.id.begin(), record.id.end(), text);
  std::copy(record.summary.begin(), record.summary.end(), text + record.id.size());
  r.text = text;
  r.reported_on = record.reported_on.days_since_epoch();
  r.due_on = day_number(record.due_on);
  r.resolved_on = day_number(record.resolved_on);
  r.district = position_of(context_.find_district(record.district), context_.districts(), none);
  if (!record.enterprise.empty()) {
    r.subject =
        position_of(context_.find_enterprise(record.enterprise), context_.enterprises(), none);
  } else if (!record.project.empty()) {
    r.subject = position_of(context_.find_project(record.project), context_.projects(), none);
    r.flags |= 1;
  }
  if (!record.team.empty()) {
    r.team = position_of(context_.find_team(record.team), context_.teams(), none);
  }
  if (!record.unit.empty()) {
    r.unit = position_of(context_.find_unit(record.unit), context_.units(), none);
  }
  if (!record.co_units.empty()) {
    // In the blocks, not a vector: the eager workbook's thread reads rows already listed
    // while more are added.
    std::uint32_t* positions = positions_room(record.co_units.size());
    for (std::size_t i = 0; i < record.co_units.size(); ++i) {
      positions[i] = position_of(context_.find_unit(record.co_units[i]), context_.units(), none);
    }
    r.co_units = positions;
    r.co_unit_count = static_cast<std::uint32_t>(record.co_units.size());
  }
  r.extended_due_on = day_number(record.extended_due_on);
  r.followed_up_on = day_number(record.followed_up_on);
  r.satisfaction =
      record.satisfaction ? static_cast<std::uint8_t>(enum_index(*record.satisfaction) + 1) : 0;
  r.category = static_cast<std::uint8_t>(enum_index(record.category));
  r.channel = record.channel ? static_cast<std::uint8_t>(enum_index(*record.channel) + 1) : 0;
  if (!record.extras.empty() && !context_.case_extra_columns().empty()) {
    r.extras = static_cast<std::uint32_t>(extras_.size());
    extras_.push_back(record.extras);
  }
  r.status = static_cast<std::uint8_t>(enum_index(record.status));
  rows_.push_back(r);
}

void compact_listing::sort() {
  std::sort(rows_.begin(), rows_.end(), [](const row& a, const row& b) {
    if (a.reported_on != b.reported_on) return a.reported_on < b.reported_on;
    return id_of(a) < id_of(b);
  });
}

listed_case compact_listing::at(std::size_t i) const {
  const row& r = rows_[i];
  listed_case c;
  c.id = id_of(r);
  c.summary = std::string_view(r.text + r.id_size, r.summary_size);
  c.district_at = r.district;
  if (r.district != none) c.district = context_.districts()[r.district].id;
  if (r.subject != none) {
    if (r.flags & 1) {
      c.project_at = r.subject;
      c.project = context_.projects()[r.subject].id;
    } else {
      c.enterprise_at = r.subject;
      c.enterprise = context_.enterprises()[r.subject].id;
    }
  }
  c.team_at = r.team;
  if (r.team != none) c.team = context_.teams()[r.team].id;
  c.unit_at = r.unit;
  if (r.unit != none) c.unit = context_.units()[r.unit].id;
  c.co_units_at = std::span<const std::uint32_t>(r.co_units, r.co_unit_count);
  c.category = static_cast<case_category>(r.category);
  if (r.channel != 0) c.channel = static_cast<case_channel>(r.channel - 1);
  c.reported_on = date::from_days(r.reported_on);
  c.due_on = day_of(r.due_on);
  c.resolved_on = day_of(r.resolved_on);
  c.status = static_cast<case_status>(r.status);
  c.extended_due_on = day_of(r.extended_due_on);
  c.followed_up_on = day_of(r.followed_up_on);
  if (r.satisfaction != 0) c.satisfaction = static_cast<satisfaction_level>(r.satisfaction - 1);
  if (r.extras != none) c.extras = &extras_[r.extras];
  return c;
}

}  // namespace caseledger::detail
