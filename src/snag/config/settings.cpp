#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include <snag/config/ats_yaml.hpp>
#include <snag/config/catalog_yaml.hpp>
#include <snag/config/identity_yaml.hpp>
#include <snag/config/outbound_yaml.hpp>
#include <snag/config/reports_yaml.hpp>
#include <snag/config/retention_yaml.hpp>
#include <snag/config/rules_yaml.hpp>
#include <snag/config/settings.hpp>
#include <snag/config/synthetic_yaml.hpp>
#include <snag/config/yaml_reading.hpp>
#include <snag/domain/compliance/k_anonymity.hpp>

extern char** environ;

namespace snag {

extern const std::string_view k_default_config_yaml;

namespace {

// "FILE:LINE: what yaml-cpp said".
tl::unexpected<Error> yaml_error(const YAML::Exception& error, std::string_view source) {
  return fail(ErrorCode::invalid_argument,
              std::string(source) + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
}

// A file replaces whole top-level sections of the defaults, except `server`, `jobs`,
// `identity`, `synthetic` and `outbound`, whose keys are replaced one by one so that a file may
// change just the listen address.
YAML::Node merge_over_defaults(const YAML::Node& defaults, const YAML::Node& file) {
  YAML::Node merged = YAML::Clone(defaults);
  if (!file || file.IsNull()) return merged;
  for (const auto& section : file) {
    const auto name = section.first.as<std::string>();
    if ((name == "server" || name == "jobs" || name == "identity" || name == "synthetic" || name == "outbound" ||
         name == "widget" || name == "views") &&
        section.second.IsMap()) {
      for (const auto& entry : section.second) merged[name][entry.first.as<std::string>()] = entry.second;
    } else {
      merged[name] = section.second;
    }
  }
  return merged;
}

Result<void> apply_server_value(ServerSettings& server, const std::string& key, const std::string& value,
                                std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": server." + key + " " + std::string(why));
  };
  if (key == "listen") {
    if (value.rfind(':') == std::string::npos) return bad("must be HOST:PORT");
    server.listen = value;
  } else if (key == "database") {
    server.database = value;
  } else if (key == "tls_cert") {
    server.tls_cert = value;
  } else if (key == "tls_key") {
    server.tls_key = value;
  } else if (key == "web_root") {
    server.web_root = value;
  } else if (key == "log_level") {
    if (value != "trace" && value != "debug" && value != "info" && value != "warn" && value != "error") {
      return bad("must be trace, debug, info, warn or error");
    }
    server.log_level = value;
  } else if (key == "io_threads" || key == "worker_threads" || key == "max_body_bytes" ||
             key == "shutdown_grace_seconds" || key == "request_timeout_seconds" ||
             key == "max_connections_per_address") {
    const auto number = config_yaml::parse_positive<int>(value);
    if (!number) return bad("must be a positive whole number");
    if (key == "io_threads") server.io_threads = *number;
    if (key == "worker_threads") server.worker_threads = *number;
    if (key == "max_body_bytes") server.max_body_bytes = static_cast<std::size_t>(*number);
    if (key == "shutdown_grace_seconds") server.shutdown_grace = std::chrono::seconds{*number};
    if (key == "request_timeout_seconds") server.request_timeout = std::chrono::seconds{*number};
    if (key == "max_connections_per_address") server.max_connections_per_address = *number;
  } else {
    return bad("is not a server setting");
  }
  return {};
}

}  // namespace

Result<void> check_tls_pair(const ServerSettings& server, std::string_view source) {
  if (server.tls_cert.empty() != server.tls_key.empty()) {
    return fail(
        ErrorCode::invalid_argument,
        std::string(source) + ": server.tls_cert and server.tls_key go together: give both for HTTPS, or neither");
  }
  return {};
}

