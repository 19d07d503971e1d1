// One searchable set of product embeddings (the catalog keeps two: product images and product
// descriptions). HNSW graphs gather candidates, which are then re-ranked exactly with the stored
// token vectors (search/Scoring.h), so every returned score is exact. Two graphs, because the two
// query shapes need different routes (measured: docs/BENCHMARKS.md): a single-vector query (text,
// composed) matches one token of a product, so it walks a graph over "routing" vectors — every
// token by default, or a few centroids of a product's tokens; a photo query (one vector per token)
// matches a product as a whole, so it walks a small graph over each product's mean vector. Filters that select few products are answered by an exact scan over exactly those
// products; results never drop below k while k indexed products pass the filter.
//
// Thread-safety: any number of concurrent searches; upsert/remove take the lock exclusively in
// short batches, so searches keep running during a long build.
// Files: <dir>/<name>.hnsw and <dir>/<name>.mean.hnsw (VectorIndex), <dir>/<name>.tokens
// (TokenStore), bound by a tag.
#pragma once

#include "common/Progress.h"
#include "search/Checksum.h"
#include "search/SharedMutex.h"
#include "search/VectorIndex.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace uf::search {

namespace fs = std::filesystem;

class TokenStore;

struct SearchParams {
    VectorIndexParams hnsw;
    int routing = 0;                     // ANN vectors per product: 0 every token, 1 the mean, r centroids
    int candidates = 64;                 // products re-ranked exactly per query (at least 2k)
    int photoCandidateFactor = 4;        // photo queries re-rank this many times more: the mean is a rougher guide
    std::size_t exactMaxProducts = 5000; // a filter that selects at most this many products...
    double exactShare = 0.02;            // ...or at most this share of them is answered exactly
    double compactDeletedShare = 0.2;    // rebuild the graph when this share of slots is dead
    int threads = 2;
};

struct ScoredProduct {
    std::int64_t productId = 0;
    float score = 0;
};

// The products a search may return (a filter's result), kept sorted for fast membership.
class ProductSet {
public:
    ProductSet() = default;
    explicit ProductSet(std::vector<std::int64_t> ids);
    bool contains(std::int64_t id) const;
    std::size_t size() const { return m_ids.size(); }
    const std::vector<std::int64_t>& ids() const { return m_ids; }

private:
    std::vector<std::int64_t> m_ids;
};

// One product's embedding as it goes into an index.
struct ProductVectors {
    std::int64_t productId = 0;
    Digest contentHash{};
    int rows = 0;
    std::vector<float> data; // rows x dim
};

struct SearchIndexExpectation {
    std::optional<std::string> modelHash;
    std::optional<int> dim;
    std::optional<std::uint64_t> count;
    std::optional<Digest> fingerprint;
};

// How a search was answered (for benchmarks, tests and the UI's status line).
struct SearchStats {
    bool exact = false;          // exact scan (selective filter or fallback)
    std::size_t candidates = 0;  // products re-ranked
    std::size_t annFetched = 0;  // routing vectors fetched from the graph
};

class SearchIndex {
public:
    SearchIndex(int dim, std::string modelHash, SearchParams params = {});
    ~SearchIndex();
    SearchIndex(const SearchIndex&) = delete;
    SearchIndex& operator=(const SearchIndex&) = delete;

    // Opens and verifies both files; IndexCorruptError on damage or mismatch with `expect`.
    static std::unique_ptr<SearchIndex> open(const fs::path& dir, const std::string& name,
                                             const SearchIndexExpectation& expect, const SearchParams& params);
    void save(const fs::path& dir, const std::string& name) const;
    static bool filesExist(const fs::path& dir, const std::string& name);
    static void removeFiles(const fs::path& dir, const std::string& name);
    static fs::path graphFile(const fs::path& dir, const std::string& name) { return dir / (name + ".hnsw"); }
    static fs::path tokensFile(const fs::path& dir, const std::string& name) { return dir / (name + ".tokens"); }
    static fs::path meanGraphFile(const fs::path& dir, const std::string& name) { return dir / (name + ".mean.hnsw"); }

