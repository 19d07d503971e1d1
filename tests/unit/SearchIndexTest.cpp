// SearchIndex and CatalogIndex: max-over-tokens scoring through the graph matches an exact scan;
// files round-trip and a mismatched pair is refused; products are replaced, removed and compacted;
// filters of every selectivity keep k results; the catalog's index is built, updated when behind,
// and rebuilt from the stored embeddings — with a message — when a file is damaged, truncated or
// belongs to another model or dimension. Vectors are synthetic and clustered.
#include "TestSupport.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "search/CatalogIndex.h"
#include "search/EmbeddingStore.h"
#include "search/IndexFile.h"
#include "search/Scoring.h"
#include "search/SearchIndex.h"
#include "search/SyntheticVectors.h"

#include <QtTest>

#include <fstream>
#include <random>
#include <set>

using namespace uf;
using namespace uf::search;

namespace {

// "S" + std::to_string(n) trips GCC 12's -Wrestrict false positive (bug 105329).
std::string numbered(const char* prefix, long long n)
{
    return std::string(prefix).append(std::to_string(n));
}

SyntheticSpec smallSpec()
{
    SyntheticSpec s;
    s.tokens = 8;
    s.dim = 32;
    s.categories = 6;
    s.colours = 5;
    s.patterns = 3;
    s.seed = 11;
    return s;
}

SearchParams smallParams(int routing = 0)
{
    SearchParams p;
    p.routing = routing;
    p.candidates = 32;
    p.hnsw.efConstruction = 100;
    return p;
}

std::unique_ptr<SearchIndex> buildIndex(const SyntheticVectors& gen, int n, const SearchParams& p, int firstId = 1)
{
    auto index = std::make_unique<SearchIndex>(gen.spec().dim, "model-a", p);
    std::vector<ProductVectors> batch;
    for (int i = 0; i < n; ++i)
        batch.push_back(gen.product(firstId + i));
    index->upsertBatch(batch);
    return index;
}

std::vector<std::int64_t> ids(const std::vector<ScoredProduct>& r)
{
    std::vector<std::int64_t> out;
    for (const auto& s : r)
        out.push_back(s.productId);
    return out;
}

double overlap(const std::vector<ScoredProduct>& a, const std::vector<ScoredProduct>& b)
{
    std::set<std::int64_t> truth;
    for (const auto& s : b)
        truth.insert(s.productId);
    double hit = 0;
    for (const auto& s : a)
        hit += truth.count(s.productId);
    return b.empty() ? 1.0 : hit / static_cast<double>(b.size());
}

void flipByte(const std::filesystem::path& file, std::uintmax_t offset)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 1);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
}

// A catalog with products P1..Pn (no images needed) and their image embeddings stored for `model`.
struct CatalogFixture {
    uftest::TempDir dir;
    std::unique_ptr<catalog::Catalog> cat;
    SyntheticVectors gen{smallSpec()};
    std::vector<std::int64_t> productIds;

    explicit CatalogFixture(int n)
    {
        cat = std::make_unique<catalog::Catalog>(dir.path(), catalog::Catalog::OpenMode::Create);
        catalog::Transaction tx(cat->db());
        for (int i = 1; i <= n; ++i) {
            catalog::Product p;
            p.sku = numbered("P", i);
            p.title["en"] = numbered("product ", i);
            p.category = numbered("c", gen.attributes(i).category);
            cat->upsert(p);
            productIds.push_back(p.id);
        }
        tx.commit();
    }
    void store(const std::string& model, std::int64_t pid, int version = 0, int dim = 0)
    {
        EmbeddingStore s(cat->db());
        const auto v = gen.product(pid, version);
        std::vector<float> data = v.data;
        int d = gen.spec().dim;
        if (dim && dim != d) { // another dimension: truncate/pad and renormalise each row
            std::vector<float> other(static_cast<std::size_t>(v.rows) * dim, 0.f);
            for (int r = 0; r < v.rows; ++r)
                for (int j = 0; j < std::min(dim, d); ++j)
                    other[r * dim + j] = v.data[r * d + j];
            for (int r = 0; r < v.rows; ++r)
                normalizeInPlace(&other[r * dim], dim);
            data = other;
            d = dim;
        }
        s.put(EmbeddingKind::Image, pid, model, toHex(v.contentHash), v.rows, d, data.data());
    }
    void storeAll(const std::string& model, int dim = 0)
    {
        catalog::Transaction tx(cat->db());
        for (const auto pid : productIds)
            store(model, pid, 0, dim);
        tx.commit();
    }
    fs::path indexDir() const { return cat->indexDir(); }
};

