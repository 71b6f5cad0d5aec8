#include <snag/integrations/sync/csv_reader.hpp>

namespace snag::sync {

CsvReader::CsvReader(std::istream& in) : m_in(in) {
  // The byte order mark Excel writes at the start of "CSV UTF-8".
  if (m_in.peek() == 0xEF) {
    char bom[3] = {};
    m_in.read(bom, 3);
    if (m_in.gcount() == 3 && bom[1] == '\xBB' && bom[2] == '\xBF') {
      m_bytes = 3;
    } else {
      m_in.clear();
      m_in.seekg(0);
    }
  }
}

int CsvReader::get() {
  const int c = m_in.get();
  if (c != std::char_traits<char>::eof()) ++m_bytes;
  return c;
}

int CsvReader::peek() { return m_in.peek(); }

Result<std::optional<CsvRecord>> CsvReader::next() {
  constexpr int k_eof = std::char_traits<char>::eof();
  if (peek() == k_eof) return std::nullopt;
  CsvRecord record;
  record.line = m_line;
  std::string field;
  bool quoted = false;         // inside a quoted field
  bool field_started = false;  // the field began with a quote (so it ends only at its close)
  for (;;) {
    const int c = get();
    if (quoted) {
      if (c == k_eof) {
        return fail(ErrorCode::invalid_argument,
                    "row " + std::to_string(record.line) + ": a quoted field is never closed");
      }
      if (c == '"') {
        if (peek() == '"') {
          get();
          field += '"';
        } else {
          quoted = false;
        }
        continue;
      }
      if (c == '\n') ++m_line;
      field += static_cast<char>(c);
      continue;
    }
    if (c == k_eof || c == '\n' || (c == '\r' && peek() == '\n') || c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
      if (c == ',') continue;
      if (c == '\r') get();
      if (c != k_eof) ++m_line;
      return record;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
      continue;
    }
    field_started = true;
    field += static_cast<char>(c);
  }
}

}  // namespace snag::sync
