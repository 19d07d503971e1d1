// Query, caption and modification texts from attributes, and triplet mining (see TextSampler.h).
#include "training/TextSampler.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <unordered_map>

namespace uf::training {

namespace {

template <typename T>
const T& pick(const std::vector<T>& v, std::mt19937_64& rng)
{
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

double uniform(std::mt19937_64& rng) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

// A surface word: the display word half of the time, else any synonym.
std::string surface(const text::AttributeValue& av, const std::string& lang, std::mt19937_64& rng)
{
    const auto& primary = lang == "ja" ? av.ja : av.en;
    const auto& other = lang == "ja" ? av.en : av.ja;
    const auto& words = primary.empty() ? other : primary;
    if (words.empty())
        return av.value;
    if (uniform(rng) < 0.5)
        return words.front();
    return pick(words, rng);
}

std::string join(const std::vector<std::string>& parts, const std::string& sep)
{
    std::string out;
    for (const auto& p : parts) {
        if (p.empty())
            continue;
        if (!out.empty())
            out += sep;
        out += p;
    }
    return out;
}

bool isAsciiWord(const std::string& w)
{
    if (w.size() < 4)
        return false;
    for (unsigned char c : w)
        if (!std::isalpha(c))
            return false;
    return true;
}

} // namespace

bool hasAll(const Attributes& item, const std::vector<text::AttributePair>& pairs)
{
    for (const auto& [k, v] : pairs) {
        auto it = item.find(k);
        if (it == item.end() || it->second != v)
            return false;
    }
    return true;
}

std::vector<text::AttributePair> TextSampler::mentionsIn(const std::string& t, const Attributes& attributes)
{
    std::vector<text::AttributePair> out;
    for (const auto& p : text::findAttributesInText(t)) {
        auto it = attributes.find(p.first);
        if (it != attributes.end() && it->second == p.second)
            out.push_back(p);
    }
    return out;
}

std::string TextSampler::addTypo(const std::string& word, std::mt19937_64& rng)
{
    if (!isAsciiWord(word))
        return word;
    std::string w = word;
    const std::size_t i = std::uniform_int_distribution<std::size_t>(1, w.size() - 2)(rng);
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
    case 0: w.erase(i, 1); break;                      // drop a letter
    case 1: std::swap(w[i], w[i + 1]); break;          // swap two
    case 2: w.insert(i, 1, w[i]); break;               // double one
    default: w[i] = static_cast<char>('a' + std::uniform_int_distribution<int>(0, 25)(rng)); break;
    }
    return w;
}

SampledText TextSampler::query(const Attributes& attributes, std::mt19937_64& rng, const std::string& langIn) const
{
    SampledText out;
    out.lang = langIn;
    if (out.lang.empty())
        out.lang = uniform(rng) < m_options.mixedLanguageProb ? "mixed" : (uniform(rng) < 0.5 ? "ja" : "en");
    const bool allowTypos = langIn.empty();
    auto wordLang = [&]() { return out.lang == "mixed" ? (uniform(rng) < 0.5 ? "ja" : "en") : out.lang; };

    std::string category, color, pattern;
    std::vector<std::string> extras;
    std::vector<std::string> keywords;
    for (const auto& [key, value] : attributes) {
        const double p = key == "category" ? 0.85 : key == "color" ? 0.75 : key == "pattern" ? 0.5 : 0.3;
        if (uniform(rng) >= p)
            continue;
        const text::AttributeValue* av = text::findValue(key, value);
        if (!av)
            continue;
        std::string w = surface(*av, wordLang(), rng);
        if (allowTypos && uniform(rng) < m_options.typoProb)
            w = addTypo(w, rng);
        out.mentions.emplace_back(key, value);
        if (key == "category")
            category = w;
        else if (key == "color")
            color = w;
        else if (key == "pattern")
            pattern = w;
        else
            extras.push_back(w);
        keywords.push_back(w);
    }
    if (keywords.empty()) { // name at least one attribute
        auto it = attributes.find("category");
        if (it == attributes.end())
            it = attributes.begin();
        if (it != attributes.end()) {
            if (const text::AttributeValue* av = text::findValue(it->first, it->second)) {
                category = surface(*av, wordLang(), rng);
                keywords.push_back(category);
                out.mentions.emplace_back(it->first, it->second);
            }
        }
        if (keywords.empty()) {
            out.text = attributes.empty() ? std::string() : attributes.begin()->second;
            return out;
        }
    }
    std::shuffle(extras.begin(), extras.end(), rng);
    const std::string ex = join(extras, out.lang == "ja" ? "" : " ");
    const int form = std::uniform_int_distribution<int>(0, 3)(rng);
    if (out.lang == "ja") {
        switch (form) {
        case 0: out.text = join({join({color}, ""), join({pattern, ex, category}, "")}, "の"); break;
        case 1: std::shuffle(keywords.begin(), keywords.end(), rng); out.text = join(keywords, " "); break;
        case 2: out.text = join({ex, join({color, pattern, category}, "")}, "の") + (category.empty() ? "" : "を探しています"); break;
        default: out.text = join({color, pattern, ex, category}, ""); break;
        }
    } else if (out.lang == "en") {
        switch (form) {
        case 0: out.text = join({color, pattern, ex, category}, " "); break;
        case 1:
            out.text = category.empty() ? join({color, pattern, ex}, " ")
                                        : join({category, color.empty() ? "" : "in " + color, pattern.empty() ? "" : "with " + pattern,
                                                ex.empty() ? "" : ", " + ex},
                                               " ");
            break;
        case 2: out.text = "looking for a " + join({color, pattern, category}, " ") + (ex.empty() ? "" : " with " + ex); break;
        default: std::shuffle(keywords.begin(), keywords.end(), rng); out.text = join(keywords, " "); break;
        }
    } else {
        std::shuffle(keywords.begin(), keywords.end(), rng);
        out.text = form == 0 ? join(keywords, " ") : join(keywords, form == 1 ? "の" : " ");
    }
    return out;
}

SampledText TextSampler::retrievalText(const ItemTexts& item, std::mt19937_64& rng) const
{
    const double r = uniform(rng);
    const std::string lang = uniform(rng) < 0.5 ? "ja" : "en";
    auto fromField = [&](const std::map<std::string, std::string>& field) -> std::optional<SampledText> {
        auto it = field.find(lang);
        if (it == field.end() || it->second.empty())
            it = std::find_if(field.begin(), field.end(), [](const auto& kv) { return !kv.second.empty(); });
        if (it == field.end())
            return std::nullopt;
        return SampledText{it->second, it->first, mentionsIn(it->second, item.attributes)};
    };
    if (r < m_options.titleProb) {
        if (auto t = fromField(item.title))
            return *t;
    } else if (r < m_options.titleProb + m_options.descriptionProb) {
        if (auto t = fromField(item.description))
            return *t;
    }
    if (item.attributes.empty()) { // nothing to write a query from: fall back to any own text
        if (auto t = fromField(item.title))
            return *t;
        if (auto t = fromField(item.description))
            return *t;
        return {};
    }
    return query(item.attributes, rng);
}

SampledText TextSampler::captionText(const ItemTexts& item, std::mt19937_64& rng) const
{
    std::string lang = uniform(rng) < 0.5 ? "ja" : "en";
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto it = item.title.find(lang);
        if (it != item.title.end() && !it->second.empty())
            return SampledText{it->second, lang, mentionsIn(it->second, item.attributes)};
        lang = lang == "ja" ? "en" : "ja";
    }
    return query(item.attributes, rng, lang);
}