struct Messages {
    QStringList lines;
    MessageFn fn()
    {
        return [this](const std::string& m) { lines << QString::fromStdString(m); };
    }
    bool any(const QString& needle) const
    {
        for (const auto& l : lines)
            if (l.contains(needle))
                return true;
        return false;
    }
};

} // namespace

class SearchIndexTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void graphSearchMatchesExactScan_data();
    void graphSearchMatchesExactScan();
    void textQueryFindsNamedAttributes();
    void saveOpenRoundTrip();
    void mismatchedFilePairIsRefused();
    void replaceRemoveCompact();
    void filtersKeepK_data();
    void filtersKeepK();
    void composedScoresImageAndDescription();
    void catalogIndexBuildsAndFollowsChanges();
    void catalogIndexRebuildsDamagedFiles_data();
    void catalogIndexRebuildsDamagedFiles();
    void catalogIndexNeverMixesModels();
};

void SearchIndexTest::graphSearchMatchesExactScan_data()
{
    // Text queries match one token: routing by every token finds them; a mean or a few centroids
    // per product save memory but lose most of them (the trade-off docs/BENCHMARKS.md measures).
    // Photo queries go through the product means in every variant.
    QTest::addColumn<int>("routing");
    QTest::addColumn<double>("minTextRecall");
    QTest::newRow("every token") << 0 << 0.95;
    QTest::newRow("mean") << 1 << 0.0;
    QTest::newRow("3 centroids") << 3 << 0.0;
}

void SearchIndexTest::graphSearchMatchesExactScan()
{
    QFETCH(int, routing);
    QFETCH(double, minTextRecall);
    const SyntheticVectors gen(smallSpec());
    const auto index = buildIndex(gen, 3000, smallParams(routing));
    QCOMPARE(index->size(), std::size_t(3000));
    std::mt19937_64 rng(3);
    double textRecall = 0, photoRecall = 0;
    constexpr int kQueries = 40;
    for (int q = 0; q < kQueries; ++q) {
        const auto t = gen.textQuery(static_cast<int>(rng() % 6), static_cast<int>(rng() % 5), rng());
        const auto ann = index->search(t.data(), 1, 10);
        const auto exact = index->exactSearch(t.data(), 1, 10);
        QCOMPARE(ann.size(), std::size_t(10));
        textRecall += overlap(ann, exact);
        // Scores are exact, not the graph's approximations.
        for (const auto& s : ann)
            QCOMPARE(s.score, *index->score(t.data(), 1, s.productId));
        const auto photo = gen.photoQuery(1 + static_cast<std::int64_t>(rng() % 3000), rng() | 1);
        photoRecall += overlap(index->search(photo.data(), 8, 10), index->exactSearch(photo.data(), 8, 10));
    }
    QVERIFY2(textRecall / kQueries >= minTextRecall, qPrintable(QString("text recall %1").arg(textRecall / kQueries)));
    QVERIFY2(photoRecall / kQueries >= 0.95, qPrintable(QString("photo recall %1").arg(photoRecall / kQueries)));
}

