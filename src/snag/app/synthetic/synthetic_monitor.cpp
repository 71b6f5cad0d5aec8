#include <deque>
#include <map>

#include <nlohmann/json.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/synthetic/synthetic_monitor.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace {

// server_state and server_secret names.
constexpr std::string_view k_state_name = "synthetic_probe";
constexpr std::string_view k_secret_name = "synthetic_webhook_secret";

Actor probe_actor() { return system_actor("snag:synthetic", "job:synthetic.probe"); }

nlohmann::json optional_time(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(format_rfc3339(*at)) : nlohmann::json(nullptr);
}

std::optional<Timestamp> read_time(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_string()) return std::nullopt;
  auto parsed = parse_rfc3339(object[key].get<std::string>());
  return parsed ? std::optional<Timestamp>(*parsed) : std::nullopt;
}

std::string encode_state(const SyntheticState& state) {
  nlohmann::json json = {
      {"consecutive_failures", state.consecutive_failures},
      {"probes_ok", state.probes_ok},
      {"probes_failed", state.probes_failed},
      {"last_success_at", optional_time(state.last_success_at)},
      {"last_latency_ms", state.last_latency ? nlohmann::json(state.last_latency->count()) : nlohmann::json(nullptr)},
      {"last_probe_at", optional_time(state.last_probe_at)},
      {"last_error", state.last_error},
      {"alert_ticket", state.alert_ticket ? nlohmann::json(state.alert_ticket->value) : nlohmann::json(nullptr)},
      {"pending", nullptr}};
  if (state.pending) {
    json["pending"] = {{"event_id", state.pending->event_id}, {"sent_at", format_rfc3339(state.pending->sent_at)}};
  }
  return json.dump();
}

// Written only by encode_state; a value that does not parse is a fresh start, not an outage.
SyntheticState decode_state(std::string_view text) {
  SyntheticState state;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return state;
  state.consecutive_failures = json.value("consecutive_failures", 0);
  state.probes_ok = json.value("probes_ok", std::int64_t{0});
  state.probes_failed = json.value("probes_failed", std::int64_t{0});
  state.last_success_at = read_time(json, "last_success_at");
  if (json.contains("last_latency_ms") && json["last_latency_ms"].is_number_integer()) {
    state.last_latency = std::chrono::milliseconds(json["last_latency_ms"].get<std::int64_t>());
  }
  state.last_probe_at = read_time(json, "last_probe_at");
  state.last_error = json.value("last_error", "");
  if (json.contains("alert_ticket") && json["alert_ticket"].is_number_integer()) {
    state.alert_ticket = TicketId{json["alert_ticket"].get<std::int64_t>()};
  }
  if (json.contains("pending") && json["pending"].is_object()) {
    const auto& pending = json["pending"];
    const auto sent_at = read_time(pending, "sent_at");
    if (sent_at) state.pending = PendingProbe{pending.value("event_id", ""), *sent_at};
  }
  return state;
}

Result<SyntheticState> load_state(WriteTransaction& tx) {
  auto stored = tx.server_state(k_state_name);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  return *stored ? decode_state(**stored) : SyntheticState{};
}

// A new Standard Webhooks secret: whsec_ and 32 random bytes in base64.
std::string new_webhook_secret() {
  const auto bytes = base64url_decode(random_token(32));
  return "whsec_" + base64_encode(bytes.value_or(std::string()));
}

// The connector's first secret (an operator may have rotated it), created with the connector
// the first time.
Result<std::string> synthetic_connector_secret(WriteTransaction& tx, Timestamp now) {
  auto found = tx.find_connector(k_synthetic_connector_id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (*found && !(*found)->secrets.empty()) return (*found)->secrets.front();
  auto secret = tx.server_secret(k_secret_name, new_webhook_secret(), now);
  if (!secret) return secret;
  if (*found) return secret;
  Connector connector;
  connector.id = std::string(k_synthetic_connector_id);
  connector.vendor = "standard_webhooks";
  connector.ats = std::string(k_synthetic_ats);
  connector.mode = "realtime";
  connector.secrets = {*secret};
  connector.created_at = now;
  if (auto inserted = tx.insert_connector(connector); !inserted) return tl::unexpected(std::move(inserted.error()));
  return secret;
}

// The shortest way through the ticket's workflow to a done status (resolved, say), by the
// workflow's transitions; empty when the ticket is done already or none leads there.
std::vector<std::string> path_to_done(const Catalog& catalog, const Ticket& ticket) {
  const IssueType* type = catalog.find_issue_type(ticket.type);
  if (type == nullptr) return {};
  const Workflow& workflow = catalog.workflow_for(*type);
  std::map<std::string, std::string> came_from{{ticket.status, ""}};
  std::deque<std::string> frontier{ticket.status};
  while (!frontier.empty()) {
    const std::string status = frontier.front();
    frontier.pop_front();
    if (workflow.is_done(status) && status != ticket.status) {
      std::vector<std::string> path;
      for (std::string at = status; at != ticket.status; at = came_from[at]) path.insert(path.begin(), at);
      return path;
    }
    for (const auto& next : workflow.allowed_from(status)) {
      if (came_from.emplace(next, status).second) frontier.push_back(next);
    }
  }
  return {};
}

}  // namespace

