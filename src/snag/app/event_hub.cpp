#include <algorithm>
#include <iterator>
#include <map>

#include <snag/app/event_hub.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

namespace {

// Turns entries, fed in seq order, into one TicketEvent per event number. Reading in pages may
// cut an event in two; the hub only flushes the last group once a read came back short, when
// every entry committed so far is in hand and so the group is whole (an event's entries commit
// together).
class EventGrouper {
 public:
  template <class Emit>
  void add(const JournalEntry& entry, Emit&& emit) {
    if (m_open && m_event != entry.event) flush(emit);
    if (!m_open) {
      m_current = TicketEvent{};
      m_current.ticket = entry.ticket;
      m_current.action = entry.action;
      m_current.actor = entry.actor;
      m_current.at = entry.at;
      m_event = entry.event;
      m_open = true;
    }
    m_current.seq = entry.seq;
    // Names only: the values may hold personal data (event_hub.hpp).
    if (entry.field == k_snapshot_field) {
      for (auto& change : expand_snapshot({entry.field, entry.old_value, entry.new_value})) {
        m_current.fields.push_back(std::move(change.field));
      }
    } else {
      m_current.fields.push_back(entry.field);
    }
  }

  template <class Emit>
  void flush(Emit&& emit) {
    if (!m_open) return;
    m_open = false;
    emit(std::move(m_current));
  }

 private:
  // (A std::optional here makes g++ 12 warn of an uninitialised vector at -O2.)
  TicketEvent m_current;
  bool m_open = false;
  std::int64_t m_event = 0;
};

StreamMessage ticket_message(TicketEvent event) {
  StreamMessage message;
  message.kind = StreamMessage::Kind::ticket;
  message.seq = event.seq;
  message.event = std::move(event);
  return message;
}

StreamMessage reset_message(std::int64_t position) {
  StreamMessage message;
  message.kind = StreamMessage::Kind::reset;
  message.seq = position;
  return message;
}

StreamMessage notification_message(Notification notification) {
  StreamMessage message;
  message.kind = StreamMessage::Kind::notification;
  message.notification = std::move(notification);
  return message;
}

}  // namespace

std::vector<TicketEvent> group_ticket_events(const std::vector<JournalEntry>& entries) {
  std::vector<TicketEvent> events;
  EventGrouper grouper;
  const auto emit = [&events](TicketEvent&& event) { events.push_back(std::move(event)); };
  for (const auto& entry : entries) grouper.add(entry, emit);
  grouper.flush(emit);
  return events;
}

// EventSubscription

void EventSubscription::set_waker(std::function<void()> wake) {
  std::lock_guard lock(m_mutex);
  m_wake = std::move(wake);
  if (!m_queue.empty() || m_state != State::open) wake_locked();
}

EventSubscription::State EventSubscription::take(std::vector<StreamMessage>& out) {
  std::lock_guard lock(m_mutex);
  std::move(m_queue.begin(), m_queue.end(), std::back_inserter(out));
  m_queue.clear();
  return m_state;
}

EventSubscription::State EventSubscription::state() const {
  std::lock_guard lock(m_mutex);
  return m_state;
}

void EventSubscription::cancel() {
  std::lock_guard lock(m_mutex);
  if (m_state == State::open) m_state = State::closed;
  m_queue.clear();
  m_wake = nullptr;
}

bool EventSubscription::push(StreamMessage message) {
  std::lock_guard lock(m_mutex);
  if (m_state != State::open) return false;
  if (m_queue.size() >= m_max_queue) {
    // The reader is this far behind: drop it rather than the server's memory.
    m_queue.clear();
    m_state = State::overflowed;
    wake_locked();
    return false;
  }
  const bool was_empty = m_queue.empty();
  m_queue.push_back(std::move(message));
  // A reader that has not taken the earlier messages yet will find this one with them.
  if (was_empty) wake_locked();
  return true;
}

void EventSubscription::end(State state) {
  std::lock_guard lock(m_mutex);
  if (m_state != State::open) return;
  m_state = state;
  wake_locked();
}

void EventSubscription::wake_locked() {
  if (m_wake) m_wake();
}

// EventHub

void EventHub::Signal::raise() {
  {
    std::lock_guard lock(mutex);
    raised = true;
  }
  raised_cv.notify_one();
}

EventHub::EventHub(Store& store, EventHubOptions options) : m_store(store), m_options(options) {}

EventHub::~EventHub() { stop(); }

Result<void> EventHub::start() {
  auto head = m_store.last_journal_seq();
  if (!head) return tl::unexpected(std::move(head.error()));
  auto last_notification = m_store.last_notification_id();
  if (!last_notification) return tl::unexpected(std::move(last_notification.error()));
  m_position = *head;
  m_notification_position = *last_notification;
  {
    std::lock_guard lock(m_mutex);
    if (m_started || m_stopping) return fail(ErrorCode::internal, "the event hub was started or stopped before");
    m_started = true;
  }
  // The store keeps its listeners for its lifetime, which may be longer than the hub's: the
  // listener holds the signal, not the hub.
  m_store.add_commit_listener([signal = m_signal] { signal->raise(); });
  m_thread = std::thread([this] { run(); });
  m_signal->raise();  // take in whoever subscribed before
  return {};
}

