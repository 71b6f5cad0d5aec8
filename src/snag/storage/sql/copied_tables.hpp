#pragma once
// Every table of the schema (schema.cpp) that holds an installation's data, with its columns,
// as `snag db copy` (storage/copy/) moves them between databases. Keep it next to the schema:
// a migration that adds a table or a column adds it here too. The copy refuses a destination
// whose migrated schema has a table or column missing here (copy_schema_differences in
// storage/copy/database_copy.hpp), and storage_tests fail on it, so nothing is skipped silently.
//
// Not listed, because they are not data: snag_schema (PostgreSQL's schema version), SQLite's
// tickets_fts and its FTS5 shadow tables (rebuilt from tickets after a copy), sqlite_sequence
// and sqlite_stat* (SQLite's own), and PostgreSQL's generated tickets.search column.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace snag::sql {

// The two kinds of value the schema stores ({integer} and TEXT, either possibly NULL).
enum class ColumnType { integer, text };

struct CopiedColumn {
  std::string_view name;
  ColumnType type;
};

struct CopiedTable {
  std::string_view name;
  // In schema order. The first key_columns columns are the primary key, which orders the copy.
  std::span<const CopiedColumn> columns;
  std::size_t key_columns;
  // The first column is an id the database issues ({serial}); the copy carries its counter over.
  bool serial;
};

