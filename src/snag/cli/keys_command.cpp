// snag keys create | rotate | list | revoke: API keys from the command line, for the operator
// (no access checks: whoever can open the database administers its keys).

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <vector>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {

namespace {

struct CreateOptions {
  RuntimeOptions runtime;
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<int> expires_in_days;
  std::vector<std::string> scopes;
  std::optional<std::string> owner;
};

struct KeyIdOptions {
  RuntimeOptions runtime;
  std::int64_t id = 0;
};

struct ListOptions {
  RuntimeOptions runtime;
  bool due = false;
};

[[noreturn]] void throw_error(const Error& error) {
  std::string message = error.message;
  for (const auto& field : error.fields) message += "\n  --" + field.field + ": " + field.message;
  throw std::runtime_error(message);
}

std::string time_or_dash(const std::optional<Timestamp>& at) { return at ? format_rfc3339(*at) : "-"; }

std::string state_of(const ApiKeyService& keys, const ApiKeyRecord& key, Timestamp now) {
  if (key.revoked) return "revoked";
  if (keys.is_dead(key, now)) return "expired";
  if (key.replaced_by) return "rotated to " + std::to_string(key.replaced_by->value);
  if (keys.is_due_for_rotation(key, now)) return "due for rotation";
  return "active";
}

// Columns padded to their widest cell, separated by two spaces; the last one unpadded.
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << '\n';
  }
}

void add_create(CLI::App& parent) {
  auto options = std::make_shared<CreateOptions>();
  CLI::App* create = parent.add_subcommand("create", "Create an API key; the secret is printed once, on the last line");
  add_store_options(*create, options->runtime);
  create->add_option("--name", options->name, "Who or what uses the key (shown in the journal)")->required();
  create->add_option("--role", options->role, "A role from the configuration, e.g. recruiter or admin")->required();
  create->add_option("--team", options->team, "The key holder's team, e.g. recruitment");
  create->add_option("--expires-in-days", options->expires_in_days, "Stop accepting the key after this many days")
      ->check(CLI::PositiveNumber);
  create->add_option("--scopes", options->scopes, "Narrow the key to these permissions of its role, e.g. tickets:read")
      ->delimiter(',');
  create->add_option("--owner", options->owner, "The person or system responsible for the key");
  create->callback([options] {
    Runtime runtime(options->runtime);
    NewApiKey request;
    request.name = options->name;
    request.role = options->role;
    request.team = options->team;
    request.owner = options->owner;
    if (!options->scopes.empty()) {
      request.scopes = std::set<std::string>(options->scopes.begin(), options->scopes.end());
    }
    if (options->expires_in_days) {
      request.expires_at = runtime.clock().now() + std::chrono::days{*options->expires_in_days};
    }
    auto issued = runtime.api_keys().create(operator_actor(), request);
    if (!issued) throw_error(issued.error());
    std::cout << "created API key " << issued->record.id.value << " '" << issued->record.name << "' (role "
              << issued->record.role << ")\n"
              << issued->secret << '\n';
  });
}

void add_rotate(CLI::App& parent) {
  auto options = std::make_shared<KeyIdOptions>();
  CLI::App* rotate = parent.add_subcommand(
      "rotate", "Issue a key's successor (its secret on the last line); the old key works on for the overlap");
  add_store_options(*rotate, options->runtime);
  rotate->add_option("--id", options->id, "The key's id (see keys list)")->required()->check(CLI::PositiveNumber);
  rotate->callback([options] {
    Runtime runtime(options->runtime);
    ApiKeyService& keys = runtime.api_keys();
    auto rotated = keys.rotate(operator_actor(), ApiKeyId{options->id});
    if (!rotated) throw_error(rotated.error());
    const ApiKeyRecord& successor = rotated->successor.record;
    std::cout << "rotated API key " << options->id << " to API key " << successor.id.value << " '" << successor.name
              << "' (role " << successor.role << ")\n"
              << "API key " << options->id << " stops working at "
              << time_or_dash(keys.effective_expiry(rotated->previous)) << '\n'
              << rotated->successor.secret << '\n';
  });
}

void add_list(CLI::App& parent) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* list = parent.add_subcommand("list", "List the API keys (never their secrets)");
  add_store_options(*list, options->runtime);
  list->add_flag("--due", options->due, "Only the keys due for rotation");
  list->callback([options] {
    Runtime runtime(options->runtime);
    ApiKeyService& keys = runtime.api_keys();
    auto found = options->due ? keys.due_for_rotation() : keys.list();
    if (!found) throw_error(found.error());
    const Timestamp now = keys.now();
    std::vector<std::vector<std::string>> rows{
        {"ID", "NAME", "ROLE", "OWNER", "CREATED", "EXPIRES", "LAST USED", "STATE"}};
    for (const auto& key : *found) {
      rows.push_back({std::to_string(key.id.value), key.name, key.role, key.owner.value_or("-"),
                      format_rfc3339(key.created_at), time_or_dash(keys.effective_expiry(key)),
                      time_or_dash(key.last_used_at), state_of(keys, key, now)});
    }
    print_table(rows);
  });
}

void add_revoke(CLI::App& parent) {
  auto options = std::make_shared<KeyIdOptions>();
  CLI::App* revoke = parent.add_subcommand("revoke", "Revoke an API key at once");
  add_store_options(*revoke, options->runtime);
  revoke->add_option("--id", options->id, "The key's id (see keys list)")->required()->check(CLI::PositiveNumber);
  revoke->callback([options] {
    Runtime runtime(options->runtime);
    if (auto revoked = runtime.api_keys().revoke(operator_actor(), ApiKeyId{options->id}); !revoked) throw_error(revoked.error());
    std::cout << "revoked API key " << options->id << '\n';
  });
}

}  // namespace

void add_keys_command(CLI::App& app) {
  CLI::App* keys = app.add_subcommand("keys", "API keys");
  keys->require_subcommand(1);
  add_create(*keys);
  add_rotate(*keys);
  add_list(*keys);
  add_revoke(*keys);
}

}  // namespace snag
