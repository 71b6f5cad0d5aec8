#pragma once
// Snag logs JSON lines to stderr: {"ts","level","msg",…fields}. Secrets and request bodies are
// never passed here.

#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace snag {

// Installs the stderr logger; `level` is trace, debug, info, warn or error.
void init_json_logging(std::string_view level);

// Writes one JSON line with `msg` and the given fields.
void log_event(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields = {});

}  // namespace snag
