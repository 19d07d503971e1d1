// Use case: "do we already have this?" — groups of near-duplicate product images
// (`unifashion duplicates`). Two kinds of evidence: the same image file (equal SHA-256), and
// embedding similarity at or above a threshold, scored symmetrically from the stored per-token
// embeddings (no model needed), confirmed by the pictures themselves: a model trained to match
// attributes puts every navy striped shirt close together, so embedding pairs must also look
// alike pixel for pixel (correlation of the object cropped to 32x32, tolerant of re-encoding, a
// resize or shift). Each group reports its score range, and the report gives the
// distribution of nearest-neighbour scores, so a user can see where to set the thresholds.
#pragma once

#include "common/Progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace uf::pipeline {

class SearchService;

struct DuplicatesOptions {
    // Embedding similarity that makes two products candidates. The picture check decides; a
    // planted copy (shrunk, shifted, re-encoded) of a patterned product can score 0.93.
    float threshold = 0.92f;
    float visualThreshold = 0.95f; // picture correlation an embedding pair needs too (0: embeddings alone)
    std::size_t neighbours = 8; // candidates examined per product
    int threads = 2;
};

struct DuplicateMember {
    std::int64_t productId = 0;
    std::string sku;
    std::string title;
    std::string category;
};

struct DuplicateGroup {
    std::vector<DuplicateMember> members; // ascending SKU
    float minScore = 0;                   // weakest link that joined the group
    float maxScore = 0;
    float minVisual = 1;                  // weakest picture correlation of its embedding pairs
    bool sameImageFile = false;           // at least one pair shares an identical image file
};

struct DuplicatesReport {
    std::vector<DuplicateGroup> groups; // strongest first
    std::int64_t productsChecked = 0;
    float threshold = 0;
    // Each product's best match among the others: quantiles, to help choose a threshold.
    float nearestP50 = 0, nearestP90 = 0, nearestP99 = 0;
    float visualThreshold = 0;
    std::int64_t embeddingPairs = 0;    // pairs over the embedding threshold
    std::int64_t visuallyConfirmed = 0; // of which the pictures agree
    std::vector<std::string> unreadable; // images that could not be read for the check ("sku: reason")
    double tookMs = 0;
};

DuplicatesReport findDuplicates(const SearchService& service, const DuplicatesOptions& options = {},
                                const ProgressFn& progress = {});

} // namespace uf::pipeline
