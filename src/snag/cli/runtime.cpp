#include <snag/cli/runtime.hpp>

#include <stdexcept>

#include <snag/cli/background_work.hpp>
#include <snag/config/rules_yaml.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {
namespace {

// Version 0 of the rules, and how the rules sent to /api/v1/rules are read.
ConfiguredRules configured_rules(const Settings& settings) {
  ConfiguredRules rules;
  rules.rules = settings.rules;
  rules.yaml = settings.rules_yaml;
  rules.parse = [&catalog = settings.catalog](std::string_view yaml) { return read_rules_document(yaml, catalog); };
  rules.escalation_points = settings.catalog.sla.escalation_points;
  return rules;
}

}  // namespace

Settings load_settings_or_throw(const RuntimeOptions& options) {
  std::optional<std::filesystem::path> file;
  if (options.config_file) file = *options.config_file;
  auto settings = load_settings(file, read_environment());
  if (!settings) throw std::runtime_error(settings.error().message);
  if (options.database) settings->server.database = *options.database;
  if (options.listen) settings->server.listen = *options.listen;
  if (options.tls_cert) settings->server.tls_cert = *options.tls_cert;
  if (options.tls_key) settings->server.tls_key = *options.tls_key;
  if (auto tls = check_tls_pair(settings->server, "the command line"); !tls)
    throw std::runtime_error(tls.error().message);
  return std::move(*settings);
}

Runtime::Runtime(const RuntimeOptions& options) : m_settings(load_settings_or_throw(options)) {
  auto store = open_store(m_settings.server.database);
  if (!store) throw std::runtime_error(store.error().message);
  m_store = std::move(*store);
  m_services = std::make_unique<AppServices>(*m_store, m_settings.catalog, m_clock, m_settings.identity,
                                             configured_rules(m_settings), m_settings.exports);
  m_integrations = std::make_unique<IntegrationServices>(*m_store, m_settings.catalog, m_clock, m_settings.ats,
                                                         *m_services, node_name(), m_settings.jobs.lease);
}

}  // namespace snag
