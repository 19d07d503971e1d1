// `unifashion index`: embeds the catalog's images and descriptions with a model pack and builds the
// search index beside catalog.sqlite (pipeline::indexCatalog). Incremental; Ctrl-C keeps the work done.
// Exit codes: 0 done, 3 some products could not be embedded (listed), 1 error or interrupted, 2 usage.
#include "catalog/Catalog.h"
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "model/UnifiedModel.h"
#include "pipeline/Index.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace uf::cli {

namespace {

const char* const kUsage = R"(usage: unifashion index --catalog DIR [options]

Embeds every product image (one vector per query token) and description with the model, stores
the embeddings in the catalog and builds the search index under DIR/index/. Only new or changed
products are embedded; removed products leave the index; another model pack re-embeds everything.

options:
  --catalog DIR       the catalog folder (required)
  --model PACK        the model pack (default: the pack shipped with the application)
  --device cpu|cuda   where the model runs (default cpu)
  --batch N           images per model batch (default 32)
  --rebuild           rebuild the index files from the stored embeddings
  --reembed           embed every product again, changed or not
  --routing R         ANN vectors per product: 0 every token (default), 1 the mean, R centroids
  --json              print the summary as JSON:
                      {"status":"completed","model":…,"products":N,"images_embedded":N,
                       "texts_embedded":N,"unchanged":N,"failed":N,"failures":[…],
                       "indexed_images":N,"indexed_texts":N,"rebuilt":B,"compacted":B,…}

Exit codes: 0 done, 3 some products could not be embedded, 1 error or interrupted, 2 usage.
)";

} // namespace

int cmdIndex(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    const Args args(argv, {"catalog", "model", "device", "batch", "routing"}, {"rebuild", "reembed", "json"});
    const std::string catalogDir = args.required("catalog");
    pipeline::IndexOptions options;
    options.batchSize = static_cast<int>(args.intOr("batch", 32));
    options.rebuild = args.flag("rebuild");
    options.reembed = args.flag("reembed");
    options.params.routing = static_cast<int>(args.intOr("routing", 0));
    if (options.batchSize < 1 || options.params.routing < 0 || options.params.routing > 255)
        throw UsageError("--batch needs a positive number and --routing 0 to 255");
    const model::Device device = model::parseDevice(args.valueOr("device", "cpu"));
    std::optional<std::filesystem::path> pack;
    if (const auto m = args.value("model"))
        pack = *m;
    else
        pack = model::defaultPackPath();
    if (!pack)
        throw UsageError("no model pack: pass --model PACK (the application ships without one in this build)");

    installInterruptHandler();
    catalog::Catalog catalog(catalogDir, catalog::Catalog::OpenMode::Existing);
    std::shared_ptr<model::UnifiedModel> model = model::UnifiedModel::load(*pack, device);
    const auto embedder = search::makeModelEmbedder(model);
    const auto messages = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    const pipeline::IndexReport r = pipeline::indexCatalog(catalog, *embedder, options, stderrProgress("index"), messages);

    const bool cancelled = r.status == JobStatus::Cancelled;
    if (args.flag("json")) {
        nlohmann::json j = {
            {"status", cancelled ? "cancelled" : "completed"},
            {"model", r.modelHash},
            {"products", r.products},
            {"images_embedded", r.imagesEmbedded},
            {"texts_embedded", r.textsEmbedded},
            {"unchanged", r.imagesUnchanged},
            {"texts_unchanged", r.textsUnchanged},
            {"without_image", r.withoutImage},
            {"other_model_rows_removed", r.otherModelRowsRemoved},
            {"failed", r.failed},
            {"failures", r.failures},
            {"indexed_images", r.indexedImages},
            {"indexed_texts", r.indexedTexts},
            {"added", r.index.added},
            {"replaced", r.index.replaced},
            {"removed", r.index.removed},
            {"rebuilt", r.index.rebuilt},
            {"compacted", r.index.compacted},
            {"embed_seconds", r.embedSeconds},
            {"index_seconds", r.indexSeconds},
        };
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::printf("%s %lld products with model %s…: embedded %lld images and %lld descriptions (%lld images "
                    "unchanged), %lld failed.\n",
                    cancelled ? "Interrupted indexing" : "Indexed", static_cast<long long>(r.products),
                    r.modelHash.substr(0, 12).c_str(), static_cast<long long>(r.imagesEmbedded),
                    static_cast<long long>(r.textsEmbedded), static_cast<long long>(r.imagesUnchanged),
                    static_cast<long long>(r.failed));
        for (const auto& f : r.failures)
            std::printf("  %s\n", f.c_str());
        if (!cancelled)
            std::printf("Search index: %lld images, %lld descriptions (+%lld new, %lld replaced, %lld removed%s) in %.1f s.\n",
                        static_cast<long long>(r.indexedImages), static_cast<long long>(r.indexedTexts),
                        static_cast<long long>(r.index.added), static_cast<long long>(r.index.replaced),
                        static_cast<long long>(r.index.removed), r.index.compacted ? ", compacted" : "", r.indexSeconds);
        else
            std::printf("Run the same command again to continue; the embeddings made so far are kept.\n");
    }
    std::fflush(stdout);
    if (cancelled)
        return kExitError;
    return r.failed > 0 ? kExitPartial : kExitOk;
}

} // namespace uf::cli
