// The demo catalogs: the synthetic catalog is byte-identical per seed, covers every category,
// colour and pattern, writes the promised CSV layout with readable 128×128 images whose colour a
// simple pixel judge can read, and shop copy that agrees with the ground truth; the Fashion-MNIST
// source writes a balanced subset of the real dataset (skipped where it is not installed).
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Files.h"
#include "demo/FashionMnist.h"
#include "demo/PlantedDuplicates.h"
#include "demo/SyntheticCatalog.h"
#include "imaging/ImageIO.h"
#include "text/FashionVocabulary.h"
#include "text/Normalize.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace uf;

namespace {

using Row = std::vector<std::string>;

// A small RFC 4180 reader, independent of ingest/, so the demo's output is checked on its own.
std::vector<Row> parseCsv(const std::string& text)
{
    std::vector<Row> rows;
    Row row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\n') {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

struct Csv {
    Row header;
    std::vector<std::map<std::string, std::string>> records;
};

Csv readCsv(const std::filesystem::path& path)
{
    const auto rows = parseCsv(readFileText(path));
    Csv csv;
    if (rows.empty())
        return csv;
    csv.header = rows.front();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> rec;
        for (std::size_t c = 0; c < csv.header.size() && c < rows[r].size(); ++c)
            rec[csv.header[c]] = rows[r][c];
        if (rows[r].size() != csv.header.size())
            rec["__bad_width"] = std::to_string(rows[r].size());
        csv.records.push_back(rec);
    }
    return csv;
}

// Hash of the CSV and every image, in SKU order.
std::string folderDigest(const std::filesystem::path& dir)
{
    Sha256 h;
    h.update(readFileText(dir / "demo.csv"));
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir / "images"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        h.update(f.filename().string());
        h.update(sha256File(f));
    }
    return h.hexDigest();
}

struct PaletteColour {
    const char* name;
    double r, g, b;
};

// The catalog's nominal colours (the renderer varies them a little per item).
const PaletteColour kPalette[] = {{"black", 28, 28, 31},   {"white", 246, 246, 243}, {"grey", 132, 134, 138},  {"navy", 30, 42, 92},
                                  {"blue", 44, 116, 218},  {"red", 206, 30, 36},     {"pink", 244, 150, 192},  {"purple", 126, 54, 162},
                                  {"green", 38, 140, 64},  {"yellow", 246, 210, 44}, {"beige", 219, 196, 156}, {"brown", 121, 72, 40}};

// A deliberately simple colour judge: the backdrop is the median border colour; pixels that are
// the backdrop or its shadow (a multiple of it) are ignored; the rest vote for their nearest
// nominal colour. If this judge reads the colour, so can a person or a classifier.
std::string dominantColour(const imaging::Image& im)
{
    std::vector<int> border[3];
    for (int i = 0; i < im.width; ++i)
        for (int k = 0; k < 3; ++k) {
            border[k].push_back(im.row(0)[3 * i + k]);
            border[k].push_back(im.row(im.height - 1)[3 * i + k]);
            border[k].push_back(im.row(i)[k]);
            border[k].push_back(im.row(i)[3 * (im.width - 1) + k]);
        }
    double bg[3];
    for (int k = 0; k < 3; ++k) {
        std::nth_element(border[k].begin(), border[k].begin() + border[k].size() / 2, border[k].end());
        bg[k] = border[k][border[k].size() / 2];
    }
    std::map<std::string, int> votes;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            const std::uint8_t* p = im.row(y) + 3 * x;
            const double k = double(p[0] + p[1] + p[2]) / (bg[0] + bg[1] + bg[2]);
            double dev = 0;
            for (int c = 0; c < 3; ++c)
                dev += std::abs(p[c] - k * bg[c]);
            if (k > 0.68 && k < 1.04 && dev < 16)
                continue;
            double best = 1e9;
            const char* name = nullptr;
            for (const auto& c : kPalette) {
                const double d = std::hypot(p[0] - c.r, p[1] - c.g, p[2] - c.b);
                if (d < best) {
                    best = d;
                    name = c.name;
                }
            }
            if (best < 60)
                ++votes[name];
        }
    std::string winner;
    int most = -1;
    for (const auto& [name, n] : votes)
        if (n > most) {
            most = n;
            winner = name;
        }
    return winner;
}

} // namespace

class DemoTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvHasThePromisedColumns();
    void countsSkusAndSplit();
    void everyCategoryColourAndPatternAppears();
    void attributesFollowTheCategory();
    void imagesAre128AndDecode();
    void aSimpleJudgeReadsTheColour();
    void shopCopyAgreesWithTheGroundTruth();
    void sameSeedGivesByteIdenticalFiles();
    void differentSeedDiffers();
    void itemsDoNotDependOnTheCount();
    void sameGarmentInAnotherColour();
    void badInputIsRefused();
    void cancellingWritesNoCsv();
    void plantedDuplicatesAreNearCopies();
    void fashionMnistSubset();
    void fashionMnistMissingSaysHowToInstall();

private:
    uftest::TempDir m_tmp;
    std::filesystem::path m_dir;
    Csv m_csv;
};

void DemoTest::initTestCase()
{
    m_dir = m_tmp / "synthetic-2000";
    std::int64_t lastDone = -1, calls = 0;
    const auto csv = demo::writeSyntheticSource(m_dir, 2000, 11, [&](std::int64_t done, std::int64_t total) {
        lastDone = done;
        ++calls;
        return total == 2000;
    });
    QCOMPARE(csv, m_dir / "demo.csv");
    QCOMPARE(lastDone, std::int64_t(2000));
    QVERIFY(calls > 10);
    m_csv = readCsv(csv);
    QCOMPARE(m_csv.records.size(), std::size_t(2000));
}

void DemoTest::csvHasThePromisedColumns()
{
    const Row expected = {"sku",   "title_ja", "title_en", "description_ja", "description_en", "category", "image",
                          "split", "color",    "pattern",  "sleeve",         "length",         "neckline", "heel"};
    QCOMPARE(m_csv.header, expected);
    const std::string raw = readFileText(m_dir / "demo.csv");
    QVERIFY(raw.find('\r') == std::string::npos); // LF line ends
    QVERIFY(text::isValidUtf8(raw));
    for (const auto& r : m_csv.records) {
        const auto bad = r.find("__bad_width");
        QVERIFY2(bad == r.end(), (r.at("sku") + " has " + (bad == r.end() ? std::string() : bad->second) + " fields").c_str());
    }
}

void DemoTest::countsSkusAndSplit()
{
    int test = 0;
    for (std::size_t i = 0; i < m_csv.records.size(); ++i) {
        const auto& r = m_csv.records[i];
        char sku[16];
        std::snprintf(sku, sizeof sku, "SYN-%06d", int(i) + 1);
        QCOMPARE(r.at("sku"), std::string(sku));
        QCOMPARE(r.at("image"), "images/" + std::string(sku) + ".png");
        QVERIFY(r.at("split") == "train" || r.at("split") == "test");
        test += r.at("split") == "test";
        for (const char* col : {"title_ja", "title_en", "description_ja", "description_en"})
            QVERIFY2(!r.at(col).empty(), (r.at("sku") + " has an empty " + col).c_str());
    }
    QVERIFY2(test > 300 && test < 500, std::to_string(test).c_str()); // about 20% of 2000
}

void DemoTest::everyCategoryColourAndPatternAppears()
{
    std::map<std::string, std::map<std::string, int>> seen;
    for (const auto& r : m_csv.records)
        for (const std::string& key : text::attributeKeys())
            if (!r.at(key).empty())
                ++seen[key][r.at(key)];
    QVERIFY(text::values("category").size() >= 14);
    QCOMPARE(text::values("color").size(), std::size_t(12));
    QCOMPARE(text::values("pattern").size(), std::size_t(6));
    for (const std::string& key : text::attributeKeys())
        for (const auto& v : text::values(key))
            QVERIFY2(seen[key][v.value] >= 5, (key + "=" + v.value + " appears " + std::to_string(seen[key][v.value]) + " times").c_str());
}

void DemoTest::attributesFollowTheCategory()
{
    for (const auto& r : m_csv.records) {
        const std::string& cat = r.at("category");
        QVERIFY2(text::isCanonical("category", cat), cat.c_str());
        for (const std::string& key : text::attributeColumns()) {
            const std::string& v = r.at(key);
            if (text::isApplicable(cat, key)) {
                const auto& allowed = text::categoryValues(cat, key);
                QVERIFY2(std::find(allowed.begin(), allowed.end(), v) != allowed.end(), (r.at("sku") + " " + key + "=" + v).c_str());
            } else {
                QVERIFY2(v.empty(), (r.at("sku") + " " + cat + " should have no " + key).c_str());
            }
        }
    }
}

