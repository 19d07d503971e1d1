#include "text/Tokenizer.h"

#include "common/Error.h"
#include "common/Files.h"
#include "text/Normalize.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace uf::text {

namespace {

const char* const kSpecialNames[Tokenizer::kNumSpecial] = {"[PAD]", "[UNK]", "[CLS]", "[BOS]", "[EOS]",
                                                          "[SEP]", "[MASK]", "[LANG_JA]", "[LANG_EN]", "[SP]"};
constexpr int kFirstByte = Tokenizer::kNumSpecial;

// Scripts written without spaces: one token per code point.
bool isUnspacedScript(UChar32 c)
{
    if (c == 0x30FC || c == 0x3005 || c == 0x3006 || c == 0x303B) // ー 々 〆 〻
        return true;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode s = uscript_getScript(c, &status);
    switch (s) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
        return true;
    default:
        return false;
    }
}

bool isWordChar(UChar32 c) { return (u_isalnum(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK) && !isUnspacedScript(c); }

enum class SegKind { Space, Word, Chars };

struct Segment {
    SegKind kind;
    std::string text;
};

UChar32 firstCodePoint(std::string_view s)
{
    if (s.empty())
        return -1;
    std::int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
    return c;
}

// Cuts already-normalised text into spaces, alphabetic words (adjacent ones merged) and runs of
// other characters (Han/kana/punctuation), which become one token per code point.
std::vector<Segment> segment(const std::string& norm)
{
    std::vector<Segment> out;
    if (norm.empty())
        return out;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(norm);
    UErrorCode status = U_ZERO_ERROR;
    thread_local std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getJapanese(), status));
    if (!it) {
        out.push_back({SegKind::Chars, norm});
        return out;
    }
    it->setText(s);
    std::int32_t start = it->first();
    for (std::int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
        icu::UnicodeString piece = s.tempSubStringBetween(start, end);
        bool allSpace = true, allWord = true;
        for (std::int32_t i = 0; i < piece.length();) {
            const UChar32 c = piece.char32At(i);
            i += U16_LENGTH(c);
            if (!u_isUWhiteSpace(c))
                allSpace = false;
            if (!isWordChar(c))
                allWord = false;
        }
        std::string utf8;
        piece.toUTF8String(utf8);
        SegKind kind = allSpace ? SegKind::Space : (allWord ? SegKind::Word : SegKind::Chars);
        // Letters inside a word that are not word characters on their own ("don't", "3.5"): keep
        // the whole ICU word together when it starts with a word character.
        if (!allSpace && !allWord && it->getRuleStatus() >= UBRK_WORD_NUMBER && it->getRuleStatus() < UBRK_WORD_KANA
            && isWordChar(piece.char32At(0)))
            kind = SegKind::Word;
        if (kind == SegKind::Word && !out.empty() && out.back().kind == SegKind::Word)
            out.back().text += utf8; // no space between: one word for the decoder's sake
        else
            out.push_back({kind, std::move(utf8)});
    }
    return out;
}

bool isByteToken(const std::string& t) { return t.size() == 6 && t[0] == '<' && t[1] == '0' && t[2] == 'x' && t[5] == '>'; }

// A token that belongs to a spaced word (word, piece, letter): decode puts a space between two words.
bool isContinuation(const std::string& t);

bool isWordish(const std::string& t)
{
    if (t.empty())
        return false;
    if (isContinuation(t))
        return true;
    if ((t.size() > 1 && t[0] == '[') || isByteToken(t))
        return false; // specials and bytes
    return isWordChar(firstCodePoint(t));
}

bool isContinuation(const std::string& t) { return t.size() > 2 && t[0] == '#' && t[1] == '#'; }

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

Tokenizer::Tokenizer()
{
    for (int i = 0; i < kNumSpecial; ++i)
        add(kSpecialNames[i]);
    static const char* hex = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b)
        add(std::string{'<', '0', 'x', hex[b >> 4], hex[b & 15], '>'});
    // Printable ASCII and the kana, so that short Latin or kana queries never fall back to bytes.
    std::set<std::string> chars;
    for (int c = 0x21; c < 0x7F; ++c) {
        if (c >= 'A' && c <= 'Z')
            continue; // case-folded away
        std::string s(1, static_cast<char>(c));
        chars.insert(s);
        if (std::isalnum(c))
            chars.insert("##" + s);
    }
    auto addRange = [&](UChar32 lo, UChar32 hi) {
        for (UChar32 c = lo; c <= hi; ++c) {
            std::string s;
            icu::UnicodeString(c).toUTF8String(s);
            chars.insert(s);
        }
    };
    addRange(0x3041, 0x3096); // hiragana
    addRange(0x30A1, 0x30FA); // katakana
    addRange(0x30FC, 0x30FC); // ー
    addRange(0x3001, 0x3002); // 、。
    addRange(0x300C, 0x300D); // 「」
    addRange(0x30FB, 0x30FB); // ・
    for (const auto& c : chars)
        add(c);
}

