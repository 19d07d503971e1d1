// Test helper for the model tests: a tiny catalog of drawn garments (3 categories x 4 colours x 2
// patterns x 2 variants = 48 products, 32x32 PNGs) upserted straight into a catalog::Catalog, and a
// tiny trained pack. No torch or OpenCV here: shapes are drawn into imaging::Image buffers.
#pragma once

#include "catalog/Catalog.h"
#include "common/Progress.h"
#include "imaging/ImageIO.h"
#include "pipeline/TrainPipeline.h"
#include "text/FashionVocabulary.h"

#include <QtTest>
#include <filesystem>
#include <string>

namespace uftest {

struct Rgb {
    std::uint8_t r, g, b;
};

inline Rgb colourOf(const std::string& c)
{
    if (c == "red")
        return {210, 30, 30};
    if (c == "navy")
        return {20, 30, 110};
    if (c == "green")
        return {30, 160, 50};
    return {230, 210, 30}; // yellow
}

// A garment silhouette on white: tshirt (T shape), dress (trapezoid), bag (box with handle).
inline uf::imaging::Image drawGarment(const std::string& category, const std::string& colour, const std::string& pattern, int variant)
{
    const int S = 32;
    uf::imaging::Image img;
    img.width = img.height = S;
    img.rgb.assign(S * S * 3, 255);
    const Rgb c = colourOf(colour);
    const int shift = variant; // a one-pixel difference between the two variants
    auto inside = [&](int x, int y) {
        x -= shift;
        if (category == "tshirt")
            return (y >= 6 && y < 12 && x >= 4 && x < 28) || (y >= 6 && y < 28 && x >= 10 && x < 22);
        if (category == "dress") {
            if (y < 5 || y >= 29)
                return false;
            const int half = 4 + (y - 5) / 2;
            return x >= 16 - half && x < 16 + half;
        }
        return (y >= 12 && y < 28 && x >= 6 && x < 26) || (y >= 5 && y < 12 && (x == 11 || x == 20) ) || (y == 5 && x >= 11 && x <= 20);
    };
    for (int y = 0; y < S; ++y)
        for (int x = 0; x < S; ++x) {
            if (!inside(x, y))
                continue;
            const bool stripe = pattern == "stripes" && (y / 2) % 2 == 0;
            std::uint8_t* p = img.row(y) + x * 3;
            p[0] = stripe ? 255 : c.r;
            p[1] = stripe ? 255 : c.g;
            p[2] = stripe ? 255 : c.b;
        }
    return img;
}

// Writes the 48-product catalog into folder (created). Variant 0 is "train", variant 1 "test".
inline void makeTinyCatalog(const std::filesystem::path& folder)
{
    uf::catalog::Catalog cat(folder, uf::catalog::Catalog::OpenMode::Create);
    std::filesystem::create_directories(cat.imagesDir());
    int n = 0;
    for (const std::string category : {"tshirt", "dress", "bag"})
        for (const std::string colour : {"red", "navy", "green", "yellow"})
            for (const std::string pattern : {"plain", "stripes"})
                for (int variant = 0; variant < 2; ++variant) {
                    const auto img = drawGarment(category, colour, pattern, variant);
                    const std::string sku = "T-" + std::to_string(++n);
                    const std::filesystem::path rel = std::filesystem::path("images") / (sku + ".png");
                    uf::imaging::savePng(img, folder / rel);
                    uf::catalog::Product p;
                    p.sku = sku;
                    p.category = category;
                    p.attributes = {{"color", colour}, {"pattern", pattern}};
                    const auto en = [&](const char* k, const std::string& v) { return uf::text::displayName(k, v, "en"); };
                    const auto ja = [&](const char* k, const std::string& v) { return uf::text::displayName(k, v, "ja"); };
                    p.title["en"] = en("color", colour) + " " + (pattern == "plain" ? "" : en("pattern", pattern) + " ") + en("category", category);
                    p.title["ja"] = ja("color", colour) + "の" + (pattern == "plain" ? "" : ja("pattern", pattern)) + ja("category", category);
                    p.description["en"] = "A " + p.title["en"] + ".";
                    p.split = variant == 0 ? "train" : "test";
                    uf::catalog::ProductImage pi;
                    pi.path = rel.string();
                    pi.width = pi.height = 32;
                    pi.sha256 = "t" + std::to_string(n);
                    p.images.push_back(pi);
                    cat.upsert(p);
                }
}

inline std::filesystem::path tinyConfigPath()
{
    return std::filesystem::path(UF_RESOURCES_DIR) / "models" / "configs" / "tiny-test.json";
}

// Trains a tiny pack; returns the outcome. One thread: the tiny nets are fastest that way, and the
// test machine is shared.
// The tiny training run's options (tiny config, one thread, fixed seed) for tests to adjust.
inline uf::pipeline::TrainOptions tinyTrainOptions(const std::filesystem::path& catalog, const std::filesystem::path& out, int phase,
                                                   long long steps, const std::optional<std::filesystem::path>& init = std::nullopt)
{
    uf::pipeline::TrainOptions o;
    o.catalogDir = catalog;
    o.phase = phase;
    o.init = init;
    o.out = out;
    o.steps = steps;
    o.configFile = tinyConfigPath();
    o.seed = 11;
    o.threads = 1;
    o.device = "cpu";
    return o;
}

inline uf::training::TrainOutcome trainTiny(const std::filesystem::path& catalog, const std::filesystem::path& out, int phase,
                                            long long steps, const std::optional<std::filesystem::path>& init = std::nullopt,
                                            const uf::ProgressFn& progress = {}, bool cuda = false)
{
    auto o = tinyTrainOptions(catalog, out, phase, steps, init);
    o.device = cuda ? "cuda" : "cpu";
    return uf::pipeline::trainModel(o, {}, progress);
}

} // namespace uftest
