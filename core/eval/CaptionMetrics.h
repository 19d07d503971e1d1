// Caption metrics without torch: corpus BLEU-4 (Papineni et al., brevity penalty, no smoothing)
// and CIDEr-D (Vedantam et al., as in coco-caption: tf-idf n-grams 1..4 with document frequency
// over the corpus's references, clipped candidate counts, Gaussian length penalty sigma 6, x10).
// Sentences are compared as token lists; captionTokens() makes them: ICU words, with Japanese and
// other unspaced scripts split into single characters (there are no spaces to trust there).
#pragma once

#include <string>
#include <vector>

namespace uf::eval {

using Tokens = std::vector<std::string>;

Tokens captionTokens(const std::string& text);

// candidates[i] is scored against references[i] (one or more reference sentences each).
double bleu4(const std::vector<Tokens>& candidates, const std::vector<std::vector<Tokens>>& references);
double ciderD(const std::vector<Tokens>& candidates, const std::vector<std::vector<Tokens>>& references);

// True when some n-gram (n >= minN) occurs twice in the tokens: a repeated phrase.
bool hasRepeatedNgram(const Tokens& tokens, int n = 2);

} // namespace uf::eval