void Tokenizer::add(const std::string& token)
{
    if (m_ids.count(token))
        return;
    m_ids.emplace(token, static_cast<int>(m_tokens.size()));
    m_tokens.push_back(token);
}

int Tokenizer::id(const std::string& token) const
{
    auto it = m_ids.find(token);
    return it == m_ids.end() ? -1 : it->second;
}

Tokenizer Tokenizer::build(const std::vector<std::string>& texts, const BuildOptions& options)
{
    Tokenizer tok;
    std::map<std::string, std::int64_t> wordCounts;
    std::set<std::string> chars;
    std::set<std::string> forced;
    auto scan = [&](const std::string& text, bool force) {
        for (const auto& seg : segment(normalize(text))) {
            if (seg.kind == SegKind::Space)
                continue;
            const auto cps = codePoints(seg.text);
            if (seg.kind == SegKind::Word) {
                ++wordCounts[seg.text];
                if (force)
                    forced.insert(seg.text);
                for (std::size_t i = 0; i < cps.size(); ++i) {
                    chars.insert(cps[i]);
                    chars.insert("##" + cps[i]);
                }
            } else {
                for (const auto& cp : cps)
                    chars.insert(cp);
            }
        }
    };
    for (const auto& t : texts)
        scan(t, false);
    for (const auto& t : options.extraWords)
        scan(t, true);

    for (const auto& c : chars)
        tok.add(c);

    std::vector<std::pair<std::string, std::int64_t>> words(wordCounts.begin(), wordCounts.end());
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    int taken = 0;
    for (const auto& [w, n] : words) {
        if (codePoints(w).size() < 2)
            continue; // single letters are already there
        if (forced.count(w) || (n >= options.minWordCount && taken < options.maxWords)) {
            tok.add(w);
            ++taken;
        }
    }

    // Pieces of 2..4 letters, counted over word occurrences, for words outside the vocabulary
    // (typos, inflections, unseen compounds).
    std::map<std::string, std::int64_t> pieceCounts;
    for (const auto& [w, n] : words) {
        const auto cps = codePoints(w);
        for (std::size_t i = 0; i < cps.size(); ++i) {
            std::string piece = i == 0 ? "" : "##";
            for (std::size_t len = 1; len <= static_cast<std::size_t>(tok.m_maxPieceChars) && i + len <= cps.size(); ++len) {
                piece += cps[i + len - 1];
                if (len >= 2)
                    pieceCounts[piece] += n;
            }
        }
    }
    std::vector<std::pair<std::string, std::int64_t>> pieces;
    for (const auto& [p, n] : pieceCounts)
        if (n >= options.minPieceCount && tok.id(p) < 0)
            pieces.emplace_back(p, n);
    std::stable_sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (static_cast<int>(pieces.size()) > options.maxPieces)
        pieces.resize(static_cast<std::size_t>(options.maxPieces));
    std::sort(pieces.begin(), pieces.end());
    for (const auto& [p, n] : pieces)
        tok.add(p);
    return tok;
}

void Tokenizer::encodeCodePoint(const std::string& cp, bool continuation, std::vector<int>& out) const
{
    const int i = id(continuation ? "##" + cp : cp);
    if (i >= 0) {
        out.push_back(i);
        return;
    }
    for (unsigned char b : cp)
        out.push_back(kFirstByte + b);
}

void Tokenizer::encodeWord(const std::string& word, bool forcePieces, std::vector<int>& out) const
{
    if (!forcePieces) {
        const int whole = id(word);
        if (whole >= 0) {
            out.push_back(whole);
            return;
        }
    }
    const auto cps = codePoints(word);
    std::size_t i = 0;
    while (i < cps.size()) {
        bool found = false;
        const std::size_t maxLen = std::min<std::size_t>(static_cast<std::size_t>(m_maxPieceChars), cps.size() - i);
        // Longest piece first; when spelling a known word as pieces (dropout) skip the whole word.
        for (std::size_t len = maxLen; len >= 2; --len) {
            if (forcePieces && i == 0 && len == cps.size())
                continue;
            std::string piece = i == 0 ? "" : "##";
            for (std::size_t k = 0; k < len; ++k)
                piece += cps[i + k];
            const int pid = id(piece);
            if (pid >= 0) {
                out.push_back(pid);
                i += len;
                found = true;
                break;
            }
        }
        if (!found) {
            encodeCodePoint(cps[i], i > 0, out);
            ++i;
        }
    }
}

