// Read-only summaries of a catalog: `info` (counts, gaps, duplicate images) and the data-readiness
// report a merchandiser checks before fine-tuning (coverage, image statistics, attribute balance —
// the first input of the bias review). Plain structs; the CLI and the UI render them.
#pragma once

#include "common/Progress.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::pipeline {

struct CatalogInfo {
    std::int64_t products = 0;
    std::int64_t images = 0;
    std::map<std::string, std::int64_t> perCategory;
    std::map<std::string, std::int64_t> titlesPerLanguage;       // lang -> products with a title
    std::map<std::string, std::int64_t> descriptionsPerLanguage; // lang -> products with a description
    std::map<std::string, std::int64_t> perSplit;
    std::int64_t withoutDescription = 0;
    std::int64_t withoutImage = 0;
    // Images whose content hash appears on more than one product: hash -> SKUs.
    std::vector<std::pair<std::string, std::vector<std::string>>> duplicateImages;
};

CatalogInfo catalogInfo(catalog::Catalog& catalog);

struct Stats {
    double mean = 0, min = 0, max = 0, stddev = 0;
    std::int64_t n = 0;
};

struct AttributeBalance {
    std::string category;
    std::string key;
    std::map<std::string, std::int64_t> counts; // value -> products
    double imbalance = 0; // largest / smallest share among present values (1 = balanced)
    double normalizedEntropy = 0; // 1 = uniform
};

struct ReadinessReport {
    static constexpr std::int64_t kRecommendedPerCategory = 1000;
    CatalogInfo info;
    struct CategoryRow {
        std::string category;
        std::int64_t products = 0;
        double shareOfRecommended = 0; // products / 1000, capped at 1
        bool ready = false;
    };
    std::vector<CategoryRow> categories;
    std::map<std::string, Stats> descriptionLength; // lang -> characters
    std::map<std::string, double> languageCoverage;  // lang -> share of products with a description
    Stats imageWidth, imageHeight, aspect;
    Stats backgroundBrightness; // mean border luminance 0..255 over a sample of decoded images
    double lightBackgroundShare = 0; // share of sampled images whose border is near-white
    std::int64_t sampledImages = 0;
    std::vector<AttributeBalance> attributeBalance;
    std::vector<std::string> warnings; // plain-language findings, English
};

// Decodes at most sampleImages images for the background statistics.
ReadinessReport readinessReport(catalog::Catalog& catalog, int sampleImages = 1000, const ProgressFn& progress = {});

} // namespace uf::pipeline
