#pragma once
// What a destination may see of a ticket: its field allowlist. Everything not on it is removed
// before a message is stored in the outbox, so that what is never allowed is never even queued.
//
// An allowlist entry is a dotted path to one value of the ticket document (ticket_document.hpp):
// "status", "candidate.external_id", "fields.visa_status". The filter copies a value only when
// its own path is listed and it is a scalar (string, number, boolean, null) or an array of
// scalars. An object is never copied whole: "candidate" or "fields" alone let nothing through,
// so that a custom field added later (an email, a phone number, a free-text note) cannot ride
// along under a parent someone allowed. Members whose name holds a '.' cannot be named by a
// path without ambiguity and are always removed.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/util/error.hpp>

namespace snag {

inline constexpr std::size_t k_max_allowlist_entries = 100;
inline constexpr std::size_t k_max_allowlist_depth = 8;  // segments of one path

// Checks the entries as they arrive in a request: each must be a path of the ticket document
// (ticket_document_paths()) or "fields.<name>[.<member>…]" for custom fields, segments made of
// A-Z, a-z, 0-9, '_' and '-', no duplicates. Errors name "<field>[<index>]".
std::vector<FieldError> validate_field_allowlist(const std::vector<std::string>& allowlist, std::string_view field);

// `document` with every value whose path is not on the allowlist removed (see above). Objects
// left empty are removed too. Pure; `document` that is not an object yields an empty object.
nlohmann::json filter_by_allowlist(const nlohmann::json& document, const std::set<std::string>& allowlist);

// The dotted paths of the scalar values (and arrays of scalars) in `document`, as the filter
// names them: what a filtered document holds is always a subset of the allowlist.
std::vector<std::string> value_paths(const nlohmann::json& document);

}  // namespace snag
