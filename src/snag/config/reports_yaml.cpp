#include <array>
#include <charconv>
#include <string>
#include <utility>

#include <snag/config/reports_yaml.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace {

std::optional<std::chrono::weekday> parse_weekday(const std::string& text) {
  static constexpr std::array<std::pair<std::string_view, unsigned>, 7> k_days{{{"sunday", 0},
                                                                                {"monday", 1},
                                                                                {"tuesday", 2},
                                                                                {"wednesday", 3},
                                                                                {"thursday", 4},
                                                                                {"friday", 5},
                                                                                {"saturday", 6}}};
  for (const auto& [name, number] : k_days) {
    if (text == name || (text.size() == 3 && name.substr(0, 3) == text)) return std::chrono::weekday{number};
  }
  return std::nullopt;
}

std::optional<int> parse_hour(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0 || value > 23) return std::nullopt;
  return value;
}

// An address SMTP can take as it is: something@domain, with nothing that would break the
// envelope or a header.
bool plausible_address(const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size()) return false;
  return text.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
}

// Standard Webhooks' form of a secret: `whsec_` (optional) and the key's bytes in base64. The
// signing itself is integrations/ats/standard_webhooks, which the configuration does not link.
bool is_standard_webhooks_secret(std::string_view text) {
  if (text.starts_with("whsec_")) text.remove_prefix(6);
  const auto key = base64_decode(text);
  return key && !key->empty();
}

}  // namespace

Result<ReportSchedule> read_reports_section(const YAML::Node& section, const Catalog& catalog, std::string_view source,
                                            const std::optional<std::string>& secret_from_environment) {
  ReportSchedule schedule;
  if (secret_from_environment && !is_standard_webhooks_secret(*secret_from_environment)) {
    return fail(ErrorCode::invalid_argument,
                "SNAG_REPORTS_WEBHOOK_SECRET must be a Standard Webhooks secret: whsec_ and the key in base64");
  }
  if (!section || section.IsNull()) return schedule;
  const auto bad = [&](const YAML::Node& node, const std::string& why) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + ":" + std::to_string(node.Mark().line + 1) + ": reports: " + why);
  };
  if (!section.IsMap()) {
    return bad(section, "must be a mapping {weekday, hour, send, email, webhook_url, webhook_secret, role}");
  }
  const auto list = [&](const YAML::Node& value, const std::string& key) -> Result<std::vector<std::string>> {
    if (!value.IsSequence()) return bad(value, key + " must be a list");
    std::vector<std::string> items;
    for (const auto& item : value) {
      if (!item.IsScalar()) return bad(item, key + " holds single values");
      items.push_back(item.Scalar());
    }
    return items;
  };
  for (const auto& entry : section) {
    const auto key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "send") {
      auto names = list(value, key);
      if (!names) return tl::unexpected(std::move(names.error()));
      schedule.reports.clear();
      for (std::size_t i = 0; i < names->size(); ++i) {
        const auto kind = parse_report_kind((*names)[i]);
        if (!kind) return bad(value[i], "unknown report '" + (*names)[i] + "' (aging, summary)");
        schedule.reports.push_back(*kind);
      }
    } else if (key == "email") {
      auto addresses = list(value, key);
      if (!addresses) return tl::unexpected(std::move(addresses.error()));
      for (std::size_t i = 0; i < addresses->size(); ++i) {
        if (!plausible_address((*addresses)[i]))
          return bad(value[i], "'" + (*addresses)[i] + "' is not an email address");
      }
      schedule.email = std::move(*addresses);
    } else if (key == "weekday" || key == "hour" || key == "webhook_url" || key == "webhook_secret" || key == "role") {
      if (!value.IsScalar()) return bad(value, key + " must be a single value");
      const std::string text = value.Scalar();
      if (key == "weekday") {
        const auto weekday = parse_weekday(text);
        if (!weekday) return bad(value, "weekday must be monday … sunday (or mon … sun)");
        schedule.weekday = *weekday;
      } else if (key == "hour") {
        const auto hour = parse_hour(text);
        if (!hour) return bad(value, "hour must be a whole number from 0 to 23 (UTC)");
        schedule.hour = *hour;
      } else if (key == "webhook_url") {
        if (!text.empty() && text.rfind("http://", 0) != 0 && text.rfind("https://", 0) != 0) {
          return bad(value, "webhook_url must be an http:// or https:// URL");
        }
        schedule.webhook_url = text;
      } else if (key == "webhook_secret") {
        if (!is_standard_webhooks_secret(text)) {
          return bad(value, "webhook_secret must be a Standard Webhooks secret: whsec_ and the key in base64");
        }
        schedule.webhook_secret = text;
      } else {
        if (catalog.find_role(text) == nullptr) return bad(value, "unknown role '" + text + "'");
        schedule.role = text;
      }
    } else {
      return bad(entry.first,
                 "'" + key + "' is not a reports key (weekday, hour, send, email, webhook_url, webhook_secret, role)");
    }
  }
  if (secret_from_environment) schedule.webhook_secret = *secret_from_environment;
  if (!schedule.webhook_url.empty() && schedule.webhook_secret.empty()) {
    return bad(section, "webhook_url needs a webhook_secret (or SNAG_REPORTS_WEBHOOK_SECRET) to sign the reports with");
  }
  return schedule;
}

}  // namespace snag
