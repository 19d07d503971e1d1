// The model's tokenizer for Japanese and English, built from a catalog's own text and stored in
// the model pack. No query is ever out of vocabulary:
//   - text is folded with text::normalize (NFKC, case fold, width folding) and cut at ICU word
//     boundaries;
//   - Han/kana/Hangul runs become one token per code point (robust to unseen compounds: 紺色 and
//     紺 share 紺);
//   - alphabetic words are one token when frequent, else WordPiece-style pieces ("navvy" ->
//     "navy" "##y"), else single letters; this keeps typos close to the word they mistype;
//   - any code point missing from the vocabulary falls back to its UTF-8 bytes (<0xNN>).
// Spaces: one is implied between two alphabetic words; any other space is an explicit [SP] token,
// so decode(encode(x)) == normalize(x). Model inputs usually drop [SP] (EncodeOptions).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace uf::text {

class Tokenizer {
public:
    // Fixed ids of the special tokens (the same in every vocabulary).
    enum Special : int { Pad = 0, Unk = 1, Cls = 2, Bos = 3, Eos = 4, Sep = 5, Mask = 6, LangJa = 7, LangEn = 8, Space = 9 };
    static constexpr int kNumSpecial = 10;

    struct BuildOptions {
        int maxWords = 3000;     // whole-word tokens, most frequent first
        int minWordCount = 2;
        int maxPieces = 1500;    // sub-word pieces (2-4 letters), most frequent first
        int minPieceCount = 3;
        std::vector<std::string> extraWords; // always included (e.g. the fashion vocabulary's terms)
    };

    struct EncodeOptions {
        bool keepSpaces = true;        // emit [SP] tokens (needed for an exact round trip)
        int maxTokens = -1;            // truncate (after BOS/CLS etc. are added by the caller)
        float pieceDropout = 0.0f;     // chance to spell a known word as pieces (training)
        std::mt19937_64* rng = nullptr; // required when pieceDropout > 0
    };

    Tokenizer(); // specials, bytes, ASCII and kana only
    static Tokenizer build(const std::vector<std::string>& texts, const BuildOptions& options);

    std::vector<int> encode(std::string_view text, const EncodeOptions& options) const;
    std::vector<int> encode(std::string_view text) const { return encode(text, EncodeOptions{}); }
    // Special tokens (except [SP]) are skipped when skipSpecial is set; invalid byte runs become U+FFFD.
    std::string decode(const std::vector<int>& ids, bool skipSpecial = true) const;

    int size() const { return static_cast<int>(m_tokens.size()); }
    const std::string& token(int id) const { return m_tokens.at(static_cast<std::size_t>(id)); }
    int id(const std::string& token) const; // -1 when absent
    static int langToken(const std::string& lang) { return lang == "ja" ? LangJa : LangEn; }

    // Serialised form (JSON text) for the model pack; fromJson throws BadInputError when malformed.
    std::string toJson() const;
    static Tokenizer fromJson(std::string_view json);
    // SHA-256 of the token list: two tokenizers with the same fingerprint encode identically.
    std::string fingerprint() const;

private:
    void add(const std::string& token);
    void encodeWord(const std::string& word, bool forcePieces, std::vector<int>& out) const;
    void encodeCodePoint(const std::string& cp, bool continuation, std::vector<int>& out) const;

    std::vector<std::string> m_tokens;
    std::unordered_map<std::string, int> m_ids;
    int m_maxPieceChars = 4;
};

} // namespace uf::text
