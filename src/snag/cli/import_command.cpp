// snag import candidates FILE --connector ID: candidates from a CSV file (see
// integrations/sync/candidate_csv.hpp for the columns), applied through the same EventApplier as
// webhooks and batch sync, a few hundred rows per store write. A row with an error is reported
// with its row number and skipped; the others are imported. Exit status 0 when every row was
// imported, 2 when some were skipped, 1 when the import could not run or stopped.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/progress_bar.hpp>
#include <snag/integrations/sync/apply_batch.hpp>
#include <snag/integrations/sync/candidate_csv.hpp>
#include <snag/integrations/sync/csv_reader.hpp>

namespace snag {

namespace {

constexpr int k_exit_rows_skipped = 2;

struct ImportOptions {
  RuntimeOptions runtime;
  std::string file;
  std::string connector;
  std::size_t batch = 500;
};

struct ImportCounts {
  std::size_t rows = 0;
  std::size_t imported = 0;
  std::size_t created = 0;
  std::size_t superseded = 0;
  std::size_t skipped = 0;
};

std::string row_error(std::size_t row, const Error& error) {
  std::string text = "row " + std::to_string(row) + ": ";
  if (error.fields.empty()) return text + error.message;
  for (std::size_t i = 0; i < error.fields.size(); ++i) {
    text += (i ? "; " : "") + error.fields[i].field + " " + error.fields[i].message;
  }
  return text;
}

// Errors that are about the store or the connector, not about one row: the import stops.
bool stops_the_import(const Error& error) {
  return error.code == ErrorCode::unavailable || error.code == ErrorCode::not_found ||
         error.code == ErrorCode::conflict || error.code == ErrorCode::internal;
}

class Importer {
 public:
  Importer(Runtime& runtime, const Connector& connector, ProgressBar& progress, ImportCounts& counts)
      : m_runtime(runtime), m_connector(connector), m_progress(progress), m_counts(counts) {}

  void add(AtsEvent event, std::size_t row) {
    m_events.push_back(std::move(event));
    m_rows.push_back(row);
  }
  std::size_t pending() const { return m_events.size(); }

  // Applies the pending rows in one write. When the applier refuses one of them, the batch is
  // rolled back and its rows are applied one by one, so that only the bad row is skipped.
  void flush() {
    if (m_events.empty()) return;
    auto applied = apply(m_events);
    if (!applied) {
      if (stops_the_import(applied.error())) throw std::runtime_error(applied.error().message);
      for (std::size_t i = 0; i < m_events.size(); ++i) {
        auto single = apply(std::span<const AtsEvent>(&m_events[i], 1));
        if (!single) {
          if (stops_the_import(single.error())) throw std::runtime_error(single.error().message);
          m_progress.message(row_error(m_rows[i], single.error()));
          ++m_counts.skipped;
          continue;
        }
        count(*single);
      }
    } else {
      count(*applied);
    }
    m_events.clear();
    m_rows.clear();
  }

 private:
  Result<sync::BatchOutcome> apply(std::span<const AtsEvent> events) {
    return sync::apply_batch(m_runtime.store(), m_runtime.integrations().applier, m_connector.id, events,
                             m_runtime.clock().now());
  }
  void count(const sync::BatchOutcome& outcome) {
    m_counts.imported += outcome.applied;
    m_counts.created += outcome.created;
    m_counts.superseded += outcome.superseded;
  }

  Runtime& m_runtime;
  const Connector& m_connector;
  ProgressBar& m_progress;
  ImportCounts& m_counts;
  std::vector<AtsEvent> m_events;
  std::vector<std::size_t> m_rows;
};

Connector connector_or_throw(Store& store, const std::string& id) {
  auto found = store.find_connector(id);
  if (!found) throw std::runtime_error(found.error().message);
  if (!*found) {
    throw std::runtime_error("no connector '" + id + "'; create it first (POST /api/v1/connectors, vendor csv)");
  }
  if ((*found)->disabled) throw std::runtime_error("connector '" + id + "' is disabled");
  return std::move(**found);
}

void run_import(const ImportOptions& options) {
  Runtime runtime(options.runtime);
  const Connector connector = connector_or_throw(runtime.store(), options.connector);
  std::ifstream file(options.file, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + options.file);
  std::error_code size_error;
  const auto size = std::filesystem::file_size(options.file, size_error);

  sync::CsvReader reader(file);
  auto header = reader.next();
  if (!header) throw std::runtime_error(options.file + ": " + header.error().message);
  if (!*header) throw std::runtime_error(options.file + " is empty");
  auto columns = sync::CandidateCsv::from_header((*header)->fields);
  if (!columns) throw std::runtime_error(options.file + ": " + columns.error().message);

  ImportCounts counts;
  ProgressBar progress("importing " + std::filesystem::path(options.file).filename().string(),
                       size_error ? 0 : static_cast<std::uint64_t>(size), ProgressBar::stderr_is_terminal());
  Importer importer(runtime, connector, progress, counts);
  // One time for the whole file: rows without updated_at describe the candidate as of the export.
  const Timestamp imported_at = runtime.clock().now();
  for (;;) {
    auto record = reader.next();
    if (!record) {  // a quote never closed: nothing after it can be read
      progress.message(record.error().message);
      ++counts.skipped;
      break;
    }
    if (!*record) break;
    if (sync::is_blank_row((*record)->fields)) continue;
    ++counts.rows;
    auto event = columns->event((*record)->fields, connector.ats, imported_at);
    if (!event) {
      progress.message(row_error((*record)->line, event.error()));
      ++counts.skipped;
      continue;
    }
    importer.add(std::move(*event), (*record)->line);
    if (importer.pending() >= options.batch) {
      importer.flush();
      progress.update(reader.bytes_read(), counts.rows);
    }
  }
  importer.flush();
  progress.finish(counts.rows);

  std::cout << "imported " << counts.imported << " of " << counts.rows << " rows into connector " << connector.id
            << " (" << counts.created << " new candidates";
  if (counts.superseded > 0) std::cout << ", " << counts.superseded << " older than what Snag had";
  std::cout << ")\n";
  if (counts.skipped > 0) {
    std::cout << "skipped " << counts.skipped << " rows with errors (listed above)\n";
    std::cout.flush();
    throw CLI::RuntimeError(k_exit_rows_skipped);
  }
}

}  // namespace

void add_import_command(CLI::App& app) {
  CLI::App* import = app.add_subcommand("import", "Import data from files");
  import->require_subcommand(1);
  auto options = std::make_shared<ImportOptions>();
  CLI::App* candidates = import->add_subcommand(
      "candidates", "Candidates from a CSV file: external_id,name,email,level,geography and custom field columns");
  add_store_options(*candidates, options->runtime);
  candidates->add_option("FILE", options->file, "The CSV file; its first row names the columns")
      ->required()
      ->check(CLI::ExistingFile);
  candidates->add_option("--connector", options->connector, "The connector the candidates belong to")->required();
  candidates->add_option("--batch", options->batch, "Rows per store write")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  candidates->callback([options] { run_import(*options); });
}

}  // namespace snag