namespace copied_columns {
using enum ColumnType;
inline constexpr std::array<CopiedColumn, 27> k_tickets{{
    {"id", integer},
    {"type", text},
    {"title", text},
    {"description", text},
    {"status", text},
    {"severity", text},
    {"team", text},
    {"assignee", text},
    {"candidate_ats", text},
    {"candidate_external_id", text},
    {"labels", text},
    {"fields", text},
    {"reporter", text},
    {"created_at", integer},
    {"updated_at", integer},
    {"version", integer},
    {"resolution_due_at", integer},
    {"resolved_at", integer},
    {"watchers", text},
    {"sla_calendar", text},
    {"candidate_geography", text},
    {"first_response_due_at", integer},
    {"first_responded_at", integer},
    {"sla_paused_at", integer},
    {"sla_paused_ms", integer},
    {"sla_fired", text},
    {"sla_next_check_at", integer},
}};
inline constexpr std::array<CopiedColumn, 5> k_comments{{
    {"id", integer},
    {"ticket_id", integer},
    {"author", text},
    {"body", text},
    {"created_at", integer},
}};
inline constexpr std::array<CopiedColumn, 13> k_journal{{
    {"seq", integer},
    {"ticket_id", integer},
    {"event", integer},
    {"at", integer},
    {"actor", text},
    {"action", text},
    {"field", text},
    {"old_value", text},
    {"new_value", text},
    {"content_digest", text},
    {"prev_hash", text},
    {"hash", text},
    {"redacted", integer},
}};
inline constexpr std::array<CopiedColumn, 5> k_idempotency_keys{{
    {"scope", text},
    {"key", text},
    {"fingerprint", text},
    {"ticket_id", integer},
    {"created_at", integer},
}};
inline constexpr std::array<CopiedColumn, 12> k_candidates{{
    {"ats", text},
    {"external_id", text},
    {"name", text},
    {"email", text},
    {"level", text},
    {"geography", text},
    {"fields", text},
    {"created_at", integer},
    {"updated_at", integer},
    {"purged_at", integer},
    {"erased_at", integer},
    {"withdrawn_at", integer},
}};
inline constexpr std::array<CopiedColumn, 12> k_api_keys{{
    {"id", integer},
    {"name", text},
    {"role", text},
    {"team", text},
    {"secret_hash", text},
    {"created_at", integer},
    {"expires_at", integer},
    {"revoked", integer},
    {"scopes", text},
    {"owner", text},
    {"last_used_at", integer},
    {"replaced_by", integer},
}};
inline constexpr std::array<CopiedColumn, 9> k_users{{
    {"id", integer},
    {"username", text},
    {"display_name", text},
    {"role", text},
    {"team", text},
    {"password_hash", text},
    {"created_at", integer},
    {"disabled", integer},
    {"email", text},
}};
inline constexpr std::array<CopiedColumn, 6> k_sessions{{
    {"token_hash", text},
    {"user_id", integer},
    {"csrf_token", text},
    {"created_at", integer},
    {"expires_at", integer},
    {"address", text},
}};
inline constexpr std::array<CopiedColumn, 9> k_oauth_clients{{
    {"id", integer},
    {"client_id", text},
    {"name", text},
    {"role", text},
    {"team", text},
    {"scopes", text},
    {"secret_hash", text},
    {"created_at", integer},
    {"revoked", integer},
}};
inline constexpr std::array<CopiedColumn, 3> k_server_secrets{{
    {"name", text},
    {"value", text},
    {"created_at", integer},
}};
inline constexpr std::array<CopiedColumn, 4> k_ticket_day_counts{{
    {"day", integer},
    {"type", text},
    {"reporter", text},
    {"tickets", integer},
}};
inline constexpr std::array<CopiedColumn, 5> k_resolution_hours{{
    {"grouped_by", text},
    {"group_value", text},
    {"hour", integer},
    {"tickets", integer},
    {"duration_ms", integer},
}};
inline constexpr std::array<CopiedColumn, 4> k_withdrawal_cohorts{{
    {"day", integer},
    {"type", text},
    {"candidates", integer},
    {"withdrawn", integer},
}};
inline constexpr std::array<CopiedColumn, 3> k_candidate_delay_days{{
    {"day", integer},
    {"type", text},
    {"delay_ms", integer},
}};
inline constexpr std::array<CopiedColumn, 3> k_server_state{{
    {"name", text},
    {"value", text},
    {"updated_at", integer},
}};
inline constexpr std::array<CopiedColumn, 12> k_access_log{{
    {"seq", integer},
    {"at", integer},
    {"actor", text},
    {"credential", text},
    {"action", text},
    {"object", text},
    {"ticket_id", integer},
    {"candidate_ats", text},
    {"candidate_external_id", text},
    {"address", text},
    {"prev_hash", text},
    {"hash", text},
}};
inline constexpr std::array<CopiedColumn, 14> k_jobs{{
    {"id", integer},
    {"kind", text},
    {"payload", text},
    {"state", text},
    {"run_at", integer},
    {"attempts", integer},
    {"max_attempts", integer},
    {"leased_by", text},
    {"lease_token", text},
    {"lease_until", integer},
    {"dedupe_key", text},
    {"last_error", text},
    {"created_at", integer},
    {"finished_at", integer},
}};
inline constexpr std::array<CopiedColumn, 11> k_connectors{{
    {"id", text},
    {"vendor", text},
    {"ats", text},
    {"mode", text},
    {"secrets", text},
    {"api_url", text},
    {"api_key", text},
    {"sync_watermark", integer},
    {"synced_at", integer},
    {"created_at", integer},
    {"disabled", integer},
}};
inline constexpr std::array<CopiedColumn, 14> k_deliveries{{
    {"id", integer},
    {"connector", text},
    {"event_id", text},
    {"received_at", integer},
    {"headers", text},
    {"body", text},
    {"state", text},
    {"run_at", integer},
    {"attempts", integer},
    {"leased_by", text},
    {"lease_token", text},
    {"lease_until", integer},
    {"last_error", text},
    {"finished_at", integer},
}};
inline constexpr std::array<CopiedColumn, 3> k_ats_objects{{
    {"connector", text},
    {"object", text},
    {"applied_at", integer},
}};
inline constexpr std::array<CopiedColumn, 4> k_candidate_merges{{
    {"ats", text},
    {"external_id", text},
    {"into_external_id", text},
    {"merged_at", integer},
}};
inline constexpr std::array<CopiedColumn, 9> k_reconciliations{{
    {"id", integer},
    {"connector", text},
    {"kind", text},
    {"candidate_ats", text},
    {"candidate_external_id", text},
    {"detail", text},
    {"created_at", integer},
    {"resolved_at", integer},
    {"ticket_id", integer},
}};
inline constexpr std::array<CopiedColumn, 5> k_vendor_attestations{{
    {"vendor", text},
    {"name", text},
    {"soc2_type2_expires_at", integer},
    {"iso27001_expires_at", integer},
    {"updated_at", integer},
}};
inline constexpr std::array<CopiedColumn, 10> k_subscriptions{{
    {"id", integer},
    {"name", text},
    {"url", text},
    {"secret", text},
    {"vendor", text},
    {"events", text},
    {"field_allowlist", text},
    {"consecutive_failures", integer},
    {"disabled_at", integer},
    {"created_at", integer},
}};
inline constexpr std::array<CopiedColumn, 14> k_outbox{{
    {"id", integer},
    {"subscription_id", integer},
    {"event_type", text},
    {"message_id", text},
    {"payload", text},
    {"state", text},
    {"run_at", integer},
    {"attempts", integer},
    {"leased_by", text},
    {"lease_token", text},
    {"lease_until", integer},
    {"last_error", text},
    {"created_at", integer},
    {"finished_at", integer},
}};
inline constexpr std::array<CopiedColumn, 8> k_notifications{{
    {"id", integer},
    {"recipient", text},
    {"ticket_id", integer},
    {"kind", text},
    {"rule", text},
    {"message", text},
    {"created_at", integer},
    {"read_at", integer},
}};
inline constexpr std::array<CopiedColumn, 12> k_suppression_windows{{
    {"id", integer},
    {"name", text},
    {"reason", text},
    {"scope", text},
    {"scope_value", text},
    {"starts_at", integer},
    {"ends_at", integer},
    {"on_end", text},
    {"created_by", text},
    {"created_at", integer},
    {"ended_early_at", integer},
    {"settled_at", integer},
}};
inline constexpr std::array<CopiedColumn, 7> k_suppressed_escalations{{
    {"id", integer},
    {"window_id", integer},
    {"ticket_id", integer},
    {"rule", text},
    {"due_at", integer},
    {"state", text},
    {"settled_at", integer},
}};
inline constexpr std::array<CopiedColumn, 7> k_interviews{{
    {"connector", text},
    {"object", text},
    {"ats", text},
    {"candidate_external_id", text},
    {"starts_at", integer},
    {"cancelled", integer},
    {"updated_at", integer},
}};
inline constexpr std::array<CopiedColumn, 5> k_rule_sets{{
    {"version", integer},
    {"yaml", text},
    {"rule_count", integer},
    {"created_at", integer},
    {"created_by", text},
}};
inline constexpr std::array<CopiedColumn, 9> k_legal_holds{{
    {"id", integer},
    {"candidate_ats", text},
    {"candidate_external_id", text},
    {"ticket_id", integer},
    {"reason", text},
    {"placed_by", text},
    {"placed_at", integer},
    {"released_at", integer},
    {"released_by", text},
}};
inline constexpr std::array<CopiedColumn, 10> k_erasure_requests{{
    {"id", integer},
    {"candidate_ats", text},
    {"candidate_external_id", text},
    {"source", text},
    {"requested_by", text},
    {"requested_at", integer},
    {"status", text},
    {"held_by", text},
    {"completed_at", integer},
    {"report", text},
}};
inline constexpr std::array<CopiedColumn, 7> k_changes{{
    {"id", text},
    {"summary", text},
    {"system", text},
    {"deployed_at", integer},
    {"link", text},
    {"recorded_by", text},
    {"recorded_at", integer},
}};
inline constexpr std::array<CopiedColumn, 16> k_incidents{{
    {"id", integer},
    {"category", text},
    {"title", text},
    {"severity", text},
    {"status", text},
    {"commander", text},
    {"opened_by", text},
    {"opened_at", integer},
    {"responded_at", integer},
    {"last_update_at", integer},
    {"update_reminded_at", integer},
    {"resolved_at", integer},
    {"closed_at", integer},
    {"caused_by_change", text},
    {"postmortem", text},
    {"pending_actions", integer},
}};
inline constexpr std::array<CopiedColumn, 3> k_incident_tickets{{
    {"ticket_id", integer},
    {"incident_id", integer},
    {"linked_at", integer},
}};
inline constexpr std::array<CopiedColumn, 6> k_incident_updates{{
    {"id", integer},
    {"incident_id", integer},
    {"at", integer},
    {"author", text},
    {"kind", text},
    {"message", text},
}};
inline constexpr std::array<CopiedColumn, 3> k_change_tickets{{
    {"ticket_id", integer},
    {"change_id", text},
    {"linked_at", integer},
}};
inline constexpr std::array<CopiedColumn, 7> k_saved_views{{
    {"id", integer},
    {"owner", text},
    {"name", text},
    {"query", text},
    {"shared", integer},
    {"created_at", integer},
    {"updated_at", integer},
}};
}  // namespace copied_columns

