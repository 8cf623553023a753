#include "pipeline/paperwork.h"

#include "render/fonts.h"
#include "render/render_job.h"
#include "render/renderer.h"

namespace thads::pipeline {
namespace {

// The kind of document (tên loại văn bản) a template makes.
std::string KindOf(const std::string& template_name) {
  if (template_name.rfind("qd-", 0) == 0) return "Quyết định";
  if (template_name.rfind("thong-bao", 0) == 0) return "Thông báo";
  if (template_name.rfind("giay-trieu-tap", 0) == 0) return "Giấy triệu tập";
  if (template_name.rfind("bien-ban", 0) == 0) return "Biên bản";
  return "Văn bản";
}

}  // namespace

std::string DraftSubject(const Draft& draft) {
  if (draft.template_name == "qd-thi-hanh-an-chu-dong") {
    return "Về việc thi hành án chủ động đối với " + draft.debtor;
  }
  if (draft.template_name == "qd-thi-hanh-an-theo-yeu-cau") {
    return "Về việc thi hành án theo yêu cầu đối với " + draft.debtor;
  }
  if (draft.template_name == "thong-bao-thi-hanh-an") {
    return "Thông báo về thi hành án gửi " + draft.recipient;
  }
  return draft.template_name;
}

Result<std::unique_ptr<Paperwork>> Paperwork::Create(const std::string& office_path,
                                                     const std::string& fonts_path,
                                                     bool deterministic) {
  std::unique_ptr<Paperwork> p(new Paperwork());
  Result<render::OfficeProfile> office = render::LoadOfficeProfile(
      office_path.empty() ? render::DefaultOfficeProfilePath() : office_path);
  if (!office.ok()) return office.status();
  p->office_ = std::move(office).value();
  Result<render::FontSet> fonts =
      render::LoadFontConfig(fonts_path.empty() ? render::DefaultFontConfigPath() : fonts_path);
  if (!fonts.ok()) return fonts.status();
  p->pdf_options_.fonts = std::move(fonts).value();
  p->pdf_options_.deterministic = deterministic;
  return p;
}

std::string Paperwork::OfficeName() const {
  std::string name = office_.agency;
  for (char& c : name) {
    if (c == '\n') c = ' ';
  }
  return name;
}

Result<const render::Template*> Paperwork::TemplateNamed(const std::string& name) {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    Result<render::Template> loaded = render::LoadTemplate(render::ResolveTemplatePath(name));
    if (!loaded.ok()) return loaded.status();
    it = templates_.emplace(name, std::move(loaded).value()).first;
  }
  return &it->second;
}

Result<RenderedDocument> Paperwork::Render(const std::string& template_name,
                                           const std::string& data_json,
                                           const std::string& subject) {
  Result<const render::Template*> tmpl = TemplateNamed(template_name);
  if (!tmpl.ok()) return tmpl.status();
  Result<render::LayoutDocument> layout = render::Expand(**tmpl, data_json, office_);
  if (!layout.ok()) return layout.status().WithContext(template_name);
  render::PdfMetadata metadata = render::MetadataFor(layout->info);
  metadata.subject = subject;
  Result<render::RenderedPdf> pdf = render::RenderPdf(*layout, pdf_options_, metadata);
  if (!pdf.ok()) return pdf.status().WithContext(template_name);
  RenderedDocument out;
  model::GeneratedDocument& d = out.document;
  d.template_id = template_name;
  d.kind = KindOf(template_name);
  d.agency = layout->info.agency.empty() ? office_.agency : layout->info.agency;
  if (!layout->info.symbol.empty()) d.symbol = layout->info.symbol;
  d.subject = subject;
  d.page_count = pdf->page_count;
  d.status = model::DocumentStatus::kDraft;
  out.pdf = std::move(pdf->bytes);
  return out;
}

}  // namespace thads::pipeline
