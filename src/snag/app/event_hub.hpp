#pragma once
// The live feed of ticket changes behind GET /api/v1/events: one EventHub per process reads
// the journal as it grows and fans the changes out to its subscribers.
//
// Where changes come from. Every write batch appends journal entries (one per changed field;
// the entries of one change share an `event` number) and commits them atomically. The journal
// is one hash chain over the whole database, so entries become visible in seq order, on every
// node. The hub keeps a position (the last seq it delivered) and, whenever it wakes, reads
// journal_after(position) a page at a time until it is caught up, turns the entries of each
// event into one TicketEvent and hands it to every subscriber. It wakes
//   - when the store reports a commit (Store::add_commit_listener: this process's commits and,
//     on PostgreSQL, every other node's through LISTEN/NOTIFY); the listener only signals the
//     hub's thread, since the store calls it on a thread that must not wait for reads;
//   - every poll_interval regardless: the safety net for a notification that never came (a
//     LISTEN connection that dropped, another process writing the same SQLite file).
//
// What an event says: the ticket, the action, who and when, and the NAMES of the changed
// fields, never their values. A value may carry a candidate's personal data (title,
// description, candidate reference, custom fields) and a stream is read by whoever holds a
// key; a client that wants the values fetches the ticket through the API.
// Access: a subscription carries a filter (the caller's visibility rule) and receives only the
// events of tickets that pass it. The hub reads an event's ticket once for all filtered
// subscribers (and once per ticket for a replay) and judges it as it is at delivery time.
//
// The ticket's version is not in the event: the journal does not record it, and counting a
// ticket's earlier events to derive it would cost a read per event and break on imported
// histories. Clients that need it fetch the ticket (its ETag).
//
// Resuming. subscribe(after) with the last seq a client saw replays the events after it from
// the store before the live ones. Replay and live delivery both run on the hub's thread, so
// nothing is lost or repeated between them. When more than max_replay entries are missing the
// subscriber gets a reset instead (reload what you show) and continues live. A subscriber
// without a resume point starts at the journal's head when it subscribed: "now".
//
// Notifications. A subscription may name a person (`recipient`): it then also receives the
// in-app notifications addressed to them as they are stored (app/automation/notifier.hpp),
// read by the same thread after the journal, from the notifications table by id (ids grow in
// commit order: Store::notifications_after). They are live only: a client that reconnects
// reads what it missed from GET /api/v1/notifications. Another node's notification wakes this
// hub like its journal entries do: a batch that stores one notifies the other nodes.
//
// Slow subscribers. A subscription queues at most max_queue messages; one more and it ends as
// overflowed (its client reconnects and resumes), so a client that stops reading cannot grow
// the server's memory.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ids.hpp>
#include <snag/domain/journal.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct TicketEvent {
  std::int64_t seq = 0;  // the seq of the event's last journal entry: resume after it
  TicketId ticket;
  std::string action;  // the journal's: create, update, transition, comment
  std::string actor;
  Timestamp at;
  std::vector<std::string> fields;  // the names of the changed fields in journal order; no values
  friend bool operator==(const TicketEvent&, const TicketEvent&) = default;
};

// What a subscriber receives.
struct StreamMessage {
  enum class Kind {
    ticket,  // `event` holds a change
    reset,   // too much was missed to replay: reload, then continue from `seq`
    notification,  // `notification` holds one for the subscriber; not a resume point
  };
  Kind kind = Kind::ticket;
  std::int64_t seq = 0;  // the resume point after this message (event.seq for a ticket)
  TicketEvent event;     // kind == ticket
  Notification notification;  // kind == notification
};

// Groups journal entries (in seq order) into one TicketEvent per event number; a creation's
// snapshot entry yields the names of the fields it set. A group cut off at either end of
// `entries` is returned with the entries it has.
std::vector<TicketEvent> group_ticket_events(const std::vector<JournalEntry>& entries);

// One subscriber's queue. Thread-safe.
class EventSubscription {
 public:
  enum class State {
    open,
    overflowed,  // more than max_queue messages waited: the hub dropped it
    closed,      // cancelled by its reader, or the hub stopped
  };

  explicit EventSubscription(std::size_t max_queue) : m_max_queue(max_queue) {}
  EventSubscription(const EventSubscription&) = delete;
  EventSubscription& operator=(const EventSubscription&) = delete;

  // `wake` is called whenever take() has new messages after it came back empty, and once when
  // the subscription ends; at once, on the caller's thread, when that is already so. Otherwise
  // it runs on the hub's thread. Either way the subscription's lock is held: it must return
  // quickly (post to an executor, notify a waiter) and must not call back into the
  // subscription.
  void set_waker(std::function<void()> wake);
  // Moves the queued messages, oldest first, to the end of `out`; returns the state.
  State take(std::vector<StreamMessage>& out);
  State state() const;
  // Ends the subscription: no message and no wake-up follows once this returns. Idempotent.
  void cancel();

