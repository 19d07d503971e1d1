// The vocabulary tables and the longest-match finder. Surface words are written here as people
// write them (「Tシャツ」, "T-shirt") and normalised once when the matcher is built, so the tables
// stay readable and full-width/half-width input matches through text::normalize.
#include "text/FashionVocabulary.h"

#include "common/Error.h"
#include "text/Normalize.h"

#include <algorithm>
#include <array>
#include <map>

namespace uf::text {

namespace {

using Words = std::vector<std::string>;

struct KeyTable {
    std::string key;
    std::vector<AttributeValue> values;
};

AttributeValue v(std::string key, std::string value, Words en, Words ja)
{
    return AttributeValue{std::move(key), std::move(value), std::move(en), std::move(ja)};
}

const std::vector<KeyTable>& tables()
{
    static const std::vector<KeyTable> t = [] {
        std::vector<KeyTable> out;
        out.push_back({"category",
                       {
                           v("category", "tshirt", {"T-shirt", "tee", "tshirt", "tee shirt"},
                             {"Tシャツ", "ティーシャツ", "カットソー"}),
                           v("category", "shirt", {"shirt", "button-down", "button-up", "dress shirt", "oxford shirt", "flannel shirt"},
                             {"シャツ", "ワイシャツ", "Yシャツ", "ボタンダウン", "ドレスシャツ", "ネルシャツ"}),
                           v("category", "blouse", {"blouse"}, {"ブラウス"}),
                           v("category", "pullover", {"sweater", "pullover", "jumper", "knit sweater", "knitwear", "sweatshirt", "cardigan", "turtleneck"},
                             {"セーター", "ニット", "プルオーバー", "トレーナー", "ニットセーター", "カーディガン", "タートルネック"}),
                           v("category", "hoodie", {"hoodie", "hoody", "hooded sweatshirt", "hooded top", "zip hoodie"},
                             {"パーカー", "パーカ", "フーディー", "フーディ"}),
                           v("category", "coat", {"coat", "overcoat", "jacket", "trench coat", "outerwear", "topcoat", "blazer", "parka", "anorak"},
                             {"コート", "ジャケット", "アウター", "トレンチコート", "オーバーコート", "ブレザー", "ブルゾン"}),
                           v("category", "dress", {"dress", "frock", "gown", "sundress", "one-piece"},
                             {"ワンピース", "ドレス", "ワンピ"}),
                           v("category", "skirt", {"skirt"}, {"スカート"}),
                           v("category", "trousers", {"trousers", "pants", "slacks", "trouser", "chinos", "jeans", "dress pants", "leggings", "joggers"},
                             {"パンツ", "ズボン", "スラックス", "チノパン", "ジーンズ", "ロングパンツ", "レギンス"}),
                           v("category", "shorts", {"shorts", "short pants", "bermuda shorts", "hot pants"},
                             {"ショートパンツ", "ハーフパンツ", "短パン", "ショーツ", "半ズボン"}),
                           v("category", "sneakers", {"sneakers", "sneaker", "trainers", "trainer", "running shoes", "kicks", "tennis shoes"},
                             {"スニーカー", "運動靴", "ランニングシューズ"}),
                           v("category", "boots", {"boots", "boot", "ankle boots", "ankle boot", "booties", "bootie"},
                             {"ブーツ", "アンクルブーツ", "ショートブーツ", "ロングブーツ", "長靴"}),
                           v("category", "sandals", {"sandals", "sandal", "strappy sandals"}, {"サンダル", "ミュール"}),
                           v("category", "bag", {"bag", "handbag", "tote", "tote bag", "purse", "shoulder bag", "backpack", "rucksack", "clutch"},
                             {"バッグ", "かばん", "カバン", "鞄", "バック", "トートバッグ", "ハンドバッグ", "ショルダーバッグ", "リュック", "リュックサック", "ポーチ"}),
                       }});
        out.push_back({"color",
                       {
                           v("color", "black", {"black", "jet black"}, {"黒", "ブラック", "黒色", "くろ"}),
                           v("color", "white", {"white", "off-white", "ivory", "snow white"}, {"白", "ホワイト", "白色", "しろ", "オフホワイト"}),
                           v("color", "grey", {"grey", "gray", "charcoal", "heather grey", "ash grey"}, {"グレー", "灰色", "グレイ", "灰", "チャコール", "ねずみ色"}),
                           v("color", "navy", {"navy", "navy blue", "dark blue", "midnight blue", "deep blue"},
                             {"紺", "ネイビー", "紺色", "濃紺", "ダークブルー", "ネイビーブルー"}),
                           v("color", "blue", {"blue", "light blue", "sky blue", "royal blue", "cobalt", "bright blue"},
                             {"青", "ブルー", "青色", "水色", "空色", "あお", "サックス"}),
                           v("color", "red", {"red", "scarlet", "crimson", "burgundy", "cherry red", "maroon"}, {"赤", "レッド", "赤色", "真っ赤", "あか", "えんじ色", "臙脂"}),
                           v("color", "pink", {"pink", "rose pink", "blush", "hot pink"}, {"ピンク", "桃色", "ももいろ"}),
                           v("color", "purple", {"purple", "violet", "lavender", "lilac"}, {"紫", "パープル", "紫色", "むらさき", "ラベンダー", "バイオレット"}),
                           v("color", "green", {"green", "olive", "emerald", "forest green", "bottle green"}, {"緑", "グリーン", "緑色", "みどり", "オリーブ"}),
                           v("color", "yellow", {"yellow", "mustard", "lemon yellow"}, {"黄色", "イエロー", "黄", "きいろ", "マスタード"}),
                           v("color", "beige", {"beige", "tan", "camel", "sand", "cream"}, {"ベージュ", "キャメル", "クリーム色", "サンド"}),
                           v("color", "brown", {"brown", "chocolate", "chestnut", "dark brown", "cognac"}, {"茶色", "ブラウン", "茶", "こげ茶", "焦げ茶", "ちゃいろ"}),
                       }});
        out.push_back({"pattern",
                       {
                           v("pattern", "plain", {"plain", "solid", "solid-colour", "solid-color", "unpatterned", "no pattern"},
                             {"無地", "プレーン", "ソリッド"}),
                           v("pattern", "stripes", {"striped", "stripes", "stripe", "stripy", "stripey", "pinstripe", "pinstriped", "breton"},
                             {"ストライプ", "ボーダー", "縞", "横縞", "縦縞", "縞模様", "しましま", "しま模様", "ピンストライプ"}),
                           v("pattern", "dots", {"polka-dot", "dots", "dot", "dotted", "polka", "spotted", "spots"},
                             {"ドット", "水玉", "水玉模様", "ドット柄", "ポルカドット"}),
                           v("pattern", "checks", {"checked", "check", "checks", "checkered", "chequered", "plaid", "gingham", "tartan"},
                             {"チェック", "格子", "格子柄", "ギンガム", "タータン", "チェック柄"}),
                           v("pattern", "floral", {"floral", "flower", "flowered", "flowery", "botanical", "blossom"},
                             {"花柄", "フラワー", "花模様", "ボタニカル", "花"}),
                           v("pattern", "camouflage", {"camouflage", "camo", "army print"}, {"迷彩", "迷彩柄", "カモフラージュ", "カモフラ", "カモ柄"}),
                       }});
        out.push_back({"sleeve",
                       {
                           v("sleeve", "short", {"short sleeve", "short-sleeved", "short sleeved", "shortsleeve", "half sleeve"},
                             {"半袖", "半そで", "ショートスリーブ", "五分袖"}),
                           v("sleeve", "long", {"long sleeve", "long-sleeved", "long sleeved", "longsleeve", "full sleeve"},
                             {"長袖", "長そで", "ロングスリーブ"}),
                           v("sleeve", "sleeveless", {"sleeveless", "no sleeves", "without sleeves", "tank"},
                             {"ノースリーブ", "袖なし", "袖無し", "ノースリ", "スリーブレス"}),
                       }});
        out.push_back({"length",
                       {
                           v("length", "mini", {"mini", "mini-length", "short length", "above the knee"}, {"ミニ丈", "ミニ", "短め丈", "ショート丈"}),
                           v("length", "knee", {"knee-length", "knee length", "knee", "midi", "mid-length"},
                             {"膝丈", "ひざ丈", "ミディ丈", "ミモレ丈", "ひざ", "膝", "ミディ"}),
                           v("length", "maxi", {"maxi", "floor-length", "ankle-length", "full-length", "maxi-length"},
                             {"マキシ丈", "マキシ", "ロング丈", "くるぶし丈", "足首丈"}),
                       }});
        out.push_back({"neckline",
                       {
                           v("neckline", "round", {"round neck", "crew neck", "crewneck", "round-neck", "roundneck", "round neckline", "scoop neck"},
                             {"丸首", "クルーネック", "ラウンドネック", "丸ネック"}),
                           v("neckline", "v", {"v-neck", "v neck", "vneck", "v-necked", "v-neckline"},
                             {"Vネック", "ブイネック", "V首"}),
                           v("neckline", "collar", {"collar", "collared", "shirt collar", "peter pan collar"},
                             {"襟付き", "衿付き", "えり付き", "襟", "衿", "シャツカラー", "襟つき"}),
                       }});
        out.push_back({"heel",
                       {
                           v("heel", "flat", {"flat", "flat heel", "low heel", "flat-soled", "heelless"},
                             {"フラット", "ぺたんこ", "ローヒール", "ヒールなし", "ペタンコ", "フラットヒール"}),
                           v("heel", "high", {"high heel", "high-heeled", "heeled", "heel", "stiletto", "high heels"},
                             {"ハイヒール", "ヒール", "ピンヒール", "ヒールあり", "高いヒール"}),
                       }});
        return out;
    }();
    return t;
}

// Phrases that mean something other than their parts (a "miniskirt" is both a length and a
// category; a "dress shirt" is no dress; 「カラー」 alone means colour, not collar). Each consumes
// its text and yields the listed pairs, possibly none.
struct Compound {
    std::string surface;
    std::vector<AttributePair> pairs;
};

const std::vector<Compound>& compounds()
{
    static const std::vector<Compound> c = {
        {"miniskirt", {{"length", "mini"}, {"category", "skirt"}}},
        {"maxiskirt", {{"length", "maxi"}, {"category", "skirt"}}},
        {"minidress", {{"length", "mini"}, {"category", "dress"}}},
        {"maxidress", {{"length", "maxi"}, {"category", "dress"}}},
        {"long skirt", {{"length", "maxi"}, {"category", "skirt"}}},
        {"long dress", {{"length", "maxi"}, {"category", "dress"}}},
        {"short skirt", {{"length", "mini"}, {"category", "skirt"}}},
        {"short dress", {{"length", "mini"}, {"category", "dress"}}},
        {"tank top", {{"sleeve", "sleeveless"}}},
        {"tank dress", {{"sleeve", "sleeveless"}, {"category", "dress"}}},
        {"t shirt dress", {{"category", "dress"}}},
        {"sweater dress", {{"category", "dress"}}},
        {"shirt dress", {{"category", "dress"}}},
        {"shirtdress", {{"category", "dress"}}},
        {"knee high boots", {{"category", "boots"}}},
        {"crewneck sweater", {{"neckline", "round"}, {"category", "pullover"}}},
        {"crew tee", {{"neckline", "round"}, {"category", "tshirt"}}},
        {"ロングスカート", {{"length", "maxi"}, {"category", "skirt"}}},
        {"ロングワンピース", {{"length", "maxi"}, {"category", "dress"}}},
        {"ロングワンピ", {{"length", "maxi"}, {"category", "dress"}}},
        {"ロングドレス", {{"length", "maxi"}, {"category", "dress"}}},
        {"ロングコート", {{"category", "coat"}}},
        {"ミニバッグ", {{"category", "bag"}}},
        {"ニットワンピース", {{"category", "dress"}}},
        {"シャツワンピース", {{"category", "dress"}}},
        {"ブーツカット", {{"category", "trousers"}}},
        {"カラー", {}},   // "colour" in Japanese shop copy
        {"ノーカラー", {}}, // collarless
        {"襟なし", {}},
        {"collarless", {}},
        {"color", {}},
        {"colour", {}},
        {"flat lay", {}},
        {"mini bag", {{"category", "bag"}}},
        {"ミニマル", {}},   // minimal
        {"面白", {}},
        {"バックル", {}},   // buckle, not a bag
        {"バックポケット", {}},
        {"バックスタイル", {}},
        {"パーティー", {}},
    };
    return c;
}

struct Entry {
    std::string surface; // normalised, hyphens as spaces
    std::vector<AttributePair> pairs;
    bool asciiStart = false; // needs a word boundary before
    bool asciiEnd = false;   // needs a word boundary (after an optional plural s/es) after
};

bool isAsciiAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Hyphens, slashes and underscores separate English words the way spaces do ("t-shirt/top").
std::string foldForMatch(std::string_view text)
{
    std::string s = normalize(text);
    for (char& c : s)
        if (c == '-' || c == '/' || c == '_' || c == '.' || c == ',')
            c = ' ';
    return s;
}

struct Matcher {
    // Entries grouped by first byte, longest surface first.
    std::array<std::vector<Entry>, 256> byFirst;

