// Evaluation of a model pack on a catalog split (no torch in this header). Figures, all on the
// split's products (the gallery):
//   retrieval        text->image and image->text Recall@1/5/10, per language, with each product's
//                    own title as its text
//   attribute_p10    attribute precision@10 of text queries: the share of the top 10 that has every
//                    attribute the query names, divided by min(10, number of such products);
//                    queries written from the fashion vocabulary (ja, en, mixed) and, with
//                    queriesFile, a hand-written TSV set (reported per language and per kind)
//   image_to_image   same-category and same-category-and-colour precision@10 (query excluded)
//   composed         held-out triplets (same category, one attribute changed, mined on this split):
//                    Recall@10/50 (a top-K product has the target's kept and changed attributes),
//                    exact-target Recall@10/50, and precision@10 of those attributes
//   captions         BLEU-4 and CIDEr-D against the product titles, category+colour named correctly,
//                    share with a repeated phrase; per language
//   generation       attribute accuracy of generated images as read by the attribute judge (a CNN
//                    trained on the catalog's train images, cached in the pack), Fréchet distance
//                    on the judge's features (NOT Inception FID) beside real-vs-real, diversity
//                    among samples of one prompt beside real products with the same attributes,
//                    and edits (changed attribute shown, category kept)
#pragma once

#include "common/Progress.h"
#include "model/UnifiedModel.h"
#include "text/FashionVocabulary.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace uf::eval {

struct EvalOptions {
    std::filesystem::path catalogDir;
    std::filesystem::path modelPack;
    std::string split = "test";
    std::optional<std::filesystem::path> queriesFile;
    std::string device = "cpu";
    int maxItems = -1;           // cap on the gallery (-1: the whole split)
    int vocabularyQueries = 400; // per language
    int composedLimit = 1000;
    int captionLimit = 300;      // images captioned per language
    int generateCount = 200;     // 0 skips generation
    int generateSteps = model::kDefaultSamplingSteps;
    std::string sampler = model::kDefaultSampler; // as the app draws (model::GenerateRequest)
    double guidance = 2.5;
    int diversityPrompts = 8;    // prompts x 4 samples for the diversity figure
    int editCount = 100;
    double editStrength = model::kDefaultEditStrength; // what the app's edits use
    bool draft = false;          // generate without the pack's upscaler (model::GenerateRequest::draft)
    // Prompts people type, each drawn promptSamples times and read by the judge against the
    // attributes the prompt names (text::findAttributesInText).
    std::vector<std::string> prompts = {"red striped shirt", "赤いストライプのシャツ"};
    int promptSamples = 16;
    int judgeSteps = 2000;       // about 3 minutes on 2 CPU cores; cached in the pack
    std::uint64_t seed = 7;
    bool store = true;           // write figures into the pack's manifest (own catalog only)
    int threads = 0;
};

struct QuerySpec {
    std::string lang;
    std::string kind;
    std::string query;
    std::vector<text::AttributePair> expected;
};

// TSV with columns lang, kind, query, expected ("k=v;k=v"); '#' lines and a header row are
// skipped. Throws BadInputError naming the line.
std::vector<QuerySpec> readQueryFile(const std::filesystem::path& file);

struct EvalResult {
    nlohmann::json figures;
    bool stored = false;
};

EvalResult evaluate(const EvalOptions& options, const std::function<void(const std::string&)>& log, const ProgressFn& progress);

} // namespace uf::eval
