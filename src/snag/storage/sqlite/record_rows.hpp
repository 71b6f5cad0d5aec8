#pragma once
// Row mappings for the smaller tables: journal entries, candidates and API keys.

#include <string_view>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

extern const std::string_view k_journal_columns;
// Binds all k_journal_columns (seq first) to parameters 1..12.
void bind_journal_entry(Statement& statement, const JournalEntry& entry);
Result<JournalEntry> read_journal_entry(const Statement& statement);

extern const std::string_view k_candidate_columns;
// Binds all k_candidate_columns to parameters 1..9.
void bind_candidate(Statement& statement, const Candidate& candidate);
Result<Candidate> read_candidate(const Statement& statement);

extern const std::string_view k_api_key_columns;
ApiKeyRecord read_api_key(const Statement& statement);

}  // namespace snag::sqlite
