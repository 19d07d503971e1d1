// The search index of one catalog for one model pack: <catalog>/index/image.{hnsw,tokens} over
// product images and <catalog>/index/text.{hnsw,tokens} over product descriptions, kept in step
// with the stored embeddings (search/EmbeddingStore.h). Loading never trusts a file blindly: a
// damaged, truncated or foreign file, or one built for another model or dimension, is rebuilt
// from the stored embeddings; a file that is merely behind the catalog (products added, changed
// or removed since) is updated; both say so through the message callback.
// Not synchronised: its owner (pipeline::SearchService) serialises sync() against searches.
#pragma once

#include "common/Progress.h"
#include "search/EmbeddingStore.h"
#include "search/SearchIndex.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace uf::catalog {
class Database;
}

namespace uf::search {

namespace fs = std::filesystem;

using MessageFn = std::function<void(const std::string& message)>;

struct CatalogIndexReport {
    bool rebuilt = false;   // a file was unusable and was rebuilt from the stored embeddings
    bool updated = false;   // brought in line with the stored embeddings
    bool compacted = false; // dead entries passed the share and the graph was rebuilt
    bool saved = false;
    bool cancelled = false;
    std::int64_t added = 0; // products new to the index
    std::int64_t replaced = 0;
    std::int64_t removed = 0;
    double seconds = 0;
};

class CatalogIndex {
public:
    static std::unique_ptr<CatalogIndex> load(catalog::Database& db, const fs::path& indexDir, const std::string& modelHash,
                                              const SearchParams& params, const MessageFn& messages = {},
                                              const ProgressFn& progress = {}, CatalogIndexReport* report = nullptr);

    // Applies what changed in the stored embeddings since load (or the last sync), compacts when
    // the dead share passes params.compactDeletedShare, and saves the files that changed.
    CatalogIndexReport sync(catalog::Database& db, const ProgressFn& progress = {}, const MessageFn& messages = {});

    // nullptr when this model has no stored embeddings of that kind.
    const SearchIndex* index(EmbeddingKind kind) const { return m_kinds[static_cast<int>(kind)].get(); }
    const SearchIndex* images() const { return index(EmbeddingKind::Image); }
    const SearchIndex* texts() const { return index(EmbeddingKind::Text); }
    const std::string& modelHash() const { return m_modelHash; }
    const fs::path& directory() const { return m_dir; }
    std::size_t memoryBytes() const;

private:
    CatalogIndex(fs::path dir, std::string modelHash, SearchParams params);
    bool syncKind(catalog::Database& db, EmbeddingKind kind, bool forceSave, const ProgressFn& progress,
                  const MessageFn& messages, CatalogIndexReport& report);

    fs::path m_dir;
    std::string m_modelHash;
    SearchParams m_params;
    std::unique_ptr<SearchIndex> m_kinds[2];
};

} // namespace uf::search
