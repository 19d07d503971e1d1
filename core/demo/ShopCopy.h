// Internal to demo/: titles and descriptions for synthetic products, in Japanese and English,
// as shop copy written by different people would read — many templates, synonyms, changed word
// order, attributes sometimes left out. Every attribute word used is one that
// text::findAttributesInText recognises, and no word names a value the product does not have.
#pragma once

#include "demo/DemoRandom.h"
#include "demo/GarmentRenderer.h"

#include <string>

namespace uf::demo::detail {

struct ShopCopy {
    std::string titleJa, titleEn;
    std::string descriptionJa, descriptionEn;
};

ShopCopy writeShopCopy(const GarmentSpec& spec, const RenderHints& hints, Rng& rng);

} // namespace uf::demo::detail
