#include <gtest/gtest.h>

#include <snag/http/codec/candidate_json.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/json_writer.hpp>
#include <snag/http/codec/ticket_json.hpp>

namespace snag::http {
namespace codec_test {

using nlohmann::json;

std::vector<FieldError> field_errors(const Error& error) {
  EXPECT_EQ(error.code, ErrorCode::validation_failed);
  return error.fields;
}

TEST(TicketCodec, DecodesAFullDraft) {
  const auto draft = decode_ticket_draft(json::parse(R"({"type": "document_missing", "title": "No visa copy",
      "description": "d", "severity": "sev2", "candidate": {"ats": "greenhouse", "external_id": "53883394"},
      "team": "hris", "assignee": "ana", "labels": ["visa"], "fields": {"country": "DE"}})"));
  ASSERT_TRUE(draft) << draft.error().message;
  EXPECT_EQ(draft->type, "document_missing");
  EXPECT_EQ(draft->severity, Severity::sev2);
  EXPECT_EQ(draft->candidate, (CandidateRef{"greenhouse", "53883394"}));
  EXPECT_EQ(draft->team, "hris");
  EXPECT_EQ(draft->labels, std::vector<std::string>{"visa"});
  EXPECT_EQ(draft->fields["country"], "DE");
}

TEST(TicketCodec, NamesEveryBadFieldOfADraft) {
  const auto draft = decode_ticket_draft(
      json::parse(R"({"title": 5, "severity": "urgent", "labels": ["a", 3], "colour": "red", "id": 4})"));
  ASSERT_FALSE(draft);
  const std::vector<FieldError> expected{{"type", "is required"},
                                         {"title", "must be a string"},
                                         {"severity", "must be one of sev1, sev2, sev3, sev4"},
                                         {"labels[1]", "must be a string"},
                                         {"colour", "is not a known field"},
                                         {"id", "is read-only"}};
  auto actual = field_errors(draft.error());
  std::sort(actual.begin(), actual.end(), [](auto& a, auto& b) { return a.field < b.field; });
  auto want = expected;
  std::sort(want.begin(), want.end(), [](auto& a, auto& b) { return a.field < b.field; });
  EXPECT_EQ(actual, want);
}

TEST(TicketCodec, NamesBadMembersInsideTheCandidate) {
  const auto draft =
      decode_ticket_draft(json::parse(R"({"type": "other", "title": "t", "candidate": {"ats": 1, "x": 2}})"));
  ASSERT_FALSE(draft);
  const auto errors = field_errors(draft.error());
  EXPECT_NE(std::find(errors.begin(), errors.end(), FieldError{"candidate.ats", "must be a string"}), errors.end());
  EXPECT_NE(std::find(errors.begin(), errors.end(), FieldError{"candidate.external_id", "is required"}),
            errors.end());
  EXPECT_NE(std::find(errors.begin(), errors.end(), FieldError{"candidate.x", "is not a known field"}),
            errors.end());
}

TEST(TicketCodec, EditNullClearsAssigneeAndCandidateOnly) {
  const auto edit = decode_ticket_edit(json::parse(R"({"assignee": null, "candidate": null})"));
  ASSERT_TRUE(edit);
  ASSERT_TRUE(edit->assignee.has_value());
  EXPECT_FALSE(edit->assignee->has_value());
  ASSERT_TRUE(edit->candidate.has_value());
  EXPECT_FALSE(edit->candidate->has_value());
  EXPECT_FALSE(edit->title.has_value());

  const auto bad = decode_ticket_edit(json::parse(R"({"title": null, "status": "closed"})"));
  ASSERT_FALSE(bad);
  const auto errors = field_errors(bad.error());
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].field, "title");
  EXPECT_EQ(errors[1].field, "status");
}

TEST(TicketCodec, BulkNeedsExactlyOneOfSetAndTransition) {
  EXPECT_FALSE(decode_bulk_request(json::parse(R"({"keys": ["SNAG-1"]})")));
  EXPECT_FALSE(decode_bulk_request(json::parse(R"({"keys": ["SNAG-1"], "set": {}, "transition": "resolved"})")));
  const auto transition = decode_bulk_request(json::parse(R"({"keys": ["SNAG-1"], "transition": "resolved"})"));
  ASSERT_TRUE(transition);
  EXPECT_EQ(transition->transition, "resolved");
  const auto bad_set = decode_bulk_request(json::parse(R"({"keys": ["SNAG-1"], "set": {"severity": "high"}})"));
  ASSERT_FALSE(bad_set);
  EXPECT_EQ(field_errors(bad_set.error()).at(0).field, "set.severity");
}