    void add(const std::string& word, std::vector<AttributePair> pairs)
    {
        Entry e;
        e.surface = foldForMatch(word);
        if (e.surface.empty())
            return;
        e.pairs = std::move(pairs);
        e.asciiStart = isAsciiAlnum(static_cast<unsigned char>(e.surface.front()));
        e.asciiEnd = isAsciiAlnum(static_cast<unsigned char>(e.surface.back()));
        auto& bucket = byFirst[static_cast<unsigned char>(e.surface.front())];
        for (const Entry& existing : bucket)
            if (existing.surface == e.surface)
                return; // the first table entry wins (compounds are added first)
        bucket.push_back(std::move(e));
    }

    Matcher()
    {
        for (const Compound& c : compounds())
            add(c.surface, c.pairs);
        for (const KeyTable& t : tables())
            for (const AttributeValue& val : t.values) {
                for (const std::string& w : val.en)
                    add(w, {{val.key, val.value}});
                for (const std::string& w : val.ja)
                    add(w, {{val.key, val.value}});
            }
        for (auto& bucket : byFirst)
            std::stable_sort(bucket.begin(), bucket.end(),
                             [](const Entry& a, const Entry& b) { return a.surface.size() > b.surface.size(); });
    }

    // Length of the match of e at pos (including a plural suffix), 0 if none.
    static std::size_t matchAt(const std::string& s, std::size_t pos, const Entry& e)
    {
        if (s.compare(pos, e.surface.size(), e.surface) != 0)
            return 0;
        if (e.asciiStart && pos > 0 && isAsciiAlnum(static_cast<unsigned char>(s[pos - 1])))
            return 0;
        std::size_t end = pos + e.surface.size();
        if (!e.asciiEnd)
            return end - pos;
        auto boundaryAt = [&](std::size_t i) { return i >= s.size() || !isAsciiAlnum(static_cast<unsigned char>(s[i])); };
        if (boundaryAt(end))
            return end - pos;
        if (s.compare(end, 1, "s") == 0 && boundaryAt(end + 1))
            return end + 1 - pos;
        if (s.compare(end, 2, "es") == 0 && boundaryAt(end + 2))
            return end + 2 - pos;
        return 0;
    }
};

const Matcher& matcher()
{
    static const Matcher m;
    return m;
}

const KeyTable* findTable(std::string_view key)
{
    for (const KeyTable& t : tables())
        if (t.key == key)
            return &t;
    return nullptr;
}

std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    if ((lead >> 3) == 0x1E)
        return 4;
    return 1;
}

} // namespace

