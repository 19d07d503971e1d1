#include "search/SearchIndex.h"

#include "common/Error.h"
#include "search/Scoring.h"
#include "search/TokenStore.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace uf::search {

namespace {

constexpr std::size_t kBatchChunk = 2048; // products per exclusive-lock section while building

std::uint64_t labelOf(std::uint32_t slot, int row)
{
    return static_cast<std::uint64_t>(slot) * kMaxRows + static_cast<std::uint64_t>(row);
}

std::uint32_t slotOfLabel(std::uint64_t label) { return static_cast<std::uint32_t>(label / kMaxRows); }

bool betterFirst(const ScoredProduct& a, const ScoredProduct& b)
{
    return a.score != b.score ? a.score > b.score : a.productId < b.productId;
}

// Keeps the k best (score, product) pairs.
class BestK {
public:
    explicit BestK(std::size_t k) : m_k(k) {}
    void push(std::int64_t pid, float score)
    {
        if (m_k == 0)
            return;
        const ScoredProduct s{pid, score};
        if (m_items.size() < m_k) {
            m_items.push_back(s);
            std::push_heap(m_items.begin(), m_items.end(), betterFirst);
        } else if (betterFirst(s, m_items.front())) {
            std::pop_heap(m_items.begin(), m_items.end(), betterFirst);
            m_items.back() = s;
            std::push_heap(m_items.begin(), m_items.end(), betterFirst);
        }
    }
    void merge(const BestK& other)
    {
        for (const auto& s : other.m_items)
            push(s.productId, s.score);
    }
    std::vector<ScoredProduct> take()
    {
        std::sort(m_items.begin(), m_items.end(), betterFirst);
        return std::move(m_items);
    }

private:
    std::size_t m_k;
    std::vector<ScoredProduct> m_items; // heap whose front is the worst kept
};

} // namespace

ProductSet::ProductSet(std::vector<std::int64_t> ids) : m_ids(std::move(ids))
{
    std::sort(m_ids.begin(), m_ids.end());
    m_ids.erase(std::unique(m_ids.begin(), m_ids.end()), m_ids.end());
}

bool ProductSet::contains(std::int64_t id) const { return std::binary_search(m_ids.begin(), m_ids.end(), id); }

// ---------------------------------------------------------------------------------------------

SearchIndex::SearchIndex(int dim, std::string modelHash, SearchParams params)
    : m_dim(dim), m_modelHash(std::move(modelHash)), m_params(params)
{
    m_store = std::make_unique<TokenStore>(dim, m_modelHash);
    m_graph = std::make_unique<VectorIndex>(dim, m_modelHash, params.hnsw);
    if (params.routing != 1)
        m_means = std::make_unique<VectorIndex>(dim, m_modelHash, params.hnsw);
}

SearchIndex::~SearchIndex() = default;

int SearchIndex::routingCount(int rows) const
{
    return (m_params.routing <= 0 || m_params.routing >= rows) ? rows : m_params.routing;
}

Digest SearchIndex::slotTableTag() const
{
    // Graph labels name slots; the two files belong together only if their slot tables agree.
    Sha256Stream h;
    const std::uint32_t routing = static_cast<std::uint32_t>(std::max(m_params.routing, 0));
    h.update(&routing, sizeof routing);
    for (std::size_t s = 0; s < m_store->slots(); ++s) {
        const TokenItem& it = m_store->item(static_cast<std::uint32_t>(s));
        const std::uint8_t deleted = it.deleted ? 1 : 0;
        h.update(&it.productId, sizeof it.productId);
        h.update(&it.rows, sizeof it.rows);
        h.update(&deleted, 1);
    }
    return h.finish();
}

bool SearchIndex::filesExist(const fs::path& dir, const std::string& name)
{
    return fs::exists(graphFile(dir, name)) || fs::exists(tokensFile(dir, name)) || fs::exists(meanGraphFile(dir, name));
}

void SearchIndex::removeFiles(const fs::path& dir, const std::string& name)
{
    std::error_code ec;
    fs::remove(graphFile(dir, name), ec);
    fs::remove(tokensFile(dir, name), ec);
    fs::remove(meanGraphFile(dir, name), ec);
}