TEST(TicketCodec, TransitionAndCommentBodiesAreStrict) {
  EXPECT_EQ(decode_transition_request(json::parse(R"({"to": "resolved", "comment": "done"})"))->comment, "done");
  EXPECT_FALSE(decode_transition_request(json::parse(R"({"status": "resolved"})")));
  EXPECT_EQ(*decode_comment_request(json::parse(R"({"body": "hi"})")), "hi");
  EXPECT_FALSE(decode_comment_request(json::parse(R"({"body": ["hi"]})")));
}

TEST(TicketCodec, EncodesATicketAsTheContractShowsIt) {
  Ticket ticket;
  ticket.id = TicketId{42};
  ticket.type = "document_missing";
  ticket.title = "t";
  ticket.status = "new";
  ticket.team = "recruitment";
  ticket.candidate = CandidateRef{"greenhouse", "53883394"};
  ticket.created_at = from_epoch_ms(1'795'000'000'000);
  ticket.updated_at = ticket.created_at;
  const auto out = encode_ticket(ticket, ticket.created_at);
  for (const auto* key : {"id", "key", "type", "title", "description", "status", "severity", "team", "assignee",
                          "candidate", "labels", "fields", "created_at", "updated_at", "version", "sla", "reporter",
                          "resolved_at"}) {
    EXPECT_TRUE(out.contains(key)) << key;
  }
  EXPECT_EQ(out["id"], 42);
  EXPECT_EQ(out["key"], "SNAG-42");
  EXPECT_EQ(out["severity"], "sev3");
  EXPECT_TRUE(out["assignee"].is_null());
  EXPECT_EQ(out["candidate"], json({{"ats", "greenhouse"}, {"external_id", "53883394"}}));
  EXPECT_TRUE(out["labels"].is_array());
  EXPECT_TRUE(out["fields"].is_object());
  EXPECT_TRUE(out["sla"].contains("resolution_due_at"));
  EXPECT_EQ(out["sla"]["breached"], false);
  for (const auto* key : {"first_response_due_at", "first_responded_at", "first_response_breached", "paused",
                          "calendar"}) {
    EXPECT_TRUE(out["sla"].contains(key)) << key;
  }
}

TEST(TicketCodec, ShowsTheSlaClock) {
  Ticket ticket;
  ticket.id = TicketId{9};
  ticket.created_at = from_epoch_ms(1'795'000'000'000);
  ticket.sla_calendar = "germany";
  ticket.resolution_due_at = from_epoch_ms(1'795'000'500'000);
  ticket.first_response_due_at = from_epoch_ms(1'795'000'100'000);
  ticket.first_responded_at = from_epoch_ms(1'795'000'200'000);
  ticket.sla_paused_at = from_epoch_ms(1'795'000'300'000);
  // Long after the due time, but the clock stopped when the pause began.
  const auto sla = encode_ticket(ticket, from_epoch_ms(1'796'000'000'000))["sla"];
  EXPECT_EQ(sla["calendar"], "germany");
  EXPECT_EQ(sla["paused"], true);
  EXPECT_EQ(sla["breached"], false);
  EXPECT_EQ(sla["first_response_breached"], true);
  EXPECT_EQ(sla["first_responded_at"], format_rfc3339(*ticket.first_responded_at));
  EXPECT_EQ(sla["first_response_due_at"], format_rfc3339(*ticket.first_response_due_at));
}

