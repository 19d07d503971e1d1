// Reading a typed query (see QueryText.h): spelling slips against the fashion vocabulary, then
// each vocabulary word in the catalog's own wording.
#include "text/QueryText.h"

#include "text/FashionVocabulary.h"
#include "text/Normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace uf::text {

namespace {

// One code point's UTF-8 (as codePoints() splits text) to its value, and back, with ICU's macros.
UChar32 decode(const std::string& cp)
{
    int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(cp.data(), i, static_cast<int32_t>(cp.size()), c);
    return c;
}

std::string encode(UChar32 c)
{
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    return std::string(buf, static_cast<std::size_t>(n));
}

enum class Script { Latin, Katakana, Hiragana, Kanji, Other };

Script scriptOf(UChar32 c)
{
    if (c >= 'a' && c <= 'z')
        return Script::Latin;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005)
        return Script::Kanji;
    if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC)
        return Script::Katakana;
    if (c >= 0x3041 && c <= 0x3096)
        return Script::Hiragana;
    return Script::Other;
}

bool allOf(const std::vector<std::string>& cps, Script s)
{
    return !cps.empty() && std::all_of(cps.begin(), cps.end(), [&](const std::string& c) { return scriptOf(decode(c)) == s; });
}

std::vector<std::string> letters(const std::string& word)
{
    std::vector<std::string> out;
    for (char c : word)
        out.emplace_back(1, c);
    return out;
}

using Candidate = std::pair<std::string, std::vector<std::string>>; // a word, its letters or code points

// The words a slip is corrected to: single English words of the vocabulary's surfaces, their
// multi-word surfaces written as one word ("polkadot" -> "polka dot"), its katakana words and its
// words of two or more kanji (with each kanji's readings, to tell a kanji of the same sound).
struct Dictionary {
    std::set<std::string> english;                 // words that are known as they are
    std::map<std::string, std::string> joined;     // "polkadot" -> "polka dot"
    std::vector<Candidate> latinCandidates;
    std::set<std::string> katakana;
    std::vector<Candidate> kanaCandidates;
    std::unordered_set<std::string> ordinary; // English words (the system's word list), empty without one
    std::vector<Candidate> kanjiCandidates; // words of 2+ kanji
    std::unordered_map<std::string, std::set<std::string>> kanjiReadings; // 彩 -> {さい, いろど, ...}: 2+ kana

    Dictionary()
    {
        loadOrdinaryWords();
        loadKanjiReadings();
        for (const std::string& surface : vocabularySurfaces()) {
            const auto cps = codePoints(surface);
            if (cps.size() >= 2 && allOf(cps, Script::Kanji)
                && std::none_of(kanjiCandidates.begin(), kanjiCandidates.end(), [&](const auto& c) { return c.first == surface; }))
                kanjiCandidates.emplace_back(surface, cps);
            if (allOf(cps, Script::Katakana)) {
                if (cps.size() >= 2 && katakana.insert(surface).second)
                    kanaCandidates.emplace_back(surface, cps);
                continue;
            }
            std::vector<std::string> parts;
            std::string cur, all;
            bool latin = true;
            for (char c : surface) {
                if (c == ' ') {
                    if (!cur.empty())
                        parts.push_back(cur);
                    cur.clear();
                } else if (c >= 'a' && c <= 'z') {
                    cur += c;
                    all += c;
                } else {
                    latin = false;
                }
            }
            if (!cur.empty())
                parts.push_back(cur);
            if (!latin)
                continue;
            for (const auto& p : parts)
                english.insert(p);
            if (parts.size() > 1)
                joined.emplace(all, surface);
        }
        for (const auto& w : english)
            latinCandidates.emplace_back(w, letters(w));
        for (const auto& [w, spaced] : joined)
            if (!english.count(w))
                latinCandidates.emplace_back(w, letters(w));
    }

    // The system's English word list (Debian's wamerican, else wbritish), lower-cased, without
    // possessives. Missing: slips are judged by their kind alone (plausibleSlip).
    void loadOrdinaryWords()
    {
        for (const char* path : {"/usr/share/dict/american-english", "/usr/share/dict/british-english"}) {
            std::ifstream in(path);
            std::string line;
            while (std::getline(in, line)) {
                if (line.empty() || line.find('\'') != std::string::npos)
                    continue;
                for (char& c : line)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                ordinary.insert(line);
            }
            if (!ordinary.empty())
                return;
        }
    }

