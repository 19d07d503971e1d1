// The fashion vocabulary: canonical keys and values, Japanese and English synonyms found in shop
// copy and queries (full-width, half-width katakana, mixed languages, longest match, whole English
// words), category rules, the Fashion-MNIST mapping, and the hand-written query set in
// tests/data/queries.tsv (well formed, canonical, and — typos aside — understood word for word).
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Files.h"
#include "text/FashionVocabulary.h"
#include "text/Normalize.h"
#include "text/QueryText.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using namespace uf;

namespace {

using PairSet = std::set<text::AttributePair>;

PairSet parseExpected(const std::string& s)
{
    PairSet out;
    std::stringstream ss(s);
    std::string kv;
    while (std::getline(ss, kv, ';')) {
        if (kv.empty())
            continue;
        const auto eq = kv.find('=');
        out.insert({kv.substr(0, eq), eq == std::string::npos ? std::string() : kv.substr(eq + 1)});
    }
    return out;
}

PairSet found(const std::string& text)
{
    const auto f = text::findAttributesInText(text);
    return PairSet(f.begin(), f.end());
}

std::string show(const PairSet& s)
{
    std::string out;
    for (const auto& [k, v] : s)
        out += (out.empty() ? "" : ";") + k + "=" + v;
    return out;
}

struct Query {
    std::string lang, kind, query, expected;
    int line = 0;
};

std::vector<Query> readQueries()
{
    std::vector<Query> out;
    std::stringstream in(readFileText(uftest::testDataDir() / "queries.tsv"));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (n == 1)
            continue; // header
        std::vector<std::string> cols;
        std::stringstream ls(line);
        std::string c;
        while (std::getline(ls, c, '\t'))
            cols.push_back(c);
        Query q;
        q.line = n;
        if (cols.size() == 4) {
            q.lang = cols[0];
            q.kind = cols[1];
            q.query = cols[2];
            q.expected = cols[3];
        }
        out.push_back(q);
    }
    return out;
}

} // namespace

class VocabularyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keysAndValues();
    void everyValueHasWordsInBothLanguages();
    void everySurfaceWordFindsItsValue();
    void findsAttributesInText_data();
    void findsAttributesInText();
    void applicableKeysFollowTheCategory();
    void fashionMnistClassesMapToCategories();
    void querySetIsWellFormed();
    void querySetIsUnderstoodExceptTypos();
    void readsQueries_data();
    void readsQueries();
    void keywordsOfALongerQuery_data();
    void keywordsOfALongerQuery();
    void editDistanceCountsOneSlip();
    void querySetIsReadWithItsMeaning();
};

void VocabularyTest::keysAndValues()
{
    const std::vector<std::string> keys = {"category", "color", "pattern", "sleeve", "length", "neckline", "heel"};
    QCOMPARE(text::attributeKeys(), keys);
    QCOMPARE(text::attributeColumns(), std::vector<std::string>(keys.begin() + 1, keys.end()));
    for (const char* c : {"tshirt", "shirt", "blouse", "pullover", "hoodie", "coat", "dress", "skirt", "trousers", "shorts", "sneakers",
                          "boots", "sandals", "bag"})
        QVERIFY2(text::isCanonical("category", c), c);
    QCOMPARE(text::values("color").size(), std::size_t(12));
    for (const char* c : {"navy", "red", "white", "black", "grey", "beige", "brown", "green", "blue", "yellow", "pink", "purple"})
        QVERIFY2(text::isCanonical("color", c), c);
    QCOMPARE(text::values("pattern").size(), std::size_t(6));
    for (const char* p : {"plain", "stripes", "dots", "checks", "floral", "camouflage"})
        QVERIFY2(text::isCanonical("pattern", p), p);
    QVERIFY(!text::isCanonical("color", "Navy"));
    QVERIFY(!text::isCanonical("colour", "navy"));
    QVERIFY(text::values("no-such-key").empty());
    QVERIFY(text::findValue("color", "teal") == nullptr);
    // Canonical values are lower-case ASCII and unique per key.
    for (const std::string& key : keys) {
        std::set<std::string> seen;
        for (const auto& v : text::values(key)) {
            QCOMPARE(v.key, key);
            QVERIFY(seen.insert(v.value).second);
            for (char ch : v.value)
                QVERIFY2((ch >= 'a' && ch <= 'z'), v.value.c_str());
        }
    }
}

