// Every sample, damaged one member at a time, must normalise to events or to an error: never an
// exception or a crash. The damage replaces each member (objects and arrays included) by values
// of every other JSON type.
#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/vendor.hpp>

namespace snag::ats {
namespace malformed_payload_test {

const std::vector<std::string> k_greenhouse_samples{"new_candidate_application",
                                                    "new_prospect_application",
                                                    "application_updated",
                                                    "delete_application",
                                                    "candidate_stage_change",
                                                    "reject_candidate",
                                                    "unreject_candidate",
                                                    "hire_candidate",
                                                    "unhire_candidate",
                                                    "update_candidate",
                                                    "delete_candidate",
                                                    "merge_candidate",
                                                    "candidate_anonymized",
                                                    "offer_created",
                                                    "offer_updated",
                                                    "offer_approved",
                                                    "offer_deleted",
                                                    "interview_deleted",
                                                    "scorecard_deleted",
                                                    "job_created",
                                                    "job_updated",
                                                    "job_approved",
                                                    "job_deleted",
                                                    "job_post_created",
                                                    "job_post_updated",
                                                    "job_post_deleted",
                                                    "job_interview_stage_deleted",
                                                    "department_deleted",
                                                    "office_deleted"};

void collect_pointers(const nlohmann::json& value, const nlohmann::json::json_pointer& here,
                      std::vector<nlohmann::json::json_pointer>& pointers) {
  pointers.push_back(here);
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) collect_pointers(member, here / key, pointers);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) collect_pointers(value[i], here / i, pointers);
  }
}

// Returns how many damaged bodies were tried.
std::size_t normalise_every_damaged_copy(Vendor vendor, const nlohmann::json& sample) {
  const std::vector<nlohmann::json> replacements{nullptr,
                                                 true,
                                                 -1,
                                                 1.5,
                                                 "",
                                                 "text",
                                                 nlohmann::json::array(),
                                                 nlohmann::json::array({1, "a"}),
                                                 nlohmann::json::object()};
  std::vector<nlohmann::json::json_pointer> pointers;
  collect_pointers(sample, nlohmann::json::json_pointer(), pointers);
  std::size_t tried = 0;
  for (const auto& pointer : pointers) {
    for (const auto& replacement : replacements) {
      nlohmann::json damaged = sample;
      damaged[pointer] = replacement;
      EXPECT_NO_THROW({
        const auto events = normalise_delivery(vendor, damaged, "ats", from_epoch_ms(0));
        if (events) {
          for (const auto& event : *events) EXPECT_FALSE(event.object.empty()) << pointer.to_string();
        } else {
          EXPECT_FALSE(events.error().message.empty());
        }
      }) << pointer.to_string();
      ++tried;
    }
  }
  return tried;
}

TEST(MalformedPayloads, DamagedGreenhouseSamplesGiveEventsOrErrors) {
  std::size_t tried = 0;
  for (const auto& action : k_greenhouse_samples) {
    tried +=
        normalise_every_damaged_copy(Vendor::greenhouse, testing::ats_fixture_json("greenhouse_" + action + ".json"));
  }
  EXPECT_GT(tried, 1000u);
}

TEST(MalformedPayloads, DamagedLeverSamplesGiveEventsOrErrors) {
  for (const char* sample : {"lever_candidateStageChange.json", "lever_candidateHired_test_ping.json"}) {
    normalise_every_damaged_copy(Vendor::lever, testing::ats_fixture_json(sample));
  }
}

TEST(MalformedPayloads, DamagedStandardWebhooksEventsGiveEventsOrErrors) {
  const nlohmann::json sample{
      {"type", "background_check.updated"},
      {"timestamp", "2026-02-27T09:30:00Z"},
      {"data", {{"candidate", {{"external_id", "c-1"}, {"name", "N"}, {"fields", {{"a", 1}}}}}, {"status", "stuck"}}}};
  normalise_every_damaged_copy(Vendor::standard_webhooks, sample);
}

}  // namespace malformed_payload_test
}  // namespace snag::ats
