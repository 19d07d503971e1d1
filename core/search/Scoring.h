// How a query scores against a product, following the model: a product has one L2-normalised
// vector per query token, and a single-vector query (text, composed) scores the maximum inner
// product over those tokens (the model's ITC). A multi-vector query (a photo: one vector per
// token too) scores the mean over its vectors of that maximum — for one vector it is exactly
// the max-over-tokens score, and no single generic token can dominate a photo-to-photo match.
// Plain loops written so that -march=native vectorises them (GCC vector extensions).
#pragma once

#include <cstddef>
#include <vector>

namespace uf::search {

float dotProduct(const float* a, const float* b, int dim);

// max over t of q · tokens[t]
float maxSim(const float* query, const float* tokens, int tokenCount, int dim);

// mean over query rows of maxSim(row, tokens)
float multiMaxSim(const float* queries, int queryCount, const float* tokens, int tokenCount, int dim);

// Scales v to unit length (left as is when it is zero).
void normalizeInPlace(float* v, int dim);

// Normalised mean of rows.
std::vector<float> pooledVector(const float* rows, int count, int dim);

// r routing vectors that summarise a product's tokens for the ANN: r >= count gives the tokens
// themselves, r == 1 their normalised mean, otherwise r centroids of a small spherical k-means
// (deterministic). Returns rows x dim.
std::vector<float> routingVectors(const float* tokens, int count, int dim, int r);

} // namespace uf::search
