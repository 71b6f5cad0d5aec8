#include <algorithm>
#include <map>
#include <set>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/domain/outbound/outbound_event.hpp>
#include <snag/integrations/outbound/outbox_filler.hpp>

namespace snag {

namespace {

// The journal entries after `from` that form whole events: a page may end inside an event, whose
// entries are then left for the next page. An event longer than a page is read whole by
// reading a longer page.
Result<std::vector<JournalEntry>> whole_events_after(Store& store, std::int64_t from, std::size_t page_size) {
  std::size_t limit = std::max<std::size_t>(page_size, 1);
  while (true) {
    auto page = store.journal_after(from, limit);
    if (!page) return tl::unexpected(std::move(page.error()));
    // A short page holds everything committed so far, and an event's entries commit together.
    if (page->size() < limit) return std::move(*page);
    const std::int64_t last_event = page->back().event;
    const auto cut = std::find_if(page->begin(), page->end(),
                                  [last_event](const JournalEntry& entry) { return entry.event == last_event; });
    if (cut != page->begin()) {
      page->erase(cut, page->end());
      return std::move(*page);
    }
    limit *= 2;
  }
}

const Workflow* workflow_of(const Catalog& catalog, const Ticket& ticket) {
  const IssueType* type = catalog.find_issue_type(ticket.type);
  return type ? &catalog.workflow_for(*type) : nullptr;
}

}  // namespace

OutboxFiller::OutboxFiller(Store& store, const Catalog& catalog, const Clock& clock, OutboxFillerOptions options)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_options(options) {}

Result<FillReport> OutboxFiller::fill() {
  FillReport report;
  while (true) {
    auto filled = fill_page(report);
    if (!filled) return tl::unexpected(std::move(filled.error()));
    if (!*filled) return report;
  }
}

Result<bool> OutboxFiller::fill_page(FillReport& report) {
  auto position = m_store.outbox_journal_position();
  if (!position) return tl::unexpected(std::move(position.error()));
  if (!*position) return false;
  const std::int64_t from = **position;
  auto entries = whole_events_after(m_store, from, m_options.page_size);
  if (!entries) return tl::unexpected(std::move(entries.error()));
  if (entries->empty()) return false;
  const std::int64_t to = entries->back().seq;
  const std::vector<TicketChange> changes = group_ticket_changes(*entries);

  // Each ticket read once per page, outside the write so that the writer never waits on it.
  std::map<std::int64_t, std::optional<Ticket>> tickets;
  for (const auto& change : changes) {
    if (tickets.contains(change.ticket.value)) continue;
    auto ticket = m_store.find_ticket(change.ticket);
    if (!ticket) return tl::unexpected(std::move(ticket.error()));
    tickets.emplace(change.ticket.value, std::move(*ticket));
  }

  const Timestamp now = m_clock.now();
  std::int64_t queued = 0;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    queued = 0;
    // Read in the write, so that a subscription deleted or disabled meanwhile gets nothing.
    auto subscriptions = tx.enabled_subscriptions();
    if (!subscriptions) return tl::unexpected(std::move(subscriptions.error()));
    std::vector<std::set<std::string>> allowlists;
    for (const auto& subscription : *subscriptions) {
      allowlists.emplace_back(subscription.field_allowlist.begin(), subscription.field_allowlist.end());
    }
    for (const auto& change : changes) {
      const std::optional<Ticket>& ticket = tickets.at(change.ticket.value);
      if (!ticket) continue;  // tickets are never deleted; a change without one has nothing to say
      // A synthetic probe's ticket (domain/ats/synthetic_probe.hpp) is Snag's own test: no one
      // outside hears of it.
      if (ticket->candidate && ticket->candidate->ats == k_synthetic_ats) continue;
      const std::string_view event_type = outbound_event_type(change, workflow_of(m_catalog, *ticket));
      const std::vector<std::string> changed = changed_paths(change.changes);
      for (std::size_t i = 0; i < subscriptions->size(); ++i) {
        const Subscription& subscription = (*subscriptions)[i];
        if (change.at < subscription.created_at) continue;
        const auto message_type = event_for_subscription(event_type, subscription);
        if (!message_type) continue;
        NewOutboxMessage message;
        message.subscription = subscription.id;
        message.event_type = std::string(*message_type);
        message.message_id = outbound_message_id(change.seq, subscription.id);
        message.payload = webhook_payload(*message_type, change.at, *ticket, changed, allowlists[i]);
        message.created_at = now;
        if (auto inserted = tx.insert_outbox_message(message); !inserted) {
          return tl::unexpected(std::move(inserted.error()));
        }
        ++queued;
      }
    }
    return tx.advance_outbox_journal_position(from, to);
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  report.changes += static_cast<std::int64_t>(changes.size());
  report.messages += queued;
  return true;
}

}  // namespace snag
