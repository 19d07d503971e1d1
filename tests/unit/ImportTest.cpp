// Import end to end through the real CLI: a CSV of 10 good rows and 10 bad rows (one of each kind of
// problem) in UTF-8, UTF-8 with BOM and CP932 imports 10, names 10 distinct reasons by row and exits 3;
// running it again changes nothing; a changed row updates; JSON Lines; --map; reference mode;
// exit codes; and cancelling through the progress callback in-process.
#include "TestSupport.h"

#include "catalog/Catalog.h"
#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "pipeline/ImportCatalog.h"
#include "text/Encoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <fstream>
#include <set>

namespace fs = std::filesystem;
using uftest::runCli;

namespace {

std::vector<std::uint8_t> pngBytes(int w, int h, int seed)
{
    uf::imaging::Image img;
    img.width = w;
    img.height = h;
    img.rgb.resize(static_cast<std::size_t>(w) * h * 3);
    for (std::size_t i = 0; i < img.rgb.size(); ++i)
        img.rgb[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
    return uf::imaging::encodePng(img);
}

void writeBytes(const fs::path& p, std::string_view b)
{
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(b.data(), static_cast<std::streamsize>(b.size()));
}

void writeBytes(const fs::path& p, const std::vector<std::uint8_t>& b)
{
    writeBytes(p, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

// T/shop/feed/img/g01..g10.png plus the bad files; T/outside/x.png lies outside the feed folder.
void writeImages(const fs::path& root)
{
    const fs::path feed = root / "shop/feed";
    for (int i = 1; i <= 10; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img/g%02d.png", i);
        writeBytes(feed / name, pngBytes(28, 28, i));
    }
    writeBytes(feed / "img/empty.png", std::string_view());
    auto cut = pngBytes(64, 64, 77);
    cut.resize(cut.size() / 2);
    writeBytes(feed / "img/cut.png", cut);
    writeBytes(feed / "img/notes.png", std::string_view("not an image at all\n"));
    auto bomb = pngBytes(8, 8, 5); // IHDR patched to 30000x30000 (CRC left stale: the header is read first)
    for (int at : {16, 20}) {
        bomb[at] = 0;
        bomb[at + 1] = 0;
        bomb[at + 2] = 0x75;
        bomb[at + 3] = 0x30;
    }
    writeBytes(feed / "img/bomb.png", bomb);
    writeBytes(root / "outside/x.png", pngBytes(28, 28, 99));
}

// 10 good rows (lines 2-12; G01's description spans lines 2-3) and 10 bad rows (lines 13-22), one of
// each kind. @@BAD@@ marks where bytes invalid in every encoding go.
const char* const kFeed =
    "品番,商品名,説明,カテゴリ,画像,色,split\n"
    "G01,紺のシャツ,\"綿100%。\n長袖, 細身\",shirt,img/g01.png,Navy,train\n"
    "G02,白いワンピース,シンプルな一着,Dress,img/g02.png,White,train\n"
    "G03,黒いブーツ,本革,boots,img/g03.png,black,test\n"
    "G04,Red skirt,A-line skirt,skirt,img/g04.png,red,train\n"
    "G05,グレーのパーカー,裏起毛,hoodie,img/g05.png,grey,train\n"
    "G06,ベージュのコート,ウール,coat,img/g06.png,beige,train\n"
    "G07,緑のスニーカー,軽量,sneakers,img/g07.png,green,test\n"
    "G08,茶色のバッグ,\"大容量, 通勤用\",bag,img/g08.png,brown,train\n"
    "G09,水玉のブラウス,とろみ素材,blouse,img/g09.png,white,train\n"
    "G10,デニムのショートパンツ,夏向け,shorts,img/g10.png,blue,train\n"
    "B01,赤いスカート,画像なし,skirt,img/nope.png,red,train\n"
    "B02,空の画像,0バイト,shirt,img/empty.png,red,train\n"
    "B03,途中で切れた画像,転送失敗,shirt,img/cut.png,red,train\n"
    "B04,画像ではない,テキスト,shirt,img/notes.png,red,train\n"
    "B05,巨大な画像,爆弾,shirt,img/bomb.png,red,train\n"
    "B06,外の画像,脱出,shirt,../../outside/x.png,red,train\n"
    "G01,別の紺のシャツ,内容が違う,shirt,img/g01.png,navy,train\n"
    "B08,列が足りない\n"
    "B09,青い@@BAD@@シャツ,文字化け,shirt,img/g03.png,blue,train\n"
    ",名無しのシャツ,品番なし,shirt,img/g04.png,black,train\n";

const std::map<QString, int> kExpectedRowOfCode = {
    {"missing_file", 13}, {"empty_file", 14}, {"truncated", 15}, {"not_image", 16}, {"too_large", 17},
    {"path_escape", 18}, {"duplicate_sku", 19}, {"column_count", 20}, {"invalid_encoding", 21}, {"missing_sku", 22},
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

std::string feedBytes(const QString& variant, const std::string& utf8 = kFeed)
{
    const std::string bad = "\x81\x7F"; // illegal in UTF-8 and in CP932
    if (variant == "cp932")
        return replaceAll(uf::text::utf8ToCp932(utf8), "@@BAD@@", bad);
    std::string s = replaceAll(utf8, "@@BAD@@", bad);
    if (variant == "utf-8 bom")
        s = "\xEF\xBB\xBF" + s;
    if (variant == "utf-8 crlf")
        s = replaceAll(s, "\n", "\r\n");
    return s;
}

QJsonObject parseJson(const uftest::CliResult& r)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << r.out << r.err;
    return doc.object();
}

// Every stored row of the catalog, in a stable order, for byte-for-byte comparisons.
QStringList dumpCatalog(const fs::path& catalogDir, bool withTimes = true)
{
    uf::catalog::Database db(catalogDir / "catalog.sqlite", uf::catalog::Database::Mode::ReadOnly);
    QStringList out;
    auto dump = [&](const std::string& sql, int cols) {
        uf::catalog::Statement st(db, sql);
        while (st.step()) {
            QStringList row;
            for (int c = 0; c < cols; ++c)
                row << (st.isNull(c) ? QStringLiteral("<null>") : QString::fromStdString(st.getText(c)));
            out << row.join('|');
        }
    };
    dump(withTimes ? "SELECT sku, category, split, content_hash, created_at, updated_at, source_row FROM products ORDER BY sku"
                   : "SELECT sku, category, split, content_hash FROM products ORDER BY sku",
         withTimes ? 7 : 4);
    dump("SELECT p.sku, t.lang, t.title, t.description FROM product_texts t JOIN products p ON p.id=t.product_id "
         "ORDER BY p.sku, t.lang", 4);
    dump("SELECT p.sku, a.key, a.value FROM product_attributes a JOIN products p ON p.id=a.product_id "
         "ORDER BY p.sku, a.key", 3);
    dump("SELECT p.sku, i.position, i.path, i.storage, i.sha256, i.width, i.height, i.bytes FROM images i "
         "JOIN products p ON p.id=i.product_id ORDER BY p.sku, i.position", 8);
    return out;
}

// The same use case the CLI runs, in-process: cheaper where the exit code is not the point.
uf::pipeline::ImportSummary importHere(const fs::path& catalogDir, const fs::path& file,
                                       uf::pipeline::ImportOptions options = {})
{
    uf::catalog::Catalog c(catalogDir, uf::catalog::Catalog::OpenMode::Create);
    return uf::pipeline::importFile(c, file, options, {});
}

} // namespace

class ImportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goodAndBadRows_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("utf-8") << "utf-8" << "utf-8";
        QTest::newRow("utf-8 with BOM") << "utf-8 bom" << "utf-8";
        QTest::newRow("utf-8 CRLF") << "utf-8 crlf" << "utf-8";
        QTest::newRow("cp932") << "cp932" << "cp932";
    }

    void goodAndBadRows()
    {
        QFETCH(QString, variant);
        QFETCH(QString, encoding);
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/products.csv";
        writeBytes(csv, feedBytes(variant));
        const fs::path cat = tmp / "catalog"; // created by the import
        const QStringList args{"import", "--catalog", QString::fromStdString(cat.string()), "--json",
                               QString::fromStdString(csv.string())};

        const auto first = runCli(args);
        QVERIFY2(first.exitCode == 3, qPrintable(first.out + first.err));
        const QJsonObject s = parseJson(first);
        QCOMPARE(s["imported"].toInt(), 10);
        QCOMPARE(s["updated"].toInt(), 0);
        QCOMPARE(s["unchanged"].toInt(), 0);
        QCOMPARE(s["failed"].toInt(), 10);
        QCOMPARE(s["encoding"].toString(), encoding);
        const QJsonArray errors = s["errors"].toArray();
        QCOMPARE(errors.size(), 10);
        std::set<QString> reasons, codes;
        for (const auto& v : errors) {
            const QJsonObject e = v.toObject();
            const QString code = e["code"].toString();
            QVERIFY2(kExpectedRowOfCode.count(code), qPrintable("unexpected problem " + code + ": " + e["reason"].toString()));
            QCOMPARE(e["row"].toInt(), kExpectedRowOfCode.at(code));
            QVERIFY(!e["file"].toString().isEmpty());
            QVERIFY(!e["reason"].toString().isEmpty());
            reasons.insert(e["reason"].toString());
            codes.insert(code);
        }
        QCOMPARE(codes.size(), std::size_t(10));
        QCOMPARE(reasons.size(), std::size_t(10));
        // Image problems name the image as the row wrote it.
        for (const auto& v : errors) {
            const QJsonObject e = v.toObject();
            if (e["code"] == "missing_file") {
                QCOMPARE(e["file"].toString(), QStringLiteral("img/nope.png"));
                QVERIFY(e["reason"].toString().contains("img/nope.png"));
            }
            if (e["code"] == "path_escape")
                QCOMPARE(e["file"].toString(), QStringLiteral("../../outside/x.png"));
            if (e["code"] == "duplicate_sku")
                QVERIFY(e["reason"].toString().contains("row 2"));
        }

        // What went in is whole and canonical.
        {
            uf::catalog::Catalog c(cat);
            QCOMPARE(c.count(), std::int64_t(10));
            const auto g01 = c.findBySku("G01");
            QVERIFY(g01.has_value());
            QCOMPARE(QString::fromStdString(g01->title.at("ja")), QStringLiteral("紺のシャツ"));
            QCOMPARE(QString::fromStdString(g01->description.at("ja")), QStringLiteral("綿100%。\n長袖, 細身"));
            QCOMPARE(g01->attributes.at("color"), std::string("navy"));
            QCOMPARE(g01->split.value_or(""), std::string("train"));
            QCOMPARE(g01->sourceRow, std::int64_t(2));
            QCOMPARE(g01->images.size(), std::size_t(1));
            const auto& im = g01->images.front();
            QCOMPARE(im.storage, uf::catalog::ImageStorage::Copied);
            QCOMPARE(QString::fromStdString(im.path),
                     QString::fromStdString("images/" + im.sha256.substr(0, 2) + "/" + im.sha256 + ".png"));
            QCOMPARE(uf::sha256File(c.resolveImage(im)), im.sha256);
            QCOMPARE(uf::sha256File(tmp / "shop/feed/img/g01.png"), im.sha256);
            QVERIFY(fs::exists(cat / "thumbs" / im.sha256.substr(0, 2) / (im.sha256 + ".jpg")));
            QCOMPARE(im.width, 28);
            QCOMPARE(c.findBySku("G02")->category, std::string("dress"));
            QCOMPARE(QString::fromStdString(c.findBySku("G04")->title.at("en")), QStringLiteral("Red skirt"));
            QCOMPARE(c.findBySku("G04")->title.count("ja"), std::size_t(0));
            QVERIFY(!c.findBySku("B01").has_value());
        }

        // Twice: nothing changes, not even a timestamp.
        const QStringList before = dumpCatalog(cat);
        const auto second = runCli(args);
        QCOMPARE(second.exitCode, 3);
        const QJsonObject s2 = parseJson(second);
        QCOMPARE(s2["imported"].toInt(), 0);
        QCOMPARE(s2["updated"].toInt(), 0);
        QCOMPARE(s2["unchanged"].toInt(), 10);
        QCOMPARE(s2["failed"].toInt(), 10);
        QCOMPARE(dumpCatalog(cat), before);

        // Every encoding stores the same products.
        uftest::TempDir ref;
        writeImages(ref.path());
        const fs::path refCsv = ref / "shop/feed/products.csv";
        writeBytes(refCsv, feedBytes("utf-8"));
        QCOMPARE(importHere(ref / "cat", refCsv).imported, std::int64_t(10));
        QCOMPARE(dumpCatalog(ref / "cat", false), dumpCatalog(cat, false));
    }

    void changedRowUpdates()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/products.csv";
        writeBytes(csv, feedBytes("utf-8"));
        QCOMPARE(importHere(tmp / "cat", csv).imported, std::int64_t(10));
        std::string createdG02;
        {
            uf::catalog::Catalog c(tmp / "cat");
            createdG02 = c.findBySku("G02")->createdAt;
        }
        std::string edited = replaceAll(kFeed, "G02,白いワンピース", "G02,白いロングワンピース");
        edited = replaceAll(edited, "img/g03.png,black,test", "img/g03.png,dark brown,test");
        edited = replaceAll(edited, "G05,グレーのパーカー,裏起毛,hoodie,img/g05.png", "G05,グレーのパーカー,裏起毛,hoodie,img/g06.png");
        writeBytes(csv, feedBytes("utf-8", edited));
        const auto s = importHere(tmp / "cat", csv);
        QCOMPARE(s.imported, std::int64_t(0));
        QCOMPARE(s.updated, std::int64_t(3));
        QCOMPARE(s.unchanged, std::int64_t(7));
        QCOMPARE(s.failed, std::int64_t(10));
        uf::catalog::Catalog c(tmp / "cat");
        const auto g02 = c.findBySku("G02");
        QCOMPARE(QString::fromStdString(g02->title.at("ja")), QStringLiteral("白いロングワンピース"));
        QCOMPARE(g02->createdAt, createdG02);
        QCOMPARE(c.findBySku("G03")->attributes.at("color"), std::string("dark brown"));
        QCOMPARE(c.findBySku("G05")->images.at(0).sha256, uf::sha256File(tmp / "shop/feed/img/g06.png"));
        QCOMPARE(c.findBySku("G05")->images.size(), std::size_t(1));
        QCOMPARE(c.count(), std::int64_t(10));
    }

