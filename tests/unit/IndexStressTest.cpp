// Searches from several threads while another thread adds, replaces, removes and saves: no crash,
// no torn result (every answer sorted, of full length, naming only products that exist, honouring
// its filter). hnswlib alone is unsafe here (../shared/PLATFORM_NOTES.md, 8); the reader–writer
// locks make it safe. Runs clean under ThreadSanitizer (apart from lock-order reports inside
// hnswlib's insert, which never involve a search) and is meant for the ASan/UBSan preset too.
#include "TestSupport.h"

#include "search/SearchIndex.h"
#include "search/SyntheticVectors.h"
#include "search/VectorIndex.h"

#include <QtTest>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

using namespace uf;
using namespace uf::search;

namespace {

// Collects the first failure seen by any thread (QVERIFY works on the test thread only).
class Failures {
public:
    void add(const std::string& what)
    {
        std::lock_guard lock(m_mutex);
        if (m_first.empty())
            m_first = what;
        ++m_count;
    }
    int count() const { return m_count; }
    QString first() const { return QString::fromStdString(m_first); }

private:
    mutable std::mutex m_mutex;
    std::string m_first;
    std::atomic<int> m_count{0};
};

} // namespace

class IndexStressTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void searchIndexSearchesWhileWriting();
    void vectorIndexSearchesWhileAdding();
};

void IndexStressTest::searchIndexSearchesWhileWriting()
{
    SyntheticSpec spec;
    spec.tokens = 8;
    spec.dim = 32;
    spec.categories = 6;
    spec.colours = 5;
    spec.seed = 21;
    const SyntheticVectors gen(spec);
    SearchParams params;
    params.candidates = 32;
    params.hnsw.efConstruction = 64;
    params.exactMaxProducts = 50; // the filtered queries below go through the graph
    params.exactShare = 0.01;
    // One insert thread: this test is about searches against a writer. (hnswlib's own parallel
    // insert shares its level RNG between threads, which ThreadSanitizer reports as a race.)
    params.threads = 1;
    SearchIndex index(spec.dim, "model-a", params);
    {
        std::vector<ProductVectors> first;
        for (int i = 1; i <= 1000; ++i)
            first.push_back(gen.product(i));
        index.upsertBatch(first);
    }
    // Products 1..200 are never removed: a filter on them always has enough matches.
    std::vector<std::int64_t> kept;
    for (int i = 1; i <= 200; ++i)
        kept.push_back(i);
    const ProductSet allowed(kept);

    uftest::TempDir dir;
    Failures failures;
    std::atomic<bool> writing{true};
    std::atomic<long> searches{0};
    auto reader = [&](int seed) {
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
        while (writing.load()) {
            const bool photo = rng() % 2;
            const bool filtered = rng() % 3 == 0;
            std::vector<float> q = photo ? gen.photoQuery(1 + static_cast<std::int64_t>(rng() % 1000), rng() | 1)
                                         : gen.textQuery(static_cast<int>(rng() % 6), static_cast<int>(rng() % 5), rng());
            const auto hits = index.search(q.data(), photo ? spec.tokens : 1, 10, filtered ? &allowed : nullptr);
            ++searches;
            if (hits.size() != 10)
                failures.add("a search returned " + std::to_string(hits.size()) + " results");
            for (std::size_t i = 0; i < hits.size(); ++i) {
                if (hits[i].productId < 1 || hits[i].productId > 2500)
                    failures.add("unknown product " + std::to_string(hits[i].productId));
                if (filtered && !allowed.contains(hits[i].productId))
                    failures.add("a filtered search returned product " + std::to_string(hits[i].productId));
                if (i > 0 && hits[i - 1].score < hits[i].score)
                    failures.add("results out of order");
            }
        }
    };
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back(reader, t + 1);

    // The writer: new products in batches, replacements, removals, a save, a compaction.
    try {
        for (int begin = 1001; begin <= 2500; begin += 250) {
            std::vector<ProductVectors> batch;
            for (int i = begin; i < begin + 250; ++i)
                batch.push_back(gen.product(i));
            index.upsertBatch(batch);
        }
        for (int i = 300; i < 500; ++i)
            index.upsert(gen.product(i, 1));
        for (int i = 900; i < 1000; ++i)
            index.remove(i);
        index.save(dir.path(), "image");
        const auto compacted = index.compacted();
        if (!compacted || compacted->size() != index.size())
            failures.add("compaction under load lost products");
    } catch (const std::exception& e) {
        failures.add(std::string("writer: ") + e.what());
    }
    writing = false;
    for (auto& t : readers)
        t.join();

    QVERIFY2(failures.count() == 0, qPrintable(failures.first()));
    QVERIFY(searches.load() > 0);
    QCOMPARE(index.size(), std::size_t(2400));
    const auto reopened = SearchIndex::open(dir.path(), "image", {}, params);
    QCOMPARE(reopened->size(), std::size_t(2400));
    QVERIFY(reopened->fingerprint() == index.fingerprint());
}

void IndexStressTest::vectorIndexSearchesWhileAdding()
{
    constexpr int kDim = 24;
    std::mt19937_64 rng(4);
    std::normal_distribution<float> g;
    auto vec = [&] {
        std::vector<float> v(kDim);
        float n = 0;
        for (auto& x : v) {
            x = g(rng);
            n += x * x;
        }
        for (auto& x : v)
            x /= std::sqrt(n);
        return v;
    };
    VectorIndex index(kDim, "m", VectorIndexParams{8, 40, 32, 1}, 8);
    std::vector<std::vector<float>> data;
    for (int i = 0; i < 1500; ++i)
        data.push_back(vec());
    for (int i = 0; i < 200; ++i)
        index.add(static_cast<std::uint64_t>(i), data[i].data());

    Failures failures;
    std::atomic<bool> writing{true};
    auto reader = [&](int seed) {
        std::mt19937_64 local(static_cast<std::uint64_t>(seed));
        while (writing.load()) {
            const auto& q = data[local() % 200];
            const auto hits = index.search(q.data(), 5);
            if (hits.size() != 5)
                failures.add("short result");
            for (const auto& h : hits)
                if (h.label >= 1500)
                    failures.add("unknown label");
        }
    };
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back(reader, t);
    // One at a time, so the graph grows (and resizes) under the readers.
    for (int i = 200; i < 1500; ++i) {
        index.add(static_cast<std::uint64_t>(i), data[i].data());
        if (i % 7 == 0)
            index.markDeleted(static_cast<std::uint64_t>(i - 1));
    }
    writing = false;
    for (auto& t : readers)
        t.join();
    QVERIFY2(failures.count() == 0, qPrintable(failures.first()));
    QCOMPARE(index.size() + index.deletedCount(), std::size_t(1500));
}

QTEST_GUILESS_MAIN(IndexStressTest)
#include "IndexStressTest.moc"
