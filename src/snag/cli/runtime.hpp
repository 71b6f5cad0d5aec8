#pragma once
// The wired-up parts every command needs: settings, the store and the use cases.
// Built in one place so that startup reads as a straight sequence of named steps.

#include <memory>
#include <optional>
#include <string>

#include <snag/app/app_services.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/config/settings.hpp>
#include <snag/integrations/integration_services.hpp>

namespace snag {

struct RuntimeOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> database;  // overrides the configured database URL
  std::optional<std::string> listen;    // overrides the configured listen address
  std::optional<std::string> tls_cert;  // override server.tls_cert and server.tls_key
  std::optional<std::string> tls_key;
};

class Runtime {
 public:
  // Throws std::runtime_error with a message for the user when settings or the store fail.
  explicit Runtime(const RuntimeOptions& options);

  const Settings& settings() const { return m_settings; }
  Store& store() { return *m_store; }
  const Clock& clock() const { return m_clock; }
  AppServices& services() { return *m_services; }
  TicketService& tickets() { return m_services->tickets; }
  ApiKeyService& api_keys() { return m_services->api_keys; }
  IntegrationServices& integrations() { return *m_integrations; }

 private:
  Settings m_settings;
  SystemClock m_clock;
  std::unique_ptr<Store> m_store;
  std::unique_ptr<AppServices> m_services;
  std::unique_ptr<IntegrationServices> m_integrations;
};

// Settings alone, for commands that must not open the store.
Settings load_settings_or_throw(const RuntimeOptions& options);

}  // namespace snag
