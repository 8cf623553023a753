// Reading scanned pages from image files and writing page images: PNG, JPEG and
// TIFF (every page of a multi-page TIFF). The image library stays behind this
// header (image_io.cc is its only user for files and encoded bytes).
//
// Every reader checks the header first and refuses, before decoding, a page
// whose pixel count exceeds kMaxPixels (a decompression bomb). Errors name the
// file, and the page for a multi-page TIFF. Thread-safe: no shared state
// beyond the library's message settings, set once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ocr/image.h"

namespace thads::ocr {

enum class ImageFormat { kPng, kJpeg, kTiff };

// "PNG", "JPEG", "TIFF".
std::string_view ImageFormatName(ImageFormat format);

struct ImagePageInfo {
  int width = 0;   // pixels, as the header says
  int height = 0;
  int dpi = 0;     // 0 when the header does not say (or only PNG/JPEG decoding would tell)
};

struct ImageFileInfo {
  ImageFormat format = ImageFormat::kPng;
  std::vector<ImagePageInfo> pages;  // one for PNG and JPEG; one per directory for TIFF
};

// A TIFF with more pages than this is refused (no office scans 10000 pages to one file).
inline constexpr int kMaxImagePages = 10000;

// Reads the headers only: format, page count and sizes. Refuses unknown
// formats, empty files and pages over kMaxPixels.
Result<ImageFileInfo> InspectImageFile(const std::string& path);

// Decodes one page (0-based) into a grey (1 channel) or RGB (3 channels) Image;
// 1-bit and palette pages become grey or RGB, 16-bit samples are cut to 8,
// transparency is blended onto white. dpi is the file's resolution, 0 when absent.
Result<Image> ReadImagePage(const std::string& path, int page_index);

// Every page of the file, in order. For long TIFFs prefer InspectImageFile and
// ReadImagePage page by page: each page costs width * height * channels bytes.
Result<std::vector<Image>> ReadImageFile(const std::string& path);

// Decodes PNG, JPEG or single-page TIFF bytes held in memory; `what` names
// them in errors. Same limits as the file readers.
Result<Image> DecodeImage(std::string_view bytes, std::string_view what);

// PNG bytes of `image` (lossless; the resolution is written when dpi > 0). A
// grey page holding only 0 and 255 is written as a 1-bit PNG.
Result<std::string> EncodePng(const Image& image);
Status WritePng(const Image& image, const std::string& path);

// JPEG bytes (baseline, quality 1..100) of a grey or RGB image.
Result<std::string> EncodeJpeg(const Image& image, int quality);

// Whether a grey page holds only black and white (0 and 255): a black-and-white
// scan, such as a fax or a scanner's "text" mode.
bool IsBlackAndWhite(const Image& image);

// The CCITT G4 fax coding of `image` thresholded at 128 (lossless for a
// black-and-white page), as a PDF embeds it: the coded rows alone (K -1, black
// runs are the black pixels), no TIFF around them.
Result<std::string> EncodeG4(const Image& image);

enum class TiffCompression {
  kDeflate,  // lossless, any grey or RGB page
  kGroup4,   // CCITT G4 fax coding: the page is thresholded at 128 to black and white
};

// Writes all `pages` into one (multi-page) TIFF file, replacing `path`.
Status WriteTiff(const std::vector<Image>& pages, const std::string& path,
                 TiffCompression compression);

// A PDF of page images and no text layer (what a scanner's "scan to PDF"
// makes), replacing `path`: black-and-white pages G4-coded, others JPEG.
// Each page's size is its pixels at its dpi (kDefaultDpi when 0). No date is
// written: equal pages give byte-identical files.
Status WriteImagePdf(const std::vector<Image>& pages, const std::string& path);

}  // namespace thads::ocr