void SearchIndex::save(const fs::path& dir, const std::string& name) const
{
    std::shared_lock lock(m_mutex);
    const Digest tag = slotTableTag();
    // Tokens first, graph second: a crash between the two renames leaves a pair whose tags differ,
    // which open() reports, and the caller rebuilds.
    m_store->save(tokensFile(dir, name), tag,
                  {static_cast<std::uint32_t>(std::max(m_params.routing, 0)), static_cast<std::uint32_t>(kMaxRows), 0, 0});
    if (m_means)
        m_means->save(meanGraphFile(dir, name), tag);
    else
        fs::remove(meanGraphFile(dir, name));
    m_graph->save(graphFile(dir, name), tag);
}

std::unique_ptr<SearchIndex> SearchIndex::open(const fs::path& dir, const std::string& name,
                                               const SearchIndexExpectation& expect, const SearchParams& params)
{
    TokenStoreExpectation storeExpect;
    storeExpect.dim = expect.dim;
    storeExpect.modelHash = expect.modelHash;
    storeExpect.count = expect.count;
    storeExpect.fingerprint = expect.fingerprint;
    auto opened = TokenStore::open(tokensFile(dir, name), storeExpect, params.threads);
    if (opened.params[1] != static_cast<std::uint32_t>(kMaxRows))
        throw IndexCorruptError("Index file '" + tokensFile(dir, name).string() + "' uses another label layout");

    SearchParams effective = params;
    effective.routing = static_cast<int>(opened.params[0]); // a property of the built graph
    auto index = std::unique_ptr<SearchIndex>(new SearchIndex(opened.store->dim(), opened.store->modelHash(), effective));
    index->m_store = std::move(opened.store);
    if (index->slotTableTag() != opened.tag)
        throw IndexCorruptError("Index file '" + tokensFile(dir, name).string() + "' is damaged (slot table mismatch)");

    std::uint64_t routingVectors = 0;
    for (std::size_t s = 0; s < index->m_store->slots(); ++s) {
        const TokenItem& it = index->m_store->item(static_cast<std::uint32_t>(s));
        if (!it.deleted)
            routingVectors += static_cast<std::uint64_t>(index->routingCount(static_cast<int>(it.rows)));
    }
    VectorIndexExpectation graphExpect;
    graphExpect.dim = index->m_dim;
    graphExpect.modelHash = index->m_modelHash;
    graphExpect.count = routingVectors;
    graphExpect.tag = opened.tag;
    index->m_graph = VectorIndex::open(graphFile(dir, name), graphExpect, params.hnsw.efSearch, params.threads);
    if (effective.routing != 1) {
        graphExpect.count = index->m_store->live();
        index->m_means = VectorIndex::open(meanGraphFile(dir, name), graphExpect, params.hnsw.efSearch, params.threads);
    }
    // Every live graph label must point at a live slot with that many rows.
    auto checkLabels = [&](const VectorIndex& graph, const fs::path& file, bool means) {
        for (const std::uint64_t label : graph.labels()) {
            const std::uint32_t slot = slotOfLabel(label);
            const int row = static_cast<int>(label % kMaxRows);
            if (slot >= index->m_store->slots() || index->m_store->item(slot).deleted
                || row >= (means ? 1 : index->routingCount(static_cast<int>(index->m_store->item(slot).rows))))
                throw IndexCorruptError("Index file '" + file.string() + "' does not match its token file (label "
                                        + std::to_string(label) + ")");
        }
    };
    checkLabels(*index->m_graph, graphFile(dir, name), false);
    if (index->m_means)
        checkLabels(*index->m_means, meanGraphFile(dir, name), true);
    return index;
}

// ---------------------------------------------------------------------------------------------
// Changes

void SearchIndex::removeLocked(std::int64_t productId)
{
    const auto slot = m_store->slotOf(productId);
    if (!slot)
        return;
    const int n = routingCount(static_cast<int>(m_store->item(*slot).rows));
    for (int r = 0; r < n; ++r)
        m_graph->markDeleted(labelOf(*slot, r));
    if (m_means)
        m_means->markDeleted(labelOf(*slot, 0));
    m_store->remove(productId);
}

