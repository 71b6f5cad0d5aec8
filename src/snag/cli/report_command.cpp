// snag report aging|summary: the scheduled reports, run now and written as CSV or PDF to a file
// or standard output. They take the view of the operator (the admin role, as `snag keys` does)
// and read the database given with --database or the configuration's. Like every export they go
// through ExportService: refused while exports.enabled is off, and in the access log.

#include <memory>

#include <snag/app/reports/report_tables.hpp>
#include <snag/cli/command_output.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>
#include <snag/render/pdf_table.hpp>

namespace snag {
namespace {

struct ReportOptions {
  RuntimeOptions runtime;
  std::string since;  // RFC 3339, or a date (midnight UTC)
  std::string format = "csv";
  std::string output;  // standard output when empty
};

void run_report(ReportKind kind, const ReportOptions& options) {
  const std::optional<Timestamp> since = parse_time_option(options.since, "--since");
  Runtime runtime(options.runtime);
  const Timestamp now = runtime.clock().now();
  const Actor actor = operator_actor();
  auto& services = runtime.services();
  auto table = services.exports.report(actor, std::string(to_string(kind)) + "_report", options.format, [&] {
    return report_table(services.aging_report, services.executive_summary, kind, actor, since, now);
  });
  if (!table) throw std::runtime_error(describe_for_options(table.error()));
  if (options.format == "csv") {
    write_output(options.output, table_csv(*table));
    return;
  }
  auto pdf = render_pdf(*table, export_watermark(actor.name, format_rfc3339(now)));
  if (!pdf) throw std::runtime_error(pdf.error().message);
  write_output(options.output, *pdf);
}

void add_report_subcommand(CLI::App& report, ReportKind kind, const std::string& description,
                           const std::string& since_help) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = report.add_subcommand(std::string(to_string(kind)), description);
  add_store_options(*command, options->runtime);
  command->add_option("--since", options->since, since_help);
  command->add_option("--format", options->format, "csv (the default) or pdf")->check(CLI::IsMember({"csv", "pdf"}));
  command->add_option("--output", options->output, "the file to write (standard output when left out)");
  command->callback([kind, options] { run_report(kind, *options); });
}

}  // namespace

void add_report_command(CLI::App& app) {
  CLI::App* report = app.add_subcommand("report", "Run the scheduled reports now, as CSV or PDF");
  report->require_subcommand(1);
  add_report_subcommand(*report, ReportKind::aging,
                        "Open tickets per team and issue type by age (0-2, 3-7, 8-14, 15-30, >30 days)",
                        "count only tickets opened since this time (RFC 3339 or a date); every open ticket when "
                        "left out");
  add_report_subcommand(*report, ReportKind::summary,
                        "Open volume, opened and resolved, time to resolution, SLA, top types and spikes",
                        "the period's start (RFC 3339 or a date); 7 days ago when left out");
}

}  // namespace snag
