// `list`, `info` and `report`: read-only views of a catalog for people (tables) and scripts (--json).
#include "catalog/Catalog.h"
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/CatalogReport.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace uf::cli {

using nlohmann::json;

namespace {

std::map<std::string, std::string> parseAttrs(const Args& args)
{
    std::map<std::string, std::string> out;
    for (const auto& kv : args.all("attr")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--attr needs key=value, got '" + kv + "'");
        out[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return out;
}

json statsJson(const pipeline::Stats& s)
{
    return {{"n", s.n}, {"mean", s.mean}, {"min", s.min}, {"max", s.max}, {"stddev", s.stddev}};
}

json infoJson(const pipeline::CatalogInfo& info)
{
    json dups = json::array();
    for (const auto& [hash, skus] : info.duplicateImages)
        dups.push_back({{"sha256", hash}, {"skus", skus}});
    return {{"products", info.products},
            {"images", info.images},
            {"categories", info.perCategory},
            {"titles_per_language", info.titlesPerLanguage},
            {"descriptions_per_language", info.descriptionsPerLanguage},
            {"splits", info.perSplit},
            {"without_description", info.withoutDescription},
            {"without_image", info.withoutImage},
            {"duplicate_images", dups}};
}

void printInfo(const pipeline::CatalogInfo& info)
{
    std::printf("Products: %lld   images: %lld\n", (long long)info.products, (long long)info.images);
    std::printf("\nPer category:\n");
    for (const auto& [c, n] : info.perCategory)
        std::printf("  %-16s %8lld\n", c.empty() ? "(none)" : c.c_str(), (long long)n);
    std::printf("\nDescriptions per language:\n");
    for (const auto& [l, n] : info.descriptionsPerLanguage)
        std::printf("  %-4s %8lld\n", l.c_str(), (long long)n);
    std::printf("\nSplits:");
    for (const auto& [s, n] : info.perSplit)
        std::printf("  %s %lld", s.c_str(), (long long)n);
    std::printf("\nWithout description: %lld   without image: %lld\n", (long long)info.withoutDescription,
                (long long)info.withoutImage);
    std::printf("Images shared by several products: %zu\n", info.duplicateImages.size());
    for (std::size_t i = 0; i < info.duplicateImages.size() && i < 10; ++i) {
        std::printf("  %.12s…:", info.duplicateImages[i].first.c_str());
        for (const auto& s : info.duplicateImages[i].second)
            std::printf(" %s", s.c_str());
        std::printf("\n");
    }
}

json productJson(const catalog::Product& p)
{
    json images = json::array();
    for (const auto& im : p.images)
        images.push_back({{"path", im.path}, {"sha256", im.sha256}, {"width", im.width}, {"height", im.height},
                          {"storage", im.storage == catalog::ImageStorage::Copied ? "copied" : "referenced"}});
    return {{"sku", p.sku},
            {"title", p.title},
            {"description", p.description},
            {"category", p.category},
            {"attributes", p.attributes},
            {"split", p.split ? json(*p.split) : json(nullptr)},
            {"images", images},
            {"source", {{"file", p.sourceFile}, {"row", p.sourceRow}}},
            {"created_at", p.createdAt},
            {"updated_at", p.updatedAt}};
}

} // namespace

int cmdList(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion list --catalog DIR [--category C] [--attr k=v ...] [--split S] [--limit N] [--offset N] [--json]\n"
        "Lists products in import order.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    Args args(argv, {"catalog", "category", "attr", "split", "limit", "offset"}, {"json"});
    catalog::Catalog cat(args.required("catalog"), catalog::Catalog::OpenMode::Existing);
    catalog::ProductFilter f;
    f.category = args.value("category");
    f.split = args.value("split");
    f.attributes = parseAttrs(args);
    f.limit = args.intOr("limit", 50);
    f.offset = args.intOr("offset", 0);
    const auto products = cat.list(f);
    if (args.flag("json")) {
        json arr = json::array();
        for (const auto& p : products)
            arr.push_back(productJson(p));
        std::cout << json{{"products", arr}, {"total", cat.count(f)}}.dump() << "\n";
        return kExitOk;
    }
    for (const auto& p : products) {
        const auto title = p.title.count("en") ? p.title.at("en") : (p.title.empty() ? "" : p.title.begin()->second);
        std::string attrs;
        for (const auto& [k, v] : p.attributes)
            attrs += (attrs.empty() ? "" : " ") + k + "=" + v;
        std::printf("%-16s %-12s %-40s %s\n", p.sku.c_str(), p.category.c_str(), title.c_str(), attrs.c_str());
    }
    std::printf("(%zu of %lld)\n", products.size(), static_cast<long long>(cat.count(f)));
    return kExitOk;
}

int cmdInfo(const std::vector<std::string>& argv)
{
    static const char* usage = "usage: unifashion info --catalog DIR [--json]\n"
                               "Counts per category and language, products without descriptions or images, duplicate images.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    Args args(argv, {"catalog"}, {"json"});
    catalog::Catalog cat(args.required("catalog"), catalog::Catalog::OpenMode::Existing);
    const auto info = pipeline::catalogInfo(cat);
    if (args.flag("json"))
        std::cout << infoJson(info).dump() << "\n";
    else
        printInfo(info);
    return kExitOk;
}

int cmdReport(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion report --catalog DIR [--sample N] [--json]\n"
        "Data-readiness check before fine-tuning: per-category counts against the recommended 1,000, description\n"
        "length and language coverage, image size/aspect/background statistics, duplicates, attribute balance.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    installInterruptHandler();
    Args args(argv, {"catalog", "sample"}, {"json"});
    catalog::Catalog cat(args.required("catalog"), catalog::Catalog::OpenMode::Existing);
    const auto r = pipeline::readinessReport(cat, static_cast<int>(args.intOr("sample", 1000)), stderrProgress("sampling images"));
    if (args.flag("json")) {
        json cats = json::array();
        for (const auto& c : r.categories)
            cats.push_back({{"category", c.category}, {"products", c.products}, {"recommended", pipeline::ReadinessReport::kRecommendedPerCategory},
                            {"share_of_recommended", c.shareOfRecommended}, {"ready", c.ready}});
        json lens = json::object();
        for (const auto& [l, s] : r.descriptionLength)
            lens[l] = statsJson(s);
        json balance = json::array();
        for (const auto& b : r.attributeBalance)
            balance.push_back({{"category", b.category}, {"key", b.key}, {"counts", b.counts}, {"imbalance", b.imbalance},
                               {"normalized_entropy", b.normalizedEntropy}});
        json out = {{"info", infoJson(r.info)},
                    {"categories", cats},
                    {"description_length", lens},
                    {"language_coverage", r.languageCoverage},
                    {"image_width", statsJson(r.imageWidth)},
                    {"image_height", statsJson(r.imageHeight)},
                    {"aspect", statsJson(r.aspect)},
                    {"background_brightness", statsJson(r.backgroundBrightness)},
                    {"light_background_share", r.lightBackgroundShare},
                    {"sampled_images", r.sampledImages},
                    {"attribute_balance", balance},
                    {"warnings", r.warnings}};
        std::cout << out.dump() << "\n";
        return kExitOk;
    }
    printInfo(r.info);
    std::printf("\nReadiness per category (recommended %lld):\n", (long long)pipeline::ReadinessReport::kRecommendedPerCategory);
    for (const auto& c : r.categories)
        std::printf("  %-16s %7lld  %3.0f%%  %s\n", c.category.c_str(), (long long)c.products, 100 * c.shareOfRecommended,
                    c.ready ? "ready" : "needs more");
    std::printf("\nLanguage coverage:");
    for (const auto& [l, c] : r.languageCoverage)
        std::printf("  %s %.0f%%", l.c_str(), 100 * c);
    std::printf("\nImages: %.0fx%.0f on average (aspect %.2f), border brightness %.0f, light background %.0f%% (sample of %lld)\n",
                r.imageWidth.mean, r.imageHeight.mean, r.aspect.mean, r.backgroundBrightness.mean, 100 * r.lightBackgroundShare,
                (long long)r.sampledImages);
    std::printf("\nAttribute balance (imbalance = most/least common):\n");
    for (const auto& b : r.attributeBalance)
        std::printf("  %-12s %-10s values %zu  imbalance %.1f  entropy %.2f\n", b.category.c_str(), b.key.c_str(), b.counts.size(),
                    b.imbalance, b.normalizedEntropy);
    if (!r.warnings.empty()) {
        std::printf("\nFindings:\n");
        for (const auto& w : r.warnings)
            std::printf("  - %s\n", w.c_str());
    }
    return kExitOk;
}

} // namespace uf::cli