// In copy order: a table comes after the tables its foreign keys name (comments → tickets →
// candidates).
// Jobs are copied as they are, leases included: a lease held by a node of the old installation
// expires and the job is leased again; done jobs keep their dedupe keys, so the scheduler does
// not enqueue a slot twice.
inline constexpr std::array<CopiedTable, 38> k_copied_tables{{
    {"candidates", copied_columns::k_candidates, 2, false},
    {"tickets", copied_columns::k_tickets, 1, true},
    {"comments", copied_columns::k_comments, 1, true},
    {"journal", copied_columns::k_journal, 1, false},
    {"idempotency_keys", copied_columns::k_idempotency_keys, 2, false},
    {"api_keys", copied_columns::k_api_keys, 1, true},
    {"jobs", copied_columns::k_jobs, 1, true},
    {"users", copied_columns::k_users, 1, true},
    {"sessions", copied_columns::k_sessions, 1, false},
    {"oauth_clients", copied_columns::k_oauth_clients, 1, true},
    {"server_secrets", copied_columns::k_server_secrets, 1, false},
    {"server_state", copied_columns::k_server_state, 1, false},
    {"ticket_day_counts", copied_columns::k_ticket_day_counts, 3, false},
    {"resolution_hours", copied_columns::k_resolution_hours, 3, false},
    {"withdrawal_cohorts", copied_columns::k_withdrawal_cohorts, 2, false},
    {"candidate_delay_days", copied_columns::k_candidate_delay_days, 2, false},
    {"access_log", copied_columns::k_access_log, 1, false},
    {"connectors", copied_columns::k_connectors, 1, false},
    {"deliveries", copied_columns::k_deliveries, 1, true},
    {"ats_objects", copied_columns::k_ats_objects, 2, false},
    {"candidate_merges", copied_columns::k_candidate_merges, 2, false},
    {"reconciliations", copied_columns::k_reconciliations, 1, true},
    {"vendor_attestations", copied_columns::k_vendor_attestations, 1, false},
    {"subscriptions", copied_columns::k_subscriptions, 1, true},
    {"outbox", copied_columns::k_outbox, 1, true},
    {"notifications", copied_columns::k_notifications, 1, true},
    {"suppression_windows", copied_columns::k_suppression_windows, 1, true},
    {"suppressed_escalations", copied_columns::k_suppressed_escalations, 1, true},
    {"interviews", copied_columns::k_interviews, 2, false},
    {"rule_sets", copied_columns::k_rule_sets, 1, false},
    {"legal_holds", copied_columns::k_legal_holds, 1, true},
    {"erasure_requests", copied_columns::k_erasure_requests, 1, true},
    {"changes", copied_columns::k_changes, 1, false},
    {"change_tickets", copied_columns::k_change_tickets, 1, false},
    {"incidents", copied_columns::k_incidents, 1, true},
    {"incident_tickets", copied_columns::k_incident_tickets, 1, false},
    {"incident_updates", copied_columns::k_incident_updates, 1, true},
    {"saved_views", copied_columns::k_saved_views, 1, true},
}};

}  // namespace snag::sql
