// Evaluation of a model pack on a catalog split (see Evaluator.h). Uses the same ModelRunner as the
// UnifiedModel façade, so the figures describe what the application does.
#include "eval/Evaluator.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Files.h"
#include "eval/AttributeJudge.h"
#include "eval/CaptionMetrics.h"
#include "model/ModelRunner.h"
#include "model/UnifiedModel.h"
#include "model_io/PackIO.h"
#include "text/FashionVocabulary.h"
#include "text/Normalize.h"
#include "text/QueryText.h"
#include "training/CatalogData.h"
#include "training/Trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace uf::eval {

namespace F = torch::nn::functional;
using nlohmann::json;
using torch::Tensor;
using training::Attributes;
using training::hasAll;

std::vector<QuerySpec> readQueryFile(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw BadInputError("cannot read query file '" + file.string() + "'");
    std::vector<QuerySpec> out;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        std::string c;
        while (std::getline(ss, c, '\t'))
            cols.push_back(c);
        if (lineNo == 1 && !cols.empty() && cols[0] == "lang")
            continue; // header
        const std::string where = file.string() + ":" + std::to_string(lineNo);
        if (cols.size() != 4)
            throw BadInputError(where + ": expected 4 tab-separated columns (lang, kind, query, expected), found " + std::to_string(cols.size()));
        QuerySpec q{cols[0], cols[1], cols[2], {}};
        std::stringstream es(cols[3]);
        std::string pair;
        while (std::getline(es, pair, ';')) {
            if (pair.empty())
                continue;
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                throw BadInputError(where + ": expected attribute 'key=value', found '" + pair + "'");
            q.expected.emplace_back(text::normalize(pair.substr(0, eq)), text::normalize(pair.substr(eq + 1)));
        }
        if (q.query.empty() || q.expected.empty())
            throw BadInputError(where + ": empty query or no expected attributes");
        out.push_back(std::move(q));
    }
    return out;
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Detail in images float [B,3,S,S] in [-1,1]: the mean absolute 3x3 Laplacian of their grey
// values (edges and texture raise it, blur lowers it). Comparable only between images of one size.
double meanLaplacian(const Tensor& images)
{
    if (images.size(0) == 0)
        return 0.0;
    torch::NoGradGuard ng;
    auto grey = images.to(torch::kFloat).mean(1, true);
    auto k = torch::tensor({0.f, 1.f, 0.f, 1.f, -4.f, 1.f, 0.f, 1.f, 0.f}).view({1, 1, 3, 3});
    return torch::nn::functional::conv2d(grey, k).abs().mean().item<double>();
}

// Top-k indices per row of scores [Q,N] (CPU).
std::vector<std::vector<int>> topK(const Tensor& scores, int k)
{
    const int kk = static_cast<int>(std::min<int64_t>(k, scores.size(1)));
    auto idx = std::get<1>(scores.topk(kk, 1)).to(torch::kLong).contiguous();
    auto a = idx.accessor<int64_t, 2>();
    std::vector<std::vector<int>> out(static_cast<std::size_t>(scores.size(0)));
    for (int64_t q = 0; q < scores.size(0); ++q)
        for (int j = 0; j < kk; ++j)
            out[static_cast<std::size_t>(q)].push_back(static_cast<int>(a[q][j]));
    return out;
}

// Rank (0-based) of column `target` in each row.
int rankOf(const Tensor& row, int target)
{
    const float v = row[target].item<float>();
    return static_cast<int>(row.gt(v).sum().item<int64_t>());
}

struct PrecisionAcc {
    double sum = 0;
    int count = 0;
    int skipped = 0; // queries with no relevant product
    // Per attribute key the queries name: results in the first min(10, relevant) with another value
    // of it, and results seen there.
    std::map<std::string, std::pair<long, long>> wrongByKey;
    void add(double v)
    {
        sum += v;
        ++count;
    }
    double mean() const { return count ? sum / count : 0.0; }
    json toJson() const
    {
        json wrong = json::object();
        for (const auto& [k, n] : wrongByKey)
            wrong[k] = n.second ? double(n.first) / double(n.second) : 0.0;
        return {{"p_at_10", mean()}, {"queries", count}, {"no_relevant", skipped}, {"wrong_by_key", wrong}};
    }
};

// Attribute precision@10 of text queries against the gallery.
void attributePrecision(model::ModelRunner& runner, const Tensor& imgEmb, const std::vector<Attributes>& attrs,
                        const std::vector<std::string>& queries, const std::vector<std::vector<text::AttributePair>>& wants,
                        const std::function<PrecisionAcc&(std::size_t)>& bucket)
{
    if (queries.empty())
        return;
    auto txt = runner.embedTexts(queries);
    for (std::size_t s = 0; s < queries.size(); s += 256) {
        const std::size_t e = std::min(queries.size(), s + 256);
        auto sc = model::UnifiedNetImpl::maxSim(txt.slice(0, static_cast<int64_t>(s), static_cast<int64_t>(e)), imgEmb);
        auto top = topK(sc, 10);
        for (std::size_t q = s; q < e; ++q) {
            int relevant = 0;
            for (const auto& a : attrs)
                relevant += hasAll(a, wants[q]) ? 1 : 0;
            auto& acc = bucket(q);
            if (relevant == 0) {
                ++acc.skipped;
                continue;
            }
            int hits = 0, rank = 0;
            for (int j : top[q - s]) {
                const auto& item = attrs[static_cast<std::size_t>(j)];
                hits += hasAll(item, wants[q]) ? 1 : 0;
                if (rank++ >= relevant)
                    continue; // slots past the relevant count are misses whatever the ranking
                for (const auto& w : wants[q]) {
                    auto it = item.find(w.first);
                    auto& n = acc.wrongByKey[w.first];
                    n.first += it == item.end() || it->second != w.second ? 1 : 0;
                    ++n.second;
                }
            }
            acc.add(double(hits) / double(std::min(10, relevant)));
        }
    }
}

