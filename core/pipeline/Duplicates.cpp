#include "pipeline/Duplicates.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "imaging/ImageIO.h"
#include "pipeline/Search.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace uf::pipeline {

namespace {

struct Edge {
    std::int64_t a = 0;
    std::int64_t b = 0;
    float score = 0;
    bool sameFile = false;
    float visual = 1;
};

// A picture's fingerprint: the object's bounding box (pixels that differ from the corner's
// background colour), resized to 32x32, mean removed, unit length. The dot product of two is their
// correlation: 1 for the same picture, and a re-encoded, shrunk or shifted copy stays near 1,
// while another garment of the same kind (another outline, another pattern phase) falls away.
constexpr int kPrint = 32;
std::vector<float> fingerprint(const imaging::Image& image)
{
    const std::uint8_t* bg = image.rgb.data();
    int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1;
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = image.row(y);
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = row + static_cast<std::size_t>(x) * 3;
            if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 48) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
        }
    }
    imaging::Image crop = image;
    if (x1 - x0 >= 8 && y1 - y0 >= 8) {
        crop.width = x1 - x0 + 1;
        crop.height = y1 - y0 + 1;
        crop.rgb.resize(static_cast<std::size_t>(crop.width) * crop.height * 3);
        for (int y = 0; y < crop.height; ++y)
            std::copy_n(image.row(y0 + y) + static_cast<std::size_t>(x0) * 3, static_cast<std::size_t>(crop.width) * 3, crop.row(y));
    }
    const imaging::Image small = imaging::resize(crop, kPrint, kPrint);
    std::vector<float> v(small.rgb.begin(), small.rgb.end());
    double mean = 0;
    for (float x : v)
        mean += x;
    mean /= static_cast<double>(v.size());
    double norm = 0;
    for (float& x : v) {
        x -= static_cast<float>(mean);
        norm += static_cast<double>(x) * x;
    }
    const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.f;
    for (float& x : v)
        x *= inv;
    return v;
}

