#pragma once
// An absent optional value as JSON null, the way every response shows one.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <snag/util/time.hpp>

namespace snag::http {

inline nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

inline nlohmann::json optional_time(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(format_rfc3339(*at)) : nlohmann::json(nullptr);
}

}  // namespace snag::http
