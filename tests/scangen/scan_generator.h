// The scan corpus generator: text files in; for each, printed pages rendered
// at 300 dpi, damaged reproducibly from a seed, written as image files, with
// the ground truth and a manifest of what was done to every page.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "degrade.h"

namespace thads::scangen {

struct ScanGenOptions {
  std::vector<std::string> inputs;  // text files (format: page_layout.h)
  std::string out_dir;              // created if missing
  std::uint64_t seed = 1;
  // One damaged image per page and profile; "random" may be repeated, each
  // repetition drawing other damage. May be empty when a TIFF or PDF is asked for.
  std::vector<Profile> profiles = {Profile::kRandom};
  bool append_manifest = false;  // add rows to an existing OUT/manifest.tsv
  bool multipage_tiff = false;  // also NAME.tif: every page, black and white (G4)
  bool image_pdf = false;       // also NAME.pdf: every page as a JPEG image, no text layer
  bool printed_pdf = false;     // also NAME.printed.pdf: the typeset document itself,
                                // with its text layer (a court's electronic copy)
  std::string font_config;      // empty: render::DefaultFontConfigPath()
  int render_dpi = 300;
};

struct ScanGenReport {
  int inputs_done = 0;
  int images_written = 0;           // page images, TIFF and PDF pages included
  std::vector<std::string> errors;  // one per input that could not be done
};

// Writes, for each input NAME (the file name without extension):
//   NAME-pPP-PROFILE[N].png|.jpg   one per page and profile
//   NAME.tif, NAME.pdf             when asked
//   NAME.printed.pdf               when asked
//   NAME.gt.txt                    the pages' text as laid out, "\f" between pages, NFC
// and OUT/manifest.tsv (one row per page image; columns in its header).
// Same inputs, options and seed: byte-identical output. A bad input is
// reported in `errors` and the others go on; the Status is for the output folder.
Result<ScanGenReport> GenerateScans(const ScanGenOptions& options);

}  // namespace thads::scangen