const std::vector<std::string>& attributeKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const KeyTable& t : tables())
            k.push_back(t.key);
        return k;
    }();
    return keys;
}

const std::vector<std::string>& attributeColumns()
{
    static const std::vector<std::string> cols(attributeKeys().begin() + 1, attributeKeys().end());
    return cols;
}

const std::vector<AttributeValue>& values(std::string_view key)
{
    static const std::vector<AttributeValue> none;
    const KeyTable* t = findTable(key);
    return t ? t->values : none;
}

const AttributeValue* findValue(std::string_view key, std::string_view value)
{
    for (const AttributeValue& a : values(key))
        if (a.value == value)
            return &a;
    return nullptr;
}

bool isCanonical(std::string_view key, std::string_view value) { return findValue(key, value) != nullptr; }

std::string displayName(std::string_view key, std::string_view value, std::string_view lang)
{
    const AttributeValue* a = findValue(key, value);
    if (!a)
        return std::string(value);
    if (lang == "ja" && !a->ja.empty())
        return a->ja.front();
    if (lang == "en" && !a->en.empty())
        return a->en.front();
    return a->value;
}

std::string foldForMatching(std::string_view text) { return foldForMatch(text); }

std::vector<VocabularyMatch> matchVocabulary(const std::string& s)
{
    const Matcher& m = matcher();
    std::vector<VocabularyMatch> found;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const unsigned char lead = static_cast<unsigned char>(s[pos]);
        std::size_t bestLen = 0;
        const Entry* best = nullptr;
        for (const Entry& e : m.byFirst[lead]) {
            if (e.surface.size() + 2 < bestLen)
                break; // sorted by length: nothing shorter can win
            const std::size_t len = Matcher::matchAt(s, pos, e);
            if (len > bestLen) {
                bestLen = len;
                best = &e;
            }
        }
        if (best) {
            found.push_back({pos, pos + bestLen, best->pairs});
            pos += bestLen;
            continue;
        }
        // Skip a whole English word (so "tailored" never yields "red"), or one code point.
        if (isAsciiAlnum(lead)) {
            while (pos < s.size() && isAsciiAlnum(static_cast<unsigned char>(s[pos])))
                ++pos;
        } else {
            pos += utf8Length(lead);
        }
    }
    return found;
}

