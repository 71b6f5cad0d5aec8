#include <algorithm>
#include <array>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/storage/sql/rows.hpp>

namespace snag::sql {

namespace {

constexpr std::array<std::string_view, 4> k_all_severities{"sev1", "sev2", "sev3", "sev4"};

bool is_created_sort(TicketSort sort) { return sort == TicketSort::created_asc || sort == TicketSort::created_desc; }

struct SortSpec {
  std::string_view column;  // "id" for the created sorts
  bool descending;
};

SortSpec sort_spec(TicketSort sort) {
  switch (sort) {
    case TicketSort::created_asc: return {"id", false};
    case TicketSort::created_desc: return {"id", true};
    case TicketSort::updated_asc: return {"updated_at", false};
    case TicketSort::updated_desc: return {"updated_at", true};
    case TicketSort::severity_asc: return {"severity", false};
  }
  return {"id", true};
}

// "ORDER BY …" for a sort, always ending in the id tie-break, with `id` spelled as given.
std::string order_by(const SortSpec& spec, std::string_view id = "id") {
  std::string sql = " ORDER BY ";
  if (spec.column != "id") {
    sql += spec.column;
    sql += spec.descending ? " DESC, " : ", ";
  }
  sql += id;
  sql += spec.descending ? " DESC" : "";
  return sql;
}

// The select list, qualified so that it stays unambiguous when joined with tickets_fts.
const std::string& qualified_ticket_columns() {
  static const std::string columns = [] {
    std::string out;
    std::string_view rest = k_ticket_columns;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view column = rest.substr(0, comma);
      while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
      if (!out.empty()) out += ", ";
      out += "tickets.";
      out += column;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    return out;
  }();
  return columns;
}

class Builder {
 public:
  void add_in(std::string_view column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    m_where += " AND ";
    m_where += column;
    m_where += " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      m_where += i ? ", ?" : "?";
      m_params.emplace_back(values[i]);
    }
    m_where += ")";
  }
  void add(std::string_view condition, std::vector<SqlValue> params) {
    m_where += " AND ";
    m_where += condition;
    for (auto& param : params) m_params.push_back(std::move(param));
  }
  // Appends another builder's conditions and parameters.
  void append(const Builder& other) {
    m_where += other.m_where;
    m_params.insert(m_params.end(), other.m_params.begin(), other.m_params.end());
  }
  std::string& where() { return m_where; }
  std::vector<SqlValue>& params() { return m_params; }

