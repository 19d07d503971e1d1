// Text folding shared by import, the tokenizer and search: NFKC (full-width ASCII and half-width
// katakana fold to their usual forms), case folding, unified whitespace. ICU does the work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uf::text {

// NFKC + case fold + collapse runs of white space to one ASCII space, trimmed. Invalid UTF-8
// bytes become U+FFFD. "ＮＡＶＹ　ｼｬﾂ" -> "navy シャツ".
std::string normalize(std::string_view utf8);

// Splits normalised text into words with ICU's word-break rules (Japanese runs are split by ICU's
// dictionary); spaces and punctuation are dropped.
std::vector<std::string> words(std::string_view utf8);

// True when the bytes are well-formed UTF-8.
bool isValidUtf8(std::string_view bytes);

// Splits UTF-8 into code points, each as its own UTF-8 string.
std::vector<std::string> codePoints(std::string_view utf8);

} // namespace uf::text
