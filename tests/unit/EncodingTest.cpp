// Encoding detection and conversion of imported files: UTF-8 with and without BOM, CP932 (as Excel
// writes it in Japanese offices, generated here with ICU from UTF-8), UTF-16 with BOM, and bytes that
// are valid in neither, which must be reported by line while the rest of the file decodes.
#include "common/Error.h"
#include "ingest/SourceReader.h"
#include "text/Encoding.h"

#include <QtTest>

using namespace uf::text;

namespace {

const std::string kSample = "品番,商品名,説明\nA1,紺のストライプシャツ,\"綿100%、長袖。\nｼｬﾂ\"\nA2,white dress,plain\n";

std::string withBytesAfter(const std::string& text, const std::string& marker, const std::string& bytes)
{
    std::string out = text;
    out.insert(out.find(marker) + marker.size(), bytes);
    return out;
}

} // namespace

class EncodingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<bool>("bom");
        const QByteArray utf8 = QByteArray::fromStdString(kSample);
        QTest::newRow("utf-8") << utf8 << "utf-8" << false;
        QTest::newRow("utf-8 bom") << (QByteArray("\xEF\xBB\xBF") + utf8) << "utf-8" << true;
        QTest::newRow("cp932") << QByteArray::fromStdString(utf8ToCp932(kSample)) << "cp932" << false;
        QTest::newRow("ascii") << QByteArray("sku,title\nA1,shirt\n") << "utf-8" << false;
        const QString s = QString::fromUtf8(utf8);
        QByteArray le("\xFF\xFE");
        for (QChar c : s) {
            le.append(static_cast<char>(c.unicode() & 0xff));
            le.append(static_cast<char>(c.unicode() >> 8));
        }
        QTest::newRow("utf-16le bom") << le << "utf-16le" << true;
    }

    void detects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QFETCH(bool, bom);
        const DecodedText d = decodeText(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        QCOMPARE(QString::fromLatin1(encodingName(d.encoding)), encoding);
        QCOMPARE(d.bom, bom);
        QVERIFY(d.invalidLines.empty());
        if (bytes.startsWith("sku"))
            return;
        QCOMPARE(QString::fromStdString(d.utf8), QString::fromStdString(kSample));
    }

    void cp932RoundTripsAndHasKnownBytes()
    {
        // The bytes Shift_JIS assigns, so that the generator is not merely consistent with itself.
        QCOMPARE(QByteArray::fromStdString(utf8ToCp932("あ")), QByteArray("\x82\xA0"));
        QCOMPARE(QByteArray::fromStdString(utf8ToCp932("品番")), QByteArray("\x95\x69\x94\xD4"));
        QCOMPARE(QByteArray::fromStdString(utf8ToCp932("ｼｬﾂ")), QByteArray("\xBC\xAC\xC2"));
        const std::string cp = utf8ToCp932(kSample);
        const auto back = cp932ToUtf8(cp);
        QVERIFY(back.has_value());
        QCOMPARE(QString::fromStdString(*back), QString::fromStdString(kSample));
        QCOMPARE(QString::fromStdString(toUtf8Strict(cp)), QString::fromStdString(kSample));
    }

    void unmappableCharacterIsNamed()
    {
        try {
            utf8ToCp932("shirt 👕");
            QFAIL("an emoji cannot be written in CP932");
        } catch (const uf::BadInputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("U+1F455"), e.what());
        }
    }

    void invalidLineInUtf8File()
    {
        // Line 4 (row A2; the quoted description spans lines 2-3) holds bytes that are neither UTF-8 nor CP932.
        const std::string bytes = withBytesAfter(kSample, "A2,white", "\x81\x7F");
        const DecodedText d = decodeText(bytes);
        QCOMPARE(d.encoding, TextEncoding::Utf8);
        QCOMPARE(d.invalidLines, std::vector<std::int64_t>{4});
        QVERIFY(QString::fromStdString(d.utf8).contains(QStringLiteral("紺のストライプシャツ")));
        try {
            toUtf8Strict(bytes);
            QFAIL("strict conversion must refuse invalid bytes");
        } catch (const uf::BadInputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("line 4"), e.what());
        }
    }

    void invalidLineInCp932File()
    {
        const std::string cp = utf8ToCp932(kSample);
        const std::string bytes = withBytesAfter(cp, "A2,white", "\x81\x7F");
        const DecodedText d = decodeText(bytes);
        QCOMPARE(d.encoding, TextEncoding::Cp932);
        QCOMPARE(d.invalidLines, std::vector<std::int64_t>{4});
        QVERIFY(QString::fromStdString(d.utf8).contains(QStringLiteral("紺のストライプシャツ")));
        std::size_t offset = 0;
        QVERIFY(!cp932ToUtf8(bytes, &offset).has_value());
        QCOMPARE(offset, bytes.find("\x81\x7F"));
    }

    void oneBadRowDoesNotFlipTheEncoding()
    {
        // A UTF-8 file of many Japanese rows with one stray CP932 row stays UTF-8, and vice versa.
        std::string utf8 = "sku,title\n";
        for (int i = 0; i < 20; ++i) {
            const std::string n = std::to_string(i);
            utf8.append("S").append(n).append(",紺のストライプシャツ ").append(n).append("\n");
        }
        const std::string mixedUtf8 = utf8 + "X1," + utf8ToCp932("白いワンピース") + "\n";
        DecodedText d = decodeText(mixedUtf8);
        QCOMPARE(d.encoding, TextEncoding::Utf8);
        QCOMPARE(d.invalidLines, std::vector<std::int64_t>{22});

        const std::string mixedCp = utf8ToCp932(utf8) + "X1,白いワンピース\n";
        d = decodeText(mixedCp);
        QCOMPARE(d.encoding, TextEncoding::Cp932);
        QCOMPARE(d.invalidLines, std::vector<std::int64_t>{22});
    }

    void readerReportsEncodingAndFailsOnlyTheBadRow()
    {
        const std::string cp = withBytesAfter(utf8ToCp932(kSample), "A2,white", "\xFF");
        const uf::ingest::ColumnMapper mapper;
        const auto table = uf::ingest::parseSource(cp, uf::ingest::SourceFormat::Csv, mapper, "x.csv");
        QCOMPARE(table.encoding, TextEncoding::Cp932);
        QCOMPARE(table.rows.size(), std::size_t(2));
        QVERIFY(table.rows[0].ok());
        QCOMPARE(QString::fromStdString(table.rows[0].product.title.at("ja")), QStringLiteral("紺のストライプシャツ"));
        QCOMPARE(QString::fromStdString(table.rows[0].product.description.at("ja")), QStringLiteral("綿100%、長袖。\nｼｬﾂ"));
        QCOMPARE(QString::fromStdString(table.rows[1].errorCode), QStringLiteral("invalid_encoding"));
        QCOMPARE(table.rows[1].row, std::int64_t(4));
        QVERIFY(QString::fromStdString(table.rows[1].error).contains("line 4"));
    }

    void headerWithBadBytesFailsTheFile()
    {
        const uf::ingest::ColumnMapper mapper;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError,
                                 uf::ingest::parseSource("sku,ti\x81\x7Ftle\nA1,x\n", uf::ingest::SourceFormat::Csv,
                                                         mapper, "x.csv"));
    }

    void japaneseDetection()
    {
        QVERIFY(containsJapanese("紺"));
        QVERIFY(containsJapanese("シャツ"));
        QVERIFY(containsJapanese("ひらがな"));
        QVERIFY(containsJapanese("ｼｬﾂ"));
        QVERIFY(!containsJapanese("Navy shirt, 100% cotton"));
        QVERIFY(!containsJapanese("café"));
    }
};

QTEST_GUILESS_MAIN(EncodingTest)
#include "EncodingTest.moc"