void EventHub::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_stopping = true;
  }
  m_signal->raise();
  if (m_thread.joinable()) {
    m_thread.join();  // the thread ends every subscription it knows on its way out
  }
  end_all();  // those that came before start(), when there was no thread
}

std::shared_ptr<EventSubscription> EventHub::subscribe(std::optional<std::int64_t> after, EventFilter filter,
                                                     std::string recipient) {
  auto subscription = std::make_shared<EventSubscription>(m_options.max_queue);
  Pending pending{subscription, after ? std::optional(std::max<std::int64_t>(0, *after)) : std::nullopt,
                  std::move(filter), std::move(recipient), std::nullopt};
  if (!pending.after) {
    // "Now" is the journal's head, not the hub's position, which trails each commit by the
    // moment the hub takes to read it: a client that changed a ticket and then subscribed
    // must not be told of its own change. Should the read fail, the position will do.
    if (auto head = m_store.last_journal_seq()) pending.after = *head;
  }
  if (!pending.recipient.empty()) {
    if (auto last = m_store.last_notification_id()) pending.notifications_after = *last;
  }
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      subscription->end(EventSubscription::State::closed);
      return subscription;
    }
    if (!pending.after && m_started) pending.after = m_position.load();
    m_incoming.push_back(std::move(pending));
  }
  m_signal->raise();
  return subscription;
}

std::int64_t EventHub::position() const { return m_position.load(); }

void EventHub::run() {
  name_this_thread("snag-events");
  while (true) {
    {
      std::unique_lock lock(m_signal->mutex);
      m_signal->raised_cv.wait_for(lock, m_options.poll_interval, [this] { return m_signal->raised; });
      m_signal->raised = false;
    }
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) break;
      std::move(m_incoming.begin(), m_incoming.end(), std::back_inserter(m_pending));
      m_incoming.clear();
    }
    drop_ended();
    bool ok = false;
    try {
      ok = catch_up() && admit_pending() && deliver_notifications();
    } catch (const std::exception& e) {
      // The thread is a boundary, as a request is: log, and try again on the next pass.
      log_event(spdlog::level::err, "event hub failed", {{"error", e.what()}});
    }
    if (!ok && !m_read_failing) {
      log_event(spdlog::level::warn, "event hub cannot read the journal; retrying");
    } else if (ok && m_read_failing) {
      log_event(spdlog::level::info, "event hub reads the journal again");
    }
    m_read_failing = !ok;
  }
  end_all();
}

bool EventHub::catch_up() {
  if (m_live.empty()) {
    // Nobody to tell: move the position without reading the entries. Subscribers that come
    // later with an older resume point replay from the store anyway.
    auto head = m_store.last_journal_seq();
    if (!head) return false;
    if (*head > m_position) m_position = *head;
    return true;
  }
  EventGrouper grouper;
  const auto deliver_one = [this](TicketEvent&& event) { deliver(event); };
  std::int64_t read_to = m_position;
  while (true) {
    auto page = m_store.journal_after(read_to, m_options.page_size);
    if (!page) return false;
    for (const auto& entry : *page) {
      grouper.add(entry, deliver_one);
      read_to = entry.seq;
    }
    if (page->size() < m_options.page_size) break;
    if (has_incoming()) {
      // Let the newcomers in before reading on. The group cut off here is read again next
      // pass: the position only moves past delivered events.
      m_signal->raise();
      return true;
    }
  }
  grouper.flush(deliver_one);
  return true;
}

std::optional<Ticket> EventHub::current_ticket(TicketId id) {
  auto found = m_store.find_ticket(id);
  if (!found) {
    log_event(spdlog::level::warn, "event hub cannot read a ticket; filtered subscribers skip its event",
              {{"ticket", ticket_key(id)}});
    return std::nullopt;
  }
  return std::move(*found);
}

void EventHub::deliver(const TicketEvent& event) {
  bool ended = false;
  std::optional<std::optional<Ticket>> ticket;  // read once, on the first filtered subscriber
  for (const auto& live : m_live) {
    if (event.seq <= live.after) continue;
    if (live.filter) {
      if (!ticket) ticket = current_ticket(event.ticket);
      if (!*ticket || !live.filter(**ticket)) continue;
    }
    if (!live.subscription->push(ticket_message(event))) {
      ended = true;
      if (live.subscription->state() == EventSubscription::State::overflowed) {
        log_event(spdlog::level::warn, "event subscriber dropped: it fell too far behind",
                  {{"queued", m_options.max_queue}});
      }
    }
  }
  if (ended) drop_ended();
  m_position = event.seq;
}

void EventHub::drop_ended() {
  std::erase_if(m_live, [](const Live& live) { return live.subscription->state() != EventSubscription::State::open; });
}

