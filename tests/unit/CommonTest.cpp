// common/: SHA-256 against FIPS 180-4 vectors, crash-safe writes, and text folding.
#include "TestSupport.h"
#include "common/Files.h"
#include "text/Normalize.h"

#include <QtTest>
#include <fstream>

class CommonTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sha256Vectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("million a") << QByteArray(1000000, 'a') << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    }

    void sha256Vectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, digest);
        QCOMPARE(QString::fromStdString(uf::sha256Hex(std::string_view(input.constData(), std::size_t(input.size())))), digest);
        // Streaming in odd pieces gives the same digest.
        uf::Sha256 h;
        for (qsizetype i = 0; i < input.size(); i += 37)
            h.update(input.constData() + i, std::size_t(std::min<qsizetype>(37, input.size() - i)));
        QCOMPARE(QString::fromStdString(h.hexDigest()), digest);
    }

    void atomicWriteReplacesWholeFile()
    {
        uftest::TempDir dir;
        const auto path = dir / "sub/file.bin";
        uf::writeFileAtomic(path, std::string_view("first version, long"));
        uf::writeFileAtomic(path, std::string_view("second"));
        QCOMPARE(QString::fromStdString(uf::readFileText(path)), QStringLiteral("second"));
        // No temporary files are left behind.
        int files = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(path.parent_path()))
            ++files;
        QCOMPARE(files, 1);
        QCOMPARE(QString::fromStdString(uf::sha256File(path)), QString::fromStdString(uf::sha256Hex(std::string_view("second"))));
    }

    void normalizeFoldsWidthCaseAndSpace_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("full-width latin") << QStringLiteral("ＮＡＶＹ　Ｓｈｉｒｔ") << QStringLiteral("navy shirt");
        QTest::newRow("half-width katakana") << QStringLiteral("ｼｬﾂ") << QStringLiteral("シャツ");
        QTest::newRow("mixed") << QStringLiteral("  Navy　のシャツ  ") << QStringLiteral("navy のシャツ");
        QTest::newRow("full-width digits") << QStringLiteral("ＳＫＵ－１２３") << QStringLiteral("sku-123");
        QTest::newRow("tabs and newlines") << QStringLiteral("red\t\nstriped") << QStringLiteral("red striped");
    }

    void normalizeFoldsWidthCaseAndSpace()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(uf::text::normalize(input.toStdString())), expected);
    }

    void wordsSplitJapaneseAndEnglish()
    {
        const auto w = uf::text::words("紺のシャツ, navy shirt!");
        QVERIFY(std::find(w.begin(), w.end(), "navy") != w.end());
        QVERIFY(std::find(w.begin(), w.end(), "shirt") != w.end());
        QVERIFY(std::find(w.begin(), w.end(), "シャツ") != w.end());
        QVERIFY(std::find(w.begin(), w.end(), ",") == w.end());
    }

    void utf8Validation()
    {
        QVERIFY(uf::text::isValidUtf8("紺のシャツ"));
        QVERIFY(!uf::text::isValidUtf8("\x8d\xaf")); // CP932 bytes for 紺
        QCOMPARE(uf::text::codePoints("aé紺").size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(CommonTest)
#include "CommonTest.moc"
