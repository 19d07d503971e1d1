// Shop copy for synthetic products. Word lists are curated here (not taken wholesale from the
// vocabulary) because copy needs grammatical forms — "striped" and "stripes", 「ボーダー柄」 and
// 「横縞の」 — and because some vocabulary synonyms are deliberately left for shoppers' queries
// only. DemoTest checks that every attribute word written here is recognised by the vocabulary.
#include "demo/ShopCopy.h"

#include <algorithm>
#include <cstdint>

#include <unicode/utf8.h>

namespace uf::demo::detail {

namespace {

using Words = std::vector<std::string>;

struct Noun {
    std::string word;
    bool pair = false; // trousers, shoes: "these", "a pair of"
};

struct DetailEn {
    Words adj;  // before the noun: "long-sleeved"
    Words with; // after "with": "long sleeves"
};

struct DetailJa {
    Words words; // 「長袖」
};

struct PatternJa {
    std::string stem;
    bool takesGara; // 「ドット柄」 but not 「花柄柄」
};

std::vector<Noun> nounsEn(const GarmentSpec& s, const RenderHints& h)
{
    const std::string& c = s.category;
    if (c == "tshirt")
        return {{"T-shirt"}, {"T-shirt"}, {"tee"}, {"t-shirt"}};
    if (c == "shirt")
        return {{"shirt"}, {"shirt"}, {"button-down shirt"}, {"button-up shirt"}};
    if (c == "blouse")
        return {{"blouse"}};
    if (c == "pullover")
        return {{"sweater"}, {"sweater"}, {"jumper"}, {"pullover"}, {"knit sweater"}};
    if (c == "hoodie")
        return {{"hoodie"}, {"hoodie"}, {"hooded sweatshirt"}};
    if (c == "coat")
        return {{"coat"}, {"coat"}, {"overcoat"}, {"winter coat"}};
    if (c == "dress")
        return {{"dress"}};
    if (c == "skirt")
        return {{"skirt"}};
    if (c == "trousers")
        return {{"trousers", true}, {"pants", true}, {"trousers", true}, {"slacks", true}};
    if (c == "shorts")
        return {{"shorts", true}};
    if (c == "sneakers")
        return {{"sneakers", true}, {"sneakers", true}, {"trainers", true}};
    if (c == "boots")
        return h.tallShaft ? std::vector<Noun>{{"boots", true}} : std::vector<Noun>{{"boots", true}, {"ankle boots", true}};
    if (c == "sandals")
        return {{"sandals", true}};
    // bag
    if (h.bagStyle == 0)
        return {{"tote bag"}, {"tote"}, {"bag"}};
    if (h.bagStyle == 1)
        return {{"handbag"}, {"bag"}};
    return {{"shoulder bag"}, {"bag"}};
}

Words nounsJa(const GarmentSpec& s, const RenderHints& h)
{
    const std::string& c = s.category;
    if (c == "tshirt")
        return {"Tシャツ", "Tシャツ", "カットソー"};
    if (c == "shirt")
        return {"シャツ", "シャツ", "ボタンダウンシャツ"};
    if (c == "blouse")
        return {"ブラウス"};
    if (c == "pullover")
        return {"セーター", "ニット", "プルオーバー", "ニットセーター"};
    if (c == "hoodie")
        return {"パーカー", "パーカー", "フーディー"};
    if (c == "coat")
        return {"コート", "コート", "オーバーコート"};
    if (c == "dress")
        return {"ワンピース", "ワンピース", "ドレス"};
    if (c == "skirt")
        return {"スカート"};
    if (c == "trousers")
        return {"パンツ", "ズボン", "スラックス", "パンツ"};
    if (c == "shorts")
        return {"ショートパンツ", "ハーフパンツ", "短パン"};
    if (c == "sneakers")
        return {"スニーカー"};
    if (c == "boots")
        return h.tallShaft ? Words{"ブーツ", "ロングブーツ"} : Words{"ブーツ", "ショートブーツ"};
    if (c == "sandals")
        return {"サンダル"};
    if (h.bagStyle == 0)
        return {"トートバッグ", "バッグ"};
    if (h.bagStyle == 1)
        return {"ハンドバッグ", "バッグ"};
    return {"ショルダーバッグ", "バッグ", "かばん"};
}

Words coloursEn(const std::string& c)
{
    if (c == "grey")
        return {"grey", "grey", "gray"};
    if (c == "navy")
        return {"navy", "navy", "navy blue", "dark blue"};
    if (c == "blue")
        return {"blue", "blue", "bright blue", "royal blue"};
    if (c == "red")
        return {"red", "red", "scarlet"};
    if (c == "purple")
        return {"purple", "purple", "violet"};
    if (c == "white")
        return {"white", "white", "off-white"};
    if (c == "beige")
        return {"beige", "beige", "sand"};
    if (c == "brown")
        return {"brown", "brown", "chocolate"};
    return {c};
}

Words coloursJa(const std::string& c)
{
    if (c == "black")
        return {"黒", "ブラック"};
    if (c == "white")
        return {"白", "ホワイト", "オフホワイト"};
    if (c == "grey")
        return {"グレー", "グレー", "灰色"};
    if (c == "navy")
        return {"紺", "ネイビー", "紺色"};
    if (c == "blue")
        return {"青", "ブルー"};
    if (c == "red")
        return {"赤", "レッド"};
    if (c == "pink")
        return {"ピンク"};
    if (c == "purple")
        return {"紫", "パープル"};
    if (c == "green")
        return {"緑", "グリーン"};
    if (c == "yellow")
        return {"黄色", "イエロー"};
    if (c == "beige")
        return {"ベージュ"};
    return {"茶色", "ブラウン"}; // brown
}

// 「白い」 and the like; empty when the colour has no adjective form.
std::string colourAdjJa(const std::string& c)
{
    if (c == "black")
        return "黒い";
    if (c == "white")
        return "白い";
    if (c == "red")
        return "赤い";
    if (c == "blue")
        return "青い";
    if (c == "brown")
        return "茶色い";
    if (c == "yellow")
        return "黄色い";
    return {};
}

Words patternAdjEn(const std::string& p, const RenderHints& h)
{
    if (p == "stripes")
        return h.horizontalStripes ? Words{"striped", "striped", "stripe", "Breton-striped"} : Words{"striped", "striped", "stripe"};
    if (p == "dots")
        return {"polka-dot", "dotted", "polka-dot", "spotted"};
    if (p == "checks")
        return h.gingham ? Words{"checked", "gingham", "check"} : Words{"checked", "tartan", "check"};
    if (p == "floral")
        return {"floral", "floral", "flower-print"};
    if (p == "camouflage")
        return {"camouflage", "camo"};
    return {"plain", "solid", "plain"};
}

// After "with" / "in": "stripes", "a floral print".
Words patternNounEn(const std::string& p, const RenderHints& h)
{
    if (p == "stripes")
        return {"stripes", "a striped pattern", "bold stripes"};
    if (p == "dots")
        return {"polka dots", "dots", "a dot print"};
    if (p == "checks")
        return h.gingham ? Words{"checks", "a check pattern", "a gingham check"} : Words{"checks", "a check pattern", "a tartan check"};
    if (p == "floral")
        return {"a floral print", "flowers", "a flower pattern"};
    if (p == "camouflage")
        return {"a camouflage print", "a camo pattern"};
    return {"a solid colour", "a plain finish"};
}

// Terse lists: "stripes", "plain".
Words patternShortEn(const std::string& p)
{
    if (p == "stripes")
        return {"stripes", "striped"};
    if (p == "dots")
        return {"polka dots", "dots"};
    if (p == "checks")
        return {"checks", "check"};
    if (p == "floral")
        return {"floral", "flowers"};
    if (p == "camouflage")
        return {"camo", "camouflage"};
    return {"plain", "solid"};
}

std::vector<PatternJa> patternsJa(const std::string& p, const RenderHints& h)
{
    if (p == "stripes")
        return h.horizontalStripes ? std::vector<PatternJa>{{"ボーダー", true}, {"ボーダー", true}, {"ストライプ", true}, {"横縞", false}, {"しましま", false}}
                                   : std::vector<PatternJa>{{"ストライプ", true}, {"ストライプ", true}, {"縦縞", false}, {"縞模様", false}};
    if (p == "dots")
        return {{"ドット", true}, {"水玉", true}, {"水玉模様", false}, {"ドット", true}};
    if (p == "checks")
        return h.gingham ? std::vector<PatternJa>{{"チェック", true}, {"ギンガムチェック", true}, {"格子", true}}
                         : std::vector<PatternJa>{{"チェック", true}, {"タータンチェック", true}, {"格子", true}};
    if (p == "floral")
        return {{"花柄", false}, {"花柄", false}, {"フラワー", true}, {"ボタニカル", true}};
    if (p == "camouflage")
        return {{"迷彩", true}, {"カモフラージュ", true}};
    return {{"無地", false}};
}

std::vector<DetailEn> detailsEn(const GarmentSpec& s)
{
    std::vector<DetailEn> d;
    if (s.sleeve == "long")
        d.push_back({{"long-sleeved", "long-sleeve"}, {"long sleeves"}});
    else if (s.sleeve == "short")
        d.push_back({{"short-sleeved", "short-sleeve"}, {"short sleeves"}});
    else if (s.sleeve == "sleeveless")
        d.push_back({{"sleeveless"}, {"no sleeves", "a sleeveless cut"}});
    if (s.length == "mini")
        d.push_back({{"mini", "mini-length"}, {"a mini length", "a hem above the knee"}});
    else if (s.length == "knee")
        d.push_back({{"knee-length", "midi"}, {"a knee-length hem", "a midi length"}});
    else if (s.length == "maxi")
        d.push_back({{"maxi", "floor-length", "ankle-length"}, {"a maxi length", "a floor-length hem"}});
    if (s.neckline == "round")
        d.push_back({{"crew-neck", "round-neck"}, {"a round neckline", "a crew neck"}});
    else if (s.neckline == "v")
        d.push_back({{"V-neck"}, {"a V-neck", "a V neckline"}});
    else if (s.neckline == "collar")
        d.push_back({{"collared"}, {"a collar", s.category == "blouse" ? "a Peter Pan collar" : "a pointed collar"}});
    if (s.heel == "flat")
        d.push_back({{"flat"}, {"a flat sole", "a low heel"}});
    else if (s.heel == "high")
        d.push_back({{"high-heeled", "heeled"}, {"high heels", "a high heel", "a stiletto heel"}});
    return d;
}

std::vector<DetailJa> detailsJa(const GarmentSpec& s)
{
    std::vector<DetailJa> d;
    if (s.sleeve == "long")
        d.push_back({{"長袖", "長袖", "長そで"}});
    else if (s.sleeve == "short")
        d.push_back({{"半袖", "半袖", "半そで"}});
    else if (s.sleeve == "sleeveless")
        d.push_back({{"ノースリーブ", "袖なし"}});
    if (s.length == "mini")
        d.push_back({{"ミニ丈"}});
    else if (s.length == "knee")
        d.push_back({{"ひざ丈", "膝丈", "ミディ丈"}});
    else if (s.length == "maxi")
        d.push_back({{"マキシ丈", "ロング丈"}});
    if (s.neckline == "round")
        d.push_back({{"丸首", "クルーネック"}});
    else if (s.neckline == "v")
        d.push_back({{"Vネック"}});
    else if (s.neckline == "collar")
        d.push_back({{"襟付き", "衿付き"}});
    if (s.heel == "flat")
        d.push_back({{"フラット", "ぺたんこ", "ローヒール"}});
    else if (s.heel == "high")
        d.push_back({{"ハイヒール"}});
    return d;
}

Words fillersEn(const std::string& category)
{
    if (category == "sneakers" || category == "boots" || category == "sandals")
        return {"Cushioned insole.", "Non-slip outsole.", "Comfortable all day.", "True to size.", "Easy to pair with anything.", "New season."};
    if (category == "bag")
        return {"Roomy main compartment.", "Inner zip pocket.", "Fits a laptop.", "Durable and light.", "An everyday essential."};
    return {"Easy to wear.",
            "A wardrobe staple.",
            "Great for everyday wear.",
            "Soft and comfortable.",
            "Machine washable.",
            "Relaxed fit.",
            "Regular fit.",
            "Made from breathable cotton.",
            "Pairs well with denim.",
            "A timeless piece.",
            "Perfect for the office or the weekend.",
            "True to size.",
            "New season."};
}

Words fillersJa(const std::string& category)
{
    if (category == "sneakers" || category == "boots" || category == "sandals")
        return {"クッション性のある中敷き。", "滑りにくい靴底。", "一日中快適。", "どんな服にも合わせやすい。", "今季の新作。"};
    if (category == "bag")
        return {"収納たっぷり。", "内ポケット付き。", "A4サイズが入ります。", "軽くて丈夫。", "毎日使える定番。"};
    return {"毎日使いやすい一着です。", "着心地の良い素材。", "洗濯機で洗えます。", "オフィスにも休日にも。", "合わせやすいデザイン。",
            "今季の新作。",           "ゆったりとしたシルエット。", "定番アイテム。", "軽くて快適。", "数量限定。"};
}

std::string capitalize(std::string s)
{
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string titleCase(const std::string& s)
{
    std::string out = s;
    bool start = true;
    for (char& c : out) {
        if (start && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        start = (c == ' ' || c == '-');
    }
    return out;
}

std::string article(const std::string& next)
{
    return (!next.empty() && std::string("aeiouAEIOU").find(next[0]) != std::string::npos) ? "an" : "a";
}

// "a, b and c"
std::string joinAnd(const Words& w)
{
    std::string out;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i > 0)
            out += (i + 1 == w.size()) ? " and " : ", ";
        out += w[i];
    }
    return out;
}

std::string joinSkipEmpty(const Words& parts, const std::string& sep)
{
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty())
            continue;
        if (!out.empty())
            out += sep;
        out += p;
    }
    return out;
}

