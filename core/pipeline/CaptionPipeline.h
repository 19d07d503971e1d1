// Use case "draft a product description": caption a product's image or an image file with the
// model and store the text as a pending caption output with provenance.
#pragma once

#include "generation/Provenance.h"

#include <filesystem>
#include <optional>
#include <string>

namespace uf::model {
class UnifiedModel;
}

namespace uf::pipeline {

namespace fs = std::filesystem;

struct CaptionOptions {
    fs::path catalogDir;
    std::optional<std::string> sku;
    std::optional<fs::path> image;
    std::string lang = "ja";
    std::optional<fs::path> modelPack;
    std::string device = "cpu";
    std::optional<std::string> actor;
};

generation::StoredOutput captionImage(const CaptionOptions& options);
generation::StoredOutput captionImage(model::UnifiedModel& model, catalog::Catalog& catalog,
                                      const CaptionOptions& options);

} // namespace uf::pipeline
