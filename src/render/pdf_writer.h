// The drawing surface the layout engine paints official documents on: measures
// text, places text runs and rules on pages, and writes one PDF/A-2b file.
// The PDF library stays behind this header (pdf_writer.cc is its only user).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "render/fonts.h"

namespace thads::render {

constexpr double kA4WidthPt = 595.276;  // 210 mm
constexpr double kA4HeightPt = 841.89;  // 297 mm

struct PdfOptions {
  FontSet fonts;  // TrueType files, one per style; parsed once per process
  // ICC profile of the output intent (Debian: icc-profiles-free). Must be an RGB profile.
  std::string icc_profile_path = "/usr/share/color/icc/sRGB.icc";
  // Fixed dates (when PdfMetadata::creation_date is empty) and a content-derived
  // /ID, so that equal input gives byte-identical files (golden tests).
  bool deterministic = false;
};

// Written to both the Info dictionary and the XMP packet. All strings UTF-8;
// empty strings are left out of the file.
struct PdfMetadata {
  std::string title;            // dc:title, e.g. "Quyết định thi hành án"
  std::string author;           // dc:creator: the issuing agency (cơ quan ban hành)
  std::string subject;          // dc:description
  std::string keywords;         // pdf:Keywords
  std::string document_number;  // số, e.g. "123" (XMP thads:DocumentNumber)
  std::string document_symbol;  // ký hiệu, e.g. "QĐ-CCTHADS" (XMP thads:DocumentSymbol)
  // ISO 8601 with seconds and offset: "2024-02-05T09:00:00+07:00" (or "...Z").
  // Empty: now (UTC), or 2000-01-01T00:00:00+07:00 in deterministic mode.
  std::string creation_date;
  std::string language = "vi-VN";  // catalog /Lang and dc:language
};

// How a page picture's bytes are coded.
enum class ImageCoding {
  kJpeg,     // a baseline JPEG file, grey or RGB
  kCcittG4,  // CCITT G4 fax rows (K -1, black runs black), black and white
};

// A page picture already encoded, as a scan is embedded under its text layer.
struct PdfImage {
  int width = 0;       // pixels
  int height = 0;
  int components = 1;  // 1 grey (or black and white), 3 RGB
  ImageCoding coding = ImageCoding::kJpeg;
  std::string data;    // the JPEG file's bytes, or the G4-coded rows
};

// One document. Not thread-safe; separate writers may run on separate threads.
// Coordinates are points (1/72 inch), origin at the bottom-left of the page.
// Errors of BeginPage/DrawLine/DrawRect (and internal failures of DrawText)
// stick to the writer and are returned by Finish.
class PdfWriter {
 public:
  // A document built in memory; Finish returns its bytes.
  static Result<std::unique_ptr<PdfWriter>> Create(const PdfOptions& options);
  // A document written to `path` (replaced) as it grows: each page image goes
  // to the file when drawn, so memory does not grow with the page count;
  // Finish completes the file and returns an empty string. The file is
  // incomplete until Finish succeeds: write to a temporary name and rename.
  static Result<std::unique_ptr<PdfWriter>> CreateForFile(const PdfOptions& options,
                                                          const std::string& path);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  // Advance width in points of `text` (valid NFC UTF-8, one line) at `size_pt`,
  // exactly as it will be drawn (no kerning). No allocation; safe on any bytes.
  double Width(FontStyle style, double size_pt, std::string_view text) const;

  // First code point of `text` that DrawText cannot draw with `style`: no glyph
  // in the font (U+4E2D, U+FFFD), a control character (tab included), or
  // outside the BMP; an invalid UTF-8 byte reports U+FFFD. nullopt if none.
  std::optional<char32_t> MissingGlyph(FontStyle style, std::string_view text) const;

  // Font metrics for line layout, in points at `size_pt`; all three are >= 0
  // (Descent is the distance below the baseline).
  double Ascent(FontStyle style, double size_pt) const;
  double Descent(FontStyle style, double size_pt) const;
  double LineGap(FontStyle style, double size_pt) const;

  // Starts a new page (A4 portrait by default); later drawing goes there.
  void BeginPage(double width_pt = kA4WidthPt, double height_pt = kA4HeightPt);

  // Draws `text` in black with its baseline starting at (x_pt, y_pt). Refuses,
  // drawing nothing, text that is not valid UTF-8, not NFC, or has a character
  // MissingGlyph reports; and calls before BeginPage.
  Status DrawText(FontStyle style, double size_pt, double x_pt, double y_pt,
                  std::string_view text);

  // Draws `text` invisibly (text render mode 3: it is found, selected and
  // extracted, never seen), stretched horizontally to span `width_pt`: the text
  // layer of a scanned page. Same refusals as DrawText.
  Status DrawInvisibleText(FontStyle style, double size_pt, double x_pt, double y_pt,
                           double width_pt, std::string_view text);

  // Paints `image` into the rectangle (x_pt, y_pt, width_pt, height_pt). Refuses
  // an image whose bytes are not a JPEG or whose size is implausible.
  Status DrawImage(const PdfImage& image, double x_pt, double y_pt, double width_pt,
                   double height_pt);

  // A black straight line / rectangle outline of the given stroke width.
  void DrawLine(double x1_pt, double y1_pt, double x2_pt, double y2_pt, double width_pt);
  void DrawRect(double x_pt, double y_pt, double width_pt, double height_pt,
                double line_width_pt);

  int page_count() const;

  // Completes the document and returns the PDF/A-2b file (PDF 1.7) — or an
  // empty string when written to a file by CreateForFile: fonts
  // embedded as subsets with ToUnicode maps, XMP metadata, sRGB output intent,
  // /ID, /Lang. Afterwards the writer is spent, unless `metadata` was refused.
  Result<std::string> Finish(const PdfMetadata& metadata);

 private:
  struct Impl;
  explicit PdfWriter(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<PdfWriter>> Open(const PdfOptions& options,
                                                 const std::string& path);
  // DrawText, or DrawInvisibleText when invisible_width_pt > 0.
  Status DrawRun(FontStyle style, double size_pt, double x_pt, double y_pt,
                 std::string_view text, double invisible_width_pt);
  std::unique_ptr<Impl> impl_;
};

}  // namespace thads::render
