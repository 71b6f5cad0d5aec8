#pragma once
// Tickets, comments and history as API.md shows them, and the request bodies that change them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/app/ticket_service.hpp>
#include <snag/domain/journal.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag::http {

// Each returns validation_failed naming every unknown, missing or ill-typed member.
Result<TicketDraft> decode_ticket_draft(const nlohmann::json& body);
Result<TicketEdit> decode_ticket_edit(const nlohmann::json& body);
Result<BulkRequest> decode_bulk_request(const nlohmann::json& body);

struct TransitionRequest {
  std::string to;
  std::string comment;
};
Result<TransitionRequest> decode_transition_request(const nlohmann::json& body);
// The "body" member of a new comment.
Result<std::string> decode_comment_request(const nlohmann::json& body);

// `now` decides whether the SLA counts as breached.
nlohmann::json encode_ticket(const Ticket& ticket, Timestamp now);
// Appends exactly encode_ticket(ticket, now).dump(), without building the JSON tree.
void append_ticket_json(std::string& out, const Ticket& ticket, Timestamp now);
// {"items": [...], "next_cursor": "…" | null}, written straight into the text: building the JSON
// tree of a 50-ticket page cost more than reading the page from the database.
std::string ticket_page_json(const TicketPage& page, Timestamp now);
nlohmann::json encode_comment(const Comment& comment);
// {"items": [{"at", "actor", "action", "changes": [{"field", "old", "new"}]}]}
nlohmann::json encode_history(const std::vector<HistoryItem>& items);

// "\"7\"": the ETag of a ticket at a version.
std::string etag_for(std::int64_t version);

struct IfMatch {
  bool any = false;  // "*"
  std::int64_t version = 0;
};
// Accepts "7", "\"7\"" and W/"7" (a weak tag still names the version), or "*".
std::optional<IfMatch> parse_if_match(std::string_view header);

}  // namespace snag::http
