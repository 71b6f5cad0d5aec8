#pragma once
// Appending JSON text straight into a string, for the hot responses (a ticket) where building an
// nlohmann::json tree only to dump it costs more than the rest of the request. The output is
// byte for byte what nlohmann's dump() gives for the same value.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/util/time.hpp>

namespace snag::http {

// The text of a response's JSON body. A string holding invalid UTF-8 (a request's path or query
// echoed back in an error) gets U+FFFD in place of its bad bytes instead of throwing, which would
// have turned a 404 into a 500.
std::string json_text(const nlohmann::json& value);

// `text` as a quoted JSON string, escaped as nlohmann::json::dump() escapes it (non-ASCII text
// goes through nlohmann itself, so invalid UTF-8 throws just as dump() would).
void append_json_string(std::string& out, std::string_view text);

void append_json_int(std::string& out, std::int64_t value);

// The digits of format_rfc3339(t) (no quotes), without snprintf.
void append_rfc3339(std::string& out, Timestamp t);

}  // namespace snag::http
