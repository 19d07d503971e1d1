// The canonical fashion attribute vocabulary: which attribute keys exist (category, color,
// pattern, sleeve, length, neckline, heel), their English lower-case canonical values, and the
// English and Japanese words shops and shoppers use for each. One table shared by the demo
// generator, the model's attribute-aware training (triplets such as "same dress in navy"),
// the evaluation query set and search. Plain data and string matching: no torch, no OpenCV.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace uf::text {

struct AttributeValue {
    std::string key;             // "color"
    std::string value;           // canonical: "navy"
    std::vector<std::string> en; // surface words, display word first: "navy", "navy blue", "dark blue"
    std::vector<std::string> ja; // "紺", "ネイビー", "紺色"
};

using AttributePair = std::pair<std::string, std::string>; // (key, canonical value)

// All keys, "category" first, then the product attribute keys in CSV column order.
const std::vector<std::string>& attributeKeys();
// attributeKeys() without "category": the per-attribute CSV columns and catalog attribute keys.
const std::vector<std::string>& attributeColumns();

// The canonical values of a key in a fixed order (empty for an unknown key).
const std::vector<AttributeValue>& values(std::string_view key);
// nullptr when the key or value is not canonical.
const AttributeValue* findValue(std::string_view key, std::string_view value);
bool isCanonical(std::string_view key, std::string_view value);

// The display word of a value in "en" or "ja" (the first surface word); the canonical value
// itself for an unknown key/value or language.
std::string displayName(std::string_view key, std::string_view value, std::string_view lang);

// The attribute values a text mentions, in order of first mention, each pair once. The text is
// normalised first (text::normalize: NFKC, case fold, so full-width and half-width forms match).
// Matching is longest-first at each position ("dark blue" is navy, not blue; "ショートパンツ" is
// shorts, not trousers; "tシャツ" is a T-shirt, not a shirt). English words match whole words
// (with an optional plural s/es; hyphens count as spaces), Japanese words match anywhere.
// A text may mention two values of one key ("navy and white"): both are returned.
std::vector<AttributePair> findAttributesInText(std::string_view text);

// The same matching, span by span: the text as matched (normalised; hyphens, slashes, dots and
// commas as spaces) and each match's byte range in it with the values it names (none for the
// words listed only so that they are not mistaken for a value, e.g. "カラー", "collarless").
struct VocabularyMatch {
    std::size_t begin = 0, end = 0;
    std::vector<AttributePair> pairs;
};
std::string foldForMatching(std::string_view text);
std::vector<VocabularyMatch> matchVocabulary(const std::string& folded);
// Every surface word the matcher knows, folded as foldForMatching folds text.
const std::vector<std::string>& vocabularySurfaces();
// Hiragana readings of the vocabulary's kanji words, as an input method leaves them unconverted
// (「はながら」 for 花柄), each with its word; three kana or more, so that a reading does not turn up
// inside other words. For reading typed queries (text::readQuery) only: never generated, never
// matched in the catalog's own texts.
const std::vector<std::pair<std::string, std::string>>& kanaReadings();

// The product attribute keys (not "category") that a category uses: sleeve for tops and dresses,
// length for dresses and skirts, heel for boots and sandals, ... Empty for an unknown category.
const std::vector<std::string>& applicableKeys(std::string_view category);
bool isApplicable(std::string_view category, std::string_view key);
// The canonical values `key` takes for `category` (a T-shirt's sleeve is short or long, a
// dress's also sleeveless; a T-shirt's neckline round or v). All values of the key for color
// and pattern; empty where the key does not apply. The synthetic catalog draws from these.
const std::vector<std::string>& categoryValues(std::string_view category, std::string_view key);

// Fashion-MNIST's ten classes (label 0..9 in the IDX files).
constexpr int kFashionMnistClassCount = 10;
// Canonical category of a label: tshirt, trousers, pullover, dress, coat, sandals, shirt,
// sneakers, bag, boots. Throws BadInputError for a label outside 0..9.
const std::string& fashionMnistCategory(int label);
// The dataset's own class name ("T-shirt/top", "Ankle boot") for "en", a Japanese name for "ja".
const std::string& fashionMnistClassName(int label, std::string_view lang);

} // namespace uf::text