TEST(TicketCodec, AppendsTheSameTextAsDumpingEncodeTicket) {
  Ticket plain;
  plain.id = TicketId{7};
  plain.type = "document_missing";
  plain.title = "t";
  plain.status = "new";
  plain.team = "recruitment";
  plain.reporter = "ana";
  plain.created_at = from_epoch_ms(1'795'000'000'000);
  plain.updated_at = from_epoch_ms(1'795'000'000'123);

  Ticket full = plain;
  full.id = TicketId{123456789};
  full.title = "Quote \" backslash \\ tab \t newline \n bell \x07 del \x7f slash /";
  full.description = "Ünïcødé — 日本語 \xF0\x9F\x98\x80";
  full.severity = Severity::sev1;
  full.assignee = "bob";
  full.candidate = CandidateRef{"greenhouse", "53\"883394"};
  full.labels = {"visa", "urgent\r\n", ""};
  full.fields = json{{"country", "DE"}, {"nested", {{"a", 1}, {"b", {1.5, nullptr, true}}}}};
  full.version = 42;
  full.resolution_due_at = from_epoch_ms(1'795'000'100'001);
  full.resolved_at = from_epoch_ms(1'795'000'200'010);
  full.sla_calendar = "us_\"eastern";
  full.first_response_due_at = from_epoch_ms(1'795'000'050'001);
  full.first_responded_at = from_epoch_ms(1'795'000'060'002);
  full.sla_paused_at = from_epoch_ms(1'795'000'070'003);

  Ticket breached = plain;
  breached.resolution_due_at = from_epoch_ms(1'000);
  breached.created_at = from_epoch_ms(0);
  breached.updated_at = from_epoch_ms(-86'400'000 * 400LL + 5);

  for (const auto* ticket : {&plain, &full, &breached}) {
    for (const auto now : {ticket->created_at, from_epoch_ms(1'900'000'000'000)}) {
      std::string out;
      append_ticket_json(out, *ticket, now);
      EXPECT_EQ(out, encode_ticket(*ticket, now).dump());
    }
  }
}

TEST(TicketCodec, APageIsItsTicketsAndTheNextCursor) {
  Ticket first;
  first.id = TicketId{1};
  first.title = "one";
  Ticket second = first;
  second.id = TicketId{2};
  const Timestamp now = from_epoch_ms(1'795'000'000'000);
  TicketPage page{{first, second}, TicketCursor{}};
  page.next->last_id = TicketId{2};
  const auto text = json::parse(ticket_page_json(page, now));
  ASSERT_EQ(text["items"].size(), 2u);
  EXPECT_EQ(text["items"][0], encode_ticket(first, now));
  EXPECT_EQ(text["items"][1], encode_ticket(second, now));
  EXPECT_EQ(text["next_cursor"], encode_cursor(*page.next));

  const auto last = json::parse(ticket_page_json(TicketPage{}, now));
  EXPECT_EQ(last, json::parse(R"({"items": [], "next_cursor": null})"));
}

TEST(JsonWriter, MatchesNlohmannAndFormatRfc3339) {
  for (const std::string_view text : {std::string_view{}, std::string_view{"plain"}, std::string_view{"\x01\x1f\"\\/"},
                                      std::string_view{"caf\xC3\xA9"}}) {
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(out, json(text).dump());
  }
  std::string invalid;
  EXPECT_THROW(append_json_string(invalid, "\xFF"), json::exception);
  for (const std::int64_t ms : {0LL, 1LL, 999LL, 1'795'000'000'000LL, 1'795'000'000'010LL, -1LL, -86'400'000LL * 366,
                                253'402'300'799'999LL}) {
    std::string out;
    append_rfc3339(out, from_epoch_ms(ms));
    EXPECT_EQ(out, format_rfc3339(from_epoch_ms(ms))) << ms;
  }
  std::string number;
  append_json_int(number, -9'223'372'036'854'775'807LL - 1);
  EXPECT_EQ(number, "-9223372036854775808");
}

TEST(TicketCodec, ParsesIfMatchInItsCommonForms) {
  EXPECT_EQ(parse_if_match("\"7\"")->version, 7);
  EXPECT_EQ(parse_if_match("W/\"7\"")->version, 7);
  EXPECT_EQ(parse_if_match("7")->version, 7);
  EXPECT_TRUE(parse_if_match("*")->any);
  EXPECT_FALSE(parse_if_match("\"abc\""));
  EXPECT_FALSE(parse_if_match("\"\""));
  EXPECT_EQ(etag_for(7), "\"7\"");
}

TEST(CandidateCodec, NamesUnknownAndIllTypedMembers) {
  const auto ok = decode_candidate_profile(
      json::parse(R"({"name": "Ana", "email": null, "fields": {"visa_status": "required"}})"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->name, "Ana");
  EXPECT_FALSE(ok->email);
  const auto bad = decode_candidate_profile(json::parse(R"({"name": 1, "fields": [], "phone": "x"})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(field_errors(bad.error()).size(), 3U);
}

TEST(JsonBody, AcceptsOnlyTheJsonMediaType) {
  EXPECT_TRUE(is_json_media_type("application/json"));
  EXPECT_TRUE(is_json_media_type("Application/JSON; charset=utf-8"));
  EXPECT_FALSE(is_json_media_type("text/plain"));
  EXPECT_FALSE(is_json_media_type("application/jsonp"));
  EXPECT_FALSE(is_json_media_type(""));
}

TEST(JsonBody, RefusesWrongTypeMalformedDeepAndNonObjectBodies) {
  HttpRequest request;
  request.content_type = "text/plain";
  request.body = "{}";
  EXPECT_EQ(read_json_object(request).error().status, 415U);
  request.content_type = "application/json";
  request.body = "{\"a\": ";
  EXPECT_EQ(read_json_object(request).error().status, 400U);
  const std::string deep = std::string(33, '[') + std::string(33, ']');
  request.body = deep;
  EXPECT_EQ(read_json_object(request).error().status, 400U);
  request.body = "[]";
  EXPECT_EQ(read_json_object(request).error().status, 400U);
  request.body = R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})";
  EXPECT_TRUE(read_json_object(request));
}

}  // namespace codec_test
}  // namespace snag::http