    // Debian's kanjidic (EUC-JP): each kanji's on readings (katakana, read as hiragana) and kun
    // readings (hiragana; the stem before '.') of two kana or more, without the name readings
    // after "T1"/"T2". Missing: kanji slips are not corrected. About 60 ms, once per process.
    void loadKanjiReadings()
    {
        std::ifstream in("/usr/share/edict/kanjidic", std::ios::binary);
        const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (raw.empty())
            return;
        std::string utf8;
        icu::UnicodeString(raw.data(), static_cast<int32_t>(raw.size()), "EUC-JP").toUTF8String(utf8);
        std::size_t pos = 0;
        while (pos < utf8.size()) {
            std::size_t end = utf8.find('\n', pos);
            if (end == std::string::npos)
                end = utf8.size();
            const std::string line = utf8.substr(pos, end - pos);
            pos = end + 1;
            if (line.empty() || line[0] == '#')
                continue;
            std::size_t space = line.find(' ');
            const std::string kanji = line.substr(0, space);
            if (codePoints(kanji).size() != 1)
                continue;
            auto& readings = kanjiReadings[kanji];
            for (std::size_t b = space; b < line.size();) {
                b = line.find_first_not_of(' ', b);
                if (b == std::string::npos || line[b] == '{')
                    break;
                const std::size_t e = std::min(line.find(' ', b), line.size());
                std::string token = line.substr(b, e - b);
                b = e;
                if (token == "T1" || token == "T2")
                    break;
                token = token.substr(0, token.find('.'));
                std::erase(token, '-');
                std::string hira;
                bool kana = !token.empty();
                for (const auto& cp : codePoints(token)) {
                    const UChar32 c = decode(cp);
                    const Script sc = scriptOf(c);
                    kana = kana && (sc == Script::Katakana || sc == Script::Hiragana) && c != 0x30FC;
                    hira += sc == Script::Katakana ? encode(c - 0x60) : cp;
                }
                if (kana && codePoints(hira).size() >= 2)
                    readings.insert(hira);
            }
        }
    }

    // Whether two kanji share a reading (採 and 彩: さい), the slip a kana-kanji conversion makes
    // when it picks another kanji of the same sound.
    bool soundAlike(const std::string& a, const std::string& b) const
    {
        const auto x = kanjiReadings.find(a), y = kanjiReadings.find(b);
        if (x == kanjiReadings.end() || y == kanjiReadings.end())
            return false;
        return std::any_of(x->second.begin(), x->second.end(), [&](const std::string& r) { return y->second.count(r) > 0; });
    }

    bool knownLatin(const std::string& w) const
    {
        auto stem = [&](std::size_t cut) { return w.size() > cut && english.count(w.substr(0, w.size() - cut)) > 0; };
        return english.count(w) > 0 || (w.back() == 's' && stem(1)) || (w.size() > 2 && w.compare(w.size() - 2, 2, "es") == 0 && stem(2));
    }

    std::string spelled(const std::string& w) const
    {
        auto it = joined.find(w);
        return it == joined.end() ? w : it->second;
    }
};

const Dictionary& dictionary()
{
    static const Dictionary d;
    return d;
}

// The attribute values a word names, as a key for "these candidates mean the same".
std::string meaning(const std::string& word)
{
    std::string key;
    for (const auto& [k, v] : findAttributesInText(word))
        key += k + "=" + v + ";";
    return key;
}

