// An approximate nearest-neighbour index over L2-normalised vectors (inner product), wrapping
// hnswlib behind a pimpl. What hnswlib lacks, this class adds (../shared/PLATFORM_NOTES.md, 8):
//  - one reader–writer lock (search/SharedMutex.h: a waiting insert is not starved by a stream of
//    searches): searches run concurrently, inserts and deletions are exclusive;
//  - its own file format (search/IndexFile.h): header with model pack hash, dimension, metric,
//    counts and checksums, hnswlib 0.6.2's serialised payload after it, written atomically;
//    open() verifies everything and checks the graph's structure before use, and throws
//    IndexCorruptError on any damage, truncation or mismatch — callers rebuild, never crash;
//  - filtered search that never returns fewer than k hits while k vectors pass the filter
//    (over-fetch, then an exact scan when the filter is too selective for the graph).
// Labels are caller-chosen 64-bit ids and are never reused within one index.
#pragma once

#include "common/Progress.h"
#include "search/Checksum.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace uf::search {

namespace fs = std::filesystem;

struct VectorIndexParams {
    int m = 16;               // graph degree (level 0 keeps 2m links)
    int efConstruction = 200; // build-time beam
    int efSearch = 64;        // default query beam; a query may ask for more
    std::uint64_t seed = 100; // level generator
};

struct VectorHit {
    std::uint64_t label = 0;
    float score = 0; // inner product (cosine for normalised vectors)
};

using LabelFilter = std::function<bool(std::uint64_t label)>;

// What open() must find in the file; anything unset is not checked.
struct VectorIndexExpectation {
    std::optional<int> dim;
    std::optional<std::string> modelHash;
    std::optional<std::uint64_t> count; // live vectors
    std::optional<Digest> tag;
};

class VectorIndex {
public:
    static constexpr const char* kMagic = "UFVECIDX";
    static constexpr std::uint32_t kFormatVersion = 1;

    VectorIndex(int dim, std::string modelHash, VectorIndexParams params = {}, std::size_t capacity = 1024);
    ~VectorIndex();
    VectorIndex(const VectorIndex&) = delete;
    VectorIndex& operator=(const VectorIndex&) = delete;

    // Loads and verifies a file written by save(). efSearch 0 keeps the default.
    static std::unique_ptr<VectorIndex> open(const fs::path& file, const VectorIndexExpectation& expect = {},
                                             int efSearch = 0, int verifyThreads = 2);
    // Writes header + payload to a temporary file, fsyncs and renames. Searches may run meanwhile.
    void save(const fs::path& file, const Digest& tag = {}) const;

    // Throws uf::Error when the label is already used (labels are never reused).
    void add(std::uint64_t label, const float* vector);
    // Inserts n vectors (row-major n x dim) on `threads` workers. Returns false when progress asked
    // to stop; what was inserted stays.
    bool addBatch(const std::uint64_t* labels, const float* vectors, std::size_t n, int threads = 2,
                  const ProgressFn& progress = {});
    // Hides a vector from results (hnswlib keeps it in the graph). False when unknown or deleted.
    bool markDeleted(std::uint64_t label);

    // Best k by inner product, best first. With a filter, keeps searching (and at last scans
    // exactly) until k passing vectors are found or none are left. ef 0 uses params().efSearch.
    std::vector<VectorHit> search(const float* query, std::size_t k, const LabelFilter& filter = {},
                                  std::size_t ef = 0) const;
    // Exhaustive scan (the reference for recall, and the fallback for selective filters).
    std::vector<VectorHit> exactSearch(const float* query, std::size_t k, const LabelFilter& filter = {}) const;

    bool contains(std::uint64_t label) const; // live labels only
    bool vectorOf(std::uint64_t label, float* out) const;
    std::vector<std::uint64_t> labels() const; // live labels

    std::size_t size() const;         // live vectors
    std::size_t deletedCount() const; // marked deleted, still in the graph
    int dim() const;
    const std::string& modelHash() const;
    const VectorIndexParams& params() const;
    void setEfSearch(int ef);
    std::size_t memoryBytes() const;

private:
    struct Impl;
    explicit VectorIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace uf::search