template <class T>
void shuffle(std::vector<T>& v, Rng& rng)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[static_cast<std::size_t>(rng.below(static_cast<int>(i)))]);
}

// Some Japanese shops type Latin letters full-width (「Ｔシャツ」「Ｖネック」).
std::string fullWidthAscii(const std::string& s)
{
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            const UChar32 cp = 0xFF00 + (c - 0x20); // the full-width form of an ASCII letter or digit
            char buf[U8_MAX_LENGTH];
            std::int32_t len = 0;
            U8_APPEND_UNSAFE(buf, len, cp);
            out.append(buf, static_cast<std::size_t>(len));
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

struct EnParts {
    Noun noun;
    std::string colour;    // empty when left out
    std::string patAdj;    // empty when left out
    std::string patNoun;
    std::string patShort;
    Words detailAdj, detailWith;
    std::string filler;
};

std::string describeEn(const EnParts& p, Rng& rng)
{
    const std::string& n = p.noun.word;
    const bool pair = p.noun.pair;
    const std::string firstDetailAdj = p.detailAdj.empty() ? std::string() : p.detailAdj.front();
    const Words restWith = p.detailWith.size() > 1 ? Words(p.detailWith.begin() + 1, p.detailWith.end()) : Words{};
    auto withClause = [](const Words& w) { return w.empty() ? std::string() : " with " + joinAnd(w); };
    auto sentence = [](std::string s) { return s.empty() ? s : capitalize(s) + "."; };
    const std::string filler = p.filler;
    switch (rng.below(12)) {
    case 0: // Navy striped shirt with long sleeves.
        return joinSkipEmpty({sentence(joinSkipEmpty({p.colour, p.patAdj, n}, " ") + withClause(p.detailWith)), filler}, " ");
    case 1: { // Long-sleeve shirt in dark blue, stripes.
        std::string s = joinSkipEmpty({firstDetailAdj, n}, " ");
        if (!p.colour.empty())
            s += " in " + p.colour;
        if (!p.patShort.empty())
            s += ", " + p.patShort;
        Words rest(p.detailAdj.size() > 1 ? p.detailAdj.begin() + 1 : p.detailAdj.end(), p.detailAdj.end());
        return joinSkipEmpty({sentence(s), rest.empty() ? std::string() : sentence(joinAnd(rest)), filler}, " ");
    }
    case 2: { // A striped navy shirt. It has long sleeves and a V-neck.
        const std::string np = joinSkipEmpty({p.patAdj, p.colour, n}, " ");
        const std::string lead = pair ? "a pair of " + np : article(np) + " " + np;
        std::string out = sentence(lead);
        if (!p.detailWith.empty())
            out += (pair ? " They have " : " It has ") + joinAnd(p.detailWith) + ".";
        return joinSkipEmpty({out, filler}, " ");
    }
    case 3: { // This navy shirt comes with stripes and long sleeves.
        Words with;
        if (!p.patNoun.empty())
            with.push_back(p.patNoun);
        with.insert(with.end(), p.detailWith.begin(), p.detailWith.end());
        std::string s = (pair ? "these " : "this ") + joinSkipEmpty({p.colour, n}, " ");
        s += with.empty() ? (pair ? " are a classic" : " is a classic") : (pair ? " come with " : " comes with ") + joinAnd(with);
        return joinSkipEmpty({sentence(s), filler}, " ");
    }
    case 4: { // Shirt: navy, striped, long-sleeved.
        Words list;
        if (!p.colour.empty())
            list.push_back(p.colour);
        if (!p.patAdj.empty())
            list.push_back(p.patAdj);
        list.insert(list.end(), p.detailAdj.begin(), p.detailAdj.end());
        shuffle(list, rng);
        return capitalize(n) + (list.empty() ? "." : ": " + joinSkipEmpty(list, ", ") + ".");
    }
    case 5: { // Great for everyday wear. Navy shirt, striped, long-sleeved.
        Words list{joinSkipEmpty({capitalize(p.colour), p.colour.empty() ? capitalize(n) : n}, " ")};
        if (!p.patAdj.empty())
            list.push_back(p.patAdj);
        if (!firstDetailAdj.empty())
            list.push_back(firstDetailAdj);
        return joinSkipEmpty({filler, joinSkipEmpty(list, ", ") + "."}, " ");
    }
    case 6: { // Our long-sleeved shirt in striped navy.
        std::string s = "our " + joinSkipEmpty({firstDetailAdj, n}, " ");
        const std::string in = joinSkipEmpty({p.patAdj, p.colour}, " ");
        if (!in.empty())
            s += " in " + in;
        return joinSkipEmpty({sentence(s), restWith.empty() ? std::string() : sentence("Finished with " + joinAnd(restWith)), filler}, " ");
    }
    case 7: { // Navy. Striped. Long-sleeved. Shirt.
        Words w;
        for (const std::string& x : Words{p.colour, p.patAdj})
            if (!x.empty())
                w.push_back(capitalize(x) + ".");
        for (const std::string& x : p.detailAdj)
            w.push_back(capitalize(x) + ".");
        w.push_back(capitalize(n) + ".");
        return joinSkipEmpty(w, " ");
    }
    case 8: { // Shirt (navy, stripes)
        Words inside{p.colour, p.patShort};
        inside.insert(inside.end(), p.detailAdj.begin(), p.detailAdj.end());
        const std::string list = joinSkipEmpty(inside, ", ");
        return capitalize(n) + (list.empty() ? "" : " (" + list + ")");
    }
    case 9: { // Colour: navy. Pattern: stripes. Style: long-sleeved. Shirt.
        Words w;
        if (!p.colour.empty())
            w.push_back("Colour: " + p.colour + ".");
        if (!p.patShort.empty())
            w.push_back("Pattern: " + p.patShort + ".");
        if (!p.detailAdj.empty())
            w.push_back("Style: " + joinSkipEmpty(p.detailAdj, ", ") + ".");
        w.push_back(capitalize(n) + ".");
        shuffle(w, rng);
        return joinSkipEmpty(w, " ");
    }
    case 10: { // A shirt with stripes in navy; long sleeves.
        std::string s = pair ? "a pair of " + n : article(n) + " " + n;
        if (!p.patNoun.empty())
            s += " with " + p.patNoun;
        if (!p.colour.empty())
            s += " in " + p.colour;
        if (!p.detailWith.empty())
            s += "; " + joinAnd(p.detailWith);
        return joinSkipEmpty({sentence(s), filler}, " ");
    }
    default: { // Classic shirt in navy. Features stripes and long sleeves.
        std::string s = "classic " + n;
        if (!p.colour.empty())
            s += " in " + p.colour;
        Words feats;
        if (!p.patNoun.empty())
            feats.push_back(p.patNoun);
        feats.insert(feats.end(), p.detailWith.begin(), p.detailWith.end());
        return joinSkipEmpty({sentence(s), feats.empty() ? std::string() : "Features " + joinAnd(feats) + ".", filler}, " ");
    }
    }
}

struct JaParts {
    std::string noun;
    std::string colour;    // 「紺」, empty when left out
    std::string colourAdj; // 「白い」 or empty
    PatternJa pattern;     // stem empty when left out
    Words details;
    std::string filler;
};

std::string describeJa(const JaParts& p, Rng& rng)
{
    const std::string colNo = p.colour.empty() ? std::string() : p.colour + "の";
    const std::string pat = p.pattern.stem;
    const std::string patGara = pat.empty() ? std::string() : (p.pattern.takesGara ? pat + "柄" : pat);
    const std::string patNo = pat.empty() ? std::string() : patGara + "の";
    const std::string detailsDot = joinSkipEmpty(p.details, rng.chance(0.5) ? "・" : "、");
    const std::string firstDetail = p.details.empty() ? std::string() : p.details.front();
    switch (rng.below(12)) {
    case 0: // 紺のストライプ柄 長袖シャツ
        return joinSkipEmpty({colNo + patGara, detailsDot + p.noun}, " ");
    case 1: // ネイビーの長袖シャツ。ストライプ。
        return colNo + firstDetail + p.noun + "。" + (pat.empty() ? "" : pat + "。") + p.filler;
    case 2: // ストライプが目を引く紺のシャツです。長袖。
        return (pat.empty() ? "" : patGara + "が目を引く") + colNo + p.noun + "です。" + (detailsDot.empty() ? "" : detailsDot + "。") + p.filler;
    case 3: // 定番の無地Tシャツ、カラーは白。丸首タイプ。
        return "定番の" + patGara + p.noun + (p.colour.empty() ? "。" : "、カラーは" + p.colour + "。") +
               (firstDetail.empty() ? "" : firstDetail + "タイプ。");
    case 4: { // シャツ（紺／ストライプ）
        const std::string inside = joinSkipEmpty({p.colour, pat, detailsDot}, "／");
        return p.noun + (inside.empty() ? "" : "（" + inside + "）");
    }
    case 5: // 【紺】ストライプの長袖シャツ
        return (p.colour.empty() ? "" : "【" + p.colour + "】") + patNo + detailsDot + p.noun + (p.filler.empty() ? "" : "　" + p.filler);
    case 6: // 長袖でストライプ柄のシャツ。色は紺。
        return (firstDetail.empty() ? "" : firstDetail + "で") + patNo + p.noun + "。" + (p.colour.empty() ? "" : "色は" + p.colour + "。") + p.filler;
    case 7: { // カラー：紺　柄：ストライプ　シャツ
        Words w;
        if (!p.colour.empty())
            w.push_back("カラー：" + p.colour);
        if (!pat.empty())
            w.push_back("柄：" + pat);
        if (!detailsDot.empty())
            w.push_back("仕様：" + detailsDot);
        shuffle(w, rng);
        w.push_back(p.noun);
        return joinSkipEmpty(w, "　");
    }
    case 8: // 毎日使いやすい一着です。紺×ストライプのシャツ。
        return p.filler + joinSkipEmpty({p.colour, pat}, "×") + (p.colour.empty() && pat.empty() ? "" : "の") + detailsDot + p.noun + "。";
    case 9: { // 白いシャツ。ストライプのデザインで、長袖です。
        const std::string head = (!p.colourAdj.empty() && rng.chance(0.6)) ? p.colourAdj : colNo;
        std::string s = head + p.noun + "。";
        if (!pat.empty())
            s += patGara + "のデザイン" + (detailsDot.empty() ? "です。" : "で、" + detailsDot + "です。");
        else if (!detailsDot.empty())
            s += detailsDot + "です。";
        return s;
    }
    case 10: { // シャツ 紺 ストライプ 長袖
        Words w{p.colour, pat};
        w.insert(w.end(), p.details.begin(), p.details.end());
        shuffle(w, rng);
        w.insert(w.begin(), p.noun);
        return joinSkipEmpty(w, " ");
    }
    default: // 紺を基調としたストライプ柄のシャツ。
        return (p.colour.empty() ? "" : p.colour + "を基調とした") + patNo + detailsDot + p.noun + "。" + p.filler;
    }
}

} // namespace

