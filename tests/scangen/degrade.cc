// Page damage. Geometry (rotation, scaling, blur) goes through Leptonica, the
// library the OCR stage's preprocessing uses; everything random is drawn here
// from Rng so that a seed fixes the result.
#include "degrade.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "ocr/image_io.h"
#include "ocr/leptonica_image.h"

namespace thads::scangen {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string Fixed(double value, int digits) {
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::fixed, digits);
  if (ec != std::errc()) return "?";
  return std::string(buf.data(), end);
}

std::uint8_t Clamp(double v) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

std::uint8_t& At(ocr::Image& img, int x, int y) {
  return img.pixels[static_cast<std::size_t>(y) * img.width + x];
}

// Printed toner on paper: black becomes `ink`, white becomes `paper`.
void Paper(ocr::Image& img, double paper, double ink) {
  for (auto& v : img.pixels) v = Clamp(ink + (paper - ink) * v / 255.0);
}

// Light falling off across the page (a lid not closed, a curled copy).
void Lighting(ocr::Image& img, double angle, double strength) {
  const double dx = std::cos(angle), dy = std::sin(angle);
  const double span = std::abs(dx) * img.width + std::abs(dy) * img.height;
  const double origin = std::min(0.0, dx * img.width) + std::min(0.0, dy * img.height);
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      const double t = (dx * x + dy * y - origin) / span;  // 0..1 across the page
      At(img, x, y) = Clamp(At(img, x, y) * (1.0 - strength * t));
    }
  }
}

// Darkens pixels inside a shape (never lightens: ink over ink stays ink).
template <typename Inside>
void Darken(ocr::Image& img, int x0, int y0, int x1, int y1, std::uint8_t value, Inside inside) {
  x0 = std::max(0, x0);
  y0 = std::max(0, y0);
  x1 = std::min(img.width - 1, x1);
  y1 = std::min(img.height - 1, y1);
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      if (inside(x, y)) At(img, x, y) = std::min(At(img, x, y), value);
    }
  }
}

void Disc(ocr::Image& img, double cx, double cy, double rx, double ry, std::uint8_t value) {
  Darken(img, int(cx - rx), int(cy - ry), int(cx + rx) + 1, int(cy + ry) + 1, value,
         [&](int x, int y) {
           const double u = (x - cx) / rx, v = (y - cy) / ry;
           return u * u + v * v <= 1.0;
         });
}

// Dust and toner specks.
void Speckles(ocr::Image& img, Rng& rng, int count) {
  for (int i = 0; i < count; ++i) {
    const double r = rng.Uniform(0.8, 2.8);
    Disc(img, rng.Uniform(0, img.width), rng.Uniform(0, img.height), r, r,
         static_cast<std::uint8_t>(rng.Int(0, 90)));
  }
}

// Ink blots: irregular dark ellipses.
void Blots(ocr::Image& img, Rng& rng, int count) {
  for (int i = 0; i < count; ++i) {
    const double cx = rng.Uniform(0, img.width), cy = rng.Uniform(0, img.height);
    for (int k = 0; k < 4; ++k) {
      Disc(img, cx + rng.Uniform(-8, 8), cy + rng.Uniform(-8, 8), rng.Uniform(4, 13),
           rng.Uniform(3, 10), static_cast<std::uint8_t>(rng.Int(20, 70)));
    }
  }
}

// A court seal as a grey scan shows it: two rings and a star (dấu đỏ, printed grey).
void Stamp(ocr::Image& img, double cx, double cy, double radius, std::uint8_t value) {
  const double thickness = radius * 0.06;
  auto ring = [&](double r, double t) {
    Darken(img, int(cx - r - t), int(cy - r - t), int(cx + r + t) + 1, int(cy + r + t) + 1,
           value, [&](int x, int y) {
             const double d = std::hypot(x - cx, y - cy);
             return d >= r - t / 2 && d <= r + t / 2;
           });
  };
  ring(radius, thickness);
  ring(radius * 0.72, thickness * 0.6);
  // A five-pointed star: inside when the point is within the star's radius at its angle.
  const double outer = radius * 0.3, inner = outer * 0.4;
  Darken(img, int(cx - outer), int(cy - outer), int(cx + outer) + 1, int(cy + outer) + 1, value,
         [&](int x, int y) {
           const double a = std::atan2(y - cy, x - cx) + kPi / 2;
           const double sector = 2 * kPi / 5;
           double f = std::fmod(a + 10 * kPi, sector) / sector;  // 0..1 within a point
           f = std::abs(f - 0.5) * 2;                            // 1 at tips, 0 between
           const double limit = inner + (outer - inner) * f;
           return std::hypot(x - cx, y - cy) <= limit;
         });
}

