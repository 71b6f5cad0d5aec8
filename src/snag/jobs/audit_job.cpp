#include <snag/domain/journal.hpp>
#include <snag/jobs/audit_job.hpp>
#include <snag/util/log.hpp>

namespace snag {

Result<void> run_audit_verify(const Job& job, JobContext& context) {
  ChainVerifier verifier;
  auto scanned = context.store().scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); });
  if (!scanned) return scanned;
  const ChainVerdict verdict = verifier.verdict();
  if (verdict.ok) {
    log_event(spdlog::level::info, "audit chain verified", {{"job", job.id.value}, {"entries", verdict.checked}, {"redacted", verdict.redacted}});
  } else {
    log_event(spdlog::level::err, "audit chain broken",
              {{"job", job.id.value}, {"seq", verdict.broken_seq.value_or(0)}, {"reason", verdict.reason}});
  }
  return {};
}

}  // namespace snag
