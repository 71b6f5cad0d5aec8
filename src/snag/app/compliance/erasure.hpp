#pragma once
// Carrying out erasure requests (domain/compliance/erasure.hpp) inside a write: filing one with
// the job that carries it out, and carrying it out, which the `erasure.run` job does (jobs/
// erasure_job.hpp). Both the API (ErasureService) and the ATS feed (candidate.deleted and
// candidate.anonymized, integrations/event_applier.cpp) file requests through here.

#include <string>
#include <string_view>

#include <snag/app/ports/store.hpp>

namespace snag {

inline constexpr std::string_view k_erasure_job = "erasure.run";

// Stores a pending request and queues the job that carries it out.
Result<ErasureRequest> file_erasure_request(WriteTransaction& tx, const CandidateRef& candidate, std::string source,
                                            std::string requested_by, Timestamp now);

// Carries out a pending or held request. While an active legal hold covers the candidate or one
// of its tickets, the request is held, naming the holds. Otherwise every ticket about the
// candidate (and about a candidate merged into it), their comments, journal entries and
// notifications, and the candidate's profile lose their personal data; each ticket's journal
// records the erasure, the access log the change, and the request completes with its report.
// A completed request is returned as it is. not_found for an unknown id.
Result<ErasureRequest> carry_out_erasure(WriteTransaction& tx, ErasureRequestId id, Timestamp now);

// The ticket's journal entries that still hold personal values lose them (their digests, and so
// the chain, stay); returns how many. Erasure and retention both use it.
Result<std::int64_t> redact_ticket_journal(WriteTransaction& tx, TicketId ticket);

// Queues the job again for every held request; after a hold is released, they complete unless
// another hold still covers them.
Result<void> retry_held_erasures(WriteTransaction& tx, Timestamp now);

}  // namespace snag