void GaussianNoise(ocr::Image& img, Rng& rng, double sigma) {
  for (auto& v : img.pixels) v = Clamp(v + sigma * rng.Normal());
}

void SaltPepper(ocr::Image& img, Rng& rng, double density) {
  for (auto& v : img.pixels) {
    if (rng.Chance(density)) v = rng.Chance(0.5) ? 0 : 255;
  }
}

void Threshold(ocr::Image& img, int level) {
  for (auto& v : img.pixels) v = v < level ? 0 : 255;
}

// Runs one Leptonica transform on `img`, keeping its dpi unless `dpi` is given.
template <typename Transform>
Status WithPix(ocr::Image& img, const char* step, Transform transform, int dpi = 0) {
  ocr::PixPtr pix = ocr::PixFromImage(img);
  if (!pix) return Status::Error(StatusCode::kInternal, std::string(step) + ": out of memory");
  ocr::PixPtr out(transform(pix.get()));
  if (!out) return Status::Error(StatusCode::kInternal, std::string(step) + " failed");
  auto back = ocr::ImageFromPix(out.get(), step);
  if (!back.ok()) return back.status();
  back->dpi = dpi > 0 ? dpi : img.dpi;
  img = std::move(*back);
  return Status::Ok();
}

Status Rotate(ocr::Image& img, double degrees) {
  return WithPix(img, "rotate", [&](Pix* p) {
    return pixRotate(p, static_cast<l_float32>(degrees * kPi / 180.0), L_ROTATE_AREA_MAP,
                     L_BRING_IN_WHITE, 0, 0);
  });
}

Status RotateOrth(ocr::Image& img, int quarter_turns) {
  return WithPix(img, "rotate-orth", [&](Pix* p) { return pixRotateOrth(p, quarter_turns); });
}

Status Blur(ocr::Image& img, double sigma) {
  const int half = std::max(1, static_cast<int>(std::ceil(2.5 * sigma)));
  L_KERNEL* kx = nullptr;
  L_KERNEL* ky = nullptr;
  if (makeGaussianKernelSep(half, half, static_cast<l_float32>(sigma), 1.0f, &kx, &ky) != 0) {
    return Status::Error(StatusCode::kInternal, "blur kernel failed");
  }
  Status s = WithPix(img, "blur", [&](Pix* p) { return pixConvolveSep(p, kx, ky, 8, 1); });
  kernelDestroy(&kx);
  kernelDestroy(&ky);
  return s;
}

Status Resample(ocr::Image& img, int dpi) {
  const double f = static_cast<double>(dpi) / img.dpi;
  return WithPix(
      img, "scale",
      [&](Pix* p) { return pixScale(p, static_cast<l_float32>(f), static_cast<l_float32>(f)); },
      dpi);
}

// The parameters of every step, drawn first so that the list documents the page.
struct Plan {
  double paper = 250, ink = 15;
  double light_strength = 0, light_angle = 0;
  int speckles = 0, blots = 0;
  bool stamp = false;
  double stamp_x = 0, stamp_y = 0, stamp_radius = 0;
  int stamp_value = 120;
  double skew = 0;
  int quarter_turns = 0;
  double blur = 0;
  int dpi = 200;
  double noise = 0, salt_pepper = 0;
  int threshold = 0;      // > 0: binarize
  int jpeg_quality = 0;   // > 0: store as JPEG
};

