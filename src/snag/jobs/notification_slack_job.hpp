#pragma once
// notification.slack: posts one notification to a team's channel through its Slack-compatible
// incoming webhook (`slack_webhook` of the team in the configuration), as {"text": "…"}. A team
// whose webhook was removed since is skipped; a refused or failed post fails the job, which the
// runner retries with backoff.

#include <memory>

#include <snag/app/ports/http_client.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

// REQUIRES: catalog outlives the handler.
JobHandler make_notification_slack_handler(const Catalog& catalog, std::shared_ptr<HttpClient> client);

}  // namespace snag
