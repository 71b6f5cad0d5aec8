#include <algorithm>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/incident_queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_incident_columns =
    "id, category, title, severity, status, commander, opened_by, opened_at, responded_at, last_update_at, "
    "update_reminded_at, resolved_at, closed_at, caused_by_change, postmortem";
constexpr std::string_view k_change_columns = "id, summary, system, deployed_at, link, recorded_by, recorded_at";

tl::unexpected<Error> corrupt_incident() {
  return fail(ErrorCode::internal, "database error: a stored incident is corrupt");
}

nlohmann::json optional_ms_json(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(to_epoch_ms(*at)) : nlohmann::json(nullptr);
}

std::optional<Timestamp> timestamp_of(const nlohmann::json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  return from_epoch_ms(value.get<std::int64_t>());
}

std::optional<std::string> postmortem_json(const std::optional<PostMortem>& postmortem) {
  if (!postmortem) return std::nullopt;
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& entry : postmortem->timeline) {
    timeline.push_back({{"at", to_epoch_ms(entry.at)}, {"event", entry.event}});
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : postmortem->action_items) {
    items.push_back({{"number", item.number},
                     {"title", item.title},
                     {"owner", item.owner},
                     {"due", to_epoch_ms(item.due)},
                     {"done_at", optional_ms_json(item.done_at)},
                     {"overdue_notified_at", optional_ms_json(item.overdue_notified_at)}});
  }
  return nlohmann::json{{"timeline", std::move(timeline)},
                        {"impact", postmortem->impact},
                        {"root_cause", postmortem->root_cause},
                        {"contributing_factors", postmortem->contributing_factors},
                        {"action_items", std::move(items)},
                        {"written_by", postmortem->written_by},
                        {"updated_at", to_epoch_ms(postmortem->updated_at)}}
      .dump();
}