    void jsonLines()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path file = tmp / "shop/feed/products.jsonl";
        writeBytes(file, std::string(
            "{\"sku\":\"J1\",\"title\":{\"ja\":\"紺のシャツ\",\"en\":\"navy shirt\"},\"category\":\"Shirt\",\"images\":[\"img/g01.png\",\"img/g02.png\"],\"attributes\":{\"Color\":\"Navy\",\"Sleeve Length\":\"Long\"},\"split\":\"test\"}" "\n"
            "{\"sku\":\"J2\",\"商品名\":\"白いワンピース\",\"画像\":\"img/g02.png\",\"color\":\"white\",\"price\":4990}" "\n"
            "\n"
            "{\"sku\":\"J3\",\"title\":\"broken" "\n"
            "[\"not\",\"an\",\"object\"]" "\n"
            "{\"sku\":\"J4\",\"image\":\"img/nope.png\"}" "\n"
            "{\"sku\":1234,\"title\":\"numbered\",\"image\":\"img/g05.png\"}" "\n"));
        const auto r = runCli({"import", "--catalog", QString::fromStdString((tmp / "cat").string()), "--json",
                               QString::fromStdString(file.string())});
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        const QJsonObject s = parseJson(r);
        QCOMPARE(s["imported"].toInt(), 3);
        QCOMPARE(s["failed"].toInt(), 3);
        std::map<int, QString> codeByRow;
        for (const auto& v : s["errors"].toArray())
            codeByRow[v.toObject()["row"].toInt()] = v.toObject()["code"].toString();
        QCOMPARE(codeByRow, (std::map<int, QString>{{4, "bad_json"}, {5, "bad_json"}, {6, "missing_file"}}));
        uf::catalog::Catalog c(tmp / "cat");
        const auto j1 = c.findBySku("J1");
        QVERIFY(j1.has_value());
        QCOMPARE(j1->images.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(j1->title.at("en")), QStringLiteral("navy shirt"));
        QCOMPARE(j1->category, std::string("shirt"));
        QCOMPARE(j1->attributes.at("sleeve"), std::string("long"));
        QCOMPARE(j1->split.value_or(""), std::string("test"));
        const auto j2 = c.findBySku("J2");
        QCOMPARE(QString::fromStdString(j2->title.at("ja")), QStringLiteral("白いワンピース"));
        QCOMPARE(j2->attributes.at("price"), std::string("4990"));
        QVERIFY(c.findBySku("1234").has_value());
    }

    void referenceMode()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/products.csv";
        writeBytes(csv, std::string("sku,title,image\nR1,navy shirt,img/g01.png\nR2,白いシャツ,./img/../img/g02.png\n"));
        const fs::path cat = tmp / "cat";
        const auto r = runCli({"import", "--catalog", QString::fromStdString(cat.string()), "--reference-images",
                               QString::fromStdString(csv.string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        uf::catalog::Catalog c(cat);
        const auto r2 = c.findBySku("R2");
        QCOMPARE(r2->images.at(0).storage, uf::catalog::ImageStorage::Referenced);
        QCOMPARE(fs::path(r2->images.at(0).path), fs::canonical(tmp / "shop/feed/img/g02.png"));
        QCOMPARE(QString::fromStdString(r2->title.at("ja")), QStringLiteral("白いシャツ"));
        QCOMPARE(QString::fromStdString(c.findBySku("R1")->title.at("en")), QStringLiteral("navy shirt"));
        QVERIFY(!fs::exists(cat / "images"));
        // Referenced and copied storage differ in content, so switching modes updates.
        QCOMPARE(importHere(cat, csv).updated, std::int64_t(2));
    }

    void allowRootAdmitsAnotherFolder()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/products.csv";
        writeBytes(csv, feedBytes("utf-8"));
        uf::pipeline::ImportOptions options;
        options.allowedRoots = {tmp / "outside"};
        const auto s = importHere(tmp / "cat", csv, options);
        QCOMPARE(s.imported, std::int64_t(11));
        QCOMPARE(s.failed, std::int64_t(9));
    }

    void mapOption()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/custom.csv";
        writeBytes(csv, std::string("code,name,pic,memo\nM1,navy shirt,img/g01.png,internal\n"));
        const QString cat = QString::fromStdString((tmp / "cat").string());
        const QString file = QString::fromStdString(csv.string());
        const auto noSku = runCli({"import", "--catalog", cat, file});
        QCOMPARE(noSku.exitCode, 1);
        QVERIFY2(noSku.err.contains("no SKU column"), qPrintable(noSku.err));
        const auto mapped = runCli({"import", "--catalog", cat, "--json", "--map", "code=sku", "--map", "name=title_en",
                                    "--map", "pic=image", "--map", "memo=ignore", file});
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.out + mapped.err));
        uf::catalog::Catalog c(tmp / "cat");
        const auto m1 = c.findBySku("M1");
        QVERIFY(m1.has_value());
        QCOMPARE(m1->title.at("en"), std::string("navy shirt"));
        QCOMPARE(m1->images.size(), std::size_t(1));
        QVERIFY(m1->attributes.empty());
        QCOMPARE(runCli({"import", "--catalog", cat, "--map", "nosuch=sku", file}).exitCode, 2);
        QCOMPARE(runCli({"import", "--catalog", cat, "--map", "code=price", file}).exitCode, 2);
    }

    void exitCodesAndHumanSummary()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const QString cat = QString::fromStdString((tmp / "cat").string());
        QCOMPARE(runCli({"import", "--catalog", cat, QString::fromStdString((tmp / "missing.csv").string())}).exitCode, 1);
        QCOMPARE(runCli({"import", "--catalog", cat}).exitCode, 2);
        QCOMPARE(runCli({"import", "x.csv"}).exitCode, 2);
        QCOMPARE(runCli({"import", "--catalog", cat, "--copy-images", "--reference-images", "x.csv"}).exitCode, 2);
        QCOMPARE(runCli({"import", "--help"}).exitCode, 0);

        const fs::path good = tmp / "shop/feed/good.csv";
        writeBytes(good, std::string("sku,title,image\nA1,navy shirt,img/g01.png\n"));
        const auto ok = runCli({"import", "--catalog", cat, QString::fromStdString(good.string())});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(ok.out.contains("imported 1"), qPrintable(ok.out));

        const fs::path csv = tmp / "shop/feed/products.csv";
        writeBytes(csv, feedBytes("utf-8"));
        const auto partial = runCli({"import", "--catalog", cat, QString::fromStdString(csv.string())});
        QCOMPARE(partial.exitCode, 3);
        QVERIFY2(partial.out.contains("failed 10"), qPrintable(partial.out));
        QVERIFY2(partial.out.contains("row 13: image 'img/nope.png' not found"), qPrintable(partial.out));
        QVERIFY2(partial.out.contains("row 20: too few columns"), qPrintable(partial.out));
    }

    void cancelStopsAfterWholeProducts()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        std::string csv = "sku,title,image,color\n";
        for (int i = 0; i < 300; ++i) {
            char line[96];
            std::snprintf(line, sizeof line, "C%03d,shirt %d,img/g%02d.png,c%d\n", i, i, i % 10 + 1, i % 7);
            csv += line;
        }
        const fs::path file = tmp / "shop/feed/many.csv";
        writeBytes(file, csv);
        uf::catalog::Catalog c(tmp / "cat", uf::catalog::Catalog::OpenMode::Create);
        uf::pipeline::ImportOptions options;
        options.batchSize = 50;
        const auto s = uf::pipeline::importFile(c, file, options, [](std::int64_t done, std::int64_t total) {
            return !(done >= 120 && total == 300);
        });
        QVERIFY(s.cancelled);
        QCOMPARE(s.imported, std::int64_t(120));
        QCOMPARE(c.count(), std::int64_t(120));
        const auto rest = uf::pipeline::importFile(c, file, options, {});
        QVERIFY(!rest.cancelled);
        QCOMPARE(rest.imported, std::int64_t(180));
        QCOMPARE(rest.unchanged, std::int64_t(120));
        QCOMPARE(c.count(), std::int64_t(300));
    }

    void tooManyColumnsAndBadSplit()
    {
        uftest::TempDir tmp;
        writeImages(tmp.path());
        const fs::path csv = tmp / "shop/feed/p.csv";
        writeBytes(csv, std::string("sku,title,split\nA1,x,train\nA2,y,test,extra\nA3,z,train,,\nA4,w,holdout\n"
                                    "A5,\"never closed,train\nA6,v,train\n"));
        uf::catalog::Catalog c(tmp / "cat", uf::catalog::Catalog::OpenMode::Create);
        const auto s = uf::pipeline::importFile(c, csv, {}, {});
        QCOMPARE(s.imported, std::int64_t(2)); // A1, and A3 whose extra cells are empty
        QCOMPARE(s.failed, std::int64_t(3));
        QCOMPARE(QString::fromStdString(s.errors.at(0).code), QStringLiteral("column_count"));
        QCOMPARE(s.errors.at(0).row, std::int64_t(3));
        QCOMPARE(QString::fromStdString(s.errors.at(1).code), QStringLiteral("bad_split"));
        QCOMPARE(QString::fromStdString(s.errors.at(2).code), QStringLiteral("unterminated_quote"));
        QCOMPARE(s.errors.at(2).row, std::int64_t(6));
    }
};

QTEST_GUILESS_MAIN(ImportTest)
#include "ImportTest.moc"