void SearchIndex::upsert(const ProductVectors& product)
{
    upsertBatch({product});
}

bool SearchIndex::upsertBatch(const std::vector<ProductVectors>& products, const ProgressFn& progress)
{
    const std::size_t d = static_cast<std::size_t>(m_dim);
    for (const auto& p : products)
        if (p.rows <= 0 || p.rows > kMaxRows || p.data.size() != static_cast<std::size_t>(p.rows) * d)
            throw BadInputError("Embedding of product " + std::to_string(p.productId) + " has the wrong shape ("
                                + std::to_string(p.data.size()) + " values for " + std::to_string(p.rows) + " x "
                                + std::to_string(m_dim) + ")");
    // A product named twice in one batch: its last version wins (an earlier one would leave graph
    // entries behind for a slot that is already dead).
    std::vector<bool> superseded(products.size(), false);
    {
        std::unordered_map<std::int64_t, std::size_t> last;
        last.reserve(products.size());
        for (std::size_t i = 0; i < products.size(); ++i) {
            const auto [it, inserted] = last.emplace(products[i].productId, i);
            if (!inserted) {
                superseded[it->second] = true;
                it->second = i;
            }
        }
    }
    for (std::size_t begin = 0; begin < products.size(); begin += kBatchChunk) {
        const std::size_t end = std::min(products.size(), begin + kBatchChunk);
        // Routing vectors are computed before taking the lock: searches keep running meanwhile.
        std::vector<std::vector<float>> routing(end - begin);
        std::size_t totalRouting = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (superseded[i])
                continue;
            routing[i - begin] = routingVectors(products[i].data.data(), products[i].rows, m_dim, m_params.routing);
            totalRouting += routing[i - begin].size() / d;
        }
        std::vector<std::uint64_t> labels, meanLabels;
        std::vector<float> vectors, means;
        labels.reserve(totalRouting);
        vectors.reserve(totalRouting * d);
        if (m_means) {
            meanLabels.reserve(end - begin);
            means.reserve((end - begin) * d);
            for (std::size_t i = begin; i < end; ++i) {
                if (superseded[i])
                    continue;
                const auto mean = pooledVector(products[i].data.data(), products[i].rows, m_dim);
                means.insert(means.end(), mean.begin(), mean.end());
            }
        }
        std::unique_lock lock(m_mutex);
        m_store->reserve(end - begin, 0);
        for (std::size_t i = begin; i < end; ++i) {
            if (superseded[i])
                continue;
            const ProductVectors& p = products[i];
            removeLocked(p.productId);
            const std::uint32_t slot = m_store->add(p.productId, p.contentHash, p.data.data(), p.rows);
            const auto& rv = routing[i - begin];
            const int n = static_cast<int>(rv.size() / d);
            for (int r = 0; r < n; ++r)
                labels.push_back(labelOf(slot, r));
            vectors.insert(vectors.end(), rv.begin(), rv.end());
            if (m_means)
                meanLabels.push_back(labelOf(slot, 0));
        }
        m_graph->addBatch(labels.data(), vectors.data(), labels.size(), m_params.threads);
        if (m_means)
            m_means->addBatch(meanLabels.data(), means.data(), meanLabels.size(), m_params.threads);
        lock.unlock();
        if (!reportProgress(progress, static_cast<std::int64_t>(end), static_cast<std::int64_t>(products.size())))
            return false;
    }
    return true;
}

bool SearchIndex::remove(std::int64_t productId)
{
    std::unique_lock lock(m_mutex);
    if (!m_store->slotOf(productId))
        return false;
    removeLocked(productId);
    return true;
}

bool SearchIndex::needsCompaction() const
{
    std::shared_lock lock(m_mutex);
    const std::size_t slots = m_store->slots();
    return slots > 0 && static_cast<double>(m_store->deletedSlots()) > m_params.compactDeletedShare * static_cast<double>(slots);
}

