#include <snag/jobs/notification_email_job.hpp>

#include <nlohmann/json.hpp>

#include <snag/util/log.hpp>

namespace snag {

JobHandler make_notification_email_handler(std::shared_ptr<Mailer> mailer, std::string from) {
  return [mailer = std::move(mailer), from = std::move(from)](const Job& job, JobContext& context) -> Result<void> {
    if (!mailer) return {};
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.value("recipient", nlohmann::json()).is_string()) {
      log_event(spdlog::level::warn, "an email job without a recipient is dropped", {{"job", job.id.value}});
      return {};
    }
    auto user = context.store().find_user_by_name(payload["recipient"].get<std::string>());
    if (!user) return tl::unexpected(std::move(user.error()));
    if (!*user || !(*user)->email || (*user)->disabled) return {};
    // What the notice is about: a ticket, or an incident (app/incidents/incident_notices.hpp).
    const std::string about = payload.value("about", payload.value("ticket", std::string()));
    const std::string why = payload.value("why", std::string("a Snag automation rule notifies you"));
    MailMessage message;
    message.from = from;
    message.to = *(*user)->email;
    message.subject = "[Snag] " + payload.value("message", std::string("a notification"));
    // The ticket's or incident's own text stays in Snag, read through its access rule and masking.
    message.body = payload.value("message", std::string()) + "\n\nOpen " + about +
                   " in Snag to see it.\n\nYou get this email because " + why + ".";
    return mailer->send(message);
  };
}

}  // namespace snag
