// snag export vendor-feedback: the anonymised issue log for ATS vendors, as the API serves it
// (app/exports/vendor_feedback_export.hpp), written as CSV or JSON to a file or standard output.
// It takes the view of the operator (the admin role, as `snag report` does), goes through the
// same export checks and is recorded in the access log like an export through the API.

#include <memory>

#include <snag/cli/command_output.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {
namespace {

struct VendorFeedbackOptions {
  RuntimeOptions runtime;
  std::optional<std::int64_t> k;  // the configuration's exports.vendor_feedback_k when left out
  std::string since;              // RFC 3339, or a date (midnight UTC)
  std::string until;
  std::string ats;
  std::string format = "csv";
  std::string output;  // standard output when empty
};

void run_vendor_feedback(const VendorFeedbackOptions& options) {
  VendorFeedbackRequest request;
  request.k = options.k;
  request.since = parse_time_option(options.since, "--since");
  request.until = parse_time_option(options.until, "--until");
  if (!options.ats.empty()) request.ats = options.ats;
  Runtime runtime(options.runtime);
  auto log = runtime.services().vendor_feedback.build(operator_actor(), request, options.format);
  if (!log) throw std::runtime_error(describe_for_options(log.error()));
  write_output(options.output, options.format == "json" ? vendor_feedback_json(*log).dump() + "\n"
                                                        : table_csv(vendor_feedback_table(*log)));
}

}  // namespace

void add_export_command(CLI::App& app) {
  CLI::App* export_command = app.add_subcommand("export", "Export data for use outside Snag");
  export_command->require_subcommand(1);

  auto options = std::make_shared<VendorFeedbackOptions>();
  CLI::App* vendor_feedback = export_command->add_subcommand(
      "vendor-feedback",
      "The anonymised issue log for ATS vendors: hashed candidates, no free text, days, and geography and level "
      "generalised until each combination covers k candidates");
  add_store_options(*vendor_feedback, options->runtime);
  vendor_feedback->add_option("--k", options->k,
                              "each (geography, level) combination covers at least k candidates (1-1000; "
                              "exports.vendor_feedback_k by default)");
  vendor_feedback->add_option("--since", options->since, "only tickets opened since this time (RFC 3339 or a date)");
  vendor_feedback->add_option("--until", options->until, "only tickets opened before this time (RFC 3339 or a date)");
  vendor_feedback->add_option("--ats", options->ats, "only candidates of this ATS (greenhouse, lever, …)");
  vendor_feedback->add_option("--format", options->format, "csv (the default) or json")
      ->check(CLI::IsMember({"csv", "json"}));
  vendor_feedback->add_option("--output", options->output, "the file to write (standard output when left out)");
  vendor_feedback->callback([options] { run_vendor_feedback(*options); });
}

}  // namespace snag