void DemoTest::imagesAre128AndDecode()
{
    for (const auto& r : m_csv.records) {
        const imaging::Image im = imaging::loadFile(m_dir / r.at("image"));
        QCOMPARE(im.width, demo::kSyntheticImageSide);
        QCOMPARE(im.height, demo::kSyntheticImageSide);
    }
}

void DemoTest::aSimpleJudgeReadsTheColour()
{
    std::map<std::string, std::pair<int, int>> perColour; // plain items: right, total
    int right = 0, total = 0, patternedRight = 0, patterned = 0;
    for (const auto& r : m_csv.records) {
        const std::string judged = dominantColour(imaging::loadFile(m_dir / r.at("image")));
        const bool ok = judged == r.at("color");
        if (r.at("pattern") != "plain" && !r.at("pattern").empty()) {
            // Pattern ink and camouflage tones take pixels from the garment's colour, but the
            // colour must still win on most items.
            patternedRight += ok;
            ++patterned;
            continue;
        }
        perColour[r.at("color")].first += ok;
        ++perColour[r.at("color")].second;
        right += ok;
        ++total;
    }
    QVERIFY(total > 250);
    QVERIFY2(right >= 0.93 * total, (std::to_string(right) + "/" + std::to_string(total)).c_str());
    QVERIFY2(patternedRight >= 0.82 * patterned, (std::to_string(patternedRight) + "/" + std::to_string(patterned)).c_str());
    for (const auto& [colour, rt] : perColour) {
        // White on a light backdrop is seen by its outline and shading, which this pixel judge
        // ignores; every other colour must be read almost always (navy is not black, beige not white).
        const double floor = colour == "white" ? 0.5 : 0.85;
        QVERIFY2(rt.first >= floor * rt.second, (colour + ": " + std::to_string(rt.first) + "/" + std::to_string(rt.second)).c_str());
    }
}

void DemoTest::shopCopyAgreesWithTheGroundTruth()
{
    std::set<std::string> distinctEn, distinctJa;
    for (const auto& r : m_csv.records) {
        for (const char* col : {"title_ja", "title_en", "description_ja", "description_en"}) {
            const std::string& t = r.at(col);
            std::set<std::string> keys;
            for (const auto& [key, value] : text::findAttributesInText(t)) {
                keys.insert(key);
                // A word for a value the product does not have would teach the model a lie.
                QVERIFY2(r.count(key) && r.at(key) == value, (r.at("sku") + " " + col + " says " + key + "=" + value + ": " + t).c_str());
            }
            QVERIFY2(keys.count("category"), (r.at("sku") + " " + col + " names no category: " + t).c_str());
            if (std::string(col).rfind("title", 0) == 0)
                QVERIFY2(keys.count("color"), (r.at("sku") + " " + col + " names no colour: " + t).c_str());
        }
        distinctEn.insert(r.at("description_en"));
        distinctJa.insert(r.at("description_ja"));
    }
    // Copy reads as written by many people: nearly every description is different.
    QVERIFY(distinctEn.size() > 1900);
    QVERIFY(distinctJa.size() > 1900);
}

void DemoTest::sameSeedGivesByteIdenticalFiles()
{
    uftest::TempDir a, b;
    demo::writeSyntheticSource(a.path(), 120, 5);
    demo::writeSyntheticSource(b.path(), 120, 5);
    QCOMPARE(readFileText(a / "demo.csv"), readFileText(b / "demo.csv"));
    QCOMPARE(folderDigest(a.path()), folderDigest(b.path()));
    // The in-memory item is the same as the written one.
    const demo::SyntheticItem item = demo::makeSyntheticItem(5, 7);
    QCOMPARE(sha256Hex(imaging::encodePng(item.image)), sha256File(a / "images/SYN-000008.png"));
}

void DemoTest::differentSeedDiffers()
{
    uftest::TempDir a, b;
    demo::writeSyntheticSource(a.path(), 60, 5);
    demo::writeSyntheticSource(b.path(), 60, 6);
    QVERIFY(readFileText(a / "demo.csv") != readFileText(b / "demo.csv"));
    int same = 0;
    for (int i = 1; i <= 60; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "images/SYN-%06d.png", i);
        same += sha256File(a / name) == sha256File(b / name);
    }
    QCOMPARE(same, 0);
}

