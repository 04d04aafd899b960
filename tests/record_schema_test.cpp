// The record schema (caseledger/model/record_schema.hpp) and the JSON ledger writer. The
// round trip below is generic over the schema: a field added to a record's schema is
// written, read and compared here with no change to this file, which is what makes adding
// a field a one-place change.
#include "caseledger/model/record_schema.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "caseledger/core/error.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "io/json/records.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/record_sink.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

template <class Record>
void expect_names_unique(std::string_view kind) {
  std::set<std::string_view> names;
  std::set<std::string_view> headers;
  for_each_field<Record>([&](const auto& field) {
    EXPECT_TRUE(names.insert(field.name).second) << kind << ": " << field.name;
    std::string_view list = field.headers;
    while (!list.empty()) {
      const std::size_t bar = list.find('|');
      EXPECT_TRUE(headers.insert(list.substr(0, bar)).second)
          << kind << ": header " << list.substr(0, bar) << " names two fields";
      if (bar == std::string_view::npos) break;
      list.remove_prefix(bar + 1);
    }
  });
}

TEST(RecordSchema, NamesAndHeadersNameOneFieldEach) {
  expect_names_unique<district>("district");
  expect_names_unique<enterprise>("enterprise");
  expect_names_unique<project>("project");
  expect_names_unique<team>("team");
  expect_names_unique<unit>("unit");
  expect_names_unique<case_record>("case");
  expect_names_unique<measure>("measure");
}

TEST(RecordSchema, KnowsEachKindsRequiredFieldsAndNames) {
  EXPECT_EQ(required_count<district>, 2u);
  EXPECT_EQ(required_count<enterprise>, 3u);
  EXPECT_EQ(required_count<project>, 3u);
  EXPECT_EQ(required_count<team>, 3u);
  EXPECT_EQ(required_count<unit>, 2u);
  EXPECT_EQ(required_count<case_record>, 4u);
  EXPECT_EQ(required_count<measure>, 4u);
  EXPECT_EQ(field_names<measure>[6], "case");  // the member is case_id
  EXPECT_EQ(names_of(record_kind::case_).plural, "cases");
  EXPECT_EQ(names_of(record_schema<measure>::kind).singular, "measure");
  static_assert(std::is_same_v<record_of<record_kind::team>, team>);
  static_assert(std::is_same_v<record_of<record_kind::unit>, unit>);
  EXPECT_EQ(names_of(record_kind::unit).plural, "units");
  EXPECT_EQ(names_of(record_kind::unit).sheets, "责任单位|单位");
}

TEST(RecordSchema, NamesTheCaseProcessFieldsAndTheirChineseHeaders) {
  const auto header_of = [](std::string_view name) {
    std::string_view headers;
    for_each_field<case_record>([&](const auto& field) {
      if (field.name == name) headers = field.headers;
    });
    return std::string(headers);
  };
  EXPECT_EQ(header_of("unit"), "责任单位|主办单位|承办单位|牵头单位|责任单位编号");
  EXPECT_EQ(header_of("co_units"), "协办单位|配合单位|协办单位编号");
  EXPECT_EQ(header_of("due_workdays"),
            "办理时限（工作日）|时限（工作日）|办理时限(工作日)|时限(工作日)");
  EXPECT_EQ(header_of("extended_on"), "延期日期|申请延期日期");
  EXPECT_EQ(header_of("extended_due_on"), "延期至|延期办结时限");
  EXPECT_EQ(header_of("followed_up_on"), "回访日期|回访时间");
  EXPECT_EQ(header_of("satisfaction"), "满意度|回访满意度|企业评价");
  EXPECT_EQ(to_string(satisfaction_level::basically_satisfied), "basically_satisfied");
  EXPECT_EQ(to_zh(satisfaction_level::dissatisfied), "不满意");
}

