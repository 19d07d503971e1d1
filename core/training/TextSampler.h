// Texts for training and evaluation, written from a product's attributes with the fashion
// vocabulary (text/FashionVocabulary.h), no torch:
//   - retrieval texts: the product's own title/description, or a query the way shoppers type it
//     (keywords, sentences, synonyms, mixed Japanese/English, occasional typos), each with the
//     attribute pairs it names (the label-aware ITC targets);
//   - modification texts for composed queries and edits ("same dress in navy", "同じデザインで紺色",
//     "make the sleeves long");
//   - triplets (reference, target, changed attribute) mined from attributes.
#pragma once

#include "text/FashionVocabulary.h"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace uf::training {

using Attributes = std::map<std::string, std::string>; // includes "category"

struct ItemTexts {
    Attributes attributes;
    std::map<std::string, std::string> title;       // lang -> text
    std::map<std::string, std::string> description; // lang -> text
};

struct SampledText {
    std::string text;
    std::string lang; // "ja", "en" or "mixed"
    std::vector<text::AttributePair> mentions; // attribute pairs the text names (all true of the product)
};

struct TextSamplerOptions {
    double titleProb = 0.3;
    double descriptionProb = 0.15;
    double mixedLanguageProb = 0.1;
    double typoProb = 0.04;
};

class TextSampler {
public:
    explicit TextSampler(TextSamplerOptions options = {}) : m_options(options) {}

    // The pairs a product text names that are true of the product (vocabulary matching).
    static std::vector<text::AttributePair> mentionsIn(const std::string& text, const Attributes& attributes);

    SampledText retrievalText(const ItemTexts& item, std::mt19937_64& rng) const;
    // A shopper-style query naming a random subset of the attributes ("" lang = random).
    SampledText query(const Attributes& attributes, std::mt19937_64& rng, const std::string& lang = "") const;
    // Title in a random language that has one (else a generated query); used as caption target.
    SampledText captionText(const ItemTexts& item, std::mt19937_64& rng) const;
    // "same dress in navy" / "同じデザインで紺" for changing `key` of a product of `category` to value.
    std::string modificationText(const std::string& category, const std::string& key, const std::string& value,
                                 const std::string& lang, std::mt19937_64& rng) const;
    static std::string addTypo(const std::string& word, std::mt19937_64& rng);

private:
    TextSamplerOptions m_options;
};

struct Triplet {
    int reference = 0;
    int target = 0;
    std::string key;   // the changed attribute
    std::string value; // its value in the target
};

// Pairs of products of the same category that differ in one attribute (`changeKeys`, default
// colour and pattern plus any applicable key) while every key in keepKeys other than the changed
// one is equal. At most maxCount, sampled uniformly with seed when there are more.
std::vector<Triplet> mineTriplets(const std::vector<Attributes>& items, const std::vector<std::string>& keepKeys,
                                  std::size_t maxCount, std::uint64_t seed);

// True when item has every pair.
bool hasAll(const Attributes& item, const std::vector<text::AttributePair>& pairs);

} // namespace uf::training