std::vector<int> Tokenizer::encode(std::string_view text, const EncodeOptions& options) const
{
    std::vector<int> out;
    const std::string norm = normalize(text);
    bool pendingSpace = false;
    std::uniform_real_distribution<float> uni(0.f, 1.f);
    for (const auto& seg : segment(norm)) {
        if (seg.kind == SegKind::Space) {
            pendingSpace = true;
            continue;
        }
        std::vector<int> piece;
        if (seg.kind == SegKind::Word) {
            const bool force = options.pieceDropout > 0.f && options.rng && uni(*options.rng) < options.pieceDropout;
            encodeWord(seg.text, force, piece);
        } else {
            for (const auto& cp : codePoints(seg.text))
                encodeCodePoint(cp, false, piece);
        }
        if (piece.empty())
            continue;
        // Would the decoder put a space here by itself? Emit [SP] where it would not but should.
        const bool implied = !out.empty() && out.back() != Space && isWordish(m_tokens[static_cast<std::size_t>(out.back())])
                             && isWordish(m_tokens[static_cast<std::size_t>(piece.front())])
                             && !isContinuation(m_tokens[static_cast<std::size_t>(piece.front())]);
        if (pendingSpace && !implied && !out.empty() && options.keepSpaces)
            out.push_back(Space);
        pendingSpace = false;
        out.insert(out.end(), piece.begin(), piece.end());
    }
    if (options.maxTokens >= 0 && static_cast<int>(out.size()) > options.maxTokens)
        out.resize(static_cast<std::size_t>(options.maxTokens));
    return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids, bool skipSpecial) const
{
    std::string out;
    std::string bytes;
    bool prevWordish = false;
    auto flushBytes = [&] {
        if (bytes.empty())
            return;
        out += isValidUtf8(bytes) ? bytes : std::string("\xEF\xBF\xBD");
        bytes.clear();
    };
    for (int i : ids) {
        if (i < 0 || i >= size())
            continue;
        const std::string& t = m_tokens[static_cast<std::size_t>(i)];
        if (i >= kFirstByte && i < kFirstByte + 256) {
            const int hi = hexValue(t[3]), lo = hexValue(t[4]);
            bytes.push_back(static_cast<char>(hi * 16 + lo));
            prevWordish = false;
            continue;
        }
        flushBytes();
        if (i == Space) {
            out += ' ';
            prevWordish = false;
            continue;
        }
        if (i < kNumSpecial) {
            if (!skipSpecial) {
                out += t;
                prevWordish = false;
            }
            continue;
        }
        const bool wordish = isWordish(t);
        if (isContinuation(t)) {
            out += t.substr(2);
        } else {
            if (wordish && prevWordish)
                out += ' ';
            out += t;
        }
        prevWordish = wordish;
    }
    flushBytes();
    return out;
}

std::string Tokenizer::toJson() const
{
    nlohmann::json j;
    j["format"] = "unifashion-tokenizer";
    j["version"] = 1;
    j["max_piece_chars"] = m_maxPieceChars;
    j["tokens"] = m_tokens;
    return j.dump();
}

Tokenizer Tokenizer::fromJson(std::string_view json)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(std::string("tokenizer: not valid JSON: ") + e.what());
    }
    if (!j.is_object() || j.value("format", "") != "unifashion-tokenizer" || j.value("version", 0) != 1
        || !j.contains("tokens") || !j["tokens"].is_array())
        throw BadInputError("tokenizer: not a unifashion tokenizer (version 1) — re-create the model pack");
    Tokenizer tok;
    tok.m_tokens.clear();
    tok.m_ids.clear();
    tok.m_maxPieceChars = j.value("max_piece_chars", 4);
    for (const auto& t : j["tokens"]) {
        if (!t.is_string())
            throw BadInputError("tokenizer: a token is not a string");
        const std::string s = t.get<std::string>();
        if (tok.m_ids.count(s))
            throw BadInputError("tokenizer: duplicate token '" + s + "'");
        tok.add(s);
    }
    if (tok.size() < kFirstByte + 256)
        throw BadInputError("tokenizer: too few tokens");
    for (int i = 0; i < kNumSpecial; ++i)
        if (tok.m_tokens[static_cast<std::size_t>(i)] != kSpecialNames[i])
            throw BadInputError("tokenizer: special tokens out of order");
    return tok;
}

std::string Tokenizer::fingerprint() const
{
    Sha256 h;
    for (const auto& t : m_tokens) {
        h.update(t);
        h.update("\n", 1);
    }
    return h.hexDigest();
}

} // namespace uf::text
