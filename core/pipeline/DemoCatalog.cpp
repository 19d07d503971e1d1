#include "pipeline/DemoCatalog.h"

#include "demo/PlantedDuplicates.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "demo/FashionMnist.h"
#include "demo/SyntheticCatalog.h"

namespace uf::pipeline {

DemoSource parseDemoSource(const std::string& name)
{
    if (name == "synthetic")
        return DemoSource::Synthetic;
    if (name == "fashion-mnist")
        return DemoSource::FashionMnist;
    throw UsageError("--source must be 'synthetic' or 'fashion-mnist', got '" + name + "'");
}

DemoSummary buildDemoCatalog(const std::filesystem::path& catalogDir, const DemoOptions& options,
                             const ProgressFn& writeProgress, const ProgressFn& importProgress)
{
    DemoSummary summary;
    catalog::Catalog cat(catalogDir, catalog::Catalog::OpenMode::Create);
    ImportOptions import;
    if (options.source == DemoSource::Synthetic) {
        const int count = options.count > 0 ? options.count : demo::kSyntheticDefaultCount;
        const auto dir = catalogDir / "source" / ("synthetic-seed" + std::to_string(options.seed));
        summary.csv = demo::writeSyntheticSource(dir, count, options.seed, writeProgress);
    } else {
        summary.csv = demo::writeFashionMnistSource(catalogDir / "source" / "fashion-mnist", options.count, writeProgress);
    }
    if (summary.csv.empty()) {
        summary.cancelled = true;
        return summary;
    }
    summary.planted = demo::plantDuplicates(summary.csv, options.plantDuplicates, options.seed);
    // The source folder lives inside the catalog, so the catalog references those images
    // rather than storing a second copy.
    import.copyImages = false;
    summary.import = importFile(cat, summary.csv, import, importProgress);
    summary.cancelled = summary.import.cancelled;
    return summary;
}

} // namespace uf::pipeline