Plan MakePlan(Profile profile, Rng& rng) {
  Plan p;
  switch (profile) {
    case Profile::kRandom: {
      p.paper = rng.Uniform(228, 250);
      p.ink = rng.Uniform(12, 60);
      if (rng.Chance(0.5)) {
        p.light_strength = rng.Uniform(0.08, 0.28);
        p.light_angle = rng.Uniform(0, 2 * kPi);
      }
      if (rng.Chance(0.5)) p.speckles = rng.Int(30, 400);
      if (rng.Chance(0.2)) p.blots = rng.Int(1, 3);
      p.stamp = rng.Chance(0.25);
      if (rng.Chance(0.85)) p.skew = rng.Uniform(-3, 3);
      const double turn = rng.Uniform();
      p.quarter_turns = turn < 0.05 ? 2 : turn < 0.08 ? 1 : turn < 0.10 ? 3 : 0;
      if (rng.Chance(0.7)) p.blur = rng.Uniform(0.5, 1.5);
      p.dpi = rng.Int(15, 20) * 10;
      if (rng.Chance(0.8)) p.noise = rng.Uniform(2, 7);
      if (rng.Chance(0.3)) p.salt_pepper = rng.Uniform(0.0002, 0.0015);
      // Office scanners store black and white or JPEG; grey PNG of a noisy page
      // would be a large file no office keeps.
      if (rng.Chance(0.5)) {
        p.threshold = rng.Int(130, 170);
      } else {
        p.jpeg_quality = rng.Int(25, 55);
      }
      break;
    }
    case Profile::kClean:
      p.paper = 246;
      p.ink = 18;
      p.skew = rng.Uniform(-0.4, 0.4);
      p.blur = 0.6;
      p.dpi = 200;
      p.jpeg_quality = 85;
      break;
    case Profile::kSkewed:
      p.paper = 242;
      p.ink = 20;
      p.skew = (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(2.0, 3.0);
      p.blur = 0.7;
      p.dpi = 200;
      p.noise = 2;
      p.jpeg_quality = 75;
      break;
    case Profile::kNoisy:
      p.paper = rng.Uniform(225, 238);
      p.ink = rng.Uniform(35, 60);
      p.light_strength = rng.Uniform(0.2, 0.3);
      p.light_angle = rng.Uniform(0, 2 * kPi);
      p.speckles = rng.Int(200, 400);
      p.blots = rng.Int(1, 2);
      p.stamp = true;
      p.skew = rng.Uniform(-1.5, 1.5);
      p.blur = rng.Uniform(1.0, 1.4);
      p.dpi = 150;
      p.noise = rng.Uniform(7, 10);
      p.salt_pepper = 0.001;
      p.jpeg_quality = 35;
      break;
    case Profile::kFax:
      p.paper = 245;
      p.ink = 20;
      p.speckles = rng.Int(20, 120);
      p.skew = rng.Uniform(-1.0, 1.0);
      p.blur = 0.6;
      p.dpi = 200;
      p.noise = 4;
      p.threshold = 150;
      break;
  }
  if (p.stamp) {
    p.stamp_x = rng.Uniform(0.55, 0.8);
    p.stamp_y = rng.Uniform(0.65, 0.9);
    p.stamp_radius = rng.Uniform(190, 240);  // pixels at 300 dpi: a seal of 3.2-4 cm
    p.stamp_value = rng.Int(90, 150);
  }
  return p;
}

}  // namespace

Rng::Rng(std::uint64_t seed) : state_(seed) {}

std::uint64_t Rng::Next() {  // SplitMix64
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
double Rng::Uniform(double low, double high) { return low + (high - low) * Uniform(); }
int Rng::Int(int low, int high) {
  return low + static_cast<int>(Next() % static_cast<std::uint64_t>(high - low + 1));
}
bool Rng::Chance(double probability) { return Uniform() < probability; }
double Rng::Normal() {
  const double u1 = 1.0 - Uniform();  // (0, 1]
  const double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * kPi * u2);
}

std::uint64_t MixSeed(std::uint64_t seed, std::string_view name, std::uint64_t a,
                      std::uint64_t b) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ull;
  Rng rng(seed ^ h);
  rng.Next();
  Rng mixed(rng.Next() ^ (a * 0x9e3779b97f4a7c15ull) ^ (b + 0x632be59bd9b4e019ull));
  return mixed.Next();
}

