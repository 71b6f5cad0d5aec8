#pragma once
// The request headers a webhook verifier reads, detached from any HTTP library so that the
// verifiers stay pure and testable.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace snag::ats {

class WebhookHeaders {
 public:
  WebhookHeaders() = default;
  WebhookHeaders(std::initializer_list<std::pair<std::string, std::string>> entries);

  void add(std::string name, std::string value);

  // The first value under `name` without surrounding spaces or tabs. Names compare without regard
  // to ASCII case, as HTTP field names do (RFC 9110 section 5.1).
  std::optional<std::string_view> find(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> m_entries;
};

}  // namespace snag::ats
