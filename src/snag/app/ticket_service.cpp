#include <snag/app/ticket_service.hpp>

#include <memory>

#include <snag/app/ticket_writes.hpp>

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

// The geography of the candidate a ticket is (or will be) about, which may choose its SLA
// calendar; none without a candidate or a known profile.
Result<std::optional<std::string>> candidate_geography(WriteTransaction& tx, const std::optional<CandidateRef>& ref) {
  if (!ref) return std::optional<std::string>{};
  auto candidate = tx.find_candidate(*ref);
  if (!candidate) return tl::unexpected(std::move(candidate.error()));
  if (!*candidate) return std::optional<std::string>{};
  return (*candidate)->profile.geography;
}

// edit_ticket with the geography of the candidate the edit sets, looked up only then.
Result<Ticket> apply_edit(WriteTransaction& tx, const Catalog& catalog, const Ticket& before, const TicketEdit& edit,
                          Timestamp now) {
  std::optional<std::string> geography;
  if (edit.candidate && *edit.candidate != before.candidate) {
    auto found = candidate_geography(tx, *edit.candidate);
    if (!found) return tl::unexpected(std::move(found.error()));
    geography = std::move(*found);
  }
  return edit_ticket(catalog, before, edit, now, geography);
}

Result<void> check_comment(std::string_view body) {
  if (body.size() > k_max_comment_length) {
    return fail_validation({{"body", "must be at most " + std::to_string(k_max_comment_length) + " bytes"}});
  }
  return {};
}

}  // namespace

TicketService::TicketService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access,
                             AccessRecorder& recorder, const TicketRouter& router)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access), m_recorder(recorder), m_router(router) {}

Result<CreatedTicket> TicketService::create(const Actor& actor, const TicketDraft& draft,
                                            const std::optional<IdempotencyKey>& idempotency) {
  return write_now(m_store, prepare_create(actor, draft, idempotency));
}

Result<DeferredWrite<CreatedTicket>> TicketService::prepare_create(const Actor& actor, const TicketDraft& draft,
                                                                   const std::optional<IdempotencyKey>& idempotency) {
  if (auto allowed = m_access.require(actor, permission::tickets_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  // Read before the write, for the SLA calendar and the routing rules, so that the one writer
  // does not wait for it; nor does the read wait for the commits it sees to be durable.
  CandidateLookup candidate;
  if (draft.candidate) {
    const ReadsForAWrite feeds_the_write;
    auto found = m_store.find_candidate(*draft.candidate);
    if (!found) return tl::unexpected(std::move(found.error()));
    candidate = std::move(*found);
  }
  const auto geography = candidate && *candidate ? (*candidate)->profile.geography : std::nullopt;
  auto opened = open_ticket(m_catalog, draft, actor, now, geography);
  if (!opened) return tl::unexpected(std::move(opened.error()));

  // Filled by the work, read by finish: the two halves may run on different threads, one
  // after the other.
  auto created = std::make_shared<CreatedTicket>();
  DeferredWrite<CreatedTicket> deferred;
  deferred.work = [this, actor, idempotency, opened = std::move(*opened), now, candidate = std::move(candidate),
                   created](WriteTransaction& tx) -> Result<void> {
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
        *created = CreatedTicket{std::move(**first), true};
        return {};
      }
    }
    auto inserted = insert_opened_ticket(tx, m_router, actor, opened, now, {}, candidate);
    if (!inserted) return tl::unexpected(std::move(inserted.error()));
    if (idempotency) {
      auto saved = tx.save_idempotency(actor.credential, idempotency->key,
                                       IdempotencyRecord{idempotency->fingerprint, inserted->id}, now);
      if (!saved) return saved;
    }
    *created = CreatedTicket{std::move(*inserted), false};
    return {};
  };
  deferred.finish = [this, actor, created](Result<void> committed) -> Result<CreatedTicket> {
    if (!committed) return tl::unexpected(std::move(committed.error()));
    // The creator sees what it wrote, masked as any reply to it is; a replayed creation of a
    // ticket it may no longer see is not shown.
    if (created->replayed && !m_access.may_see(actor, created->ticket)) return ticket_not_found(created->ticket.id);
    created->ticket = m_access.shown(actor, std::move(created->ticket));
    return std::move(*created);
  };
  return deferred;
}

Result<Ticket> TicketService::visible_ticket(const Actor& actor, TicketId id) {
  auto found = m_store.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return ticket_not_found(id);
  if (auto visible = m_access.require_visible(actor, **found); !visible) return tl::unexpected(visible.error());
  return std::move(**found);
}

Result<Ticket> TicketService::get(const Actor& actor, TicketId id) {
  auto ticket = visible_ticket(actor, id);
  if (!ticket) return ticket;
  if (m_access.holds_personal_data(*ticket)) {
    m_recorder.viewed(access_entry(actor, AccessAction::view, m_clock.now(), *ticket));
  }
  return m_access.shown(actor, std::move(*ticket));
}

