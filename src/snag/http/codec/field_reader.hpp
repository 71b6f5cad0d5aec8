#pragma once
// Strict decoding of JSON objects into request structs: every unknown or ill-typed member is
// named in one validation_failed error instead of failing at the first.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/candidate.hpp>
#include <snag/domain/severity.hpp>
#include <snag/util/error.hpp>

namespace snag::http {

class FieldReader {
 public:
  // `prefix` names the object itself ("set" for a bulk edit); members become "set.title".
  FieldReader(const nlohmann::json& object, std::string prefix, std::vector<FieldError>& errors);

  // The member, or nullptr when absent. Marks the name as known.
  const nlohmann::json* find(std::string_view name);
  // The member's value; absent records "is required"; null or another type "must be a string".
  std::optional<std::string> required_string(std::string_view name);

  void error(std::string_view name, std::string message);
  std::string path(std::string_view name) const;
  // Records `message` for each member not looked up by find() (and not in `read_only`).
  void reject_unknown(const std::vector<std::string_view>& read_only = {});

 private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  std::vector<FieldError>& m_errors;
  std::vector<std::string_view> m_known;
};

// Each converts one member's value, recording an error at `path` when it has the wrong shape.
std::optional<std::string> decode_string(const nlohmann::json& value, const std::string& path,
                                         std::vector<FieldError>& errors);
std::optional<Severity> decode_severity(const nlohmann::json& value, const std::string& path,
                                        std::vector<FieldError>& errors);
std::optional<std::vector<std::string>> decode_string_list(const nlohmann::json& value, const std::string& path,
                                                           std::vector<FieldError>& errors);
std::optional<nlohmann::json> decode_object(const nlohmann::json& value, const std::string& path,
                                            std::vector<FieldError>& errors);
std::optional<CandidateRef> decode_candidate_ref(const nlohmann::json& value, const std::string& path,
                                                 std::vector<FieldError>& errors);

}  // namespace snag::http