void SearchIndexTest::textQueryFindsNamedAttributes()
{
    // The score is the max over a product's tokens: a query aligned with one token role finds the
    // products with the named category and colour.
    const SyntheticVectors gen(smallSpec());
    const auto index = buildIndex(gen, 2000, smallParams());
    for (int c = 0; c < 3; ++c) {
        const auto q = gen.textQuery(c, c + 1, 7);
        const auto hits = index->search(q.data(), 1, 10);
        int matching = 0;
        for (const auto& h : hits) {
            const auto a = gen.attributes(h.productId);
            matching += (a.category == c && a.colour == c + 1);
        }
        QVERIFY2(matching >= 9, qPrintable(QString("%1 of 10").arg(matching)));
    }
}

void SearchIndexTest::saveOpenRoundTrip()
{
    uftest::TempDir dir;
    const SyntheticVectors gen(smallSpec());
    auto index = buildIndex(gen, 800, smallParams());
    index->remove(5);
    index->upsert(gen.product(6, 1));
    index->save(dir.path(), "image");
    SearchIndexExpectation expect;
    expect.modelHash = "model-a";
    expect.dim = 32;
    expect.count = 799;
    expect.fingerprint = index->fingerprint();
    const auto reopened = SearchIndex::open(dir.path(), "image", expect, smallParams());
    QCOMPARE(reopened->size(), std::size_t(799));
    QVERIFY(!reopened->contains(5));
    QVERIFY(*reopened->contentHash(6) == gen.product(6, 1).contentHash);
    const auto q = gen.textQuery(2, 3, 1);
    QCOMPARE(ids(reopened->search(q.data(), 1, 10)), ids(index->search(q.data(), 1, 10)));

    expect.count = 800;
    QVERIFY_THROWS_EXCEPTION(IndexCorruptError, SearchIndex::open(dir.path(), "image", expect, smallParams()));
    expect.count = 799;
    expect.fingerprint = Digest{};
    QVERIFY_THROWS_EXCEPTION(IndexCorruptError, SearchIndex::open(dir.path(), "image", expect, smallParams()));
}

void SearchIndexTest::mismatchedFilePairIsRefused()
{
    // A crash between the two renames of a save leaves a graph and a token file of different saves.
    uftest::TempDir dir;
    const SyntheticVectors gen(smallSpec());
    auto index = buildIndex(gen, 300, smallParams());
    index->save(dir.path(), "image");
    const auto olderGraph = dir / "older.hnsw";
    std::filesystem::copy_file(SearchIndex::graphFile(dir.path(), "image"), olderGraph);
    index->upsert(gen.product(1000));
    index->save(dir.path(), "image");
    std::filesystem::copy_file(olderGraph, SearchIndex::graphFile(dir.path(), "image"),
                               std::filesystem::copy_options::overwrite_existing);
    try {
        SearchIndex::open(dir.path(), "image", {}, smallParams());
        QFAIL("a mismatched pair was accepted");
    } catch (const IndexCorruptError& e) {
        QVERIFY2(QString(e.what()).contains("does not match"), e.what());
    }
}