// A ledger holds a million cases: a field out of its place by size pads each of them. A field
// added changes these figures; place it among those of its size (entities.hpp) and update
// them here and there.
TEST(RecordSchema, CasesAndMeasuresHoldNoPaddingBetweenTheirFields) {
  if constexpr (sizeof(void*) == 8) {
    EXPECT_EQ(sizeof(case_record), 208u);
    EXPECT_EQ(sizeof(measure), 184u);
  }
}

TEST(RecordSchema, DerivesAStatusFromResolvedOn) {
  case_record c;
  EXPECT_EQ(derive_status(c), case_status::open);
  c.resolved_on = date::from_ymd(2020, 2, 1);
  EXPECT_EQ(derive_status(c), case_status::resolved);
}

// ---- every field through the writer and the reader ----

// A value of each type a field may have, different from the default.
void give(std::string& value, std::string_view name) { value = "值-" + std::string(name); }
void give(record_id& value, std::string_view name) { value = "值-" + std::string(name); }
void give(bool& value, std::string_view) { value = true; }
void give(date& value, std::string_view) { value = date::from_ymd(2020, 2, 29); }
void give(std::optional<date>& value, std::string_view) { value = date::from_ymd(2020, 3, 1); }
void give(std::optional<money>& value, std::string_view) { value = money::parse("1234.05"); }
void give(std::optional<std::int64_t>& value, std::string_view) { value = 42; }
void give(id_list& value, std::string_view name) {
  value = {"值-" + std::string(name) + "-1", "值-" + std::string(name) + "-2"};
}
template <class Enum>
requires std::is_enum_v<Enum>
void give(Enum& value, std::string_view) { value = static_cast<Enum>(enum_count<Enum> - 1); }
template <class Enum>
requires std::is_enum_v<Enum>
void give(std::optional<Enum>& value, std::string_view) {
  value = static_cast<Enum>(enum_count<Enum> - 1);
}

template <class Record>
Record with_every_field() {
  Record record;
  for_each_field<Record>([&](const auto& field) { give(record.*field.member, field.name); });
  record.extras["备注"] = R"({"a":[1,"二"]})";
  return record;
}

// Keeps what the reader reads, without the domain's rules (a record with every field
// given breaks some: a case of both an enterprise and a project).
class kept_records final : public detail::uniform_record_sink<kept_records> {
 public:
  template <class Record>
  void take(Record& record, const record_origin&) {
    records.emplace_back(record);
  }
  const std::string& source() const override { return source_; }
  void report(problem found) override { problems_.push_back(std::move(found)); }
  void refuse(std::string_view, std::string_view) override {}
  void note(reading_note) override {}
  void declare_case_extra_column(std::string) override {}
  const std::vector<problem>& problems() const override { return problems_; }

  std::vector<any_record> records;

 private:
  std::string source_ = "round trip";
  std::vector<problem> problems_;
};

template <class Record>
void expect_same_fields(const Record& written, const Record& read) {
  for_each_field<Record>([&](const auto& field) {
    EXPECT_TRUE(written.*field.member == read.*field.member) << field.name;
  });
  EXPECT_EQ(written.extras, read.extras);
}

TEST(RecordSchema, EveryFieldOfEveryKindRoundTripsThroughTheJsonWriterAndReader) {
  const any_record written[] = {with_every_field<district>(), with_every_field<enterprise>(),
                                with_every_field<project>(),  with_every_field<team>(),
                                with_every_field<unit>(),     with_every_field<case_record>(),
                                with_every_field<measure>()};
  for (const json_layout layout : {json_layout::indented, json_layout::record_per_line}) {
    const std::filesystem::path path =
        ::testing::TempDir() + "round_trip_" + std::to_string(static_cast<int>(layout)) + ".json";
    {
      std::ofstream out(path, std::ios::binary);
      json_ledger_writer writer(out, layout);
      for (const any_record& record : written)
        std::visit([&](const auto& r) { writer.add(r); }, record);
      writer.finish();
    }
    kept_records sink;
    read_options options;
    options.keep_extras = true;
    detail::read_json_records(path, options, sink);
    EXPECT_EQ(sink.problems(), std::vector<problem>{});
    ASSERT_EQ(sink.records.size(), std::size(written));
    for (std::size_t i = 0; i < std::size(written); ++i) {
      ASSERT_EQ(sink.records[i].index(), written[i].index());
      std::visit(
          [&](const auto& w) {
            expect_same_fields(w, std::get<std::remove_cvref_t<decltype(w)>>(sink.records[i]));
          },
          written[i]);
    }
  }
}