void VocabularyTest::everyValueHasWordsInBothLanguages()
{
    for (const std::string& key : text::attributeKeys())
        for (const auto& v : text::values(key)) {
            QVERIFY2(!v.en.empty() && !v.ja.empty(), (key + "=" + v.value).c_str());
            QCOMPARE(text::displayName(key, v.value, "en"), v.en.front());
            QCOMPARE(text::displayName(key, v.value, "ja"), v.ja.front());
        }
    QCOMPARE(text::displayName("color", "navy", "ja"), std::string("紺"));
    QCOMPARE(text::displayName("category", "trousers", "en"), std::string("trousers"));
    QCOMPARE(text::displayName("color", "teal", "en"), std::string("teal"));
    QCOMPARE(text::displayName("color", "navy", "fr"), std::string("navy"));
}

void VocabularyTest::everySurfaceWordFindsItsValue()
{
    // No synonym is swallowed by a longer word of another value.
    for (const std::string& key : text::attributeKeys())
        for (const auto& v : text::values(key))
            for (const auto* words : {&v.en, &v.ja})
                for (const std::string& w : *words) {
                    const PairSet f = found(w);
                    QVERIFY2(f.count({key, v.value}), (w + " -> " + show(f) + ", expected " + key + "=" + v.value).c_str());
                }
    // Each hiragana reading stands for a word the vocabulary knows, and is not matched itself.
    for (const auto& [reading, word] : text::kanaReadings()) {
        QVERIFY2(!found(word).empty(), word.c_str());
        QVERIFY2(found(reading).empty(), reading.c_str());
        QVERIFY2(text::codePoints(reading).size() >= 3, reading.c_str());
    }
}

void VocabularyTest::findsAttributesInText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* name, const char* t, const char* e) { QTest::newRow(name) << QString::fromUtf8(t) << QString::fromUtf8(e); };
    row("ja keywords", "紺 シャツ", "category=shirt;color=navy");
    row("full-width latin", "ＮＡＶＹ　ストライプ　シャツ", "category=shirt;color=navy;pattern=stripes");
    row("half-width katakana", "ﾈｲﾋﾞｰ ｼｬﾂ", "category=shirt;color=navy");
    row("mixed languages", "navy のシャツ", "category=shirt;color=navy");
    row("mixed, no space", "navyのシャツ", "category=shirt;color=navy");
    row("longest: dark blue is navy", "dark blue striped shirt", "category=shirt;color=navy;pattern=stripes");
    row("longest: Tシャツ is no shirt", "Ｔシャツ 白", "category=tshirt;color=white");
    row("longest: shorts are no trousers", "ショートパンツ", "category=shorts");
    row("パンツ", "パンツ", "category=trousers");
    row("ズボン", "グレーのズボン", "category=trousers;color=grey");
    row("スラックス", "スラックス", "category=trousers");
    row("trainers", "Trainers", "category=sneakers");
    row("plural", "SNEAKERS and dresses", "category=sneakers;category=dress");
    row("ボーダー", "ボーダー", "pattern=stripes");
    row("横縞", "横縞のニット", "pattern=stripes;category=pullover");
    row("whole words: tailored is not red", "tailored beige coat", "color=beige;category=coat");
    row("whole words: baggy is no bag", "baggy trousers", "category=trousers");
    row("whole words: greyscale", "greyscale photo", "");
    row("dress shirt is a shirt", "white dress shirt", "color=white;category=shirt");
    row("details", "long-sleeved V-neck dress", "sleeve=long;neckline=v;category=dress");
    row("miniskirt", "denim miniskirt", "length=mini;category=skirt");
    row("ロングスカート", "ロングスカート", "length=maxi;category=skirt");
    row("low heel is flat", "ローヒール ブーツ", "heel=flat;category=boots");
    row("high heels", "black high heels", "color=black;heel=high");
    row("カラー is colour, not collar", "カラー：ネイビー", "color=navy");
    row("collar", "襟付きブラウス", "neckline=collar;category=blouse");
    row("Fashion-MNIST name", "T-shirt/top", "category=tshirt");
    row("ankle boot", "Ankle boot", "category=boots");
    row("two colours", "navy and white polka dots", "color=navy;color=white;pattern=dots");
    row("ja sentence", "ストライプ柄の長袖シャツ", "pattern=stripes;sleeve=long;category=shirt");
    row("floral dress", "花柄ワンピース", "pattern=floral;category=dress");
    row("half-width camouflage bag", "ｶﾓﾌﾗｰｼﾞｭ柄のﾊﾞｯｸﾞ", "pattern=camouflage;category=bag");
    row("pink high-heeled sandals", "ピンクのハイヒールサンダル", "color=pink;heel=high;category=sandals");
    row("crewneck sweater", "crewneck sweater", "neckline=round;category=pullover");
    row("empty", "", "");
    row("nothing known", "spring collection 2024", "");
}

