#pragma once
// Reads CSV as RFC 4180 writes it (and spreadsheets export it): fields separated by commas, a
// field in double quotes may hold commas, line breaks and "" for a quote; records end with CRLF
// or LF. Streams, so that a file of any size is read a record at a time.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <snag/util/error.hpp>

namespace snag::sync {

struct CsvRecord {
  std::size_t line = 0;  // the line the record starts on, from 1: the row a spreadsheet shows
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // `in` must outlive the reader. A UTF-8 byte order mark at the start is skipped.
  explicit CsvReader(std::istream& in);

  // The next record; nullopt at the end of the input. Lenient where exports differ: a quote
  // inside an unquoted field, or text after a closing quote, is kept as it is. invalid_argument
  // only for a quoted field still open at the end of the input (naming the line it started on);
  // that is the end of what can be read.
  Result<std::optional<CsvRecord>> next();

  // Bytes consumed so far, for progress against the file's size.
  std::uint64_t bytes_read() const { return m_bytes; }

 private:
  int get();
  int peek();

  std::istream& m_in;
  std::size_t m_line = 1;
  std::uint64_t m_bytes = 0;
};

}  // namespace snag::sync