// ---- the writer's layout ----

ledger tiny_ledger() {
  ledger_builder builder;
  district gulou;
  gulou.id = "gulou";
  gulou.name = "鼓楼区";
  builder.add(gulou);
  case_record c;
  c.id = "c1";
  c.district = "gulou";
  c.reported_on = date::from_ymd(2020, 2, 3);
  c.category = case_category::energy;
  c.summary = "停电\n\"急\"";
  builder.add(c);
  return std::move(builder).build();
}

std::string written(const ledger& book, json_layout layout) {
  std::ostringstream out;
  json_ledger_writer writer(out, layout);
  for (const auto& d : book.districts()) writer.add(d);
  for (const auto& c : book.cases()) writer.add(c);
  writer.finish();
  return out.str();
}

TEST(JsonLedgerWriter, IndentsTwoSpacesALevelAndWritesEmptyKindsAsEmptyArrays) {
  EXPECT_EQ(written(tiny_ledger(), json_layout::indented),
            "{\n"
            "  \"format\": \"caseledger.ledger/1\",\n"
            "  \"districts\": [\n"
            "    {\n"
            "      \"id\": \"gulou\",\n"
            "      \"name\": \"鼓楼区\"\n"
            "    }\n"
            "  ],\n"
            "  \"enterprises\": [],\n"
            "  \"projects\": [],\n"
            "  \"teams\": [],\n"
            "  \"cases\": [\n"
            "    {\n"
            "      \"id\": \"c1\",\n"
            "      \"district\": \"gulou\",\n"
            "      \"reported_on\": \"2020-02-03\",\n"
            "      \"category\": \"energy\",\n"
            "      \"summary\": \"停电\\n\\\"急\\\"\",\n"
            "      \"status\": \"open\"\n"
            "    }\n"
            "  ],\n"
            "  \"measures\": []\n"
            "}\n");
}

TEST(JsonLedgerWriter, WritesOneRecordALine) {
  EXPECT_EQ(written(tiny_ledger(), json_layout::record_per_line),
            "{\n"
            "\"format\": \"caseledger.ledger/1\",\n"
            "\"districts\": [\n"
            "{\"id\": \"gulou\", \"name\": \"鼓楼区\"}\n"
            "],\n"
            "\"enterprises\": [],\n"
            "\"projects\": [],\n"
            "\"teams\": [],\n"
            "\"cases\": [\n"
            "{\"id\": \"c1\", \"district\": \"gulou\", \"reported_on\": \"2020-02-03\", "
            "\"category\": \"energy\", \"summary\": \"停电\\n\\\"急\\\"\", \"status\": \"open\"}\n"
            "],\n"
            "\"measures\": []\n"
            "}\n");
}

