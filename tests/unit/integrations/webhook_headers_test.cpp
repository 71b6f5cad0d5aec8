#include <gtest/gtest.h>

#include <snag/integrations/ats/webhook_headers.hpp>

namespace snag::ats {
namespace webhook_headers_test {

TEST(WebhookHeaders, NamesMatchWithoutRegardToCase) {
  const WebhookHeaders headers{{"Greenhouse-Event-ID", "abc"}};
  EXPECT_EQ(headers.find("greenhouse-event-id"), "abc");
  EXPECT_EQ(headers.find("GREENHOUSE-EVENT-ID"), "abc");
  EXPECT_FALSE(headers.find("Greenhouse-Event"));
}

TEST(WebhookHeaders, ValuesLoseSurroundingWhitespaceAndTheFirstOfARepeatedNameWins) {
  WebhookHeaders headers;
  headers.add("webhook-id", " \tmsg_1 ");
  headers.add("Webhook-Id", "msg_2");
  EXPECT_EQ(headers.find("webhook-id"), "msg_1");
}

}  // namespace webhook_headers_test
}  // namespace snag::ats