class UnionFind {
public:
    int add(std::int64_t id)
    {
        const auto [it, inserted] = m_index.emplace(id, static_cast<int>(m_parent.size()));
        if (inserted) {
            m_parent.push_back(it->second);
            m_ids.push_back(id);
        }
        return it->second;
    }
    int find(int x)
    {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(int a, int b) { m_parent[find(a)] = find(b); }
    std::int64_t id(int x) const { return m_ids[x]; }
    int size() const { return static_cast<int>(m_parent.size()); }

private:
    std::unordered_map<std::int64_t, int> m_index;
    std::vector<int> m_parent;
    std::vector<std::int64_t> m_ids;
};

float quantile(std::vector<float> v, double q)
{
    if (v.empty())
        return 0;
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

} // namespace

DuplicatesReport findDuplicates(const SearchService& service, const DuplicatesOptions& options, const ProgressFn& progress)
{
    const auto start = std::chrono::steady_clock::now();
    DuplicatesReport report;
    report.threshold = options.threshold;
    auto cat = service.reader();
    std::vector<Edge> edges;

    // Evidence 1: the same image file under two products.
    {
        catalog::Statement st(cat->db(), "SELECT sha256, product_id FROM images WHERE sha256 IN ("
                                         "SELECT sha256 FROM images WHERE sha256 <> '' GROUP BY sha256 "
                                         "HAVING count(DISTINCT product_id) > 1) ORDER BY sha256, product_id");
        std::string current;
        std::int64_t first = 0;
        while (st.step()) {
            const std::string hash = st.getText(0);
            const std::int64_t pid = st.getInt(1);
            if (hash != current) {
                current = hash;
                first = pid;
            } else if (pid != first) {
                edges.push_back({first, pid, 1.f, true});
            }
        }
    }

    // Evidence 2: embeddings, scored both ways from the stored token vectors.
    std::vector<float> nearest;
    {
        auto view = service.view();
        const search::SearchIndex* images = view.index ? view.index->images() : nullptr;
        if (images) {
            const auto pids = images->productIds();
            report.productsChecked = static_cast<std::int64_t>(pids.size());
            nearest.assign(pids.size(), 0.f);
            const int threads = std::max(1, options.threads);
            std::vector<std::vector<Edge>> found(static_cast<std::size_t>(threads));
            std::atomic<std::size_t> next{0}, done{0};
            std::atomic<bool> stop{false};
            const float margin = 0.05f; // the symmetric score can pass where one direction falls short
            auto work = [&](int t) {
                std::vector<float> rows, other;
                int count = 0, otherCount = 0;
                for (;;) {
                    const std::size_t i = next.fetch_add(1);
                    if (i >= pids.size() || stop.load())
                        return;
                    if (!images->vectorsOf(pids[i], rows, count))
                        continue;
                    // A few neighbours through the graph of product means, scored exactly: a full
                    // photo search per product would cost minutes at 100k products.
                    for (const std::int64_t otherId : images->annCandidates(rows.data(), count, options.neighbours + 1)) {
                        if (otherId == pids[i])
                            continue;
                        const auto forward = images->score(rows.data(), count, otherId);
                        if (!forward)
                            continue;
                        nearest[i] = std::max(nearest[i], *forward);
                        if (*forward < options.threshold - margin || !images->vectorsOf(otherId, other, otherCount))
                            continue;
                        const auto back = images->score(other.data(), otherCount, pids[i]);
                        const float symmetric = back ? 0.5f * (*forward + *back) : *forward;
                        if (symmetric >= options.threshold)
                            found[t].push_back({pids[i], otherId, symmetric, false});
                    }
                    const std::size_t d = done.fetch_add(1) + 1;
                    if (t == 0 && d % 256 == 0
                        && !reportProgress(progress, static_cast<std::int64_t>(d), static_cast<std::int64_t>(pids.size())))
                        stop = true;
                }
            };
            std::vector<std::thread> pool;
            for (int t = 1; t < threads; ++t)
                pool.emplace_back(work, t);
            work(0);
            for (auto& th : pool)
                th.join();
            for (auto& f : found)
                edges.insert(edges.end(), f.begin(), f.end());
            if (!stop)
                reportProgress(progress, static_cast<std::int64_t>(pids.size()), static_cast<std::int64_t>(pids.size()));
        }
    }
    // Confirm embedding pairs with the pictures (in parallel; each picture read once).
    report.visualThreshold = options.visualThreshold;
    {
        std::vector<Edge*> candidates;
        for (Edge& e : edges)
            if (!e.sameFile)
                candidates.push_back(&e);
        report.embeddingPairs = static_cast<std::int64_t>(candidates.size());
        if (options.visualThreshold > 0 && !candidates.empty()) {
            std::vector<std::int64_t> ids;
            for (const Edge* e : candidates) {
                ids.push_back(e->a);
                ids.push_back(e->b);
            }
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            std::vector<std::filesystem::path> paths(ids.size());
            std::vector<std::string> skus(ids.size());
            catalog::Statement q(cat->db(), "SELECT i.path, p.sku FROM images i JOIN products p ON p.id = i.product_id "
                                            "WHERE i.product_id = ?1 ORDER BY i.position LIMIT 1");
            for (std::size_t i = 0; i < ids.size(); ++i) {
                q.reset();
                q.bind(1, ids[i]);
                if (q.step()) {
                    catalog::ProductImage im;
                    im.path = q.getText(0);
                    paths[i] = cat->resolveImage(im);
                    skus[i] = q.getText(1);
                }
            }
            std::vector<std::vector<float>> prints(ids.size());
            std::vector<std::string> errors(ids.size());
            std::atomic<std::size_t> next{0};
            auto work = [&] {
                for (std::size_t i; (i = next.fetch_add(1)) < ids.size();) {
                    if (paths[i].empty())
                        continue;
                    try {
                        prints[i] = fingerprint(imaging::loadFile(paths[i]));
                    } catch (const std::exception& ex) {
                        errors[i] = skus[i] + ": " + ex.what();
                    }
                }
            };
            std::vector<std::thread> pool;
            for (int t = 1; t < std::max(1, options.threads); ++t)
                pool.emplace_back(work);
            work();
            for (auto& th : pool)
                th.join();
            for (const auto& e : errors)
                if (!e.empty())
                    report.unreadable.push_back(e);
            auto printOf = [&](std::int64_t id) -> const std::vector<float>& {
                return prints[static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin())];
            };
            std::vector<Edge> kept;
            for (Edge& e : edges) {
                if (!e.sameFile) {
                    const auto& pa = printOf(e.a);
                    const auto& pb = printOf(e.b);
                    if (pa.empty() || pb.empty())
                        continue; // an unreadable picture confirms nothing (listed in the report)
                    float dot = 0;
                    for (std::size_t k = 0; k < pa.size(); ++k)
                        dot += pa[k] * pb[k];
                    e.visual = dot;
                    if (dot < options.visualThreshold)
                        continue;
                    ++report.visuallyConfirmed;
                }
                kept.push_back(e);
            }
            edges.swap(kept);
        } else {
            report.visuallyConfirmed = report.embeddingPairs;
        }
    }

