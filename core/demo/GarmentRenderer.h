// Internal to demo/: draws one garment of the synthetic catalog. OpenCV stays in the .cpp.
#pragma once

#include "imaging/Image.h"

#include <cstdint>
#include <string>

namespace uf::demo::detail {

// Canonical values (text/FashionVocabulary.h); keys that do not apply to the category are empty.
struct GarmentSpec {
    std::string category, color, pattern, sleeve, length, neckline, heel;
};

// Drawing choices that shop copy may mention (a horizontal stripe is a 「ボーダー」 in Japanese).
struct RenderHints {
    bool horizontalStripes = true;
    bool gingham = true;     // checks: gingham, else tartan-like
    int bagStyle = 0;        // 0 tote, 1 handbag, 2 shoulder bag
    bool tallShaft = false;  // boots reaching mid-calf
    bool pleated = false;    // skirts
    bool belted = false;     // coats and dresses
};

// The same variationSeed gives the same shape, pose, background and pattern layout whatever the
// colour, pattern or other attributes are.
imaging::Image renderGarment(const GarmentSpec& spec, std::uint64_t variationSeed, int side, RenderHints* hints = nullptr);

} // namespace uf::demo::detail