std::vector<AttributePair> findAttributesInText(std::string_view text)
{
    std::vector<AttributePair> found;
    for (const VocabularyMatch& match : matchVocabulary(foldForMatch(text)))
        for (const AttributePair& p : match.pairs)
            if (std::find(found.begin(), found.end(), p) == found.end())
                found.push_back(p);
    return found;
}

const std::vector<std::string>& vocabularySurfaces()
{
    static const std::vector<std::string> all = [] {
        std::vector<std::string> out;
        for (const auto& bucket : matcher().byFirst)
            for (const Entry& e : bucket)
                out.push_back(e.surface);
        return out;
    }();
    return all;
}

const std::vector<std::string>& applicableKeys(std::string_view category)
{
    static const std::map<std::string, std::vector<std::string>, std::less<>> table = {
        {"tshirt", {"color", "pattern", "sleeve", "neckline"}},
        {"shirt", {"color", "pattern", "sleeve"}},
        {"blouse", {"color", "pattern", "sleeve", "neckline"}},
        {"pullover", {"color", "pattern", "neckline"}},
        {"hoodie", {"color", "pattern"}},
        {"coat", {"color", "pattern"}},
        {"dress", {"color", "pattern", "sleeve", "length", "neckline"}},
        {"skirt", {"color", "pattern", "length"}},
        {"trousers", {"color", "pattern"}},
        {"shorts", {"color", "pattern"}},
        {"sneakers", {"color", "pattern"}},
        {"boots", {"color", "pattern", "heel"}},
        {"sandals", {"color", "heel"}},
        {"bag", {"color", "pattern"}},
    };
    static const std::vector<std::string> none;
    const auto it = table.find(category);
    return it == table.end() ? none : it->second;
}

