// The anonymised issue log: the hierarchies, the node the search picks on small hand-computed
// logs, suppression, and the k-anonymity property on every row of many random logs.

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include <snag/domain/compliance/candidate_pseudonyms.hpp>
#include <snag/domain/compliance/k_anonymity.hpp>

namespace snag {
namespace k_anonymity_test {

IssueLogRow row(std::string candidate, std::string geography, std::string level,
                std::string type = "document_missing") {
  return {.candidate = std::move(candidate),
          .issue_type = type,
          .category = "documents",
          .severity = "sev3",
          .status = "open",
          .created_day = "2026-11-23",
          .resolved_day = "",
          .geography = std::move(geography),
          .level = std::move(level)};
}

std::vector<std::pair<std::string, std::string>> combinations(const AnonymisedIssueLog& log) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& generalised : log.rows)
    out.emplace_back(generalised.candidate + " " + generalised.geography, generalised.level);
  return out;
}

TEST(KAnonymity, GeographyGoesFromRegionToCountryToAny) {
  EXPECT_EQ(generalise_geography("US-CA", GeographyStep::region), "US-CA");
  EXPECT_EQ(generalise_geography("US-CA", GeographyStep::country), "US");
  EXPECT_EQ(generalise_geography("US-CA", GeographyStep::any), "*");
  EXPECT_EQ(generalise_geography("GB-LND", GeographyStep::country), "GB");
  EXPECT_EQ(generalise_geography("DE", GeographyStep::region), "DE");
  // Missing, or not shaped like ISO 3166: whatever was typed never goes out.
  EXPECT_EQ(generalise_geography("", GeographyStep::region), "*");
  EXPECT_EQ(generalise_geography("usa", GeographyStep::region), "*");
  EXPECT_EQ(generalise_geography("US-CALIFORNIA", GeographyStep::region), "*");
  EXPECT_EQ(generalise_geography("Near Jane's house", GeographyStep::country), "*");
}

TEST(KAnonymity, LevelGoesFromExactToBandToAny) {
  EXPECT_EQ(generalise_level("Senior", LevelStep::exact), "senior");
  EXPECT_EQ(generalise_level("staff", LevelStep::band), "senior");
  EXPECT_EQ(generalise_level("mid", LevelStep::band), "individual_contributor");
  EXPECT_EQ(generalise_level("VP", LevelStep::band), "management");
  EXPECT_EQ(generalise_level("director", LevelStep::any), "*");
  EXPECT_EQ(generalise_level("", LevelStep::exact), "*");
  EXPECT_EQ(generalise_level("Chief Happiness Officer", LevelStep::exact), "*");
}

TEST(KAnonymity, KMustBeFromOneToTheMaximum) {
  EXPECT_EQ(check_anonymity_k(5).value(), 5u);
  EXPECT_EQ(check_anonymity_k(1).value(), 1u);
  for (const std::int64_t bad : {std::int64_t{0}, std::int64_t{-3}, std::int64_t{1001}}) {
    const auto checked = check_anonymity_k(bad);
    ASSERT_FALSE(checked) << bad;
    ASSERT_EQ(checked.error().fields.size(), 1u);
    EXPECT_EQ(checked.error().fields[0].field, "k");
  }
}

TEST(KAnonymity, PicksTheLowestNodeWhereEveryCombinationCoversK) {
  // k = 2. Every node of height 0 and 1 leaves b alone ("US-NY"/"staff" in every spelling), and
  // so does (any, exact); (country, band) puts a, b, c in (US, senior) and d, e in
  // (DE, individual_contributor).
  auto log = anonymise_issue_log(
      {row("a", "US-CA", "senior"), row("a", "US-CA", "senior", "offer_link_expired"), row("b", "US-NY", "staff"),
       row("c", "US-CA", "senior"), row("d", "DE-BY", "junior"), row("e", "DE-BE", "mid")},
      2);
  EXPECT_EQ(log.generalisation, (Generalisation{GeographyStep::country, LevelStep::band}));
  EXPECT_EQ(log.k, 2u);
  EXPECT_EQ(log.suppressed_candidates, 0u);
  std::multiset<std::pair<std::string, std::string>> got;
  for (const auto& [who, level] : combinations(log)) got.emplace(who, level);
  const std::multiset<std::pair<std::string, std::string>> expected{{"a US", "senior"},
                                                                    {"a US", "senior"},
                                                                    {"b US", "senior"},
                                                                    {"c US", "senior"},
                                                                    {"d DE", "individual_contributor"},
                                                                    {"e DE", "individual_contributor"}};
  EXPECT_EQ(got, expected);
}