void DemoTest::itemsDoNotDependOnTheCount()
{
    uftest::TempDir a;
    demo::writeSyntheticSource(a.path(), 30, 11);
    const Csv small = readCsv(a / "demo.csv");
    QCOMPARE(small.records.size(), std::size_t(30));
    for (std::size_t i = 0; i < small.records.size(); ++i)
        QCOMPARE(small.records[i], m_csv.records[i]);
    QCOMPARE(sha256File(a / "images/SYN-000030.png"), sha256File(m_dir / "images/SYN-000030.png"));
}

void DemoTest::sameGarmentInAnotherColour()
{
    const std::map<std::string, std::string> navy = {{"category", "dress"}, {"color", "navy"}, {"pattern", "plain"},
                                                     {"sleeve", "short"},   {"length", "knee"}, {"neckline", "v"}};
    auto red = navy;
    red["color"] = "red";
    const imaging::Image a = demo::renderSyntheticGarment(navy, 1234);
    const imaging::Image a2 = demo::renderSyntheticGarment(navy, 1234);
    const imaging::Image b = demo::renderSyntheticGarment(red, 1234);
    QCOMPARE(a.rgb, a2.rgb);
    QCOMPARE(dominantColour(a), std::string("navy"));
    QCOMPARE(dominantColour(b), std::string("red"));
    // Same shape and pose: the pixels that differ from the backdrop are nearly the same ones.
    auto garmentMask = [](const imaging::Image& im) {
        std::vector<bool> m(std::size_t(im.width) * im.height);
        const std::uint8_t* corner = im.row(0);
        for (int y = 0; y < im.height; ++y)
            for (int x = 0; x < im.width; ++x) {
                const std::uint8_t* p = im.row(y) + 3 * x;
                m[std::size_t(y) * im.width + x] = std::abs(p[0] - corner[0]) + std::abs(p[1] - corner[1]) + std::abs(p[2] - corner[2]) > 90;
            }
        return m;
    };
    const auto ma = garmentMask(a), mb = garmentMask(b);
    int both = 0, either = 0;
    for (std::size_t i = 0; i < ma.size(); ++i) {
        both += ma[i] && mb[i];
        either += ma[i] || mb[i];
    }
    QVERIFY2(either > 2000 && both > 0.9 * either, (std::to_string(both) + "/" + std::to_string(either)).c_str());
}

