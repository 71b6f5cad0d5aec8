#include <snag/config/identity_yaml.hpp>
#include <snag/config/yaml_reading.hpp>
#include <snag/domain/ticket_query.hpp>

namespace snag {

Result<void> apply_identity_value(IdentityPolicy& policy, const std::string& key, const std::string& value,
                                  std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": identity." + key + " " + std::string(why));
  };
  const auto number = config_yaml::parse_positive(value);
  if (key == "key_max_age_days" && value == "none") {
    policy.api_keys.max_age.reset();
    return {};
  }
  if (key == "view_log_window_seconds" && value == "0") {
    policy.view_log_window = std::chrono::seconds{0};
    return {};
  }
  if (!number) return bad("must be a positive whole number");
  if (key == "key_rotation_overlap_hours") {
    policy.api_keys.rotation_overlap = std::chrono::hours{*number};
  } else if (key == "key_max_age_days") {
    policy.api_keys.max_age = std::chrono::days{*number};
  } else if (key == "key_rotation_warning_days") {
    policy.api_keys.rotation_warning = std::chrono::days{*number};
  } else if (key == "token_lifetime_seconds") {
    policy.token_lifetime = std::chrono::seconds{*number};
  } else if (key == "session_hours") {
    policy.login.session_lifetime = std::chrono::hours{*number};
  } else if (key == "login_failures_per_account") {
    policy.login.max_failures_per_account = static_cast<int>(*number);
  } else if (key == "login_failures_per_address") {
    policy.login.max_failures_per_address = static_cast<int>(*number);
  } else if (key == "login_failure_window_minutes") {
    policy.login.failure_window = std::chrono::minutes{*number};
  } else if (key == "view_log_window_seconds") {
    policy.view_log_window = std::chrono::seconds{*number};
  } else {
    return bad("is not an identity setting");
  }
  return {};
}

Result<void> apply_widget_value(WidgetPolicy& widget, const std::string& key, const std::string& value,
                                std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": widget." + key + " " + std::string(why));
  };
  if (key == "allowed_origins") {
    std::vector<std::string> origins;
    for (const auto item : config_yaml::comma_list(value)) {
      auto origin = normalized_origin(item);
      if (!origin) return bad("must list origins such as https://ats.example.com (no path), separated by commas");
      origins.push_back(std::move(*origin));
    }
    widget.allowed_origins = std::move(origins);
  } else if (key == "role") {
    if (value.empty()) return bad("must name a role");
    widget.role = value;
  } else if (key == "token_lifetime_seconds") {
    const auto number = config_yaml::parse_positive(value);
    if (!number) return bad("must be a positive whole number");
    widget.token_lifetime = std::chrono::seconds{*number};
  } else if (key == "requests_per_minute_per_address") {
    const auto number = value == "0" ? std::optional<long>{0} : config_yaml::parse_positive(value);
    if (!number) return bad("must be a whole number, 0 for no limit");
    widget.requests_per_minute_per_address = *number;
  } else {
    return bad(
        "is not a widget setting (allowed_origins, role, token_lifetime_seconds, requests_per_minute_per_address)");
  }
  return {};
}

Result<void> apply_view_value(IdentityPolicy& policy, const Catalog& catalog, const std::string& role,
                              const std::string& query, std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": views." + role + " " + std::string(why));
  };
  if (!catalog.has_role(role)) return bad("names no role of the catalog");
  std::multimap<std::string, std::string> params;
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto equals = pair.find('=');
    if (equals == 0 || equals == std::string_view::npos || pair.find_first_of("%+ ") != std::string_view::npos) {
      return bad("must be a list query such as status=new,triaged&assignee=me (no escapes or blanks)");
    }
    params.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
  }
  if (auto parsed = parse_ticket_query(params, catalog); !parsed)
    return bad("is not a list query: " + parsed.error().message);
  policy.login.default_views[role] = query;
  return {};
}

Result<void> read_pii_section(const YAML::Node& section, IdentityPolicy& policy, std::string_view source) {
  if (!section) return {};
  const auto bad = [&](const YAML::Node& node, std::string_view why) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + ":" + std::to_string(node.Mark().line + 1) + ": pii." + std::string(why));
  };
  if (!section.IsMap()) return bad(section, " must be a mapping");
  for (const auto& entry : section) {
    const auto key = entry.first.as<std::string>();
    if (key != "health_terms") return bad(entry.first, key + " is not a pii setting");
    if (!entry.second.IsSequence()) return bad(entry.second, "health_terms must be a list of words or phrases");
    policy.health_terms.clear();
    for (const auto& term : entry.second) {
      if (!term.IsScalar() || term.Scalar().empty()) return bad(term, "health_terms must list words or phrases");
      policy.health_terms.push_back(term.Scalar());
    }
  }
  return {};
}

}  // namespace snag