TEST(KAnonymity, AtOneHeightGeographyIsGeneralisedBeforeLevel) {
  // Both (country, exact) and (region, band) hold; the level is kept exact.
  const auto log = anonymise_issue_log({row("a", "US-CA", "senior"), row("b", "US-NY", "senior"),
                                        row("c", "US-CA", "staff"), row("d", "US-NY", "staff")},
                                       2);
  EXPECT_EQ(log.generalisation, (Generalisation{GeographyStep::country, LevelStep::exact}));
  ASSERT_EQ(log.rows.size(), 4u);
  for (const auto& generalised : log.rows) EXPECT_EQ(generalised.geography, "US");
}

TEST(KAnonymity, KOfOneKeepsEverythingExactAndUnknownsReadAsAny) {
  const auto log = anonymise_issue_log({row("a", "US-CA", "Senior"), row("b", "", "Chief Wizard")}, 1);
  EXPECT_EQ(log.generalisation, (Generalisation{GeographyStep::region, LevelStep::exact}));
  ASSERT_EQ(log.rows.size(), 2u);
  const auto first = std::find_if(log.rows.begin(), log.rows.end(), [](const auto& r) { return r.candidate == "a"; });
  const auto second = std::find_if(log.rows.begin(), log.rows.end(), [](const auto& r) { return r.candidate == "b"; });
  ASSERT_NE(first, log.rows.end());
  ASSERT_NE(second, log.rows.end());
  EXPECT_EQ(first->geography, "US-CA");
  EXPECT_EQ(first->level, "senior");
  EXPECT_EQ(second->geography, "*");
  EXPECT_EQ(second->level, "*");
}

TEST(KAnonymity, FewerThanKCandidatesInAllSuppressesEveryRow) {
  // Many tickets, but only three people: k counts candidates, not rows.
  std::vector<IssueLogRow> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row(std::string(1, static_cast<char>('a' + i % 3)), "US-CA", "senior"));
  const auto log = anonymise_issue_log(rows, 5);
  EXPECT_TRUE(log.rows.empty());
  EXPECT_EQ(log.suppressed_candidates, 3u);
  EXPECT_EQ(log.generalisation, (Generalisation{GeographyStep::any, LevelStep::any}));
}

TEST(KAnonymity, RowsAreSortedSoTheirOrderTellsNothing) {
  auto early = row("z", "US-CA", "senior");
  early.created_day = "2026-11-01";
  const auto log = anonymise_issue_log({row("b", "US-CA", "senior"), row("a", "US-CA", "senior"), early}, 1);
  ASSERT_EQ(log.rows.size(), 3u);
  EXPECT_EQ(log.rows[0].candidate, "z");
  EXPECT_EQ(log.rows[1].candidate, "a");
  EXPECT_EQ(log.rows[2].candidate, "b");
}

TEST(CandidatePseudonyms, OneExportOneHashPerCandidateAndAnotherExportOthers) {
  const CandidatePseudonyms first("salt of the first export");
  const CandidatePseudonyms second("salt of the second export");
  const CandidateRef candidate{"greenhouse", "4001"};
  const auto hash = first.of(candidate);
  EXPECT_TRUE(std::regex_match(hash, std::regex("[0-9a-f]{16}"))) << hash;
  EXPECT_EQ(first.of(candidate), hash);
  EXPECT_NE(second.of(candidate), hash);
  EXPECT_NE(first.of({"greenhouse", "4002"}), hash);
  EXPECT_NE(first.of({"lever", "4001"}), hash);
  EXPECT_EQ(hash.find("4001"), std::string::npos);
}

// The lattice's nodes by height, the order the search is specified to try them in.
std::vector<Generalisation> lower_nodes_than(Generalisation chosen) {
  std::vector<Generalisation> nodes;
  const int height = static_cast<int>(chosen.geography) + static_cast<int>(chosen.level);
  for (int geography = 0; geography <= 2; ++geography) {
    for (int level = 0; level <= 2; ++level) {
      if (geography + level < height) {
        nodes.push_back({static_cast<GeographyStep>(geography), static_cast<LevelStep>(level)});
      }
    }
  }
  return nodes;
}

