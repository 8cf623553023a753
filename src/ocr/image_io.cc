// The Leptonica adapter for image files and encoded image bytes, and the
// Image <-> Pix conversion of leptonica_image.h.
#include "ocr/image_io.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>

#include "ocr/leptonica_image.h"

namespace thads::ocr {
namespace {

void DiscardMessage(const char* /*message*/) {}

// A resolution outside this range is a broken tag, not a scan: reported as absent.
constexpr int kMinPlausibleDpi = 10;
constexpr int kMaxPlausibleDpi = 10000;

int PlausibleDpi(int dpi) {
  return dpi >= kMinPlausibleDpi && dpi <= kMaxPlausibleDpi ? dpi : 0;
}

struct LeptFree {
  void operator()(l_uint8* data) const { lept_free(data); }
};
using LeptBytes = std::unique_ptr<l_uint8, LeptFree>;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// "scan.png: " for errors about a file; "scan.tif, page 3: " about one of its pages.
std::string PageName(const std::string& path, std::optional<int> page) {
  if (!page) return path;
  return path + ", page " + std::to_string(*page + 1);
}

Status CheckDimensions(std::int64_t width, std::int64_t height, const std::string& what) {
  if (width <= 0 || height <= 0) {
    return Status::Error(StatusCode::kCorrupt,
                         what + ": damaged image header (size " + std::to_string(width) + " x " +
                             std::to_string(height) + " pixels)");
  }
  const std::int64_t pixels = width * height;
  if (pixels > kMaxPixels) {
    return Status::Invalid(what + ": the image claims " + std::to_string(width) + " x " +
                           std::to_string(height) + " pixels (" +
                           std::to_string(pixels / 1000000) + " megapixels), over the limit of " +
                           std::to_string(kMaxPixels / 1000000) +
                           " megapixels for a scanned page; not decoded");
  }
  return Status::Ok();
}

// Existence, kind and size of an input file, checked before the library sees it.
Status CheckInputFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Status::NotFound(path + ": file not found");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Status::Invalid(path + ": not a regular file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path + ": cannot read the file size: " + ec.message());
  if (size == 0) return Status::Invalid(path + ": the file is empty (0 bytes)");
  return Status::Ok();
}

Result<ImageFormat> FormatOf(l_int32 format, const std::string& what) {
  if (format == IFF_PNG) return ImageFormat::kPng;
  if (format == IFF_JFIF_JPEG) return ImageFormat::kJpeg;
  if (L_FORMAT_IS_TIFF(format)) return ImageFormat::kTiff;
  if (format == IFF_UNKNOWN) {
    return Status::Error(StatusCode::kUnsupported,
                         what + ": not a PNG, JPEG or TIFF image (unrecognized content)");
  }
  return Status::Error(StatusCode::kUnsupported,
                       what + ": image format not accepted (scan to PNG, JPEG or TIFF)");
}

// Enough for every signature the format detection looks at.
constexpr std::size_t kMinImageBytes = 12;

// PNG and JPEG files are read whole before decoding (they hold one page); one
// larger than this is not a scan.
constexpr std::uintmax_t kMaxSinglePageFileBytes = 1024ull * 1024 * 1024;

Result<std::string> ReadFileBytes(const std::string& path, std::uintmax_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the file");
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) {
      return Status::Invalid(path + ": the file is larger than " +
                             std::to_string(limit / (1024 * 1024)) + " MB");
    }
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  return bytes;
}

Result<ImageFormat> DetectFormat(std::string_view prefix, const std::string& what) {
  if (prefix.size() < kMinImageBytes) {
    return Status::Invalid(what + ": too short to be an image (" +
                           std::to_string(prefix.size()) + " bytes)");
  }
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(reinterpret_cast<const l_uint8*>(prefix.data()), &format) != 0) {
    format = IFF_UNKNOWN;
  }
  return FormatOf(format, what);
}

