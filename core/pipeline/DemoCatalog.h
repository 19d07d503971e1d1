// Use case: build a demo catalog. The source (synthetic garments or Fashion-MNIST photos) is written
// as an ordinary CSV plus image folder under DIR/source/, then goes through the same import as a
// merchandiser's own file.
#pragma once

#include "common/Progress.h"
#include "pipeline/ImportCatalog.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace uf::pipeline {

enum class DemoSource { Synthetic, FashionMnist };

DemoSource parseDemoSource(const std::string& name); // "synthetic" | "fashion-mnist"; UsageError otherwise

struct DemoOptions {
    DemoSource source = DemoSource::Synthetic;
    int count = 0;            // 0: the source's default (5,000 synthetic; all 70,000 Fashion-MNIST)
    std::uint64_t seed = 1;   // synthetic only
    int plantDuplicates = 0;  // near-duplicate copies added under DUP-<sku> (demo/PlantedDuplicates.h)
};

struct DemoSummary {
    std::filesystem::path csv;
    std::vector<std::pair<std::string, std::string>> planted; // (original, duplicate) skus
    ImportSummary import;
    bool cancelled = false;
};

// progress reports the writing phase then the import phase (each 0..total); returning false stops
// at once (no CSV written) or after the import's current batch.
DemoSummary buildDemoCatalog(const std::filesystem::path& catalogDir, const DemoOptions& options,
                             const ProgressFn& writeProgress = {}, const ProgressFn& importProgress = {});

} // namespace uf::pipeline
