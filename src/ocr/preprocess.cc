// Leptonica's image processing for the OCR stage.
#include "ocr/preprocess.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "ocr/leptonica_image.h"

namespace thads::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Below this skew the page is left alone (a rotation resamples every pixel).
constexpr double kMinDeskewDegrees = 0.1;
// Leptonica's pixFindSkew confidence below which the angle is not trusted.
constexpr double kMinSkewConfidence = 3.0;
// The paper's grey after Leptonica's background normalization.
constexpr int kNormalizedPaper = 200;
// Ink threshold of the grey page (paper white after flattening).
constexpr int kInkThreshold = 160;
// A colour page is taken as carrying a red seal when this share of its
// pixels is clearly red.
constexpr double kMinRedShare = 0.0005;
// Specks: components no larger than this many pixels across at 300 dpi. The
// dot of an i or of the nặng tone is about 5 px across at 300 dpi for 13 pt.
constexpr int kSpeckSizeAt300 = 3;
// The resolution orientation is measured at.
constexpr int kOrientationDpi = 150;

Status OutOfMemory(const char* step) {
  return Status::Error(StatusCode::kInternal,
                       std::string("page image could not be processed (") + step + ")");
}

PixPtr Binary(Pix* grey) { return PixPtr(pixConvertTo1(grey, kInkThreshold)); }

// The share of pixels of an RGB page that are clearly red (seal ink).
double RedShare(const Image& page) {
  if (page.channels != 3 || page.pixels.empty()) return 0;
  std::int64_t red = 0;
  const std::size_t n = page.pixels.size() / 3;
  for (std::size_t i = 0; i < n; i += 4) {  // every 4th pixel is enough to tell
    const int r = page.pixels[3 * i], g = page.pixels[3 * i + 1], b = page.pixels[3 * i + 2];
    if (r > 120 && r - g > 60 && r - b > 60) ++red;
  }
  return static_cast<double>(red) / static_cast<double>((n + 3) / 4);
}

// A geometric step done to the page, to be done again to its picture.
struct Turn {
  int quarter_turns = 0;  // clockwise; or
  double degrees = 0;     // a deskew rotation
};

