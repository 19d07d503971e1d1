// How a typed search query is read before the model sees it, the same for the search command, the
// GUI and the evaluation (model::ModelRunner::embedTexts is the one caller):
//   1. folded (text::normalize: NFKC, case, full-width/half-width);
//   2. words that are one slip away from a word of the fashion vocabulary are corrected: an
//      English word one slip from exactly one vocabulary word ("caot" -> "coat", "drss" ->
//      "dress", "polkadots" -> "polka dot"), or two in a word of seven letters or more ("sandles"
//      -> "sandals"), unless it is an ordinary English word ("cost", "leather" stay) by the
//      system's word list (Debian's wamerican; without one, one slip only, and the slip's kind and
//      the word's length decide, see plausibleSlip); a katakana word of three or more
//      characters one character away from exactly one katakana vocabulary word ("シヤツ" ->
//      "シャツ", "ネイビ" -> "ネイビー"), two candidates settled by the letter that looks alike
//      (voicing marks, small letters, ソ/ン, シ/ツ: "ブラウズ" -> "ブラウス", not "ブラウン"); kanji
//      words left as hiragana readings ("はながら" -> "花柄") and a hiragana word spelling a
//      katakana vocabulary word ("ばっぐ" -> "バッグ"); a kanji word with one kanji of the same
//      sound in place of the vocabulary's ("迷採" -> "迷彩", the input method's slip; readings from
//      Debian's kanjidic, without it no kanji is corrected). Known words, short words and ties
//      are left alone;
//   3. each vocabulary word is written the way the catalog's own texts name its value, in the
//      language it was typed in ("slacks" -> "trousers", "水玉" -> "ドット", "crewneck sweater"
//      -> "round neck sweater"), so a synonym reads like the word the model learned most from.
// Words outside the vocabulary pass through unchanged: the model reads them as they are.
// `keywords` holds the vocabulary words alone (step 3's wording; the category's word last, as the
// catalog's titles put it, the others in the order typed) when the reading differs from them
// ("子ども用の黄色い丸首Tシャツ" -> "黄色 丸首 tシャツ", "ｽｶｰﾄ ﾁｪｯｸ" -> "チェック スカート"): the search
// reads such a query as the mean of the two (ModelRunner::embedTexts), so the words the catalog
// never uses ("for my daughter", "to take to work") and an unusual order do not pull it away from
// what it names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uf::text {

struct QueryReading {
    std::string text;                       // what the model reads
    std::vector<std::string> corrections;   // "caot → coat", one per corrected word
    std::string keywords;                   // the vocabulary words alone, when the text has more
};

QueryReading readQuery(std::string_view typed);

// Optimal-string-alignment distance (insertions, deletions, substitutions, swaps of neighbours)
// between two sequences of code points, stopping early once it exceeds `limit`.
int editDistance(const std::vector<std::string>& a, const std::vector<std::string>& b, int limit);

} // namespace uf::text
