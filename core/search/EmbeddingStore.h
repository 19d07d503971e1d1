// The catalog's `embeddings` table (schema migration 2): per product and kind ('image' or 'text'),
// the vectors one model pack produced, the hash of what was embedded, and that pack's hash. The
// index files can always be rebuilt from here without the model; rows of two packs never mix in
// one index (every query names the pack). Uses the caller's connection (one per thread).
#pragma once

#include "search/Checksum.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Database;
}

namespace uf::search {

enum class EmbeddingKind { Image, Text };
const char* kindName(EmbeddingKind kind); // "image" / "text" (also the index file names)

struct EmbeddingKey {
    std::int64_t productId = 0;
    std::string contentHash;
};

struct EmbeddingRow {
    std::int64_t productId = 0;
    std::string contentHash;
    int tokens = 0;
    int dim = 0;
    std::vector<float> vectors; // tokens x dim
};

class EmbeddingStore {
public:
    explicit EmbeddingStore(catalog::Database& db) : m_db(db) {}

    // Inserts or replaces the row of (product, kind). Run inside a transaction for batches.
    void put(EmbeddingKind kind, std::int64_t productId, const std::string& modelHash, const std::string& contentHash,
             int tokens, int dim, const float* vectors);
    bool remove(EmbeddingKind kind, std::int64_t productId);

    // Rows of this model, ascending product id, without reading the vectors.
    std::vector<EmbeddingKey> keys(EmbeddingKind kind, const std::string& modelHash);
    std::int64_t count(EmbeddingKind kind, const std::string& modelHash);
    // Same value as TokenStore::fingerprint() of an index holding exactly these rows.
    Digest fingerprint(EmbeddingKind kind, const std::string& modelHash);
    // The dimension of this model's rows (0 when there are none).
    int dimension(EmbeddingKind kind, const std::string& modelHash);

    // Model hashes that have rows, most rows first.
    std::vector<std::string> models();
    // Model hashes other than `modelHash` that have rows, and removing them.
    std::vector<std::string> otherModels(const std::string& modelHash);
    std::int64_t removeOtherModels(const std::string& modelHash);

    std::optional<EmbeddingRow> get(EmbeddingKind kind, std::int64_t productId, const std::string& modelHash);
    // Streams rows (ascending product id); with ids, only those products.
    void forEach(EmbeddingKind kind, const std::string& modelHash, const std::function<void(EmbeddingRow&&)>& fn,
                 const std::vector<std::int64_t>* ids = nullptr);

private:
    catalog::Database& m_db;
};

} // namespace uf::search
