#include <sstream>

#include <gtest/gtest.h>

#include <snag/integrations/sync/candidate_csv.hpp>
#include <snag/integrations/sync/csv_reader.hpp>

namespace snag::sync {
namespace candidate_csv_test {

const Timestamp k_imported_at = *parse_rfc3339("2026-03-01T12:00:00Z");

std::vector<CsvRecord> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> records;
  for (;;) {
    auto record = reader.next();
    EXPECT_TRUE(record) << record.error().message;
    if (!record || !*record) break;
    records.push_back(std::move(**record));
  }
  return records;
}

TEST(CsvReader, ReadsRfc4180QuotingAndLineEndings) {
  const auto records = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"last", "", ""}));
  // Rows are numbered by the line they start on, as a spreadsheet shows them.
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].line, 4u);
}

TEST(CsvReader, SkipsAByteOrderMarkAndReadsALastLineWithoutNewline) {
  const auto records = read_all("\xEF\xBB\xBFid,name\n1,Ada");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "id");
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"1", "Ada"}));
}

TEST(CsvReader, KeepsStrayQuotesAndCountsBytes) {
  std::istringstream in("5'11\" tall,x\n");
  CsvReader reader(in);
  auto record = reader.next();
  ASSERT_TRUE(record && *record);
  EXPECT_EQ((*record)->fields, (std::vector<std::string>{"5'11\" tall", "x"}));
  EXPECT_EQ(reader.bytes_read(), 13u);
}

TEST(CsvReader, AQuoteNeverClosedNamesTheRowItStartedOn) {
  std::istringstream in("id\n1\n\"open\n2\n");
  CsvReader reader(in);
  ASSERT_TRUE(reader.next());
  ASSERT_TRUE(reader.next());
  const auto broken = reader.next();
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("row 3"), std::string::npos) << broken.error().message;
}

TEST(CandidateCsv, KnownColumnsFillTheProfileAndOthersBecomeFields) {
  auto csv =
      CandidateCsv::from_header({"external_id", " name ", "email", "level", "geography", "visa_status", "relocation"});
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->custom_fields(), (std::vector<std::string>{"visa_status", "relocation"}));
  const auto event =
      csv->event({"c-1", "Ada Lovelace", "ada@example.com", "senior", "GB", "citizen", ""}, "csv", k_imported_at);
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->type, AtsEventType::candidate_updated);
  EXPECT_EQ(event->source_action, "csv.import");
  EXPECT_EQ(event->occurred_at, k_imported_at);
  EXPECT_EQ(*event->candidate, (CandidateRef{"csv", "c-1"}));
  EXPECT_EQ(event->object, "candidate:c-1");
  EXPECT_EQ(event->profile->name, "Ada Lovelace");
  EXPECT_EQ(event->profile->email, "ada@example.com");
  EXPECT_EQ(event->profile->level, "senior");
  EXPECT_EQ(event->profile->geography, "GB");
  // An empty cell leaves the attribute out, so it does not overwrite what Snag has.
  EXPECT_EQ(event->profile->fields, (nlohmann::json{{"visa_status", "citizen"}}));
}

TEST(CandidateCsv, UpdatedAtDatesTheRow) {
  auto csv = CandidateCsv::from_header({"updated_at", "external_id"});
  ASSERT_TRUE(csv);
  const auto event = csv->event({"2026-02-01T09:30:00Z", "c-2"}, "csv", k_imported_at);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->occurred_at, *parse_rfc3339("2026-02-01T09:30:00Z"));
  EXPECT_TRUE(event->profile->fields.empty());
}

TEST(CandidateCsv, RowErrorsNameEachBadColumn) {
  auto csv = CandidateCsv::from_header({"external_id", "name", "email", "updated_at"});
  ASSERT_TRUE(csv);
  const auto bad = csv->event({"", "No Id", "not-an-email", "last tuesday"}, "csv", k_imported_at);
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& field : bad.error().fields) fields.push_back(field.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"email", "updated_at", "external_id"}));

  const auto short_row = csv->event({"c-3", "Too Few"}, "csv", k_imported_at);
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().fields.at(0).field, "row");

  EXPECT_FALSE(csv->event({"has space", "", "", ""}, "csv", k_imported_at));
  EXPECT_FALSE(csv->event({"c-4", std::string(501, 'x'), "", ""}, "csv", k_imported_at));
}

TEST(CandidateCsv, TheHeaderMustNameExternalIdAndEachColumnOnce) {
  EXPECT_FALSE(CandidateCsv::from_header({"name", "email"}));
  EXPECT_FALSE(CandidateCsv::from_header({"external_id", "name", "name"}));
  EXPECT_FALSE(CandidateCsv::from_header({"external_id", " "}));
}

TEST(CandidateCsv, BlankRowsAreRecognised) {
  EXPECT_TRUE(is_blank_row({""}));
  EXPECT_TRUE(is_blank_row({" ", ""}));
  EXPECT_FALSE(is_blank_row({"", "x"}));
}

}  // namespace candidate_csv_test
}  // namespace snag::sync

namespace snag::sync {
namespace candidate_csv_test {

TEST(CandidateCsvPurge, ARowWithPurgedAtIsADeletionAtThatTimeAndKeepsNothingOfTheRow) {
  auto csv = CandidateCsv::from_header({"external_id", "name", "purged_at"});
  ASSERT_TRUE(csv) << csv.error().message;
  const Timestamp imported_at = *parse_rfc3339("2026-03-01T12:00:00Z");
  auto purged = csv->event({"77", "Jane Roe", "2026-02-01T00:00:00Z"}, "greenhouse", imported_at);
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(purged->type, AtsEventType::candidate_deleted);
  EXPECT_EQ(purged->occurred_at, *parse_rfc3339("2026-02-01T00:00:00Z"));
  EXPECT_EQ(purged->candidate, (CandidateRef{"greenhouse", "77"}));
  EXPECT_FALSE(purged->profile) << "the name of a purged candidate is not kept";

  auto kept = csv->event({"78", "Omar Other", ""}, "greenhouse", imported_at);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->type, AtsEventType::candidate_updated);
  ASSERT_TRUE(kept->profile);
  EXPECT_EQ(kept->profile->name, "Omar Other");

  auto bad = csv->event({"79", "", "last week"}, "greenhouse", imported_at);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "purged_at");
}

}  // namespace candidate_csv_test
}  // namespace snag::sync
