// `info` and `report` figures on a catalog whose contents are known exactly, through the API and
// through the CLI's --json contract.
#include "TestSupport.h"
#include "catalog/Catalog.h"
#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "pipeline/CatalogReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace uf;

namespace {

// 3 shirts (2 navy, 1 red; one without a Japanese description), 1 dress; white-bordered 40x20
// images, and one image shared by two products.
void buildKnownCatalog(const std::filesystem::path& folder)
{
    catalog::Catalog cat(folder, catalog::Catalog::OpenMode::Create);
    imaging::Image white{40, 20, std::vector<std::uint8_t>(40 * 20 * 3, 255)};
    imaging::Image dark{40, 20, std::vector<std::uint8_t>(40 * 20 * 3, 10)};
    imaging::savePng(white, folder / "images/white.png");
    imaging::savePng(dark, folder / "images/dark.png");
    struct Row { const char* sku; const char* cat; const char* color; const char* ja; const char* en; const char* img; };
    const Row rows[] = {
        {"S1", "shirt", "navy", "紺のシャツ", "Navy shirt", "white.png"},
        {"S2", "shirt", "navy", "", "Navy shirt two", "white.png"},
        {"S3", "shirt", "red", "赤いシャツ", "Red shirt", "dark.png"},
        {"D1", "dress", "red", "赤いワンピース", "Red dress", "dark.png"},
    };
    for (const auto& r : rows) {
        catalog::Product p;
        p.sku = r.sku;
        p.category = r.cat;
        p.attributes["color"] = r.color;
        p.title["en"] = r.en;
        p.description["en"] = r.en;
        if (*r.ja)
            p.description["ja"] = r.ja;
        catalog::ProductImage im;
        im.path = std::string("images/") + r.img;
        im.sha256 = uf::sha256File(folder / im.path);
        im.width = 40;
        im.height = 20;
        p.images.push_back(im);
        cat.upsert(p);
    }
}

} // namespace

class ReportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void infoCountsKnownCatalog()
    {
        uftest::TempDir dir;
        buildKnownCatalog(dir / "c");
        catalog::Catalog cat(dir / "c");
        const auto info = pipeline::catalogInfo(cat);
        QCOMPARE(info.products, std::int64_t(4));
        QCOMPARE(info.perCategory.at("shirt"), std::int64_t(3));
        QCOMPARE(info.perCategory.at("dress"), std::int64_t(1));
        QCOMPARE(info.descriptionsPerLanguage.at("ja"), std::int64_t(3));
        QCOMPARE(info.descriptionsPerLanguage.at("en"), std::int64_t(4));
        QCOMPARE(info.withoutImage, std::int64_t(0));
        QCOMPARE(info.duplicateImages.size(), std::size_t(2)); // white (S1,S2) and dark (S3,D1)
        QCOMPARE(info.duplicateImages[0].second.size(), std::size_t(2));
    }

    void readinessFigures()
    {
        uftest::TempDir dir;
        buildKnownCatalog(dir / "c");
        catalog::Catalog cat(dir / "c");
        const auto r = pipeline::readinessReport(cat, 100);
        QCOMPARE(r.categories.size(), std::size_t(2));
        QVERIFY(!r.categories[0].ready);
        QCOMPARE(r.categories[1].shareOfRecommended, 3.0 / 1000.0); // shirt
        QCOMPARE(r.languageCoverage.at("ja"), 0.75);
        QCOMPARE(r.languageCoverage.at("en"), 1.0);
        QCOMPARE(r.aspect.mean, 2.0);
        QCOMPARE(r.imageWidth.mean, 40.0);
        QCOMPARE(r.sampledImages, std::int64_t(4));
        QCOMPARE(r.lightBackgroundShare, 0.5);
        QVERIFY(qAbs(r.backgroundBrightness.mean - (255.0 + 10.0) / 2) < 1.0);
        // Shirt colours: navy 2, red 1 -> imbalance 2.
        bool found = false;
        for (const auto& b : r.attributeBalance) {
            if (b.category == "shirt" && b.key == "color") {
                found = true;
                QCOMPARE(b.counts.at("navy"), std::int64_t(2));
                QCOMPARE(b.imbalance, 2.0);
            }
        }
        QVERIFY(found);
        QVERIFY(!r.warnings.empty());
    }

    void cliJsonContract()
    {
        uftest::TempDir dir;
        buildKnownCatalog(dir / "c");
        const QString folder = QString::fromStdString((dir / "c").string());
        auto rep = uftest::runCli({"report", "--catalog", folder, "--json"});
        QCOMPARE(rep.exitCode, 0);
        const auto doc = QJsonDocument::fromJson(rep.out.toUtf8()).object();
        QCOMPARE(doc["info"].toObject()["products"].toInt(), 4);
        QCOMPARE(doc["language_coverage"].toObject()["ja"].toDouble(), 0.75);

        auto list = uftest::runCli({"list", "--catalog", folder, "--category", "shirt", "--attr", "color=navy", "--json"});
        QCOMPARE(list.exitCode, 0);
        const auto products = QJsonDocument::fromJson(list.out.toUtf8()).object()["products"].toArray();
        QCOMPARE(products.size(), 2);
        const auto first = products[0].toObject();
        QCOMPARE(first["sku"].toString(), QStringLiteral("S1"));
        QCOMPARE(first["description"].toObject()["ja"].toString(), QStringLiteral("紺のシャツ"));
        QCOMPARE(first["attributes"].toObject()["color"].toString(), QStringLiteral("navy"));
        QVERIFY(first["images"].isArray());

        QCOMPARE(uftest::runCli({"list"}).exitCode, 2);                            // usage
        QCOMPARE(uftest::runCli({"info", "--catalog", folder + "/nope"}).exitCode, 1); // error
    }
};

QTEST_GUILESS_MAIN(ReportTest)
#include "ReportTest.moc"
