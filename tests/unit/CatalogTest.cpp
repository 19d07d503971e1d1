// The catalog database: schema creation and forward migration, upsert semantics (insert, update,
// unchanged by content), filters, streaming, settings, and refusal of a newer schema.
#include "TestSupport.h"
#include "catalog/Catalog.h"
#include "catalog/Schema.h"
#include "common/Error.h"

#include <QtTest>

using namespace uf::catalog;

namespace {

Product makeProduct(const std::string& sku, const std::string& category, const std::string& color)
{
    Product p;
    p.sku = sku;
    p.category = category;
    p.title["en"] = color + " " + category;
    p.title["ja"] = "テスト " + sku;
    p.description["en"] = "A " + color + " " + category + ".";
    p.attributes["color"] = color;
    p.split = "train";
    ProductImage im;
    im.path = "images/" + sku + ".png";
    im.sha256 = std::string(64, 'a');
    im.width = 128;
    im.height = 128;
    im.bytes = 1000;
    p.images.push_back(im);
    return p;
}

} // namespace

class CatalogTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsSchemaAtCurrentVersion()
    {
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        QCOMPARE(cat.schemaVersion(), kSchemaVersion);
        QCOMPARE(cat.db().queryInt("PRAGMA foreign_keys"), 1);
        Statement st(cat.db(), "PRAGMA journal_mode");
        QVERIFY(st.step());
        QCOMPARE(QString::fromStdString(st.getText(0)), QStringLiteral("wal"));
    }

    void migratesVersionOneForwardKeepingData()
    {
        uftest::TempDir dir;
        const auto folder = dir.path() / "old";
        std::filesystem::create_directories(folder);
        {
            // A catalog as version 1 wrote it: only the first migration's tables.
            Database db(folder / "catalog.sqlite");
            db.exec("CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, category TEXT NOT NULL DEFAULT '',"
                    " split TEXT, source_file TEXT NOT NULL DEFAULT '', source_row INTEGER NOT NULL DEFAULT 0,"
                    " content_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
                    "CREATE TABLE product_texts (product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,"
                    " lang TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
                    " PRIMARY KEY (product_id, lang)) WITHOUT ROWID;"
                    "CREATE TABLE product_attributes (product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,"
                    " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (product_id, key)) WITHOUT ROWID;"
                    "CREATE TABLE images (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,"
                    " position INTEGER NOT NULL, path TEXT NOT NULL, storage TEXT NOT NULL, sha256 TEXT NOT NULL,"
                    " width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL, UNIQUE (product_id, position));"
                    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
                    "INSERT INTO products(sku, category, content_hash, created_at, updated_at) VALUES ('OLD-1','coat','x','t','t');"
                    "PRAGMA user_version=1;");
        }
        Catalog cat(folder, Catalog::OpenMode::Existing);
        QCOMPARE(cat.schemaVersion(), kSchemaVersion);
        QVERIFY(cat.findBySku("OLD-1").has_value());
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name='embeddings'"), 1);
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name='audit_log'"), 1);
    }

    void refusesNewerSchema()
    {
        uftest::TempDir dir;
        {
            Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
            cat.db().exec("PRAGMA user_version=" + std::to_string(kSchemaVersion + 1));
        }
        try {
            Catalog again(dir.path() / "c", Catalog::OpenMode::Existing);
            QFAIL("a newer schema must be refused");
        } catch (const uf::StorageError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("newer"));
        }
    }

    void missingCatalogSaysWhatToDo()
    {
        uftest::TempDir dir;
        try {
            Catalog cat(dir.path() / "nothing", Catalog::OpenMode::Existing);
            QFAIL("expected an error");
        } catch (const uf::StorageError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("unifashion import"));
        }
    }

    void upsertInsertsUpdatesAndSkipsUnchanged()
    {
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        Product p = makeProduct("A-1", "shirt", "navy");
        QCOMPARE(cat.upsert(p), UpsertResult::Inserted);
        Product same = makeProduct("A-1", "shirt", "navy");
        QCOMPARE(cat.upsert(same), UpsertResult::Unchanged);
        Product changed = makeProduct("A-1", "shirt", "red");
        QCOMPARE(cat.upsert(changed), UpsertResult::Updated);
        auto back = cat.findBySku("A-1");
        QVERIFY(back);
        QCOMPARE(QString::fromStdString(back->attributes.at("color")), QStringLiteral("red"));
        QCOMPARE(QString::fromStdString(back->title.at("ja")), QStringLiteral("テスト A-1"));
        QCOMPARE(back->images.size(), std::size_t(1));
        QCOMPARE(cat.count(), std::int64_t(1));
        // Children were replaced, not duplicated.
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM images"), 1);
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM product_attributes"), 1);
    }

    void removeCascades()
    {
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        Product p = makeProduct("A-1", "shirt", "navy");
        cat.upsert(p);
        QVERIFY(cat.remove("A-1"));
        QVERIFY(!cat.remove("A-1"));
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM images"), 0);
        QCOMPARE(cat.db().queryInt("SELECT COUNT(*) FROM product_texts"), 0);
    }

    void filtersAndPaging_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("color");
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QString() << QString() << 30;
        QTest::newRow("category") << "shirt" << QString() << 15;
        QTest::newRow("attribute") << QString() << "navy" << 10;
        QTest::newRow("both") << "shirt" << "navy" << 5;
        QTest::newRow("none match") << "boots" << QString() << 0;
    }

    void filtersAndPaging()
    {
        QFETCH(QString, category);
        QFETCH(QString, color);
        QFETCH(int, expected);
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        const char* colors[] = {"navy", "red", "white"};
        {
            Transaction tx(cat.db());
            for (int i = 0; i < 30; ++i) {
                Product p = makeProduct("P-" + std::to_string(i), i % 2 ? "shirt" : "dress", colors[i % 3]);
                cat.upsert(p);
            }
            tx.commit();
        }
        ProductFilter f;
        if (!category.isEmpty())
            f.category = category.toStdString();
        if (!color.isEmpty())
            f.attributes["color"] = color.toStdString();
        QCOMPARE(cat.count(f), std::int64_t(expected));
        QCOMPARE(int(cat.list(f).size()), expected);
        int streamed = 0;
        cat.forEach(f, [&](const Product& p) {
            ++streamed;
            QVERIFY(!p.images.empty());
        });
        QCOMPARE(streamed, expected);
        f.limit = 3;
        f.offset = 1;
        QCOMPARE(int(cat.list(f).size()), std::min(3, std::max(0, expected - 1)));
    }

    void settingsRoundTrip()
    {
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        QVERIFY(!cat.setting("x"));
        cat.setSetting("x", "1");
        cat.setSetting("x", "2");
        QCOMPARE(QString::fromStdString(*cat.setting("x")), QStringLiteral("2"));
    }

    void transactionRollsBackUnlessCommitted()
    {
        uftest::TempDir dir;
        Catalog cat(dir.path() / "c", Catalog::OpenMode::Create);
        {
            Transaction tx(cat.db());
            Product p = makeProduct("A-1", "shirt", "navy");
            cat.upsert(p);
        }
        QCOMPARE(cat.count(), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(CatalogTest)
#include "CatalogTest.moc"
