#include "ocr/searchable_pdf.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <unistd.h>

#include "render/fonts.h"
#include "text/utf8.h"

namespace thads::ocr {
namespace {

namespace fs = std::filesystem;

constexpr render::FontStyle kLayerFont = render::FontStyle::kRegular;

double ToPoints(double pixels, int dpi) { return pixels * 72.0 / dpi; }

// `word` with every character the font cannot draw replaced by '?'.
std::string Drawable(const render::PdfWriter& writer, const std::string& word, int& replaced) {
  if (!writer.MissingGlyph(kLayerFont, word)) return word;
  std::string out;
  const std::u32string cps = text::DecodeUtf8(word);
  for (char32_t cp : cps) {
    std::string one;
    text::AppendUtf8(cp, one);
    if (writer.MissingGlyph(kLayerFont, one)) {
      out += '?';
      ++replaced;
    } else {
      out += one;
    }
  }
  return out;
}

std::string TempPathFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

}  // namespace

Result<render::PdfOptions> DefaultScanPdfOptions() {
  Result<render::FontSet> fonts = render::LoadFontConfig(render::DefaultFontConfigPath());
  if (!fonts.ok()) return fonts.status();
  render::PdfOptions options;
  options.fonts = *fonts;
  return options;
}

SearchablePdf::SearchablePdf(std::string path, std::string temp_path,
                             std::unique_ptr<render::PdfWriter> writer)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), writer_(std::move(writer)) {}

SearchablePdf::~SearchablePdf() {
  if (!finished_) {
    writer_.reset();  // closes the temporary file before it is removed
    std::error_code ec;
    fs::remove(temp_path_, ec);
  }
}

Result<std::unique_ptr<SearchablePdf>> SearchablePdf::Create(
    const std::string& path, const render::PdfOptions& options) {
  if (path.empty()) return Status::Invalid("no output PDF given");
  const std::string temp = TempPathFor(path);
  Result<std::unique_ptr<render::PdfWriter>> writer =
      render::PdfWriter::CreateForFile(options, temp);
  if (!writer.ok()) {
    std::error_code ec;
    fs::remove(temp, ec);
    return writer.status().WithContext(path);
  }
  return std::unique_ptr<SearchablePdf>(
      new SearchablePdf(path, temp, std::move(writer).value()));
}

Status SearchablePdf::AddPage(const PagePicture& picture, const OcrPage& words) {
  if (finished_) return Status::Error(StatusCode::kInternal, "page added after Finish");
  if (picture.image.width <= 0 || picture.image.height <= 0 || picture.dpi <= 0) {
    return Status::Invalid("page picture has no size");
  }
  const int dpi = picture.dpi;
  const double width_pt = ToPoints(picture.image.width, dpi);
  const double height_pt = ToPoints(picture.image.height, dpi);
  writer_->BeginPage(width_pt, height_pt);
  THADS_RETURN_IF_ERROR(writer_->DrawImage(picture.image, 0, 0, width_pt, height_pt));
  ++pages_;

  // Words are in pixels of the recognized image, which may differ from the
  // picture's (a PDF page rendered at another resolution): scale to the page.
  const double sx = words.width > 0 ? width_pt / words.width : 72.0 / dpi;
  const double sy = words.height > 0 ? height_pt / words.height : 72.0 / dpi;
  // The font's ascent + descent in em: a line's box divided by it is the size
  // at which a viewer's selection highlight covers the line.
  const double em_height =
      (writer_->Ascent(kLayerFont, 1) + writer_->Descent(kLayerFont, 1));
  for (const OcrWord& w : words.words) {
    if (w.x1 <= w.x0 || w.y1 <= w.y0) continue;
    const OcrLine* line = w.line >= 0 && static_cast<std::size_t>(w.line) < words.lines.size()
                              ? &words.lines[static_cast<std::size_t>(w.line)]
                              : nullptr;
    double baseline_px = w.y1;
    double line_height_px = w.y1 - w.y0;
    if (line != nullptr && line->x1 > line->x0) {
      const double t = std::clamp((0.5 * (w.x0 + w.x1) - line->x0) / (line->x1 - line->x0),
                                  0.0, 1.0);
      baseline_px = line->baseline_y0 + t * (line->baseline_y1 - line->baseline_y0);
      line_height_px = std::max(line_height_px, static_cast<double>(line->y1 - line->y0));
    }
    const double size_pt = std::clamp(line_height_px * sy / em_height, 1.0, 200.0);
    const std::string drawable = Drawable(*writer_, w.text, replaced_);
    const Status drawn = writer_->DrawInvisibleText(
        kLayerFont, size_pt, w.x0 * sx, height_pt - baseline_px * sy, (w.x1 - w.x0) * sx,
        drawable);
    if (!drawn.ok()) return drawn.WithContext("page " + std::to_string(pages_));
  }
  return Status::Ok();
}

Status SearchablePdf::Finish(const render::PdfMetadata& metadata) {
  if (finished_) return Status::Error(StatusCode::kInternal, "Finish called twice");
  if (pages_ == 0) return Status::Invalid(path_ + ": no page could be read");
  Result<std::string> done = writer_->Finish(metadata);
  if (!done.ok()) return done.status().WithContext(path_);
  writer_.reset();
  std::error_code ec;
  fs::rename(temp_path_, path_, ec);
  if (ec) {
    return Status::IoError(path_ + ": the finished PDF could not be put in place: " +
                           ec.message());
  }
  finished_ = true;
  return Status::Ok();
}

}  // namespace thads::ocr
