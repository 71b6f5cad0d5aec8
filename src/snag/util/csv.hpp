#pragma once
// CSV as RFC 4180 writes it, for exports that spreadsheets open.

#include <string>
#include <string_view>

namespace snag {

// Appends one field, quoted when it holds a comma, quote, CR or LF. A field that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with a single quote
// (OWASP's CSV injection advice): exported text comes from users and ATS payloads. A plain
// signed number (-16.7, -16.7%) is left as it is.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace snag