 private:
  std::string m_where;
  std::vector<SqlValue> m_params;
};

SqlValue cursor_value(TicketSort sort, std::int64_t value) {
  if (sort == TicketSort::severity_asc) {
    return std::string(to_string(static_cast<Severity>(std::clamp<std::int64_t>(value, 1, 4))));
  }
  return value;
}

std::vector<std::string> unique_sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// Who may see the ticket (domain/access/visibility.hpp's can_see, as conditions).
void add_scope(Builder& builder, const TicketScope& scope, const Dialect& dialect) {
  if (scope.types) {
    if (scope.types->empty()) {
      builder.add("FALSE", {});
      return;
    }
    builder.add_in("type", *scope.types);
  }
  if (scope.every_team) return;
  std::string condition = "(reporter = ? OR assignee = ? OR ";
  condition += dialect.watcher_condition;
  std::vector<SqlValue> params{scope.principal, scope.principal, scope.principal};
  if (scope.team) {
    condition += " OR team = ?";
    params.emplace_back(*scope.team);
  }
  condition += ")";
  builder.add(condition, std::move(params));
}

// Whether the query asks for the synthetic probe's candidates by name: the only way their
// tickets appear in a list or report.
bool names_synthetic_candidates(const TicketQuery& query) {
  return std::any_of(query.candidates.begin(), query.candidates.end(),
                     [](const CandidateRef& candidate) { return candidate.ats == k_synthetic_ats; });
}

// The filters every plan applies as conditions on the ticket row (beyond status, severity,
// team and the text).
Builder other_filters(const TicketQuery& query, const Dialect& dialect) {
  Builder builder;
  if (query.scope) add_scope(builder, *query.scope, dialect);
  // By the external id alone (synthetic_probe.hpp): the report aggregates' covering index
  // (tickets_type_totals) holds it, not the candidate's ATS.
  if (!names_synthetic_candidates(query)) {
    builder.add("(candidate_external_id IS NULL OR candidate_external_id <> ?)",
                {std::string(k_synthetic_candidate_id)});
  }
  builder.add_in("type", query.types);
  builder.add_in("assignee", query.assignees);
  if (!query.candidates.empty()) {
    std::string condition = "(";
    std::vector<SqlValue> params;
    for (std::size_t i = 0; i < query.candidates.size(); ++i) {
      condition += i ? " OR (candidate_ats = ? AND candidate_external_id = ?)"
                     : "(candidate_ats = ? AND candidate_external_id = ?)";
      params.emplace_back(query.candidates[i].ats);
      params.emplace_back(query.candidates[i].external_id);
    }
    condition += ")";
    builder.add(condition, std::move(params));
  }
  if (query.created_after) builder.add("created_at >= ?", {to_epoch_ms(*query.created_after)});
  if (query.created_before) builder.add("created_at < ?", {to_epoch_ms(*query.created_before)});
  return builder;
}

std::vector<std::string> severity_names(const TicketQuery& query) {
  std::vector<std::string> names;
  for (Severity severity : query.severities) names.emplace_back(to_string(severity));
  return unique_sorted(std::move(names));
}

// The UNION ALL plan, or nullopt when it does not apply (see the header).
std::optional<std::optional<ListSql>> branch_plan(const TicketQuery& query, const Builder& others, int page_size,
                                                  const Dialect& dialect) {
  if (query.text || !query.candidates.empty()) return std::nullopt;
  if (!is_created_sort(query.sort) && query.sort != TicketSort::severity_asc) return std::nullopt;
  if (query.statuses.empty() && query.severities.empty() && query.teams.empty()) return std::nullopt;
  const auto statuses = unique_sorted(query.statuses);
  const auto teams = unique_sorted(query.teams);
  auto severities = severity_names(query);
  if (severities.empty()) severities.assign(k_all_severities.begin(), k_all_severities.end());
  const std::size_t branches =
      std::max<std::size_t>(statuses.size(), 1) * std::max<std::size_t>(teams.size(), 1) * severities.size();
  if (branches > k_max_list_branches) return std::nullopt;

  // Each index holds the equality columns and implicitly ends in the rowid (id).
  const std::string_view index = !statuses.empty() && !teams.empty() ? "tickets_status_team_severity"
                                 : !statuses.empty()                 ? "tickets_status_severity"
                                 : !teams.empty()                    ? "tickets_team_severity"
                                                                     : "tickets_severity";
  const SortSpec spec = sort_spec(query.sort);
  const std::string branch_order = spec.descending ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ?";
  const std::vector<std::string> no_value{std::string()};
  ListSql list;
  list.page_size = page_size;
  std::string unions;
  for (const auto& status : statuses.empty() ? no_value : statuses) {
    for (const auto& team : teams.empty() ? no_value : teams) {
      for (const auto& severity : severities) {
        Builder branch;
        if (!statuses.empty()) branch.add("status = ?", {status});
        if (!teams.empty()) branch.add("team = ?", {team});
        branch.add("severity = ?", {severity});
        branch.append(others);
        if (query.cursor) {
          if (is_created_sort(query.sort)) {
            branch.add(spec.descending ? "id < ?" : "id > ?", {query.cursor->last_id.value});
          } else {
            // Severity order: earlier severities are done, the cursor's own continues after its id.
            const auto after = std::get<std::string>(cursor_value(query.sort, query.cursor->sort_value));
            if (severity < after) continue;
            if (severity == after) branch.add("id > ?", {query.cursor->last_id.value});
          }
        }
        if (!unions.empty()) unions += " UNION ALL ";
        unions += "SELECT id, severity FROM (SELECT id, severity FROM tickets";
        if (dialect.index_hints) {
          unions += " INDEXED BY ";
          unions += index;
        }
        unions += " WHERE TRUE";
        unions += branch.where();
        unions += branch_order;
        unions += ") AS branch";
        for (auto& param : branch.params()) list.params.push_back(std::move(param));
        list.params.emplace_back(std::int64_t{page_size + 1});
      }
    }
  }
  if (unions.empty()) return std::optional<ListSql>{};  // the cursor is past every branch
  list.sql = "SELECT ";
  list.sql += qualified_ticket_columns();
  list.sql += " FROM tickets WHERE id IN (SELECT id FROM (";
  list.sql += unions;
  list.sql += ") AS branches";
  list.sql += order_by(spec);
  list.sql += " LIMIT ?)";
  list.sql += order_by(spec);
  list.params.emplace_back(std::int64_t{page_size + 1});
  return std::optional<ListSql>{std::move(list)};
}

// Text search in id order: FTS5 yields the matches by rowid, newest (or oldest) first, and the
// page ends as soon as enough of them pass the other filters.
ListSql text_by_id_plan(const TicketQuery& query, std::string match, Builder filters, int page_size) {
  const SortSpec spec = sort_spec(query.sort);
  ListSql list;
  list.page_size = page_size;
  list.params.emplace_back(std::move(match));
  std::string cursor;
  if (query.cursor) {
    cursor = spec.descending ? " AND tickets_fts.rowid < ?" : " AND tickets_fts.rowid > ?";
    list.params.emplace_back(query.cursor->last_id.value);
  }
  // CROSS JOIN keeps tickets_fts as the outer loop, so its rowid order is the output order.
  list.sql = "SELECT ";
  list.sql += qualified_ticket_columns();
  list.sql += " FROM tickets_fts CROSS JOIN tickets ON tickets.id = tickets_fts.rowid WHERE tickets_fts MATCH ?";
  list.sql += cursor;
  list.sql += filters.where();
  list.sql += order_by(spec, "tickets_fts.rowid");
  list.sql += " LIMIT ?";
  for (auto& param : filters.params()) list.params.push_back(std::move(param));
  list.params.emplace_back(std::int64_t{page_size + 1});
  return list;
}

}  // namespace

