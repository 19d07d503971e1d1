// VectorIndex: the hnswlib wrapper's file format and safety — save/reload round trip; damaged,
// truncated, foreign and mismatched files refused with IndexCorruptError; a graph whose checksum is
// right but whose links point nowhere refused before use; filtered search keeps k results.
// Vectors are clustered (uniform random vectors make HNSW recall meaningless).
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Files.h"
#include "search/Checksum.h"
#include "search/IndexFile.h"
#include "search/Scoring.h"
#include "search/VectorIndex.h"

#include <QtTest>

#include <fstream>
#include <random>
#include <set>

using namespace uf;
using namespace uf::search;

namespace {

constexpr int kDim = 48;
constexpr const char* kModel = "model-a";

// n vectors around 40 cluster centres.
std::vector<float> clustered(int n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.f, 1.f);
    std::vector<float> centres(40 * kDim);
    for (auto& v : centres)
        v = g(rng);
    std::vector<float> out(static_cast<std::size_t>(n) * kDim);
    for (int i = 0; i < n; ++i) {
        const int c = static_cast<int>(rng() % 40);
        for (int j = 0; j < kDim; ++j)
            out[i * kDim + j] = centres[c * kDim + j] + 0.35f * g(rng);
        normalizeInPlace(&out[i * kDim], kDim);
    }
    return out;
}

std::unique_ptr<VectorIndex> build(const std::vector<float>& data, int n)
{
    auto index = std::make_unique<VectorIndex>(kDim, kModel, VectorIndexParams{}, 16);
    std::vector<std::uint64_t> labels(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        labels[i] = 1000 + static_cast<std::uint64_t>(i);
    index->addBatch(labels.data(), data.data(), static_cast<std::size_t>(n), 2);
    return index;
}

void flipByte(const std::filesystem::path& file, std::uintmax_t offset)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x5A);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
}

template <typename F>
QString corruptMessage(F&& f)
{
    try {
        f();
    } catch (const IndexCorruptError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class VectorIndexTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checksumMatchesPortableSha256();
    void saveReloadRoundTrip();
    void damagedFileIsRefused_data();
    void damagedFileIsRefused();
    void truncatedFileIsRefused();
    void foreignFileIsRefused();
    void mismatchIsRefused_data();
    void mismatchIsRefused();
    void brokenGraphWithValidChecksumIsRefused();
    void recallOnClusteredVectors();
    void deletedVectorsAreNotReturned();
    void selectiveFilterStillReturnsK();
    void labelsAreNeverReused();
};

void VectorIndexTest::checksumMatchesPortableSha256()
{
    std::mt19937_64 rng(5);
    for (int len : {0, 1, 55, 56, 63, 64, 65, 119, 1000, 100000}) {
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(len));
        for (auto& b : bytes)
            b = static_cast<std::uint8_t>(rng());
        QCOMPARE(QString::fromStdString(toHex(sha256(bytes.data(), bytes.size()))), QString::fromStdString(sha256Hex(bytes)));
    }
    // The streamed tree digest equals the one computed on the whole buffer.
    std::vector<std::uint8_t> big(kDigestChunk * 2 + 12345, 7);
    TreeDigestStream s;
    s.update(big.data(), 1000);
    s.update(big.data() + 1000, big.size() - 1000);
    QVERIFY(s.finish() == treeDigest(big.data(), big.size(), 2));
}

