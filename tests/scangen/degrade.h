// Scanner and paper damage applied to a clean page image, reproducibly from a
// seed: what an office scanner makes of a printed judgment.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ocr/image.h"

namespace thads::scangen {

// A deterministic random source: the same seed gives the same numbers on every
// platform (no std:: distributions, whose output the standard leaves open).
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t Next();
  double Uniform();                          // [0, 1)
  double Uniform(double low, double high);  // [low, high)
  int Int(int low, int high);                // [low, high], inclusive
  bool Chance(double probability);
  double Normal();  // mean 0, deviation 1

 private:
  std::uint64_t state_;
};

// Mixes several values into one seed (SplitMix64 over FNV-1a of the text).
std::uint64_t MixSeed(std::uint64_t seed, std::string_view name, std::uint64_t a,
                      std::uint64_t b);

enum class Profile {
  kRandom,  // every kind of damage, each with some probability
  kClean,   // a good flatbed scan: 200 dpi grey, nearly straight, JPEG 85
  kSkewed,  // fed crooked: 2-3 degrees, otherwise clean
  kNoisy,   // an old copy: lighting, speckles, stamp, noise, blur, JPEG
  kFax,     // black and white, slight skew (multi-page TIFF sets)
};
Result<Profile> ParseProfile(std::string_view name);
std::string_view ProfileName(Profile profile);

// How a page is stored after damage: the last step decides the file format.
enum class Storage { kGreyPng, kBinaryPng, kJpeg };

struct DegradedPage {
  ocr::Image image;      // at its final dpi
  Storage storage = Storage::kGreyPng;
  int jpeg_quality = 0;  // for kJpeg
  std::string jpeg_bytes;  // for kJpeg: the encoded file (the artefacts are in it)
  // Each step applied with its parameters: "rotate=-1.73", "blur=sigma:1.10".
  std::vector<std::string> steps;
};

// Damages `clean` (a grey page rendered at 300 dpi) according to `profile`,
// drawing every random choice from `rng`.
Result<DegradedPage> Degrade(const ocr::Image& clean, Profile profile, Rng& rng);

}  // namespace thads::scangen