// Whether an English word one edit from a vocabulary word is a slip of it rather than another
// English word ("caot" is coat, "cost" is not). With the system's English word list, a word of
// four letters or more that is not in it is a slip of any kind ("sandles", "drss"), one that is
// never is ("cost", "leather"). Without the list, the edit's kind decides: two neighbours swapped
// (caot, pruple, floarl) count from four letters; a letter left out (strped, checkd) or doubled
// (navvy, yelow) from five; a wrong letter only from eight (sneekers). Shorter words one letter
// away are mostly other words: cost, song, sound, back, shot, rock, leather (heather).
bool plausibleSlip(const std::vector<std::string>& typed, const std::vector<std::string>& word)
{
    const std::size_t n = typed.size(), m = word.size();
    if (const auto& ordinary = dictionary().ordinary; !ordinary.empty()) {
        std::string w;
        for (const auto& c : typed)
            w += c;
        // a word the list knows, or knows without its plural ending ("shots"), is meant as typed
        const bool known = ordinary.count(w) || (n > 4 && w.back() == 's' && ordinary.count(w.substr(0, n - 1)));
        return !known && n >= 4;
    }
    if (m == n + 1)
        return n >= 5; // a letter left out
    if (n == m + 1) { // a letter too many: only a doubled one
        if (n < 5)
            return false;
        for (std::size_t i = 0; i + 1 < n; ++i)
            if (typed[i] == typed[i + 1]) {
                std::vector<std::string> t = typed;
                t.erase(t.begin() + static_cast<long>(i));
                if (t == word)
                    return true;
            }
        return false;
    }
    std::size_t first = 0;
    while (first < n && typed[first] == word[first])
        ++first;
    const bool swap = first + 1 < n && typed[first] == word[first + 1] && typed[first + 1] == word[first]
                      && std::equal(typed.begin() + static_cast<long>(first) + 2, typed.end(), word.begin() + static_cast<long>(first) + 2);
    return swap ? n >= 4 : n >= 8;
}

// A katakana letter without its voicing marks and at full size: ズ -> ス, パ -> ハ, ャ -> ヤ, ッ -> ツ.
UChar32 kanaBase(UChar32 c)
{
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    icu::UnicodeString d;
    if (U_SUCCESS(err) && nfd->getDecomposition(c, d) && d.length() > 0)
        c = d.char32At(0);
    switch (c) {
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: // ァィゥェォ
    case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: // ッャュョヮ
        return c + 1;
    default:
        return c;
    }
}

// Whether two katakana words differ in one letter that people mistype for the other: a voicing
// mark (ブラウズ for ブラウス), a small or a full-size letter (シヤツ), or letters that look alike
// (ソ/ン, シ/ツ: ワソピース).
bool kanaLookAlike(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    if (a.size() != b.size())
        return false;
    int diffs = 0;
    bool alike = true;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i])
            continue;
        ++diffs;
        const UChar32 x = kanaBase(decode(a[i])), y = kanaBase(decode(b[i]));
        auto pair = [&](UChar32 p, UChar32 q) { return (x == p && y == q) || (x == q && y == p); };
        alike = alike && (x == y || pair(0x30BD, 0x30F3) || pair(0x30B7, 0x30C4));
    }
    return diffs == 1 && alike;
}

// Of the candidates a typed word may be a slip of: the one to read it as when all name the same
// values (the nearest in length, then the first by spelling); empty when there are none or they
// disagree.
std::string agreed(const std::vector<const Candidate*>& hits, const std::vector<std::string>& word)
{
    if (hits.empty() || !std::all_of(hits.begin(), hits.end(), [&](const Candidate* h) { return meaning(h->first) == meaning(hits.front()->first); }))
        return {};
    const Candidate* best = *std::min_element(hits.begin(), hits.end(), [&](const Candidate* a, const Candidate* b) {
        const auto da = std::labs(static_cast<long>(a->second.size()) - static_cast<long>(word.size()));
        const auto db = std::labs(static_cast<long>(b->second.size()) - static_cast<long>(word.size()));
        return da != db ? da < db : a->first < b->first;
    });
    return best->first;
}

// The one candidate within one slip of `word` (agreed()); empty when there is none or they
// disagree. Latin words must also be a plausible slip (plausibleSlip). Katakana candidates that
// disagree are settled by the look-alike letter when only one meaning is reached that way
// (ブラウズ: ブラウス, not ブラウン).
std::string closest(const std::vector<std::string>& word, const std::vector<Candidate>& candidates, bool latin, int edits = 1)
{
    std::vector<const Candidate*> hits;
    for (const auto& c : candidates) {
        const auto diff = static_cast<long>(c.second.size()) - static_cast<long>(word.size());
        if (diff < -edits || diff > edits)
            continue;
        // two slips: only for words the English word list does not know (correctLatin)
        if (editDistance(word, c.second, edits) <= edits && (!latin || edits > 1 || plausibleSlip(word, c.second)))
            hits.push_back(&c);
    }
    if (std::string one = agreed(hits, word); !one.empty() || latin)
        return one;
    std::erase_if(hits, [&](const Candidate* h) { return !kanaLookAlike(word, h->second); });
    return agreed(hits, word);
}

