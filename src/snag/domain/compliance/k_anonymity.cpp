#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <snag/domain/compliance/k_anonymity.hpp>
#include <snag/util/text.hpp>

namespace snag {
namespace {

struct LevelBand {
  std::string_view level;
  std::string_view band;
};

// The level hierarchy's middle step, as data. A level not listed here is not passed on.
constexpr std::array<LevelBand, 12> k_level_bands{{
    {"entry", "individual_contributor"},
    {"junior", "individual_contributor"},
    {"associate", "individual_contributor"},
    {"mid", "individual_contributor"},
    {"senior", "senior"},
    {"staff", "senior"},
    {"principal", "senior"},
    {"lead", "senior"},
    {"manager", "management"},
    {"director", "management"},
    {"vp", "management"},
    {"executive", "management"},
}};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_upper_or_digit(char c) { return is_upper(c) || (c >= '0' && c <= '9'); }

// ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision of 1 to 3 letters or digits:
// "US", "US-CA", "DE-BY", "GB-LND". Anything else could be whatever someone typed.
bool is_iso_geography(std::string_view text) {
  if (text.size() < 2 || !is_upper(text[0]) || !is_upper(text[1])) return false;
  if (text.size() == 2) return true;
  const auto subdivision = text.substr(3);
  return text[2] == '-' && !subdivision.empty() && subdivision.size() <= 3 &&
         std::all_of(subdivision.begin(), subdivision.end(), is_upper_or_digit);
}

// The lattice's nodes in the order they are tried: by height, and at one height the node with
// geography further generalised first (see the header).
std::vector<Generalisation> lattice_in_search_order() {
  std::vector<Generalisation> nodes;
  for (int height = 0; height <= 4; ++height) {
    for (int geography = std::min(height, 2); geography >= 0 && height - geography <= 2; --geography) {
      nodes.push_back({static_cast<GeographyStep>(geography), static_cast<LevelStep>(height - geography)});
    }
  }
  return nodes;
}

using Combination = std::pair<std::string, std::string>;  // (geography, level)

Combination combination_of(const IssueLogRow& row, Generalisation node) {
  return {generalise_geography(row.geography, node.geography), generalise_level(row.level, node.level)};
}

// True when every combination at `node` covers at least k distinct candidates.
bool is_k_anonymous(const std::vector<IssueLogRow>& rows, Generalisation node, std::size_t k) {
  std::map<Combination, std::set<std::string_view>> candidates;
  for (const auto& row : rows) candidates[combination_of(row, node)].insert(row.candidate);
  return std::all_of(candidates.begin(), candidates.end(),
                     [k](const auto& combination) { return combination.second.size() >= k; });
}

auto sort_key(const IssueLogRow& row) {
  return std::tie(row.created_day, row.resolved_day, row.issue_type, row.category, row.severity, row.status,
                  row.geography, row.level, row.candidate);
}

}  // namespace

std::string_view to_string(GeographyStep step) {
  switch (step) {
    case GeographyStep::region: return "region";
    case GeographyStep::country: return "country";
    case GeographyStep::any: break;
  }
  return "any";
}

std::string_view to_string(LevelStep step) {
  switch (step) {
    case LevelStep::exact: return "exact";
    case LevelStep::band: return "band";
    case LevelStep::any: break;
  }
  return "any";
}

std::string generalise_geography(std::string_view geography, GeographyStep step) {
  if (step == GeographyStep::any || !is_iso_geography(geography)) return std::string(k_any_value);
  if (step == GeographyStep::country) return std::string(geography.substr(0, 2));
  return std::string(geography);
}

std::string generalise_level(std::string_view level, LevelStep step) {
  const std::string known = ascii_lower(level);
  const auto band = std::find_if(k_level_bands.begin(), k_level_bands.end(),
                                 [&known](const LevelBand& entry) { return entry.level == known; });
  if (step == LevelStep::any || band == k_level_bands.end()) return std::string(k_any_value);
  return std::string(step == LevelStep::band ? band->band : band->level);
}

Result<std::size_t> check_anonymity_k(std::int64_t k) {
  if (k < 1 || k > static_cast<std::int64_t>(k_max_anonymity_k)) {
    return fail_validation({{"k", "must be a whole number from 1 to " + std::to_string(k_max_anonymity_k)}});
  }
  return static_cast<std::size_t>(k);
}

AnonymisedIssueLog anonymise_issue_log(std::vector<IssueLogRow> rows, std::size_t k) {
  AnonymisedIssueLog log;
  log.k = k;
  const auto nodes = lattice_in_search_order();
  const auto node = std::find_if(nodes.begin(), nodes.end(),
                                 [&](Generalisation candidate) { return is_k_anonymous(rows, candidate, k); });
  if (node == nodes.end()) {
    // Even the top of the lattice groups fewer than k candidates: nothing may go out.
    std::set<std::string_view> candidates;
    for (const auto& row : rows) candidates.insert(row.candidate);
    log.generalisation = nodes.back();
    log.suppressed_candidates = candidates.size();
    return log;
  }
  log.generalisation = *node;
  for (auto& row : rows) {
    std::tie(row.geography, row.level) = combination_of(row, *node);
  }
  std::sort(rows.begin(), rows.end(),
            [](const IssueLogRow& a, const IssueLogRow& b) { return sort_key(a) < sort_key(b); });
  log.rows = std::move(rows);
  return log;
}

}  // namespace snag
