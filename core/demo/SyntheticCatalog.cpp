// The synthetic demo catalog: attribute sampling, split, copy and drawing per item, and the
// CSV + PNG folder. Each item draws from its own streams derived from (seed, index), so items do
// not depend on each other or on the count.
#include "demo/SyntheticCatalog.h"

#include "common/Error.h"
#include "common/Files.h"
#include "demo/DemoCsv.h"
#include "demo/DemoRandom.h"
#include "demo/GarmentRenderer.h"
#include "demo/ShopCopy.h"
#include "imaging/ImageIO.h"
#include "text/FashionVocabulary.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>

namespace uf::demo {

namespace {

enum Stream : std::uint64_t { AttributesStream = 1, CopyStream = 2, SplitStream = 3, VariationStream = 4, FillStream = 17 };

std::string skuFor(int index)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "SYN-%06d", index + 1);
    return buf;
}

std::string* field(detail::GarmentSpec& s, const std::string& key)
{
    if (key == "category")
        return &s.category;
    if (key == "color")
        return &s.color;
    if (key == "pattern")
        return &s.pattern;
    if (key == "sleeve")
        return &s.sleeve;
    if (key == "length")
        return &s.length;
    if (key == "neckline")
        return &s.neckline;
    if (key == "heel")
        return &s.heel;
    return nullptr;
}

// Fills every applicable key that is still empty with a value drawn uniformly for the category.
// Keys are visited in the vocabulary's fixed order, so the draws are reproducible.
void fillAttributes(detail::GarmentSpec& s, detail::Rng& rng)
{
    for (const std::string& key : text::attributeColumns()) {
        std::string* f = field(s, key);
        const auto& allowed = text::categoryValues(s.category, key);
        const std::string drawn = allowed.empty() ? std::string() : rng.pick(allowed);
        if (f && f->empty())
            *f = drawn;
    }
}

std::map<std::string, std::string> attributeMap(detail::GarmentSpec& s)
{
    std::map<std::string, std::string> out;
    for (const std::string& key : text::attributeColumns())
        if (const std::string* f = field(s, key); f && !f->empty())
            out[key] = *f;
    return out;
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes)
{
    // Plain writes: thousands of fsyncs would dominate, and a half-written demo folder is simply
    // written again. The CSV, which import reads first, is written atomically last.
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        throw StorageError("cannot write " + path.string() + ": check free space and permissions of the output folder");
}

} // namespace

SyntheticItem makeSyntheticItem(std::uint64_t seed, int index)
{
    if (index < 0)
        throw UsageError("synthetic item index must not be negative");
    const std::uint64_t itemSeed = detail::mixSeed(seed, static_cast<std::uint64_t>(index));

    detail::Rng attrRng(detail::mixSeed(itemSeed, AttributesStream));
    const auto& categories = text::values("category");
    detail::GarmentSpec spec;
    spec.category = categories[static_cast<std::size_t>(attrRng.below(static_cast<int>(categories.size())))].value;
    fillAttributes(spec, attrRng);

    detail::RenderHints hints;
    SyntheticItem item;
    item.image = detail::renderGarment(spec, detail::mixSeed(itemSeed, VariationStream), kSyntheticImageSide, &hints);

    detail::Rng copyRng(detail::mixSeed(itemSeed, CopyStream));
    const detail::ShopCopy copy = detail::writeShopCopy(spec, hints, copyRng);

    detail::Rng splitRng(detail::mixSeed(itemSeed, SplitStream));
    item.sku = skuFor(index);
    item.titleJa = copy.titleJa;
    item.titleEn = copy.titleEn;
    item.descriptionJa = copy.descriptionJa;
    item.descriptionEn = copy.descriptionEn;
    item.category = spec.category;
    item.attributes = attributeMap(spec);
    item.split = splitRng.uniform() < 0.2 ? "test" : "train";
    return item;
}

