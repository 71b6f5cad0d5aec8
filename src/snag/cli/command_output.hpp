#pragma once
// What the commands that write a report or an export share: reading a --since/--until time,
// saying what was wrong with the options, and writing the result to --output or standard output.

#include <optional>
#include <string>
#include <string_view>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

// An RFC 3339 time or a date (2026-11-23, midnight UTC); nullopt when `text` is empty. Throws
// std::runtime_error naming `option` for anything else.
std::optional<Timestamp> parse_time_option(const std::string& text, std::string_view option);

// "--since must not be in the future" rather than the API's list of field names.
std::string describe_for_options(const Error& error);

// To the file, replaced, or to standard output when `path` is empty. Throws when it cannot.
void write_output(const std::string& path, const std::string& bytes);

}  // namespace snag
