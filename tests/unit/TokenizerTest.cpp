// The model tokenizer: exact round trips for Japanese, English, full-width and mixed text, no
// out-of-vocabulary query, typo robustness through pieces, and its JSON form.
#include "common/Error.h"
#include "text/Normalize.h"
#include "text/Tokenizer.h"

#include <QtTest>
#include <algorithm>

using uf::text::Tokenizer;

class TokenizerTest : public QObject {
    Q_OBJECT

    Tokenizer m_tok;

    static std::vector<std::string> corpus()
    {
        std::vector<std::string> texts;
        const char* en[] = {"navy striped shirt with long sleeves", "red dotted dress", "black plain trousers",
                            "white floral skirt", "navy plain shirt", "striped t-shirt in red", "long dress, navy"};
        const char* ja[] = {"紺色のストライプシャツ（長袖）", "赤のドット柄ワンピース", "黒の無地パンツ", "白の花柄スカート",
                            "紺の無地シャツ", "赤いボーダーTシャツ"};
        for (int r = 0; r < 3; ++r) {
            for (auto* t : en)
                texts.emplace_back(t);
            for (auto* t : ja)
                texts.emplace_back(t);
        }
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Tokenizer::BuildOptions o;
        o.minWordCount = 2;
        o.minPieceCount = 2;
        m_tok = Tokenizer::build(corpus(), o);
        QVERIFY(m_tok.size() > Tokenizer::kNumSpecial + 256);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("english") << QString::fromUtf8("Navy Striped Shirt, long sleeves.");
        QTest::newRow("japanese") << QString::fromUtf8("紺色のストライプシャツ（長袖）です。");
        QTest::newRow("full-width") << QString::fromUtf8("ＮＡＶＹ　ｼｬﾂ　ＸＬ");
        QTest::newRow("mixed") << QString::fromUtf8("navy のシャツ 2024年モデル、size M");
        QTest::newRow("unseen kanji and emoji") << QString::fromUtf8("鬱金色 👗 dress!!");
        QTest::newRow("typo") << QString::fromUtf8("navvy stripped shrt");
        QTest::newRow("spaces in japanese") << QString::fromUtf8("紺 シャツ  長袖");
        QTest::newRow("apostrophe and decimals") << QString::fromUtf8("don't 3.5 cm t-shirt");
        QTest::newRow("accented") << QString::fromUtf8("Café crème blouse");
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        const std::string in = text.toStdString();
        const auto ids = m_tok.encode(in);
        QVERIFY(!ids.empty());
        QVERIFY(std::find(ids.begin(), ids.end(), int(Tokenizer::Unk)) == ids.end());
        QCOMPARE(QString::fromStdString(m_tok.decode(ids)), QString::fromStdString(uf::text::normalize(in)));
    }

    void fullWidthEqualsHalfWidth()
    {
        QCOMPARE(m_tok.encode("ＮＡＶＹ　ｼｬﾂ"), m_tok.encode("navy シャツ"));
    }

    void japaneseIsCharacterLevel()
    {
        // 紺色 and 紺 share the token 紺: unseen compounds stay close to what the model learnt.
        const auto a = m_tok.encode("紺色");
        const auto b = m_tok.encode("紺");
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a.front(), b.front());
    }

    void typosShareKnownPieces()
    {
        const int navy = m_tok.id("navy");
        QVERIFY(navy >= 0);
        QCOMPARE(m_tok.encode("navy"), std::vector<int>{navy});
        const auto typo = m_tok.encode("navvy");
        QVERIFY(typo.size() >= 2);
        QVERIFY(m_tok.token(typo.front()).rfind("na", 0) == 0);
    }

    void spacesCanBeDropped()
    {
        Tokenizer::EncodeOptions o;
        o.keepSpaces = false;
        const auto ids = m_tok.encode("紺 シャツ", o);
        QVERIFY(std::find(ids.begin(), ids.end(), int(Tokenizer::Space)) == ids.end());
        QCOMPARE(QString::fromStdString(m_tok.decode(ids)), QString::fromUtf8("紺シャツ"));
        QCOMPARE(m_tok.decode(m_tok.encode("navy shirt", o)), std::string("navy shirt"));
    }

    void pieceDropoutKeepsText()
    {
        std::mt19937_64 rng(7);
        Tokenizer::EncodeOptions o;
        o.pieceDropout = 1.0f;
        o.rng = &rng;
        const auto ids = m_tok.encode("navy striped shirt", o);
        QVERIFY(ids.size() > 3);
        QCOMPARE(m_tok.decode(ids), std::string("navy striped shirt"));
    }

    void specialsAndTruncation()
    {
        std::vector<int> ids = {Tokenizer::Bos, Tokenizer::LangEn};
        const auto body = m_tok.encode("red dress");
        ids.insert(ids.end(), body.begin(), body.end());
        ids.push_back(Tokenizer::Eos);
        QCOMPARE(m_tok.decode(ids), std::string("red dress"));
        QCOMPARE(m_tok.decode(ids, false), std::string("[BOS][LANG_EN]red dress[EOS]"));
        Tokenizer::EncodeOptions o;
        o.maxTokens = 1;
        QCOMPARE(m_tok.encode("red dress", o).size(), std::size_t(1));
        QCOMPARE(m_tok.decode({-5, 99999999}), std::string());
    }

    void jsonRoundTrip()
    {
        const Tokenizer back = Tokenizer::fromJson(m_tok.toJson());
        QCOMPARE(back.size(), m_tok.size());
        QCOMPARE(back.fingerprint(), m_tok.fingerprint());
        QCOMPARE(back.encode("紺のシャツ navy dress"), m_tok.encode("紺のシャツ navy dress"));
    }

    void malformedJsonIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, Tokenizer::fromJson("{not json"));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, Tokenizer::fromJson(R"({"format":"other","tokens":[]})"));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError,
                                 Tokenizer::fromJson(R"({"format":"unifashion-tokenizer","version":1,"tokens":["a","a"]})"));
    }
};

QTEST_GUILESS_MAIN(TokenizerTest)
#include "TokenizerTest.moc"
