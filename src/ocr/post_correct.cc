#include "ocr/post_correct.h"

namespace thads::ocr {

struct PostCorrector::Impl {
  PostCorrectOptions options;
};

PostCorrector::PostCorrector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostCorrector::~PostCorrector() = default;

Result<std::unique_ptr<PostCorrector>> PostCorrector::Create(const PostCorrectOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  return std::unique_ptr<PostCorrector>(new PostCorrector(std::move(impl)));
}

std::vector<Correction> PostCorrector::Correct(OcrPage&) const { return {}; }

}  // namespace thads::ocr