    // A pair may be met from both sides; keep one edge per pair (identical files win).
    std::map<std::pair<std::int64_t, std::int64_t>, Edge> unique;
    for (const Edge& e : edges) {
        const auto key = std::minmax(e.a, e.b);
        auto [it, inserted] = unique.emplace(key, e);
        if (!inserted && (e.sameFile || (!it->second.sameFile && e.score > it->second.score)))
            it->second = e;
    }

    UnionFind uf;
    for (const auto& [key, e] : unique)
        uf.unite(uf.add(e.a), uf.add(e.b));
    std::map<int, DuplicateGroup> byRoot;
    std::map<int, std::vector<std::int64_t>> membersByRoot;
    for (int x = 0; x < uf.size(); ++x)
        membersByRoot[uf.find(x)].push_back(uf.id(x));
    for (const auto& [key, e] : unique) {
        const int root = uf.find(uf.add(e.a));
        const bool first = !byRoot.count(root);
        auto& g = byRoot[root];
        g.minScore = first ? e.score : std::min(g.minScore, e.score);
        g.maxScore = first ? e.score : std::max(g.maxScore, e.score);
        g.sameImageFile |= e.sameFile;
        if (!e.sameFile)
            g.minVisual = std::min(g.minVisual, e.visual);
    }
    catalog::Statement rowQuery(cat->db(), "SELECT p.sku, p.category, t.lang, t.title FROM products p "
                                           "LEFT JOIN product_texts t ON t.product_id = p.id WHERE p.id = ?1");
    for (auto& [root, group] : byRoot) {
        for (const std::int64_t pid : membersByRoot[root]) {
            rowQuery.reset();
            rowQuery.bind(1, pid);
            DuplicateMember m;
            m.productId = pid;
            std::map<std::string, std::string> titles;
            bool found = false;
            while (rowQuery.step()) {
                found = true;
                m.sku = rowQuery.getText(0);
                m.category = rowQuery.getText(1);
                if (!rowQuery.isNull(2))
                    titles[rowQuery.getText(2)] = rowQuery.getText(3);
            }
            if (!found)
                continue;
            m.title = titles.count("en") ? titles["en"] : (titles.count("ja") ? titles["ja"] : std::string());
            group.members.push_back(std::move(m));
        }
        std::sort(group.members.begin(), group.members.end(),
                  [](const DuplicateMember& a, const DuplicateMember& b) { return a.sku < b.sku; });
        if (group.members.size() >= 2)
            report.groups.push_back(std::move(group));
    }
    std::sort(report.groups.begin(), report.groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        if (a.maxScore != b.maxScore)
            return a.maxScore > b.maxScore;
        return a.members.front().sku < b.members.front().sku;
    });
    report.nearestP50 = quantile(nearest, 0.5);
    report.nearestP90 = quantile(nearest, 0.9);
    report.nearestP99 = quantile(nearest, 0.99);
    report.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace uf::pipeline