Result<ImageFormat> DetectFileFormat(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the file");
  std::string head(kMinImageBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return DetectFormat(head, path);
}

std::uint32_t Be32(std::string_view bytes, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

std::uint32_t Crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
  return ~crc;
}

// The chunk structure of a PNG, checked before the decoder sees it (the
// decoder reports damage on stderr): every chunk inside the file with a
// correct checksum, IHDR first, IEND last, image data present.
Status CheckPngStructure(std::string_view bytes, const std::string& what) {
  const Status damaged = Status::Error(
      StatusCode::kCorrupt, what + ": the PNG data is truncated or damaged and cannot be decoded");
  std::size_t at = 8;  // after the signature
  bool first = true, has_data = false;
  while (true) {
    if (at + 12 > bytes.size()) return damaged;
    const std::uint32_t length = Be32(bytes, at);
    if (length > bytes.size() - at - 12) return damaged;
    const std::string_view type = bytes.substr(at + 4, 4);
    if (Crc32(bytes.substr(at + 4, 4 + length)) != Be32(bytes, at + 8 + length)) return damaged;
    if (first && type != "IHDR") return damaged;
    first = false;
    if (type == "IDAT") has_data = true;
    at += 12 + length;
    if (type == "IEND") return has_data ? Status::Ok() : damaged;
  }
}

// The marker structure of a JPEG up to its scan data, and its end marker.
Status CheckJpegStructure(std::string_view bytes, const std::string& what) {
  const Status damaged = Status::Error(
      StatusCode::kCorrupt, what + ": the JPEG data is truncated or damaged and cannot be decoded");
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::size_t end = bytes.size();
  while (end > 2 && byte(end - 1) == 0) --end;  // padding some writers append
  if (end < 4 || byte(0) != 0xff || byte(1) != 0xd8 || byte(end - 2) != 0xff ||
      byte(end - 1) != 0xd9) {
    return damaged;
  }
  std::size_t at = 2;
  while (true) {
    while (at < end && byte(at) == 0xff && at + 1 < end && byte(at + 1) == 0xff) ++at;
    if (at + 4 > end || byte(at) != 0xff) return damaged;
    const unsigned char marker = byte(at + 1);
    const std::size_t length = (static_cast<std::size_t>(byte(at + 2)) << 8) | byte(at + 3);
    if (length < 2 || at + 2 + length > end) return damaged;
    if (marker == 0xda) return Status::Ok();  // start of scan: entropy-coded data follows
    if (marker == 0xd9) return damaged;       // ends before any scan
    at += 2 + length;
  }
}

Result<int> TiffPageCount(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Status::IoError(path + ": cannot open the file");
  l_int32 count = 0;
  if (tiffGetCount(file.get(), &count) != 0 || count <= 0) {
    return Status::Error(StatusCode::kCorrupt,
                         path + ": damaged TIFF file (no readable page directory)");
  }
  if (count > kMaxImagePages) {
    return Status::Invalid(path + ": the TIFF file claims " + std::to_string(count) +
                           " pages, over the limit of " + std::to_string(kMaxImagePages));
  }
  return static_cast<int>(count);
}

Result<ImagePageInfo> TiffPageHeader(const std::string& path, int page) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
  const std::string what = PageName(path, page);
  if (readHeaderTiff(path.c_str(), page, &w, &h, &bps, &spp, &res, &cmap, &format) != 0) {
    return Status::Error(StatusCode::kCorrupt, what + ": damaged TIFF page header");
  }
  THADS_RETURN_IF_ERROR(CheckDimensions(w, h, what));
  return ImagePageInfo{w, h, PlausibleDpi(res)};
}

Result<Image> Decoded(Pix* raw, const std::string& what, ImageFormat format) {
  PixPtr pix(raw);
  if (!pix) {
    return Status::Error(StatusCode::kCorrupt,
                         what + ": the " + std::string(ImageFormatName(format)) +
                             " data is truncated or damaged and cannot be decoded");
  }
  return ImageFromPix(pix.get(), what);
}

