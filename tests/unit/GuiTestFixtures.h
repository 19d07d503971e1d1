// Shared fixtures of the GUI tests (*GuiTest.cpp): a small catalog written with QImage and
// catalog::Catalog, isolated settings, waiting for a window to settle.
#pragma once

#include "TinyCatalog.h"
#include "catalog/Catalog.h"
#include "common/Files.h"
#include "model/UnifiedModel.h"

#include <QColor>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QtTest>

#include <filesystem>
#include <string>
#include <vector>

namespace uftest {

struct FixtureProduct {
    std::string sku, category, color, pattern, titleJa, titleEn, descJa, descEn;
};

// SH-002 and SH-003 (both train) differ only in colour: the phase-2 triplet the fine-tuning flow needs.
inline const std::vector<FixtureProduct>& fixtureProducts()
{
    static const std::vector<FixtureProduct> products = {
        {"SH-001", "shirt", "navy", "stripes", "紺のストライプシャツ", "Navy striped shirt", "爽やかな紺色のストライプ柄シャツ。", "A crisp navy shirt with stripes."},
        {"SH-002", "shirt", "red", "plain", "赤い無地のシャツ", "Red plain shirt", "鮮やかな赤の無地シャツ。", "A bright red plain shirt."},
        {"SH-003", "shirt", "white", "plain", "白い無地のシャツ", "White plain shirt", "白の無地シャツ。", "A plain white shirt."},
        {"DR-001", "dress", "navy", "floral", "紺の花柄ワンピース", "Navy floral dress", "紺地に花柄のワンピース。", "A navy dress with a floral print."},
        {"DR-002", "dress", "red", "plain", "赤いワンピース", "Red dress", "赤い無地のワンピース。", "A plain red dress."},
        {"SK-001", "skirt", "black", "checks", "黒のチェックスカート", "Black check skirt", "黒のチェック柄スカート。", "A black skirt with a check pattern."},
        {"SK-002", "skirt", "beige", "plain", "ベージュのスカート", "Beige skirt", "ベージュの無地スカート。", "A plain beige skirt."},
        {"PT-001", "trousers", "grey", "plain", "グレーのパンツ", "Grey trousers", "グレーのパンツ。", "Grey trousers."},
    };
    return products;
}

inline QColor fixtureColor(const std::string& color)
{
    if (color == "navy") return QColor(20, 30, 90);
    if (color == "red") return QColor(200, 30, 40);
    if (color == "white") return QColor(235, 235, 235);
    if (color == "black") return QColor(25, 25, 25);
    if (color == "beige") return QColor(215, 195, 160);
    return QColor(128, 128, 128);
}

// A garment-ish picture: a coloured shape with the pattern drawn on it, on white.
inline QImage fixtureImage(const FixtureProduct& p, int side = 96)
{
    QImage img(side, side, QImage::Format_RGB888);
    img.fill(Qt::white);
    QPainter g(&img);
    g.setRenderHint(QPainter::Antialiasing);
    const QColor c = fixtureColor(p.color);
    g.setBrush(c);
    g.setPen(Qt::NoPen);
    if (p.category == "dress" || p.category == "skirt")
        g.drawPolygon(QPolygon({QPoint(side * 3 / 8, side / 8), QPoint(side * 5 / 8, side / 8), QPoint(side * 7 / 8, side * 7 / 8),
                                QPoint(side / 8, side * 7 / 8)}));
    else if (p.category == "trousers")
        g.drawRect(side / 4, side / 8, side / 2, side * 3 / 4);
    else
        g.drawRect(side / 8, side / 5, side * 3 / 4, side * 3 / 5);
    g.setPen(QPen(c.lightness() > 128 ? Qt::black : Qt::white, 2));
    if (p.pattern == "stripes" || p.pattern == "checks")
        for (int x = side / 6; x < side; x += side / 8)
            g.drawLine(x, side / 5, x, side * 4 / 5);
    if (p.pattern == "checks")
        for (int y = side / 4; y < side; y += side / 8)
            g.drawLine(side / 8, y, side * 7 / 8, y);
    if (p.pattern == "dots" || p.pattern == "floral")
        for (int y = side / 4; y < side * 3 / 4; y += side / 6)
            for (int x = side / 4; x < side * 3 / 4; x += side / 6)
                g.drawEllipse(QPoint(x, y), 3, 3);
    return img;
}

// Writes the fixture products (or `count` generated ones when count > 0) into a new catalog at folder.
inline void buildFixtureCatalog(const std::filesystem::path& folder, int count = 0)
{
    uf::catalog::Catalog cat(folder, uf::catalog::Catalog::OpenMode::Create);
    std::filesystem::create_directories(folder / "images");
    const auto& base = fixtureProducts();
    const int n = count > 0 ? count : static_cast<int>(base.size());
    std::vector<std::string> written(base.size());
    uf::catalog::Transaction tx(cat.db());
    for (int i = 0; i < n; ++i) {
        const FixtureProduct& f = base[static_cast<std::size_t>(i) % base.size()];
        const std::size_t slot = static_cast<std::size_t>(i) % base.size();
        const std::string rel = "images/" + f.sku + ".png";
        if (written[slot].empty()) {
            QVERIFY2(fixtureImage(f).save(QString::fromStdString((folder / rel).string()), "PNG"), "cannot write PNG");
            written[slot] = uf::sha256File(folder / rel);
        }
        uf::catalog::Product p;
        p.sku = count > 0 ? f.sku + "-" + std::to_string(i) : f.sku;
        p.category = f.category;
        p.attributes["color"] = f.color;
        p.attributes["pattern"] = f.pattern;
        p.title["ja"] = f.titleJa;
        p.title["en"] = f.titleEn;
        p.description["ja"] = f.descJa;
        p.description["en"] = f.descEn;
        p.split = i % 5 == 0 ? "test" : "train";
        uf::catalog::ProductImage im;
        im.path = rel;
        im.sha256 = written[slot];
        im.width = im.height = 96;
        p.images.push_back(im);
        cat.upsert(p);
    }
    tx.commit();
}

// A model pack for the flows that need one: the shipped default when it is installed, else a tiny
// pack trained here in seconds (tiny-test.json; its outputs are meaningless, the wiring is real).
inline std::filesystem::path flowModelPack(const std::filesystem::path& scratch)
{
    if (auto p = uf::model::defaultPackPath())
        return *p;
    const auto pack = scratch / "tiny-pack";
    if (!std::filesystem::exists(pack / "manifest.json")) {
        makeTinyCatalog(scratch / "tiny-catalog");
        trainTiny(scratch / "tiny-catalog", pack, 1, 8);
    }
    return pack;
}

// Settings of the tests never touch the user's: QStandardPaths' test mode redirects QSettings.
inline void isolateSettings(const char* appName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("UniFashionTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(appName));
    QSettings().clear(); // every run starts from a first start, whatever an earlier run stored
}

} // namespace uftest
