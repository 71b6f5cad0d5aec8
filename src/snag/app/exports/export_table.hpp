#pragma once
// What an export carries, whatever its format: a title, column names and rows of text, masked
// for the exporter like any API answer. render/ draws it as PDF; table_csv writes it as CSV.

#include <string>
#include <vector>

namespace snag {

struct ExportTable {
  std::string title;  // "Tickets", "Access log"
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as long as columns
};

// RFC 4180 CSV with a header line (util/csv.hpp quotes and defuses formulas).
std::string table_csv(const ExportTable& table);
// One CSV line of `fields`, CRLF-terminated, appended to `out`.
void append_csv_line(std::string& out, const std::vector<std::string>& fields);

}  // namespace snag