void DemoTest::badInputIsRefused()
{
    uftest::TempDir a;
    QVERIFY_THROWS_EXCEPTION(UsageError, demo::writeSyntheticSource(a.path(), 0, 1));
    QVERIFY_THROWS_EXCEPTION(BadInputError, demo::renderSyntheticGarment({{"category", "spacesuit"}}, 1));
    QVERIFY_THROWS_EXCEPTION(BadInputError, demo::renderSyntheticGarment({{"category", "tshirt"}, {"sleeve", "sleeveless"}}, 1));
    QVERIFY_THROWS_EXCEPTION(BadInputError, demo::renderSyntheticGarment({{"category", "bag"}, {"color", "teal"}}, 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, demo::writeFashionMnistSource(a.path(), -1));
}

void DemoTest::cancellingWritesNoCsv()
{
    uftest::TempDir a;
    const auto csv = demo::writeSyntheticSource(a.path(), 200, 3, [](std::int64_t done, std::int64_t) { return done < 50; });
    QVERIFY(csv.empty());
    QVERIFY(!std::filesystem::exists(a / "demo.csv"));
}

void DemoTest::plantedDuplicatesAreNearCopies()
{
    uftest::TempDir a;
    const auto csvPath = demo::writeSyntheticSource(a.path(), 30, 5);
    const auto planted = demo::plantDuplicates(csvPath, 4, 5);
    QCOMPARE(planted.size(), std::size_t(4));
    const Csv csv = readCsv(csvPath);
    QCOMPARE(csv.records.size(), std::size_t(34));
    std::map<std::string, decltype(csv.records)::value_type> bySku;
    for (const auto& r : csv.records)
        bySku[r.at("sku")] = r;
    std::string tsv = "original\tduplicate\n";
    for (const auto& [orig, dup] : planted) {
        QCOMPARE(dup, "DUP-" + orig);
        tsv += orig + "\t" + dup + "\n";
        const auto& o = bySku.at(orig);
        const auto& d = bySku.at(dup);
        for (const char* col : {"title_ja", "title_en", "category", "color", "pattern", "split"})
            QCOMPARE(d.at(col), o.at(col));
        // Another file with other pixels, but the same picture: mean absolute difference small.
        const auto io = imaging::loadFile(a.path() / o.at("image"));
        const auto id = imaging::loadFile(a.path() / d.at("image"));
        QCOMPARE(imaging::sniffHeader(readFileBytes(a.path() / d.at("image"))).format, imaging::ImageFormat::Jpeg);
        QCOMPARE(id.width, io.width);
        double diff = 0;
        for (std::size_t i = 0; i < io.rgb.size(); ++i)
            diff += std::abs(int(io.rgb[i]) - int(id.rgb[i]));
        diff /= double(io.rgb.size());
        QVERIFY2(diff > 0.5 && diff < 40.0, std::to_string(diff).c_str());
    }
    QCOMPARE(readFileText(a.path() / "planted-duplicates.tsv"), tsv);
    // The same seed plants the same copies.
    uftest::TempDir b;
    QCOMPARE(demo::plantDuplicates(demo::writeSyntheticSource(b.path(), 30, 5), 4, 5), planted);
}

void DemoTest::fashionMnistSubset()
{
    if (!demo::fashionMnistAvailable())
        QSKIP("dataset-fashion-mnist is not installed");
    uftest::TempDir a;
    const auto csvPath = demo::writeFashionMnistSource(a.path(), 500);
    const Csv csv = readCsv(csvPath);
    QCOMPARE(csv.header, m_csv.header);
    QCOMPARE(csv.records.size(), std::size_t(500));
    std::map<std::string, std::map<std::string, int>> perSplit;
    std::set<std::string> skus;
    for (const auto& r : csv.records) {
        const std::string& sku = r.at("sku");
        QVERIFY2(sku.rfind("FM-train-", 0) == 0 || sku.rfind("FM-test-", 0) == 0, sku.c_str());
        QVERIFY(skus.insert(sku).second);
        QVERIFY(sku.find(r.at("split")) != std::string::npos);
        ++perSplit[r.at("split")][r.at("category")];
        for (const std::string& key : text::attributeColumns())
            QVERIFY(r.at(key).empty());
        // The class name in both languages names the category.
        for (const char* col : {"title_ja", "title_en", "description_ja", "description_en"}) {
            const auto found = text::findAttributesInText(r.at(col));
            QVERIFY2(std::find(found.begin(), found.end(), text::AttributePair("category", r.at("category"))) != found.end(),
                     (sku + " " + col + ": " + r.at(col)).c_str());
        }
        const imaging::Image im = imaging::loadFile(a / r.at("image"));
        QCOMPARE(im.width, 28);
        QCOMPARE(im.height, 28);
    }
    // 6:1 like the official split, every class in both, balanced.
    int train = 0, test = 0;
    for (const auto& [cat, n] : perSplit["train"])
        train += n;
    for (const auto& [cat, n] : perSplit["test"])
        test += n;
    QCOMPARE(train, 429);
    QCOMPARE(test, 71);
    QCOMPARE(perSplit["train"].size(), std::size_t(10));
    QCOMPARE(perSplit["test"].size(), std::size_t(10));
    for (const auto& [cat, n] : perSplit["train"])
        QVERIFY(n == 42 || n == 43);
    // The first training image is the dataset's first: an ankle boot (label 9).
    QCOMPARE(csv.records.front().at("sku"), std::string("FM-train-00001"));
    QCOMPARE(csv.records.front().at("category"), std::string("boots"));
}

void DemoTest::fashionMnistMissingSaysHowToInstall()
{
    uftest::TempDir a;
    try {
        demo::writeFashionMnistSource(a.path(), 10, {}, a / "no-such-dataset");
        QFAIL("expected StorageError");
    } catch (const StorageError& e) {
        QVERIFY2(std::string(e.what()).find("apt-get install dataset-fashion-mnist") != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(DemoTest)
#include "DemoTest.moc"