Result<std::optional<SyntheticState>> read_synthetic_state(Store& store) {
  auto stored = store.server_state(k_state_name);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  if (!*stored) return std::optional<SyntheticState>{};
  return std::optional<SyntheticState>{decode_state(**stored)};
}

std::string_view synthetic_status(const std::optional<SyntheticState>& state) {
  if (!state || state->probes_ok + state->probes_failed == 0) return "unknown";
  return state->consecutive_failures > 0 ? "failing" : "ok";
}

SyntheticMonitor::SyntheticMonitor(const Catalog& catalog, const TicketRouter& router, SyntheticPolicy policy)
    : m_catalog(catalog), m_router(router), m_policy(std::move(policy)) {}

Result<std::optional<ProbeToSend>> SyntheticMonitor::begin_probe(WriteTransaction& tx, Timestamp now) const {
  auto state = load_state(tx);
  if (!state) return tl::unexpected(std::move(state.error()));
  if (state->pending) {
    auto judged = check_probe(tx, state->pending->event_id, now);
    if (!judged) return tl::unexpected(std::move(judged.error()));
    if (!*judged) return std::optional<ProbeToSend>{};
    state = load_state(tx);
    if (!state) return tl::unexpected(std::move(state.error()));
  }
  if (auto removed = remove_synthetic_tickets(tx); !removed) return tl::unexpected(std::move(removed.error()));
  auto secret = synthetic_connector_secret(tx, now);
  if (!secret) return tl::unexpected(std::move(secret.error()));
  ProbeToSend probe{"synthetic-" + random_token(12), now, std::move(*secret)};
  state->pending = PendingProbe{probe.event_id, now};
  if (auto saved = tx.put_server_state(k_state_name, encode_state(*state), now); !saved) {
    return tl::unexpected(std::move(saved.error()));
  }
  return std::optional<ProbeToSend>{std::move(probe)};
}

Result<void> SyntheticMonitor::fail_probe(WriteTransaction& tx, std::string_view event_id, std::string error,
                                          Timestamp now) const {
  auto state = load_state(tx);
  if (!state) return tl::unexpected(std::move(state.error()));
  if (!state->pending || state->pending->event_id != event_id) return {};
  return record(tx, std::move(*state), ProbeOutcome{false, std::chrono::milliseconds{0}, std::move(error)}, now);
}

Result<bool> SyntheticMonitor::check_probe(WriteTransaction& tx, std::string_view event_id, Timestamp now) const {
  auto state = load_state(tx);
  if (!state) return tl::unexpected(std::move(state.error()));
  if (!state->pending || state->pending->event_id != event_id) return true;
  auto created_at = probe_ticket_created_at(tx);
  if (!created_at) return tl::unexpected(std::move(created_at.error()));
  auto outcome = judge_probe(*state->pending, *created_at, now, m_policy);
  if (!outcome) return false;
  if (auto recorded = record(tx, std::move(*state), *outcome, now); !recorded) {
    return tl::unexpected(std::move(recorded.error()));
  }
  return true;
}

// Every earlier probe's ticket was removed when this probe began, so the synthetic candidate's
// first ticket is this probe's (or a late one of an earlier probe, which shows ingestion moving
// again all the same).
Result<std::optional<Timestamp>> SyntheticMonitor::probe_ticket_created_at(WriteTransaction& tx) const {
  auto tickets = tx.candidate_tickets(synthetic_candidate());
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  if (tickets->empty()) return std::optional<Timestamp>{};
  return std::optional<Timestamp>{tickets->front().created_at};
}

