#pragma once
// What every export does around its data: the permission and the installation's switch before
// it, the size cap while it is gathered, and its access log entry before it leaves. Every export
// (ExportService, VendorFeedbackExport) goes through one gate, so all are refused, capped and
// recorded alike.

#include <cstddef>
#include <string_view>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/exports/export_policy.hpp>

namespace snag {

class ExportGate {
 public:
  ExportGate(const AccessGuard& access, AccessRecorder& recorder, ExportPolicy policy);

  // tickets:export and the switch; a refusal is logged as an export attempt of `what`
  // ("export:tickets refused format=pdf").
  Result<void> require(const Actor& actor, std::string_view what, std::string_view format) const;
  // validation_failed on `filters` when `rows` is above max_rows.
  Result<void> check_size(std::size_t rows) const;
  // The access log entry of an export that goes out: "export:tickets rows=42 format=pdf".
  Result<void> record(const Actor& actor, std::string_view what, std::size_t rows, std::string_view format) const;
  // The entry of a streamed export, before its first byte, whose row count is known only at its
  // end: "export:tickets started format=csv".
  Result<void> record_start(const Actor& actor, std::string_view what, std::string_view format) const;

  const ExportPolicy& policy() const { return m_policy; }

 private:
  const AccessGuard& m_access;
  AccessRecorder& m_recorder;
  ExportPolicy m_policy;
};

}  // namespace snag
