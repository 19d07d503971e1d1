// The synthetic demo catalog: garments drawn procedurally (OpenCV, 128×128) with known
// attributes, and shop copy in Japanese and English written from many templates. It is written
// as an ordinary CSV plus an image folder, which then goes through the same import as a user's
// own catalog. Everything is a pure function of (seed, item index): the same seed gives
// byte-identical CSV and PNG files, and item i does not depend on how many items are made.
#pragma once

#include "common/Progress.h"
#include "imaging/Image.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace uf::demo {

constexpr int kSyntheticImageSide = 128;
constexpr int kSyntheticDefaultCount = 5000;

struct SyntheticItem {
    std::string sku; // SYN-000001 (index + 1)
    std::string titleJa, titleEn;
    std::string descriptionJa, descriptionEn;
    std::string category;                          // canonical (text/FashionVocabulary.h)
    std::map<std::string, std::string> attributes; // applicable keys only, canonical values
    std::string split;                             // "train" or "test" (about 80/20)
    imaging::Image image;                          // kSyntheticImageSide square RGB
};

// Item `index` (0-based) of the catalog made with `seed`.
SyntheticItem makeSyntheticItem(std::uint64_t seed, int index);

// Draws a garment with the given category and attributes (canonical values; missing applicable
// attributes are drawn at random). The shape, pose, background and pattern layout come from
// `variationSeed` alone, so one variationSeed with colour "navy" and then "red" gives the same
// garment in two colours — pairs for "the same dress in navy". Throws BadInputError for an
// unknown category or a non-canonical value.
imaging::Image renderSyntheticGarment(const std::map<std::string, std::string>& attributes, std::uint64_t variationSeed);

// Writes outDir/demo.csv and outDir/images/SYN-xxxxxx.png for `count` items and returns the
// CSV path. CSV columns: sku, title_ja, title_en, description_ja, description_en, category,
// image, split, then text::attributeColumns() (empty where a key does not apply); RFC 4180,
// UTF-8, LF; image paths relative to the CSV. Items are drawn on up to 4 threads; the output
// does not depend on how many. Progress is reported from the calling thread only; when the
// callback asks to stop, no CSV is written and an empty path is returned (some images may remain).
// Throws StorageError when the folder cannot be written, UsageError for count < 1.
std::filesystem::path writeSyntheticSource(const std::filesystem::path& outDir, int count, std::uint64_t seed,
                                           const ProgressFn& progress = {});

} // namespace uf::demo