bool EventHub::deliver_notifications() {
  const bool anyone = std::any_of(m_live.begin(), m_live.end(), [](const Live& live) { return !live.recipient.empty(); });
  if (!anyone) {
    // As catch_up: nobody to tell, so move past what is stored without reading it.
    auto last = m_store.last_notification_id();
    if (!last) return false;
    m_notification_position = std::max(m_notification_position, *last);
    return true;
  }
  while (true) {
    auto page = m_store.notifications_after(m_notification_position, m_options.page_size);
    if (!page) return false;
    for (auto& notification : *page) {
      m_notification_position = notification.id;
      for (const auto& live : m_live) {
        if (live.recipient == notification.recipient) live.subscription->push(notification_message(notification));
      }
    }
    if (page->size() < m_options.page_size) break;
  }
  drop_ended();
  return true;
}

bool EventHub::admit_pending() {
  while (!m_pending.empty()) {
    const Pending& pending = m_pending.front();
    if (pending.subscription->state() == EventSubscription::State::open) {
      auto missed = missed_notifications(pending);
      if (!missed || !admit(pending)) return false;  // try again on the next pass, in the same order
      for (auto& notification : *missed) pending.subscription->push(notification_message(std::move(notification)));
    }
    m_pending.erase(m_pending.begin());
  }
  return true;
}

std::optional<std::vector<Notification>> EventHub::missed_notifications(const Pending& pending) {
  std::vector<Notification> missed;
  if (pending.recipient.empty() || !pending.notifications_after) return missed;
  NotificationId read_to = *pending.notifications_after;
  while (read_to < m_notification_position) {
    auto page = m_store.notifications_after(read_to, m_options.page_size);
    if (!page) return std::nullopt;
    for (auto& notification : *page) {
      if (notification.id > m_notification_position) return missed;  // deliver_notifications' part
      read_to = notification.id;
      if (notification.recipient == pending.recipient) missed.push_back(std::move(notification));
    }
    if (page->size() < m_options.page_size) break;
  }
  return missed;
}

bool EventHub::admit(const Pending& pending) {
  const std::int64_t position = m_position;
  const auto& subscription = pending.subscription;
  const std::int64_t after = pending.after.value_or(position);
  if (after >= position) {
    if (after > position) {
      // A resume point past the hub: another node may be ahead of this one, in which case the
      // events up to it are skipped when they come. Past the journal's head it belongs to no
      // history of this database (restored, or another deployment): start over.
      auto head = m_store.last_journal_seq();
      if (!head) return false;
      if (after > *head) {
        subscription->push(reset_message(position));
        m_live.push_back({subscription, position, pending.filter, pending.recipient});
        return true;
      }
    }
    m_live.push_back({subscription, after, pending.filter, pending.recipient});
    return true;
  }
  if (position - after > m_options.max_replay) {
    subscription->push(reset_message(position));
    m_live.push_back({subscription, position, pending.filter, pending.recipient});
    return true;
  }
  // Read the whole replay before sending any of it, so that a failed read sends nothing twice.
  std::vector<TicketEvent> missed;
  EventGrouper grouper;
  const auto keep = [&missed](TicketEvent&& event) { missed.push_back(std::move(event)); };
  std::int64_t read_to = after;
  bool done = false;
  while (!done && read_to < position) {
    auto page = m_store.journal_after(read_to, m_options.page_size);
    if (!page) return false;
    for (const auto& entry : *page) {
      if (entry.seq > position) {
        done = true;  // live delivery takes it from here
        break;
      }
      grouper.add(entry, keep);
      read_to = entry.seq;
    }
    if (page->size() < m_options.page_size) done = true;
  }
  // The position is the end of an event, so the last group is whole.
  grouper.flush(keep);
  std::map<std::int64_t, bool> visible;  // by ticket id, judged once per replay
  for (auto& event : missed) {
    if (pending.filter) {
      auto [known, inserted] = visible.try_emplace(event.ticket.value, false);
      if (inserted) {
        const auto ticket = current_ticket(event.ticket);
        known->second = ticket && pending.filter(*ticket);
      }
      if (!known->second) continue;
    }
    if (!subscription->push(ticket_message(std::move(event)))) return true;  // overflowed: dropped
  }
  m_live.push_back({subscription, position, pending.filter, pending.recipient});
  return true;
}

bool EventHub::has_incoming() const {
  std::lock_guard lock(m_mutex);
  return !m_incoming.empty();
}

void EventHub::end_all() {
  std::vector<Pending> incoming;
  {
    std::lock_guard lock(m_mutex);
    incoming.swap(m_incoming);
  }
  for (const auto& pending : incoming) pending.subscription->end(EventSubscription::State::closed);
  for (const auto& pending : m_pending) pending.subscription->end(EventSubscription::State::closed);
  for (const auto& live : m_live) live.subscription->end(EventSubscription::State::closed);
  m_pending.clear();
  m_live.clear();
}

}  // namespace snag
