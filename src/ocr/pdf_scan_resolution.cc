// The qpdf adapter: the only file that sees QPDF.
#include "ocr/pdf_scan_resolution.h"

// qpdf 11 asks users to choose the smart-pointer transition mode.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cmath>
#include <exception>

#include "ocr/pdf_rasterizer.h"

namespace thads::ocr {
namespace {

// Scanners write whole numbers; 0.5% tolerance absorbs page sizes rounded
// to points (A4 is 595.276 pt).
int RoundDpi(double dpi) {
  const double rounded = std::round(dpi);
  if (std::fabs(dpi - rounded) / rounded > 0.005) return 0;
  const int d = static_cast<int>(rounded);
  return d >= kMinRasterDpi && d <= kMaxRasterDpi ? d : 0;
}

// The image XObjects of the page's resources (stencil masks included, which
// is how black-and-white scans are often stored).
std::vector<QPDFObjectHandle> PageImages(QPDFPageObjectHelper& page) {
  std::vector<QPDFObjectHandle> images;
  QPDFObjectHandle resources = page.getAttribute("/Resources", false);
  if (!resources.isDictionary()) return images;
  QPDFObjectHandle xobjects = resources.getKey("/XObject");
  if (!xobjects.isDictionary()) return images;
  for (const std::string& key : xobjects.getKeys()) {
    QPDFObjectHandle x = xobjects.getKey(key);
    if (!x.isStream()) continue;
    QPDFObjectHandle subtype = x.getDict().getKey("/Subtype");
    if (subtype.isName() && subtype.getName() == "/Image") images.push_back(x);
  }
  return images;
}

}  // namespace

std::vector<int> ScannedPageDpi(const std::string& path) {
  std::vector<int> out;
  try {
    QPDF pdf;
    std::shared_ptr<QPDFLogger> quiet = QPDFLogger::create();
    quiet->setInfo(quiet->discard());
    quiet->setWarn(quiet->discard());
    quiet->setError(quiet->discard());
    pdf.setLogger(quiet);
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str());
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
      int dpi = 0;
      std::vector<QPDFObjectHandle> images = PageImages(page);
      QPDFObjectHandle box = page.getCropBox(false, false);
      if (images.size() == 1 && box.isRectangle()) {
        QPDFObjectHandle::Rectangle r = box.getArrayAsRectangle();
        QPDFObjectHandle dict = images.front().getDict();
        QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
        QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
        const bool sideways =
            rotate.isInteger() && (rotate.getIntValue() % 180 + 180) % 180 == 90;
        const double width_pt = std::fabs(r.urx - r.llx), height_pt = std::fabs(r.ury - r.lly);
        if (w.isInteger() && h.isInteger() && width_pt > 0 && height_pt > 0) {
          // The image's pixels across the page's width (a sideways page's
          // picture is stored unrotated, so its width spans the page's height).
          const double dx = w.getIntValue() * 72.0 / (sideways ? height_pt : width_pt);
          const double dy = h.getIntValue() * 72.0 / (sideways ? width_pt : height_pt);
          const int x = RoundDpi(dx), y = RoundDpi(dy);
          if (x > 0 && x == y) dpi = x;
        }
      }
      out.push_back(dpi);
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace thads::ocr
