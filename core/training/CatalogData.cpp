// Loading a catalog split into memory for training and evaluation (see CatalogData.h).
#include "training/CatalogData.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "model/ModelRunner.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

namespace uf::training {

std::vector<Attributes> CatalogData::attributes() const
{
    std::vector<Attributes> out;
    out.reserve(items.size());
    for (const auto& it : items)
        out.push_back(it.texts.attributes);
    return out;
}

CatalogData loadCatalogData(const std::filesystem::path& catalogDir, const std::string& split, int visionSide, int aeSide,
                            const torch::Device& device, const std::function<void(const std::string&)>& log, int maxItems,
                            int upscaleSide)
{
    CatalogData d;
    catalog::Catalog cat(catalogDir, catalog::Catalog::OpenMode::ReadOnly);
    catalog::ProductFilter filter;
    if (split != "all")
        filter.split = split;
    if (maxItems > 0)
        filter.limit = maxItems;
    std::vector<catalog::Product> products;
    cat.forEach(filter, [&](const catalog::Product& p) { products.push_back(p); });
    if (products.empty())
        throw BadInputError("catalog '" + catalogDir.string() + "' has no products in split '" + split
                            + "' (import a catalog with a split column, or pass --split all)");

    // Decode in parallel: PNG decoding is most of the load time.
    const std::size_t n = products.size();
    std::vector<torch::Tensor> vis(n), ae(n), up(n);
    std::vector<char> ok(n, 0);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            const auto& p = products[i];
            if (p.images.empty())
                continue;
            try {
                auto img = imaging::loadFile(cat.resolveImage(p.images.front()));
                vis[i] = model::imageToTensor(img, visionSide);
                ae[i] = aeSide == visionSide ? vis[i] : model::imageToTensor(img, aeSide);
                if (upscaleSide > 0)
                    up[i] = model::imageToTensor(img, upscaleSide);
                ok[i] = 1;
            } catch (const Error&) {
            }
        }
    };
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    for (auto& t : pool)
        t.join();

    std::map<std::string, int> categories;
    std::set<std::string> keys;
    int skipped = 0;
    Sha256 fp;
    std::vector<torch::Tensor> visKept, aeKept, upKept;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = products[i];
        if (!ok[i]) {
            ++skipped;
            continue;
        }
        CatalogItem it;
        it.sku = p.sku;
        it.texts.attributes = p.attributes;
        if (!p.category.empty())
            it.texts.attributes["category"] = p.category;
        it.texts.title = p.title;
        it.texts.description = p.description;
        for (const auto& [k, v] : it.texts.attributes)
            keys.insert(k);
        ++categories[p.category];
        fp.update(p.sku);
        fp.update(p.contentHash);
        visKept.push_back(vis[i]);
        aeKept.push_back(ae[i]);
        if (upscaleSide > 0)
            upKept.push_back(up[i]);
        d.items.push_back(std::move(it));
    }
    if (d.items.size() < 2)
        throw BadInputError("catalog '" + catalogDir.string() + "': fewer than two products with readable images in split '" + split + "'");
    if (skipped > 0 && log)
        log("note: " + std::to_string(skipped) + " products without a readable image were left out");
    d.visionImages = torch::stack(visKept, 0).to(device);
    d.aeImages = aeSide == visionSide ? d.visionImages : torch::stack(aeKept, 0).to(device);
    if (upscaleSide > 0)
        d.upscaleImages = torch::stack(upKept, 0).to(device);
    d.fingerprint = fp.hexDigest();
    d.summary = {{"catalog", std::filesystem::absolute(catalogDir).lexically_normal().string()},
                 {"split", split},
                 {"products", d.items.size()},
                 {"skipped", skipped},
                 {"categories", categories},
                 {"attribute_keys", std::vector<std::string>(keys.begin(), keys.end())},
                 {"fingerprint", d.fingerprint}};
    return d;
}

} // namespace uf::training