namespace {

Result<void> apply_jobs_value(JobsSettings& jobs, const std::string& key, const std::string& value,
                              std::string_view source) {
  const auto number = config_yaml::parse_positive<int>(value);
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": jobs." + key + " " + std::string(why));
  };
  if (key != "threads" && key != "lease_seconds" && key != "poll_milliseconds" && key != "tick_milliseconds") {
    return bad("is not a jobs setting");
  }
  if (!number) return bad("must be a positive whole number");
  if (key == "threads") jobs.threads = *number;
  if (key == "lease_seconds") jobs.lease = std::chrono::seconds{*number};
  if (key == "poll_milliseconds") jobs.poll = std::chrono::milliseconds{*number};
  if (key == "tick_milliseconds") jobs.tick = std::chrono::milliseconds{*number};
  return {};
}

Result<void> apply_notifications_value(NotificationSettings& notifications, const std::string& key,
                                       const std::string& value, std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": notifications." + key + " " + std::string(why));
  };
  if (key == "smtp_url") {
    if (!value.empty() && !value.starts_with("smtp://") && !value.starts_with("smtps://")) {
      return bad("must be smtp://host:port or smtps://host:port, or empty for no email");
    }
    notifications.smtp_url = value;
  } else if (key == "mail_from") {
    if (value.find('@') == std::string::npos) return bad("must be an email address");
    notifications.mail_from = value;
  } else {
    return bad("is not a notifications setting (smtp_url, mail_from)");
  }
  return {};
}

Result<void> apply_exports_value(ExportPolicy& exports, const std::string& key, const std::string& value,
                                 std::string_view source) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": exports." + key + " " + std::string(why));
  };
  if (key == "enabled") {
    if (value != "true" && value != "false") return bad("must be true or false");
    exports.enabled = value == "true";
  } else if (key == "max_rows") {
    const auto rows = config_yaml::parse_positive<int>(value);
    if (!rows) return bad("must be a positive whole number");
    exports.max_rows = static_cast<std::size_t>(*rows);
  } else if (key == "vendor_feedback_k") {
    const auto k = config_yaml::parse_positive<int>(value);
    if (!k || !check_anonymity_k(*k)) {
      return bad("must be a whole number from 1 to " + std::to_string(k_max_anonymity_k));
    }
    exports.vendor_feedback_k = static_cast<std::size_t>(*k);
  } else {
    return bad("is not an exports setting (enabled, max_rows, vendor_feedback_k)");
  }
  return {};
}

// Applies each scalar entry of `section` with `apply`; a nested value is refused.
template <class Apply>
Result<void> apply_section(const YAML::Node& section, std::string_view name, std::string_view source, Apply apply) {
  if (!section || !section.IsMap()) return {};
  for (const auto& entry : section) {
    const auto key = entry.first.as<std::string>();
    if (!entry.second.IsScalar()) {
      return fail(ErrorCode::invalid_argument,
                  std::string(source) + ": " + std::string(name) + "." + key + " must be a single value");
    }
    if (auto applied = apply(key, entry.second.Scalar()); !applied) return applied;
  }
  return {};
}

}  // namespace

Environment read_environment() {
  Environment environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string_view text(*entry);
    if (text.rfind("SNAG_", 0) != 0) continue;
    const auto equals = text.find('=');
    if (equals != std::string_view::npos) environment.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return environment;
}

