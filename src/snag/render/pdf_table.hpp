#pragma once
// An export table as a PDF (cairo): landscape A4 pages with the title, a header row repeated on
// every page and a page number. Every page carries the watermark diagonally across it, so that a
// printed or forwarded page still says who took it out of Snag, when, and that it is confidential.

#include <string>

#include <snag/app/exports/export_table.hpp>
#include <snag/util/error.hpp>

namespace snag {

// "Confidential - exported by Cora Compliance - 2026-11-30T09:00:00Z"
std::string export_watermark(const std::string& exporter, const std::string& at);

// The PDF's bytes; internal when cairo fails.
Result<std::string> render_pdf(const ExportTable& table, const std::string& watermark);

}  // namespace snag
