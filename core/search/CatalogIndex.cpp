#include "search/CatalogIndex.h"

#include "catalog/Database.h"
#include "common/Error.h"
#include "search/TokenStore.h"

#include <chrono>

namespace uf::search {

namespace {

constexpr std::size_t kFetchChunk = 4096; // rows read from SQLite per upsert batch

std::string noun(EmbeddingKind kind) { return kind == EmbeddingKind::Image ? "image" : "description"; }

void say(const MessageFn& messages, const std::string& text)
{
    if (messages)
        messages(text);
}

} // namespace

CatalogIndex::CatalogIndex(fs::path dir, std::string modelHash, SearchParams params)
    : m_dir(std::move(dir)), m_modelHash(std::move(modelHash)), m_params(params)
{
}

std::size_t CatalogIndex::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const auto& k : m_kinds)
        if (k)
            bytes += k->memoryBytes();
    return bytes;
}

std::unique_ptr<CatalogIndex> CatalogIndex::load(catalog::Database& db, const fs::path& indexDir,
                                                 const std::string& modelHash, const SearchParams& params,
                                                 const MessageFn& messages, const ProgressFn& progress,
                                                 CatalogIndexReport* reportOut)
{
    const auto start = std::chrono::steady_clock::now();
    auto index = std::unique_ptr<CatalogIndex>(new CatalogIndex(indexDir, modelHash, params));
    EmbeddingStore store(db);
    CatalogIndexReport report;
    for (const EmbeddingKind kind : {EmbeddingKind::Image, EmbeddingKind::Text}) {
        const std::string name = kindName(kind);
        const std::int64_t stored = store.count(kind, modelHash);
        bool forceSave = false;
        if (SearchIndex::filesExist(indexDir, name)) {
            try {
                SearchIndexExpectation expect;
                expect.modelHash = modelHash;
                if (const int dim = store.dimension(kind, modelHash))
                    expect.dim = dim;
                index->m_kinds[static_cast<int>(kind)] = SearchIndex::open(indexDir, name, expect, params);
            } catch (const IndexCorruptError& e) {
                report.rebuilt = true;
                forceSave = true;
                say(messages, "The " + noun(kind) + " search index cannot be used: " + e.what() + ". Rebuilding it from "
                                  + std::to_string(stored) + " stored embeddings.");
            }
            if (const SearchIndex* idx = index->index(kind)) {
                const bool sameProducts = static_cast<std::int64_t>(idx->size()) == stored
                                       && idx->fingerprint() == store.fingerprint(kind, modelHash);
                if (!sameProducts)
                    say(messages, "The " + noun(kind) + " search index is behind the catalog (it holds "
                                      + std::to_string(idx->size()) + " products, the catalog has " + std::to_string(stored)
                                      + " embedded); updating it from the stored embeddings.");
            }
        } else if (stored > 0) {
            forceSave = true;
            say(messages, "Building the " + noun(kind) + " search index from " + std::to_string(stored) + " stored embeddings.");
        }
        if (!index->syncKind(db, kind, forceSave, progress, messages, report)) {
            report.cancelled = true;
            break;
        }
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (reportOut)
        *reportOut = report;
    return index;
}

CatalogIndexReport CatalogIndex::sync(catalog::Database& db, const ProgressFn& progress, const MessageFn& messages)
{
    const auto start = std::chrono::steady_clock::now();
    CatalogIndexReport report;
    for (const EmbeddingKind kind : {EmbeddingKind::Image, EmbeddingKind::Text})
        if (!syncKind(db, kind, false, progress, messages, report)) {
            report.cancelled = true;
            break;
        }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

bool CatalogIndex::syncKind(catalog::Database& db, EmbeddingKind kind, bool forceSave, const ProgressFn& progress,
                            const MessageFn& messages, CatalogIndexReport& report)
{
    const std::string name = kindName(kind);
    auto& slot = m_kinds[static_cast<int>(kind)];
    EmbeddingStore store(db);
    const auto keys = store.keys(kind, m_modelHash);
    if (keys.empty()) {
        if (slot || SearchIndex::filesExist(m_dir, name)) {
            report.removed += slot ? static_cast<std::int64_t>(slot->size()) : 0;
            report.updated = true;
            SearchIndex::removeFiles(m_dir, name);
        }
        slot.reset();
        return true;
    }
    const int dim = store.dimension(kind, m_modelHash);
    if (!slot || slot->dim() != dim || slot->modelHash() != m_modelHash)
        slot = std::make_unique<SearchIndex>(dim, m_modelHash, m_params);

    // Merge the two sorted lists: what to (re)insert and what to drop.
    const auto have = slot->items();
    std::vector<std::int64_t> fetch;
    std::vector<std::int64_t> drop;
    std::size_t i = 0, j = 0;
    while (i < keys.size() || j < have.size()) {
        if (j == have.size() || (i < keys.size() && keys[i].productId < have[j].first)) {
            fetch.push_back(keys[i].productId);
            ++report.added;
            ++i;
        } else if (i == keys.size() || have[j].first < keys[i].productId) {
            drop.push_back(have[j].first);
            ++j;
        } else {
            if (contentDigest(keys[i].contentHash) != have[j].second) {
                fetch.push_back(keys[i].productId);
                ++report.replaced;
            }
            ++i;
            ++j;
        }
    }
    for (const std::int64_t pid : drop)
        slot->remove(pid);
    report.removed += static_cast<std::int64_t>(drop.size());

    bool completed = true;
    for (std::size_t begin = 0; begin < fetch.size() && completed; begin += kFetchChunk) {
        const std::vector<std::int64_t> ids(fetch.begin() + static_cast<std::ptrdiff_t>(begin),
                                            fetch.begin() + static_cast<std::ptrdiff_t>(std::min(fetch.size(), begin + kFetchChunk)));
        std::vector<ProductVectors> batch;
        batch.reserve(ids.size());
        store.forEach(
            kind, m_modelHash,
            [&](EmbeddingRow&& row) {
                if (row.dim != dim)
                    throw StorageError("Stored " + name + " embeddings of one model have two dimensions (" + std::to_string(dim)
                                       + " and " + std::to_string(row.dim) + "). Run 'unifashion index' again.");
                ProductVectors p;
                p.productId = row.productId;
                p.contentHash = contentDigest(row.contentHash);
                p.rows = row.tokens;
                p.data = std::move(row.vectors);
                batch.push_back(std::move(p));
            },
            &ids);
        const std::size_t base = begin;
        completed = slot->upsertBatch(batch, [&](std::int64_t done, std::int64_t) {
            return reportProgress(progress, static_cast<std::int64_t>(base) + done, static_cast<std::int64_t>(fetch.size()));
        });
    }
    if (!completed)
        return false; // files stay as they were; the next load catches up

    bool changed = !fetch.empty() || !drop.empty();
    if (slot->needsCompaction()) {
        say(messages, "Compacting the " + noun(kind) + " search index (" + std::to_string(slot->deletedSlots())
                          + " replaced or removed entries).");
        auto fresh = slot->compacted(progress);
        if (!fresh)
            return false;
        slot = std::move(fresh);
        report.compacted = true;
        changed = true;
    }
    if (changed)
        report.updated = true;
    if (changed || forceSave || !SearchIndex::filesExist(m_dir, name)) {
        slot->save(m_dir, name);
        report.saved = true;
    }
    return true;
}

} // namespace uf::search
