#pragma once
// The ATS integration's use cases, wired once over the store and the application's services
// (like app/app_services.hpp, which cannot know this layer).

#include <string>

#include <snag/app/app_services.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/integrations/connector_service.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/integrations/inbox_processor.hpp>
#include <snag/integrations/webhook_intake.hpp>

namespace snag {

// Members are built in declaration order; each refers only to members declared before it.
// Must not move. The processor's thread runs only after start_processing().
struct IntegrationServices {
  IntegrationServices(Store& store, const Catalog& catalog, const Clock& clock, const AtsPolicy& policy,
                      AppServices& app, std::string node,
                      std::chrono::milliseconds lease_for = InboxProcessor::k_default_lease)
      : applier(catalog, app.router, policy.interview_notice_horizon),
        processor(store, clock, applier, policy, std::move(node), lease_for),
        intake(store, clock, [this] { processor.delivery_stored(); }),
        connectors(store, clock, app.access, intake, [this] { processor.wake(); }) {}
  IntegrationServices(const IntegrationServices&) = delete;
  IntegrationServices& operator=(const IntegrationServices&) = delete;

  EventApplier applier;
  InboxProcessor processor;
  WebhookIntake intake;
  ConnectorService connectors;
};

}  // namespace snag