std::string correctLatin(const std::string& w)
{
    const Dictionary& d = dictionary();
    if (w.size() < 4 || d.knownLatin(w))
        return w;
    if (d.joined.count(w))
        return d.spelled(w);
    if (w.back() == 's' && d.joined.count(w.substr(0, w.size() - 1)))
        return d.spelled(w.substr(0, w.size() - 1)) + "s";
    if (auto c = closest(letters(w), d.latinCandidates, true); !c.empty())
        return d.spelled(c);
    if (w.back() == 's' && w.size() > 4)
        if (auto c = closest(letters(w.substr(0, w.size() - 1)), d.latinCandidates, true); !c.empty())
            return d.spelled(c) + "s";
    // Two slips in a longer word that is no English word ("sandles" -> "sandals", "camoflauge"),
    // when only one meaning is that close; needs the word list to tell it from other words.
    if (w.size() >= 7 && !d.ordinary.empty() && !d.ordinary.count(w))
        if (auto c = closest(letters(w), d.latinCandidates, true, 2); !c.empty())
            return d.spelled(c);
    return w;
}

std::string correctKatakana(const std::vector<std::string>& cps, const std::string& run)
{
    const Dictionary& d = dictionary();
    if (cps.size() < 3 || d.katakana.count(run))
        return run;
    for (const auto& [k, kcps] : d.kanaCandidates) // a compound of known words ("ストライプシャツ") is no slip
        if (run.find(k) != std::string::npos)
            return run;
    auto c = closest(cps, d.kanaCandidates, false);
    return c.empty() ? run : c;
}

// A hiragana run: kanji words left as their readings are written in kanji ("はながらの" -> "花柄の",
// the longest reading first at each place), else a whole run spelling a katakana word in hiragana
// ("ばっぐ" -> "バッグ") unless the vocabulary already reads it.
std::string correctHiragana(const std::vector<std::string>& cps, const std::string& run, bool known)
{
    std::string withKanji;
    bool replaced = false;
    for (std::size_t k = 0, byte = 0; k < cps.size();) { // code point k starts at `byte`
        const std::pair<std::string, std::string>* best = nullptr;
        for (const auto& r : kanaReadings())
            if (run.compare(byte, r.first.size(), r.first) == 0 && (!best || r.first.size() > best->first.size()))
                best = &r;
        const std::size_t end = byte + (best ? best->first.size() : cps[k].size());
        withKanji += best ? best->second : cps[k];
        replaced = replaced || best;
        while (byte < end)
            byte += cps[k++].size();
    }
    if (replaced)
        return withKanji;
    if (known || cps.size() < 2 || !findAttributesInText(run).empty())
        return run;
    std::string kata;
    for (const auto& cp : cps)
        kata += encode(decode(cp) + 0x60);
    return dictionary().katakana.count(kata) ? kata : run;
}

// A run of kanji: a word of two or more kanji with one kanji swapped for another of the same
// sound ("迷採" -> "迷彩", the kana-kanji conversion's slip), where every vocabulary word it could be
// names the same values. Parts of the run the vocabulary already reads (`known`, by code point)
// stay as they are; the longest word is tried first at each place.
std::string correctKanji(const std::vector<std::string>& cps, const std::function<bool(std::size_t, std::size_t)>& known)
{
    const Dictionary& d = dictionary();
    std::string out;
    for (std::size_t i = 0; i < cps.size();) {
        std::string fixed;
        std::size_t taken = 0;
        for (std::size_t len = cps.size() - i; len >= 2 && taken == 0; --len) {
            if (known(i, i + len))
                continue;
            const std::vector<std::string> typed(cps.begin() + static_cast<long>(i), cps.begin() + static_cast<long>(i + len));
            std::vector<const Candidate*> hits;
            for (const Candidate& c : d.kanjiCandidates) {
                if (c.second.size() != len)
                    continue;
                int diffs = 0;
                bool alike = true;
                for (std::size_t k = 0; k < len && alike; ++k)
                    if (c.second[k] != typed[k]) {
                        ++diffs;
                        alike = d.soundAlike(c.second[k], typed[k]);
                    }
                if (diffs == 1 && alike)
                    hits.push_back(&c);
            }
            fixed = agreed(hits, typed);
            taken = fixed.empty() ? 0 : len;
        }
        if (taken == 0) {
            out += cps[i++];
        } else {
            out += fixed;
            i += taken;
        }
    }
    return out;
}

} // namespace