Status WriteFileReplacing(const std::string& path, std::string_view bytes) {
  const std::string part = path + ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(path + ": cannot create the file");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(part, ignored);
      return Status::IoError(path + ": cannot write the file (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(part, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    return Status::IoError(path + ": cannot replace the file: " + ec.message());
  }
  return Status::Ok();
}

Status CheckImage(const Image& image, std::string_view what) {
  if (image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != static_cast<std::size_t>(image.width) *
                                 static_cast<std::size_t>(image.height) *
                                 static_cast<std::size_t>(image.channels)) {
    return Status::Invalid(std::string(what) + ": not a valid grey or RGB page image");
  }
  return CheckDimensions(image.width, image.height, std::string(what));
}

// Format, structure and header size of encoded bytes, before any decoding.
Result<ImageFormat> CheckEncodedImage(std::string_view bytes, const std::string& name,
                                      ImagePageInfo* info = nullptr) {
  if (bytes.empty()) return Status::Invalid(name + ": the file is empty (0 bytes)");
  auto format = DetectFormat(bytes, name);
  if (!format.ok()) return format.status();
  if (*format == ImageFormat::kPng) THADS_RETURN_IF_ERROR(CheckPngStructure(bytes, name));
  if (*format == ImageFormat::kJpeg) THADS_RETURN_IF_ERROR(CheckJpegStructure(bytes, name));
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 hfmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &hfmt, &w, &h, &bps, &spp, &cmap) != 0) {
    return Status::Error(StatusCode::kCorrupt,
                         name + ": damaged " + std::string(ImageFormatName(*format)) + " header");
  }
  THADS_RETURN_IF_ERROR(CheckDimensions(w, h, name));
  if (info != nullptr) *info = ImagePageInfo{w, h, 0};
  return format;
}

// 1-bit copy of a grey page that holds only 0 and 255 (lossless), else nullptr.
PixPtr BinaryPix(const Image& image) {
  if (!IsBlackAndWhite(image)) return nullptr;
  PixPtr grey = PixFromImage(image);
  if (!grey) return nullptr;
  PixPtr binary(pixThresholdToBinary(grey.get(), 128));
  if (binary) pixSetResolution(binary.get(), image.dpi, image.dpi);
  return binary;
}

}  // namespace

void PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(DiscardMessage);
  });
}

PixPtr PixFromImage(const Image& image) {
  QuietLeptonica();
  if (!CheckImage(image, "image").ok()) return nullptr;
  PixPtr pix(pixCreate(image.width, image.height, image.channels == 1 ? 8 : 32));
  if (!pix) return nullptr;
  pixSetResolution(pix.get(), image.dpi, image.dpi);
  l_uint32* data = pixGetData(pix.get());
  const l_int32 wpl = pixGetWpl(pix.get());
  const std::uint8_t* src = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    if (image.channels == 1) {
      for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, *src++);
    } else {
      for (int x = 0; x < image.width; ++x, src += 3) {
        line[x] = (static_cast<l_uint32>(src[0]) << L_RED_SHIFT) |
                  (static_cast<l_uint32>(src[1]) << L_GREEN_SHIFT) |
                  (static_cast<l_uint32>(src[2]) << L_BLUE_SHIFT);
      }
    }
  }
  return pix;
}