std::optional<std::string> fts_match_expression(std::string_view text) {
  const auto words = search_words(text);
  if (words.empty()) return std::nullopt;
  std::string expression;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (w) expression += " AND ";
    expression += '"';
    for (char c : words[w]) {
      if (c == '"') expression += '"';  // cannot happen with the split above; kept as the FTS5 rule
      expression += c;
    }
    expression += '"';
  }
  return expression;
}

std::optional<std::string> tsquery_text(std::string_view text) {
  const auto words = search_words(text);
  if (words.empty()) return std::nullopt;
  std::string joined;
  for (const auto word : words) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return joined;
}

Result<std::optional<ListSql>> build_list_sql(const TicketQuery& query, const Dialect& dialect) {
  if (query.cursor && query.cursor->sort != query.sort) {
    return fail(ErrorCode::invalid_argument, "the cursor belongs to another sort order");
  }
  const int page_size = std::clamp(query.limit, 1, k_max_store_page_size);
  std::optional<std::string> match;
  if (query.text) {
    match = dialect.text_search == TextSearch::fts5 ? fts_match_expression(*query.text) : tsquery_text(*query.text);
    if (!match) return std::optional<ListSql>{};
  }
  const Builder others = other_filters(query, dialect);
  if (auto branches = branch_plan(query, others, page_size, dialect)) return std::move(*branches);

  Builder builder;
  builder.add_in("status", unique_sorted(query.statuses));
  builder.add_in("severity", severity_names(query));
  builder.add_in("team", unique_sorted(query.teams));
  builder.append(others);
  if (match && dialect.text_search == TextSearch::fts5) {
    if (is_created_sort(query.sort)) {
      return std::optional<ListSql>{text_by_id_plan(query, std::move(*match), std::move(builder), page_size)};
    }
    builder.add("id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)", {std::move(*match)});
  } else if (match) {
    builder.add("search @@ plainto_tsquery('simple', ?)", {std::move(*match)});
  }

  const SortSpec spec = sort_spec(query.sort);
  if (query.cursor) {
    if (is_created_sort(query.sort)) {
      builder.add(spec.descending ? "id < ?" : "id > ?", {query.cursor->last_id.value});
    } else {
      // Row-value comparison: a range on the (sort column, id) index.
      std::string condition = "(";
      condition += spec.column;
      condition += spec.descending ? ", id) < (?, ?)" : ", id) > (?, ?)";
      builder.add(condition, {cursor_value(query.sort, query.cursor->sort_value), query.cursor->last_id.value});
    }
  }

  ListSql list;
  list.page_size = page_size;
  list.sql = "SELECT ";
  list.sql += qualified_ticket_columns();
  list.sql += " FROM tickets WHERE TRUE";
  list.sql += builder.where();
  list.sql += order_by(spec);
  list.sql += " LIMIT ?";
  list.params = std::move(builder.params());
  list.params.emplace_back(std::int64_t{page_size + 1});
  return std::optional<ListSql>{std::move(list)};
}

