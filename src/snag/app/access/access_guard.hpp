#pragma once
// Applies the access rule (domain/access/visibility.hpp) and the personal-data mask to what the
// use cases read and return. Every service that hands out tickets, comments, history or
// candidates goes through one AccessGuard, so that no path forgets either.

#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/app/ports/store.hpp>
#include <snag/domain/access/visibility.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/journal.hpp>
#include <snag/domain/pii/detector.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Thread-safe: read-only after construction.
class AccessGuard {
 public:
  AccessGuard(const Catalog& catalog, const pii::Detector& detector);

  // permission_denied unless the actor may use the permission.
  Result<void> require(const Actor& actor, std::string_view permission) const;
  // not_found (the ticket's existence is not revealed) unless the actor may see the ticket.
  Result<void> require_visible(const Actor& actor, const Ticket& ticket) const;
  bool may_see(const Actor& actor, const Ticket& ticket) const;
  bool may_read_pii(const Actor& actor) const;
  // The list conditions for the actor; permission_denied when it may not read tickets.
  Result<TicketScope> scope(const Actor& actor) const;

  // Copies as the actor may see them: personal data masked unless it holds pii:read.
  Ticket shown(const Actor& actor, Ticket ticket) const;
  Comment shown(const Actor& actor, Comment comment) const;
  HistoryItem shown(const Actor& actor, HistoryItem item) const;
  Candidate shown(const Actor& actor, Candidate candidate) const;

  // Whether the ticket holds personal data (its reads are access-logged): it names a candidate,
  // its type is above normal sensitivity, or its text has something the detector finds.
  bool holds_personal_data(const Ticket& ticket) const;

  // True when masking hid some word of `text` from the actor: a search for it must not find
  // the ticket (the index holds the unmasked text).
  bool search_hits_only_masked_text(const Actor& actor, const Ticket& ticket, std::string_view text) const;

  const pii::Detector& detector() const { return m_detector; }
  const Catalog& catalog() const { return m_catalog; }

 private:
  void mask_strings(nlohmann::json& value) const;

  const Catalog& m_catalog;
  const pii::Detector& m_detector;
};

}  // namespace snag
