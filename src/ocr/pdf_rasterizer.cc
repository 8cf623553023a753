// The poppler-cpp adapter: opening PDFs, reading text layers, rendering pages.
#include "ocr/pdf_rasterizer.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <new>
#include <system_error>

#include "text/normalize.h"

namespace thads::ocr {
namespace {

// Poppler reports damage it repairs (and some it cannot) on stderr; the
// caller gets a Status instead.
void DiscardMessage(const std::string& /*message*/, void* /*closure*/) {}

void QuietPoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(DiscardMessage, nullptr); });
}

std::string PageName(const std::string& path, int page_index) {
  return path + ", page " + std::to_string(page_index + 1);
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// UTF-8 of a poppler string, NUL characters dropped (a broken ToUnicode map
// may produce them; they are no text).
std::string Utf8Of(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    if (c != '\0') out += c;
  }
  return out;
}

Status CheckInputFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Status::NotFound(path + ": file not found");
  if (!std::filesystem::is_regular_file(status)) {
    return Status::Invalid(path + ": not a regular file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path + ": cannot read the file size: " + ec.message());
  if (size == 0) return Status::Invalid(path + ": the file is empty (0 bytes)");
  return Status::Ok();
}

}  // namespace

struct PdfDocument::Impl {
  std::string path;
  std::unique_ptr<poppler::document> doc;
  PdfInfo info;

  // The page, for reading at `dpi` (checked against the accepted range).
  Result<std::unique_ptr<poppler::page>> Page(int page_index, int dpi) const {
    if (dpi < kMinRasterDpi || dpi > kMaxRasterDpi) {
      return Status::Invalid(PageName(path, page_index) + ": resolution " + std::to_string(dpi) +
                             " dpi is outside " + std::to_string(kMinRasterDpi) + ".." +
                             std::to_string(kMaxRasterDpi));
    }
    return Page(page_index);
  }

  Result<std::unique_ptr<poppler::page>> Page(int page_index) const {
    if (page_index < 0 || page_index >= info.page_count) {
      return Status::Invalid(PageName(path, page_index) + ": no such page (the file has " +
                             std::to_string(info.page_count) + ")");
    }
    std::unique_ptr<poppler::page> page(doc->create_page(page_index));
    if (!page) {
      return Status::Error(StatusCode::kCorrupt,
                           PageName(path, page_index) + ": the page is damaged and cannot be read");
    }
    return page;
  }
};

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfDocument::~PdfDocument() = default;

const PdfInfo& PdfDocument::info() const { return impl_->info; }

Result<std::unique_ptr<PdfDocument>> PdfDocument::Open(const std::string& path) {
  QuietPoppler();
  THADS_RETURN_IF_ERROR(CheckInputFile(path));
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  try {
    impl->doc.reset(poppler::document::load_from_file(path));
    if (!impl->doc) {
      return Status::Error(StatusCode::kCorrupt,
                           path + ": not a PDF, or a PDF damaged beyond repair");
    }
    if (impl->doc->is_locked()) {
      return Status::Error(StatusCode::kUnsupported,
                           path + " is encrypted (password-protected); save it without a "
                                  "password and add it again");
    }
    const int count = impl->doc->pages();
    if (count <= 0) {
      return Status::Error(StatusCode::kCorrupt, path + ": the PDF has no pages");
    }
    impl->info.page_count = count;
    impl->info.encrypted = impl->doc->is_encrypted();
    impl->info.pages.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      auto page = impl->Page(i);
      if (!page.ok()) return page.status();
      const poppler::rectf box = (*page)->page_rect(poppler::crop_box);
      PdfPageInfo p;
      p.width_pt = std::abs(box.width());
      p.height_pt = std::abs(box.height());
      const auto orientation = (*page)->orientation();
      if (orientation == poppler::page::landscape || orientation == poppler::page::seascape) {
        std::swap(p.width_pt, p.height_pt);
      }
      p.has_text = !IsBlank(Utf8Of((*page)->text()));
      impl->info.pages.push_back(p);
    }
  } catch (const std::bad_alloc&) {
    return Status::Error(StatusCode::kInternal, path + ": out of memory while opening the PDF");
  }
  return std::unique_ptr<PdfDocument>(new PdfDocument(std::move(impl)));
}