Result<void> SyntheticMonitor::record(WriteTransaction& tx, SyntheticState state, const ProbeOutcome& outcome,
                                      Timestamp now) const {
  // An alert someone resolved (or that retention removed) while probes kept failing is no longer
  // open: the next failure past alert_after opens a new one.
  if (state.alert_ticket) {
    auto alert = tx.find_ticket(*state.alert_ticket);
    if (!alert) return tl::unexpected(std::move(alert.error()));
    if (!*alert || !m_catalog.is_open((*alert)->type, (*alert)->status)) state.alert_ticket.reset();
  }
  auto step = record_probe(std::move(state), outcome, now, m_policy);
  if (step.alert == AlertChange::open) {
    auto opened = open_alert(tx, step.state, now);
    if (!opened) return tl::unexpected(std::move(opened.error()));
    step.state.alert_ticket = *opened;
  } else if (step.alert == AlertChange::resolve) {
    if (auto resolved = resolve_alert(tx, *step.state.alert_ticket, now); !resolved) return resolved;
    step.state.alert_ticket.reset();
  }
  if (outcome.ok) {
    if (auto removed = remove_synthetic_tickets(tx); !removed) return removed;
  }
  return tx.put_server_state(k_state_name, encode_state(step.state), now);
}

Result<TicketId> SyntheticMonitor::open_alert(WriteTransaction& tx, const SyntheticState& state, Timestamp now) const {
  const Actor actor = probe_actor();
  TicketDraft draft;
  draft.type = m_policy.alert_issue_type;
  draft.team = m_policy.alert_team;
  draft.severity = m_policy.alert_severity;
  draft.title = "Synthetic probe: ATS webhook ingestion is failing";
  draft.description =
      std::to_string(state.consecutive_failures) +
      " synthetic probes in a row failed: a signed test webhook sent to /hooks/" +
      std::string(k_synthetic_connector_id) + " did not become a ticket within " +
      std::to_string(m_policy.threshold.count() / 1000) + " s. Last error: " + state.last_error +
      ". Last success: " + (state.last_success_at ? format_rfc3339(*state.last_success_at) : std::string("never")) +
      ". This ticket is resolved by the probe once ingestion works again.";
  draft.labels = {"synthetic", "monitoring"};
  auto ticket = open_ticket(m_catalog, draft, actor, now);
  if (!ticket) return tl::unexpected(std::move(ticket.error()));
  auto inserted = insert_opened_ticket(tx, m_router, actor, std::move(*ticket), now);
  if (!inserted) return tl::unexpected(std::move(inserted.error()));
  return inserted->id;
}

Result<void> SyntheticMonitor::resolve_alert(WriteTransaction& tx, TicketId id, Timestamp now) const {
  auto found = tx.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return {};
  const Actor actor = probe_actor();
  const std::string comment = "Synthetic probes succeed again: ATS webhooks become tickets within the threshold.";
  if (auto stored = tx.insert_comment(id, actor.name, comment, now); !stored) {
    return tl::unexpected(std::move(stored.error()));
  }
  Ticket current = **found;
  std::vector<FieldChange> changes{{"comment", nullptr, comment}};
  for (const auto& status : path_to_done(m_catalog, current)) {
    auto next = transition_ticket(m_catalog, current, status, now);
    if (!next) return tl::unexpected(std::move(next.error()));
    auto moved = diff_tickets(current, *next);
    changes.insert(changes.end(), moved.begin(), moved.end());
    current = std::move(*next);
  }
  if (current.version != (*found)->version) {
    if (auto updated = tx.update_ticket(current); !updated) return updated;
  }
  if (auto journaled = tx.append_journal(id, now, actor.name, "transition", changes); !journaled) return journaled;
  return tx.append_access_log({access_entry(actor, AccessAction::edit, now, current)});
}

Result<void> SyntheticMonitor::remove_synthetic_tickets(WriteTransaction& tx) const {
  auto tickets = tx.candidate_tickets(synthetic_candidate());
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  for (const auto& ticket : *tickets) {
    if (auto deleted = tx.delete_ticket(ticket.id); !deleted) return tl::unexpected(std::move(deleted.error()));
  }
  return {};
}

}  // namespace snag