int editDistance(const std::vector<std::string>& a, const std::vector<std::string>& b, int limit)
{
    const std::size_t n = a.size(), m = b.size();
    if (static_cast<int>(n > m ? n - m : m - n) > limit)
        return limit + 1;
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i)
        d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j)
        d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        int rowBest = limit + 1;
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            rowBest = std::min(rowBest, d[i][j]);
        }
        if (rowBest > limit)
            return limit + 1;
    }
    return d[n][m];
}

QueryReading readQuery(std::string_view typed)
{
    QueryReading out;
    const std::string folded = foldForMatching(typed);
    // 1. Slips, run by run of one script.
    // Words the vocabulary already reads (with their neighbours: "vネック", "tシャツ") are no slip.
    const auto known = matchVocabulary(folded);
    auto inKnownWord = [&](std::size_t begin, std::size_t end) {
        return std::any_of(known.begin(), known.end(), [&](const VocabularyMatch& m) { return begin < m.end && m.begin < end; });
    };
    std::string corrected;
    const auto cps = codePoints(folded);
    std::size_t byte = 0;
    for (std::size_t i = 0; i < cps.size();) {
        const Script s = scriptOf(decode(cps[i]));
        std::size_t j = i + 1;
        while (j < cps.size() && scriptOf(decode(cps[j])) == s && s != Script::Other)
            ++j;
        const std::vector<std::string> run(cps.begin() + static_cast<long>(i), cps.begin() + static_cast<long>(j));
        std::string word;
        for (const auto& c : run)
            word += c;
        std::string fixed = word;
        std::vector<std::size_t> at{byte}; // byte offset of each code point of the run, and its end
        for (const auto& c : run)
            at.push_back(at.back() + c.size());
        byte += word.size();
        const bool known = inKnownWord(at.front(), at.back());
        if (s == Script::Hiragana)
            fixed = correctHiragana(run, word, known);
        else if (s == Script::Kanji) // parts the vocabulary reads stay, the rest may be a slip
            fixed = correctKanji(run, [&](std::size_t b, std::size_t e) { return inKnownWord(at[b], at[e]); });
        else if (known)
            ;
        else if (s == Script::Latin)
            fixed = correctLatin(word);
        else if (s == Script::Katakana)
            fixed = correctKatakana(run, word);
        if (fixed != word)
            out.corrections.push_back(word + " → " + fixed);
        corrected += fixed;
        i = j;
    }
    // 2. Vocabulary words in the catalog's wording, in the language they were typed in.
    std::string text;
    std::size_t pos = 0;
    std::vector<std::string> attributeWords, categoryWords; // the keywords; the category's go last
    for (const VocabularyMatch& m : matchVocabulary(corrected)) {
        text += corrected.substr(pos, m.begin - pos);
        pos = m.end;
        if (m.pairs.empty()) {
            text += corrected.substr(m.begin, m.end - m.begin);
            continue;
        }
        const bool japanese = std::any_of(corrected.begin() + static_cast<long>(m.begin), corrected.begin() + static_cast<long>(m.end),
                                          [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        std::string said;
        for (const auto& [k, v] : m.pairs)
            said += (said.empty() || japanese ? "" : " ") + displayName(k, v, japanese ? "ja" : "en");
        said = normalize(said);
        const bool category = std::any_of(m.pairs.begin(), m.pairs.end(), [](const AttributePair& kv) { return kv.first == "category"; });
        (category ? categoryWords : attributeWords).push_back(said);
        // "ボタニカル柄" is 花柄, not 花柄柄: a suffix the catalog's word already ends with is dropped.
        for (const std::string suffix : {"柄", "模様"})
            if (said.ends_with(suffix) && corrected.compare(pos, suffix.size(), suffix) == 0)
                pos += suffix.size();
        text += said;
    }
    text += corrected.substr(pos);
    out.text = normalize(text);
    for (const auto* words : {&attributeWords, &categoryWords})
        for (const auto& w : *words)
            out.keywords += (out.keywords.empty() ? "" : " ") + w;
    if (out.keywords == out.text)
        out.keywords.clear();
    return out;
}

} // namespace uf::text
