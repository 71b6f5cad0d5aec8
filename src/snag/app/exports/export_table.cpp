#include <snag/app/exports/export_table.hpp>

#include <snag/util/csv.hpp>

namespace snag {

void append_csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

std::string table_csv(const ExportTable& table) {
  std::string out;
  append_csv_line(out, table.columns);
  for (const auto& row : table.rows) append_csv_line(out, row);
  return out;
}

}  // namespace snag
