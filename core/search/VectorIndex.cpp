// The only translation unit that includes hnswlib: its hnswlib.h defines non-inline functions,
// so a second includer would break the link. The payload is written and read here field by field
// in exactly hnswlib 0.6.2's saveIndex layout (so the payload alone loads with hnswlib's own
// loadIndex), but streamed into our container and read back with bounds and graph checks that
// hnswlib's loader does not make.
#include "search/VectorIndex.h"

#include "common/Error.h"
#include "search/IndexFile.h"
#include "search/SharedMutex.h"

// Debian's hnswlib 0.6.2, built with SSE, prefetches "the neighbour after the last one" of each
// link list (hnswalg.h:214, `*(datal + j + 1)`): a 4-byte read one past the end of an upper
// layer's malloc'd list. It only feeds a prefetch hint and stays inside the heap, so a normal
// build is unaffected, but AddressSanitizer rightly reports a heap-buffer-overflow on it. Under
// ASan, hnswlib's plain C++ paths are used instead (same graph, same distances, no prefetch).
#if defined(__SANITIZE_ADDRESS__)
#define NO_MANUAL_VECTORIZATION
#endif
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <queue>
#include <shared_mutex>
#include <thread>
#include <unordered_set>

namespace uf::search {

namespace {

using Hnsw = hnswlib::HierarchicalNSW<float>;
using hnswlib::labeltype;
using hnswlib::linklistsizeint;
using hnswlib::tableint;

// Marks the payload layout this code reads and writes (hnswlib 0.6.2).
constexpr std::uint32_t kPayloadLayout = 0x000602;

float dot(const float* a, const float* b, int dim)
{
    float s = 0.f;
    for (int i = 0; i < dim; ++i)
        s += a[i] * b[i];
    return s;
}

struct MinFirst {
    bool operator()(const VectorHit& a, const VectorHit& b) const { return a.score > b.score; }
};

// Keeps the best k hits; ties broken by label so results are deterministic.
class TopK {
public:
    explicit TopK(std::size_t k) : m_k(k) {}
    void push(std::uint64_t label, float score)
    {
        if (m_k == 0)
            return;
        if (m_heap.size() < m_k) {
            m_heap.push({label, score});
        } else if (score > m_heap.top().score) {
            m_heap.pop();
            m_heap.push({label, score});
        }
    }
    std::vector<VectorHit> take()
    {
        std::vector<VectorHit> out;
        out.reserve(m_heap.size());
        while (!m_heap.empty()) {
            out.push_back(m_heap.top());
            m_heap.pop();
        }
        std::sort(out.begin(), out.end(), [](const VectorHit& a, const VectorHit& b) {
            return a.score != b.score ? a.score > b.score : a.label < b.label;
        });
        return out;
    }

private:
    std::size_t m_k;
    std::priority_queue<VectorHit, std::vector<VectorHit>, MinFirst> m_heap;
};

} // namespace

struct VectorIndex::Impl {
    Impl(int dim, std::string model, VectorIndexParams p)
        : space(static_cast<std::size_t>(dim)), dimension(dim), modelHash(std::move(model)), params(p)
    {
    }

    hnswlib::InnerProductSpace space; // must outlive hnsw
    int dimension;
    std::string modelHash;
    VectorIndexParams params;
    std::unique_ptr<Hnsw> hnsw;
    mutable SharedMutex mutex; // guards hnsw: shared for searches, exclusive for changes (writers first)

    void createGraph(std::size_t capacity)
    {
        hnsw = std::make_unique<Hnsw>(&space, std::max<std::size_t>(capacity, 16), static_cast<std::size_t>(params.m),
                                      static_cast<std::size_t>(params.efConstruction), params.seed);
        hnsw->setEf(static_cast<std::size_t>(params.efSearch));
    }

    // Exclusive lock held by the caller.
    void reserve(std::size_t extra)
    {
        const std::size_t need = hnsw->cur_element_count + extra;
        if (need > hnsw->max_elements_)
            hnsw->resizeIndex(std::max(need, hnsw->max_elements_ + hnsw->max_elements_ / 2));
    }

    bool isLive(tableint id) const { return !hnsw->isMarkedDeleted(id); }