std::unique_ptr<SearchIndex> SearchIndex::compacted(const ProgressFn& progress) const
{
    std::vector<ProductVectors> live;
    {
        std::shared_lock lock(m_mutex);
        live.reserve(m_store->live());
        for (const auto& [pid, hash] : m_store->liveItems()) {
            const std::uint32_t slot = *m_store->slotOf(pid);
            const TokenItem& it = m_store->item(slot);
            ProductVectors p;
            p.productId = pid;
            p.contentHash = hash;
            p.rows = static_cast<int>(it.rows);
            const float* rows = m_store->rowsOf(slot);
            p.data.assign(rows, rows + static_cast<std::size_t>(it.rows) * m_dim);
            live.push_back(std::move(p));
        }
    }
    auto fresh = std::make_unique<SearchIndex>(m_dim, m_modelHash, m_params);
    if (!fresh->upsertBatch(live, progress))
        return nullptr;
    return fresh;
}

// ---------------------------------------------------------------------------------------------
// Searching

std::vector<std::uint32_t> SearchIndex::annSlotsLocked(const float* queries, int queryCount, std::size_t n,
                                                      const ProductSet* allowed, SearchStats* stats) const
{
    std::vector<float> pooled;
    const float* q = queries;
    if (queryCount > 1) {
        pooled = pooledVector(queries, queryCount, m_dim);
        q = pooled.data();
    }
    LabelFilter filter;
    if (allowed)
        filter = [this, allowed](std::uint64_t label) {
            return allowed->contains(m_store->item(slotOfLabel(label)).productId);
        };
    // A product contributes several routing vectors; fetch more than n to see n distinct products.
    const VectorIndex& graph = graphFor(queryCount);
    const std::size_t live = m_store->live();
    const std::size_t perProduct = (m_params.routing == 1 || &graph == m_means.get()) ? 1 : 2;
    std::size_t fetch = std::max<std::size_t>(n * perProduct, static_cast<std::size_t>(m_params.hnsw.efSearch));
    std::vector<std::uint32_t> slots;
    for (int round = 0; round < 4; ++round) {
        const auto hits = graph.search(q, fetch, filter, fetch);
        if (stats)
            stats->annFetched += hits.size();
        slots.clear();
        std::unordered_set<std::uint32_t> seen;
        seen.reserve(hits.size());
        for (const auto& h : hits) {
            const std::uint32_t slot = slotOfLabel(h.label);
            if (!m_store->item(slot).deleted && seen.insert(slot).second)
                slots.push_back(slot);
        }
        if (slots.size() >= std::min(n, live) || hits.size() < fetch)
            break;
        fetch *= 2;
    }
    if (slots.size() > n)
        slots.resize(n);
    return slots;
}

std::vector<ScoredProduct> SearchIndex::rankSlotsLocked(const float* queries, int queryCount,
                                                        const std::vector<std::uint32_t>& slots, std::size_t k) const
{
    BestK best(k);
    for (const std::uint32_t slot : slots) {
        const TokenItem& it = m_store->item(slot);
        best.push(it.productId,
                  multiMaxSim(queries, queryCount, m_store->rowsOf(slot), static_cast<int>(it.rows), m_dim));
    }
    return best.take();
}