TEST(JsonLedgerWriter, WritesUnitsAndTheCaseProcessFieldsOnlyWhenGiven) {
  ledger_builder builder;
  district gulou;
  gulou.id = "gulou";
  gulou.name = "鼓楼区";
  builder.add(gulou);
  unit bureau;
  bureau.id = "rsj";
  bureau.name = "鼓楼区人社局";
  bureau.district = "gulou";
  bureau.kind = "区人社局";
  builder.add(bureau);
  unit tax;
  tax.id = "swj";
  tax.name = "市税务局";
  builder.add(tax);
  case_record c;
  c.id = "c1";
  c.district = "gulou";
  c.reported_on = date::from_ymd(2020, 1, 23);
  c.category = case_category::labour;
  c.resolved_on = date::from_ymd(2020, 2, 14);
  c.status = case_status::resolved;
  c.unit = "rsj";
  c.co_units = {"swj"};
  c.due_workdays = 7;
  c.extended_on = date::from_ymd(2020, 2, 10);
  c.extended_due_on = date::from_ymd(2020, 2, 18);
  c.followed_up_on = date::from_ymd(2020, 2, 20);
  c.satisfaction = satisfaction_level::basically_satisfied;
  builder.add(c);
  const ledger book = std::move(builder).build();
  ASSERT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.cases()[0].due_on, date::from_ymd(2020, 2, 11));  // from due_workdays
  ASSERT_NE(book.find_unit("swj"), nullptr);
  EXPECT_EQ(book.find_unit("swj")->name, "市税务局");
  EXPECT_EQ(book.find_unit("nope"), nullptr);

  std::ostringstream out;
  json_ledger_writer writer(out, json_layout::record_per_line);
  for (const auto& d : book.districts()) writer.add(d);
  for (const auto& u : book.units()) writer.add(u);
  for (const auto& k : book.cases()) writer.add(k);
  writer.finish();
  EXPECT_EQ(out.str(),
            "{\n"
            "\"format\": \"caseledger.ledger/1\",\n"
            "\"districts\": [\n"
            "{\"id\": \"gulou\", \"name\": \"鼓楼区\"}\n"
            "],\n"
            "\"enterprises\": [],\n"
            "\"projects\": [],\n"
            "\"teams\": [],\n"
            "\"units\": [\n"
            "{\"id\": \"rsj\", \"name\": \"鼓楼区人社局\", \"district\": \"gulou\", "
            "\"kind\": \"区人社局\"},\n"
            "{\"id\": \"swj\", \"name\": \"市税务局\"}\n"
            "],\n"
            "\"cases\": [\n"
            "{\"id\": \"c1\", \"district\": \"gulou\", \"reported_on\": \"2020-01-23\", "
            "\"category\": \"labour\", \"due_on\": \"2020-02-11\", \"resolved_on\": "
            "\"2020-02-14\", \"status\": \"resolved\", \"unit\": \"rsj\", \"co_units\": "
            "[\"swj\"], \"due_workdays\": 7, \"extended_on\": \"2020-02-10\", "
            "\"extended_due_on\": \"2020-02-18\", \"followed_up_on\": \"2020-02-20\", "
            "\"satisfaction\": \"basically_satisfied\"}\n"
            "],\n"
            "\"measures\": []\n"
            "}\n");

  // What it wrote reads back as the same ledger.
  const ledger again = parse_json_ledger(out.str(), "again.json");
  ASSERT_EQ(again.units().size(), 2u);
  EXPECT_TRUE(same_record(again.units()[0], book.units()[0]));
  EXPECT_TRUE(same_record(again.cases()[0], book.cases()[0]));
}

TEST(JsonLedgerWriter, RefusesAKindAfterALaterOne) {
  std::ostringstream out;
  json_ledger_writer writer(out);
  writer.add(case_record{});
  try {
    writer.add(district{});
    FAIL() << "a district after a case was written";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(), "cannot write the JSON ledger: a district after the cases");
  }
}

TEST(JsonLedgerWriter, WritesTheSampleAsItIsCommitted) {
  const std::filesystem::path sample = testing::source_path("samples/fuzhou-2020q1/ledger.json");
  const std::filesystem::path copy = ::testing::TempDir() + "sample_copy.json";
  write_json_ledger(read_json_ledger(sample), copy);
  EXPECT_EQ(testing::read_text(copy), testing::read_text(sample));
}

}  // namespace
}  // namespace caseledger
