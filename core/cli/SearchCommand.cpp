// `unifashion search`: text, photo or composed (photo/SKU + text) search over an indexed catalog
// (pipeline::SearchService). Prints a ranked table, or the JSON contract with --json.
// Exit codes: 0 done (also with no results), 1 error, 2 usage.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/Search.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace uf::cli {

namespace {

const char* const kUsage = R"(usage: unifashion search --catalog DIR (--text T | --image PATH | --sku SKU) [options]

Searches the catalog's index. --text alone finds products described by T (Japanese or English);
--image or --sku finds products that look like the photo (a SKU uses its stored embedding);
--image or --sku together with --text is a composed query ("this one, but in navy").

options:
  --catalog DIR       the catalog folder (required; index it first with 'unifashion index')
  --text T            the query text, or the modification for a composed query
  --image PATH        a photo file
  --sku SKU           a catalog product's photo (the product itself is not listed)
  --k K               number of results (default 10)
  --category C        only products of category C
  --attr KEY=VALUE    only products with this attribute (repeatable; all must match)
  --min-score S       drop results scoring below S
  --weight W          composed queries: weight of the target description (default 0.3)
  --lang ja|en        language of the titles shown (default: the query's)
  --model PACK        the model pack (default: the pack the index was built with, shipped pack)
  --device cpu|cuda   where the model runs (default cpu)
  --json              print {"results":[{"sku":…,"title":…,"category":…,"score":…}],"took_ms":…}
)";

} // namespace

int cmdSearch(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    const Args args(argv, {"catalog", "text", "image", "sku", "k", "category", "attr", "min-score", "weight", "lang",
                           "model", "device"},
                    {"json"});
    const std::string catalogDir = args.required("catalog");
    pipeline::SearchRequest request;
    if (const auto t = args.value("text"))
        request.text = *t;
    if (const auto p = args.value("image"))
        request.imagePath = *p;
    if (const auto s = args.value("sku"))
        request.sku = *s;
    if (!request.text && !request.imagePath && !request.sku)
        throw UsageError("give --text, --image or --sku");
    if (request.imagePath && request.sku)
        throw UsageError("give --image or --sku, not both");
    const long long k = args.intOr("k", 10);
    if (k < 1 || k > 10000)
        throw UsageError("--k needs a number from 1 to 10000");
    request.k = static_cast<std::size_t>(k);
    if (const auto c = args.value("category"))
        request.category = *c;
    for (const auto& kv : args.all("attr")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
            throw UsageError("--attr needs KEY=VALUE (got '" + kv + "')");
        request.attributes[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (args.has("min-score"))
        request.minScore = static_cast<float>(args.doubleOr("min-score", 0));
    request.descriptionWeight = static_cast<float>(args.doubleOr("weight", 0.3));
    if (request.descriptionWeight < 0 || request.descriptionWeight > 1)
        throw UsageError("--weight needs a number from 0 to 1");
    if (const auto l = args.value("lang"))
        request.lang = *l;
    std::optional<std::filesystem::path> pack;
    if (const auto m = args.value("model"))
        pack = *m;
    const model::Device device = model::parseDevice(args.valueOr("device", "cpu"));

    const auto messages = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    const auto service = pipeline::SearchService::open(catalogDir, pack, device, {}, messages);
    const pipeline::SearchResponse response = service->search(request);

    if (args.flag("json")) {
        nlohmann::json results = nlohmann::json::array();
        for (const auto& r : response.results)
            results.push_back({{"sku", r.sku}, {"title", r.title}, {"category", r.category}, {"score", r.score}});
        nlohmann::json j = {{"results", std::move(results)}, {"took_ms", response.tookMs}, {"mode", response.mode},
                            {"exact", response.exact}};
        if (response.matching >= 0)
            j["matching"] = response.matching;
        if (!response.corrections.empty())
            j["corrections"] = response.corrections;
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        for (const auto& c : response.corrections)
            std::printf("Read as: %s\n", c.c_str());
        if (response.results.empty())
            std::printf("No results%s.\n", response.matching == 0 ? ": no product passes the filters" : "");
        for (std::size_t i = 0; i < response.results.size(); ++i) {
            const auto& r = response.results[i];
            std::printf("%3zu  %.3f  %-16s %-12s %s\n", i + 1, r.score, r.sku.c_str(), r.category.c_str(), r.title.c_str());
        }
        std::printf("(%s query, %.1f ms%s)\n", response.mode.c_str(), response.tookMs, response.exact ? ", exact" : "");
    }
    std::fflush(stdout);
    return kExitOk;
}

} // namespace uf::cli
