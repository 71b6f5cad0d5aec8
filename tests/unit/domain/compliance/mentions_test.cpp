// Mentions of an erased candidate in incident and change text: what counts as a mention (the
// full name and the email, whole words, any case, any whitespace between a name's words), what
// does not, and what of an incident is searched.

#include <array>

#include <gtest/gtest.h>

#include <snag/domain/compliance/mentions.hpp>
#include <snag/domain/compliance/redaction.hpp>

namespace snag {
namespace mentions_test {

const std::array<std::string, 2> k_ada{"Ada Lovelace", "ada@example.com"};

TEST(PersonalMentions, AreTheNameAndTheEmail) {
  CandidateProfile profile;
  profile.name = "Ada Lovelace";
  profile.email = "ada@example.com";
  profile.level = "senior";
  EXPECT_EQ(personal_mentions(profile), (std::vector<std::string>{"Ada Lovelace", "ada@example.com"}));
}

TEST(PersonalMentions, SkipsWhatNamesNoOne) {
  CandidateProfile blank;
  blank.name = "  ";
  EXPECT_TRUE(personal_mentions(blank).empty());
  CandidateProfile erased;
  erased.name = std::string(k_redaction_marker);
  EXPECT_TRUE(personal_mentions(erased).empty());
  EXPECT_TRUE(personal_mentions(CandidateProfile{}).empty());
}

TEST(RedactMentions, ReplacesEveryMentionInAnyCase) {
  EXPECT_EQ(redact_mentions("Offer for ADA LOVELACE stuck; ada lovelace re-sent (Ada@Example.com).", k_ada),
            "Offer for [redacted] stuck; [redacted] re-sent ([redacted]).");
}

TEST(RedactMentions, MatchesANameAcrossAnyWhitespace) {
  EXPECT_EQ(redact_mentions("called Ada\n  Lovelace\tback", k_ada), "called [redacted]\tback");
}

TEST(RedactMentions, MatchesOnlyWholeWords) {
  const std::array<std::string, 1> ann{"Ann Lee"};
  EXPECT_EQ(redact_mentions("Joann Leeds and Ann Leeway are not Ann Lee.", ann),
            "Joann Leeds and Ann Leeway are not [redacted].");
  EXPECT_EQ(redact_mentions("Ann Lee_2 and Ann Lee's file", ann), "Ann Lee_2 and [redacted]'s file");
  EXPECT_EQ(redact_mentions("x.ada@example.com and ada@example.com.au are others", k_ada),
            "x.ada@example.com and ada@example.com.au are others");
  EXPECT_EQ(redact_mentions("Mary-Ann Lee and Ann Lee-Smith are others; wrote to ada@example.com.", ann),
            "Mary-Ann Lee and Ann Lee-Smith are others; wrote to ada@example.com.");
  EXPECT_EQ(redact_mentions("wrote to ada@example.com.", k_ada), "wrote to [redacted].");
}

TEST(RedactMentions, TreatsUtf8LettersAsPartOfAWord) {
  const std::array<std::string, 1> lee{"Lee"};
  EXPECT_EQ(redact_mentions("Leé and Lee", lee), "Leé and [redacted]");
}

TEST(RedactMentions, LeavesTextWithoutMentionsAndEmptyMentionsAlone) {
  const std::array<std::string, 2> none{"", "   "};
  EXPECT_EQ(redact_mentions("Resume parser fails for every PDF", k_ada), "Resume parser fails for every PDF");
  EXPECT_EQ(redact_mentions("Ada Lovelace", none), "Ada Lovelace");
  EXPECT_EQ(redact_mentions("", k_ada), "");
}

TEST(RedactIncidentMentions, SearchesTitleLogAndPostMortem) {
  Incident incident;
  incident.title = "Offers stuck, first seen for Ada Lovelace";
  incident.commander = "hana";
  incident.updates = {{Timestamp{}, "hana", "update", "Re-sent to ada@example.com"},
                      {Timestamp{}, "hana", "update", "Vendor confirmed the fix"}};
  PostMortem postmortem;
  postmortem.timeline = {{Timestamp{}, "Ada Lovelace reported the expired link"}};
  postmortem.impact = "12 candidates, Ada Lovelace among them";
  postmortem.root_cause = "Expired signing certificate";
  postmortem.contributing_factors = {"No alert", "ada@example.com retried twice"};
  ActionItem call;
  call.number = 1;
  call.title = "Call Ada Lovelace";
  call.owner = "hana";
  postmortem.action_items = {call};
  postmortem.written_by = "hana";
  incident.postmortem = postmortem;

  ASSERT_TRUE(redact_incident_mentions(incident, k_ada));
  EXPECT_EQ(incident.title, "Offers stuck, first seen for [redacted]");
  EXPECT_EQ(incident.updates[0].message, "Re-sent to [redacted]");
  EXPECT_EQ(incident.updates[1].message, "Vendor confirmed the fix");
  EXPECT_EQ(incident.postmortem->timeline[0].event, "[redacted] reported the expired link");
  EXPECT_EQ(incident.postmortem->impact, "12 candidates, [redacted] among them");
  EXPECT_EQ(incident.postmortem->root_cause, "Expired signing certificate");
  EXPECT_EQ(incident.postmortem->contributing_factors[1], "[redacted] retried twice");
  EXPECT_EQ(incident.postmortem->action_items[0].title, "Call [redacted]");
  EXPECT_EQ(incident.commander, "hana");

  EXPECT_FALSE(redact_incident_mentions(incident, k_ada));  // nothing left to find
}

}  // namespace mentions_test
}  // namespace snag