std::string promptFor(const Attributes& a, const std::string& lang)
{
    auto get = [&](const char* k) -> std::string {
        auto it = a.find(k);
        return it == a.end() ? std::string() : text::displayName(k, it->second, lang);
    };
    const std::string cat = get("category"), col = get("color"), pat = a.count("pattern") && a.at("pattern") != "plain" ? get("pattern") : std::string();
    if (lang == "ja")
        return (col.empty() ? "" : col + "の") + pat + cat;
    std::string out;
    for (const auto& w : {col, pat, cat})
        if (!w.empty())
            out += (out.empty() ? "" : " ") + w;
    return out;
}

bool isShippedPack(const std::filesystem::path& pack)
{
    std::error_code ec;
    const auto shipped = model::defaultPackPath();
    return shipped && std::filesystem::equivalent(*shipped, pack, ec) && !ec;
}

// The attribute judge for the catalog, from the pack's cache or trained now (and cached).
std::unique_ptr<AttributeJudge> ensureJudge(const EvalOptions& o, const model_io::PackManifest& manifest, int imageSize,
                                            const torch::Device& device, json& info, const std::function<void(const std::string&)>& log)
{
    auto trainData = training::loadCatalogData(o.catalogDir, "train", imageSize, imageSize, torch::kCPU, {});
    std::vector<std::string> headKeys;
    for (const char* k : {"category", "color", "pattern"}) {
        std::set<std::string> vals;
        for (const auto& it : trainData.items)
            if (it.texts.attributes.count(k))
                vals.insert(it.texts.attributes.at(k));
        if (vals.size() >= 2)
            headKeys.push_back(k);
    }
    if (headKeys.empty())
        return nullptr;
    JudgeConfig cfg;
    cfg.imageSize = imageSize;
    for (const auto& k : headKeys) {
        JudgeHead h;
        h.name = k;
        for (const auto& v : text::values(k))
            h.labels.push_back(v.value);
        for (const auto& it : trainData.items)
            if (it.texts.attributes.count(k) && std::find(h.labels.begin(), h.labels.end(), it.texts.attributes.at(k)) == h.labels.end())
                h.labels.push_back(it.texts.attributes.at(k));
        cfg.heads.push_back(h);
    }
    const json cached = manifest.extra.value("judge", json::object());
    if (manifest.file("judge.pt") && cached.value("catalog_fingerprint", "") == trainData.fingerprint
        && cached.value("steps", 0) >= o.judgeSteps && cached.value("config", json()) == cfg.toJson()) {
        try {
            auto j = std::make_unique<AttributeJudge>(AttributeJudge::load(o.modelPack / "judge.pt", device));
            info = cached;
            info["cached"] = true;
            return j;
        } catch (const Error& e) {
            log(std::string("judge cache unusable, retraining: ") + e.what());
        }
    }
    log("training the attribute judge on " + std::to_string(trainData.items.size()) + " train images (" + std::to_string(o.judgeSteps) + " steps)");
    auto judge = std::make_unique<AttributeJudge>(cfg);
    judge->to(device);
    std::vector<std::vector<std::string>> rows;
    for (const auto& it : trainData.items) {
        std::vector<std::string> r;
        for (const auto& k : headKeys)
            r.push_back(it.texts.attributes.count(k) ? it.texts.attributes.at(k) : std::string());
        rows.push_back(r);
    }
    JudgeTrainOptions jo;
    jo.steps = o.judgeSteps;
    jo.seed = o.seed;
    const auto t0 = Clock::now();
    auto res = judge->train(model::UnifiedNetImpl::toFloat(trainData.aeImages), judge->encodeLabels(rows), jo);
    info = {{"catalog_fingerprint", trainData.fingerprint}, {"config", cfg.toJson()}, {"steps", res.steps},
            {"last_loss", res.lastLoss}, {"train_images", trainData.items.size()}, {"seconds", seconds(t0)}, {"cached", false}};
    // Cache it in the pack (best effort: a read-only pack still evaluates). The shipped default
    // pack is never modified: its files are checked against its manifest and the package's.
    if (isShippedPack(o.modelPack)) {
        info["cached_in_pack"] = false;
        return judge;
    }
    try {
        const std::filesystem::path tmp = std::filesystem::temp_directory_path() / ("uf-judge-" + std::to_string(::getpid()) + ".pt");
        judge->save(tmp);
        auto bytes = readFileBytes(tmp);
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        model_io::PackFile f;
        f.name = "judge.pt";
        f.role = "judge";
        json stored = info;
        stored.erase("cached");
        model_io::updatePack(o.modelPack, [&](model_io::PackManifest& m) { m.extra["judge"] = stored; }, {{f, bytes}});
        info["cached_in_pack"] = true;
    } catch (const Error& e) {
        log(std::string("note: the judge could not be cached in the pack: ") + e.what());
        info["cached_in_pack"] = false;
    }
    return judge;
}

} // namespace