void VocabularyTest::findsAttributesInText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const PairSet f = found(text.toStdString());
    const PairSet e = parseExpected(expected.toStdString());
    QVERIFY2(f == e, (text.toStdString() + " -> " + show(f) + ", expected " + show(e)).c_str());
}

void VocabularyTest::applicableKeysFollowTheCategory()
{
    QVERIFY(text::isApplicable("tshirt", "sleeve"));
    QVERIFY(text::isApplicable("tshirt", "neckline"));
    QVERIFY(!text::isApplicable("tshirt", "heel"));
    QVERIFY(text::isApplicable("boots", "heel"));
    QVERIFY(text::isApplicable("dress", "length"));
    QVERIFY(text::isApplicable("skirt", "length"));
    QVERIFY(!text::isApplicable("skirt", "sleeve"));
    QVERIFY(!text::isApplicable("sandals", "pattern"));
    QVERIFY(text::applicableKeys("spacesuit").empty());
    for (const auto& c : text::values("category")) {
        QVERIFY2(text::isApplicable(c.value, "color"), c.value.c_str());
        for (const std::string& key : text::applicableKeys(c.value)) {
            QVERIFY(key != "category");
            const auto& vals = text::categoryValues(c.value, key);
            QVERIFY2(!vals.empty(), (c.value + "/" + key).c_str());
            for (const std::string& v : vals)
                QVERIFY(text::isCanonical(key, v));
        }
    }
    QCOMPARE(text::categoryValues("tshirt", "sleeve"), (std::vector<std::string>{"short", "long"}));
    QCOMPARE(text::categoryValues("dress", "sleeve").size(), std::size_t(3));
    QVERIFY(text::categoryValues("bag", "sleeve").empty());
}

void VocabularyTest::fashionMnistClassesMapToCategories()
{
    const std::vector<std::string> expected = {"tshirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"};
    QCOMPARE(text::kFashionMnistClassCount, 10);
    for (int label = 0; label < 10; ++label) {
        QCOMPARE(text::fashionMnistCategory(label), expected[std::size_t(label)]);
        QVERIFY(text::isCanonical("category", text::fashionMnistCategory(label)));
        for (const char* lang : {"en", "ja"}) {
            const PairSet f = found(text::fashionMnistClassName(label, lang));
            QVERIFY2(f.count({"category", expected[std::size_t(label)]}), text::fashionMnistClassName(label, lang).c_str());
        }
    }
    QCOMPARE(text::fashionMnistClassName(0, "en"), std::string("T-shirt/top"));
    QCOMPARE(text::fashionMnistClassName(9, "en"), std::string("Ankle boot"));
    QVERIFY_THROWS_EXCEPTION(BadInputError, text::fashionMnistCategory(10));
    QVERIFY_THROWS_EXCEPTION(BadInputError, text::fashionMnistCategory(-1));
}

