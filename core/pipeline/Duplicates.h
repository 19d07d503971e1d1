// Use case: "do we already have this?" — groups of near-duplicate product images
// (`unifashion duplicates`). Two kinds of evidence: the same image file (equal SHA-256), and
// embedding similarity at or above a threshold, scored symmetrically from the stored per-token
// embeddings (no model needed). Each group reports its score range, and the report gives the
// distribution of nearest-neighbour scores, so a user can see where to set the threshold.
#pragma once

#include "common/Progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace uf::pipeline {

class SearchService;

struct DuplicatesOptions {
    float threshold = 0.95f;    // embedding similarity that makes two products duplicates
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
    bool sameImageFile = false;           // at least one pair shares an identical image file
};

struct DuplicatesReport {
    std::vector<DuplicateGroup> groups; // strongest first
    std::int64_t productsChecked = 0;
    float threshold = 0;
    // Each product's best match among the others: quantiles, to help choose a threshold.
    float nearestP50 = 0, nearestP90 = 0, nearestP99 = 0;
    double tookMs = 0;
};

DuplicatesReport findDuplicates(const SearchService& service, const DuplicatesOptions& options = {},
                                const ProgressFn& progress = {});

} // namespace uf::pipeline