Result<Image> ImageFromPix(Pix* pix, std::string_view what) {
  QuietLeptonica();
  const std::string name(what);
  if (pix == nullptr) return Status::Error(StatusCode::kInternal, name + ": no image");
  THADS_RETURN_IF_ERROR(CheckDimensions(pixGetWidth(pix), pixGetHeight(pix), name));
  PixPtr converted;
  auto step = [&](Pix* next) -> bool {
    if (next == nullptr) return false;
    converted.reset(next);
    pix = next;
    return true;
  };
  const Status failed = Status::Error(StatusCode::kCorrupt,
                                      name + ": unusual pixel layout that cannot be converted");
  if (pixGetColormap(pix) != nullptr && !step(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC))) {
    return failed;
  }
  switch (pixGetDepth(pix)) {
    case 1:
      if (!step(pixConvert1To8(nullptr, pix, 255, 0))) return failed;
      break;
    case 2:
    case 4:
      if (!step(pixConvertTo8(pix, 0))) return failed;
      break;
    case 8:
      break;
    case 16:
      if (!step(pixConvert16To8(pix, L_MS_BYTE))) return failed;
      break;
    case 32:
      if (pixGetSpp(pix) == 4 && !step(pixAlphaBlendUniform(pix, 0xffffff00))) return failed;
      break;
    default:
      return failed;
  }
  const int depth = pixGetDepth(pix);
  if (depth != 8 && depth != 32) return failed;

  Image image;
  image.width = pixGetWidth(pix);
  image.height = pixGetHeight(pix);
  image.channels = depth == 8 ? 1 : 3;
  image.dpi = PlausibleDpi(pixGetXRes(pix));
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * image.channels);
  const l_uint32* data = pixGetData(pix);
  const l_int32 wpl = pixGetWpl(pix);
  std::uint8_t* out = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    if (depth == 8) {
      for (int x = 0; x < image.width; ++x) *out++ = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
    } else {
      for (int x = 0; x < image.width; ++x) {
        const l_uint32 v = line[x];
        *out++ = static_cast<std::uint8_t>((v >> L_RED_SHIFT) & 0xff);
        *out++ = static_cast<std::uint8_t>((v >> L_GREEN_SHIFT) & 0xff);
        *out++ = static_cast<std::uint8_t>((v >> L_BLUE_SHIFT) & 0xff);
      }
    }
  }
  return image;
}

std::string_view ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng: return "PNG";
    case ImageFormat::kJpeg: return "JPEG";
    case ImageFormat::kTiff: return "TIFF";
  }
  return "image";
}

Result<ImageFileInfo> InspectImageFile(const std::string& path) {
  QuietLeptonica();
  THADS_RETURN_IF_ERROR(CheckInputFile(path));
  auto format = DetectFileFormat(path);
  if (!format.ok()) return format.status();
  ImageFileInfo info;
  info.format = *format;
  if (*format != ImageFormat::kTiff) {
    auto bytes = ReadFileBytes(path, kMaxSinglePageFileBytes);
    if (!bytes.ok()) return bytes.status();
    ImagePageInfo page;
    auto checked = CheckEncodedImage(*bytes, path, &page);
    if (!checked.ok()) return checked.status();
    info.pages.push_back(page);
    return info;
  }
  auto count = TiffPageCount(path);
  if (!count.ok()) return count.status();
  for (int page = 0; page < *count; ++page) {
    auto header = TiffPageHeader(path, page);
    if (!header.ok()) return header.status();
    info.pages.push_back(*header);
  }
  return info;
}

Result<Image> ReadImagePage(const std::string& path, int page_index) {
  QuietLeptonica();
  THADS_RETURN_IF_ERROR(CheckInputFile(path));
  auto format = DetectFileFormat(path);
  if (!format.ok()) return format.status();
  if (*format != ImageFormat::kTiff) {
    if (page_index != 0) {
      return Status::Invalid(PageName(path, page_index) + ": a " +
                             std::string(ImageFormatName(*format)) + " file has one page");
    }
    auto bytes = ReadFileBytes(path, kMaxSinglePageFileBytes);
    if (!bytes.ok()) return bytes.status();
    return DecodeImage(*bytes, path);
  }
  auto count = TiffPageCount(path);
  if (!count.ok()) return count.status();
  if (page_index < 0 || page_index >= *count) {
    return Status::Invalid(PageName(path, page_index) + ": no such page (the file has " +
                           std::to_string(*count) + ")");
  }
  auto header = TiffPageHeader(path, page_index);
  if (!header.ok()) return header.status();
  return Decoded(pixReadTiff(path.c_str(), page_index), PageName(path, page_index), *format);
}

