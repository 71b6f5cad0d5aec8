#include <algorithm>
#include <array>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/ticket_filters.hpp>

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

SqlValue cursor_value(TicketSort sort, std::int64_t value) {
  if (sort == TicketSort::severity_asc) {
    return std::string(to_string(static_cast<Severity>(std::clamp<std::int64_t>(value, 1, 4))));
  }
  return value;
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

}  // namespace snag::sql
