#include <snag/jobs/notification_slack_job.hpp>

#include <nlohmann/json.hpp>

#include <snag/util/log.hpp>

namespace snag {

JobHandler make_notification_slack_handler(const Catalog& catalog, std::shared_ptr<HttpClient> client) {
  return [&catalog, client = std::move(client)](const Job& job, JobContext&) -> Result<void> {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.value("team", nlohmann::json()).is_string()) {
      log_event(spdlog::level::warn, "a Slack job without a team is dropped", {{"job", job.id.value}});
      return {};
    }
    const Team* team = catalog.find_team(payload["team"].get<std::string>());
    if (team == nullptr || team->slack_webhook.empty()) return {};
    HttpClientRequest request;
    request.method = "POST";
    request.url = team->slack_webhook;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = nlohmann::json{{"text", payload.value("text", std::string())}}.dump();
    auto response = client->send(request);
    if (!response) return tl::unexpected(std::move(response.error()));
    if (response->status < 200 || response->status >= 300) {
      // The webhook URL is a secret: the error names the team, not the URL.
      return fail(ErrorCode::unavailable, "the Slack webhook of team " + team->code + " answered " +
                                              std::to_string(response->status));
    }
    return {};
  };
}

}  // namespace snag
