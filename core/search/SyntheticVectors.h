// Clustered stand-ins for model embeddings, for tests and benchmarks when no trained pack is at
// hand. Uniform random vectors make HNSW recall meaningless (../shared/PLATFORM_NOTES.md, 7);
// these follow the structure the model produces: each product has one vector per query token;
// a token mixes that token's role, the product's category, colour and pattern codes, the
// product's own identity and per-token noise. Text queries name a category and colour and align
// with one token role; photo queries are a product re-shot (augmentation noise).
// Products are generated from (seed, index), so a million of them need no storage.
#pragma once

#include "search/SearchIndex.h"

#include <cstdint>
#include <vector>

namespace uf::search {

struct SyntheticSpec {
    int tokens = 16;
    int dim = 128;
    int categories = 10;
    int colours = 12;
    int patterns = 5;
    float roleWeight = 0.5f;      // shared by every product's token t
    float attributeWeight = 0.6f; // category and colour codes
    float patternWeight = 0.4f;
    float identityWeight = 0.45f; // what makes a product itself
    float tokenNoise = 0.3f;
    float augmentNoise = 0.12f;   // a re-shot photo of the same product
    float queryNoise = 0.35f;     // text phrasing
    std::uint64_t seed = 1;
};

struct SyntheticAttributes {
    int category = 0;
    int colour = 0;
    int pattern = 0;
};

class SyntheticVectors {
public:
    explicit SyntheticVectors(const SyntheticSpec& spec = {});
    const SyntheticSpec& spec() const { return m_spec; }

    SyntheticAttributes attributes(std::int64_t product) const;
    // tokens x dim, L2-normalised rows; productId = product, content hash from (seed, product, version).
    ProductVectors product(std::int64_t product, int version = 0) const;
    // One vector for "a <colour> <category>" phrased with variation `phrasing`.
    std::vector<float> textQuery(int category, int colour, std::uint64_t phrasing) const;
    // tokens x dim: product re-shot with augmentation noise `shot`.
    std::vector<float> photoQuery(std::int64_t product, std::uint64_t shot) const;

private:
    std::vector<float> tokensOf(std::int64_t product, int version, std::uint64_t shot) const;
    const float* code(const std::vector<float>& book, int entry, int token) const;

    SyntheticSpec m_spec;
    std::vector<float> m_roles;      // tokens x dim
    std::vector<float> m_categories; // categories x tokens x dim
    std::vector<float> m_colours;
    std::vector<float> m_patterns;
};

} // namespace uf::search
