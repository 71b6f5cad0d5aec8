// The synthetic probe's state machine: when a probe counts as a failure, when the alert opens
// (once) and when it clears.

#include <gtest/gtest.h>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace synthetic_probe_test {

using namespace std::chrono_literals;

const Timestamp k_sent = from_epoch_ms(1'795'000'000'000);

SyntheticPolicy policy() {
  SyntheticPolicy policy;
  policy.threshold = 60s;
  policy.alert_after = 3;
  return policy;
}

const ProbeOutcome k_failure{false, 0ms, "no ticket"};
const ProbeOutcome k_success{true, 1500ms, ""};

TEST(SyntheticProbe, AProbeIsAwaitedUntilItsTicketAppearsOrTheThresholdPasses) {
  const PendingProbe probe{"synthetic-1", k_sent};
  EXPECT_FALSE(judge_probe(probe, std::nullopt, k_sent + 59s, policy()));
  const auto late = judge_probe(probe, std::nullopt, k_sent + 61s, policy());
  ASSERT_TRUE(late);
  EXPECT_FALSE(late->ok);
  const auto found = judge_probe(probe, k_sent + 2s, k_sent + 3s, policy());
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->ok);
  EXPECT_EQ(found->latency, 2000ms);
}

TEST(SyntheticProbe, ATicketThatAppearedAfterTheThresholdCountsAsAFailure) {
  const auto slow = judge_probe(PendingProbe{"synthetic-1", k_sent}, k_sent + 90s, k_sent + 95s, policy());
  ASSERT_TRUE(slow);
  EXPECT_FALSE(slow->ok);
  EXPECT_EQ(slow->latency, 90000ms);
  EXPECT_NE(slow->error.find("over the threshold"), std::string::npos) << slow->error;

  auto step = record_probe(SyntheticState{}, *slow, k_sent + 95s, policy());
  EXPECT_EQ(step.state.consecutive_failures, 1);
  EXPECT_FALSE(step.state.last_success_at);
}

TEST(SyntheticProbe, ThreeFailuresInARowOpenTheAlertOnceAndASuccessResolvesIt) {
  SyntheticState state;
  state.pending = PendingProbe{"synthetic-1", k_sent};
  auto first = record_probe(state, k_failure, k_sent + 1min, policy());
  EXPECT_EQ(first.alert, AlertChange::none);
  EXPECT_FALSE(first.state.pending) << "a judged probe is no longer pending";
  auto second = record_probe(first.state, k_failure, k_sent + 2min, policy());
  EXPECT_EQ(second.alert, AlertChange::none);
  auto third = record_probe(second.state, k_failure, k_sent + 3min, policy());
  EXPECT_EQ(third.alert, AlertChange::open);
  EXPECT_EQ(third.state.consecutive_failures, 3);
  EXPECT_EQ(third.state.probes_failed, 3);

  // The caller records the ticket it opened: further failures open no second one.
  third.state.alert_ticket = TicketId{42};
  auto fourth = record_probe(third.state, k_failure, k_sent + 4min, policy());
  EXPECT_EQ(fourth.alert, AlertChange::none);
  EXPECT_EQ(fourth.state.consecutive_failures, 4);

  auto recovered = record_probe(fourth.state, k_success, k_sent + 5min, policy());
  EXPECT_EQ(recovered.alert, AlertChange::resolve);
  EXPECT_EQ(recovered.state.consecutive_failures, 0);
  EXPECT_EQ(recovered.state.probes_ok, 1);
  EXPECT_EQ(recovered.state.last_success_at, k_sent + 5min);
  EXPECT_EQ(recovered.state.last_latency, 1500ms);
  EXPECT_TRUE(recovered.state.last_error.empty());
}

TEST(SyntheticProbe, ASuccessWithoutAnOpenAlertChangesNoTicket) {
  auto step = record_probe(SyntheticState{}, k_success, k_sent, policy());
  EXPECT_EQ(step.alert, AlertChange::none);
  auto failed_once = record_probe(step.state, k_failure, k_sent + 5min, policy());
  EXPECT_EQ(failed_once.alert, AlertChange::none);
  EXPECT_EQ(failed_once.state.last_success_at, k_sent) << "the last success is kept through failures";
}

}  // namespace synthetic_probe_test
}  // namespace snag
