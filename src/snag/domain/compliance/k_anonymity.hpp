#pragma once
// The anonymised issue log for ATS vendors: tickets as rows that name no one, generalised until
// every (geography, level) combination covers at least k distinct candidates (k-anonymity).
//
// The quasi-identifiers are the candidate's geography and level; everything else in a row is a
// code from the catalog (issue type, category, severity, status) or a day. Each has a
// generalisation hierarchy, as data:
//
//   geography  region "US-CA"  ->  country "US"  ->  any "*"
//   level      exact "senior"  ->  band "senior"  ->  any "*"
//
// with the bands individual_contributor (entry, junior, associate, mid), senior (senior, staff,
// principal, lead) and management (manager, director, vp, executive). A value outside the
// vocabulary (a level the table does not know, a geography not shaped like ISO 3166 "US" or
// "US-CA") reads as "*" from the start: what the ATS typed into such a field could be free text.
//
// The search is Samarati's full-domain generalisation: every row is generalised to the same
// node (geography step, level step) of the 3x3 lattice. The nodes are tried by height (the sum of
// the steps), lowest first, and the first at which each combination covers k distinct candidates
// wins. Because a combination only ever merges with others as a step rises, a node that holds
// stays held above it, so the first hit has the least height. Among nodes of one height the one
// that generalises geography further comes first: the level says more about the hiring process
// a vendor wants to improve than the region does. If even ("*", "*") covers fewer than k
// candidates, the log has no rows at all and says how many candidates it suppressed.
//
// Pure: no I/O, no clock, no randomness (pseudonyms are made from a salt the caller gives).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

inline constexpr std::size_t k_default_anonymity_k = 5;
inline constexpr std::size_t k_max_anonymity_k = 1000;

// The value every hierarchy ends in.
inline constexpr std::string_view k_any_value = "*";

enum class GeographyStep { region, country, any };
enum class LevelStep { exact, band, any };

std::string_view to_string(GeographyStep step);  // "region", "country", "any"
std::string_view to_string(LevelStep step);      // "exact", "band", "any"

struct Generalisation {
  GeographyStep geography = GeographyStep::region;
  LevelStep level = LevelStep::exact;
  friend bool operator==(const Generalisation&, const Generalisation&) = default;
};

// "US-CA" at region is "US-CA", at country "US", at any "*". Empty or not ISO-shaped: "*".
std::string generalise_geography(std::string_view geography, GeographyStep step);
// "Senior" at exact is "senior", at band "senior", at any "*". Empty or unknown: "*".
std::string generalise_level(std::string_view level, LevelStep step);

// One ticket. Only the candidate's equality matters here: the caller puts a pseudonym in it.
struct IssueLogRow {
  std::string candidate;
  std::string issue_type;
  std::string category;
  std::string severity;
  std::string status;
  std::string created_day;   // 2026-11-28 (UTC)
  std::string resolved_day;  // empty while unresolved
  std::string geography;     // as the profile holds it; empty when unknown
  std::string level;         // likewise
  friend bool operator==(const IssueLogRow&, const IssueLogRow&) = default;
};

// validation_failed naming `k` unless 1 <= k <= k_max_anonymity_k.
Result<std::size_t> check_anonymity_k(std::int64_t k);

struct AnonymisedIssueLog {
  std::size_t k = k_default_anonymity_k;
  Generalisation generalisation;          // the node used; ("any", "any") when everything was suppressed
  std::vector<IssueLogRow> rows;          // generalised, sorted by every field so the order tells nothing
  std::size_t suppressed_candidates = 0;  // all of them, when fewer than k exist; else 0
};

// REQUIRES: 1 <= k (check_anonymity_k).
AnonymisedIssueLog anonymise_issue_log(std::vector<IssueLogRow> rows, std::size_t k);

}  // namespace snag