void VectorIndexTest::saveReloadRoundTrip()
{
    uftest::TempDir dir;
    const auto data = clustered(1500, 1);
    auto index = build(data, 1500);
    QVERIFY(index->markDeleted(1003));
    const auto file = dir / "a.hnsw";
    index->save(file);
    QVERIFY(!std::filesystem::exists(file.string() + ".tmp")); // no temporary left behind

    auto reopened = VectorIndex::open(file, {kDim, std::string(kModel), 1499, std::nullopt});
    QCOMPARE(reopened->size(), std::size_t(1499));
    QCOMPARE(reopened->deletedCount(), std::size_t(1));
    QCOMPARE(reopened->dim(), kDim);
    QCOMPARE(QString::fromStdString(reopened->modelHash()), QString(kModel));
    QVERIFY(!reopened->contains(1003));
    std::vector<float> v(kDim);
    QVERIFY(reopened->vectorOf(1010, v.data()));
    QVERIFY(std::equal(v.begin(), v.end(), data.begin() + 10 * kDim));
    for (int q = 0; q < 20; ++q) {
        const auto a = index->search(&data[q * 37 * kDim], 10);
        const auto b = reopened->search(&data[q * 37 * kDim], 10);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].label, b[i].label);
            QCOMPARE(a[i].score, b[i].score);
        }
    }
    // The reloaded graph accepts new vectors.
    const auto more = clustered(10, 99);
    reopened->add(99999, more.data());
    QVERIFY(reopened->contains(99999));
    QCOMPARE(reopened->search(more.data(), 1).front().label, std::uint64_t(99999));
}

void VectorIndexTest::damagedFileIsRefused_data()
{
    QTest::addColumn<int>("where"); // 0 header field, 1 start of payload, 2 vectors, 3 last byte
    QTest::newRow("header") << 0;
    QTest::newRow("graph header") << 1;
    QTest::newRow("vectors") << 2;
    QTest::newRow("last byte") << 3;
}

void VectorIndexTest::damagedFileIsRefused()
{
    QFETCH(int, where);
    uftest::TempDir dir;
    const auto data = clustered(300, 2);
    const auto file = dir / "a.hnsw";
    build(data, 300)->save(file);
    const auto size = std::filesystem::file_size(file);
    const std::uintmax_t offsets[] = {30, IndexFileHeader::kSize + 3, IndexFileHeader::kSize + 96 + 1000, size - 1};
    flipByte(file, offsets[where]);
    const QString msg = corruptMessage([&] { VectorIndex::open(file); });
    QVERIFY2(!msg.isEmpty(), "a damaged file was accepted");
    QVERIFY2(msg.contains("damaged"), qPrintable(msg));
}

void VectorIndexTest::truncatedFileIsRefused()
{
    uftest::TempDir dir;
    const auto data = clustered(300, 3);
    const auto file = dir / "a.hnsw";
    build(data, 300)->save(file);
    const auto size = std::filesystem::file_size(file);
    for (const std::uintmax_t keep : {size - 1, size / 2, std::uintmax_t(IndexFileHeader::kSize), std::uintmax_t(100), std::uintmax_t(0)}) {
        std::filesystem::resize_file(file, keep);
        const QString msg = corruptMessage([&] { VectorIndex::open(file); });
        QVERIFY2(msg.contains("truncated"), qPrintable(QString::number(keep) + ": " + msg));
    }
}

void VectorIndexTest::foreignFileIsRefused()
{
    uftest::TempDir dir;
    const auto file = dir / "a.hnsw";
    std::string junk(5000, 'x');
    writeFileAtomic(file, junk);
    QVERIFY(corruptMessage([&] { VectorIndex::open(file); }).contains("not a UniFashion index"));
    QVERIFY(corruptMessage([&] { VectorIndex::open(dir / "missing.hnsw"); }).contains("cannot be opened"));
}

void VectorIndexTest::mismatchIsRefused_data()
{
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dimension") << 64 << QString(kModel) << 200 << "dimension";
    QTest::newRow("model") << kDim << "model-b" << 200 << "model";
    QTest::newRow("count") << kDim << QString(kModel) << 201 << "vectors";
}

void VectorIndexTest::mismatchIsRefused()
{
    QFETCH(int, dim);
    QFETCH(QString, model);
    QFETCH(int, count);
    QFETCH(QString, expected);
    uftest::TempDir dir;
    const auto file = dir / "a.hnsw";
    build(clustered(200, 4), 200)->save(file);
    const QString msg = corruptMessage(
        [&] { VectorIndex::open(file, {dim, model.toStdString(), static_cast<std::uint64_t>(count), std::nullopt}); });
    QVERIFY2(msg.contains("does not match") && msg.contains(expected), qPrintable(msg));
}