bool covers_k(const std::vector<IssueLogRow>& rows, Generalisation node, std::size_t k) {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> candidates;
  for (const auto& r : rows) {
    candidates[{generalise_geography(r.geography, node.geography), generalise_level(r.level, node.level)}].insert(
        r.candidate);
  }
  return std::all_of(candidates.begin(), candidates.end(), [k](const auto& entry) { return entry.second.size() >= k; });
}

TEST(KAnonymity, TheKAnonymityPropertyHoldsOnEveryExportRow) {
  const std::vector<std::string> geographies{"US-CA",  "US-NY", "US-TX", "DE-BY", "DE-BE",
                                             "GB-LND", "IN-KA", "FR",    "",      "somewhere near Lyon"};
  const std::vector<std::string> levels{"entry",     "junior",    "associate",   "mid",     "senior",
                                        "staff",     "principal", "lead",        "manager", "vp",
                                        "executive", "",          "Chief Wizard"};
  const std::vector<std::string> types{"document_missing", "offer_link_expired", "background_check_delay"};
  const std::set<std::string> known_levels{"entry",
                                           "junior",
                                           "associate",
                                           "mid",
                                           "senior",
                                           "staff",
                                           "principal",
                                           "lead",
                                           "manager",
                                           "director",
                                           "vp",
                                           "executive",
                                           "individual_contributor",
                                           "management",
                                           "*"};
  const std::regex geography_shape("\\*|[A-Z]{2}(-[A-Z0-9]{1,3})?");
  const std::regex hash_shape("[0-9a-f]{16}");
  const std::regex day_shape("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  std::mt19937 random(20261130);
  const auto pick = [&random](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  std::size_t exported_rows = 0;
  for (int round = 0; round < 300; ++round) {
    const CandidatePseudonyms pseudonyms("salt " + std::to_string(round));
    const std::size_t k = std::uniform_int_distribution<std::size_t>(1, 10)(random);
    const int people = std::uniform_int_distribution<int>(0, 60)(random);
    std::vector<IssueLogRow> rows;
    for (int person = 0; person < people; ++person) {
      const std::string hash = pseudonyms.of({"greenhouse", std::to_string(person)});
      const std::string geography = pick(geographies);
      const std::string level = pick(levels);
      for (int ticket = std::uniform_int_distribution<int>(1, 3)(random); ticket > 0; --ticket) {
        auto generated = row(hash, geography, level, pick(types));
        generated.created_day = "2026-11-" + std::to_string(10 + ticket);
        rows.push_back(generated);
      }
    }
    const auto log = anonymise_issue_log(rows, k);

    std::map<std::pair<std::string, std::string>, std::set<std::string>> candidates;
    for (const auto& out : log.rows) candidates[{out.geography, out.level}].insert(out.candidate);
    for (const auto& out : log.rows) {
      EXPECT_GE((candidates[{out.geography, out.level}].size()), k) << "round " << round;
      EXPECT_TRUE(std::regex_match(out.candidate, hash_shape)) << out.candidate;
      EXPECT_TRUE(std::regex_match(out.geography, geography_shape)) << out.geography;
      EXPECT_TRUE(known_levels.contains(out.level)) << out.level;
      EXPECT_TRUE(std::regex_match(out.created_day, day_shape)) << out.created_day;
      EXPECT_TRUE(std::find(types.begin(), types.end(), out.issue_type) != types.end()) << out.issue_type;
    }
    // Nothing is dropped unless everything must be, and the node is the lowest that holds.
    std::set<std::string> everyone;
    for (const auto& in : rows) everyone.insert(in.candidate);
    if (everyone.size() >= k) {
      EXPECT_EQ(log.rows.size(), rows.size()) << "round " << round;
      EXPECT_EQ(log.suppressed_candidates, 0u);
      for (const auto lower : lower_nodes_than(log.generalisation)) EXPECT_FALSE(covers_k(rows, lower, k)) << round;
    } else {
      EXPECT_TRUE(log.rows.empty());
      EXPECT_EQ(log.suppressed_candidates, everyone.size());
    }
    exported_rows += log.rows.size();
  }
  EXPECT_GT(exported_rows, 1000u) << "the random logs exercise the property";
}

}  // namespace k_anonymity_test
}  // namespace snag