    // Adds or replaces products. The batch form inserts into the graph on params().threads workers
    // and releases the lock between chunks; it returns false when progress asked to stop.
    void upsert(const ProductVectors& product);
    bool upsertBatch(const std::vector<ProductVectors>& products, const ProgressFn& progress = {});
    bool remove(std::int64_t productId);
    bool needsCompaction() const;
    // A fresh index holding only the live products (dead graph entries dropped).
    std::unique_ptr<SearchIndex> compacted(const ProgressFn& progress = {}) const;

    // queries: queryCount x dim. Best k products, best first, exact scores.
    std::vector<ScoredProduct> search(const float* queries, int queryCount, std::size_t k,
                                      const ProductSet* allowed = nullptr, SearchStats* stats = nullptr) const;
    // The same ranking by an exhaustive scan (reference and fallback).
    std::vector<ScoredProduct> exactSearch(const float* queries, int queryCount, std::size_t k,
                                           const ProductSet* allowed = nullptr) const;
    // Up to n candidate products from the graph, best routing score first (for scores that combine
    // several indexes, e.g. composed queries).
    std::vector<std::int64_t> annCandidates(const float* queries, int queryCount, std::size_t n,
                                            const ProductSet* allowed = nullptr) const;
    // Exact score of one product; nullopt when it is not indexed.
    std::optional<float> score(const float* queries, int queryCount, std::int64_t productId) const;
    bool vectorsOf(std::int64_t productId, std::vector<float>& out, int& rows) const;

    bool contains(std::int64_t productId) const;
    std::optional<Digest> contentHash(std::int64_t productId) const;
    std::vector<std::pair<std::int64_t, Digest>> items() const; // live, ascending product id
    std::vector<std::int64_t> productIds() const;
    std::size_t size() const;         // live products
    std::size_t deletedSlots() const; // replaced or removed products still in the graph
    Digest fingerprint() const;
    int dim() const { return m_dim; }
    const std::string& modelHash() const { return m_modelHash; }
    const SearchParams& params() const { return m_params; }
    std::size_t memoryBytes() const;
    void setEfSearch(int ef);
    // Query-time knobs: the minimum graph beam and the number of products re-ranked exactly.
    void setSearchParams(int efSearch, int candidates);

private:
    int routingCount(int rows) const;
    Digest slotTableTag() const;
    void removeLocked(std::int64_t productId);
    std::vector<std::uint32_t> annSlotsLocked(const float* queries, int queryCount, std::size_t n,
                                              const ProductSet* allowed, SearchStats* stats) const;
    std::vector<ScoredProduct> rankSlotsLocked(const float* queries, int queryCount,
                                               const std::vector<std::uint32_t>& slots, std::size_t k) const;
    std::vector<ScoredProduct> exactLocked(const float* queries, int queryCount, std::size_t k,
                                           const ProductSet* allowed) const;

    int m_dim;
    std::string m_modelHash;
    SearchParams m_params;
    mutable SharedMutex m_mutex;         // guards m_store and the pairing of m_store with the graphs
    std::unique_ptr<TokenStore> m_store; // guarded by m_mutex
    std::unique_ptr<VectorIndex> m_graph; // routing vectors; has its own lock too, taken after m_mutex
    std::unique_ptr<VectorIndex> m_means; // one mean vector per product; null when routing == 1 (m_graph is that)
    const VectorIndex& graphFor(int queryCount) const { return (queryCount > 1 && m_means) ? *m_means : *m_graph; }
};

// Composed query ("this one, but in navy"): one vector scored against the target image's tokens
// and the target description, score = (1 - textWeight) * image + textWeight * description (a
// product missing one side scores by the other). Candidates come from both graphs.
std::vector<ScoredProduct> composedSearch(const SearchIndex& images, const SearchIndex* texts, const float* query,
                                          std::size_t k, float textWeight, const ProductSet* allowed = nullptr,
                                          SearchStats* stats = nullptr);

} // namespace uf::search
