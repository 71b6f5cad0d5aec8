#include <snag/app/exports/export_gate.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {

ExportGate::ExportGate(const AccessGuard& access, AccessRecorder& recorder, ExportPolicy policy)
    : m_access(access), m_recorder(recorder), m_policy(policy) {}

Result<void> ExportGate::require(const Actor& actor, std::string_view what, std::string_view format) const {
  Result<void> allowed = m_policy.enabled
                             ? m_access.require(actor, permission::tickets_export)
                             : fail(ErrorCode::permission_denied, "Exports are turned off on this installation.");
  if (allowed) return allowed;
  // A refused attempt is on record too: compliance asks who tried to take data out.
  if (auto logged =
          m_recorder.record_now(access_entry(actor, AccessAction::export_, m_recorder.clock().now(),
                                             "export:" + std::string(what) + " refused format=" + std::string(format)));
      !logged) {
    return logged;
  }
  return allowed;
}

Result<void> ExportGate::check_size(std::size_t rows) const {
  if (rows <= m_policy.max_rows) return {};
  return fail_validation({{"filters", "more than " + std::to_string(m_policy.max_rows) +
                                          " rows match; narrow the filters to export them"}});
}

Result<void> ExportGate::record(const Actor& actor, std::string_view what, std::size_t rows,
                                std::string_view format) const {
  return m_recorder.record_now(
      access_entry(actor, AccessAction::export_, m_recorder.clock().now(),
                   "export:" + std::string(what) + " rows=" + std::to_string(rows) + " format=" + std::string(format)));
}

Result<void> ExportGate::record_start(const Actor& actor, std::string_view what, std::string_view format) const {
  return m_recorder.record_now(access_entry(actor, AccessAction::export_, m_recorder.clock().now(),
                                            "export:" + std::string(what) + " started format=" + std::string(format)));
}

}  // namespace snag