std::vector<ScoredProduct> SearchIndex::exactLocked(const float* queries, int queryCount, std::size_t k,
                                                    const ProductSet* allowed) const
{
    std::vector<std::uint32_t> slots;
    if (allowed) {
        slots.reserve(allowed->size());
        for (const std::int64_t pid : allowed->ids())
            if (const auto slot = m_store->slotOf(pid))
                slots.push_back(*slot);
    } else {
        slots.reserve(m_store->live());
        for (std::size_t s = 0; s < m_store->slots(); ++s)
            if (!m_store->item(static_cast<std::uint32_t>(s)).deleted)
                slots.push_back(static_cast<std::uint32_t>(s));
    }
    const int threads = slots.size() > 20000 ? std::max(1, m_params.threads) : 1;
    std::vector<BestK> partial(static_cast<std::size_t>(threads), BestK(k));
    auto work = [&](int t) {
        for (std::size_t i = static_cast<std::size_t>(t); i < slots.size(); i += static_cast<std::size_t>(threads)) {
            const TokenItem& it = m_store->item(slots[i]);
            partial[t].push(it.productId, multiMaxSim(queries, queryCount, m_store->rowsOf(slots[i]),
                                                      static_cast<int>(it.rows), m_dim));
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool)
        th.join();
    for (int t = 1; t < threads; ++t)
        partial[0].merge(partial[t]);
    return partial[0].take();
}

std::vector<ScoredProduct> SearchIndex::search(const float* queries, int queryCount, std::size_t k,
                                               const ProductSet* allowed, SearchStats* stats) const
{
    std::shared_lock lock(m_mutex);
    const std::size_t live = m_store->live();
    if (k == 0 || live == 0 || queryCount <= 0)
        return {};
    const bool selective = allowed
        && (allowed->size() <= m_params.exactMaxProducts
            || static_cast<double>(allowed->size()) <= m_params.exactShare * static_cast<double>(live));
    if (!selective) {
        std::size_t want = std::max<std::size_t>(static_cast<std::size_t>(m_params.candidates), 2 * k);
        if (queryCount > 1)
            want *= static_cast<std::size_t>(std::max(1, m_params.photoCandidateFactor));
        const auto slots = annSlotsLocked(queries, queryCount, want, allowed, stats);
        auto ranked = rankSlotsLocked(queries, queryCount, slots, k);
        if (stats)
            stats->candidates = slots.size();
        // The graph found fewer than k: only an exact scan can say whether more products match.
        if (ranked.size() >= std::min(k, live))
            return ranked;
    }
    if (stats) {
        stats->exact = true;
        stats->candidates = allowed ? allowed->size() : live;
    }
    return exactLocked(queries, queryCount, k, allowed);
}

std::vector<ScoredProduct> SearchIndex::exactSearch(const float* queries, int queryCount, std::size_t k,
                                                    const ProductSet* allowed) const
{
    std::shared_lock lock(m_mutex);
    if (queryCount <= 0)
        return {};
    return exactLocked(queries, queryCount, k, allowed);
}

std::vector<std::int64_t> SearchIndex::annCandidates(const float* queries, int queryCount, std::size_t n,
                                                     const ProductSet* allowed) const
{
    std::shared_lock lock(m_mutex);
    std::vector<std::int64_t> out;
    if (m_store->live() == 0 || queryCount <= 0)
        return out;
    for (const std::uint32_t slot : annSlotsLocked(queries, queryCount, n, allowed, nullptr))
        out.push_back(m_store->item(slot).productId);
    return out;
}

std::optional<float> SearchIndex::score(const float* queries, int queryCount, std::int64_t productId) const
{
    std::shared_lock lock(m_mutex);
    const auto slot = m_store->slotOf(productId);
    if (!slot)
        return std::nullopt;
    const TokenItem& it = m_store->item(*slot);
    return multiMaxSim(queries, queryCount, m_store->rowsOf(*slot), static_cast<int>(it.rows), m_dim);
}

bool SearchIndex::vectorsOf(std::int64_t productId, std::vector<float>& out, int& rows) const
{
    std::shared_lock lock(m_mutex);
    const auto slot = m_store->slotOf(productId);
    if (!slot)
        return false;
    const TokenItem& it = m_store->item(*slot);
    rows = static_cast<int>(it.rows);
    const float* data = m_store->rowsOf(*slot);
    out.assign(data, data + static_cast<std::size_t>(rows) * m_dim);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Introspection

bool SearchIndex::contains(std::int64_t productId) const
{
    std::shared_lock lock(m_mutex);
    return m_store->slotOf(productId).has_value();
}

std::optional<Digest> SearchIndex::contentHash(std::int64_t productId) const
{
    std::shared_lock lock(m_mutex);
    const auto slot = m_store->slotOf(productId);
    if (!slot)
        return std::nullopt;
    return m_store->item(*slot).contentHash;
}

std::vector<std::pair<std::int64_t, Digest>> SearchIndex::items() const
{
    std::shared_lock lock(m_mutex);
    return m_store->liveItems();
}

std::vector<std::int64_t> SearchIndex::productIds() const
{
    std::vector<std::int64_t> out;
    for (const auto& [pid, hash] : items())
        out.push_back(pid);
    return out;
}

std::size_t SearchIndex::size() const
{
    std::shared_lock lock(m_mutex);
    return m_store->live();
}

std::size_t SearchIndex::deletedSlots() const
{
    std::shared_lock lock(m_mutex);
    return m_store->deletedSlots();
}

Digest SearchIndex::fingerprint() const
{
    std::shared_lock lock(m_mutex);
    return m_store->fingerprint();
}

std::size_t SearchIndex::memoryBytes() const
{
    std::shared_lock lock(m_mutex);
    return m_store->memoryBytes() + m_graph->memoryBytes() + (m_means ? m_means->memoryBytes() : 0);
}

void SearchIndex::setEfSearch(int ef)
{
    std::unique_lock lock(m_mutex);
    m_params.hnsw.efSearch = std::max(1, ef);
    m_graph->setEfSearch(m_params.hnsw.efSearch);
    if (m_means)
        m_means->setEfSearch(m_params.hnsw.efSearch);
}

void SearchIndex::setSearchParams(int efSearch, int candidates)
{
    std::unique_lock lock(m_mutex);
    m_params.hnsw.efSearch = std::max(1, efSearch);
    m_params.candidates = std::max(1, candidates);
    m_graph->setEfSearch(m_params.hnsw.efSearch);
    if (m_means)
        m_means->setEfSearch(m_params.hnsw.efSearch);
}

// ---------------------------------------------------------------------------------------------

std::vector<ScoredProduct> composedSearch(const SearchIndex& images, const SearchIndex* texts, const float* query,
                                          std::size_t k, float textWeight, const ProductSet* allowed, SearchStats* stats)
{
    textWeight = std::clamp(textWeight, 0.f, 1.f);
    if (!texts || texts->size() == 0 || textWeight == 0.f)
        return images.search(query, 1, k, allowed, stats);
    auto combined = [&](std::int64_t pid) -> std::optional<float> {
        const auto si = images.score(query, 1, pid);
        const auto st = texts->score(query, 1, pid);
        if (si && st)
            return (1.f - textWeight) * *si + textWeight * *st;
        if (si)
            return *si;
        return st;
    };
    const std::size_t live = std::max(images.size(), texts->size());
    const auto& p = images.params();
    const bool selective = allowed
        && (allowed->size() <= p.exactMaxProducts
            || static_cast<double>(allowed->size()) <= p.exactShare * static_cast<double>(live));
    BestK best(k);
    std::size_t scored = 0;
    if (!selective) {
        const std::size_t want = std::max<std::size_t>(static_cast<std::size_t>(p.candidates), 2 * k);
        std::vector<std::int64_t> pids = images.annCandidates(query, 1, want, allowed);
        const auto more = texts->annCandidates(query, 1, want, allowed);
        pids.insert(pids.end(), more.begin(), more.end());
        std::sort(pids.begin(), pids.end());
        pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
        for (const std::int64_t pid : pids)
            if (const auto s = combined(pid)) {
                best.push(pid, *s);
                ++scored;
            }
        if (stats)
            stats->candidates = pids.size();
        if (scored >= std::min(k, live))
            return best.take();
        best = BestK(k);
    }
    // Exact: every allowed (or every indexed) product.
    std::vector<std::int64_t> all = allowed ? allowed->ids() : images.productIds();
    if (!allowed) {
        const auto textIds = texts->productIds();
        all.insert(all.end(), textIds.begin(), textIds.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
    }
    for (const std::int64_t pid : all)
        if (const auto s = combined(pid))
            best.push(pid, *s);
    if (stats) {
        stats->exact = true;
        stats->candidates = all.size();
    }
    return best.take();
}

} // namespace uf::search
