#include <snag/util/log.hpp>

#include <spdlog/sinks/stdout_sinks.h>

namespace snag {

void init_json_logging(std::string_view level) {
  auto logger = spdlog::stderr_logger_mt("snag");
  // Each message is already a whole JSON object; the timestamp and level go in front of its fields.
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v)", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void log_event(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields) {
  if (!spdlog::should_log(level)) return;
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["msg"] = msg;
  // Drop the opening brace: the logger's pattern supplies it before ts and level.
  const std::string body = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  spdlog::log(level, "{}", std::string_view(body).substr(1));
}

}  // namespace snag
