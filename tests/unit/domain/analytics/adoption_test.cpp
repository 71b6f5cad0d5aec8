// Adoption per person and team over hand-counted weeks, and which teams are flagged.

#include <gtest/gtest.h>

#include <snag/domain/analytics/adoption.hpp>

namespace snag {
namespace adoption_test {

const std::vector<TeamMember> k_members{
    {"rita", "recruitment"}, {"sam", "recruitment"}, {"hana", "hris"}, {"ivan", "it_support"}, {"ines", "it_support"}};

TEST(Adoption, CountsEachPersonsWeeksAndEachTeamsRate) {
  const std::vector<WeekCount> counts{
      {"rita", 0, 3},        {"rita", 1, 5},  {"sam", 1, 4},  // recruitment: 12 over 2 people × 2 weeks = 3
      {"hana", 0, 2},        {"hana", 1, 2},                  // hris: 4 over 1 × 2 = 2
      {"ivan", 1, 1},                                         // it_support: 1 over 2 × 2 = 0.25
      {"snag:rules", 0, 40},                                  // not a person
      {"rita", 2, 9},        {"rita", -1, 9},                 // outside the weeks
  };
  const Adoption adoption = measure_adoption(k_members, counts, 2);
  ASSERT_EQ(adoption.people.size(), 5u);
  EXPECT_EQ(adoption.people[0].person, "hana");
  EXPECT_EQ(adoption.people[0].weekly, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(adoption.people[1].person, "ines");  // opened nothing: listed with zeros
  EXPECT_EQ(adoption.people[1].weekly, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(adoption.people[3].person, "rita");
  EXPECT_EQ(adoption.people[3].weekly, (std::vector<std::int64_t>{3, 5}));
  EXPECT_EQ(adoption.people[3].tickets, 8);

  ASSERT_EQ(adoption.teams.size(), 3u);
  EXPECT_EQ(adoption.teams[0].team, "hris");
  EXPECT_DOUBLE_EQ(adoption.teams[0].per_member_per_week, 2.0);
  EXPECT_EQ(adoption.teams[1].team, "it_support");
  EXPECT_EQ(adoption.teams[1].members, 2);
  EXPECT_EQ(adoption.teams[1].tickets, 1);
  EXPECT_DOUBLE_EQ(adoption.teams[1].per_member_per_week, 0.25);
  EXPECT_EQ(adoption.teams[2].tickets, 12);
  EXPECT_DOUBLE_EQ(adoption.teams[2].per_member_per_week, 3.0);
  // The median of 0.25, 2 and 3 is 2: below 1 needs training.
  EXPECT_DOUBLE_EQ(adoption.median_per_member_per_week, 2.0);
  EXPECT_FALSE(adoption.teams[0].needs_training);
  EXPECT_TRUE(adoption.teams[1].needs_training);
  EXPECT_FALSE(adoption.teams[2].needs_training);
}

TEST(Adoption, NobodyIsFlaggedWhenNobodyReports) {
  const Adoption adoption = measure_adoption(k_members, {}, 4);
  EXPECT_DOUBLE_EQ(adoption.median_per_member_per_week, 0.0);
  for (const auto& team : adoption.teams) EXPECT_FALSE(team.needs_training) << team.team;
  EXPECT_TRUE(measure_adoption({}, {}, 4).teams.empty());
}

TEST(Adoption, TheMedianOfAnEvenNumberOfTeamsIsTheMeanOfTheMiddleTwo) {
  const std::vector<TeamMember> members{{"a", "one"}, {"b", "two"}};
  const std::vector<WeekCount> counts{{"a", 0, 10}, {"b", 0, 2}};
  const Adoption adoption = measure_adoption(members, counts, 1);
  EXPECT_DOUBLE_EQ(adoption.median_per_member_per_week, 6.0);
  EXPECT_FALSE(adoption.teams[0].needs_training);  // one: 10
  EXPECT_TRUE(adoption.teams[1].needs_training);   // two: 2 < 3
}

}  // namespace adoption_test
}  // namespace snag