void SearchIndexTest::replaceRemoveCompact()
{
    const SyntheticVectors gen(smallSpec());
    auto index = buildIndex(gen, 500, smallParams());
    const auto photo7 = gen.photoQuery(7, 5);
    QCOMPARE(index->search(photo7.data(), 8, 1).front().productId, std::int64_t(7));

    // Product 7 gets another photo: the old vectors no longer answer for it.
    index->upsert(gen.product(7, 3));
    const auto hits = index->search(photo7.data(), 8, 5);
    QVERIFY(hits.front().productId != 7 || hits.front().score < 0.9f);
    const auto newPhoto = gen.product(7, 3);
    QCOMPARE(index->search(newPhoto.data.data(), 8, 1).front().productId, std::int64_t(7));
    QCOMPARE(index->size(), std::size_t(500));
    QCOMPARE(index->deletedSlots(), std::size_t(1));

    QVERIFY(index->remove(8));
    QVERIFY(!index->remove(8));
    QVERIFY(!index->contains(8));
    for (const auto& h : index->search(gen.photoQuery(8, 2).data(), 8, 20))
        QVERIFY(h.productId != 8);

    // Replace a quarter: past the 20 % share, compaction gives an index without dead entries.
    QVERIFY(!index->needsCompaction());
    for (int i = 100; i < 230; ++i)
        index->upsert(gen.product(i, 1));
    QVERIFY(index->needsCompaction());
    const auto fresh = index->compacted();
    QVERIFY(fresh);
    QCOMPARE(fresh->size(), index->size());
    QCOMPARE(fresh->deletedSlots(), std::size_t(0));
    QVERIFY(fresh->fingerprint() == index->fingerprint());
    const auto q = gen.textQuery(1, 1, 2);
    QCOMPARE(ids(fresh->exactSearch(q.data(), 1, 10)), ids(index->exactSearch(q.data(), 1, 10)));
}

void SearchIndexTest::filtersKeepK_data()
{
    QTest::addColumn<int>("allowedCount");
    QTest::addColumn<int>("expected");
    QTest::newRow("fewer than k") << 4 << 4;
    QTest::newRow("selective: exact scan") << 40 << 10;
    QTest::newRow("broad: graph with filter") << 900 << 10;
    QTest::newRow("two thirds") << 2000 << 10;
}

void SearchIndexTest::filtersKeepK()
{
    QFETCH(int, allowedCount);
    QFETCH(int, expected);
    const SyntheticVectors gen(smallSpec());
    SearchParams p = smallParams();
    p.exactMaxProducts = 50; // so that the broad filters go through the graph
    p.exactShare = 0.01;
    const auto index = buildIndex(gen, 3000, p);
    std::mt19937_64 rng(static_cast<std::uint64_t>(allowedCount));
    std::vector<std::int64_t> allowedIds;
    while (static_cast<int>(allowedIds.size()) < allowedCount) {
        const std::int64_t id = 1 + static_cast<std::int64_t>(rng() % 3000);
        if (std::find(allowedIds.begin(), allowedIds.end(), id) == allowedIds.end())
            allowedIds.push_back(id);
    }
    allowedIds.push_back(999999); // not indexed: must not count
    const ProductSet allowed(allowedIds);
    for (int q = 0; q < 10; ++q) {
        const auto t = gen.textQuery(q % 6, q % 5, static_cast<std::uint64_t>(q));
        SearchStats stats;
        const auto hits = index->search(t.data(), 1, 10, &allowed, &stats);
        QCOMPARE(static_cast<int>(hits.size()), expected);
        for (const auto& h : hits)
            QVERIFY(allowed.contains(h.productId));
        const auto exact = index->exactSearch(t.data(), 1, 10, &allowed);
        if (allowedCount <= 50)
            QCOMPARE(ids(hits), ids(exact));
        else
            QVERIFY(overlap(hits, exact) >= 0.8);
        QCOMPARE(stats.exact, allowedCount <= 50);
    }
}

