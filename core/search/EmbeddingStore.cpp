#include "search/EmbeddingStore.h"

#include "catalog/Database.h"
#include "common/Error.h"
#include "search/TokenStore.h"

#include <cstring>

namespace uf::search {

namespace {

EmbeddingRow readRow(catalog::Statement& st, const std::string& where)
{
    EmbeddingRow row;
    row.productId = st.getInt(0);
    row.contentHash = st.getText(1);
    row.tokens = static_cast<int>(st.getInt(2));
    row.dim = static_cast<int>(st.getInt(3));
    const auto blob = st.blobView(4);
    const std::size_t expected = static_cast<std::size_t>(row.tokens) * static_cast<std::size_t>(row.dim) * sizeof(float);
    if (row.tokens <= 0 || row.dim <= 0 || blob.size() != expected)
        throw StorageError("Stored embedding of product " + std::to_string(row.productId) + " (" + where
                           + ") is damaged: " + std::to_string(blob.size()) + " bytes for " + std::to_string(row.tokens)
                           + " x " + std::to_string(row.dim) + " floats. Run 'unifashion index' to embed it again.");
    row.vectors.resize(static_cast<std::size_t>(row.tokens) * row.dim);
    std::memcpy(row.vectors.data(), blob.data(), expected);
    return row;
}

} // namespace

const char* kindName(EmbeddingKind kind) { return kind == EmbeddingKind::Image ? "image" : "text"; }

void EmbeddingStore::put(EmbeddingKind kind, std::int64_t productId, const std::string& modelHash,
                         const std::string& contentHash, int tokens, int dim, const float* vectors)
{
    catalog::Statement st(m_db, "INSERT OR REPLACE INTO embeddings (product_id, kind, model_hash, content_hash, tokens, dim, vectors) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, productId).bind(2, kindName(kind)).bind(3, modelHash).bind(4, contentHash).bind(5, tokens).bind(6, dim);
    st.bindBlob(7, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(vectors),
                                                 static_cast<std::size_t>(tokens) * dim * sizeof(float)));
    st.exec();
}

bool EmbeddingStore::remove(EmbeddingKind kind, std::int64_t productId)
{
    catalog::Statement st(m_db, "DELETE FROM embeddings WHERE product_id = ?1 AND kind = ?2");
    st.bind(1, productId).bind(2, kindName(kind));
    st.exec();
    return m_db.changes() > 0;
}

std::vector<EmbeddingKey> EmbeddingStore::keys(EmbeddingKind kind, const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT product_id, content_hash FROM embeddings WHERE kind = ?1 AND model_hash = ?2 "
                                "ORDER BY product_id");
    st.bind(1, kindName(kind)).bind(2, modelHash);
    std::vector<EmbeddingKey> out;
    while (st.step())
        out.push_back({st.getInt(0), st.getText(1)});
    return out;
}

std::int64_t EmbeddingStore::count(EmbeddingKind kind, const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT count(*) FROM embeddings WHERE kind = ?1 AND model_hash = ?2");
    st.bind(1, kindName(kind)).bind(2, modelHash);
    return st.step() ? st.getInt(0) : 0;
}

Digest EmbeddingStore::fingerprint(EmbeddingKind kind, const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT product_id, content_hash FROM embeddings WHERE kind = ?1 AND model_hash = ?2 "
                                "ORDER BY product_id");
    st.bind(1, kindName(kind)).bind(2, modelHash);
    FingerprintBuilder fp;
    while (st.step())
        fp.add(st.getInt(0), contentDigest(st.getText(1)));
    return fp.finish();
}

int EmbeddingStore::dimension(EmbeddingKind kind, const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT dim FROM embeddings WHERE kind = ?1 AND model_hash = ?2 LIMIT 1");
    st.bind(1, kindName(kind)).bind(2, modelHash);
    return st.step() ? static_cast<int>(st.getInt(0)) : 0;
}

std::vector<std::string> EmbeddingStore::models()
{
    catalog::Statement st(m_db, "SELECT model_hash FROM embeddings GROUP BY model_hash ORDER BY count(*) DESC");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.getText(0));
    return out;
}

std::vector<std::string> EmbeddingStore::otherModels(const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT DISTINCT model_hash FROM embeddings WHERE model_hash <> ?1");
    st.bind(1, modelHash);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.getText(0));
    return out;
}

std::int64_t EmbeddingStore::removeOtherModels(const std::string& modelHash)
{
    catalog::Statement st(m_db, "DELETE FROM embeddings WHERE model_hash <> ?1");
    st.bind(1, modelHash);
    st.exec();
    return m_db.changes();
}

std::optional<EmbeddingRow> EmbeddingStore::get(EmbeddingKind kind, std::int64_t productId, const std::string& modelHash)
{
    catalog::Statement st(m_db, "SELECT product_id, content_hash, tokens, dim, vectors FROM embeddings "
                                "WHERE product_id = ?1 AND kind = ?2 AND model_hash = ?3");
    st.bind(1, productId).bind(2, kindName(kind)).bind(3, modelHash);
    if (!st.step())
        return std::nullopt;
    return readRow(st, kindName(kind));
}

void EmbeddingStore::forEach(EmbeddingKind kind, const std::string& modelHash,
                             const std::function<void(EmbeddingRow&&)>& fn, const std::vector<std::int64_t>* ids)
{
    if (ids) {
        catalog::Statement st(m_db, "SELECT product_id, content_hash, tokens, dim, vectors FROM embeddings "
                                    "WHERE product_id = ?1 AND kind = ?2 AND model_hash = ?3");
        for (const std::int64_t id : *ids) {
            st.reset();
            st.bind(1, id).bind(2, kindName(kind)).bind(3, modelHash);
            if (st.step())
                fn(readRow(st, kindName(kind)));
        }
        return;
    }
    catalog::Statement st(m_db, "SELECT product_id, content_hash, tokens, dim, vectors FROM embeddings "
                                "WHERE kind = ?1 AND model_hash = ?2 ORDER BY product_id");
    st.bind(1, kindName(kind)).bind(2, modelHash);
    while (st.step())
        fn(readRow(st, kindName(kind)));
}

} // namespace uf::search
