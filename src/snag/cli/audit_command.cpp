#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/domain/journal.hpp>

namespace snag {

void add_audit_command(CLI::App& app) {
  CLI::App* audit = app.add_subcommand("audit", "The tamper-evident journal");
  audit->require_subcommand(1);
  auto options = std::make_shared<RuntimeOptions>();
  CLI::App* verify = audit->add_subcommand("verify", "Check the journal's hash chain; exit 1 at the first broken entry");
  add_store_options(*verify, *options);
  verify->callback([options] {
    Runtime runtime(*options);
    ChainVerifier verifier;
    auto scanned = runtime.store().scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); });
    if (!scanned) throw std::runtime_error(scanned.error().message);
    const ChainVerdict& verdict = verifier.verdict();
    if (verdict.ok) {
      std::cout << "ok " << verdict.checked << " entries, " << verdict.redacted << " redacted\n";
      return;
    }
    std::cout << "broken at entry " << *verdict.broken_seq << ": " << verdict.reason << " (" << verdict.checked
              << " entries before it are intact)\n";
    throw CLI::RuntimeError(1);
  });
}

}  // namespace snag