Result<std::vector<Image>> ReadImageFile(const std::string& path) {
  auto info = InspectImageFile(path);
  if (!info.ok()) return info.status();
  std::vector<Image> pages;
  pages.reserve(info->pages.size());
  for (std::size_t i = 0; i < info->pages.size(); ++i) {
    auto page = ReadImagePage(path, static_cast<int>(i));
    if (!page.ok()) return page.status();
    pages.push_back(std::move(*page));
  }
  return pages;
}

Result<Image> DecodeImage(std::string_view bytes, std::string_view what) {
  QuietLeptonica();
  const std::string name(what);
  auto format = CheckEncodedImage(bytes, name);
  if (!format.ok()) return format.status();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (*format == ImageFormat::kJpeg) {
    l_int32 warnings = 0;
    // Hint 0: a damaged JPEG is an error, not a grey-filled page.
    return Decoded(pixReadMemJpeg(data, bytes.size(), 0, 1, &warnings, 0), name, *format);
  }
  return Decoded(pixReadMem(data, bytes.size()), name, *format);
}

Result<std::string> EncodePng(const Image& image) {
  THADS_RETURN_IF_ERROR(CheckImage(image, "PNG output"));
  PixPtr pix = BinaryPix(image);
  if (!pix) pix = PixFromImage(image);
  if (!pix) return Status::Error(StatusCode::kInternal, "PNG output: out of memory");
  l_uint8* raw = nullptr;
  size_t size = 0;
  const l_ok failed = pixWriteMemPng(&raw, &size, pix.get(), 0.0f);
  LeptBytes bytes(raw);
  if (failed != 0 || !bytes) return Status::Error(StatusCode::kInternal, "PNG encoding failed");
  return std::string(reinterpret_cast<const char*>(bytes.get()), size);
}

Status WritePng(const Image& image, const std::string& path) {
  auto bytes = EncodePng(image);
  if (!bytes.ok()) return bytes.status().WithContext(path);
  return WriteFileReplacing(path, *bytes);
}

Result<std::string> EncodeJpeg(const Image& image, int quality) {
  THADS_RETURN_IF_ERROR(CheckImage(image, "JPEG output"));
  if (quality < 1 || quality > 100) {
    return Status::Invalid("JPEG quality " + std::to_string(quality) + " is outside 1..100");
  }
  PixPtr pix = PixFromImage(image);
  if (!pix) return Status::Error(StatusCode::kInternal, "JPEG output: out of memory");
  l_uint8* raw = nullptr;
  size_t size = 0;
  const l_ok failed = pixWriteMemJpeg(&raw, &size, pix.get(), quality, 0);
  LeptBytes bytes(raw);
  if (failed != 0 || !bytes) return Status::Error(StatusCode::kInternal, "JPEG encoding failed");
  return std::string(reinterpret_cast<const char*>(bytes.get()), size);
}

bool IsBlackAndWhite(const Image& image) {
  if (image.channels != 1 || image.empty()) return false;
  return std::all_of(image.pixels.begin(), image.pixels.end(),
                     [](std::uint8_t v) { return v == 0 || v == 255; });
}

Result<std::string> EncodeG4(const Image& image) {
  THADS_RETURN_IF_ERROR(CheckImage(image, "G4 output"));
  PixPtr pix = PixFromImage(image);
  PixPtr grey(pix && image.channels != 1 ? pixConvertRGBToGray(pix.get(), 0, 0, 0)
                                         : pix.release());
  PixPtr binary(grey ? pixThresholdToBinary(grey.get(), 128) : nullptr);
  if (!binary) return Status::Error(StatusCode::kInternal, "G4 output: out of memory");
  L_COMP_DATA* raw = nullptr;
  const l_ok failed = pixGenerateCIData(binary.get(), L_G4_ENCODE, 0, 0, &raw);
  std::unique_ptr<L_COMP_DATA, void (*)(L_COMP_DATA*)> data(
      raw, [](L_COMP_DATA* d) { l_CIDataDestroy(&d); });
  if (failed != 0 || !data || data->datacomp == nullptr || data->nbytescomp == 0) {
    return Status::Error(StatusCode::kInternal, "G4 encoding failed");
  }
  // Leptonica's 1 bits are black and its TIFF says so (min-is-white): the coded
  // black runs are the black pixels, as a PDF reads them by default.
  if (data->minisblack != 0) {
    return Status::Error(StatusCode::kInternal, "G4 encoding: unexpected photometry");
  }
  return std::string(reinterpret_cast<const char*>(data->datacomp), data->nbytescomp);
}