void SearchIndexTest::composedScoresImageAndDescription()
{
    const SyntheticVectors gen(smallSpec());
    auto images = buildIndex(gen, 600, smallParams());
    // Descriptions: one vector per product (its token 0), a second kind of evidence.
    SearchIndex texts(32, "model-a", smallParams());
    std::vector<ProductVectors> descriptions;
    for (int i = 1; i <= 600; ++i) {
        auto p = gen.product(i);
        p.rows = 1;
        p.data.resize(32);
        descriptions.push_back(std::move(p));
    }
    texts.upsertBatch(descriptions);
    const auto q = gen.textQuery(4, 2, 9);
    const float w = 0.3f;
    const auto hits = composedSearch(*images, &texts, q.data(), 10, w);
    QCOMPARE(hits.size(), std::size_t(10));
    // Each score is the weighted sum of the exact parts.
    for (const auto& h : hits) {
        const float expected = (1 - w) * *images->score(q.data(), 1, h.productId) + w * *texts.score(q.data(), 1, h.productId);
        QVERIFY(std::abs(h.score - expected) < 1e-5f);
    }
    // Against an exhaustive evaluation of the same formula.
    std::vector<ScoredProduct> all;
    for (int i = 1; i <= 600; ++i)
        all.push_back({i, (1 - w) * *images->score(q.data(), 1, i) + w * *texts.score(q.data(), 1, i)});
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    all.resize(10);
    QVERIFY(overlap(hits, all) >= 0.9);
    // Weight 0 is image-only search.
    QCOMPARE(ids(composedSearch(*images, &texts, q.data(), 10, 0.f)), ids(images->search(q.data(), 1, 10)));
}

void SearchIndexTest::catalogIndexBuildsAndFollowsChanges()
{
    CatalogFixture f(400);
    f.storeAll("model-a");
    Messages m;
    CatalogIndexReport report;
    auto index = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), m.fn(), {}, &report);
    QVERIFY(m.any("Building the image search index from 400"));
    QVERIFY(report.saved);
    QVERIFY(index->images());
    QVERIFY(!index->texts()); // no description embeddings stored
    QCOMPARE(index->images()->size(), std::size_t(400));
    QVERIFY(SearchIndex::filesExist(f.indexDir(), "image"));

    // Unchanged: opens without messages or writes.
    Messages quiet;
    auto again = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), quiet.fn(), {}, &report);
    QVERIFY2(quiet.lines.isEmpty(), qPrintable(quiet.lines.join("\n")));
    QVERIFY(!report.saved);

    // Changed, added, removed: another photo for product 3, product 401 new, product 4 deleted.
    const std::int64_t p3 = f.productIds[2], p4 = f.productIds[3];
    catalog::Product extra;
    extra.sku = "P401";
    extra.category = "c1";
    f.cat->upsert(extra);
    {
        catalog::Transaction tx(f.cat->db());
        f.store("model-a", p3, 2);
        f.store("model-a", extra.id);
        tx.commit();
    }
    QVERIFY(f.cat->remove("P4")); // its embeddings go with it (ON DELETE CASCADE)
    const auto r = again->sync(f.cat->db());
    QCOMPARE(r.added, std::int64_t(1));
    QCOMPARE(r.replaced, std::int64_t(1));
    QCOMPARE(r.removed, std::int64_t(1));
    QVERIFY(r.saved);
    QVERIFY(!again->images()->contains(p4));
    QVERIFY(again->images()->contains(extra.id));
    QVERIFY(*again->images()->contentHash(p3) == f.gen.product(p3, 2).contentHash);
    const auto newPhoto = f.gen.product(p3, 2);
    QCOMPARE(again->images()->search(newPhoto.data.data(), 8, 1).front().productId, p3);

    // The first instance's files were replaced: a fresh load sees the new state without rebuilding.
    Messages fresh;
    auto third = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), fresh.fn(), {}, &report);
    QVERIFY(!report.rebuilt);
    QCOMPARE(third->images()->size(), std::size_t(400));

    // An index behind the catalog (the catalog changed while it was closed) is brought up to date.
    QVERIFY(f.cat->remove("P5"));
    Messages behind;
    auto fourth = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), behind.fn(), {}, &report);
    QVERIFY2(behind.any("behind the catalog"), qPrintable(behind.lines.join("\n")));
    QCOMPARE(fourth->images()->size(), std::size_t(399));
    QCOMPARE(report.removed, std::int64_t(1));
}

void SearchIndexTest::catalogIndexRebuildsDamagedFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("flipped byte in graph") << "flip-graph";
    QTest::newRow("flipped byte in tokens") << "flip-tokens";
    QTest::newRow("truncated graph") << "truncate-graph";
    QTest::newRow("truncated tokens") << "truncate-tokens";
    QTest::newRow("missing tokens") << "remove-tokens";
    QTest::newRow("garbage") << "garbage";
}

