// Use case: search a catalog by text, by photo, or by photo + modification text (`unifashion
// search`, the desktop app's search bar). A SearchService keeps the index (and the model, loaded
// on first need) in memory; search() is safe from any number of threads at once. Queries in
// Japanese or English are folded by text::normalize (full-width/half-width, case) before the model.
#pragma once

#include "common/Progress.h"
#include "imaging/Image.h"
#include "model/UnifiedModel.h"
#include "search/CatalogIndex.h"
#include "search/Embedder.h"
#include "search/SharedMutex.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::pipeline {

struct SearchRequest {
    std::optional<std::string> text;                // alone: text query; with an image or SKU: the modification
    std::optional<std::filesystem::path> imagePath; // a photo file
    std::optional<imaging::Image> image;            // a photo already decoded (UI drag and drop)
    std::optional<std::string> sku;                 // a catalog product's photo; excluded from its own results
    std::size_t k = 10;
    std::optional<std::string> category;
    std::map<std::string, std::string> attributes; // all must match
    std::optional<float> minScore;
    float descriptionWeight = 0.3f;  // composed queries: share of the target description in the score
    std::optional<std::string> lang; // title language; default: the query's language, else en, else ja
};

struct SearchHit {
    std::int64_t productId = 0;
    std::string sku;
    std::string title;
    std::string category;
    float score = 0;
};

struct SearchResponse {
    std::vector<SearchHit> results;
    double tookMs = 0;
    std::string mode;           // "text", "image" or "composed"
    bool exact = false;         // answered by an exact scan (selective filter)
    std::int64_t matching = -1; // products passing the filters; -1 without filters
    std::vector<std::string> corrections; // spelling slips the query text was read past ("caot → coat")
};

// Builds the model-backed embedder when a query first needs it; may throw ModelLoadError.
using EmbedderFactory = std::function<std::shared_ptr<search::Embedder>()>;

class SearchService {
public:
    struct Options {
        std::filesystem::path catalog;
        search::SearchParams params;
        search::MessageFn messages;             // index rebuild notices and the like
        std::optional<std::string> modelHash;   // which stored embeddings to serve; default: the catalog's
    };

    // Opens the catalog's index (verifying it, rebuilding from stored embeddings when needed). The
    // factory may be empty: SKU (stored photo) queries still work, text and photo queries refuse.
    SearchService(const Options& options, EmbedderFactory embedderFactory);
    ~SearchService();
    SearchService(const SearchService&) = delete;
    SearchService& operator=(const SearchService&) = delete;

    // The product's default: the pack at modelPack, else the shipped default pack, loaded lazily.
    static std::unique_ptr<SearchService> open(const std::filesystem::path& catalog,
                                               const std::optional<std::filesystem::path>& modelPack,
                                               model::Device device = model::Device::Cpu,
                                               const search::SearchParams& params = {},
                                               const search::MessageFn& messages = {});

    // Thread-safe. Throws UsageError for an empty request, BadInputError for an unknown SKU or a bad
    // photo, ModelLoadError when a query needs a model that is missing or does not match the index.
    SearchResponse search(const SearchRequest& request) const;

    // Re-reads the stored embeddings (after `index` ran elsewhere) and brings the index up to date.
    void refresh(const ProgressFn& progress = {});

    const std::string& modelHash() const { return m_modelHash; }
    std::size_t indexedImages() const;
    std::size_t indexedTexts() const;
    std::size_t memoryBytes() const;

    // For use cases built on the loaded index (duplicates); hold the returned lock while using it.
    struct IndexView {
        std::shared_lock<search::SharedMutex> lock;
        const search::CatalogIndex* index;
    };
    IndexView view() const;
    // A read-only catalog connection for this thread's use; returned to the pool on release.
    std::shared_ptr<catalog::Catalog> reader() const;

private:
    std::shared_ptr<search::Embedder> embedder() const;

    std::filesystem::path m_catalogDir;
    search::SearchParams m_params;
    search::MessageFn m_messages;
    std::string m_modelHash;
    EmbedderFactory m_factory;
    mutable std::mutex m_embedderMutex;
    mutable std::shared_ptr<search::Embedder> m_embedder; // guarded by m_embedderMutex
    mutable search::SharedMutex m_indexMutex;             // shared: searches; exclusive: refresh
    std::unique_ptr<search::CatalogIndex> m_index;        // guarded by m_indexMutex
    mutable std::mutex m_poolMutex;
    mutable std::vector<std::unique_ptr<catalog::Catalog>> m_pool; // guarded by m_poolMutex
};

} // namespace uf::pipeline