Result<Profile> ParseProfile(std::string_view name) {
  for (Profile p : {Profile::kRandom, Profile::kClean, Profile::kSkewed, Profile::kNoisy,
                    Profile::kFax}) {
    if (ProfileName(p) == name) return p;
  }
  return Status::Invalid("unknown profile '" + std::string(name) +
                         "' (random, clean, skewed, noisy, fax)");
}

std::string_view ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kRandom: return "random";
    case Profile::kClean: return "clean";
    case Profile::kSkewed: return "skewed";
    case Profile::kNoisy: return "noisy";
    case Profile::kFax: return "fax";
  }
  return "random";
}

Result<DegradedPage> Degrade(const ocr::Image& clean, Profile profile, Rng& rng) {
  if (clean.channels != 1 || clean.empty() || clean.dpi <= 0) {
    return Status::Invalid("degrade: needs a grey page with a resolution");
  }
  const Plan p = MakePlan(profile, rng);
  DegradedPage out;
  out.image = clean;
  ocr::Image& img = out.image;
  auto& steps = out.steps;

  Paper(img, p.paper, p.ink);
  steps.push_back("paper=" + Fixed(p.paper, 0) + ":ink=" + Fixed(p.ink, 0));
  if (p.light_strength > 0) {
    Lighting(img, p.light_angle, p.light_strength);
    steps.push_back("lighting=" + Fixed(p.light_strength, 2) + "@" +
                    Fixed(p.light_angle * 180 / kPi, 0) + "deg");
  }
  if (p.stamp) {
    Stamp(img, p.stamp_x * img.width, p.stamp_y * img.height, p.stamp_radius * img.dpi / 300.0,
          static_cast<std::uint8_t>(p.stamp_value));
    steps.push_back("stamp=r" + Fixed(p.stamp_radius, 0) + ":grey" + std::to_string(p.stamp_value));
  }
  if (p.speckles > 0) {
    Speckles(img, rng, p.speckles);
    steps.push_back("speckles=" + std::to_string(p.speckles));
  }
  if (p.blots > 0) {
    Blots(img, rng, p.blots);
    steps.push_back("blots=" + std::to_string(p.blots));
  }
  if (p.skew != 0) {
    THADS_RETURN_IF_ERROR(Rotate(img, p.skew));
    steps.push_back("rotate=" + Fixed(p.skew, 2));
  }
  if (p.quarter_turns != 0) {
    THADS_RETURN_IF_ERROR(RotateOrth(img, p.quarter_turns));
    steps.push_back("orientation=" + std::to_string(90 * p.quarter_turns));
  }
  if (p.blur > 0) {
    THADS_RETURN_IF_ERROR(Blur(img, p.blur));
    steps.push_back("blur=" + Fixed(p.blur, 2));
  }
  if (p.dpi != img.dpi) {
    THADS_RETURN_IF_ERROR(Resample(img, p.dpi));
    steps.push_back("dpi=" + std::to_string(p.dpi));
  }
  if (p.noise > 0) {
    GaussianNoise(img, rng, p.noise);
    steps.push_back("noise=" + Fixed(p.noise, 1));
  }
  if (p.salt_pepper > 0) {
    SaltPepper(img, rng, p.salt_pepper);
    steps.push_back("salt-pepper=" + Fixed(p.salt_pepper, 4));
  }
  if (p.threshold > 0) {
    Threshold(img, p.threshold);
    out.storage = Storage::kBinaryPng;
    steps.push_back("threshold=" + std::to_string(p.threshold));
  } else if (p.jpeg_quality > 0) {
    auto jpeg = ocr::EncodeJpeg(img, p.jpeg_quality);
    if (!jpeg.ok()) return jpeg.status();
    auto decoded = ocr::DecodeImage(*jpeg, "jpeg step");
    if (!decoded.ok()) return decoded.status();
    decoded->dpi = img.dpi;
    img = std::move(*decoded);
    out.storage = Storage::kJpeg;
    out.jpeg_quality = p.jpeg_quality;
    out.jpeg_bytes = std::move(*jpeg);
    steps.push_back("jpeg=" + std::to_string(p.jpeg_quality));
  }
  return out;
}

}  // namespace thads::scangen