Result<std::string> PdfDocument::PageText(int page_index) const {
  auto page = impl_->Page(page_index);
  if (!page.ok()) return page.status();
  std::string bytes;
  try {
    bytes = Utf8Of((*page)->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
  } catch (const std::bad_alloc&) {
    return Status::Error(StatusCode::kInternal,
                         PageName(impl_->path, page_index) + ": out of memory reading the text");
  }
  return text::CleanText(bytes, PageName(impl_->path, page_index) + " (text layer)");
}

Result<OcrPage> PdfDocument::PageWords(int page_index, int dpi) const {
  const std::string what = PageName(impl_->path, page_index);
  auto page = impl_->Page(page_index, dpi);
  if (!page.ok()) return page.status();
  const PdfPageInfo& size = impl_->info.pages.at(static_cast<std::size_t>(page_index));
  OcrPage out;
  out.dpi = dpi;
  out.width = static_cast<int>(std::ceil(size.width_pt * dpi / 72.0));
  out.height = static_cast<int>(std::ceil(size.height_pt * dpi / 72.0));
  const double scale = dpi / 72.0;
  try {
    for (const poppler::text_box& box : (*page)->text_list()) {
      Result<std::string> word =
          text::CleanText(Utf8Of(box.text()), what + " (text layer)", text::Utf8Mode::kRepair);
      if (!word.ok() || IsBlank(*word)) continue;
      const poppler::rectf r = box.bbox();
      OcrWord w;
      w.text = std::move(word).value();
      w.x0 = static_cast<int>(std::floor(r.left() * scale));
      w.y0 = static_cast<int>(std::floor(r.top() * scale));
      w.x1 = std::max(w.x0 + 1, static_cast<int>(std::ceil(r.right() * scale)));
      w.y1 = std::max(w.y0 + 1, static_cast<int>(std::ceil(r.bottom() * scale)));
      w.confidence = 100;
      // A new line when the word does not overlap the current line vertically
      // by half its height, or starts left of where the line got to.
      OcrLine* line = out.lines.empty() ? nullptr : &out.lines.back();
      const int overlap = line == nullptr ? 0
                                          : std::min(line->y1, w.y1) - std::max(line->y0, w.y0);
      if (line == nullptr || overlap * 2 < (w.y1 - w.y0) || w.x0 < line->x1 - (w.y1 - w.y0)) {
        OcrLine fresh;
        fresh.x0 = w.x0;
        fresh.y0 = w.y0;
        fresh.x1 = w.x1;
        fresh.y1 = w.y1;
        out.lines.push_back(fresh);
        line = &out.lines.back();
      } else {
        line->x0 = std::min(line->x0, w.x0);
        line->y0 = std::min(line->y0, w.y0);
        line->x1 = std::max(line->x1, w.x1);
        line->y1 = std::max(line->y1, w.y1);
      }
      w.line = static_cast<int>(out.lines.size()) - 1;
      out.words.push_back(std::move(w));
    }
  } catch (const std::bad_alloc&) {
    return Status::Error(StatusCode::kInternal, what + ": out of memory reading the text");
  }
  // The baseline sits about a fifth of the line's height above its bottom
  // (the descenders' share in a serif face).
  for (OcrLine& line : out.lines) {
    line.baseline_y0 = line.baseline_y1 = line.y1 - (line.y1 - line.y0) / 5;
  }
  return out;
}

Result<Image> PdfDocument::RasterizePage(int page_index, int dpi, RasterColor color) const {
  const std::string what = PageName(impl_->path, page_index);
  auto page = impl_->Page(page_index, dpi);
  if (!page.ok()) return page.status();
  const PdfPageInfo& size = impl_->info.pages.at(static_cast<std::size_t>(page_index));
  const double width_px = std::ceil(size.width_pt * dpi / 72.0);
  const double height_px = std::ceil(size.height_pt * dpi / 72.0);
  if (width_px < 1 || height_px < 1) {
    return Status::Error(StatusCode::kCorrupt, what + ": the page has no area");
  }
  if (width_px * height_px > static_cast<double>(kMaxPixels)) {
    return Status::Invalid(what + ": at " + std::to_string(dpi) + " dpi the page would be " +
                           std::to_string(static_cast<long long>(width_px)) + " x " +
                           std::to_string(static_cast<long long>(height_px)) +
                           " pixels, over the limit of " + std::to_string(kMaxPixels / 1000000) +
                           " megapixels; not rendered");
  }
  Image image;
  try {
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing);
    renderer.set_paper_color(0xffffffff);
    renderer.set_image_format(color == RasterColor::kGrey ? poppler::image::format_gray8
                                                          : poppler::image::format_bgr24);
    const poppler::image rendered = renderer.render_page(page->get(), dpi, dpi);
    const int channels = color == RasterColor::kGrey ? 1 : 3;
    if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0 ||
        rendered.bytes_per_row() < rendered.width() * channels) {
      return Status::Error(StatusCode::kCorrupt, what + ": the page could not be rendered");
    }
    image.width = rendered.width();
    image.height = rendered.height();
    image.channels = channels;
    image.dpi = dpi;
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * channels);
    const auto* data = reinterpret_cast<const std::uint8_t*>(rendered.const_data());
    std::uint8_t* out = image.pixels.data();
    for (int y = 0; y < image.height; ++y) {
      const std::uint8_t* row = data + static_cast<std::ptrdiff_t>(y) * rendered.bytes_per_row();
      if (channels == 1) {
        std::copy(row, row + image.width, out);
        out += image.width;
      } else {
        for (int x = 0; x < image.width; ++x, row += 3) {  // B, G, R in memory
          *out++ = row[2];
          *out++ = row[1];
          *out++ = row[0];
        }
      }
    }
  } catch (const std::bad_alloc&) {
    return Status::Error(StatusCode::kInternal, what + ": out of memory while rendering");
  }
  return image;
}

Result<std::string> PdfTextLayer(const std::string& path) {
  auto doc = PdfDocument::Open(path);
  if (!doc.ok()) return doc.status();
  std::string text;
  for (int i = 0; i < (*doc)->info().page_count; ++i) {
    if (!(*doc)->info().pages.at(static_cast<std::size_t>(i)).has_text) {
      return Status::Error(StatusCode::kUnsupported,
                           PageName(path, i) + " is a scanned image without text");
    }
    Result<std::string> page = (*doc)->PageText(i);
    if (!page.ok()) return page.status();
    if (i > 0) text += '\f';
    text += *page;
  }
  return text;
}

Result<PdfInfo> InspectPdf(const std::string& path) {
  auto doc = PdfDocument::Open(path);
  if (!doc.ok()) return doc.status();
  return (*doc)->info();
}

Result<std::string> PdfPageText(const std::string& path, int page_index) {
  auto doc = PdfDocument::Open(path);
  if (!doc.ok()) return doc.status();
  return (*doc)->PageText(page_index);
}

Result<Image> RasterizePdfPage(const std::string& path, int page_index, int dpi,
                               RasterColor color) {
  auto doc = PdfDocument::Open(path);
  if (!doc.ok()) return doc.status();
  return (*doc)->RasterizePage(page_index, dpi, color);
}

}  // namespace thads::ocr
