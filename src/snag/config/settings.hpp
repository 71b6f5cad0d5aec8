#pragma once
// Snag's configuration: the built-in defaults (config/snag.default.yaml, compiled in), then
// the sections of an optional YAML file, then SNAG_* environment variables, then flags.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <snag/app/exports/export_policy.hpp>
#include <snag/app/identity/identity_policy.hpp>
#include <snag/app/reports/report_schedule.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/compliance/retention.hpp>
#include <snag/domain/outbound/outbound_target.hpp>
#include <snag/util/error.hpp>

namespace snag {

struct ServerSettings {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port
  std::string database = "sqlite:var/snag.db";
  std::string log_level = "info";
  int io_threads = 2;
  int worker_threads = 128;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds shutdown_grace{20};
  // A client has this long to send a request's head and body, and to begin the next request on
  // a kept-alive connection: a slow-loris client that trickles its headers loses its connection.
  std::chrono::seconds request_timeout{30};
  // Connections one IP address may hold open at once; more are answered 503 and closed.
  int max_connections_per_address = 256;
  // PEM files of the certificate chain and its private key: with both, every connection speaks
  // HTTPS (TLS 1.2 or later); with neither, plain HTTP. One alone is refused.
  std::string tls_cert;
  std::string tls_key;
  // The built web app (web/dist) to serve beside the API; empty: web/dist next to the folder of
  // the binary, when it is there.
  std::string web_root;
};

struct JobsSettings {
  int threads = 2;
  std::chrono::milliseconds lease{30000};
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds tick{10000};
};

// Where notifications go beyond the app (the `notifications:` section).
struct NotificationSettings {
  std::string smtp_url;  // smtp://host:port (or smtps://); empty: no email
  std::string mail_from = "snag@localhost";
};

struct Settings {
  ServerSettings server;
  JobsSettings jobs;
  NotificationSettings notifications;
  Catalog catalog;
  IdentityPolicy identity;  // the `identity:` and `pii:` sections
  AtsPolicy ats;            // the `ats:` section
  RuleSet rules;            // the `rules:` section
  std::string rules_yaml;   // … as a rules document (config/rules_yaml.hpp: rules_document)
  RetentionPolicy retention;  // the `retention:` section
  ExportPolicy exports;       // the `exports:` section
  ReportSchedule reports;     // the `reports:` section
  SyntheticPolicy synthetic;  // the `synthetic:` section
  OutboundTargetPolicy outbound;  // the `outbound:` section
};

// Environment variables that override the file: SNAG_LISTEN, SNAG_DATABASE, SNAG_LOG_LEVEL,
// SNAG_IO_THREADS, SNAG_WORKER_THREADS, SNAG_REQUEST_TIMEOUT_SECONDS,
// SNAG_MAX_CONNECTIONS_PER_ADDRESS, SNAG_TLS_CERT, SNAG_TLS_KEY, SNAG_JOBS_THREADS, SNAG_JOBS_LEASE_SECONDS,
// SNAG_JOBS_POLL_MILLISECONDS, SNAG_JOBS_TICK_MILLISECONDS, SNAG_SMTP_URL, SNAG_MAIL_FROM,
// SNAG_SYNTHETIC_ENABLED, SNAG_SYNTHETIC_INTERVAL, SNAG_SYNTHETIC_THRESHOLD, SNAG_SYNTHETIC_ALERT_AFTER,
// SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS, SNAG_OUTBOUND_ALLOWED_HOSTS, SNAG_WEB_ROOT,
// SNAG_WIDGET_ALLOWED_ORIGINS.
using Environment = std::map<std::string, std::string>;
Environment read_environment();

// invalid_argument naming the file, the section and the problem when the file cannot be read,
// is not YAML, or describes an invalid catalog.
Result<Settings> load_settings(const std::optional<std::filesystem::path>& file, const Environment& environment);

// invalid_argument naming `source` when only one of the TLS certificate and key is given.
Result<void> check_tls_pair(const ServerSettings& server, std::string_view source);

// The same from text, for tests; `source` names it in error messages.
Result<Settings> parse_settings(std::string_view yaml_text, std::string_view source, const Environment& environment);

}  // namespace snag