bool isApplicable(std::string_view category, std::string_view key)
{
    const auto& keys = applicableKeys(category);
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

const std::vector<std::string>& categoryValues(std::string_view category, std::string_view key)
{
    static const std::vector<std::string> none;
    if (!isApplicable(category, key))
        return none;
    using Table = std::map<std::string, std::vector<std::string>, std::less<>>;
    static const std::map<std::string, Table, std::less<>> restricted = {
        {"tshirt", {{"sleeve", {"short", "long"}}, {"neckline", {"round", "v"}}}},
        {"shirt", {{"sleeve", {"short", "long"}}}},
        {"pullover", {{"neckline", {"round", "v"}}}},
    };
    if (const auto c = restricted.find(category); c != restricted.end())
        if (const auto k = c->second.find(key); k != c->second.end())
            return k->second;
    static const std::map<std::string, std::vector<std::string>, std::less<>> all = [] {
        std::map<std::string, std::vector<std::string>, std::less<>> m;
        for (const KeyTable& t : tables())
            for (const AttributeValue& val : t.values)
                m[t.key].push_back(val.value);
        return m;
    }();
    const auto it = all.find(key);
    return it == all.end() ? none : it->second;
}

namespace {

struct MnistClass {
    std::string category, en, ja;
};

const std::array<MnistClass, kFashionMnistClassCount>& mnistClasses()
{
    static const std::array<MnistClass, kFashionMnistClassCount> c = {{
        {"tshirt", "T-shirt/top", "Tシャツ・トップス"},
        {"trousers", "Trouser", "パンツ"},
        {"pullover", "Pullover", "プルオーバー"},
        {"dress", "Dress", "ワンピース"},
        {"coat", "Coat", "コート"},
        {"sandals", "Sandal", "サンダル"},
        {"shirt", "Shirt", "シャツ"},
        {"sneakers", "Sneaker", "スニーカー"},
        {"bag", "Bag", "バッグ"},
        {"boots", "Ankle boot", "アンクルブーツ"},
    }};
    return c;
}

const MnistClass& mnistClass(int label)
{
    if (label < 0 || label >= kFashionMnistClassCount)
        throw BadInputError("Fashion-MNIST label " + std::to_string(label) + " is outside 0..9");
    return mnistClasses()[static_cast<std::size_t>(label)];
}

} // namespace

const std::string& fashionMnistCategory(int label) { return mnistClass(label).category; }

const std::string& fashionMnistClassName(int label, std::string_view lang)
{
    const MnistClass& c = mnistClass(label);
    return lang == "ja" ? c.ja : c.en;
}

const std::vector<std::pair<std::string, std::string>>& kanaReadings()
{
    static const std::vector<std::pair<std::string, std::string>> r = {
        {"ながぐつ", "長靴"},   {"こんいろ", "紺色"},     {"のうこん", "濃紺"},     {"はいいろ", "灰色"},
        {"みずいろ", "水色"},   {"そらいろ", "空色"},     {"まっか", "真っ赤"},     {"こげちゃ", "焦げ茶"},
        {"はながら", "花柄"},   {"はなもよう", "花模様"}, {"みずたま", "水玉"},     {"しまもよう", "縞模様"},
        {"よこじま", "横縞"},   {"たてじま", "縦縞"},     {"こうしがら", "格子柄"}, {"めいさいがら", "迷彩柄"},
        {"めいさい", "迷彩"},   {"はんそで", "半袖"},     {"ながそで", "長袖"},     {"ごぶそで", "五分袖"},
        {"そでなし", "袖なし"}, {"まるくび", "丸首"},     {"えりつき", "襟付き"},
    };
    return r;
}

} // namespace uf::text
