#pragma once
// Reading vendor payloads without exceptions. A PayloadObject is one JSON object of a payload and
// its path ("payload.application.candidate"), so that every error names the exact member.
// Absent and null members read as absent. A member of the wrong shape records a FieldError at its
// path and reads as absent; so does a missing member asked for with a required_* accessor. An
// absent object answers every read with nothing and records nothing more: its own absence was
// already recorded where it was asked for.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::ats {

class PayloadObject {
 public:
  // `value` must outlive the reader. A value that is not an object records an error at `path`.
  PayloadObject(const nlohmann::json& value, std::string path, std::vector<FieldError>& errors);

  bool present() const { return m_value != nullptr; }
  const nlohmann::json* json() const { return m_value; }
  std::string path_of(std::string_view key) const;
  void error(std::string_view key, std::string message) const;

  // The member as it is, or nullptr when absent or null.
  const nlohmann::json* member(std::string_view key) const;

  PayloadObject object(std::string_view key) const;
  PayloadObject required_object(std::string_view key) const;

  // An id as text: an integer (Greenhouse) or a non-empty string (Lever, Snag).
  std::optional<std::string> id(std::string_view key) const;
  std::optional<std::string> required_id(std::string_view key) const;

  std::optional<std::string> text(std::string_view key) const;
  std::optional<std::string> required_text(std::string_view key) const;

  // An RFC 3339 date-time string.
  std::optional<Timestamp> time(std::string_view key) const;
  std::optional<Timestamp> required_time(std::string_view key) const;

  std::optional<std::int64_t> required_integer(std::string_view key) const;

 private:
  PayloadObject(std::string path, std::vector<FieldError>& errors);

  const nlohmann::json* m_value = nullptr;
  std::string m_path;
  std::vector<FieldError>* m_errors;
};

// "123" for 123, the string itself for a non-empty string, nullopt for anything else.
std::optional<std::string> id_text(const nlohmann::json& value);

// Sets detail[name] to `value` when there is one: a normalised event's detail leaves out what
// the payload did not say.
inline void put_text(nlohmann::json& detail, const char* name, const std::optional<std::string>& value) {
  if (value) detail[name] = *value;
}

}  // namespace snag::ats