std::string TextSampler::modificationText(const std::string& category, const std::string& key, const std::string& value,
                                          const std::string& lang, std::mt19937_64& rng) const
{
    const text::AttributeValue* av = text::findValue(key, value);
    const std::string v = av ? surface(*av, lang, rng) : value;
    const text::AttributeValue* cv = text::findValue("category", category);
    const std::string cat = cv ? surface(*cv, lang, rng) : category;
    std::vector<std::string> forms;
    if (lang == "ja") {
        if (key == "color")
            forms = {"同じデザインで" + v, "色違いで" + v, "これの" + v, v + "にして", v + "に変えて", "同じ" + cat + "で" + v};
        else if (key == "pattern")
            forms = {"同じ形で" + v, v + "にして", v + "に変えて", "同じ" + cat + "で" + v, "柄を" + v + "に"};
        else
            forms = {v + "にして", "同じデザインで" + v, v + "に変えて", "同じ" + cat + "で" + v};
    } else {
        if (key == "color")
            forms = {"same " + cat + " in " + v, "this one but in " + v, "in " + v, "make it " + v, "change the colour to " + v,
                     "same design, " + v};
        else if (key == "pattern")
            forms = {"same " + cat + " but " + v, "make it " + v, "with a " + v + " pattern", v + " instead"};
        else if (key == "sleeve" && (value == "long" || value == "short"))
            forms = {"make the sleeves " + value, "same " + cat + " with " + v, "make it " + v};
        else
            forms = {"make it " + v, "same " + cat + " but " + v, "with " + v, "change to " + v};
    }
    return pick(forms, rng);
}

std::vector<Triplet> mineTriplets(const std::vector<Attributes>& items, const std::vector<std::string>& keepKeys,
                                  std::size_t maxCount, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<Triplet> out;
    std::size_t seen = 0;
    auto offer = [&](Triplet t) {
        ++seen;
        if (out.size() < maxCount) {
            out.push_back(std::move(t));
        } else {
            const std::size_t j = std::uniform_int_distribution<std::size_t>(0, seen - 1)(rng);
            if (j < maxCount)
                out[j] = std::move(t);
        }
    };
    // Every key that some item has, except the category (it never changes in a triplet).
    std::vector<std::string> keys;
    for (const auto& it : items)
        for (const auto& [k, v] : it)
            if (k != "category" && std::find(keys.begin(), keys.end(), k) == keys.end())
                keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    for (const auto& key : keys) {
        std::map<std::string, std::vector<int>> groups;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& it = items[i];
            if (!it.count(key) || !it.count("category"))
                continue;
            std::string sig;
            for (const auto& k : keepKeys) {
                if (k == key)
                    continue;
                auto f = it.find(k);
                sig += k + "=" + (f == it.end() ? std::string() : f->second) + ";";
            }
            if (sig.find("category=") == std::string::npos)
                sig += "category=" + it.at("category") + ";";
            groups[sig].push_back(static_cast<int>(i));
        }
        for (const auto& [sig, members] : groups)
            for (int a : members)
                for (int b : members)
                    if (a != b && items[static_cast<std::size_t>(a)].at(key) != items[static_cast<std::size_t>(b)].at(key))
                        offer({a, b, key, items[static_cast<std::size_t>(b)].at(key)});
    }
    std::sort(out.begin(), out.end(), [](const Triplet& x, const Triplet& y) {
        return std::tie(x.reference, x.target, x.key) < std::tie(y.reference, y.target, y.key);
    });
    return out;
}

} // namespace uf::training
