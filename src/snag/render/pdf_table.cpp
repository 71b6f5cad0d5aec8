#include <snag/render/pdf_table.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include <cairo-pdf.h>
#include <cairo.h>

namespace snag {
namespace {

// A4 landscape, in points.
constexpr double k_page_width = 842;
constexpr double k_page_height = 595;
constexpr double k_margin = 36;
constexpr double k_row_height = 12;
constexpr double k_font_size = 7.5;
constexpr double k_cell_padding = 4;
constexpr double k_max_column_width = 240;
constexpr std::size_t k_rows_measured = 500;  // column widths come from the first rows
constexpr const char* k_font = "DejaVu Sans";

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

// The longest prefix of `text`, cut at a character boundary, that fits `width` with an ellipsis.
std::string fitted(cairo_t* cr, const std::string& text, double width) {
  if (text_width(cr, text) <= width) return text;
  std::string cut = text;
  while (!cut.empty()) {
    do {
      cut.pop_back();
    } while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80) != 0) cut.pop_back();  // a lead byte
    if (text_width(cr, cut + "\u2026") <= width) return cut + "\u2026";
  }
  return "";
}

// Each column as wide as its widest measured text (capped). When they do not fit the page, the
// widest are narrowed first, never below their header; only if the headers alone do not fit is
// every column scaled down.
std::vector<double> column_widths(cairo_t* cr, const ExportTable& table) {
  const std::size_t count = table.columns.size();
  std::vector<double> headers(count, 0);
  std::vector<double> natural(count, 0);
  const auto measure = [&](std::vector<double>& widths, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < count && i < cells.size(); ++i) {
      widths[i] = std::max(widths[i], std::min(k_max_column_width, text_width(cr, cells[i]) + 2 * k_cell_padding));
    }
  };
  cairo_select_font_face(cr, k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);  // as the header is drawn
  measure(headers, table.columns);
  cairo_select_font_face(cr, k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  natural = headers;
  for (std::size_t row = 0; row < table.rows.size() && row < k_rows_measured; ++row) measure(natural, table.rows[row]);
  const double available = k_page_width - 2 * k_margin;
  const auto widths_under = [&](double cap) {
    std::vector<double> widths(count);
    for (std::size_t i = 0; i < count; ++i) widths[i] = std::max(headers[i], std::min(natural[i], cap));
    return widths;
  };
  const auto total = [](const std::vector<double>& widths) { return std::accumulate(widths.begin(), widths.end(), 0.0); };
  if (total(natural) <= available) return natural;
  if (total(headers) > available) {
    for (double& width : headers) width *= available / total(headers);
    return headers;
  }
  double low = 0;
  double high = k_max_column_width;
  for (int step = 0; step < 30; ++step) {  // the widest cap under which the columns fit
    const double middle = (low + high) / 2;
    (total(widths_under(middle)) <= available ? low : high) = middle;
  }
  return widths_under(low);
}

void draw_row(cairo_t* cr, const std::vector<std::string>& cells, const std::vector<double>& widths, double y) {
  double x = k_margin;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const std::string& text = i < cells.size() ? cells[i] : std::string();
    cairo_move_to(cr, x + k_cell_padding, y);
    cairo_show_text(cr, fitted(cr, text, widths[i] - 2 * k_cell_padding).c_str());
    x += widths[i];
  }
}

void draw_watermark(cairo_t* cr, const std::string& watermark) {
  cairo_save(cr);
  cairo_select_font_face(cr, k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 22);
  cairo_set_source_rgba(cr, 0.75, 0.1, 0.1, 0.22);
  cairo_translate(cr, k_page_width / 2, k_page_height / 2);
  cairo_rotate(cr, -std::atan2(k_page_height, k_page_width));
  cairo_move_to(cr, -text_width(cr, watermark) / 2, 0);
  cairo_show_text(cr, watermark.c_str());
  cairo_restore(cr);
}

// Title, header and footer of page `page` (1-based) of `pages`.
void draw_frame(cairo_t* cr, const ExportTable& table, const std::vector<double>& widths, int page, int pages) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 13);
  cairo_move_to(cr, k_margin, k_margin);
  cairo_show_text(cr, table.title.c_str());
  cairo_set_font_size(cr, k_font_size);
  draw_row(cr, table.columns, widths, k_margin + 2 * k_row_height);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, k_margin, k_margin + 2.4 * k_row_height);
  cairo_line_to(cr, k_page_width - k_margin, k_margin + 2.4 * k_row_height);
  cairo_stroke(cr);
  cairo_select_font_face(cr, k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  const std::string footer = table.title + " - " + std::to_string(table.rows.size()) + " rows - page " +
                             std::to_string(page) + " of " + std::to_string(pages);
  cairo_move_to(cr, k_margin, k_page_height - k_margin / 2);
  cairo_show_text(cr, footer.c_str());
}

}  // namespace

std::string export_watermark(const std::string& exporter, const std::string& at) {
  return "Confidential - exported by " + exporter + " - " + at;
}

Result<std::string> render_pdf(const ExportTable& table, const std::string& watermark) {
  std::string bytes;
  Surface surface(cairo_pdf_surface_create_for_stream(append_bytes, &bytes, k_page_width, k_page_height),
                  cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, table.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Snag");
  Context cr(cairo_create(surface.get()), cairo_destroy);

  cairo_select_font_face(cr.get(), k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr.get(), k_font_size);
  const std::vector<double> widths = column_widths(cr.get(), table);
  const double first_row_y = k_margin + 3.5 * k_row_height;
  const auto rows_per_page = static_cast<std::size_t>((k_page_height - k_margin - first_row_y) / k_row_height);
  const int pages = static_cast<int>(std::max<std::size_t>(1, (table.rows.size() + rows_per_page - 1) / rows_per_page));

  for (int page = 1; page <= pages; ++page) {
    draw_frame(cr.get(), table, widths, page, pages);
    const std::size_t begin = static_cast<std::size_t>(page - 1) * rows_per_page;
    const std::size_t end = std::min(table.rows.size(), begin + rows_per_page);
    for (std::size_t row = begin; row < end; ++row) {
      draw_row(cr.get(), table.rows[row], widths, first_row_y + static_cast<double>(row - begin) * k_row_height);
    }
    if (table.rows.empty()) {
      cairo_move_to(cr.get(), k_margin, first_row_y);
      cairo_show_text(cr.get(), "No rows match.");
    }
    draw_watermark(cr.get(), watermark);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return fail(ErrorCode::internal, std::string("the PDF could not be drawn: ") +
                                         cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return bytes;
}

}  // namespace snag
