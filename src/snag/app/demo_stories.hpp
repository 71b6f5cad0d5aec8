#pragma once
// What the demo's tickets say. Each issue type of the default catalog has its own small
// vocabulary, so titles and descriptions read like the problems a hiring team reports and
// full-text search has real words to find; types from a custom catalog get a plain story.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/app/demo_people.hpp>
#include <snag/app/demo_random.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/time.hpp>

namespace snag::demo {

struct TicketStory {
  std::string title;
  std::string description;
  std::vector<std::string> labels;
  nlohmann::json fields = nlohmann::json::object();
};

// How the problems of one type behave; unknown types get middling values.
struct TypeHabits {
  int weight = 3;                // relative frequency among new tickets
  double candidate_share = 0.8;  // share of tickets about a particular candidate
  double pending_share = 0.3;    // share that wait on someone outside the team at some point
  bool raised_by_ats = false;    // usually opened by the ATS integration rather than a person
  // Some problems go to a team other than the type's default (sanctions screening to Legal).
  std::string_view escalation_team;
  double escalation_share = 0.0;
  // Share of the candidates with such a problem who then withdraw within two weeks: an expired
  // offer link loses more of them than a missing document (the abandonment report's story).
  double withdrawal_share = 0.0;
};

TypeHabits type_habits(std::string_view type_code);

// `candidate` may be null: the story then speaks of the problem without a person.
TicketStory tell_story(DemoRandom& random, const IssueType& type, const DemoCandidate* candidate, Timestamp opened_at);

// The comment left when a ticket of this type is put on hold.
std::string_view pending_comment(DemoRandom& random, std::string_view type_code);

}  // namespace snag::demo