void SearchIndexTest::catalogIndexRebuildsDamagedFiles()
{
    QFETCH(QString, damage);
    CatalogFixture f(300);
    f.storeAll("model-a");
    const auto q = f.gen.textQuery(1, 2, 3);
    std::vector<std::int64_t> before;
    {
        auto index = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams());
        before = ids(index->images()->exactSearch(q.data(), 1, 10));
    }
    const auto graph = SearchIndex::graphFile(f.indexDir(), "image");
    const auto tokens = SearchIndex::tokensFile(f.indexDir(), "image");
    if (damage == "flip-graph")
        flipByte(graph, std::filesystem::file_size(graph) / 2);
    else if (damage == "flip-tokens")
        flipByte(tokens, std::filesystem::file_size(tokens) - 5);
    else if (damage == "truncate-graph")
        std::filesystem::resize_file(graph, std::filesystem::file_size(graph) - 100);
    else if (damage == "truncate-tokens")
        std::filesystem::resize_file(tokens, 300);
    else if (damage == "remove-tokens")
        std::filesystem::remove(tokens);
    else
        std::ofstream(graph, std::ios::trunc) << "not an index at all";

    Messages m;
    CatalogIndexReport report;
    auto index = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), m.fn(), {}, &report);
    QVERIFY(report.rebuilt);
    QVERIFY2(m.any("cannot be used") && m.any("Rebuilding it from 300 stored embeddings"), qPrintable(m.lines.join("\n")));
    QCOMPARE(index->images()->size(), std::size_t(300));
    QCOMPARE(ids(index->images()->exactSearch(q.data(), 1, 10)), before);
    QCOMPARE(ids(index->images()->search(q.data(), 1, 10)).size(), std::size_t(10));
    // The rebuilt files are sound again.
    Messages after;
    CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams(), after.fn(), {}, &report);
    QVERIFY(!report.rebuilt);
    QVERIFY(after.lines.isEmpty());
}

void SearchIndexTest::catalogIndexNeverMixesModels()
{
    CatalogFixture f(200);
    f.storeAll("model-a");
    CatalogIndex::load(f.cat->db(), f.indexDir(), "model-a", smallParams());
    // Re-embedded by model-b (the indexer drops model-a's rows first).
    {
        catalog::Transaction tx(f.cat->db());
        EmbeddingStore(f.cat->db()).removeOtherModels("model-b");
        for (const auto pid : f.productIds)
            f.store("model-b", pid, 1);
        tx.commit();
    }
    Messages m;
    CatalogIndexReport report;
    auto index = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-b", smallParams(), m.fn(), {}, &report);
    QVERIFY(report.rebuilt);
    QVERIFY2(m.any("model"), qPrintable(m.lines.join("\n")));
    QCOMPARE(QString::fromStdString(index->images()->modelHash()), QString("model-b"));
    for (const auto& [pid, hash] : index->images()->items())
        QVERIFY(hash == f.gen.product(pid, 1).contentHash);

    // Same model, other dimension (a re-trained pack that kept its name): rebuilt, not mixed.
    {
        catalog::Transaction tx(f.cat->db());
        for (const auto pid : f.productIds)
            f.store("model-b", pid, 1, 24);
        tx.commit();
    }
    Messages d;
    auto resized = CatalogIndex::load(f.cat->db(), f.indexDir(), "model-b", smallParams(), d.fn(), {}, &report);
    QVERIFY(report.rebuilt);
    QVERIFY2(d.any("dimension"), qPrintable(d.lines.join("\n")));
    QCOMPARE(resized->images()->dim(), 24);
}

QTEST_GUILESS_MAIN(SearchIndexTest)
#include "SearchIndexTest.moc"
