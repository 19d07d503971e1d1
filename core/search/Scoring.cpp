#include "search/Scoring.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace uf::search {

namespace {

// Eight-wide lanes: AVX registers with -march=native, two SSE registers otherwise. Separate
// accumulators let the compiler vectorise without -ffast-math (no reassociation needed).
typedef float Lane8 __attribute__((vector_size(32)));

inline Lane8 load8(const float* p)
{
    Lane8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline float sum8(Lane8 v)
{
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

} // namespace

float dotProduct(const float* a, const float* b, int dim)
{
    Lane8 acc0 = {}, acc1 = {}, acc2 = {}, acc3 = {};
    int i = 0;
    for (; i + 32 <= dim; i += 32) {
        acc0 += load8(a + i) * load8(b + i);
        acc1 += load8(a + i + 8) * load8(b + i + 8);
        acc2 += load8(a + i + 16) * load8(b + i + 16);
        acc3 += load8(a + i + 24) * load8(b + i + 24);
    }
    for (; i + 8 <= dim; i += 8)
        acc0 += load8(a + i) * load8(b + i);
    float s = sum8((acc0 + acc1) + (acc2 + acc3));
    for (; i < dim; ++i)
        s += a[i] * b[i];
    return s;
}

float maxSim(const float* query, const float* tokens, int tokenCount, int dim)
{
    float best = -std::numeric_limits<float>::infinity();
    for (int t = 0; t < tokenCount; ++t)
        best = std::max(best, dotProduct(query, tokens + static_cast<std::size_t>(t) * dim, dim));
    return best;
}

float multiMaxSim(const float* queries, int queryCount, const float* tokens, int tokenCount, int dim)
{
    if (queryCount == 1)
        return maxSim(queries, tokens, tokenCount, dim);
    double sum = 0;
    for (int q = 0; q < queryCount; ++q)
        sum += maxSim(queries + static_cast<std::size_t>(q) * dim, tokens, tokenCount, dim);
    return static_cast<float>(sum / std::max(queryCount, 1));
}

void normalizeInPlace(float* v, int dim)
{
    const float n = std::sqrt(dotProduct(v, v, dim));
    if (n > 0.f)
        for (int i = 0; i < dim; ++i)
            v[i] /= n;
}

std::vector<float> pooledVector(const float* rows, int count, int dim)
{
    std::vector<float> out(static_cast<std::size_t>(dim), 0.f);
    for (int r = 0; r < count; ++r)
        for (int i = 0; i < dim; ++i)
            out[i] += rows[static_cast<std::size_t>(r) * dim + i];
    normalizeInPlace(out.data(), dim);
    return out;
}

std::vector<float> routingVectors(const float* tokens, int count, int dim, int r)
{
    const std::size_t d = static_cast<std::size_t>(dim);
    if (r <= 0 || r >= count)
        return std::vector<float>(tokens, tokens + static_cast<std::size_t>(count) * d);
    if (r == 1)
        return pooledVector(tokens, count, dim);
    // Spherical k-means, seeded with evenly spaced tokens; a few rounds suffice for 16-32 tokens.
    std::vector<float> centroids(static_cast<std::size_t>(r) * d);
    for (int c = 0; c < r; ++c)
        std::memcpy(&centroids[c * d], tokens + static_cast<std::size_t>(c * count / r) * d, d * sizeof(float));
    std::vector<int> assign(static_cast<std::size_t>(count), -1);
    for (int round = 0; round < 6; ++round) {
        bool changed = false;
        for (int t = 0; t < count; ++t) {
            int best = 0;
            float bestScore = -std::numeric_limits<float>::infinity();
            for (int c = 0; c < r; ++c) {
                const float s = dotProduct(tokens + t * d, &centroids[c * d], dim);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            changed |= assign[t] != best;
            assign[t] = best;
        }
        if (!changed && round > 0)
            break;
        std::vector<float> sums(static_cast<std::size_t>(r) * d, 0.f);
        std::vector<int> members(static_cast<std::size_t>(r), 0);
        for (int t = 0; t < count; ++t) {
            ++members[assign[t]];
            for (std::size_t i = 0; i < d; ++i)
                sums[assign[t] * d + i] += tokens[t * d + i];
        }
        for (int c = 0; c < r; ++c) {
            if (members[c] == 0)
                continue; // keep the previous centroid
            std::memcpy(&centroids[c * d], &sums[c * d], d * sizeof(float));
            normalizeInPlace(&centroids[c * d], dim);
        }
    }
    return centroids;
}

} // namespace uf::search