imaging::Image renderSyntheticGarment(const std::map<std::string, std::string>& attributes, std::uint64_t variationSeed)
{
    detail::GarmentSpec spec;
    const auto cat = attributes.find("category");
    if (cat == attributes.end() || text::applicableKeys(cat->second).empty())
        throw BadInputError("synthetic garment: a known category is required (got '" +
                            (cat == attributes.end() ? std::string() : cat->second) + "')");
    spec.category = cat->second;
    for (const auto& [key, value] : attributes) {
        if (key == "category")
            continue;
        std::string* f = field(spec, key);
        if (!f || !text::isCanonical(key, value))
            throw BadInputError("synthetic garment: '" + key + "=" + value + "' is not a canonical attribute");
        const auto& allowed = text::categoryValues(spec.category, key);
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
            throw BadInputError("synthetic garment: a " + spec.category + " cannot have " + key + "=" + value);
        *f = value;
    }
    detail::Rng fillRng(detail::mixSeed(variationSeed, FillStream));
    fillAttributes(spec, fillRng);
    return detail::renderGarment(spec, variationSeed, kSyntheticImageSide);
}

std::filesystem::path writeSyntheticSource(const std::filesystem::path& outDir, int count, std::uint64_t seed, const ProgressFn& progress)
{
    if (count < 1)
        throw UsageError("the synthetic demo needs a count of at least 1 (got " + std::to_string(count) + ")");
    const std::filesystem::path imageDir = outDir / "images";
    std::error_code ec;
    std::filesystem::create_directories(imageDir, ec);
    if (ec)
        throw StorageError("cannot create " + imageDir.string() + ": " + ec.message());

    // Items are independent, so they are made on all cores (up to 4) in any order and the CSV is
    // assembled in index order afterwards: the output does not depend on the number of threads.
    std::vector<std::string> rows(static_cast<std::size_t>(count));
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto& columns = text::attributeColumns();
    auto makeOne = [&](int i) {
        const SyntheticItem item = makeSyntheticItem(seed, i);
        const std::string rel = "images/" + item.sku + ".png";
        writeBytes(outDir / rel, imaging::encodePng(item.image));
        std::vector<std::string> row = {item.sku, item.titleJa, item.titleEn, item.descriptionJa, item.descriptionEn, item.category, rel, item.split};
        for (const std::string& key : columns) {
            const auto it = item.attributes.find(key);
            row.push_back(it == item.attributes.end() ? std::string() : it->second);
        }
        std::string line;
        detail::appendCsvRow(line, row);
        rows[static_cast<std::size_t>(i)] = std::move(line);
        done.fetch_add(1);
    };
    auto guarded = [&](auto&& body) {
        try {
            body();
        } catch (...) {
            const std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
    };
    auto worker = [&] {
        guarded([&] {
            for (int i = next.fetch_add(1); i < count && !stop; i = next.fetch_add(1))
                makeOne(i);
        });
    };
    const unsigned cores = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < cores && static_cast<int>(t) < count; ++t)
        helpers.emplace_back(worker);
    // The calling thread works too and is the only one that calls `progress`.
    bool cancelled = false;
    guarded([&] {
        if (!reportProgress(progress, 0, count)) {
            cancelled = stop = true;
            return;
        }
        int lastReported = 0;
        for (int i = next.fetch_add(1); i < count && !stop; i = next.fetch_add(1)) {
            makeOne(i);
            const int d = done.load();
            if (d - lastReported >= 25) {
                lastReported = d;
                if (!reportProgress(progress, d, count))
                    cancelled = stop = true;
            }
        }
    });
    for (std::thread& t : helpers)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    if (cancelled)
        return {};

    std::string csv;
    csv.reserve(static_cast<std::size_t>(count) * 400);
    detail::appendCsvRow(csv, detail::demoCsvHeader());
    for (const std::string& line : rows)
        csv += line;
    const std::filesystem::path csvPath = outDir / "demo.csv";
    writeFileAtomic(csvPath, csv);
    reportProgress(progress, count, count);
    return csvPath;
}

} // namespace uf::demo