// nullopt when the stored text is not a post-mortem as postmortem_json writes it.
std::optional<PostMortem> parse_postmortem(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  try {
    PostMortem postmortem;
    for (const auto& entry : json.at("timeline")) {
      postmortem.timeline.push_back({from_epoch_ms(entry.at("at").get<std::int64_t>()), entry.at("event")});
    }
    postmortem.impact = json.at("impact");
    postmortem.root_cause = json.at("root_cause");
    postmortem.contributing_factors = json.at("contributing_factors").get<std::vector<std::string>>();
    for (const auto& stored : json.at("action_items")) {
      ActionItem item;
      item.number = stored.at("number");
      item.title = stored.at("title");
      item.owner = stored.at("owner");
      item.due = from_epoch_ms(stored.at("due").get<std::int64_t>());
      item.done_at = timestamp_of(stored.at("done_at"));
      item.overdue_notified_at = timestamp_of(stored.at("overdue_notified_at"));
      postmortem.action_items.push_back(std::move(item));
    }
    postmortem.written_by = json.at("written_by");
    postmortem.updated_at = from_epoch_ms(json.at("updated_at").get<std::int64_t>());
    return postmortem;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

template <class Statement>
Result<Incident> read_incident(const Statement& row) {
  Incident incident;
  incident.id = IncidentId{row.int64(0)};
  incident.category = row.text(1);
  incident.title = row.text(2);
  const auto severity = parse_severity(row.text(3));
  const auto status = parse_incident_status(row.text(4));
  if (!severity || !status) return corrupt_incident();
  incident.severity = *severity;
  incident.status = *status;
  incident.commander = row.text(5);
  incident.opened_by = row.text(6);
  incident.opened_at = from_epoch_ms(row.int64(7));
  incident.responded_at = optional_timestamp(row.optional_int64(8));
  incident.last_update_at = from_epoch_ms(row.int64(9));
  incident.update_reminded_at = optional_timestamp(row.optional_int64(10));
  incident.resolved_at = optional_timestamp(row.optional_int64(11));
  incident.closed_at = optional_timestamp(row.optional_int64(12));
  incident.caused_by_change = row.optional_text(13);
  if (auto stored = row.optional_text(14)) {
    incident.postmortem = parse_postmortem(*stored);
    if (!incident.postmortem) return corrupt_incident();
  }
  return incident;
}

template <class Statement>
Result<ChangeRecord> read_change(const Statement& row) {
  return ChangeRecord{row.text(0),
                      row.text(1),
                      row.text(2),
                      from_epoch_ms(row.int64(3)),
                      row.text(4),
                      row.text(5),
                      from_epoch_ms(row.int64(6))};
}

// The columns update_incident may change, in the order bind_changeable_fields binds them.
constexpr std::string_view k_changeable_columns =
    "category, title, severity, status, commander, responded_at, last_update_at, update_reminded_at, resolved_at, "
    "closed_at, caused_by_change, postmortem, pending_actions";
constexpr int k_changeable_count = 13;

template <class Statement>
void bind_changeable_fields(Statement& statement, const Incident& incident) {
  statement.bind(1, incident.category).bind(2, incident.title).bind(3, to_string(incident.severity));
  statement.bind(4, to_string(incident.status)).bind(5, incident.commander);
  statement.bind(6, optional_ms(incident.responded_at)).bind(7, to_epoch_ms(incident.last_update_at));
  statement.bind(8, optional_ms(incident.update_reminded_at)).bind(9, optional_ms(incident.resolved_at));
  statement.bind(10, optional_ms(incident.closed_at)).bind(11, incident.caused_by_change);
  statement.bind(12, postmortem_json(incident.postmortem));
  statement.bind(13, incident.postmortem ? pending_action_items(*incident.postmortem) : std::int64_t{0});
}

template <class Statement>
Result<std::vector<TicketId>> ticket_ids(Statement& statement) {
  return all_rows<TicketId>(statement, [](const Statement& row) -> Result<TicketId> { return TicketId{row.int64(0)}; });
}

}  // namespace

template <class Connection>
Result<std::optional<Incident>> IncidentQueries<Connection>::incident(Connection& connection, IncidentId id) {
  static const std::string sql = select_from(k_incident_columns, " FROM incidents WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  auto found = optional_row<Incident>(statement, read_incident<Statement>);
  if (!found || !*found) return found;
  Incident& incident = **found;
  auto tickets = connection.prepare("SELECT ticket_id FROM incident_tickets WHERE incident_id = ? ORDER BY ticket_id");
  tickets.bind(1, id.value);
  auto linked = ticket_ids(tickets);
  if (!linked) return tl::unexpected(linked.error());
  incident.tickets = std::move(*linked);
  auto log =
      connection.prepare("SELECT at, author, kind, message FROM incident_updates WHERE incident_id = ? ORDER BY id");
  log.bind(1, id.value);
  auto updates = all_rows<IncidentUpdate>(log, [](const Statement& row) -> Result<IncidentUpdate> {
    return IncidentUpdate{from_epoch_ms(row.int64(0)), row.text(1), row.text(2), row.text(3)};
  });
  if (!updates) return tl::unexpected(updates.error());
  incident.updates = std::move(*updates);
  return found;
}

template <class Connection>
Result<IncidentPage> IncidentQueries<Connection>::incidents(Connection& connection, const IncidentQuery& query) {
  if (query.limit < 1) return fail(ErrorCode::invalid_argument, "the incident page limit must be at least 1");
  static const std::string all_sql =
      select_from(k_incident_columns, " FROM incidents WHERE id < ? ORDER BY id DESC LIMIT ?");
  static const std::string in_status_sql =
      select_from(k_incident_columns, " FROM incidents WHERE id < ? AND status = ? ORDER BY id DESC LIMIT ?");
  auto statement = connection.prepare(query.status ? in_status_sql : all_sql);
  int next = 1;
  statement.bind(next++, query.before ? query.before->value : std::numeric_limits<std::int64_t>::max());
  if (query.status) statement.bind(next++, to_string(*query.status));
  statement.bind(next, static_cast<std::int64_t>(query.limit) + 1);  // the extra row only says that more follow
  auto rows = all_rows<Incident>(statement, read_incident<Statement>);
  if (!rows) return tl::unexpected(rows.error());
  IncidentPage page;
  page.next = trim_page(*rows, query.limit);
  page.items = std::move(*rows);
  return page;
}

template <class Connection>
Result<std::vector<Incident>> IncidentQueries<Connection>::incidents_to_sweep(Connection& connection) {
  static const std::string sql =
      select_from(k_incident_columns, " FROM incidents WHERE status = 'open' OR pending_actions > 0 ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<Incident>(statement, read_incident<Statement>);
}

template <class Connection>
Result<std::vector<IncidentId>> IncidentQueries<Connection>::incident_ids(Connection& connection) {
  auto statement = connection.prepare("SELECT id FROM incidents ORDER BY id");
  return all_rows<IncidentId>(statement,
                              [](const Statement& row) -> Result<IncidentId> { return IncidentId{row.int64(0)}; });
}

template <class Connection>
Result<std::optional<ChangeRecord>> IncidentQueries<Connection>::change(Connection& connection, std::string_view id) {
  static const std::string sql = select_from(k_change_columns, " FROM changes WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id);
  return optional_row<ChangeRecord>(statement, read_change<Statement>);
}

template <class Connection>
Result<std::vector<ChangeRecord>> IncidentQueries<Connection>::changes(Connection& connection, std::size_t limit) {
  static const std::string sql = select_from(k_change_columns, " FROM changes ORDER BY deployed_at DESC, id LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, static_cast<std::int64_t>(limit));
  return all_rows<ChangeRecord>(statement, read_change<Statement>);
}

template <class Connection>
Result<ChangeLinks> IncidentQueries<Connection>::change_links(Connection& connection, std::string_view id) {
  ChangeLinks links;
  auto tickets = connection.prepare("SELECT ticket_id FROM change_tickets WHERE change_id = ? ORDER BY ticket_id");
  tickets.bind(1, id);
  auto linked = ticket_ids(tickets);
  if (!linked) return tl::unexpected(linked.error());
  links.tickets = std::move(*linked);
  auto incidents = connection.prepare("SELECT id FROM incidents WHERE caused_by_change = ? ORDER BY id");
  incidents.bind(1, id);
  auto caused = all_rows<IncidentId>(
      incidents, [](const Statement& row) -> Result<IncidentId> { return IncidentId{row.int64(0)}; });
  if (!caused) return tl::unexpected(caused.error());
  links.incidents = std::move(*caused);
  return links;
}

template <class Connection>
Result<TicketLinks> IncidentQueries<Connection>::ticket_links(Connection& connection, TicketId ticket) {
  auto statement = connection.prepare(
      "SELECT (SELECT incident_id FROM incident_tickets WHERE ticket_id = ?), "
      "(SELECT change_id FROM change_tickets WHERE ticket_id = ?)");
  statement.bind(1, ticket.value).bind(2, ticket.value);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  TicketLinks links;
  if (!*row) return links;
  if (auto incident = statement.optional_int64(0)) links.incident = IncidentId{*incident};
  links.change = statement.optional_text(1);
  return links;
}

template <class Connection>
Result<std::vector<ChangeDefects>> IncidentQueries<Connection>::change_defects(Connection& connection, Timestamp from,
                                                                               Timestamp to) {
  // Correlated counts rather than joins: a change has few links, and two joins would multiply
  // its tickets by its incidents.
  static const std::string sql = select_from(
      "c.id, c.summary, c.system, c.deployed_at, c.link, c.recorded_by, c.recorded_at, "
      "(SELECT COUNT(*) FROM change_tickets l WHERE l.change_id = c.id), "
      "(SELECT COUNT(*) FROM change_tickets l JOIN tickets t ON t.id = l.ticket_id "
      "WHERE l.change_id = c.id AND t.resolved_at IS NULL), "
      "(SELECT COUNT(*) FROM incidents i WHERE i.caused_by_change = c.id)",
      " FROM changes c WHERE c.deployed_at >= ? AND c.deployed_at < ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, to_epoch_ms(from)).bind(2, to_epoch_ms(to));
  auto rows = all_rows<ChangeDefects>(statement, [](const Statement& row) -> Result<ChangeDefects> {
    auto change = read_change(row);
    if (!change) return tl::unexpected(change.error());
    return ChangeDefects{std::move(*change), row.int64(7), row.int64(8), row.int64(9)};
  });
  if (!rows) return rows;
  std::sort(rows->begin(), rows->end(), [](const ChangeDefects& a, const ChangeDefects& b) {
    const auto defects = [](const ChangeDefects& row) { return row.tickets + row.incidents; };
    if (defects(a) != defects(b)) return defects(a) > defects(b);
    if (a.change.deployed_at != b.change.deployed_at) return a.change.deployed_at > b.change.deployed_at;
    return a.change.id < b.change.id;
  });
  return rows;
}

template <class Connection>
Result<IncidentId> IncidentQueries<Connection>::insert_incident(Connection& connection, const Incident& incident) {
  static const std::string sql = "INSERT INTO incidents (" + std::string(k_changeable_columns) +
                                 ", opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "RETURNING id";
  auto statement = connection.prepare(sql);
  bind_changeable_fields(statement, incident);
  statement.bind(k_changeable_count + 1, incident.opened_by)
      .bind(k_changeable_count + 2, to_epoch_ms(incident.opened_at));
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  return IncidentId{*id};
}

template <class Connection>
Result<void> IncidentQueries<Connection>::update_incident(Connection& connection, const Incident& incident) {
  // In k_changeable_columns order.
  static const std::string sql =
      "UPDATE incidents SET category = ?, title = ?, severity = ?, status = ?, commander = ?, responded_at = ?, "
      "last_update_at = ?, update_reminded_at = ?, resolved_at = ?, closed_at = ?, caused_by_change = ?, "
      "postmortem = ?, pending_actions = ? WHERE id = ? RETURNING id";
  auto statement = connection.prepare(sql);
  bind_changeable_fields(statement, incident);
  statement.bind(k_changeable_count + 1, incident.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "incident " + std::to_string(incident.id.value) + " does not exist");
  return {};
}

template <class Connection>
Result<void> IncidentQueries<Connection>::append_incident_update(Connection& connection, IncidentId incident,
                                                                 const IncidentUpdate& update) {
  auto statement = connection.prepare(
      "INSERT INTO incident_updates (incident_id, at, author, kind, message) VALUES (?, ?, ?, ?, ?)");
  statement.bind(1, incident.value).bind(2, to_epoch_ms(update.at)).bind(3, update.author);
  statement.bind(4, update.kind).bind(5, update.message);
  return statement.run();
}

template <class Connection>
Result<std::optional<IncidentId>> IncidentQueries<Connection>::link_incident_ticket(Connection& connection,
                                                                                    IncidentId incident,
                                                                                    TicketId ticket, Timestamp at) {
  auto current = connection.prepare("SELECT incident_id FROM incident_tickets WHERE ticket_id = ?");
  current.bind(1, ticket.value);
  auto before = optional_row<IncidentId>(
      current, [](const Statement& row) -> Result<IncidentId> { return IncidentId{row.int64(0)}; });
  if (!before) return tl::unexpected(before.error());
  auto statement = connection.prepare(
      "INSERT INTO incident_tickets (ticket_id, incident_id, linked_at) VALUES (?, ?, ?) "
      "ON CONFLICT (ticket_id) DO UPDATE SET incident_id = excluded.incident_id, linked_at = excluded.linked_at");
  statement.bind(1, ticket.value).bind(2, incident.value).bind(3, to_epoch_ms(at));
  if (auto linked = statement.run(); !linked) return tl::unexpected(linked.error());
  return *before;
}

template <class Connection>
Result<bool> IncidentQueries<Connection>::unlink_incident_ticket(Connection& connection, IncidentId incident,
                                                                 TicketId ticket) {
  auto statement =
      connection.prepare("DELETE FROM incident_tickets WHERE ticket_id = ? AND incident_id = ? RETURNING ticket_id");
  statement.bind(1, ticket.value).bind(2, incident.value);
  auto deleted = returned_value(statement);
  if (!deleted) return tl::unexpected(deleted.error());
  return deleted->has_value();
}

template <class Connection>
Result<void> IncidentQueries<Connection>::insert_change(Connection& connection, const ChangeRecord& change) {
  // ON CONFLICT rather than catching the violation: on PostgreSQL a failed statement aborts the
  // whole transaction.
  auto statement = connection.prepare(
      "INSERT INTO changes (id, summary, system, deployed_at, link, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING 1");
  statement.bind(1, change.id).bind(2, change.summary).bind(3, change.system).bind(4, to_epoch_ms(change.deployed_at));
  statement.bind(5, change.link).bind(6, change.recorded_by).bind(7, to_epoch_ms(change.recorded_at));
  auto inserted = returned_value(statement);
  if (!inserted) return tl::unexpected(inserted.error());
  if (!*inserted) return fail(ErrorCode::conflict, "a change '" + change.id + "' is recorded already");
  return {};
}

template <class Connection>
Result<std::optional<std::string>> IncidentQueries<Connection>::link_change_ticket(Connection& connection,
                                                                                   std::string_view change,
                                                                                   TicketId ticket, Timestamp at) {
  auto current = connection.prepare("SELECT change_id FROM change_tickets WHERE ticket_id = ?");
  current.bind(1, ticket.value);
  auto before =
      optional_row<std::string>(current, [](const Statement& row) -> Result<std::string> { return row.text(0); });
  if (!before) return tl::unexpected(before.error());
  auto statement = connection.prepare(
      "INSERT INTO change_tickets (ticket_id, change_id, linked_at) VALUES (?, ?, ?) "
      "ON CONFLICT (ticket_id) DO UPDATE SET change_id = excluded.change_id, linked_at = excluded.linked_at");
  statement.bind(1, ticket.value).bind(2, change).bind(3, to_epoch_ms(at));
  if (auto linked = statement.run(); !linked) return tl::unexpected(linked.error());
  return *before;
}

template <class Connection>
Result<void> IncidentQueries<Connection>::replace_incident_update_message(Connection& connection, IncidentId incident,
                                                                          std::string_view from, std::string_view to) {
  auto statement = connection.prepare("UPDATE incident_updates SET message = ? WHERE incident_id = ? AND message = ?");
  statement.bind(1, to).bind(2, incident.value).bind(3, from);
  return statement.run();
}

template <class Connection>
Result<void> IncidentQueries<Connection>::update_change_summary(Connection& connection, std::string_view id,
                                                                std::string_view summary) {
  auto statement = connection.prepare("UPDATE changes SET summary = ? WHERE id = ? RETURNING id");
  statement.bind(1, summary).bind(2, id);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "change '" + std::string(id) + "' does not exist");
  return {};
}

template struct IncidentQueries<sqlite::Connection>;
template struct IncidentQueries<postgresql::Connection>;

}  // namespace snag::sql