    // Shared lock held by the caller.
    std::vector<VectorHit> exactScan(const float* query, std::size_t k, const LabelFilter& filter) const
    {
        TopK top(k);
        const std::size_t n = hnsw->cur_element_count;
        for (tableint id = 0; id < n; ++id) {
            if (!isLive(id))
                continue;
            const labeltype label = hnsw->getExternalLabel(id);
            if (filter && !filter(label))
                continue;
            top.push(label, dot(query, reinterpret_cast<const float*>(hnsw->getDataByInternalId(id)), dimension));
        }
        return top.take();
    }
};

VectorIndex::VectorIndex(int dim, std::string modelHash, VectorIndexParams params, std::size_t capacity)
{
    if (dim <= 0)
        throw Error("VectorIndex: dimension must be positive");
    if (params.m < 2 || params.efConstruction < 1 || params.efSearch < 1)
        throw Error("VectorIndex: invalid HNSW parameters");
    m_impl = std::make_unique<Impl>(dim, std::move(modelHash), params);
    m_impl->createGraph(capacity);
}

VectorIndex::VectorIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

VectorIndex::~VectorIndex() = default;

void VectorIndex::add(std::uint64_t label, const float* vector)
{
    std::unique_lock lock(m_impl->mutex);
    if (m_impl->hnsw->label_lookup_.count(label))
        throw Error("VectorIndex: label " + std::to_string(label) + " is already in use");
    m_impl->reserve(1);
    m_impl->hnsw->addPoint(vector, label);
}

bool VectorIndex::addBatch(const std::uint64_t* labels, const float* vectors, std::size_t n, int threads,
                           const ProgressFn& progress)
{
    std::unique_lock lock(m_impl->mutex);
    Hnsw& h = *m_impl->hnsw;
    {
        std::unordered_set<std::uint64_t> seen;
        seen.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            if (h.label_lookup_.count(labels[i]) || !seen.insert(labels[i]).second)
                throw Error("VectorIndex: label " + std::to_string(labels[i]) + " is already in use");
    }
    m_impl->reserve(n);
    const std::size_t dim = static_cast<std::size_t>(m_impl->dimension);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    // hnswlib's addPoint is safe against other addPoint calls (its own per-node locks); the
    // exclusive lock above keeps searches out meanwhile.
    auto worker = [&](bool reporter) {
        try {
            for (;;) {
                if (stop.load(std::memory_order_relaxed))
                    return;
                const std::size_t i = next.fetch_add(1);
                if (i >= n)
                    return;
                h.addPoint(vectors + i * dim, labels[i]);
                const std::size_t d = done.fetch_add(1) + 1;
                if (reporter && (d % 1024 == 0 || d == n)) {
                    if (!reportProgress(progress, static_cast<std::int64_t>(d), static_cast<std::int64_t>(n)))
                        stop = true;
                }
            }
        } catch (...) {
            std::lock_guard g(failureMutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
    };
    const int workers = std::max(1, std::min<int>(threads, static_cast<int>(n / 64) + 1));
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t)
        pool.emplace_back(worker, false);
    worker(true);
    for (auto& th : pool)
        th.join();
    if (failure)
        std::rethrow_exception(failure);
    if (done.load() == n && n % 1024 != 0)
        reportProgress(progress, static_cast<std::int64_t>(n), static_cast<std::int64_t>(n));
    return done.load() == n;
}

bool VectorIndex::markDeleted(std::uint64_t label)
{
    std::unique_lock lock(m_impl->mutex);
    Hnsw& h = *m_impl->hnsw;
    const auto it = h.label_lookup_.find(label);
    if (it == h.label_lookup_.end() || h.isMarkedDeleted(it->second))
        return false;
    h.markDeletedInternal(it->second);
    return true;
}

std::vector<VectorHit> VectorIndex::search(const float* query, std::size_t k, const LabelFilter& filter,
                                           std::size_t ef) const
{
    std::shared_lock lock(m_impl->mutex);
    const Hnsw& h = *m_impl->hnsw;
    const std::size_t live = h.cur_element_count - h.num_deleted_;
    if (k == 0 || live == 0)
        return {};
    k = std::min(k, live);
    // hnswlib's beam is a shared member; asking for more results widens it per query instead.
    const std::size_t beam = std::max(ef ? ef : static_cast<std::size_t>(m_impl->params.efSearch), k);
    std::size_t fetch = beam;
    // Past this the graph walk costs about as much as a scan; a selective filter ends up here.
    const std::size_t limit = std::max<std::size_t>(std::min(live, beam * 16), beam);
    for (;;) {
        auto queue = h.searchKnn(query, std::min(fetch, live));
        const bool exhausted = queue.size() < std::min(fetch, live) || fetch >= live;
        TopK top(k);
        std::size_t passing = 0;
        while (!queue.empty()) {
            const auto [dist, label] = queue.top();
            queue.pop();
            if (filter && !filter(label))
                continue;
            ++passing;
            top.push(label, 1.f - dist);
        }
        if (passing >= k)
            return top.take();
        // Too few passed: widen the search, and when that no longer helps, scan exactly.
        if (exhausted || fetch >= limit)
            break;
        fetch = std::min(fetch * 4, limit);
    }
    return m_impl->exactScan(query, k, filter);
}

std::vector<VectorHit> VectorIndex::exactSearch(const float* query, std::size_t k, const LabelFilter& filter) const
{
    std::shared_lock lock(m_impl->mutex);
    return m_impl->exactScan(query, k, filter);
}

bool VectorIndex::contains(std::uint64_t label) const
{
    std::shared_lock lock(m_impl->mutex);
    const auto it = m_impl->hnsw->label_lookup_.find(label);
    return it != m_impl->hnsw->label_lookup_.end() && !m_impl->hnsw->isMarkedDeleted(it->second);
}

bool VectorIndex::vectorOf(std::uint64_t label, float* out) const
{
    std::shared_lock lock(m_impl->mutex);
    const auto it = m_impl->hnsw->label_lookup_.find(label);
    if (it == m_impl->hnsw->label_lookup_.end() || m_impl->hnsw->isMarkedDeleted(it->second))
        return false;
    std::memcpy(out, m_impl->hnsw->getDataByInternalId(it->second), sizeof(float) * m_impl->dimension);
    return true;
}

std::vector<std::uint64_t> VectorIndex::labels() const
{
    std::shared_lock lock(m_impl->mutex);
    const Hnsw& h = *m_impl->hnsw;
    std::vector<std::uint64_t> out;
    out.reserve(h.cur_element_count - h.num_deleted_);
    for (tableint id = 0; id < h.cur_element_count; ++id)
        if (!h.isMarkedDeleted(id))
            out.push_back(h.getExternalLabel(id));
    return out;
}

std::size_t VectorIndex::size() const
{
    std::shared_lock lock(m_impl->mutex);
    return m_impl->hnsw->cur_element_count - m_impl->hnsw->num_deleted_;
}

std::size_t VectorIndex::deletedCount() const
{
    std::shared_lock lock(m_impl->mutex);
    return m_impl->hnsw->num_deleted_;
}

int VectorIndex::dim() const { return m_impl->dimension; }
const std::string& VectorIndex::modelHash() const { return m_impl->modelHash; }
const VectorIndexParams& VectorIndex::params() const { return m_impl->params; }

void VectorIndex::setEfSearch(int ef)
{
    std::unique_lock lock(m_impl->mutex);
    m_impl->params.efSearch = std::max(1, ef);
    m_impl->hnsw->setEf(static_cast<std::size_t>(m_impl->params.efSearch));
}

std::size_t VectorIndex::memoryBytes() const
{
    std::shared_lock lock(m_impl->mutex);
    const Hnsw& h = *m_impl->hnsw;
    std::size_t bytes = h.max_elements_ * h.size_data_per_element_;
    for (tableint id = 0; id < h.cur_element_count; ++id)
        bytes += static_cast<std::size_t>(h.element_levels_[id]) * h.size_links_per_element_;
    bytes += h.max_elements_ * (sizeof(std::mutex) + sizeof(int) + sizeof(void*));
    bytes += h.label_lookup_.size() * (sizeof(labeltype) + sizeof(tableint) + 2 * sizeof(void*));
    bytes += h.max_elements_ * sizeof(hnswlib::vl_type); // one visited list
    return bytes;
}

// ---------------------------------------------------------------------------------------------
// Persistence

void VectorIndex::save(const fs::path& file, const Digest& tag) const
{
    std::shared_lock lock(m_impl->mutex);
    const Hnsw& h = *m_impl->hnsw;
    IndexFileWriter w(file);
    w.writePod(h.offsetLevel0_);
    w.writePod(h.max_elements_);
    w.writePod(h.cur_element_count);
    w.writePod(h.size_data_per_element_);
    w.writePod(h.label_offset_);
    w.writePod(h.offsetData_);
    w.writePod(h.maxlevel_);
    w.writePod(h.enterpoint_node_);
    w.writePod(h.maxM_);
    w.writePod(h.maxM0_);
    w.writePod(h.M_);
    w.writePod(h.mult_);
    w.writePod(h.ef_construction_);
    w.write(h.data_level0_memory_, h.cur_element_count * h.size_data_per_element_);
    for (std::size_t i = 0; i < h.cur_element_count; ++i) {
        const unsigned int size =
            h.element_levels_[i] > 0 ? static_cast<unsigned int>(h.size_links_per_element_ * h.element_levels_[i]) : 0;
        w.writePod(size);
        if (size)
            w.write(h.linkLists_[i], size);
    }
    IndexFileHeader header;
    header.magic = kMagic;
    header.formatVersion = kFormatVersion;
    header.dim = static_cast<std::uint32_t>(m_impl->dimension);
    header.metric = Metric::InnerProduct;
    header.count = h.cur_element_count - h.num_deleted_;
    header.total = h.cur_element_count;
    header.modelHash = m_impl->modelHash;
    header.tag = tag;
    header.params = {static_cast<std::uint32_t>(m_impl->params.m), static_cast<std::uint32_t>(m_impl->params.efConstruction),
                     kPayloadLayout, static_cast<std::uint32_t>(m_impl->params.seed), 0, 0, 0, 0};
    w.commit(header);
}

std::unique_ptr<VectorIndex> VectorIndex::open(const fs::path& file, const VectorIndexExpectation& expect, int efSearch,
                                               int verifyThreads)
{
    IndexFileReader reader(file, kMagic, kFormatVersion, verifyThreads);
    const IndexFileHeader& head = reader.header();
    auto mismatch = [&](const std::string& what) {
        throw IndexCorruptError("Index file '" + file.string() + "' does not match the catalog: " + what);
    };
    if (expect.dim && head.dim != static_cast<std::uint32_t>(*expect.dim))
        mismatch("dimension " + std::to_string(head.dim) + ", expected " + std::to_string(*expect.dim));
    if (expect.modelHash && head.modelHash != *expect.modelHash)
        mismatch("built with model " + head.modelHash.substr(0, 12) + ", the catalog uses " + expect.modelHash->substr(0, 12));
    if (expect.count && head.count != *expect.count)
        mismatch(std::to_string(head.count) + " vectors, expected " + std::to_string(*expect.count));
    if (expect.tag && head.tag != *expect.tag)
        mismatch("it belongs to another save of the index (tag mismatch)");
    if (head.params[2] != kPayloadLayout)
        mismatch("unknown payload layout");
    if (head.dim == 0 || head.dim > 65536 || head.params[0] < 2 || head.params[0] > 1024)
        mismatch("implausible dimension or graph degree");

    VectorIndexParams params;
    params.m = static_cast<int>(head.params[0]);
    params.efConstruction = static_cast<int>(head.params[1]);
    params.seed = head.params[3];
    if (efSearch > 0)
        params.efSearch = efSearch;
    auto impl = std::make_unique<Impl>(static_cast<int>(head.dim), head.modelHash, params);

    PayloadCursor in(reader.payload(), reader.payloadSize(), file);
    const auto offsetLevel0 = in.readPod<std::size_t>();
    in.readPod<std::size_t>(); // capacity when saved; irrelevant here
    const auto count = in.readPod<std::size_t>();
    const auto sizePerElement = in.readPod<std::size_t>();
    const auto labelOffset = in.readPod<std::size_t>();
    const auto offsetData = in.readPod<std::size_t>();
    const auto maxLevel = in.readPod<int>();
    const auto enterPoint = in.readPod<tableint>();
    const auto maxM = in.readPod<std::size_t>();
    const auto maxM0 = in.readPod<std::size_t>();
    const auto m = in.readPod<std::size_t>();
    in.readPod<double>(); // mult_, derived from m
    const auto efConstruction = in.readPod<std::size_t>();

    const std::size_t dim = head.dim;
    const std::size_t linksLevel0 = maxM0 * sizeof(tableint) + sizeof(linklistsizeint);
    if (m != head.params[0] || maxM != m || maxM0 != 2 * m || offsetLevel0 != 0 || offsetData != linksLevel0
        || labelOffset != linksLevel0 + dim * sizeof(float) || sizePerElement != labelOffset + sizeof(labeltype)
        || count != head.total || efConstruction < 1 || maxLevel < -1 || maxLevel > 64
        || (count > 0 && (maxLevel < 0 || enterPoint >= count)) || count > std::numeric_limits<tableint>::max() / 2)
        in.fail("has an inconsistent graph header");
    if (count * sizePerElement > in.remaining())
        in.fail("is truncated inside its vectors");

    impl->params.efConstruction = static_cast<int>(efConstruction);
    impl->createGraph(count + count / 8 + 16);
    Hnsw& h = *impl->hnsw;
    if (h.size_data_per_element_ != sizePerElement || h.offsetData_ != offsetData || h.label_offset_ != labelOffset)
        in.fail("has a layout this build of hnswlib does not use");
    std::memcpy(h.data_level0_memory_, in.take(count * sizePerElement), count * sizePerElement);
    h.cur_element_count = count;
    h.maxlevel_ = maxLevel;
    h.enterpoint_node_ = count > 0 ? enterPoint : static_cast<tableint>(-1);
    h.label_lookup_.reserve(count);
    std::size_t deleted = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto size = in.readPod<unsigned int>();
        if (size % h.size_links_per_element_ != 0 || size / h.size_links_per_element_ > static_cast<std::size_t>(maxLevel))
            in.fail("has a damaged level list at element " + std::to_string(i));
        h.element_levels_[i] = static_cast<int>(size / h.size_links_per_element_);
        if (size) {
            h.linkLists_[i] = static_cast<char*>(std::malloc(size));
            if (!h.linkLists_[i])
                throw StorageError("Not enough memory to load '" + file.string() + "'");
            std::memcpy(h.linkLists_[i], in.take(size), size);
        } else {
            h.linkLists_[i] = nullptr;
        }
        if (!h.label_lookup_.emplace(h.getExternalLabel(static_cast<tableint>(i)), static_cast<tableint>(i)).second)
            in.fail("repeats label " + std::to_string(h.getExternalLabel(static_cast<tableint>(i))));
        if (h.isMarkedDeleted(static_cast<tableint>(i)))
            ++deleted;
    }
    if (in.remaining() != 0)
        in.fail("has trailing bytes after its graph");
    h.num_deleted_ = deleted;
    if (count - deleted != head.count)
        in.fail("holds " + std::to_string(count - deleted) + " live vectors but its header says " + std::to_string(head.count));
    // Every link must name an element that exists at that level: hnswlib follows them unchecked.
    if (count > 0 && h.element_levels_[enterPoint] != maxLevel)
        in.fail("has an entry point that is not on the top level");
    for (std::size_t i = 0; i < count; ++i) {
        for (int level = 0; level <= h.element_levels_[i]; ++level) {
            linklistsizeint* list = level == 0 ? h.get_linklist0(static_cast<tableint>(i))
                                               : h.get_linklist(static_cast<tableint>(i), level);
            const std::size_t n = h.getListCount(list);
            if (n > (level == 0 ? maxM0 : maxM))
                in.fail("has an overfull link list at element " + std::to_string(i));
            const auto* links = reinterpret_cast<const tableint*>(list + 1);
            for (std::size_t j = 0; j < n; ++j)
                if (links[j] >= count || h.element_levels_[links[j]] < level)
                    in.fail("has a link to a missing element at element " + std::to_string(i));
        }
    }
    return std::unique_ptr<VectorIndex>(new VectorIndex(std::move(impl)));
}

} // namespace uf::search
