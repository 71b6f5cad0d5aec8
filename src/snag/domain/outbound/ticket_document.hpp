#pragma once
// The ticket as an outgoing webhook describes it, before its destination's allowlist removes
// what the destination may not see (field_allowlist.hpp). Member names follow the ticket's API
// representation (http/codec/ticket_json.cpp), so that an allowlist reads like the API docs.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ticket.hpp>

namespace snag {

// Every member of ticket_document() an allowlist may name, besides custom fields
// ("fields.<name>"): id, key, type, title, description, status, severity, team, assignee,
// candidate.ats, candidate.external_id, labels, watchers, reporter, created_at, updated_at,
// resolved_at, resolution_due_at, version.
const std::vector<std::string_view>& ticket_document_paths();

nlohmann::json ticket_document(const Ticket& ticket);

}  // namespace snag