void VocabularyTest::querySetIsWellFormed()
{
    const std::string raw = readFileText(uftest::testDataDir() / "queries.tsv");
    QVERIFY(raw.rfind("lang\tkind\tquery\texpected\n", 0) == 0);
    const auto queries = readQueries();
    std::map<std::string, std::map<std::string, int>> perLangKind;
    std::set<std::pair<std::string, std::string>> distinct;
    for (const Query& q : queries) {
        const std::string where = "queries.tsv line " + std::to_string(q.line);
        QVERIFY2(q.lang == "ja" || q.lang == "en", where.c_str());
        QVERIFY2(!q.query.empty(), where.c_str());
        QVERIFY2(distinct.insert({q.lang, q.query}).second, (where + ": duplicate " + q.query).c_str());
        ++perLangKind[q.lang][q.kind];
        const PairSet e = parseExpected(q.expected);
        QVERIFY2(!e.empty(), where.c_str());
        std::set<std::string> keys;
        for (const auto& [k, v] : e) {
            QVERIFY2(text::isCanonical(k, v), (where + ": " + k + "=" + v + " is not canonical").c_str());
            QVERIFY2(keys.insert(k).second, (where + ": " + k + " twice").c_str());
        }
        // Only what the synthetic catalog can show: the category's own attributes and values.
        const auto cat = std::find_if(e.begin(), e.end(), [](const auto& p) { return p.first == "category"; });
        if (cat != e.end())
            for (const auto& [k, v] : e)
                if (k != "category") {
                    const auto& allowed = text::categoryValues(cat->second, k);
                    QVERIFY2(std::find(allowed.begin(), allowed.end(), v) != allowed.end(), (where + ": a " + cat->second + " has no " + k + "=" + v).c_str());
                }
    }
    QVERIFY(queries.size() >= 220);
    for (const char* lang : {"ja", "en"}) {
        int n = 0;
        for (const auto& [kind, count] : perLangKind[lang])
            n += count;
        QVERIFY2(n >= 100, lang);
        for (const char* kind : {"short", "long", "synonym", "mixed", "typo", "fullwidth"})
            QVERIFY2(perLangKind[lang][kind] >= 10, (std::string(lang) + "/" + kind).c_str());
        QCOMPARE(int(perLangKind[lang].size()), 6);
    }
}

void VocabularyTest::querySetIsUnderstoodExceptTypos()
{
    // The vocabulary understands every correctly typed query word for word, so rule-based
    // matching can reach these queries; every typo query hides at least one attribute from exact
    // matching, so it really tests robustness.
    for (const Query& q : readQueries()) {
        const PairSet f = found(q.query);
        const PairSet e = parseExpected(q.expected);
        const bool all = std::includes(f.begin(), f.end(), e.begin(), e.end());
        const std::string msg = "line " + std::to_string(q.line) + " " + q.query + " -> " + show(f) + ", expected " + q.expected;
        if (q.kind == "typo") {
            QVERIFY2(!all, msg.c_str());
        } else {
            QVERIFY2(all, msg.c_str());
            for (const auto& [k, v] : f) { // nothing contradicts what the shopper meant
                const bool keyExpected = std::any_of(e.begin(), e.end(), [&](const auto& p) { return p.first == k; });
                QVERIFY2(!keyExpected || e.count({k, v}), msg.c_str());
            }
        }
    }
}

