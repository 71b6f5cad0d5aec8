#include <fstream>
#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {

namespace {
struct UserOptions {
  RuntimeOptions runtime;
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::string> team;
  std::optional<std::string> email;
  std::optional<std::string> password_file;
};

// The first line of `in`, without its line ending. A password is never an argument, which
// `ps` and shell histories would show.
std::string first_line(std::istream& in, const std::string& source) {
  std::string line;
  if (!std::getline(in, line) && line.empty()) throw std::runtime_error("no password on " + source);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string read_password(const UserOptions& options) {
  if (options.password_file) {
    std::ifstream file(*options.password_file);
    if (!file) throw std::runtime_error("cannot read the password file " + *options.password_file);
    return first_line(file, *options.password_file);
  }
  return first_line(std::cin, "stdin");
}
}  // namespace

void add_users_command(CLI::App& app) {
  CLI::App* users = app.add_subcommand("users", "Users who sign in to the web app");
  users->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();
  CLI::App* create =
      users->add_subcommand("create", "Create a user; the password is the first line of stdin, or of --password-file");
  add_store_options(*create, options->runtime);
  create->add_option("--username", options->username, "What the user signs in with: a-z, 0-9, '.', '_', '-'")
      ->required();
  create->add_option("--name", options->display_name, "The name shown for the user, e.g. \"Priya Shah\"")->required();
  create->add_option("--role", options->role, "A role from the configuration, e.g. recruiter or admin")->required();
  create->add_option("--team", options->team, "The user's team, e.g. recruitment");
  create->add_option("--email", options->email, "Where the user's email notifications go");
  create->add_option("--password-file", options->password_file, "Read the password from this file's first line")
      ->check(CLI::ExistingFile);
  create->callback([options] {
    const std::string password = read_password(*options);
    Runtime runtime(options->runtime);
    auto created = runtime.services().sessions.create_user(
        operator_actor(), NewUser{options->username, options->display_name, options->role, options->team, password, options->email});
    if (!created) {
      std::string message = created.error().message;
      for (const auto& field : created.error().fields) {
        const std::string what = field.field == "password"       ? "the password"
                                 : field.field == "display_name" ? "--name"
                                                                 : "--" + field.field;
        message += "\n  " + what + ": " + field.message;
      }
      throw std::runtime_error(message);
    }
    std::cout << "created user " << created->username << " (role " << created->role;
    if (created->team) std::cout << ", team " << *created->team;
    std::cout << ")\n";
  });
}

}  // namespace snag