Status WriteTiff(const std::vector<Image>& pages, const std::string& path,
                 TiffCompression compression) {
  QuietLeptonica();
  if (pages.empty()) return Status::Invalid(path + ": no pages to write");
  const std::string part = path + ".part";
  auto fail = [&](Status status) {
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    return status;
  };
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string what = PageName(path, static_cast<int>(i));
    Status valid = CheckImage(pages[i], what);
    if (!valid.ok()) return fail(valid);
    PixPtr pix = PixFromImage(pages[i]);
    if (!pix) return fail(Status::Error(StatusCode::kInternal, what + ": out of memory"));
    l_int32 type = IFF_TIFF_ZIP;
    if (compression == TiffCompression::kGroup4) {
      PixPtr grey(pages[i].channels == 1 ? pixClone(pix.get())
                                         : pixConvertRGBToGray(pix.get(), 0, 0, 0));
      PixPtr binary(grey ? pixThresholdToBinary(grey.get(), 128) : nullptr);
      if (!binary) return fail(Status::Error(StatusCode::kInternal, what + ": out of memory"));
      pixSetResolution(binary.get(), pages[i].dpi, pages[i].dpi);
      pix = std::move(binary);
      type = IFF_TIFF_G4;
    }
    if (pixWriteTiff(part.c_str(), pix.get(), type, i == 0 ? "w" : "a") != 0) {
      return fail(Status::IoError(what + ": cannot write the TIFF file"));
    }
  }
  std::error_code ec;
  std::filesystem::rename(part, path, ec);
  if (ec) return fail(Status::IoError(path + ": cannot replace the file: " + ec.message()));
  return Status::Ok();
}

Status WriteImagePdf(const std::vector<Image>& pages, const std::string& path) {
  QuietLeptonica();
  if (pages.empty()) return Status::Invalid(path + ": no pages to write");
  struct PixaDeleter {
    void operator()(Pixa* pixa) const { pixaDestroy(&pixa); }
  };
  std::unique_ptr<Pixa, PixaDeleter> pixa(pixaCreate(static_cast<l_int32>(pages.size())));
  if (!pixa) return Status::Error(StatusCode::kInternal, path + ": out of memory");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string what = PageName(path, static_cast<int>(i));
    THADS_RETURN_IF_ERROR(CheckImage(pages[i], what));
    PixPtr pix = BinaryPix(pages[i]);
    if (!pix) pix = PixFromImage(pages[i]);
    if (!pix) return Status::Error(StatusCode::kInternal, what + ": out of memory");
    if (pages[i].dpi <= 0) pixSetResolution(pix.get(), kDefaultDpi, kDefaultDpi);
    if (pixaAddPix(pixa.get(), pix.release(), L_INSERT) != 0) {
      return Status::Error(StatusCode::kInternal, what + ": out of memory");
    }
  }
  // Equal pages give equal files: no creation date or library version written.
  static std::once_flag no_date;
  std::call_once(no_date, [] { l_pdfSetDateAndVersion(0); });
  l_uint8* raw = nullptr;
  size_t size = 0;
  // Resolution 0: each page's own; type 0: G4 for 1-bit pages, JPEG otherwise.
  const l_ok failed = pixaConvertToPdfData(pixa.get(), 0, 1.0f, 0, 0, nullptr, &raw, &size);
  LeptBytes bytes(raw);
  if (failed != 0 || !bytes) return Status::Error(StatusCode::kInternal, path + ": PDF encoding failed");
  return WriteFileReplacing(path, std::string_view(reinterpret_cast<const char*>(bytes.get()), size));
}

}  // namespace thads::ocr