namespace {

// Everything parse_settings reads once the file is known to be a mapping.
Result<Settings> settings_over_defaults(const YAML::Node& file, std::string_view source,
                                        const Environment& environment) {
  const YAML::Node root = merge_over_defaults(YAML::Load(std::string(k_default_config_yaml)), file);

  Settings settings;
  auto catalog = catalog_from_yaml(root, source);
  if (!catalog) return tl::unexpected(std::move(catalog.error()));
  settings.catalog = std::move(*catalog);

  auto server = apply_section(root["server"], "server", source, [&](const std::string& key, const std::string& value) {
    return apply_server_value(settings.server, key, value, source);
  });
  if (!server) return tl::unexpected(std::move(server.error()));
  auto jobs = apply_section(root["jobs"], "jobs", source, [&](const std::string& key, const std::string& value) {
    return apply_jobs_value(settings.jobs, key, value, source);
  });
  if (!jobs) return tl::unexpected(std::move(jobs.error()));
  auto notifications = apply_section(root["notifications"], "notifications", source,
                                     [&](const std::string& key, const std::string& value) {
                                       return apply_notifications_value(settings.notifications, key, value, source);
                                     });
  if (!notifications) return tl::unexpected(std::move(notifications.error()));
  auto identity =
      apply_section(root["identity"], "identity", source, [&](const std::string& key, const std::string& value) {
        return apply_identity_value(settings.identity, key, value, source);
      });
  if (!identity) return tl::unexpected(std::move(identity.error()));
  auto exports = apply_section(root["exports"], "exports", source, [&](const std::string& key, const std::string& value) {
    return apply_exports_value(settings.exports, key, value, source);
  });
  if (!exports) return tl::unexpected(std::move(exports.error()));
  auto outbound =
      apply_section(root["outbound"], "outbound", source, [&](const std::string& key, const std::string& value) {
        return apply_outbound_value(settings.outbound, key, value, source);
      });
  if (!outbound) return tl::unexpected(std::move(outbound.error()));
  auto widget = apply_section(root["widget"], "widget", source, [&](const std::string& key, const std::string& value) {
    return apply_widget_value(settings.identity.widget, key, value, source);
  });
  if (!widget) return tl::unexpected(std::move(widget.error()));
  auto views = apply_section(root["views"], "views", source, [&](const std::string& role, const std::string& query) {
    return apply_view_value(settings.identity, settings.catalog, role, query, source);
  });
  if (!views) return tl::unexpected(std::move(views.error()));
  if (auto pii = read_pii_section(root["pii"], settings.identity, source); !pii) return tl::unexpected(pii.error());
  auto ats = read_ats_section(root["ats"], settings.catalog, source);
  if (!ats) return tl::unexpected(std::move(ats.error()));
  settings.ats = std::move(*ats);
  auto rules = read_rules_section(root["rules"], settings.catalog, source);
  if (!rules) return tl::unexpected(std::move(rules.error()));
  settings.rules = std::move(*rules);
  settings.rules_yaml = rules_document(root["rules"]);
  auto retention = read_retention_section(root["retention"], settings.catalog, source);
  if (!retention) return tl::unexpected(std::move(retention.error()));
  settings.retention = std::move(*retention);
  const auto report_secret = environment.find("SNAG_REPORTS_WEBHOOK_SECRET");
  auto reports = read_reports_section(
      root["reports"], settings.catalog, source,
      report_secret == environment.end() ? std::nullopt : std::optional<std::string>(report_secret->second));
  if (!reports) return tl::unexpected(std::move(reports.error()));
  settings.reports = std::move(*reports);
  auto synthetic = read_synthetic_section(root["synthetic"], settings.catalog, source);
  if (!synthetic) return tl::unexpected(std::move(synthetic.error()));
  settings.synthetic = std::move(*synthetic);
  // The SLA clock plans the points at which the sla rules escalate (domain/sla/sla_points.hpp).
  settings.catalog.sla.escalation_points.replace(sla_points_of(settings.rules));

  static const std::map<std::string, std::string> k_server_variables{
      {"SNAG_LISTEN", "listen"},
      {"SNAG_DATABASE", "database"},
      {"SNAG_LOG_LEVEL", "log_level"},
      {"SNAG_IO_THREADS", "io_threads"},
      {"SNAG_WORKER_THREADS", "worker_threads"},
      {"SNAG_REQUEST_TIMEOUT_SECONDS", "request_timeout_seconds"},
      {"SNAG_MAX_CONNECTIONS_PER_ADDRESS", "max_connections_per_address"},
      {"SNAG_TLS_CERT", "tls_cert"},
      {"SNAG_TLS_KEY", "tls_key"},
      {"SNAG_WEB_ROOT", "web_root"}};
  static const std::map<std::string, std::string> k_jobs_variables{
      {"SNAG_JOBS_THREADS", "threads"},
      {"SNAG_JOBS_LEASE_SECONDS", "lease_seconds"},
      {"SNAG_JOBS_POLL_MILLISECONDS", "poll_milliseconds"},
      {"SNAG_JOBS_TICK_MILLISECONDS", "tick_milliseconds"}};
  static const std::map<std::string, std::string> k_notifications_variables{{"SNAG_SMTP_URL", "smtp_url"},
                                                                            {"SNAG_MAIL_FROM", "mail_from"}};
  static const std::map<std::string, std::string> k_synthetic_variables{{"SNAG_SYNTHETIC_ENABLED", "enabled"},
                                                                        {"SNAG_SYNTHETIC_INTERVAL", "interval"},
                                                                        {"SNAG_SYNTHETIC_THRESHOLD", "threshold"},
                                                                        {"SNAG_SYNTHETIC_ALERT_AFTER", "alert_after"}};
  static const std::map<std::string, std::string> k_outbound_variables{
      {"SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "allow_private_targets"},
      {"SNAG_OUTBOUND_ALLOWED_HOSTS", "allowed_hosts"}};
  static const std::map<std::string, std::string> k_widget_variables{
      {"SNAG_WIDGET_ALLOWED_ORIGINS", "allowed_origins"},
      {"SNAG_WIDGET_REQUESTS_PER_MINUTE_PER_ADDRESS", "requests_per_minute_per_address"}};
  const auto apply_environment = [&](const std::map<std::string, std::string>& variables, auto apply) -> Result<void> {
    for (const auto& [variable, key] : variables) {
      const auto value = environment.find(variable);
      if (value == environment.end()) continue;
      if (auto applied = apply(key, value->second, variable); !applied) return applied;
    }
    return {};
  };
  auto from_environment = apply_environment(k_server_variables, [&](const auto& key, const auto& value, auto variable) {
    return apply_server_value(settings.server, key, value, variable);
  });
  if (from_environment) {
    from_environment = apply_environment(k_jobs_variables, [&](const auto& key, const auto& value, auto variable) {
      return apply_jobs_value(settings.jobs, key, value, variable);
    });
  }
  if (from_environment) {
    from_environment =
        apply_environment(k_notifications_variables, [&](const auto& key, const auto& value, auto variable) {
          return apply_notifications_value(settings.notifications, key, value, variable);
        });
  }
  if (from_environment) {
    from_environment = apply_environment(k_synthetic_variables, [&](const auto& key, const auto& value, auto variable) {
      return apply_synthetic_value(settings.synthetic, settings.catalog, key, value, variable);
    });
  }
  if (from_environment) {
    from_environment = apply_environment(k_outbound_variables, [&](const auto& key, const auto& value, auto variable) {
      return apply_outbound_value(settings.outbound, key, value, variable);
    });
  }
  if (from_environment) {
    from_environment = apply_environment(k_widget_variables, [&](const auto& key, const auto& value, auto variable) {
      return apply_widget_value(settings.identity.widget, key, value, variable);
    });
  }
  if (!from_environment) return tl::unexpected(std::move(from_environment.error()));
  if (!settings.catalog.has_role(settings.identity.widget.role)) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": widget.role '" + settings.identity.widget.role +
                                                 "' is not a role of the catalog");
  }
  if (auto tls = check_tls_pair(settings.server, source); !tls) return tl::unexpected(std::move(tls.error()));
  return settings;
}

}  // namespace

Result<Settings> parse_settings(std::string_view yaml_text, std::string_view source, const Environment& environment) {
  YAML::Node file;
  try {
    file = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& error) {
    return yaml_error(error, source);
  }
  if (file && !file.IsNull() && !file.IsMap()) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": the configuration must be a YAML mapping");
  }
  // The readers check every value they know; a shape none of them expects (a list where a key
  // belongs, say) still makes yaml-cpp throw, and that is the file's fault as much.
  try {
    return settings_over_defaults(file, source, environment);
  } catch (const YAML::Exception& error) {
    return yaml_error(error, source);
  }
}

Result<Settings> load_settings(const std::optional<std::filesystem::path>& file, const Environment& environment) {
  if (!file) return parse_settings("", "built-in defaults", environment);
  std::ifstream stream(*file);
  if (!stream) return fail(ErrorCode::invalid_argument, "cannot read the configuration file " + file->string());
  std::ostringstream text;
  text << stream.rdbuf();
  return parse_settings(text.str(), file->string(), environment);
}

}  // namespace snag