void VocabularyTest::readsQueries_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("read");
    QTest::addColumn<int>("corrections");
    // Slips one edit away from one vocabulary word are corrected, in both scripts.
    QTest::newRow("swap") << "beige caot" << "beige coat" << 1;
    QTest::newRow("swap-colour") << "pruple skirt" << "purple skirt" << 1;
    QTest::newRow("missing letter") << "yelow sandals" << "yellow sandals" << 1;
    QTest::newRow("joined words") << "blouse with polkadots" << "blouse with polka-dot" << 1;
    QTest::newRow("small kana") << "ストライプ シヤツ" << "ストライプ シャツ" << 1;
    QTest::newRow("long vowel") << "ネイビ ワンピース" << "紺 ワンピース" << 1; // ネイビー, in the catalog's word
    QTest::newRow("next to latin") << "Vネック Tシャツ" << "vネック tシャツ" << 0;
    QTest::newRow("hiragana") << "黄色 ばっぐ" << "黄色 バッグ" << 1;
    QTest::newRow("reading") << "はながら スカート" << "花柄 スカート" << 1; // an input method left it unconverted
    QTest::newRow("reading in a sentence") << "めいさいがらのしょーとぱんつ" << "迷彩のしょーとぱんつ" << 1;
    QTest::newRow("reading beside a known word") << "くろいはんそで" << "黒い半袖" << 1;
    QTest::newRow("voicing mark") << "ドット ブラウズ" << "ドット ブラウス" << 1; // not ブラウン
    QTest::newRow("look-alike kana") << "ワソピース 赤" << "ワンピース 赤" << 1;
    QTest::newRow("same-sound kanji") << "迷採 ショートパンツ" << "迷彩 ショートパンツ" << 1; // 採 and 彩 are both さい
    QTest::newRow("same-sound kanji beside a known word") << "迷採柄のスカート" << "迷彩のスカート" << 1;
    QTest::newRow("kanji of another sound") << "迷路 ショートパンツ" << "迷路 ショートパンツ" << 0;
    QTest::newRow("kanji words in a sentence") << "週末に履く子供用の靴" << "週末に履く子供用の靴" << 0;
    QTest::newRow("wrong letter") << "purpke skirt" << "purple skirt" << 1; // not an English word
    QTest::newRow("two slips") << "sandles brown" << "sandals brown" << 1;    // a longer word, no English word
    QTest::newRow("letter left out") << "drss red" << "dress red" << 1;
    QTest::newRow("full width") << "ＮＡＶＹ　ｼｬﾂ" << "navy シャツ" << 0;
    // Synonyms are written the way the catalog names the value, in the language typed.
    QTest::newRow("synonym en") << "grey slacks" << "grey trousers" << 0;
    QTest::newRow("synonym ja") << "紺 ズボン" << "紺 パンツ" << 0;
    QTest::newRow("pattern suffix") << "ボタニカル柄 スカート" << "花柄 スカート" << 0; // not 花柄柄
    QTest::newRow("words the catalog never used") << "navy cardigan" << "navy sweater" << 0;
    QTest::newRow("words the catalog never used ja") << "黒 リュック" << "黒 バッグ" << 0;
    // Known words, short words, ties and words outside the vocabulary stay as typed.
    QTest::newRow("known") << "navy shirt" << "navy shirt" << 0;
    QTest::newRow("tie") << "shurt" << "shurt" << 0;
    QTest::newRow("short") << "rde" << "rde" << 0;
    QTest::newRow("other words") << "looking for something warm" << "looking for something warm" << 0;
    // Ordinary English words one letter from a vocabulary word are not slips.
    QTest::newRow("english words") << "black leather boots with a back pocket at low cost"
                                   << "black leather boots with a back pocket at low cost" << 0;
    QTest::newRow("english words 2") << "candles and handles for the coast" << "candles and handles for the coast" << 0;
}