EvalResult evaluate(const EvalOptions& o, const std::function<void(const std::string&)>& logIn, const ProgressFn& progress)
{
    const auto log = logIn ? logIn : [](const std::string&) {};
    const auto solver = diffusion::parseSolver(o.sampler); // an unknown name fails before any work
    torch::set_num_threads(o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    training::tuneAllocator();
    const bool cuda = o.device == "cuda";
    if (cuda && !torch::cuda::is_available())
        throw UsageError("--device cuda: no CUDA device is visible to this build of libtorch");
    const torch::Device device = cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    const auto tStart = Clock::now();
    try {
        auto loaded = model_io::loadModelPack(o.modelPack, device);
        const auto manifest = loaded.manifest;
        const auto cfg = loaded.config;
        model::ModelRunner runner(loaded.net, loaded.tokenizer, device);
        json figs;
        json secs = json::object();
        figs["model"] = {{"pack", std::filesystem::absolute(o.modelPack).lexically_normal().string()},
                         {"name", manifest.name},
                         {"phase", manifest.phase},
                         {"manifest_sha256", model_io::manifestSha256(o.modelPack)}};
        auto t0 = Clock::now();
        // The real images at the generated size too, when the pack upscales (the detail figure).
        const int outSide = o.draft ? cfg.diffusion.autoencoder.imageSize : cfg.diffusion.outputSize();
        const bool realAtOutSide = o.generateCount > 0 && outSide != cfg.diffusion.autoencoder.imageSize;
        auto data = training::loadCatalogData(o.catalogDir, o.split, cfg.vision.imageSize, cfg.diffusion.autoencoder.imageSize, torch::kCPU,
                                              log, o.maxItems, realAtOutSide ? outSide : 0);
        const auto attrs = data.attributes();
        const int N = static_cast<int>(attrs.size());
        figs["catalog"] = std::filesystem::absolute(o.catalogDir).lexically_normal().string();
        figs["split"] = o.split;
        figs["items"] = N;
        figs["device"] = o.device;
        secs["load"] = seconds(t0);
        log("evaluating '" + o.modelPack.string() + "' on " + std::to_string(N) + " products of split '" + o.split + "'");

        t0 = Clock::now();
        auto imgEmb = runner.embedImages(data.visionImages);
        secs["embed_images"] = seconds(t0);
        figs["speed"] = {{"images_per_second", N / std::max(1e-9, seconds(t0))}};
        if (!reportProgress(progress, 1, 8))
            throw Error("evaluation cancelled");

        // ---- text <-> image recall with the products' own titles --------------------------------
        t0 = Clock::now();
        json retrieval = json::object();
        for (const std::string lang : {"en", "ja"}) {
            std::vector<std::string> texts;
            std::vector<int> owner;
            for (int i = 0; i < N; ++i) {
                const auto& t = data.items[static_cast<std::size_t>(i)].texts.title;
                auto it = t.find(lang);
                if (it != t.end() && !it->second.empty()) {
                    texts.push_back(it->second);
                    owner.push_back(i);
                }
            }
            if (texts.empty())
                continue;
            auto txt = runner.embedTexts(texts);
            auto S = model::UnifiedNetImpl::maxSim(txt, imgEmb); // [Q,N]
            double t2i[3] = {0, 0, 0}, i2t[3] = {0, 0, 0};
            const int ks[3] = {1, 5, 10};
            auto ST = S.t().contiguous();
            std::vector<int> textOf(static_cast<std::size_t>(N), -1);
            for (std::size_t q = 0; q < owner.size(); ++q)
                textOf[static_cast<std::size_t>(owner[q])] = static_cast<int>(q);
            int imgs = 0;
            for (std::size_t q = 0; q < owner.size(); ++q) {
                const int r = rankOf(S[static_cast<int64_t>(q)], owner[q]);
                for (int k = 0; k < 3; ++k)
                    t2i[k] += r < ks[k] ? 1 : 0;
            }
            for (int i = 0; i < N; ++i) {
                if (textOf[static_cast<std::size_t>(i)] < 0)
                    continue;
                ++imgs;
                const int r = rankOf(ST[i], textOf[static_cast<std::size_t>(i)]);
                for (int k = 0; k < 3; ++k)
                    i2t[k] += r < ks[k] ? 1 : 0;
            }
            const double nq = double(owner.size());
            retrieval[lang] = {{"text_to_image", {{"R@1", t2i[0] / nq}, {"R@5", t2i[1] / nq}, {"R@10", t2i[2] / nq}}},
                               {"image_to_text", {{"R@1", i2t[0] / imgs}, {"R@5", i2t[1] / imgs}, {"R@10", i2t[2] / imgs}}},
                               {"queries", owner.size()}};
        }
        figs["retrieval"] = retrieval;
        secs["retrieval"] = seconds(t0);

        // ---- attribute precision@10 -------------------------------------------------------------
        t0 = Clock::now();
        training::TextSampler sampler;
        std::mt19937_64 rng(o.seed);
        json attrP = json::object();
        {
            std::map<std::string, PrecisionAcc> byLang;
            std::vector<std::string> qs;
            std::vector<std::vector<text::AttributePair>> wants;
            std::vector<std::string> langs;
            for (const std::string lang : {"ja", "en", "mixed"}) {
                for (int i = 0; i < o.vocabularyQueries; ++i) {
                    const auto& a = attrs[std::uniform_int_distribution<std::size_t>(0, attrs.size() - 1)(rng)];
                    auto q = sampler.query(a, rng, lang);
                    if (q.mentions.empty() || q.text.empty())
                        continue;
                    qs.push_back(q.text);
                    wants.push_back(q.mentions);
                    langs.push_back(lang);
                }
            }
            attributePrecision(runner, imgEmb, attrs, qs, wants, [&](std::size_t q) -> PrecisionAcc& { return byLang[langs[q]]; });
            json v = json::object();
            for (const auto& [l, acc] : byLang)
                v[l] = acc.toJson();
            attrP["vocabulary"] = v;
            json ex = json::array();
            for (std::size_t i = 0; i < qs.size() && ex.size() < 6; i += std::max<std::size_t>(1, qs.size() / 6))
                ex.push_back(qs[i]);
            attrP["vocabulary_examples"] = ex;
        }
        if (o.queriesFile) {
            const auto specs = readQueryFile(*o.queriesFile);
            std::map<std::string, PrecisionAcc> byLang, byKind;
            PrecisionAcc all;
            std::vector<std::string> qs;
            std::vector<std::vector<text::AttributePair>> wants;
            for (const auto& s : specs) {
                qs.push_back(s.query);
                wants.push_back(s.expected);
            }
            std::vector<PrecisionAcc> per(specs.size());
            attributePrecision(runner, imgEmb, attrs, qs, wants, [&](std::size_t q) -> PrecisionAcc& { return per[q]; });
            json worst = json::array();
            std::vector<std::pair<double, std::size_t>> scored;
            for (std::size_t i = 0; i < specs.size(); ++i) {
                auto merge = [&](PrecisionAcc& a) {
                    a.sum += per[i].sum;
                    a.count += per[i].count;
                    a.skipped += per[i].skipped;
                };
                merge(byLang[specs[i].lang]);
                merge(byKind[specs[i].kind]);
                merge(all);
                if (per[i].count)
                    scored.emplace_back(per[i].sum, i);
            }
            std::sort(scored.begin(), scored.end());
            // Every query under 1.0, worst first, with what the model read: where a weakness is.
            json missed = json::array();
            for (std::size_t i = 0; i < scored.size() && scored[i].first < 1.0; ++i) {
                const auto& s = specs[scored[i].second];
                if (i < 10)
                    worst.push_back({{"query", s.query}, {"p_at_10", scored[i].first}});
                missed.push_back({{"query", s.query}, {"read", text::readQuery(s.query).text}, {"lang", s.lang}, {"kind", s.kind},
                                  {"p_at_10", scored[i].first}});
            }
            json jl = json::object(), jk = json::object();
            for (const auto& [l, a] : byLang)
                jl[l] = a.toJson();
            for (const auto& [k, a] : byKind)
                jk[k] = a.toJson();
            attrP["queries_file"] = {{"file", o.queriesFile->string()}, {"overall", all.toJson()}, {"by_lang", jl}, {"by_kind", jk}, {"worst", worst}, {"missed", missed}};
        }
        figs["attribute_precision"] = attrP;
        secs["attribute_precision"] = seconds(t0);
        if (!reportProgress(progress, 2, 8))
            throw Error("evaluation cancelled");

        // ---- image -> image ---------------------------------------------------------------------
        // The model's pooled image vectors (what the search's ANN routes by), the search's own
        // ranking of a photo query, and beside them the reference the targets are set
        // against: nearest neighbours by Euclidean distance on the raw pixels (grey, at the vision
        // encoder's input size), measured on the same queries.
        t0 = Clock::now();
        {
            // What a neighbour must share with the query, figure by figure.
            const std::vector<std::pair<std::string, std::vector<std::string>>> shares = {
                {"category_p_at_10", {"category"}}, {"category_color_p_at_10", {"category", "color"}}, {"pattern_p_at_10", {"pattern"}}};
            auto key = [&](int i, std::size_t m) {
                const auto& a = attrs[static_cast<std::size_t>(i)];
                std::string k;
                for (const auto& name : shares[m].second)
                    k += (a.count(name) ? a.at(name) : std::string()) + "|";
                return k;
            };
            std::vector<std::map<std::string, int>> counts(shares.size());
            for (int i = 0; i < N; ++i)
                for (std::size_t m = 0; m < shares.size(); ++m)
                    ++counts[m][key(i, m)];
            const bool hasPattern = std::any_of(attrs.begin(), attrs.end(), [](const auto& a) { return a.count("pattern") > 0; });
            const std::size_t modes = hasPattern ? shares.size() : 2;
            // scores(rows) -> [rows, N] similarities of queries [s, e) against every product.
            auto precision = [&](const std::function<Tensor(int64_t, int64_t)>& scores, bool perCategory) {
                std::vector<PrecisionAcc> acc(modes);
                std::map<std::string, PrecisionAcc> byCat;
                for (int64_t s0 = 0; s0 < N; s0 += 1024) {
                    const int64_t e0 = std::min<int64_t>(N, s0 + 1024);
                    auto S = scores(s0, e0);
                    S.narrow(1, s0, e0 - s0).diagonal().fill_(-1e30); // not the query itself
                    auto top = topK(S, 10);
                    for (int64_t r = 0; r < e0 - s0; ++r) {
                        const int i = static_cast<int>(s0 + r);
                        for (std::size_t m = 0; m < modes; ++m) {
                            const int rel = counts[m][key(i, m)] - 1;
                            if (rel <= 0) {
                                ++acc[m].skipped;
                                continue;
                            }
                            int hits = 0;
                            for (int j : top[static_cast<std::size_t>(r)])
                                hits += key(j, m) == key(i, m) ? 1 : 0;
                            acc[m].add(double(hits) / double(std::min(10, rel)));
                            if (m == 0)
                                byCat[attrs[static_cast<std::size_t>(i)].count("category") ? attrs[static_cast<std::size_t>(i)].at("category") : ""]
                                    .add(double(hits) / double(std::min(10, rel)));
                        }
                    }
                }
                json out = json::object();
                for (std::size_t m = 0; m < modes; ++m)
                    out[shares[m].first] = acc[m].mean();
                if (perCategory) {
                    json per = json::object();
                    for (const auto& [c, a] : byCat)
                        per[c] = a.mean();
                    out["category_p_at_10_by_category"] = per;
                }
                return out;
            };
            auto mean = F::normalize(imgEmb.mean(1), F::NormalizeFuncOptions().dim(-1));
            json i2i = precision([&](int64_t s0, int64_t e0) { return torch::matmul(mean.slice(0, s0, e0), mean.t()); }, true);
            // As the search answers a photo query: candidates by the pooled vector (the ANN's
            // routing; exact here), re-ranked by the mean over the query's vectors of the best inner
            // product with a product's vectors (search/Scoring.h).
            const int64_t T = imgEmb.size(1), D = imgEmb.size(2);
            const int64_t C = std::min<int64_t>(N, 100);
            auto multi = precision([&](int64_t s0, int64_t e0) {
                auto cand = std::get<1>(torch::matmul(mean.slice(0, s0, e0), mean.t()).topk(C, 1)); // [b, C]
                auto tok = imgEmb.index_select(0, cand.reshape({-1})).view({e0 - s0, C, T, D});
                auto q = imgEmb.slice(0, s0, e0);                                                  // [b, T, D]
                auto sc = torch::einsum("btd,bcsd->bcts", {q, tok}).amax(3).mean(2);               // [b, C]
                return torch::full({e0 - s0, N}, -1e30f, sc.options()).scatter_(1, cand, sc);
            }, false);
            i2i["search_scoring"] = multi;
            // -|x - y|^2 ranks like 2 x.y - |y|^2 for a fixed query x.
            auto px = data.visionImages.to(torch::kFloat).mean(1).reshape({N, -1}).div(255.0);
            auto sq = px.pow(2).sum(1);
            i2i["raw_pixel_reference"] = precision([&](int64_t s0, int64_t e0) { return 2 * torch::matmul(px.slice(0, s0, e0), px.t()) - sq; }, true);
            i2i["queries"] = N;
            figs["image_to_image"] = i2i;
        }
        secs["image_to_image"] = seconds(t0);

        // ---- composed retrieval -----------------------------------------------------------------
        t0 = Clock::now();
        const std::vector<std::string> keepKeys = {"category", "color", "pattern"};
        auto triplets = training::mineTriplets(attrs, keepKeys, static_cast<std::size_t>(std::max(0, o.composedLimit)), o.seed);
        std::vector<std::string> mods;
        std::vector<std::vector<text::AttributePair>> wantsC;
        for (std::size_t i = 0; i < triplets.size(); ++i) {
            const auto& t = triplets[i];
            const auto& tgt = attrs[static_cast<std::size_t>(t.target)];
            mods.push_back(sampler.modificationText(tgt.count("category") ? tgt.at("category") : "", t.key, t.value, i % 2 ? "ja" : "en", rng));
            std::vector<text::AttributePair> w;
            for (const auto& k : keepKeys)
                if (tgt.count(k))
                    w.emplace_back(k, tgt.at(k));
            w.emplace_back(t.key, t.value);
            wantsC.push_back(w);
        }
        if (!triplets.empty()) {
            std::vector<int64_t> refIdx;
            for (const auto& t : triplets)
                refIdx.push_back(t.reference);
            auto c = runner.embedComposed(data.visionImages.index_select(0, torch::tensor(refIdx, torch::kLong)), mods);
            double r10 = 0, r50 = 0, e10 = 0, e50 = 0;
            PrecisionAcc p10;
            std::map<std::string, std::pair<double, int>> byKey;
            for (std::size_t s = 0; s < triplets.size(); s += 256) {
                const std::size_t e = std::min(triplets.size(), s + 256);
                auto S = model::UnifiedNetImpl::maxSim(c.slice(0, static_cast<int64_t>(s), static_cast<int64_t>(e)), imgEmb);
                for (std::size_t q = s; q < e; ++q)
                    S[static_cast<int64_t>(q - s)][triplets[q].reference] = -1e9; // the reference itself is no answer
                auto top = topK(S, 50);
                for (std::size_t q = s; q < e; ++q) {
                    const auto& t = top[q - s];
                    int firstHit = 1 << 30, exact = 1 << 30, hits10 = 0, relevant = 0;
                    for (std::size_t r = 0; r < t.size(); ++r) {
                        if (hasAll(attrs[static_cast<std::size_t>(t[r])], wantsC[q]) && firstHit == (1 << 30))
                            firstHit = static_cast<int>(r);
                        if (t[r] == triplets[q].target)
                            exact = static_cast<int>(r);
                        if (r < 10 && hasAll(attrs[static_cast<std::size_t>(t[r])], wantsC[q]))
                            ++hits10;
                    }
                    for (int i = 0; i < N; ++i)
                        relevant += i != triplets[q].reference && hasAll(attrs[static_cast<std::size_t>(i)], wantsC[q]) ? 1 : 0;
                    r10 += firstHit < 10;
                    r50 += firstHit < 50;
                    e10 += exact < 10;
                    e50 += exact < 50;
                    p10.add(double(hits10) / double(std::max(1, std::min(10, relevant))));
                    auto& bk = byKey[triplets[q].key];
                    bk.first += firstHit < 10;
                    ++bk.second;
                }
            }
            const double n = double(triplets.size());
            json jk = json::object();
            for (const auto& [k, v] : byKey)
                jk[k] = {{"recall_at_10", v.first / v.second}, {"triplets", v.second}};
            figs["composed"] = {{"triplets", triplets.size()},
                                {"recall_at_10", r10 / n},
                                {"recall_at_50", r50 / n},
                                {"exact_target_recall_at_10", e10 / n},
                                {"exact_target_recall_at_50", e50 / n},
                                {"precision_at_10", p10.mean()},
                                {"recall_at_10_by_changed_key", jk},
                                {"note", "a hit is a product with the target's category, colour and pattern after the change"}};
        } else {
            figs["composed"] = {{"triplets", 0}};
        }
        secs["composed"] = seconds(t0);
        if (!reportProgress(progress, 3, 8))
            throw Error("evaluation cancelled");

        // ---- captions ---------------------------------------------------------------------------
        t0 = Clock::now();
        {
            json caps = json::object();
            const int M = std::min(N, std::max(0, o.captionLimit));
            for (const std::string lang : {"en", "ja"}) {
                std::vector<int> idx;
                for (int i = 0; i < N && static_cast<int>(idx.size()) < M; ++i) {
                    const auto& t = data.items[static_cast<std::size_t>(i)].texts.title;
                    if (t.count(lang) && !t.at(lang).empty())
                        idx.push_back(i);
                }
                if (idx.empty())
                    continue;
                auto imgs = data.visionImages.index_select(0, torch::tensor(std::vector<int64_t>(idx.begin(), idx.end()), torch::kLong));
                auto out = runner.caption(imgs, std::vector<std::string>(idx.size(), lang));
                std::vector<Tokens> cands;
                std::vector<std::vector<Tokens>> refs;
                int attrOk = 0, catOk = 0, colOk = 0, repeated = 0, colorKnown = 0;
                json examples = json::array();
                for (std::size_t k = 0; k < idx.size(); ++k) {
                    const auto& item = data.items[static_cast<std::size_t>(idx[k])].texts;
                    cands.push_back(captionTokens(out[k]));
                    refs.push_back({captionTokens(item.title.at(lang))});
                    const auto found = text::findAttributesInText(out[k]);
                    auto named = [&](const std::string& key) {
                        std::set<std::string> vals;
                        for (const auto& [fk, fv] : found)
                            if (fk == key)
                                vals.insert(fv);
                        return vals;
                    };
                    const auto& a = item.attributes;
                    const bool catRight = a.count("category") && named("category") == std::set<std::string>{a.at("category")};
                    const bool hasColor = a.count("color") > 0;
                    const bool colRight = !hasColor || named("color") == std::set<std::string>{a.at("color")};
                    colorKnown += hasColor;
                    catOk += catRight;
                    colOk += hasColor && colRight;
                    attrOk += catRight && colRight;
                    repeated += hasRepeatedNgram(cands.back(), 3);
                    if (examples.size() < 5)
                        examples.push_back({{"sku", data.items[static_cast<std::size_t>(idx[k])].sku}, {"caption", out[k]}, {"title", item.title.at(lang)}});
                }
                const double n = double(idx.size());
                caps[lang] = {{"images", idx.size()},
                              {"bleu4", bleu4(cands, refs)},
                              {"cider_d", ciderD(cands, refs)},
                              {"category_color_accuracy", attrOk / n},
                              {"category_accuracy", catOk / n},
                              {"color_accuracy", colorKnown ? colOk / double(colorKnown) : 0.0},
                              {"repeated_phrase_rate", repeated / n},
                              {"examples", examples}};
            }
            caps["note"] = "references are the product titles; accuracy counts captions naming the right category and colour and no other";
            figs["captions"] = caps;
        }
        secs["captions"] = seconds(t0);
        if (!reportProgress(progress, 4, 8))
            throw Error("evaluation cancelled");

        // ---- generation -------------------------------------------------------------------------
        if (o.generateCount > 0) {
            t0 = Clock::now();
            const int side = cfg.diffusion.autoencoder.imageSize;
            json judgeInfo;
            auto judge = ensureJudge(o, manifest, side, device, judgeInfo, log);
            if (!judge) {
                figs["generation"] = {{"skipped", "the catalog has no category/colour/pattern attributes to judge"}};
            } else {
                json gen = json::object();
                const auto& jc = judge->config();
                auto realFloat = model::UnifiedNetImpl::toFloat(data.aeImages);
                std::vector<std::vector<std::string>> realRows;
                for (const auto& a : attrs) {
                    std::vector<std::string> r;
                    for (const auto& h : jc.heads)
                        r.push_back(a.count(h.name) ? a.at(h.name) : std::string());
                    realRows.push_back(r);
                }
                const auto realWanted = judge->encodeLabels(realRows);
                auto realAcc = judge->accuracy(realFloat, realWanted);
                json ra = json::object();
                for (std::size_t h = 0; h < jc.heads.size(); ++h)
                    ra[jc.heads[h].name] = realAcc[h];
                judgeInfo["accuracy_on_real_split"] = ra;

                std::vector<int> headCC;
                for (const char* k : {"category", "color"})
                    if (judge->headIndex(k) >= 0)
                        headCC.push_back(judge->headIndex(k));
                // The ceiling of the generation figures: the judge on the autoencoder's
                // reconstructions of the same real images (the UNet can do no better than that).
                if (realFloat.size(0) > 0) {
                    torch::NoGradGuard ng;
                    auto& ae = loaded.net->autoencoder;
                    ae->eval();
                    std::vector<Tensor> parts;
                    for (int64_t s = 0; s < realFloat.size(0); s += 256)
                        parts.push_back(ae->decode(ae->encode(realFloat.slice(0, s, std::min<int64_t>(realFloat.size(0), s + 256)).to(device))).cpu());
                    auto reconPred = judge->predict(torch::cat(parts, 0));
                    json rc = json::object();
                    for (std::size_t h = 0; h < jc.heads.size(); ++h)
                        rc[jc.heads[h].name] = matchRate(reconPred, realWanted, {static_cast<int>(h)});
                    rc["category_color"] = matchRate(reconPred, realWanted, headCC);
                    judgeInfo["accuracy_on_reconstructions"] = rc;
                }

                // Text -> image: one sample per prompt, prompts from the split's products.
                std::vector<int> pick(static_cast<std::size_t>(N));
                std::iota(pick.begin(), pick.end(), 0);
                std::shuffle(pick.begin(), pick.end(), rng);
                pick.resize(static_cast<std::size_t>(std::min(N, o.generateCount)));
                std::vector<std::string> prompts;
                std::vector<std::vector<std::string>> wantRows;
                for (std::size_t k = 0; k < pick.size(); ++k) {
                    prompts.push_back(promptFor(attrs[static_cast<std::size_t>(pick[k])], k % 2 ? "ja" : "en"));
                    wantRows.push_back(realRows[static_cast<std::size_t>(pick[k])]);
                }
                model::GenerateOptions go;
                go.steps = o.generateSteps;
                go.guidance = o.guidance;
                go.seed = o.seed;
                go.upscale = !o.draft;
                go.solver = solver;
                const auto tg = Clock::now();
                auto images = runner.generateMany(prompts, {}, go);
                const double genSeconds = seconds(tg);
                auto pred = judge->predict(images);
                auto wanted = judge->encodeLabels(wantRows);
                json perHead = json::object();
                for (std::size_t h = 0; h < jc.heads.size(); ++h)
                    perHead[jc.heads[h].name] = matchRate(pred, wanted, {static_cast<int>(h)});
                auto fReal = judge->features(realFloat);
                auto fGen = judge->features(images);
                const int64_t half = fReal.size(0) / 2;
                gen["text_to_image"] = {{"samples", prompts.size()},
                                        {"category_color_accuracy", matchRate(pred, wanted, headCC)},
                                        {"per_attribute_accuracy", perHead},
                                        {"seconds_per_image", genSeconds / std::max<std::size_t>(1, prompts.size())},
                                        {"steps", o.generateSteps},
                                        {"sampler", o.sampler},
                                        {"guidance", o.guidance},
                                        {"image_size", images.size(0) ? images.size(2) : 0},
                                        {"examples", json::array({prompts.empty() ? "" : prompts[0], prompts.size() > 1 ? prompts[1] : ""})}};
                gen["detail"] = {{"generated", meanLaplacian(images)},
                                 {"real", meanLaplacian(model::UnifiedNetImpl::toFloat(data.upscaleImages.defined() ? data.upscaleImages : data.aeImages))},
                                 {"image_size", outSide},
                                 {"note", "mean absolute Laplacian of the grey image at the generated size (edges and texture; blur lowers it)"}};
                gen["judge_fid"] = {{"generated_vs_real", frechetDistance(fReal, fGen)},
                                    {"real_vs_real_halves", half >= 2 ? frechetDistance(fReal.narrow(0, 0, half), fReal.narrow(0, half, fReal.size(0) - half)) : NAN},
                                    {"note", "Fréchet distance on the attribute judge's penultimate features, not Inception FID"}};

                // Diversity: 4 samples of one prompt vs real products with the same attributes.
                std::map<std::string, std::vector<int>> groups;
                for (int i = 0; i < N; ++i) {
                    std::string k;
                    for (const auto& v : realRows[static_cast<std::size_t>(i)])
                        k += v + "|";
                    groups[k].push_back(i);
                }
                // Prompts whose attributes several real products share come first (they give the
                // real-side figure); the rest still measure the generated side.
                std::vector<std::pair<std::string, std::vector<int>>> ordered(groups.begin(), groups.end());
                std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
                double divGen = 0, divReal = 0;
                int used = 0, realUsed = 0;
                for (const auto& [k, members] : ordered) {
                    if (used >= o.diversityPrompts)
                        break;
                    go.count = 4;
                    go.seed = o.seed + static_cast<std::uint64_t>(used) * 101;
                    auto samples = runner.generate(promptFor(attrs[static_cast<std::size_t>(members[0])], used % 2 ? "ja" : "en"), std::nullopt, go);
                    divGen += meanPairwiseDistance(judge->features(samples));
                    if (members.size() >= 2) {
                        auto idxT = torch::tensor(std::vector<int64_t>(members.begin(), members.end()), torch::kLong);
                        divReal += meanPairwiseDistance(fReal.index_select(0, idxT));
                        ++realUsed;
                    }
                    ++used;
                }
                if (used > 0) {
                    json d = {{"prompts", used},
                              {"generated", divGen / used},
                              {"measure", "mean pairwise distance of L2-normalised judge features: 4 samples of one prompt vs "
                                          "the split's products with the same category, colour and pattern"}};
                    if (realUsed > 0) {
                        d["real_same_attributes"] = divReal / realUsed;
                        d["real_groups"] = realUsed;
                        d["ratio"] = divReal > 0 ? (divGen / used) / (divReal / realUsed) : 0.0;
                    }
                    gen["diversity"] = d;
                }

                // Named prompts: what the judge reads in promptSamples drawings of each.
                json named = json::array();
                for (std::size_t k = 0; k < o.prompts.size(); ++k) {
                    std::vector<std::string> w(jc.heads.size());
                    json asked = json::object();
                    for (const auto& [key, value] : text::findAttributesInText(o.prompts[k])) {
                        const int h = judge->headIndex(key);
                        if (h >= 0 && w[static_cast<std::size_t>(h)].empty()) {
                            w[static_cast<std::size_t>(h)] = value;
                            asked[key] = value;
                        }
                    }
                    go.count = std::max(1, o.promptSamples);
                    go.seed = o.seed + 5000 + k;
                    auto samples = runner.generate(o.prompts[k], std::nullopt, go);
                    auto sp = judge->predict(samples);
                    auto sw = judge->encodeLabels(std::vector<std::vector<std::string>>(static_cast<std::size_t>(samples.size(0)), w));
                    json per = json::object();
                    std::vector<int> askedHeads;
                    for (std::size_t h = 0; h < jc.heads.size(); ++h)
                        if (!w[h].empty()) {
                            per[jc.heads[h].name] = matchRate(sp, sw, {static_cast<int>(h)});
                            askedHeads.push_back(static_cast<int>(h));
                        }
                    std::vector<int> ccAsked;
                    for (int h : headCC)
                        if (!w[static_cast<std::size_t>(h)].empty())
                            ccAsked.push_back(h);
                    named.push_back({{"prompt", o.prompts[k]},
                                     {"asked", asked},
                                     {"samples", samples.size(0)},
                                     {"category_color", ccAsked.empty() ? json() : json(matchRate(sp, sw, ccAsked))},
                                     {"all_asked", askedHeads.empty() ? json() : json(matchRate(sp, sw, askedHeads))},
                                     {"per_attribute", per}});
                }
                if (!named.empty())
                    gen["prompts"] = named;

                // Edits: reference + modification -> the changed attribute shown, category kept.
                const int E = std::min<int>(o.editCount, static_cast<int>(triplets.size()));
                if (E > 0) {
                    std::vector<std::optional<Tensor>> refs;
                    std::vector<std::string> editPrompts;
                    std::vector<std::vector<std::string>> editWant;
                    std::vector<int> changedHead;
                    for (int k = 0; k < E; ++k) {
                        const auto& t = triplets[static_cast<std::size_t>(k) * triplets.size() / static_cast<std::size_t>(E)];
                        refs.push_back(data.visionImages[t.reference]);
                        editPrompts.push_back(mods[static_cast<std::size_t>(&t - &triplets[0])]);
                        std::vector<std::string> w(jc.heads.size());
                        const auto& ra2 = attrs[static_cast<std::size_t>(t.reference)];
                        for (std::size_t h = 0; h < jc.heads.size(); ++h)
                            if (jc.heads[h].name == "category" && ra2.count("category"))
                                w[h] = ra2.at("category");
                        changedHead.push_back(judge->headIndex(t.key));
                        if (changedHead.back() >= 0)
                            w[static_cast<std::size_t>(changedHead.back())] = t.value;
                        editWant.push_back(w);
                    }
                    go.count = 1;
                    go.seed = o.seed + 999;
                    go.strength = o.editStrength;
                    auto edited = runner.generateMany(editPrompts, refs, go);
                    auto ep = judge->predict(edited);
                    auto ew = judge->encodeLabels(editWant);
                    std::vector<int> allHeads(jc.heads.size());
                    std::iota(allHeads.begin(), allHeads.end(), 0);
                    // By the attribute changed: the rate of both, of the category kept, of the change shown.
                    std::map<std::string, std::vector<int64_t>> rowsByKey;
                    for (int k = 0; k < E; ++k)
                        rowsByKey[triplets[static_cast<std::size_t>(k) * triplets.size() / static_cast<std::size_t>(E)].key].push_back(k);
                    const int catHead = judge->headIndex("category");
                    json byKey = json::object();
                    for (const auto& [key, rows] : rowsByKey) {
                        auto idx = torch::tensor(rows, torch::kLong);
                        auto p = ep.index_select(0, idx), w = ew.index_select(0, idx);
                        json e = {{"edits", rows.size()}, {"change_shown_and_category_kept", matchRate(p, w, allHeads)}};
                        if (catHead >= 0)
                            e["category_kept"] = matchRate(p, w, {catHead});
                        if (const int h = judge->headIndex(key); h >= 0)
                            e["change_shown"] = matchRate(p, w, {h});
                        byKey[key] = e;
                    }
                    gen["edits"] = {{"edits", E},
                                    {"change_shown_and_category_kept", matchRate(ep, ew, allHeads)},
                                    {"category_kept", catHead >= 0 ? json(matchRate(ep, ew, {catHead})) : json()},
                                    {"by_changed_key", byKey},
                                    {"strength", o.editStrength},
                                    {"note", "judge reads the changed attribute's new value and the reference's category"}};
                }
                gen["judge"] = judgeInfo;
                figs["generation"] = gen;
            }
            secs["generation"] = seconds(t0);
        }
        secs["total"] = seconds(tStart);
        figs["seconds"] = secs;
        figs["evaluated_at"] = catalog::nowIso8601();

        EvalResult result;
        result.figures = figs;
        // Store in the pack when this is the catalog it was trained on.
        const std::string packCatalog = manifest.data.value("catalog", "");
        if (o.store && !isShippedPack(o.modelPack) && !packCatalog.empty() && packCatalog == figs["catalog"].get<std::string>()) {
            try {
                json stored = figs;
                model_io::updatePack(o.modelPack, [&](model_io::PackManifest& m) { m.eval[o.split] = stored; });
                result.stored = true;
            } catch (const Error& e) {
                log(std::string("note: figures not stored in the pack: ") + e.what());
            }
        }
        return result;
    } catch (const c10::Error& e) {
        throw Error(std::string("evaluation failed inside torch: ") + e.what_without_backtrace());
    }
}

} // namespace uf::eval
