#include <snag/config/settings.hpp>

#include <charconv>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include <snag/config/catalog_yaml.hpp>

extern char** environ;

namespace snag {

extern const std::string_view k_default_config_yaml;

namespace {

// A file replaces whole top-level sections of the defaults, except `server`, whose keys are
// replaced one by one so that a file may change just the listen address.
YAML::Node merge_over_defaults(const YAML::Node& defaults, const YAML::Node& file) {
  YAML::Node merged = YAML::Clone(defaults);
  if (!file || file.IsNull()) return merged;
  for (const auto& section : file) {
    const auto name = section.first.as<std::string>();
    if (name == "server" && section.second.IsMap()) {
      for (const auto& entry : section.second) merged["server"][entry.first.as<std::string>()] = entry.second;
    } else {
      merged[name] = section.second;
    }
  }
  return merged;
}

std::optional<int> parse_positive(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
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
  } else if (key == "log_level") {
    if (value != "trace" && value != "debug" && value != "info" && value != "warn" && value != "error") {
      return bad("must be trace, debug, info, warn or error");
    }
    server.log_level = value;
  } else if (key == "io_threads" || key == "worker_threads" || key == "max_body_bytes" ||
             key == "shutdown_grace_seconds") {
    const auto number = parse_positive(value);
    if (!number) return bad("must be a positive whole number");
    if (key == "io_threads") server.io_threads = *number;
    if (key == "worker_threads") server.worker_threads = *number;
    if (key == "max_body_bytes") server.max_body_bytes = static_cast<std::size_t>(*number);
    if (key == "shutdown_grace_seconds") server.shutdown_grace = std::chrono::seconds{*number};
  } else {
    return bad("is not a server setting");
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

Result<Settings> parse_settings(std::string_view yaml_text, std::string_view source, const Environment& environment) {
  YAML::Node file;
  try {
    file = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& error) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
  if (file && !file.IsNull() && !file.IsMap()) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ": the configuration must be a YAML mapping");
  }
  const YAML::Node root = merge_over_defaults(YAML::Load(std::string(k_default_config_yaml)), file);

  Settings settings;
  auto catalog = catalog_from_yaml(root, source);
  if (!catalog) return tl::unexpected(std::move(catalog.error()));
  settings.catalog = std::move(*catalog);

  if (const YAML::Node server = root["server"]; server && server.IsMap()) {
    for (const auto& entry : server) {
      if (!entry.second.IsScalar()) {
        return fail(ErrorCode::invalid_argument, std::string(source) + ": server." + entry.first.as<std::string>() +
                                                     " must be a single value");
      }
      auto applied = apply_server_value(settings.server, entry.first.as<std::string>(), entry.second.Scalar(), source);
      if (!applied) return tl::unexpected(std::move(applied.error()));
    }
  }
  static const std::map<std::string, std::string> k_environment_keys{
      {"SNAG_LISTEN", "listen"},         {"SNAG_DATABASE", "database"},
      {"SNAG_LOG_LEVEL", "log_level"},   {"SNAG_IO_THREADS", "io_threads"},
      {"SNAG_WORKER_THREADS", "worker_threads"}};
  for (const auto& [variable, key] : k_environment_keys) {
    const auto value = environment.find(variable);
    if (value == environment.end()) continue;
    auto applied = apply_server_value(settings.server, key, value->second, variable);
    if (!applied) return tl::unexpected(std::move(applied.error()));
  }
  return settings;
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
