#include "search/SyntheticVectors.h"

#include "search/Scoring.h"

#include <cmath>
#include <random>

namespace uf::search {

namespace {

std::uint64_t mix(std::uint64_t x)
{
    // splitmix64: independent streams from (seed, index) without storing generators.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void gaussianFill(float* out, std::size_t n, std::mt19937_64& rng, float scale)
{
    std::normal_distribution<float> g(0.f, scale);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = g(rng);
}

} // namespace

SyntheticVectors::SyntheticVectors(const SyntheticSpec& spec) : m_spec(spec)
{
    const std::size_t td = static_cast<std::size_t>(spec.tokens) * spec.dim;
    const float unit = 1.f / std::sqrt(static_cast<float>(spec.dim)); // rows of about unit length
    std::mt19937_64 rng(mix(spec.seed));
    m_roles.resize(td);
    gaussianFill(m_roles.data(), td, rng, unit);
    m_categories.resize(td * spec.categories);
    gaussianFill(m_categories.data(), m_categories.size(), rng, unit);
    m_colours.resize(td * spec.colours);
    gaussianFill(m_colours.data(), m_colours.size(), rng, unit);
    m_patterns.resize(td * spec.patterns);
    gaussianFill(m_patterns.data(), m_patterns.size(), rng, unit);
}

const float* SyntheticVectors::code(const std::vector<float>& book, int entry, int token) const
{
    return book.data() + (static_cast<std::size_t>(entry) * m_spec.tokens + token) * m_spec.dim;
}

SyntheticAttributes SyntheticVectors::attributes(std::int64_t product) const
{
    const std::uint64_t h = mix(m_spec.seed * 7919 + static_cast<std::uint64_t>(product));
    SyntheticAttributes a;
    a.category = static_cast<int>(h % m_spec.categories);
    a.colour = static_cast<int>((h / 101) % m_spec.colours);
    a.pattern = static_cast<int>((h / 10007) % m_spec.patterns);
    return a;
}

std::vector<float> SyntheticVectors::tokensOf(std::int64_t product, int version, std::uint64_t shot) const
{
    const int T = m_spec.tokens, D = m_spec.dim;
    const float unit = 1.f / std::sqrt(static_cast<float>(D));
    const SyntheticAttributes a = attributes(product);
    std::mt19937_64 identityRng(mix(m_spec.seed ^ mix(static_cast<std::uint64_t>(product) * 31 + version)));
    std::vector<float> identity(static_cast<std::size_t>(T) * D);
    gaussianFill(identity.data(), identity.size(), identityRng, unit);
    std::vector<float> noise(static_cast<std::size_t>(T) * D);
    gaussianFill(noise.data(), noise.size(), identityRng, unit);
    std::vector<float> shotNoise;
    if (shot != 0) {
        std::mt19937_64 shotRng(mix(mix(static_cast<std::uint64_t>(product)) ^ shot));
        shotNoise.resize(noise.size());
        gaussianFill(shotNoise.data(), shotNoise.size(), shotRng, unit);
    }
    std::vector<float> out(static_cast<std::size_t>(T) * D);
    for (int t = 0; t < T; ++t) {
        float* row = &out[static_cast<std::size_t>(t) * D];
        const float* role = &m_roles[static_cast<std::size_t>(t) * D];
        const float* cat = code(m_categories, a.category, t);
        const float* col = code(m_colours, a.colour, t);
        const float* pat = code(m_patterns, a.pattern, t);
        for (int i = 0; i < D; ++i) {
            const std::size_t k = static_cast<std::size_t>(t) * D + i;
            row[i] = m_spec.roleWeight * role[i] + m_spec.attributeWeight * (cat[i] + col[i]) + m_spec.patternWeight * pat[i]
                   + m_spec.identityWeight * identity[k] + m_spec.tokenNoise * noise[k];
            if (shot != 0)
                row[i] += m_spec.augmentNoise * shotNoise[k];
        }
        normalizeInPlace(row, D);
    }
    return out;
}

ProductVectors SyntheticVectors::product(std::int64_t product, int version) const
{
    ProductVectors p;
    p.productId = product;
    p.rows = m_spec.tokens;
    p.data = tokensOf(product, version, 0);
    const std::uint64_t id[3] = {m_spec.seed, static_cast<std::uint64_t>(product), static_cast<std::uint64_t>(version)};
    p.contentHash = sha256(id, sizeof id);
    return p;
}

std::vector<float> SyntheticVectors::textQuery(int category, int colour, std::uint64_t phrasing) const
{
    const int D = m_spec.dim;
    const float unit = 1.f / std::sqrt(static_cast<float>(D));
    std::mt19937_64 rng(mix(m_spec.seed * 131 + phrasing * 977 + static_cast<std::uint64_t>(category * 100 + colour)));
    // The text matches one token role, as ITC with max over queries trains it to.
    const int role = static_cast<int>(rng() % static_cast<std::uint64_t>(m_spec.tokens));
    std::vector<float> noise(static_cast<std::size_t>(D));
    gaussianFill(noise.data(), noise.size(), rng, unit);
    std::vector<float> q(static_cast<std::size_t>(D));
    const float* r = &m_roles[static_cast<std::size_t>(role) * D];
    const float* cat = code(m_categories, category, role);
    const float* col = code(m_colours, colour, role);
    for (int i = 0; i < D; ++i)
        q[i] = m_spec.roleWeight * r[i] + m_spec.attributeWeight * (cat[i] + col[i]) + m_spec.queryNoise * noise[i];
    normalizeInPlace(q.data(), D);
    return q;
}

std::vector<float> SyntheticVectors::photoQuery(std::int64_t product, std::uint64_t shot) const
{
    return tokensOf(product, 0, shot == 0 ? 1 : shot);
}

} // namespace uf::search
