#include <snag/app/ticket_service.hpp>

namespace snag {

namespace {

tl::unexpected<Error> ticket_not_found(TicketId id) {
  return fail(ErrorCode::not_found, "Ticket " + ticket_key(id) + " does not exist");
}

// Errors of the store itself end a whole unit of work; errors about one ticket do not.
bool is_store_failure(const Error& error) {
  return error.code == ErrorCode::unavailable || error.code == ErrorCode::internal;
}

Result<void> check_version(const Ticket& ticket, std::optional<std::int64_t> expected_version) {
  if (expected_version && *expected_version != ticket.version) {
    return fail(ErrorCode::precondition_failed, "Ticket " + ticket_key(ticket.id) + " is at version " +
                                                    std::to_string(ticket.version) + ", not " +
                                                    std::to_string(*expected_version) + "; fetch it again");
  }
  return {};
}

Result<void> check_comment(std::string_view body) {
  if (body.size() > k_max_comment_length) {
    return fail_validation({{"body", "must be at most " + std::to_string(k_max_comment_length) + " bytes"}});
  }
  return {};
}

}  // namespace

TicketService::TicketService(Store& store, const Catalog& catalog, const Clock& clock)
    : m_store(store), m_catalog(catalog), m_clock(clock) {}

Result<CreatedTicket> TicketService::create(const Actor& actor, const TicketDraft& draft,
                                            const std::optional<IdempotencyKey>& idempotency) {
  const Timestamp now = m_clock.now();
  auto opened = open_ticket(m_catalog, draft, actor, now);
  if (!opened) return tl::unexpected(std::move(opened.error()));

  CreatedTicket created;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (idempotency) {
      auto earlier = tx.find_idempotency(actor.credential, idempotency->key);
      if (!earlier) return tl::unexpected(std::move(earlier.error()));
      if (*earlier) {
        if ((*earlier)->fingerprint != idempotency->fingerprint) {
          return fail_validation({{"Idempotency-Key", "was already used with a different request body"}});
        }
        auto first = tx.find_ticket((*earlier)->ticket);
        if (!first) return tl::unexpected(std::move(first.error()));
        if (!*first) return ticket_not_found((*earlier)->ticket);
        created = CreatedTicket{std::move(**first), true};
        return {};
      }
    }
    Ticket ticket = *opened;
    auto id = tx.insert_ticket(ticket);
    if (!id) return tl::unexpected(std::move(id.error()));
    ticket.id = *id;
    if (auto journaled = tx.append_journal(ticket.id, now, actor.name, "create", creation_journal(ticket)); !journaled) {
      return journaled;
    }
    if (idempotency) {
      auto saved = tx.save_idempotency(actor.credential, idempotency->key,
                                       IdempotencyRecord{idempotency->fingerprint, ticket.id}, now);
      if (!saved) return saved;
    }
    created = CreatedTicket{std::move(ticket), false};
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return created;
}

Result<Ticket> TicketService::get(const Actor&, TicketId id) {
  auto found = m_store.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return ticket_not_found(id);
  return std::move(**found);
}

template <class Change>
Result<Ticket> TicketService::change_in(WriteTransaction& tx, const Actor& actor, TicketId id, Change&& change) {
  auto found = tx.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return ticket_not_found(id);
  const Ticket& before = **found;
  const Timestamp now = m_clock.now();

  std::string action;
  std::vector<FieldChange> extra_changes;
  auto after = change(before, now, action, extra_changes);
  if (!after) return after;
  if (after->version == before.version) return after;  // nothing changed: nothing to write

  if (auto updated = tx.update_ticket(*after); !updated) return tl::unexpected(std::move(updated.error()));
  auto changes = diff_tickets(before, *after);
  changes.insert(changes.end(), extra_changes.begin(), extra_changes.end());
  if (auto journaled = tx.append_journal(id, now, actor.name, action, changes); !journaled) {
    return tl::unexpected(std::move(journaled.error()));
  }
  return after;
}

Result<Ticket> TicketService::edit(const Actor& actor, TicketId id, const TicketEdit& edit,
                                   std::int64_t expected_version) {
  Result<Ticket> outcome = ticket_not_found(id);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    outcome = change_in(tx, actor, id,
                        [&](const Ticket& before, Timestamp now, std::string& action,
                            std::vector<FieldChange>&) -> Result<Ticket> {
                          if (auto current = check_version(before, expected_version); !current) {
                            return tl::unexpected(std::move(current.error()));
                          }
                          action = "update";
                          return edit_ticket(m_catalog, before, edit, now);
                        });
    if (!outcome) return tl::unexpected(outcome.error());
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcome;
}

Result<Ticket> TicketService::transition(const Actor& actor, TicketId id, std::string_view to,
                                         std::string_view comment, std::optional<std::int64_t> expected_version) {
  if (auto valid = check_comment(comment); !valid) return tl::unexpected(std::move(valid.error()));
  Result<Ticket> outcome = ticket_not_found(id);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    outcome = change_in(tx, actor, id,
                        [&](const Ticket& before, Timestamp now, std::string& action,
                            std::vector<FieldChange>& extra_changes) -> Result<Ticket> {
                          if (auto current = check_version(before, expected_version); !current) {
                            return tl::unexpected(std::move(current.error()));
                          }
                          action = "transition";
                          auto after = transition_ticket(m_catalog, before, to, now);
                          if (after && !comment.empty()) {
                            auto stored = tx.insert_comment(id, actor.name, comment, now);
                            if (!stored) return tl::unexpected(std::move(stored.error()));
                            extra_changes.push_back({"comment", nullptr, std::string(comment)});
                          }
                          return after;
                        });
    if (!outcome) return tl::unexpected(outcome.error());
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcome;
}

Result<std::vector<std::string>> TicketService::allowed_transitions(const Actor& actor, TicketId id) {
  auto ticket = get(actor, id);
  if (!ticket) return tl::unexpected(std::move(ticket.error()));
  return snag::allowed_transitions(m_catalog, *ticket);
}

Result<Comment> TicketService::add_comment(const Actor& actor, TicketId id, std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return fail_validation({{"body", "must not be empty"}});
  }
  if (auto valid = check_comment(body); !valid) return tl::unexpected(std::move(valid.error()));
  const Timestamp now = m_clock.now();
  Result<Comment> outcome = ticket_not_found(id);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_ticket(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    if (!*found) return ticket_not_found(id);
    outcome = tx.insert_comment(id, actor.name, body, now);
    if (!outcome) return tl::unexpected(outcome.error());
    return tx.append_journal(id, now, actor.name, "comment", {{"comment", nullptr, std::string(body)}});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcome;
}

Result<TicketPage> TicketService::list(const Actor&, const TicketQuery& query) { return m_store.list_tickets(query); }

Result<std::vector<HistoryItem>> TicketService::history(const Actor& actor, TicketId id) {
  if (auto ticket = get(actor, id); !ticket) return tl::unexpected(std::move(ticket.error()));
  auto entries = m_store.ticket_journal(id);
  if (!entries) return tl::unexpected(std::move(entries.error()));
  return group_history(*entries);
}

Result<std::vector<BulkOutcome>> TicketService::bulk(const Actor& actor, const BulkRequest& request) {
  std::vector<FieldError> errors;
  if (request.keys.empty() || request.keys.size() > k_max_bulk_keys) {
    errors.push_back({"keys", "must list 1 to " + std::to_string(k_max_bulk_keys) + " ticket keys"});
  }
  if (request.edit.has_value() == request.transition.has_value()) {
    errors.push_back({"set", "give exactly one of set and transition"});
  } else if (request.edit && request.edit->empty()) {
    errors.push_back({"set", "must change at least one field"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  std::vector<BulkOutcome> outcomes;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    outcomes.clear();
    for (const auto& key : request.keys) {
      const auto id = parse_ticket_key(key);
      if (!id) {
        outcomes.push_back({key, fail(ErrorCode::not_found, "'" + key + "' is not a ticket key")});
        continue;
      }
      auto outcome = change_in(tx, actor, *id,
                               [&](const Ticket& before, Timestamp now, std::string& action,
                                   std::vector<FieldChange>&) -> Result<Ticket> {
                                 if (request.edit) {
                                   action = "update";
                                   return edit_ticket(m_catalog, before, *request.edit, now);
                                 }
                                 action = "transition";
                                 return transition_ticket(m_catalog, before, *request.transition, now);
                               });
      if (!outcome && is_store_failure(outcome.error())) return tl::unexpected(outcome.error());
      outcomes.push_back({key, std::move(outcome)});
    }
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcomes;
}

}  // namespace snag