void VocabularyTest::readsQueries()
{
    QFETCH(QString, typed);
    QFETCH(QString, read);
    QFETCH(int, corrections);
    const auto r = text::readQuery(typed.toStdString());
    QCOMPARE(QString::fromStdString(r.text), read);
    QCOMPARE(static_cast<int>(r.corrections.size()), corrections);
}

void VocabularyTest::keywordsOfALongerQuery_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("keywords");
    // A sentence: its vocabulary words alone, in the catalog's wording and the order typed.
    QTest::newRow("sentence ja") << "子ども用の黄色い丸首Tシャツ" << "黄色 丸首 tシャツ";
    QTest::newRow("sentence en") << "a brown handbag I can take to work" << "brown bag";
    QTest::newRow("particle") << "navy のシャツ" << "navy シャツ";
    QTest::newRow("slip corrected first") << "迷採柄のショートパンツ" << "迷彩 ショートパンツ";
    // Keywords in another order than the catalog's titles: the category's word last.
    QTest::newRow("category first") << "ｽｶｰﾄ ﾁｪｯｸ" << "チェック スカート";
    QTest::newRow("category in the middle") << "長袖 shirt 白" << "長袖 白 shirt";
    // Keywords alone, the category's last: nothing to change.
    QTest::newRow("keywords") << "紺 シャツ" << "";
    QTest::newRow("one word") << "dress" << "";
    QTest::newRow("no vocabulary word") << "looking for something warm" << "";
}

void VocabularyTest::keywordsOfALongerQuery()
{
    QFETCH(QString, typed);
    QFETCH(QString, keywords);
    QCOMPARE(QString::fromStdString(text::readQuery(typed.toStdString()).keywords), keywords);
}

void VocabularyTest::editDistanceCountsOneSlip()
{
    auto cps = [](const char* s) { return text::codePoints(s); };
    QCOMPARE(text::editDistance(cps("coat"), cps("coat"), 1), 0);
    QCOMPARE(text::editDistance(cps("caot"), cps("coat"), 1), 1);   // neighbours swapped
    QCOMPARE(text::editDistance(cps("drss"), cps("dress"), 1), 1);  // one left out
    QCOMPARE(text::editDistance(cps("シヤツ"), cps("シャツ"), 1), 1); // one code point, not three bytes
    QCOMPARE(text::editDistance(cps("sandles"), cps("sandals"), 1), 2); // over the limit: limit + 1
    QCOMPARE(text::editDistance(cps(""), cps("ab"), 5), 2);
}

void VocabularyTest::querySetIsReadWithItsMeaning()
{
    // Reading a query never loses or changes what a correctly typed query means, and it gives
    // the typo queries their meaning back (a wrong kanji of the same reading, 迷採 for 迷彩, through
    // Debian's kanjidic). Slips of two edits in short words and
    // English words one letter from a vocabulary word stay as typed.
    int typos = 0, repaired = 0;
    for (const Query& q : readQueries()) {
        const auto r = text::readQuery(q.query);
        const PairSet f = found(r.text);
        const PairSet e = parseExpected(q.expected);
        const bool all = std::includes(f.begin(), f.end(), e.begin(), e.end());
        const std::string msg = "line " + std::to_string(q.line) + " " + q.query + " -> " + r.text + " -> " + show(f) + ", expected " + q.expected;
        if (q.kind == "typo") {
            ++typos;
            repaired += all ? 1 : 0;
            if (!all)
                qInfo("not repaired: %s", msg.c_str());
            continue;
        }
        QVERIFY2(all, msg.c_str());
        QVERIFY2(found(q.query) == f, msg.c_str());
    }
    qInfo("typo queries read with their meaning: %d of %d", repaired, typos);
    QVERIFY2(repaired * 16 >= typos * 15, (std::to_string(repaired) + " of " + std::to_string(typos)).c_str());
}

QTEST_GUILESS_MAIN(VocabularyTest)
#include "VocabularyTest.moc"
