#pragma once
// The mapping between a Ticket and a row of `tickets`, shared by every statement that reads or
// writes tickets so that the column order is written down once.

#include <string_view>

#include <snag/domain/ticket.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

// The columns read_ticket expects, in order, qualified by nothing (usable after SELECT).
extern const std::string_view k_ticket_columns;

// Binds every column except id to parameters first..first+16 in k_ticket_columns order (minus id).
void bind_ticket(Statement& statement, int first, const Ticket& ticket);

// Reads a ticket from the current row of a statement that selected k_ticket_columns first.
// internal when a stored JSON value or severity is corrupt.
Result<Ticket> read_ticket(const Statement& statement);

}  // namespace snag::sqlite
