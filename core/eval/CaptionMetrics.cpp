// BLEU-4 and CIDEr-D (see CaptionMetrics.h).
#include "eval/CaptionMetrics.h"

#include "text/Normalize.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace uf::eval {

namespace {

using Counts = std::map<std::string, double>;

bool unspaced(const std::string& cp)
{
    std::int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(cp.data()), i, static_cast<std::int32_t>(cp.size()), c);
    if (c < 0)
        return false;
    UErrorCode st = U_ZERO_ERROR;
    const UScriptCode s = uscript_getScript(c, &st);
    return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL || c == 0x30FC;
}

Counts ngrams(const Tokens& t, int n)
{
    Counts c;
    for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= t.size(); ++i) {
        std::string key;
        for (int k = 0; k < n; ++k)
            key += t[i + static_cast<std::size_t>(k)] + '\x1f';
        c[key] += 1;
    }
    return c;
}

} // namespace

Tokens captionTokens(const std::string& text)
{
    Tokens out;
    for (const auto& w : text::words(text)) {
        const auto cps = text::codePoints(w);
        bool anyUnspaced = false;
        for (const auto& cp : cps)
            anyUnspaced = anyUnspaced || unspaced(cp);
        if (anyUnspaced)
            out.insert(out.end(), cps.begin(), cps.end());
        else
            out.push_back(w);
    }
    return out;
}

double bleu4(const std::vector<Tokens>& candidates, const std::vector<std::vector<Tokens>>& references)
{
    double matched[4] = {0, 0, 0, 0}, total[4] = {0, 0, 0, 0};
    double candLen = 0, refLen = 0;
    for (std::size_t i = 0; i < candidates.size() && i < references.size(); ++i) {
        const auto& c = candidates[i];
        candLen += static_cast<double>(c.size());
        // Closest reference length (ties: the shorter).
        double best = 1e18, bestLen = 0;
        for (const auto& r : references[i]) {
            const double d = std::abs(double(r.size()) - double(c.size()));
            if (d < best || (d == best && double(r.size()) < bestLen)) {
                best = d;
                bestLen = double(r.size());
            }
        }
        refLen += bestLen;
        for (int n = 1; n <= 4; ++n) {
            const Counts cc = ngrams(c, n);
            Counts maxRef;
            for (const auto& r : references[i])
                for (const auto& [g, k] : ngrams(r, n))
                    maxRef[g] = std::max(maxRef[g], k);
            for (const auto& [g, k] : cc) {
                total[n - 1] += k;
                auto it = maxRef.find(g);
                if (it != maxRef.end())
                    matched[n - 1] += std::min(k, it->second);
            }
        }
    }
    double logSum = 0;
    for (int n = 0; n < 4; ++n) {
        if (total[n] == 0 || matched[n] == 0)
            return 0.0;
        logSum += std::log(matched[n] / total[n]);
    }
    const double bp = candLen >= refLen || candLen == 0 ? 1.0 : std::exp(1.0 - refLen / candLen);
    return bp * std::exp(logSum / 4.0);
}

double ciderD(const std::vector<Tokens>& candidates, const std::vector<std::vector<Tokens>>& references)
{
    const std::size_t N = std::min(candidates.size(), references.size());
    if (N == 0)
        return 0.0;
    // Document frequency of each n-gram over the images' reference sets.
    std::map<std::string, double> df;
    for (std::size_t i = 0; i < N; ++i) {
        std::set<std::string> seen;
        for (const auto& r : references[i])
            for (int n = 1; n <= 4; ++n)
                for (const auto& [g, k] : ngrams(r, n))
                    seen.insert(g);
        for (const auto& g : seen)
            df[g] += 1;
    }
    const double logN = std::log(double(N));
    struct Vec {
        Counts v[4];
        double norm[4] = {0, 0, 0, 0};
        double length = 0;
    };
    auto vec = [&](const Tokens& t) {
        Vec out;
        out.length = static_cast<double>(t.size());
        for (int n = 1; n <= 4; ++n) {
            for (const auto& [g, tf] : ngrams(t, n)) {
                auto it = df.find(g);
                const double d = it == df.end() ? 0.0 : it->second;
                const double w = tf * (logN - std::log(std::max(1.0, d)));
                out.v[n - 1][g] = w;
                out.norm[n - 1] += w * w;
            }
            out.norm[n - 1] = std::sqrt(out.norm[n - 1]);
        }
        return out;
    };
    const double sigma = 6.0;
    double sum = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const Vec h = vec(candidates[i]);
        double score = 0;
        for (const auto& r : references[i]) {
            const Vec rv = vec(r);
            const double delta = h.length - rv.length;
            double s = 0;
            for (int n = 0; n < 4; ++n) {
                double val = 0;
                for (const auto& [g, w] : h.v[n]) {
                    auto it = rv.v[n].find(g);
                    if (it != rv.v[n].end())
                        val += std::min(w, it->second) * it->second;
                }
                if (h.norm[n] != 0 && rv.norm[n] != 0)
                    val /= h.norm[n] * rv.norm[n];
                val *= std::exp(-(delta * delta) / (2 * sigma * sigma));
                s += val;
            }
            score += s / 4.0;
        }
        if (!references[i].empty())
            sum += score / double(references[i].size()) * 10.0;
    }
    return sum / double(N);
}

bool hasRepeatedNgram(const Tokens& tokens, int n)
{
    std::set<std::vector<std::string>> seen;
    for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= tokens.size(); ++i) {
        std::vector<std::string> g(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(i) + n);
        if (!seen.insert(g).second)
            return true;
    }
    return false;
}

} // namespace uf::eval