ShopCopy writeShopCopy(const GarmentSpec& s, const RenderHints& h, Rng& rng)
{
    const std::string pattern = s.pattern.empty() ? std::string() : s.pattern;
    const bool hasPattern = !pattern.empty();
    const bool plain = pattern == "plain";
    const auto nounsE = nounsEn(s, h);
    const auto nounsJ = nounsJa(s, h);
    const Words colE = coloursEn(s.color), colJ = coloursJa(s.color);
    const auto detE = detailsEn(s);
    const auto detJ = detailsJa(s);

    ShopCopy out;

    // Titles: short, always colour and category, the pattern unless plain.
    {
        const Noun& n = rng.pick(nounsE);
        const std::string col = titleCase(rng.pick(colE));
        const std::string pat = hasPattern && !plain ? titleCase(rng.pick(patternAdjEn(pattern, h))) : std::string();
        switch (rng.below(4)) {
        case 0:
        case 1: out.titleEn = joinSkipEmpty({col, pat, titleCase(n.word)}, " "); break;
        case 2: out.titleEn = titleCase(n.word) + " - " + joinSkipEmpty({col, pat}, " "); break;
        default: {
            const std::string d = detE.empty() ? std::string() : titleCase(rng.pick(detE.front().adj));
            out.titleEn = joinSkipEmpty({d, col, pat, titleCase(n.word)}, " ");
        }
        }
    }
    {
        const std::string& n = rng.pick(nounsJ);
        const std::string& col = rng.pick(colJ);
        std::string pat;
        if (hasPattern && !plain) {
            const PatternJa pj = rng.pick(patternsJa(pattern, h));
            pat = pj.takesGara && rng.chance(0.5) ? pj.stem + "柄" : pj.stem;
        }
        switch (rng.below(4)) {
        case 0: out.titleJa = col + pat + n; break;
        case 1: out.titleJa = joinSkipEmpty({col, pat, n}, " "); break;
        case 2: out.titleJa = pat + n + "（" + col + "）"; break;
        default: out.titleJa = (detJ.empty() ? std::string() : rng.pick(detJ.front().words)) + col + pat + n;
        }
    }

    // Descriptions: each attribute may be left out, as real copy does.
    {
        EnParts p;
        p.noun = rng.pick(nounsE);
        if (!rng.chance(0.06))
            p.colour = rng.pick(colE);
        if (hasPattern && (plain ? rng.chance(0.45) : !rng.chance(0.12))) {
            p.patAdj = rng.pick(patternAdjEn(pattern, h));
            p.patNoun = rng.pick(patternNounEn(pattern, h));
            p.patShort = rng.pick(patternShortEn(pattern));
        }
        for (const DetailEn& d : detE) {
            if (rng.chance(0.22))
                continue;
            p.detailAdj.push_back(rng.pick(d.adj));
            p.detailWith.push_back(rng.pick(d.with));
        }
        if (rng.chance(0.55))
            p.filler = rng.pick(fillersEn(s.category));
        out.descriptionEn = describeEn(p, rng);
    }
    {
        JaParts p;
        p.noun = rng.pick(nounsJ);
        if (!rng.chance(0.06)) {
            p.colour = rng.pick(colJ);
            p.colourAdj = colourAdjJa(s.color);
        }
        if (hasPattern && (plain ? rng.chance(0.45) : !rng.chance(0.12)))
            p.pattern = rng.pick(patternsJa(pattern, h));
        for (const DetailJa& d : detJ)
            if (!rng.chance(0.22))
                p.details.push_back(rng.pick(d.words));
        if (rng.chance(0.5))
            p.filler = rng.pick(fillersJa(s.category));
        out.descriptionJa = describeJa(p, rng);
        if (rng.chance(0.08))
            out.descriptionJa = fullWidthAscii(out.descriptionJa);
    }
    return out;
}

} // namespace uf::demo::detail