void VectorIndexTest::brokenGraphWithValidChecksumIsRefused()
{
    // A file whose checksums are right but whose graph links point past the end: hnswlib would
    // follow them into unowned memory. Rewrite the payload with one link broken and fresh digests.
    uftest::TempDir dir;
    const auto file = dir / "a.hnsw";
    build(clustered(200, 5), 200)->save(file);
    const auto header = readIndexFileHeader(file, VectorIndex::kMagic);
    auto bytes = readFileBytes(file);
    std::vector<std::uint8_t> payload(bytes.begin() + IndexFileHeader::kSize, bytes.end());
    const std::size_t firstLink = 96 + 4; // after hnswlib's 96-byte graph header and element 0's list count
    const std::uint32_t bad = 0x7FFFFFF0u;
    std::memcpy(&payload[firstLink], &bad, sizeof bad);
    const auto forged = dir / "forged.hnsw";
    {
        IndexFileWriter w(forged);
        w.write(payload.data(), payload.size());
        w.commit(header);
    }
    const QString msg = corruptMessage([&] { VectorIndex::open(forged); });
    QVERIFY2(msg.contains("link"), qPrintable(msg));
}

void VectorIndexTest::recallOnClusteredVectors()
{
    const auto data = clustered(3000, 6);
    auto index = build(data, 3000);
    const auto queries = clustered(50, 77);
    double recall = 0;
    for (int q = 0; q < 50; ++q) {
        const auto ann = index->search(&queries[q * kDim], 10);
        const auto exact = index->exactSearch(&queries[q * kDim], 10);
        std::set<std::uint64_t> truth;
        for (const auto& h : exact)
            truth.insert(h.label);
        for (const auto& h : ann)
            recall += truth.count(h.label) / 10.0;
        for (std::size_t i = 1; i < ann.size(); ++i)
            QVERIFY(ann[i - 1].score >= ann[i].score);
    }
    QVERIFY2(recall / 50 >= 0.95, qPrintable(QString::number(recall / 50)));
}

void VectorIndexTest::deletedVectorsAreNotReturned()
{
    const auto data = clustered(500, 7);
    auto index = build(data, 500);
    const auto first = index->search(data.data(), 5);
    QCOMPARE(first.front().label, std::uint64_t(1000));
    QVERIFY(index->markDeleted(1000));
    QVERIFY(!index->markDeleted(1000));
    QVERIFY(!index->markDeleted(424242));
    for (const auto& h : index->search(data.data(), 50))
        QVERIFY(h.label != 1000);
    QCOMPARE(index->search(data.data(), 50).size(), std::size_t(50));
    QCOMPARE(index->size(), std::size_t(499));
}

void VectorIndexTest::selectiveFilterStillReturnsK()
{
    const auto data = clustered(4000, 8);
    auto index = build(data, 4000);
    // 15 allowed labels (0.4 %): the graph walk alone would find almost none of them.
    std::set<std::uint64_t> allowed;
    for (int i = 0; i < 15; ++i)
        allowed.insert(1000 + static_cast<std::uint64_t>(i * 263));
    const LabelFilter filter = [&](std::uint64_t l) { return allowed.count(l) > 0; };
    const auto hits = index->search(&data[5 * kDim], 10, filter);
    QCOMPARE(hits.size(), std::size_t(10));
    const auto exact = index->exactSearch(&data[5 * kDim], 10, filter);
    for (std::size_t i = 0; i < hits.size(); ++i) {
        QVERIFY(allowed.count(hits[i].label));
        QCOMPARE(hits[i].label, exact[i].label);
    }
    // Fewer passing than k: all of them, not padding.
    const LabelFilter three = [](std::uint64_t l) { return l == 1001 || l == 1002 || l == 3999; };
    QCOMPARE(index->search(data.data(), 10, three).size(), std::size_t(3));
}

void VectorIndexTest::labelsAreNeverReused()
{
    const auto data = clustered(20, 9);
    auto index = build(data, 20);
    QVERIFY_THROWS_EXCEPTION(Error, index->add(1005, data.data()));
    index->markDeleted(1005);
    QVERIFY_THROWS_EXCEPTION(Error, index->add(1005, data.data()));
}

QTEST_GUILESS_MAIN(VectorIndexTest)
#include "VectorIndexTest.moc"
