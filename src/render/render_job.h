// `thads render`: one template, one or many data files, PDF/A files out. The
// command line and any other front end run this job; bad data files are
// reported one by one and never stop the others.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace thads::render {

struct RenderJobOptions {
  std::string template_path;            // a path, or a name in TemplatesDir()
  std::vector<std::string> data_paths;  // JSON data files
  // With one data file: the PDF to write. With several: a directory that gets
  // one PDF per data file, named after it.
  std::string output;
  std::string office_path;  // empty: the default office profile
  std::string fonts_path;   // empty: the default font configuration
  bool deterministic = false;
  int jobs = 1;             // worker threads
};

struct RenderFileResult {
  std::string data_path;
  std::string output_path;
  Status status;
  int page_count = 0;
};

struct RenderJobResult {
  std::vector<RenderFileResult> files;  // in the order of data_paths
  int failed = 0;
};

// Called after each file, from worker threads one at a time.
using RenderProgress = std::function<void(const RenderFileResult&, int done, int total)>;

// Fails as a whole only when nothing can be rendered (template, office profile
// or fonts unusable, output not writable); otherwise per-file statuses.
Result<RenderJobResult> RunRenderJob(const RenderJobOptions& options,
                                     const RenderProgress& progress = nullptr);

// Lists what is wrong with a template: undeclared, unused or mistyped fields,
// unknown elements, office keys missing from the profile. Empty when clean.
Result<std::vector<std::string>> CheckTemplateFile(const std::string& template_path,
                                                   const std::string& office_path);

// "qd-thi-hanh-an-chu-dong" -> TemplatesDir()/qd-thi-hanh-an-chu-dong.xml;
// anything with a '/' or ending in ".xml" is taken as a path.
std::string ResolveTemplatePath(const std::string& name_or_path);

}  // namespace thads::render