namespace {

// The conditions of a report's aggregate: every filter of the query but its text.
Builder report_filters(const TicketQuery& query, const Dialect& dialect) {
  Builder builder;
  builder.add_in("status", unique_sorted(query.statuses));
  builder.add_in("severity", severity_names(query));
  builder.add_in("team", unique_sorted(query.teams));
  builder.append(other_filters(query, dialect));
  return builder;
}

}  // namespace

ListSql build_type_totals_sql(const TicketQuery& query, Timestamp now, const Dialect& dialect) {
  Builder builder = report_filters(query, dialect);
  // The delay's end (resolved_at, else now) is named once per row through a subquery, so that
  // `now` is one parameter.
  ListSql totals;
  totals.sql =
      "SELECT type, COUNT(*), CAST(COALESCE(SUM(CASE WHEN candidate_external_id IS NULL OR ended_at <= created_at "
      "THEN 0 ELSE ended_at - created_at END), 0) AS BIGINT) FROM (SELECT type, candidate_external_id, created_at, "
      "COALESCE(resolved_at, ?) AS ended_at FROM tickets WHERE TRUE";
  totals.sql += builder.where();
  totals.sql += ") AS selected GROUP BY type";
  totals.params.emplace_back(to_epoch_ms(now));
  for (auto& param : builder.params()) totals.params.push_back(std::move(param));
  return totals;
}

namespace {

// A fixed column expression per grouping, never caller text.
std::string_view volume_group_column(VolumeGrouping grouping) {
  switch (grouping) {
    case VolumeGrouping::team: return "team";
    case VolumeGrouping::issue_type: return "type";
    case VolumeGrouping::severity: return "severity";
    case VolumeGrouping::assignee: return "COALESCE(assignee, '')";
  }
  return "team";
}

}  // namespace

VolumeSql build_ticket_volume_sql(const TicketQuery& query, VolumeGrouping grouping, Timestamp now,
                                  const Dialect& dialect) {
  const std::string group(volume_group_column(grouping));
  const std::string duration = "CASE WHEN resolved_at > created_at THEN resolved_at - created_at ELSE 0 END";
  VolumeSql volume;

  // Whole days open: integer division, as the domain's floor for every age that is not negative.
  std::string sums = "SELECT g, CAST(SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS BIGINT), "
                     "COUNT(resolved_at), CAST(COALESCE(SUM(CASE WHEN resolved_at IS NULL THEN 0 ELSE " +
                     duration + " END), 0) AS BIGINT)";
  // A ticket opened after `now` (clocks differ between nodes) has a negative age: the first bucket.
  for (std::size_t bucket = 0; bucket <= k_aging_bucket_last_days.size(); ++bucket) {
    std::string range;
    if (bucket > 0) range += " AND age_days > " + std::to_string(k_aging_bucket_last_days[bucket - 1]);
    if (bucket < k_aging_bucket_last_days.size()) {
      range += " AND age_days <= " + std::to_string(k_aging_bucket_last_days[bucket]);
    }
    sums += ", CAST(SUM(CASE WHEN resolved_at IS NULL" + range + " THEN 1 ELSE 0 END) AS BIGINT)";
  }
  Builder sums_filters = report_filters(query, dialect);
  volume.sums.sql = sums + " FROM (SELECT " + group + " AS g, created_at, resolved_at, (? - created_at) / " +
                    std::to_string(24 * 3600 * 1000) + " AS age_days FROM tickets WHERE TRUE" + sums_filters.where() +
                    ") AS selected GROUP BY g";
  volume.sums.params.emplace_back(to_epoch_ms(now));
  for (auto& param : sums_filters.params()) volume.sums.params.push_back(std::move(param));

  // The median without a percentile function (SQLite has none): number the durations within
  // their group and keep the middle one (odd count) or two (even count).
  Builder median_filters = report_filters(query, dialect);
  volume.medians.sql =
      "SELECT g, CAST(SUM(d) AS BIGINT), COUNT(*) FROM (SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) "
      "AS position, COUNT(*) OVER (PARTITION BY g) AS n FROM (SELECT " +
      group + " AS g, " + duration + " AS d FROM tickets WHERE resolved_at IS NOT NULL" + median_filters.where() +
      ") AS resolved) AS numbered WHERE position IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g";
  volume.medians.params = std::move(median_filters.params());
  return volume;
}

