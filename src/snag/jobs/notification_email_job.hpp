#pragma once
// notification.email: mails one notification (queued by app/automation/notifier.hpp) to its
// recipient's address. Without a mailer (no notifications.smtp_url) or an address, the job is
// done at once: the notification stays in the app. A server that cannot be reached fails the
// job, which the runner retries with backoff.

#include <memory>
#include <string>

#include <snag/app/ports/mailer.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

JobHandler make_notification_email_handler(std::shared_ptr<Mailer> mailer, std::string from);

}  // namespace snag
