// How an output was made, and the one place that stores generated images and captions as pending
// outputs. pipeline/ calls the model and hands the results here; tests hand real images made
// without a model (this is a seam for the storage path, not a stand-in for the model).
//
// Seeds: the images of one generate call share one batch seed. Image i of a batch is reproduced
// by the same request (prompt, reference, seed, count, steps, guidance, edit strength, sampler,
// model) and taking image i; provenance records the batch seed, the index and the count.
#pragma once

#include "audit/Review.h"
#include "imaging/Image.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::generation {

namespace fs = std::filesystem;

struct ReferenceInfo {
    enum class Type { None, Product, File };
    Type type = Type::None;
    std::string sku;       // Product
    std::string imagePath; // Product: catalog-relative (or absolute when referenced); File: absolute
    std::string sha256;    // of the image file
};

// A reference resolved and loaded for the model.
struct ResolvedReference {
    ReferenceInfo info;
    imaging::Image image;
};

// `--reference SKU|PATH`: a SKU in the catalog wins over a file of the same name. The product's
// first image is used. BadInputError when neither exists or the product has no image.
ResolvedReference resolveReference(catalog::Catalog& catalog, const std::string& skuOrPath);
ResolvedReference referenceFromSku(catalog::Catalog& catalog, const std::string& sku);
ResolvedReference referenceFromFile(const fs::path& file);

// Everything the images of one call share.
struct ImageRecipe {
    std::string prompt;
    std::string promptRead; // the prompt as the model read it (text::readQuery)
    std::uint64_t seed = 0; // the batch seed
    int count = 0;          // images asked for
    int steps = 0;
    float guidance = 0.f;
    float strength = 1.f; // edits (a reference is set); recorded only for them
    std::string sampler;
    bool draft = false;   // the pack's upscaler was skipped (model::GenerateRequest::draft); recorded only then
    std::string modelName;
    std::string modelSha256;
    std::string device = "cpu";
    ReferenceInfo reference;
};

struct CaptionRecipe {
    std::string lang;
    std::string modelName;
    std::string modelSha256;
    std::string device = "cpu";
    ReferenceInfo reference; // the image described
};

struct StoredOutput {
    std::int64_t id = 0;
    audit::OutputKind kind = audit::OutputKind::Image;
    fs::path path;       // absolute image path (images)
    std::string sha256;  // of the PNG bytes or the caption text
    int index = 0;       // within the batch (images)
    std::string text;    // captions
    std::string lang;    // captions
    std::string provenance;
};

// Writes each image atomically as generated/<sha256>.png, then stores all of them as pending
// outputs with their 'generated' audit entries in one transaction: either the whole batch is
// stored or none of it (files written for a failed batch are removed again).
std::vector<StoredOutput> storeImages(catalog::Catalog& catalog, const ImageRecipe& recipe,
                                      const std::vector<imaging::Image>& images, const audit::Actor& actor);

// Ill-formed UTF-8 in the model's text is replaced by U+FFFD (and noted in the provenance).
StoredOutput storeCaption(catalog::Catalog& catalog, const CaptionRecipe& recipe, const std::string& text,
                          const audit::Actor& actor);

// The provenance JSON of image `index` of a batch (exposed for the UI's detail view and tests).
std::string imageProvenanceJson(const ImageRecipe& recipe, int index, const std::string& outputSha,
                                const imaging::Image& image, const audit::Actor& actor, const std::string& createdAt);

} // namespace uf::generation
