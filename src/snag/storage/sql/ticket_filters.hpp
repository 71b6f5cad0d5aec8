#pragma once
// The WHERE conditions that the ticket list and the report aggregates share (list_sql.hpp,
// volume_sql.hpp): a TicketQuery's filters and its caller's scope, every value a bound parameter.

#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ticket_query.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/list_sql.hpp>

namespace snag::sql {

// " AND condition" clauses and their parameters, in order.
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

std::vector<std::string> unique_sorted(std::vector<std::string> values);

// Who may see the ticket (domain/access/visibility.hpp's can_see, as conditions).
void add_scope(Builder& builder, const TicketScope& scope, const Dialect& dialect);

// Whether the query asks for the synthetic probe's candidates by name: the only way their
// tickets appear in a list or report.
bool names_synthetic_candidates(const TicketQuery& query);

// The filters every plan applies as conditions on the ticket row (beyond status, severity,
// team and the text).
Builder other_filters(const TicketQuery& query, const Dialect& dialect);

// The query's severities by name, sorted, each once.
std::vector<std::string> severity_names(const TicketQuery& query);

// Whether the query filters tickets on more than their issue type and opening time: what the
// summaries kept per type and day (kept_summaries.hpp) cannot answer.
bool filters_beyond_type_and_opening(const TicketQuery& query);

// The conditions of a report's aggregate: every filter of the query but its text.
Builder report_filters(const TicketQuery& query, const Dialect& dialect);

}  // namespace snag::sql
