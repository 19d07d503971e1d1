#include "pipeline/CatalogReport.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "imaging/ImageIO.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace uf::pipeline {

using catalog::Statement;

namespace {

class StatsAccumulator {
public:
    void add(double x)
    {
        if (m_n == 0)
            m_min = m_max = x;
        m_min = std::min(m_min, x);
        m_max = std::max(m_max, x);
        ++m_n;
        const double d = x - m_mean;
        m_mean += d / double(m_n);
        m_m2 += d * (x - m_mean);
    }
    Stats result() const
    {
        Stats s;
        s.n = m_n;
        if (m_n) {
            s.mean = m_mean;
            s.min = m_min;
            s.max = m_max;
            s.stddev = m_n > 1 ? std::sqrt(m_m2 / double(m_n - 1)) : 0;
        }
        return s;
    }

private:
    std::int64_t m_n = 0;
    double m_mean = 0, m_m2 = 0, m_min = 0, m_max = 0;
};

std::size_t utf8Length(const std::string& s)
{
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

} // namespace

CatalogInfo catalogInfo(catalog::Catalog& cat)
{
    auto& db = cat.db();
    CatalogInfo info;
    info.products = db.queryInt("SELECT COUNT(*) FROM products");
    info.images = db.queryInt("SELECT COUNT(*) FROM images");
    {
        Statement st(db, "SELECT category, COUNT(*) FROM products GROUP BY category ORDER BY category");
        while (st.step())
            info.perCategory[st.getText(0)] = st.getInt(1);
    }
    {
        Statement st(db, "SELECT COALESCE(split,''), COUNT(*) FROM products GROUP BY 1 ORDER BY 1");
        while (st.step())
            info.perSplit[st.getText(0).empty() ? "none" : st.getText(0)] = st.getInt(1);
    }
    {
        Statement st(db, "SELECT lang, SUM(title<>''), SUM(description<>'') FROM product_texts GROUP BY lang ORDER BY lang");
        while (st.step()) {
            info.titlesPerLanguage[st.getText(0)] = st.getInt(1);
            info.descriptionsPerLanguage[st.getText(0)] = st.getInt(2);
        }
    }
    info.withoutDescription = db.queryInt(
        "SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_texts t WHERE t.product_id=p.id AND t.description<>'')");
    info.withoutImage = db.queryInt("SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM images i WHERE i.product_id=p.id)");
    {
        Statement st(db, "SELECT i.sha256, p.sku FROM images i JOIN products p ON p.id=i.product_id WHERE i.sha256 IN "
                         "(SELECT sha256 FROM images GROUP BY sha256 HAVING COUNT(DISTINCT product_id)>1) ORDER BY i.sha256, p.sku");
        while (st.step()) {
            const std::string hash = st.getText(0);
            if (info.duplicateImages.empty() || info.duplicateImages.back().first != hash)
                info.duplicateImages.push_back({hash, {}});
            auto& skus = info.duplicateImages.back().second;
            const std::string sku = st.getText(1);
            if (skus.empty() || skus.back() != sku)
                skus.push_back(sku);
        }
    }
    return info;
}

ReadinessReport readinessReport(catalog::Catalog& cat, int sampleImages, const ProgressFn& progress)
{
    auto& db = cat.db();
    ReadinessReport r;
    r.info = catalogInfo(cat);

    for (const auto& [category, n] : r.info.perCategory) {
        ReadinessReport::CategoryRow row;
        row.category = category.empty() ? "(none)" : category;
        row.products = n;
        row.shareOfRecommended = std::min(1.0, double(n) / double(ReadinessReport::kRecommendedPerCategory));
        row.ready = n >= ReadinessReport::kRecommendedPerCategory;
        if (!row.ready)
            r.warnings.push_back("Category '" + row.category + "' has " + std::to_string(n) + " products; about "
                                 + std::to_string(ReadinessReport::kRecommendedPerCategory)
                                 + " are recommended for fine-tuning.");
        r.categories.push_back(row);
    }

    {
        std::map<std::string, StatsAccumulator> lengths;
        Statement st(db, "SELECT lang, description FROM product_texts WHERE description<>''");
        while (st.step())
            lengths[st.getText(0)].add(double(utf8Length(st.getText(1))));
        for (auto& [lang, acc] : lengths) {
            r.descriptionLength[lang] = acc.result();
            r.languageCoverage[lang] = r.info.products ? double(acc.result().n) / double(r.info.products) : 0;
        }
        for (const char* lang : {"ja", "en"}) {
            const double cov = r.languageCoverage.count(lang) ? r.languageCoverage[lang] : 0.0;
            if (cov < 0.9 && r.info.products > 0)
                r.warnings.push_back(std::string("Only ") + std::to_string(int(cov * 100)) + "% of products have a "
                                     + (std::string(lang) == "ja" ? "Japanese" : "English")
                                     + " description; search in that language will be weaker.");
        }
    }

    {
        StatsAccumulator w, h, a;
        Statement st(db, "SELECT width, height FROM images");
        while (st.step()) {
            const double ww = double(st.getInt(0)), hh = double(st.getInt(1));
            w.add(ww);
            h.add(hh);
            if (hh > 0)
                a.add(ww / hh);
        }
        r.imageWidth = w.result();
        r.imageHeight = h.result();
        r.aspect = a.result();
        if (r.imageWidth.n && std::min(r.imageWidth.min, r.imageHeight.min) < 64)
            r.warnings.push_back("Some images are smaller than 64 pixels on a side; the model will upscale them.");
    }

    {
        // An even sample across the catalog (every k-th image), decoded for border brightness.
        const std::int64_t total = r.info.images;
        const std::int64_t stride = std::max<std::int64_t>(1, total / std::max(1, sampleImages));
        Statement st(db, "SELECT path, storage FROM images WHERE id % ? = 0 ORDER BY id LIMIT ?");
        st.bind(1, stride).bind(2, static_cast<std::int64_t>(sampleImages));
        StatsAccumulator bg;
        std::int64_t light = 0, done = 0;
        while (st.step()) {
            catalog::ProductImage im;
            im.path = st.getText(0);
            im.storage = st.getText(1) == "copied" ? catalog::ImageStorage::Copied : catalog::ImageStorage::Referenced;
            try {
                const auto img = imaging::loadFile(cat.resolveImage(im));
                double sum = 0;
                std::int64_t n = 0;
                auto addPixel = [&](int x, int y) {
                    const auto* p = img.row(y) + x * 3;
                    sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
                    ++n;
                };
                for (int x = 0; x < img.width; ++x) {
                    addPixel(x, 0);
                    addPixel(x, img.height - 1);
                }
                for (int y = 1; y + 1 < img.height; ++y) {
                    addPixel(0, y);
                    addPixel(img.width - 1, y);
                }
                const double mean = n ? sum / double(n) : 0;
                bg.add(mean);
                if (mean > 220)
                    ++light;
            } catch (const Error&) {
                // A missing or broken image is already counted by info; the sample skips it.
            }
            if (!reportProgress(progress, ++done, std::min<std::int64_t>(sampleImages, total)))
                break;
        }
        r.backgroundBrightness = bg.result();
        r.sampledImages = r.backgroundBrightness.n;
        r.lightBackgroundShare = r.sampledImages ? double(light) / double(r.sampledImages) : 0;
    }

    {
        Statement st(db, "SELECT p.category, a.key, a.value, COUNT(*) FROM product_attributes a JOIN products p ON p.id=a.product_id "
                         "GROUP BY p.category, a.key, a.value ORDER BY p.category, a.key, a.value");
        while (st.step()) {
            const std::string category = st.getText(0), key = st.getText(1);
            if (r.attributeBalance.empty() || r.attributeBalance.back().category != category || r.attributeBalance.back().key != key)
                r.attributeBalance.push_back({category, key, {}, 0, 0});
            r.attributeBalance.back().counts[st.getText(2)] = st.getInt(3);
        }
        for (auto& b : r.attributeBalance) {
            std::int64_t total = 0, lo = INT64_MAX, hi = 0;
            for (const auto& [v, n] : b.counts) {
                total += n;
                lo = std::min(lo, n);
                hi = std::max(hi, n);
            }
            b.imbalance = lo > 0 ? double(hi) / double(lo) : 0;
            double entropy = 0;
            for (const auto& [v, n] : b.counts) {
                const double p = double(n) / double(total);
                entropy -= p * std::log(p);
            }
            b.normalizedEntropy = b.counts.size() > 1 ? entropy / std::log(double(b.counts.size())) : 1.0;
            if (b.counts.size() > 1 && b.imbalance > 5)
                r.warnings.push_back("In '" + b.category + "', attribute '" + b.key + "' is unbalanced (the most common value is "
                                     + std::to_string(int(b.imbalance)) + "x the rarest); the model may favour it.");
        }
    }
    if (!r.info.duplicateImages.empty())
        r.warnings.push_back(std::to_string(r.info.duplicateImages.size())
                             + " images are shared by several products; check for duplicates before training.");
    return r;
}

} // namespace uf::pipeline