namespace {

bool on_utc_day(std::optional<Timestamp> at) { return !at || to_epoch_ms(*at) % k_ms_per_day == 0; }

// Whether ticket_day_counts (day_counts.hpp) answers the weekly counts: the query selects the
// tickets by nothing it lacks (issue types, and a period of whole UTC days from the first week
// on), its caller sees every team, and its weeks start at midnight UTC. It holds no synthetic
// probe ticket, and only a query that names the probe's candidate counts them (it names a
// candidate).
bool day_counts_answer(const TicketQuery& query, Timestamp origin) {
  if (!query.statuses.empty() || !query.severities.empty() || !query.teams.empty() || !query.assignees.empty() ||
      !query.candidates.empty() || query.text) {
    return false;
  }
  if (query.scope && !query.scope->every_team) return false;
  if (!query.created_after || *query.created_after < origin) return false;
  return on_utc_day(origin) && on_utc_day(query.created_after) && on_utc_day(query.created_before);
}

ListSql build_weekly_day_counts_sql(const TicketQuery& query, Timestamp origin, std::string_view column,
                                    const Dialect& dialect) {
  Builder builder;
  if (query.scope) add_scope(builder, *query.scope, dialect);  // every team: the types alone
  builder.add_in("type", query.types);
  if (query.created_after) builder.add("day >= ?", {to_epoch_ms(*query.created_after) / k_ms_per_day});
  if (query.created_before) builder.add("day < ?", {to_epoch_ms(*query.created_before) / k_ms_per_day});
  // A day's tickets fall in the week of its midnight, as the origin is a midnight too. A row
  // left at zero (its tickets moved to another type or deleted) is no count.
  ListSql counts;
  counts.sql = "SELECT " + std::string(column) + ", (day * ? - ?) / ? AS week, CAST(SUM(tickets) AS BIGINT) FROM " +
               "ticket_day_counts WHERE TRUE" + builder.where() + " GROUP BY " + std::string(column) +
               ", week HAVING SUM(tickets) > 0";
  counts.params.emplace_back(k_ms_per_day);
  counts.params.emplace_back(to_epoch_ms(origin));
  counts.params.emplace_back(std::int64_t{7} * k_ms_per_day);
  for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  return counts;
}

}  // namespace

ListSql build_weekly_counts_sql(const TicketQuery& query, Timestamp origin, WeeklyCountKey key,
                                const Dialect& dialect) {
  // One of two fixed column names, never caller text.
  const std::string column = key == WeeklyCountKey::type ? "type" : "reporter";
  if (day_counts_answer(query, origin)) return build_weekly_day_counts_sql(query, origin, column, dialect);
  Builder builder = report_filters(query, dialect);
  ListSql counts;
  counts.sql = "SELECT " + column + ", week, COUNT(*) FROM (SELECT " + column +
               ", (created_at - ?) / ? AS week FROM tickets WHERE TRUE";
  counts.sql += builder.where();
  counts.sql += ") AS selected GROUP BY " + column + ", week";
  counts.params.emplace_back(to_epoch_ms(origin));
  counts.params.emplace_back(std::int64_t{7 * 24 * 3600 * 1000});
  for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  return counts;
}

ListSql build_withdrawal_counts_sql(const TicketQuery* query, std::optional<Timestamp> from,
                                    std::optional<Timestamp> to, const Dialect& dialect) {
  ListSql counts;
  if (query == nullptr) {
    counts.sql = "SELECT COUNT(*), COUNT(withdrawn_at) FROM candidates AS c WHERE c.ats <> ?";
  } else {
    // Each candidate once per type: the DISTINCT runs on the tickets before the join.
    Builder builder = report_filters(*query, dialect);
    counts.sql =
        "SELECT t.type, COUNT(*), COUNT(c.withdrawn_at) FROM (SELECT DISTINCT type, candidate_ats, "
        "candidate_external_id FROM tickets WHERE candidate_ats IS NOT NULL";
    counts.sql += builder.where();
    counts.sql +=
        ") AS t JOIN candidates AS c ON c.ats = t.candidate_ats AND c.external_id = t.candidate_external_id "
        "WHERE c.ats <> ?";
    for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  }
  // The synthetic probe's candidate is nobody.
  counts.params.emplace_back(std::string(k_synthetic_ats));
  if (from) {
    counts.sql += " AND c.created_at >= ?";
    counts.params.emplace_back(to_epoch_ms(*from));
  }
  if (to) {
    counts.sql += " AND c.created_at < ?";
    counts.params.emplace_back(to_epoch_ms(*to));
  }
  if (query != nullptr) counts.sql += " GROUP BY t.type";
  return counts;
}

}  // namespace snag::sql
