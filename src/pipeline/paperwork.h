// Turning drafts into documents: each draft's data filled into its template
// with the office profile, rendered as PDF/A, and described with the ND 30
// Phụ lục VI metadata the archive keeps. Templates are read once.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "model/document.h"
#include "pipeline/drafts.h"
#include "render/office_profile.h"
#include "render/pdf_writer.h"
#include "render/template.h"

namespace thads::pipeline {

struct RenderedDocument {
  model::GeneratedDocument document;  // draft: no number, no issue date yet
  std::string pdf;                    // PDF/A bytes
};

// Not thread-safe; one per thread.
class Paperwork {
 public:
  // Office profile and fonts: empty paths mean the defaults
  // (templates/office.xml, fonts/fonts.conf). Errors name the file.
  static Result<std::unique_ptr<Paperwork>> Create(const std::string& office_path = "",
                                                   const std::string& fonts_path = "",
                                                   bool deterministic = false);

  const render::OfficeProfile& office() const { return office_; }
  // The office's name on one line (the profile marks where the header breaks it).
  std::string OfficeName() const;

  // Renders `data_json` with the template `template_name` (a name under
  // templates/). `subject` is the trích yếu recorded for the archive.
  Result<RenderedDocument> Render(const std::string& template_name, const std::string& data_json,
                                  const std::string& subject);

 private:
  Paperwork() = default;
  Result<const render::Template*> TemplateNamed(const std::string& name);

  render::OfficeProfile office_;
  render::PdfOptions pdf_options_;
  std::map<std::string, render::Template> templates_;
};

// The subject line (trích yếu) of a draft: "Về việc thi hành án chủ động đối
// với Nguyễn Văn A", "Về thi hành án (gửi Trần Thị B)".
std::string DraftSubject(const Draft& draft);

}  // namespace thads::pipeline
