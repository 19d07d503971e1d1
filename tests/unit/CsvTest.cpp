// CSV reading (RFC 4180 and the ways spreadsheets bend it) and header mapping from English and
// Japanese column names to product fields.
#include "ingest/ColumnMap.h"
#include "ingest/Csv.h"
#include "common/Error.h"
#include "text/Encoding.h"

#include <QtTest>

using namespace uf::ingest;

using Records = QList<QStringList>;
Q_DECLARE_METATYPE(Records)

namespace {

Records toRecords(const std::vector<CsvRecord>& recs)
{
    Records out;
    for (const auto& r : recs) {
        QStringList fields;
        for (const auto& f : r.fields)
            fields << QString::fromStdString(f);
        out << fields;
    }
    return out;
}

QList<int> lines(const std::vector<CsvRecord>& recs)
{
    QList<int> out;
    for (const auto& r : recs)
        out << static_cast<int>(r.line);
    return out;
}

} // namespace

class CsvTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Records>("expected");
        QTest::addColumn<QList<int>>("startLines");

        QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << Records{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Records{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
        QTest::newRow("lone CR") << QByteArray("a,b\r1,2\r") << Records{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
        QTest::newRow("no final line break") << QByteArray("a,b\n1,2") << Records{{"a", "b"}, {"1", "2"}} << QList<int>{1, 2};
        QTest::newRow("trailing empty lines") << QByteArray("a,b\n1,2\n\n\r\n") << Records{{"a", "b"}, {"1", "2"}}
                                              << QList<int>{1, 2};
        QTest::newRow("blank line inside") << QByteArray("a,b\n\n1,2\n") << Records{{"a", "b"}, {"1", "2"}}
                                           << QList<int>{1, 3};
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFsku,title\nA1,x\n") << Records{{"sku", "title"}, {"A1", "x"}}
                             << QList<int>{1, 2};
        QTest::newRow("quoted comma") << QByteArray("a,b\n\"x,y\",z\n") << Records{{"a", "b"}, {"x,y", "z"}}
                                      << QList<int>{1, 2};
        QTest::newRow("doubled quotes") << QByteArray("a\n\"he said \"\"hi\"\"\"\n") << Records{{"a"}, {"he said \"hi\""}}
                                        << QList<int>{1, 2};
        QTest::newRow("embedded LF") << QByteArray("h1,h2\n\"line1\nline2\",x\ny,z\n")
                                     << Records{{"h1", "h2"}, {"line1\nline2", "x"}, {"y", "z"}} << QList<int>{1, 2, 4};
        QTest::newRow("embedded CRLF becomes LF") << QByteArray("h1,h2\r\n\"l1\r\nl2\r\nl3\",x\r\ny,z\r\n")
                                                  << Records{{"h1", "h2"}, {"l1\nl2\nl3", "x"}, {"y", "z"}}
                                                  << QList<int>{1, 2, 5};
        QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n") << Records{{"a", "b", "c"}, {"", "", ""}}
                                      << QList<int>{1, 2};
        QTest::newRow("quoted empty") << QByteArray("a,b\n\"\",x\n") << Records{{"a", "b"}, {"", "x"}} << QList<int>{1, 2};
        QTest::newRow("trailing comma") << QByteArray("a,b\n1,\n") << Records{{"a", "b"}, {"1", ""}} << QList<int>{1, 2};
        QTest::newRow("text after closing quote kept") << QByteArray("a\n\"x\"y\n") << Records{{"a"}, {"xy"}}
                                                       << QList<int>{1, 2};
        QTest::newRow("quote inside unquoted field") << QByteArray("a\n5\"5\n") << Records{{"a"}, {"5\"5"}}
                                                     << QList<int>{1, 2};
        QTest::newRow("Japanese") << QByteArray("品番,商品名\nA1,\"紺の、シャツ\"\n") << Records{{"品番", "商品名"}, {"A1", "紺の、シャツ"}}
                                  << QList<int>{1, 2};
        QTest::newRow("spaces kept") << QByteArray("a,b\n x , y \n") << Records{{"a", "b"}, {" x ", " y "}}
                                     << QList<int>{1, 2};
    }

    void parses()
    {
        QFETCH(QByteArray, input);
        QFETCH(Records, expected);
        QFETCH(QList<int>, startLines);
        const auto recs = parseCsv(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QCOMPARE(toRecords(recs), expected);
        QCOMPARE(lines(recs), startLines);
        for (const auto& r : recs)
            QVERIFY(!r.unterminatedQuote);
    }

    void unterminatedQuoteIsFlagged()
    {
        const auto recs = parseCsv("a,b\n1,2\n\"never closed,3\n4,5\n");
        QCOMPARE(recs.size(), std::size_t(3));
        QVERIFY(!recs[1].unterminatedQuote);
        QVERIFY(recs[2].unterminatedQuote);
        QCOMPARE(recs[2].line, std::int64_t(3));
    }

    void recordSpanningLinesReportsItsFirstLine()
    {
        const auto recs = parseCsv("sku,desc\nA,\"one\ntwo\nthree\"\nB,x\n");
        QCOMPARE(recs.size(), std::size_t(3));
        QCOMPARE(recs[1].line, std::int64_t(2));
        QCOMPARE(recs[1].lastLine, std::int64_t(4));
        QCOMPARE(recs[2].line, std::int64_t(5));
    }

    void tabSeparated()
    {
        const std::string text = "sku\ttitle\nA1\tx, y\n";
        QCOMPARE(sniffDelimiter(text), '\t');
        const auto recs = parseCsv(text, '\t');
        QCOMPARE(toRecords(recs), (Records{{"sku", "title"}, {"A1", "x, y"}}));
        QCOMPARE(sniffDelimiter("sku,title\tx\n"), ',');
    }

    void headerMapping_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("attributeKey");
        auto row = [](const char* name, const char* h, Field f, const char* key = "") {
            QTest::newRow(name) << QString::fromUtf8(h) << static_cast<int>(f) << QString::fromUtf8(key);
        };
        row("sku", "sku", Field::Sku);
        row("SKU", "SKU", Field::Sku);
        row("品番", "品番", Field::Sku);
        row("商品コード", "商品コード", Field::Sku);
        row("full-width SKU", "ＳＫＵ", Field::Sku);
        row("title", "Title", Field::Title);
        row("商品名", "商品名", Field::Title);
        row("タイトル", "タイトル", Field::Title);
        row("title_ja", "title_ja", Field::TitleJa);
        row("Title (EN)", "Title (EN)", Field::TitleEn);
        row("description", "description", Field::Description);
        row("説明", "説明", Field::Description);
        row("商品説明", "商品説明", Field::Description);
        row("description_en", "description_en", Field::DescriptionEn);
        row("description-ja", "description-ja", Field::DescriptionJa);
        row("category", "category", Field::Category);
        row("カテゴリ", "カテゴリ", Field::Category);
        row("カテゴリー", "カテゴリー", Field::Category);
        row("image", "image", Field::Image);
        row("画像", "画像", Field::Image);
        row("image_path", "Image Path", Field::Image);
        row("画像パス", "画像パス", Field::Image);
        row("image2", "image2", Field::Image);
        row("images", "images", Field::Images);
        row("split", "split", Field::Split);
        row("分割", "分割", Field::Split);
        row("attribute", "Color", Field::Attribute, "color");
        row("attribute with space", "Sleeve Length", Field::Attribute, "sleeve");
        row("attribute other", "Neck Line", Field::Attribute, "neck_line");
        row("Japanese attribute", "色", Field::Attribute, "color");
        row("Japanese attribute 2", "柄", Field::Attribute, "pattern");
        row("Japanese attribute kept", "生産国", Field::Attribute, "生産国");
    }

    void headerMapping()
    {
        QFETCH(QString, header);
        QFETCH(int, field);
        QFETCH(QString, attributeKey);
        const ColumnMapper mapper;
        const ColumnTarget t = mapper.target(header.toStdString());
        QCOMPARE(static_cast<int>(t.field), field);
        if (t.field == Field::Attribute)
            QCOMPARE(QString::fromStdString(t.attributeKey), attributeKey);
    }

    void explicitMapsOverride()
    {
        const ColumnMapper mapper({"code=sku", "name=title_en", "memo=ignore", "Farbe=attr:Color", "pics=images"});
        QCOMPARE(mapper.target("code").field, Field::Sku);
        QCOMPARE(mapper.target("CODE").field, Field::Sku); // case-insensitive match
        QCOMPARE(mapper.target("name").field, Field::TitleEn);
        QCOMPARE(mapper.target("memo").field, Field::Ignore);
        QCOMPARE(mapper.target("Farbe").field, Field::Attribute);
        QCOMPARE(QString::fromStdString(mapper.target("Farbe").attributeKey), QStringLiteral("color"));
        QCOMPARE(mapper.target("pics").field, Field::Images);
        QCOMPARE(mapper.target("品番").field, Field::Sku); // unmapped columns keep the defaults
    }

    void badMapsAreUsageErrors()
    {
        QVERIFY_THROWS_EXCEPTION(uf::UsageError, ColumnMapper({"code"}));
        QVERIFY_THROWS_EXCEPTION(uf::UsageError, ColumnMapper({"code=price"}));
        QVERIFY_THROWS_EXCEPTION(uf::UsageError, ColumnMapper({"=sku"}));
        QVERIFY_THROWS_EXCEPTION(uf::UsageError, ColumnMapper({"x=attr:"}));
    }

    void languageDetectionAndImageLists()
    {
        QCOMPARE(QString::fromStdString(uf::text::detectLanguage("紺のストライプシャツ")), QStringLiteral("ja"));
        QCOMPARE(QString::fromStdString(uf::text::detectLanguage("ｼｬﾂ")), QStringLiteral("ja"));
        QCOMPARE(QString::fromStdString(uf::text::detectLanguage("navy striped shirt")), QStringLiteral("en"));
        QCOMPARE(splitImageList(" a.png; b.png |c.png;; "), (std::vector<std::string>{"a.png", "b.png", "c.png"}));
        QCOMPARE(QString::fromStdString(canonicalSku("　ＡＢ－１２ ")), QStringLiteral("AB-12"));
        QCOMPARE(QString::fromStdString(trimText("\xE3\x80\x80x y\t")), QStringLiteral("x y"));
    }
};

QTEST_GUILESS_MAIN(CsvTest)
#include "CsvTest.moc"