 private:
  friend class EventHub;
  // False when the subscription has ended (now or before).
  bool push(StreamMessage message);
  void end(State state);
  void wake_locked();

  const std::size_t m_max_queue;
  mutable std::mutex m_mutex;
  std::deque<StreamMessage> m_queue;  // guarded by m_mutex
  State m_state = State::open;        // guarded by m_mutex
  std::function<void()> m_wake;       // guarded by m_mutex
};

// Whether a subscriber may see the ticket an event is about.
using EventFilter = std::function<bool(const Ticket&)>;

struct EventHubOptions {
  std::chrono::milliseconds poll_interval{2000};
  std::size_t page_size = 1000;      // journal entries per read
  std::int64_t max_replay = 10'000;  // journal entries a resume may replay; more: reset
  std::size_t max_queue = 10'000;    // messages a subscriber may have waiting
};

class EventHub {
 public:
  // REQUIRES: `store` outlives the hub.
  explicit EventHub(Store& store, EventHubOptions options = {});
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Takes the journal's head as the position, registers the commit listener, starts the
  // thread. REQUIRES: called at most once. Fails when the store cannot tell its head.
  Result<void> start();
  // Ends every subscription and joins the thread. Idempotent; the destructor calls it.
  void stop();

  // Thread-safe. With `after`, replays the events after that seq first (or a reset when more
  // than max_replay entries are missing), never waiting for the store: the hub's thread reads.
  // Without, delivers what commits after the journal's head, which it reads (one indexed
  // read, as quick as any GET). After stop(): a subscription that has ended.
  // With a filter, only the events of tickets it passes are delivered (replayed ones too).
  // With a recipient, that person's notifications stored from now on are delivered too.
  std::shared_ptr<EventSubscription> subscribe(std::optional<std::int64_t> after, EventFilter filter = {},
                                               std::string recipient = {});

  // The journal position the hub has caught up to: the seq of the last event it delivered or,
  // while nobody listened, skipped. Thread-safe.
  std::int64_t position() const;

 private:
  // Raised by the store's commit listener, which may outlive the hub: hence shared.
  struct Signal {
    std::mutex mutex;
    std::condition_variable raised_cv;
    bool raised = false;
    void raise();
  };
  struct Pending {
    std::shared_ptr<EventSubscription> subscription;
    std::optional<std::int64_t> after;  // nullopt: "now", for a subscriber that came before start()
    EventFilter filter;                 // empty: every event
    std::string recipient;              // empty: no notifications
    // The last notification stored when it subscribed: "from now on" starts after it, also
    // when the hub moved past later ones before taking the subscriber in. nullopt: the hub's.
    std::optional<NotificationId> notifications_after;
  };
  struct Live {
    std::shared_ptr<EventSubscription> subscription;
    std::int64_t after = 0;  // events up to this seq are not for it (a resume point ahead of the hub)
    EventFilter filter;
    std::string recipient;
  };
  // The event's ticket as stored now; nullopt when it is gone or cannot be read (then filtered
  // subscribers do not get the event).
  std::optional<Ticket> current_ticket(TicketId id);

  void run();
  // Reads and delivers everything committed since the position; false when a read failed.
  bool catch_up();
  // Replays what each new subscriber missed and makes it live; false when a read failed.
  bool admit_pending();
  // Replays (after, position] to one new subscriber and makes it live; false when a read failed
  // (nothing was sent then: the replay is tried again whole).
  bool admit(const Pending& pending);
  // The notifications for a new subscriber's recipient that the hub moved past between its
  // subscribing and its admission; nullopt when the read failed.
  std::optional<std::vector<Notification>> missed_notifications(const Pending& pending);
  void deliver(const TicketEvent& event);
  // Delivers the notifications stored since the last pass to their live recipients; false when
  // a read failed.
  bool deliver_notifications();
  void drop_ended();
  bool has_incoming() const;
  void end_all();

  Store& m_store;
  const EventHubOptions m_options;
  const std::shared_ptr<Signal> m_signal = std::make_shared<Signal>();

  mutable std::mutex m_mutex;
  std::vector<Pending> m_incoming;  // guarded by m_mutex; taken in by the hub's thread
  bool m_started = false;           // guarded by m_mutex
  bool m_stopping = false;          // guarded by m_mutex
  std::atomic<std::int64_t> m_position{0};
  NotificationId m_notification_position;  // the last notification looked at; the hub's thread only

  // Only the hub's thread touches these.
  std::vector<Pending> m_pending;  // waiting for their replay (e.g. after a failed read)
  std::vector<Live> m_live;
  bool m_read_failing = false;  // logged once per failure streak

  std::thread m_thread;
};

}  // namespace snag
