#include <iostream>
#include <memory>
#include <set>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {

namespace {
struct ClientOptions {
  RuntimeOptions runtime;
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<std::string> scopes;  // "tickets:read,tickets:write"
};

// "a, b,,c" -> {a, b, c}. An empty list stays empty, which create_client refuses by name.
std::set<std::string> split_scopes(std::string_view list) {
  std::set<std::string> scopes;
  while (true) {
    const auto comma = list.find(',');
    auto item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) scopes.emplace(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return scopes;
}
}  // namespace

void add_clients_command(CLI::App& app) {
  CLI::App* clients = app.add_subcommand("clients", "OAuth 2.0 clients (client credentials grant, POST /oauth/token)");
  clients->require_subcommand(1);
  auto options = std::make_shared<ClientOptions>();
  CLI::App* create = clients->add_subcommand(
      "create", "Create an OAuth client; its client_id and client_secret are printed once, on the last two lines");
  add_store_options(*create, options->runtime);
  create->add_option("--name", options->name, "Which system uses the client (shown in the journal)")->required();
  create->add_option("--role", options->role, "A role from the configuration, e.g. recruiter or admin")->required();
  create->add_option("--team", options->team, "The client's team, e.g. recruitment");
  create->add_option("--scopes", options->scopes,
                     "Comma list of the most its tokens may carry, e.g. tickets:read,tickets:write (default: the "
                     "role's permissions)");
  create->callback([options] {
    Runtime runtime(options->runtime);
    NewOAuthClient request{options->name, options->role, options->team, std::nullopt};
    if (options->scopes) request.scopes = split_scopes(*options->scopes);
    auto issued = runtime.services().tokens.create_client(operator_actor(), request);
    if (!issued) {
      std::string message = issued.error().message;
      for (const auto& field : issued.error().fields) message += "\n  --" + field.field + ": " + field.message;
      throw std::runtime_error(message);
    }
    std::cout << "created OAuth client " << issued->record.id.value << " '" << issued->record.name << "' (role "
              << issued->record.role << ")\n"
              << issued->record.client_id << '\n'
              << issued->secret << '\n';
  });

  auto list_options = std::make_shared<RuntimeOptions>();
  CLI::App* list = clients->add_subcommand("list", "Print every OAuth client, one per line (never a secret)");
  add_store_options(*list, *list_options);
  list->callback([list_options] {
    Runtime runtime(*list_options);
    auto listed = runtime.services().tokens.list_clients();
    if (!listed) throw std::runtime_error(listed.error().message);
    for (const auto& client : *listed) {
      std::cout << client.client_id << "  '" << client.name << "'  role " << client.role << "  team "
                << client.team.value_or("-") << "  created " << format_rfc3339(client.created_at)
                << (client.revoked ? "  revoked" : "") << '\n';
    }
  });

  auto revoke_options = std::make_shared<std::pair<RuntimeOptions, std::string>>();
  CLI::App* revoke =
      clients->add_subcommand("revoke", "Revoke an OAuth client: no new tokens, and its tokens stop working");
  add_store_options(*revoke, revoke_options->first);
  revoke->add_option("client_id", revoke_options->second, "The client's client_id")->required();
  revoke->callback([revoke_options] {
    Runtime runtime(revoke_options->first);
    if (auto revoked = runtime.services().tokens.revoke_client(operator_actor(), revoke_options->second); !revoked) {
      throw std::runtime_error(revoked.error().message);
    }
    std::cout << "revoked OAuth client " << revoke_options->second << '\n';
  });
}

}  // namespace snag
