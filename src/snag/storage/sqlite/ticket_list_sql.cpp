#include <algorithm>

#include <snag/storage/sqlite/ticket_list_sql.hpp>
#include <snag/storage/sqlite/ticket_rows.hpp>

namespace snag::sqlite {

namespace {

// ASCII letters and digits and every byte of a multi-byte UTF-8 character are word characters,
// as for FTS5's unicode61 tokenizer; everything else (quotes, operators, '*') separates words.
bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

constexpr std::size_t k_max_search_words = 16;

struct SortSpec {
  std::string_view column;
  bool descending;
};

SortSpec sort_spec(TicketSort sort) {
  switch (sort) {
    case TicketSort::created_asc: return {"created_at", false};
    case TicketSort::created_desc: return {"created_at", true};
    case TicketSort::updated_asc: return {"updated_at", false};
    case TicketSort::updated_desc: return {"updated_at", true};
    case TicketSort::severity_asc: return {"severity", false};
  }
  return {"created_at", true};
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

}  // namespace

std::optional<std::string> fts_match_expression(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < k_max_search_words) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
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

Result<std::optional<ListSql>> build_list_sql(const TicketQuery& query, TextPlan plan) {
  Builder builder;
  builder.add_in("status", query.statuses);
  std::vector<std::string> severities;
  for (Severity severity : query.severities) severities.emplace_back(to_string(severity));
  builder.add_in("severity", severities);
  builder.add_in("type", query.types);
  builder.add_in("team", query.teams);
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
  if (query.text) {
    auto match = fts_match_expression(*query.text);
    if (!match) return std::optional<ListSql>{};
    // The unary + keeps the planner from driving the query by the matches' rowids.
    const char* condition = plan == TextPlan::few_matches
                                ? "id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)"
                            : plan == TextPlan::many_matches
                                ? "+id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)"
                                : "EXISTS (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid = tickets.id)";
    builder.add(condition, {std::move(*match)});
  }
  if (query.created_after) builder.add("created_at >= ?", {to_epoch_ms(*query.created_after)});
  if (query.created_before) builder.add("created_at < ?", {to_epoch_ms(*query.created_before)});

  const SortSpec spec = sort_spec(query.sort);
  if (query.cursor) {
    if (query.cursor->sort != query.sort) {
      return fail(ErrorCode::invalid_argument, "the cursor belongs to another sort order");
    }
    // Row-value comparison: SQLite turns it into a range on the (sort column, rowid) index.
    std::string condition = "(";
    condition += spec.column;
    condition += spec.descending ? ", id) < (?, ?)" : ", id) > (?, ?)";
    builder.add(condition, {cursor_value(query.sort, query.cursor->sort_value), query.cursor->last_id.value});
  }

  ListSql list;
  list.page_size = std::clamp(query.limit, 1, k_max_page_size);
  list.sql = "SELECT ";
  list.sql += k_ticket_columns;
  list.sql += " FROM tickets WHERE 1";
  list.sql += builder.where();
  list.sql += " ORDER BY ";
  list.sql += spec.column;
  list.sql += spec.descending ? " DESC, id DESC" : ", id";
  list.sql += " LIMIT ?";
  list.params = std::move(builder.params());
  list.params.emplace_back(std::int64_t{list.page_size + 1});
  return std::optional<ListSql>{std::move(list)};
}

std::int64_t list_sort_value(const Ticket& ticket, TicketSort sort) {
  switch (sort) {
    case TicketSort::created_asc:
    case TicketSort::created_desc: return to_epoch_ms(ticket.created_at);
    case TicketSort::updated_asc:
    case TicketSort::updated_desc: return to_epoch_ms(ticket.updated_at);
    case TicketSort::severity_asc: return static_cast<std::int64_t>(ticket.severity);
  }
  return 0;
}

}  // namespace snag::sqlite