template <class Change>
Result<Ticket> TicketService::change_in(WriteTransaction& tx, const Actor& actor, TicketId id,
                                        std::string_view permission, Change&& change) {
  auto found = tx.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return ticket_not_found(id);
  const Ticket& before = **found;
  if (auto visible = m_access.require_visible(actor, before); !visible) return tl::unexpected(visible.error());
  if (auto allowed = m_access.require(actor, permission); !allowed) return tl::unexpected(allowed.error());
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
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, *after)}); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return after;
}

Result<Ticket> TicketService::edit(const Actor& actor, TicketId id, const TicketEdit& edit,
                                   std::int64_t expected_version) {
  Result<Ticket> outcome = ticket_not_found(id);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    outcome = change_in(tx, actor, id, permission::tickets_write,
                        [&](const Ticket& before, Timestamp now, std::string& action,
                            std::vector<FieldChange>&) -> Result<Ticket> {
                          if (auto current = check_version(before, expected_version); !current) {
                            return tl::unexpected(std::move(current.error()));
                          }
                          action = "update";
                          return apply_edit(tx, m_catalog, before, edit, now);
                        });
    if (!outcome) return tl::unexpected(outcome.error());
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return m_access.shown(actor, std::move(*outcome));
}

Result<Ticket> TicketService::transition(const Actor& actor, TicketId id, std::string_view to,
                                         std::string_view comment, std::optional<std::int64_t> expected_version) {
  if (auto valid = check_comment(comment); !valid) return tl::unexpected(std::move(valid.error()));
  Result<Ticket> outcome = ticket_not_found(id);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    outcome = change_in(tx, actor, id, permission::tickets_transition,
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
  return m_access.shown(actor, std::move(*outcome));
}

Result<std::vector<std::string>> TicketService::allowed_transitions(const Actor& actor, TicketId id) {
  auto ticket = visible_ticket(actor, id);
  if (!ticket) return tl::unexpected(std::move(ticket.error()));
  if (!m_access.require(actor, permission::tickets_transition)) return std::vector<std::string>{};
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
    if (auto visible = m_access.require_visible(actor, **found); !visible) return visible;
    if (auto allowed = m_access.require(actor, permission::tickets_write); !allowed) return allowed;
    outcome = tx.insert_comment(id, actor.name, body, now);
    if (!outcome) return tl::unexpected(outcome.error());
    if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, **found)}); !logged) {
      return logged;
    }
    return tx.append_journal(id, now, actor.name, "comment", {{"comment", nullptr, std::string(body)}});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return m_access.shown(actor, std::move(*outcome));
}

Result<TicketPage> TicketService::list(const Actor& actor, TicketQuery query) {
  return read_page(actor, std::move(query), true);
}

Result<TicketPage> TicketService::list_for_export(const Actor& actor, TicketQuery query) {
  return read_page(actor, std::move(query), false);
}

Result<TicketPage> TicketService::read_page(const Actor& actor, TicketQuery query, bool record_views) {
  auto scope = m_access.scope(actor);
  if (!scope) return tl::unexpected(std::move(scope.error()));
  query.scope = std::move(*scope);
  resolve_me(query, actor.name);
  auto page = m_store.list_tickets(query);
  if (!page) return page;
  const Timestamp now = m_clock.now();
  std::vector<Ticket> shown;
  std::vector<AccessEntry> views;
  shown.reserve(page->items.size());
  for (auto& ticket : page->items) {
    if (query.text && m_access.search_hits_only_masked_text(actor, ticket, *query.text)) continue;
    if (record_views && m_access.holds_personal_data(ticket)) {
      views.push_back(access_entry(actor, AccessAction::view, now, ticket));
    }
    shown.push_back(m_access.shown(actor, std::move(ticket)));
  }
  m_recorder.viewed(std::move(views));
  page->items = std::move(shown);
  return page;
}

Result<std::vector<HistoryItem>> TicketService::history(const Actor& actor, TicketId id) {
  auto ticket = visible_ticket(actor, id);
  if (!ticket) return tl::unexpected(std::move(ticket.error()));
  auto entries = m_store.ticket_journal(id);
  if (!entries) return tl::unexpected(std::move(entries.error()));
  if (m_access.holds_personal_data(*ticket)) {
    m_recorder.viewed(access_entry(actor, AccessAction::view, m_clock.now(), *ticket));
  }
  auto items = group_history(*entries);
  for (auto& item : items) item = m_access.shown(actor, std::move(item));
  return items;
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
      const auto permission = request.edit ? permission::tickets_write : permission::tickets_transition;
      auto outcome = change_in(tx, actor, *id, permission,
                               [&](const Ticket& before, Timestamp now, std::string& action,
                                   std::vector<FieldChange>&) -> Result<Ticket> {
                                 if (request.edit) {
                                   action = "update";
                                   return apply_edit(tx, m_catalog, before, *request.edit, now);
                                 }
                                 action = "transition";
                                 return transition_ticket(m_catalog, before, *request.transition, now);
                               });
      if (!outcome && is_store_failure(outcome.error())) return tl::unexpected(outcome.error());
      if (outcome) outcome = m_access.shown(actor, std::move(*outcome));
      outcomes.push_back({key, std::move(outcome)});
    }
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcomes;
}

}  // namespace snag
