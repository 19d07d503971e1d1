// `unifashion duplicates`: groups of near-duplicate product images (pipeline::findDuplicates), from
// identical image files and from the stored embeddings; no model needed once the catalog is indexed.
// Exit codes: 0 done, 1 error, 2 usage.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/Duplicates.h"
#include "pipeline/Search.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace uf::cli {

namespace {

const char* const kUsage = R"(usage: unifashion duplicates --catalog DIR [options]

Lists groups of near-duplicate product images: identical image files, and images whose stored
embeddings are at least as similar as the threshold (symmetric score, 1.0 = identical). Each group
shows its score range; the summary shows how similar products' nearest neighbours usually are, to
help choose the threshold.

options:
  --catalog DIR       the catalog folder (required; index it first with 'unifashion index')
  --threshold T       similarity that makes two images candidates (default 0.92)
  --visual V          picture correlation an embedding pair must also reach (the object cropped
                      to 32x32 colour; default 0.95; 0 trusts the embeddings alone)
  --neighbours N      candidates examined per product (default 8)
  --json              print {"threshold":T,"groups":[{"skus":[…],"titles":[…],"min_score":…,
                      "max_score":…,"same_image_file":B}],"products":N,"nearest":{…},"took_ms":…}
)";

} // namespace

int cmdDuplicates(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    const Args args(argv, {"catalog", "threshold", "visual", "neighbours"}, {"json"});
    const std::string catalogDir = args.required("catalog");
    pipeline::DuplicatesOptions options;
    options.threshold = static_cast<float>(args.doubleOr("threshold", options.threshold));
    options.visualThreshold = static_cast<float>(args.doubleOr("visual", options.visualThreshold));
    const long long n = args.intOr("neighbours", static_cast<long long>(options.neighbours));
    if (options.threshold <= 0 || options.threshold > 1 || options.visualThreshold < 0 || options.visualThreshold > 1 || n < 1 || n > 1000)
        throw UsageError("--threshold needs a number in (0, 1], --visual in [0, 1] and --neighbours 1 to 1000");
    options.neighbours = static_cast<std::size_t>(n);

    installInterruptHandler();
    const auto messages = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    // Duplicates use the stored embeddings only: no model is loaded.
    pipeline::SearchService::Options serviceOptions;
    serviceOptions.catalog = catalogDir;
    serviceOptions.messages = messages;
    pipeline::SearchService service(serviceOptions, nullptr);
    const auto report = pipeline::findDuplicates(service, options, stderrProgress("duplicates"));

    if (args.flag("json")) {
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& g : report.groups) {
            nlohmann::json skus = nlohmann::json::array(), titles = nlohmann::json::array();
            for (const auto& m : g.members) {
                skus.push_back(m.sku);
                titles.push_back(m.title);
            }
            groups.push_back({{"skus", skus}, {"titles", titles}, {"min_score", g.minScore}, {"max_score", g.maxScore},
                              {"min_visual", g.minVisual}, {"same_image_file", g.sameImageFile}});
        }
        nlohmann::json j = {{"threshold", report.threshold},
                            {"groups", std::move(groups)},
                            {"products", report.productsChecked},
                            {"nearest", {{"p50", report.nearestP50}, {"p90", report.nearestP90}, {"p99", report.nearestP99}}},
                            {"visual_threshold", report.visualThreshold},
                            {"embedding_pairs", report.embeddingPairs},
                            {"visually_confirmed", report.visuallyConfirmed},
                            {"unreadable", report.unreadable},
                            {"took_ms", report.tookMs}};
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::printf("%zu groups of near-duplicates among %lld products (threshold %.3f):\n", report.groups.size(),
                    static_cast<long long>(report.productsChecked), report.threshold);
        for (const auto& g : report.groups) {
            if (g.sameImageFile)
                std::printf("  score %.3f–%.3f (identical file):", g.minScore, g.maxScore);
            else
                std::printf("  score %.3f–%.3f, pictures %.2f:", g.minScore, g.maxScore, g.minVisual);
            for (const auto& m : g.members)
                std::printf(" %s", m.sku.c_str());
            std::printf("\n");
        }
        if (report.visualThreshold > 0)
            std::printf("Pictures confirmed %lld of %lld pairs over the embedding threshold (correlation >= %.2f).\n",
                        static_cast<long long>(report.visuallyConfirmed), static_cast<long long>(report.embeddingPairs),
                        report.visualThreshold);
        for (const auto& u : report.unreadable)
            std::fprintf(stderr, "warning: could not read %s\n", u.c_str());
        std::printf("Nearest-neighbour similarity: median %.3f, 90%% %.3f, 99%% %.3f (%.0f ms).\n", report.nearestP50,
                    report.nearestP90, report.nearestP99, report.tookMs);
    }
    std::fflush(stdout);
    return kExitOk;
}

} // namespace uf::cli