PixPtr Apply(Pix* pix, const Turn& t) {
  if (t.quarter_turns == 1) return PixPtr(pixRotate90(pix, 1));
  if (t.quarter_turns == 2) return PixPtr(pixRotate180(nullptr, pix));
  if (t.quarter_turns == 3) return PixPtr(pixRotate90(pix, -1));
  return PixPtr(pixRotate(pix, static_cast<l_float32>(t.degrees * kPi / 180.0),
                          L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

// Grey, scaled by `scale`, paper flattened to white when asked: the first
// steps of preprocessing, on a grey page.
PixPtr Flatten(PixPtr grey, bool flatten) {
  if (!flatten || !grey) return grey;
  PixPtr flat(pixBackgroundNormSimple(grey.get(), nullptr, nullptr));
  if (!flat) return grey;  // a blank or tiny page has no background to measure
  // Normalization brings the paper to grey 200; stretch it to white so the page
  // picture of the searchable PDF looks like paper.
  PixPtr white(pixGammaTRC(nullptr, flat.get(), 1.0f, 0, kNormalizedPaper));
  return white ? std::move(white) : std::move(flat);
}

// Straightens `grey` in place when its skew is measured with confidence.
void Deskew(PixPtr& grey, PreprocessReport& r, std::vector<Turn>& turns) {
  PixPtr bin = Binary(grey.get());
  l_float32 angle = 0, confidence = 0;
  if (!bin || pixFindSkew(bin.get(), &angle, &confidence) != 0) return;
  if (confidence < kMinSkewConfidence || std::fabs(angle) < kMinDeskewDegrees) return;
  PixPtr straight = Apply(grey.get(), Turn{0, angle});
  if (!straight) return;
  grey = std::move(straight);
  r.deskew_degrees += angle;
  turns.push_back(Turn{0, angle});
}

// Paints white, in `grey`, the components of the 1-bit `mask`; counts them.
void PaintWhite(Pix* grey, Pix* mask, PreprocessReport& r) {
  if (mask == nullptr) return;
  BOXA* boxes = pixConnCompBB(mask, 8);
  if (boxes != nullptr) {
    r.specks_removed += boxaGetCount(boxes);
    boxaDestroy(&boxes);
  }
  pixSetMasked(grey, mask, 0xffffffff);
}

// Paints white the specks (salt noise, dust) and the large dark regions
// touching the page edge (scanner lid shadows, black borders).
void Clean(Pix* grey, int dpi, PreprocessReport& r) {
  PixPtr bin = Binary(grey);
  if (!bin) return;
  const int speck = std::max(1, kSpeckSizeAt300 * dpi / 300);
  l_int32 changed = 0;
  PixPtr specks(pixSelectBySize(bin.get(), speck, speck, 8, L_SELECT_IF_BOTH,
                                L_SELECT_IF_LTE, &changed));
  PaintWhite(grey, specks.get(), r);
  PixPtr border(pixExtractBorderConnComps(bin.get(), 8));
  if (border) {
    const int w = pixGetWidth(grey), h = pixGetHeight(grey);
    PixPtr large(pixSelectBySize(border.get(), w / 10, h / 10, 8, L_SELECT_IF_EITHER,
                                 L_SELECT_IF_GT, &changed));
    PaintWhite(grey, large.get(), r);
  }
}

void Orient(PixPtr& grey, int dpi, const PreprocessOptions& options, OcrEngine& orienter,
            PreprocessReport& r, std::vector<Turn>& turns) {
  // Orientation reads the shapes of letters, not their marks: at 150 dpi the
  // engine tells it as well as at 300 and in a third of the time.
  PixPtr small;
  int osd_dpi = dpi;
  if (dpi >= 2 * kOrientationDpi - 20) {
    const float factor = static_cast<float>(kOrientationDpi) / static_cast<float>(dpi);
    small.reset(pixScaleAreaMap(grey.get(), factor, factor));
    if (small) osd_dpi = kOrientationDpi;
  }
  Pix* measured = small ? small.get() : grey.get();
  pixSetResolution(measured, osd_dpi, osd_dpi);
  Result<Image> image = ImageFromPix(measured, "page image");
  if (!image.ok()) {
    r.orientation_note = image.status().message();
    return;
  }
  image->dpi = osd_dpi;
  small.reset();
  Result<PageOrientation> found = orienter.DetectOrientation(*image);
  if (!found.ok()) {
    r.orientation_note = found.status().message();
    return;
  }
  r.orientation_confidence = found->confidence;
  if (found->rotate_degrees == 0) return;
  if (found->confidence < options.min_orientation_confidence) {
    r.orientation_note = "orientation " + std::to_string(found->rotate_degrees) +
                         " degrees read with too little confidence; page left as scanned";
    return;
  }
  const Turn turn{found->rotate_degrees / 90, 0};
  if (turn.quarter_turns < 1 || turn.quarter_turns > 3) return;
  PixPtr turned = Apply(grey.get(), turn);
  if (!turned) return;
  grey = std::move(turned);
  r.rotated_degrees = found->rotate_degrees;
  turns.push_back(turn);
}

}  // namespace

Result<Image> Preprocess(const Image& page, const PreprocessOptions& options,
                         PreprocessReport* report, OcrEngine* orienter, Image* picture) {
  PreprocessReport local;
  PreprocessReport& r = report != nullptr ? *report : local;
  r = PreprocessReport{};
  PixPtr pix = PixFromImage(page);
  if (!pix) return Status::Invalid("page image is empty or malformed");
  const int dpi = page.dpi > 0 ? page.dpi : kDefaultDpi;

  PixPtr grey;
  if (options.drop_red && RedShare(page) >= kMinRedShare) {
    // Black and blue ink are dark in the red channel; red seal ink is light.
    grey.reset(pixGetRGBComponent(pix.get(), COLOR_RED));
    r.red_dropped = grey != nullptr;
  }
  // The picture of a page with a red seal keeps the seal (in grey): it is made
  // from the page's luminance and given the same turns at the end.
  PixPtr luminance;
  if (r.red_dropped && picture != nullptr) luminance.reset(pixConvertTo8(pix.get(), 0));
  if (!grey) grey.reset(pixConvertTo8(pix.get(), 0));
  if (!grey) return OutOfMemory("grey");
  pix.reset();

  int out_dpi = dpi;
  if (dpi < options.min_dpi && options.target_dpi > dpi) {
    const float factor = static_cast<float>(options.target_dpi) / static_cast<float>(dpi);
    const double pixels = static_cast<double>(pixGetWidth(grey.get())) * factor *
                          pixGetHeight(grey.get()) * factor;
    if (pixels <= static_cast<double>(kMaxPixels)) {
      PixPtr scaled(pixScaleGrayLI(grey.get(), factor, factor));
      if (!scaled) return OutOfMemory("scale");
      grey = std::move(scaled);
      if (luminance) luminance.reset(pixScaleGrayLI(luminance.get(), factor, factor));
      r.scale = factor;
      out_dpi = options.target_dpi;
    }
  }

  std::vector<Turn> turns;
  grey = Flatten(std::move(grey), options.flatten_background);
  if (!grey) return OutOfMemory("flatten");
  r.background_flattened = options.flatten_background;
  if (options.clean) Clean(grey.get(), out_dpi, r);
  if (options.deskew) Deskew(grey, r, turns);
  if (options.orient && orienter != nullptr) {
    Orient(grey, out_dpi, options, *orienter, r, turns);
    // A page read sideways could not be measured for skew; measure it again.
    if (options.deskew && r.rotated_degrees % 180 != 0) Deskew(grey, r, turns);
  }

  if (luminance) {
    luminance = Flatten(std::move(luminance), options.flatten_background);
    for (const Turn& t : turns) {
      if (luminance) luminance = Apply(luminance.get(), t);
    }
    if (luminance) {
      pixSetResolution(luminance.get(), out_dpi, out_dpi);
      Result<Image> seen = ImageFromPix(luminance.get(), "page picture");
      if (seen.ok()) {
        *picture = std::move(seen).value();
        picture->dpi = out_dpi;
      }
    }
  }

  pixSetResolution(grey.get(), out_dpi, out_dpi);
  Result<Image> out = ImageFromPix(grey.get(), "page image");
  if (!out.ok()) return out.status();
  out->dpi = out_dpi;
  return out;
}

}  // namespace thads::ocr
