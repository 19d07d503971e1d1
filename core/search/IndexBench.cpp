// The search benchmark. The only search file that includes ATen (torch's tensor library, for the
// sgemm peak and the exact reference) and FAISS (a static archive: only binaries that reach this
// object pull it in; compiled in when CMake finds it, UF_HAVE_FAISS).
#include "search/IndexBench.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/MatmulPeak.h"
#include "imaging/ImageIO.h"
#include "model/UnifiedModel.h"
#include "search/Checksum.h"
#include "search/Scoring.h"
#include "search/SearchIndex.h"
#include "search/SyntheticVectors.h"
#include "search/TokenStore.h"
#include "text/Normalize.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#ifdef UF_HAVE_FAISS
#include <faiss/IndexHNSW.h>
#include <faiss/index_io.h>
#include <omp.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <unordered_set>

namespace uf::search {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double rssMiB()
{
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5))];
}

double fileMiB(const std::filesystem::path& p)
{
    std::error_code ec;
    const auto s = std::filesystem::file_size(p, ec);
    return ec ? 0 : static_cast<double>(s) / (1024.0 * 1024.0);
}

// The vectors under test: N products x T tokens x D, plus the queries.
struct BenchData {
    std::int64_t n = 0;
    int T = 0;
    int D = 0;
    std::vector<float> rows;                // n*T*D
    std::vector<float> text;                // textQueries x D
    std::vector<float> photo;               // photoQueries x T x D
    int textCount = 0;
    int photoCount = 0;
    const float* product(std::int64_t i) const { return rows.data() + static_cast<std::size_t>(i) * T * D; }
};

void synthetic(BenchData& d, const IndexBenchOptions& o)
{
    SyntheticSpec spec;
    spec.tokens = o.tokens;
    spec.dim = o.dim;
    spec.seed = o.seed;
    const SyntheticVectors gen(spec);
    d.T = o.tokens;
    d.D = o.dim;
    d.n = o.products;
    d.rows.resize(static_cast<std::size_t>(d.n) * d.T * d.D);
    const std::size_t stride = static_cast<std::size_t>(d.T) * d.D;
    auto work = [&](int t, int threads) {
        for (std::int64_t i = t; i < d.n; i += threads) {
            const ProductVectors p = gen.product(i);
            std::copy(p.data.begin(), p.data.end(), d.rows.begin() + static_cast<std::ptrdiff_t>(i * stride));
        }
    };
    const int threads = std::max(1, o.threads);
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work, t, threads);
    work(0, threads);
    for (auto& th : pool)
        th.join();
    std::mt19937_64 rng(o.seed * 17 + 3);
    d.textCount = o.textQueries;
    for (int q = 0; q < o.textQueries; ++q) {
        const auto v = gen.textQuery(static_cast<int>(rng() % spec.categories), static_cast<int>(rng() % spec.colours), rng());
        d.text.insert(d.text.end(), v.begin(), v.end());
    }
    d.photoCount = o.photoQueries;
    for (int q = 0; q < o.photoQueries; ++q) {
        const auto v = gen.photoQuery(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(d.n)), rng() | 1);
        d.photo.insert(d.photo.end(), v.begin(), v.end());
    }
}

// A re-shot photo: flip, crop 85–100 %, brightness ±10 %.
imaging::Image augment(const imaging::Image& src, std::mt19937_64& rng)
{
    std::uniform_real_distribution<float> u(0.f, 1.f);
    const float scale = 0.85f + 0.15f * u(rng);
    const int w = std::max(1, static_cast<int>(static_cast<float>(src.width) * scale));
    const int h = std::max(1, static_cast<int>(static_cast<float>(src.height) * scale));
    const int x0 = static_cast<int>(u(rng) * static_cast<float>(src.width - w));
    const int y0 = static_cast<int>(u(rng) * static_cast<float>(src.height - h));
    const bool flip = u(rng) < 0.5f;
    const float gain = 0.9f + 0.2f * u(rng);
    imaging::Image crop;
    crop.width = w;
    crop.height = h;
    crop.rgb.resize(static_cast<std::size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int sx = flip ? x0 + w - 1 - x : x0 + x;
            for (int c = 0; c < 3; ++c) {
                const float v = static_cast<float>(src.row(y0 + y)[sx * 3 + c]) * gain;
                crop.row(y)[x * 3 + c] = static_cast<std::uint8_t>(std::clamp(v, 0.f, 255.f));
            }
        }
    return imaging::resize(crop, src.width, src.height);
}

void fromModel(BenchData& d, const IndexBenchOptions& o, IndexBenchReport& report, const BenchLog& log)
{
    auto model = model::UnifiedModel::load(*o.pack, model::Device::Cpu);
    const auto& info = model->info();
    report.vectorsSource = "model:" + info.packSha256.substr(0, 12);
    catalog::Catalog cat(*o.catalog, catalog::Catalog::OpenMode::ReadOnly);
    std::vector<imaging::Image> images;
    std::vector<std::string> titles;
    cat.forEach({}, [&](const catalog::Product& p) {
        if (p.images.empty() || images.size() >= 20000)
            return;
        try {
            images.push_back(imaging::loadFile(cat.resolveImage(p.images.front())));
        } catch (const Error&) {
            return;
        }
        for (const auto& [lang, t] : p.title)
            if (!t.empty())
                titles.push_back(t);
    });
    if (images.empty())
        throw BadInputError("The catalog '" + o.catalog->string() + "' has no readable images for the benchmark.");
    d.T = info.numQueries;
    d.D = info.embedDim;
    d.n = o.products;
    d.rows.resize(static_cast<std::size_t>(d.n) * d.T * d.D);
    std::mt19937_64 rng(o.seed);
    const std::size_t stride = static_cast<std::size_t>(d.T) * d.D;
    constexpr std::size_t kBatch = 64;
    const auto start = Clock::now();
    for (std::int64_t i = 0; i < d.n;) {
        std::vector<imaging::Image> batch;
        for (std::size_t b = 0; b < kBatch && i + static_cast<std::int64_t>(b) < d.n; ++b)
            batch.push_back(augment(images[static_cast<std::size_t>(i + static_cast<std::int64_t>(b)) % images.size()], rng));
        const auto e = model->embedImages(batch);
        for (const auto& emb : e) {
            if (emb.tokens != d.T || emb.dim != d.D)
                throw ModelLoadError("The pack returned embeddings of an unexpected shape.");
            std::copy(emb.data.begin(), emb.data.end(), d.rows.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(i) * stride));
            ++i;
        }
        if (log && i % 4096 < static_cast<std::int64_t>(kBatch))
            log("embedded " + std::to_string(i) + " / " + std::to_string(d.n) + " augmented images ("
                + std::to_string(static_cast<int>(static_cast<double>(i) / since(start))) + "/s)");
    }
    std::vector<double> textMs, photoMs;
    for (int q = 0; q < o.textQueries; ++q) {
        const std::string t = text::normalize(titles[rng() % titles.size()]);
        const auto t0 = Clock::now();
        const auto e = model->embedText(t);
        textMs.push_back(since(t0) * 1000);
        d.text.insert(d.text.end(), e.data.begin(), e.data.end());
    }
    d.textCount = o.textQueries;
    for (int q = 0; q < o.photoQueries; ++q) {
        const auto img = augment(images[rng() % images.size()], rng);
        const auto t0 = Clock::now();
        const auto e = model->embedImages({img});
        photoMs.push_back(since(t0) * 1000);
        d.photo.insert(d.photo.end(), e.front().data.begin(), e.front().data.end());
    }
    d.photoCount = o.photoQueries;
    report.encodeTextP50Ms = percentile(textMs, 0.5);
    report.encodePhotoP50Ms = percentile(photoMs, 0.5);
}

// Exact top-k by max-over-tokens (mean over query rows), through BLAS matrix products.
std::vector<std::vector<std::int64_t>> exactTopK(const BenchData& d, const std::vector<float>& queries, int count,
                                                 int queryRows, int k, double& seconds, double& flops)
{
    const auto start = Clock::now();
    const at::Tensor m = at::from_blob(const_cast<float*>(d.rows.data()), {d.n * d.T, d.D}, at::kFloat);
    const at::Tensor q = at::from_blob(const_cast<float*>(queries.data()), {static_cast<std::int64_t>(count) * queryRows, d.D},
                                       at::kFloat).t().contiguous();
    at::Tensor scores = at::empty({d.n, count}, at::kFloat);
    constexpr std::int64_t kChunk = 4096;
    for (std::int64_t p0 = 0; p0 < d.n; p0 += kChunk) {
        const std::int64_t p1 = std::min(d.n, p0 + kChunk);
        at::Tensor s = at::mm(m.slice(0, p0 * d.T, p1 * d.T), q);           // (n*T) x (count*rows)
        s = std::get<0>(s.view({p1 - p0, d.T, count, queryRows}).max(1)); // best product token
        scores.slice(0, p0, p1).copy_(s.mean(2));                         // mean over query rows
    }
    const at::Tensor top = std::get<1>(scores.topk(std::min<std::int64_t>(k, d.n), 0)).t().contiguous();
    seconds = since(start);
    flops = 2.0 * static_cast<double>(d.n) * d.T * d.D * count * queryRows;
    std::vector<std::vector<std::int64_t>> out(static_cast<std::size_t>(count));
    const auto* idx = top.data_ptr<std::int64_t>();
    for (int c = 0; c < count; ++c)
        out[c].assign(idx + static_cast<std::ptrdiff_t>(c) * top.size(1), idx + static_cast<std::ptrdiff_t>(c + 1) * top.size(1));
    return out;
}

double recallOf(const std::vector<std::int64_t>& got, const std::vector<std::int64_t>& truth)
{
    if (truth.empty())
        return 1;
    const std::unordered_set<std::int64_t> t(truth.begin(), truth.end());
    std::size_t hit = 0;
    for (const auto id : got)
        hit += t.count(id);
    return static_cast<double>(hit) / static_cast<double>(truth.size());
}

// Runs the text and photo queries through `search` and fills recall and latency.
template <typename SearchFn>
void measureQueries(const BenchData& d, const std::vector<std::vector<std::int64_t>>& truthText,
                    const std::vector<std::vector<std::int64_t>>& truthPhoto, SearchFn&& search, IndexBenchRow& row)
{
    std::vector<double> ms;
    double recall = 0;
    for (int q = 0; q < d.textCount; ++q) {
        const auto t0 = Clock::now();
        const auto got = search(d.text.data() + static_cast<std::size_t>(q) * d.D, 1);
        ms.push_back(since(t0) * 1000);
        recall += recallOf(got, truthText[q]);
    }
    row.recallText = d.textCount ? recall / d.textCount : 0;
    row.textP50Ms = percentile(ms, 0.5);
    row.textP95Ms = percentile(ms, 0.95);
    ms.clear();
    recall = 0;
    for (int q = 0; q < d.photoCount; ++q) {
        const auto t0 = Clock::now();
        const auto got = search(d.photo.data() + static_cast<std::size_t>(q) * d.T * d.D, d.T);
        ms.push_back(since(t0) * 1000);
        recall += recallOf(got, truthPhoto[q]);
    }
    row.recallPhoto = d.photoCount ? recall / d.photoCount : 0;
    row.photoP50Ms = percentile(ms, 0.5);
    row.photoP95Ms = percentile(ms, 0.95);
}

std::vector<ProductVectors> chunkOf(const BenchData& d, std::int64_t begin, std::int64_t end)
{
    std::vector<ProductVectors> out;
    out.reserve(static_cast<std::size_t>(end - begin));
    const std::size_t stride = static_cast<std::size_t>(d.T) * d.D;
    for (std::int64_t i = begin; i < end; ++i) {
        ProductVectors p;
        p.productId = i;
        p.rows = d.T;
        p.data.assign(d.product(i), d.product(i) + stride);
        const std::uint64_t id = static_cast<std::uint64_t>(i);
        p.contentHash = sha256(&id, sizeof id);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

IndexBenchReport runIndexBench(const IndexBenchOptions& o, const BenchLog& log)
{
    auto say = [&](const std::string& s) {
        if (log)
            log(s);
    };
    IndexBenchReport report;
    report.options = o;
    report.hardwareSha = hardwareSha256();
#if defined(__AVX512F__)
    report.simd = "avx512";
#elif defined(__AVX2__)
    report.simd = "avx2";
#elif defined(__AVX__)
    report.simd = "avx";
#else
    report.simd = "sse";
#endif
    at::set_num_threads(std::max(1, o.threads));
    const std::filesystem::path work = o.workDir.empty() ? std::filesystem::temp_directory_path() / "uf-bench-search" : o.workDir;
    std::filesystem::create_directories(work);

    BenchData d;
    const auto genStart = Clock::now();
    if (o.pack && o.catalog) {
        say("embedding augmented catalog images with the model pack");
        fromModel(d, o, report, say);
    } else {
        report.vectorsSource = "synthetic";
        synthetic(d, o);
    }
    report.tokens = d.T;
    report.dim = d.D;
    report.vectors = d.n * d.T;
    say("vectors: " + std::to_string(d.n) + " products x " + std::to_string(d.T) + " tokens x " + std::to_string(d.D)
        + " (" + report.vectorsSource + ", " + std::to_string(static_cast<int>(since(genStart))) + " s)");

    if (o.sgemm) {
        report.sgemmGflops = matmulPeakGflops(4096);
        say("sgemm peak: " + std::to_string(static_cast<int>(report.sgemmGflops)) + " GFLOP/s");
    }

    // Ground truth: exact max-over-tokens through BLAS.
    double textSeconds = 0, textFlops = 0, photoSeconds = 0, photoFlops = 0;
    const auto truthText = exactTopK(d, d.text, d.textCount, 1, o.k, textSeconds, textFlops);
    const auto truthPhoto = exactTopK(d, d.photo, d.photoCount, d.T, o.k, photoSeconds, photoFlops);
    report.exactBatchSeconds = textSeconds + photoSeconds;
    report.exactBatchGflops = (textFlops + photoFlops) / std::max(1e-9, report.exactBatchSeconds) / 1e9;
    say("exact reference: " + std::to_string(report.exactBatchSeconds) + " s, "
        + std::to_string(static_cast<int>(report.exactBatchGflops)) + " GFLOP/s");

    // Exact single-query scan (our blocked loop), the latency a brute-force search would have.
    {
        SearchParams p;
        p.threads = o.threads;
        p.routing = 1;
        IndexBenchRow row;
        row.engine = "exact-scan";
        row.routing = -1;
        const double before = rssMiB();
        SearchIndex flat(d.D, "bench", p);
        for (std::int64_t b = 0; b < d.n; b += 8192)
            flat.upsertBatch(chunkOf(d, b, std::min(d.n, b + 8192)));
        row.memoryMiB = rssMiB() - before;
        const int probes = std::min(20, d.textCount);
        std::vector<double> ms;
        for (int q = 0; q < probes; ++q) {
            const auto t0 = Clock::now();
            flat.exactSearch(d.text.data() + static_cast<std::size_t>(q) * d.D, 1, static_cast<std::size_t>(o.k));
            ms.push_back(since(t0) * 1000);
        }
        row.textP50Ms = percentile(ms, 0.5);
        row.textP95Ms = percentile(ms, 0.95);
        ms.clear();
        for (int q = 0; q < std::min(5, d.photoCount); ++q) {
            const auto t0 = Clock::now();
            flat.exactSearch(d.photo.data() + static_cast<std::size_t>(q) * d.T * d.D, d.T, static_cast<std::size_t>(o.k));
            ms.push_back(since(t0) * 1000);
        }
        row.photoP50Ms = percentile(ms, 0.5);
        row.photoP95Ms = percentile(ms, 0.95);
        row.recallText = row.recallPhoto = 1;
        report.rows.push_back(row);
        say("exact scan: text p50 " + std::to_string(row.textP50Ms) + " ms");
    }

    for (const int routing : o.routings) {
        SearchParams p;
        p.routing = routing;
        p.threads = o.threads;
        p.hnsw.m = o.m;
        p.hnsw.efConstruction = o.efConstruction;
        p.hnsw.efSearch = o.efSearch;
        const std::string name = "bench-r" + std::to_string(routing);
        IndexBenchRow base;
        base.engine = "uf-hnswlib";
        base.routing = routing;
        {
            const double before = rssMiB();
            SearchIndex built(d.D, "bench", p);
            const auto t0 = Clock::now();
            for (std::int64_t b = 0; b < d.n; b += 8192) {
                built.upsertBatch(chunkOf(d, b, std::min(d.n, b + 8192)));
                say("  uf-hnswlib routing " + std::to_string(routing) + ": " + std::to_string(std::min(d.n, b + 8192)) + " / "
                    + std::to_string(d.n) + " products, " + std::to_string(static_cast<int>(since(t0))) + " s");
            }
            base.buildSeconds = since(t0);
            base.memoryMiB = static_cast<double>(built.memoryBytes()) / (1024.0 * 1024.0);
            built.save(work, name);
            say("  built in " + std::to_string(base.buildSeconds) + " s, RSS +" + std::to_string(static_cast<int>(rssMiB() - before))
                + " MiB");
        }
        base.fileMiB = fileMiB(SearchIndex::graphFile(work, name)) + fileMiB(SearchIndex::tokensFile(work, name));
        const auto t0 = Clock::now();
        auto index = SearchIndex::open(work, name, {}, p);
        base.openSeconds = since(t0);
        say("  opened and verified in " + std::to_string(base.openSeconds) + " s");
        for (const int c : o.candidates) {
            IndexBenchRow row = base;
            row.candidates = c;
            index->setSearchParams(o.efSearch, c);
            auto search = [&](const float* query, int rows) {
                std::vector<std::int64_t> ids;
                for (const auto& s : index->search(query, rows, static_cast<std::size_t>(o.k)))
                    ids.push_back(s.productId);
                return ids;
            };
            measureQueries(d, truthText, truthPhoto, search, row);
            report.rows.push_back(row);
            say("  candidates " + std::to_string(c) + ": recall text " + std::to_string(row.recallText) + " photo "
                + std::to_string(row.recallPhoto) + ", p50 " + std::to_string(row.textP50Ms) + " / "
                + std::to_string(row.photoP50Ms) + " ms");
        }
        index.reset();
        SearchIndex::removeFiles(work, name);

#ifdef UF_HAVE_FAISS
        if (o.faiss) {
            omp_set_num_threads(std::max(1, o.threads));
            IndexBenchRow frow;
            frow.engine = "faiss-hnsw";
            frow.routing = routing;
            std::vector<float> vectors;
            std::vector<std::int64_t> owner;
            for (std::int64_t i = 0; i < d.n; ++i) {
                const auto rv = routingVectors(d.product(i), d.T, d.D, routing);
                vectors.insert(vectors.end(), rv.begin(), rv.end());
                owner.insert(owner.end(), rv.size() / static_cast<std::size_t>(d.D), i);
            }
            // The same two routes as ours: routing vectors for text, product means for photos.
            std::vector<float> means;
            if (routing != 1)
                for (std::int64_t i = 0; i < d.n; ++i) {
                    const auto m = pooledVector(d.product(i), d.T, d.D);
                    means.insert(means.end(), m.begin(), m.end());
                }
            const double before = rssMiB();
            auto fidx = std::make_unique<faiss::IndexHNSWFlat>(d.D, o.m, faiss::METRIC_INNER_PRODUCT);
            fidx->hnsw.efConstruction = o.efConstruction;
            std::unique_ptr<faiss::IndexHNSWFlat> fmeans;
            const auto b0 = Clock::now();
            fidx->add(static_cast<faiss::Index::idx_t>(owner.size()), vectors.data());
            if (routing != 1) {
                fmeans = std::make_unique<faiss::IndexHNSWFlat>(d.D, o.m, faiss::METRIC_INNER_PRODUCT);
                fmeans->hnsw.efConstruction = o.efConstruction;
                fmeans->add(static_cast<faiss::Index::idx_t>(d.n), means.data());
            }
            frow.buildSeconds = since(b0);
            frow.memoryMiB = rssMiB() - before + static_cast<double>(d.rows.size() * sizeof(float)) / (1024.0 * 1024.0);
            say("  faiss-hnsw routing " + std::to_string(routing) + " built in " + std::to_string(frow.buildSeconds) + " s");
            vectors.clear();
            vectors.shrink_to_fit();
            means.clear();
            means.shrink_to_fit();
            const std::string ffile = (work / (name + ".faiss")).string();
            const std::string mfile = (work / (name + ".mean.faiss")).string();
            faiss::write_index(fidx.get(), ffile.c_str());
            if (fmeans)
                faiss::write_index(fmeans.get(), mfile.c_str());
            frow.fileMiB = fileMiB(ffile) + (fmeans ? fileMiB(mfile) : 0);
            fidx.reset();
            const bool hadMeans = fmeans != nullptr;
            fmeans.reset();
            const auto o0 = Clock::now();
            fidx.reset(dynamic_cast<faiss::IndexHNSWFlat*>(faiss::read_index(ffile.c_str())));
            if (hadMeans)
                fmeans.reset(dynamic_cast<faiss::IndexHNSWFlat*>(faiss::read_index(mfile.c_str())));
            frow.openSeconds = since(o0);
            std::filesystem::remove(ffile);
            std::filesystem::remove(mfile);
            for (const int c : o.candidates) {
                IndexBenchRow row = frow;
                row.candidates = c;
                // Same candidates-then-exact-re-ranking as ours, so only the graph differs.
                auto search = [&](const float* query, int rows) {
                    const int want = std::max(c, 2 * o.k) * (rows > 1 ? SearchParams{}.photoCandidateFactor : 1);
                    std::vector<float> pooled;
                    const float* q = query;
                    faiss::IndexHNSWFlat* graph = fidx.get();
                    int perProduct = routing == 1 ? 1 : 2;
                    if (rows > 1) {
                        pooled = pooledVector(query, rows, d.D);
                        q = pooled.data();
                        if (fmeans) {
                            graph = fmeans.get();
                            perProduct = 1;
                        }
                    }
                    const int fetch = std::max(want * perProduct, o.efSearch);
                    graph->hnsw.efSearch = fetch;
                    std::vector<float> dist(static_cast<std::size_t>(fetch));
                    std::vector<faiss::Index::idx_t> labels(static_cast<std::size_t>(fetch));
                    graph->search(1, q, fetch, dist.data(), labels.data());
                    std::vector<ScoredProduct> scored;
                    std::unordered_set<std::int64_t> seen;
                    for (const auto l : labels) {
                        if (l < 0 || static_cast<int>(seen.size()) >= want)
                            continue;
                        const std::int64_t pid = graph == fidx.get() ? owner[static_cast<std::size_t>(l)] : l;
                        if (seen.insert(pid).second)
                            scored.push_back({pid, multiMaxSim(query, rows, d.product(pid), d.T, d.D)});
                    }
                    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
                    std::vector<std::int64_t> ids;
                    for (std::size_t i = 0; i < scored.size() && i < static_cast<std::size_t>(o.k); ++i)
                        ids.push_back(scored[i].productId);
                    return ids;
                };
                measureQueries(d, truthText, truthPhoto, search, row);
                report.rows.push_back(row);
                say("  faiss candidates " + std::to_string(c) + ": recall text " + std::to_string(row.recallText) + " photo "
                    + std::to_string(row.recallPhoto) + ", p50 " + std::to_string(row.textP50Ms) + " / "
                    + std::to_string(row.photoP50Ms) + " ms");
            }
        }
#endif
    }
    return report;
}

std::string indexBenchJson(const IndexBenchReport& r)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& x : r.rows)
        rows.push_back({{"engine", x.engine},         {"routing", x.routing},         {"candidates", x.candidates},
                        {"build_s", x.buildSeconds},  {"open_s", x.openSeconds},      {"file_mib", x.fileMiB},
                        {"memory_mib", x.memoryMiB},  {"recall_text", x.recallText},  {"recall_photo", x.recallPhoto},
                        {"text_p50_ms", x.textP50Ms}, {"text_p95_ms", x.textP95Ms},   {"photo_p50_ms", x.photoP50Ms},
                        {"photo_p95_ms", x.photoP95Ms}});
    nlohmann::json j = {{"products", r.options.products},
                        {"tokens", r.tokens},
                        {"dim", r.dim},
                        {"vectors", r.vectors},
                        {"source", r.vectorsSource},
                        {"k", r.options.k},
                        {"m", r.options.m},
                        {"ef_construction", r.options.efConstruction},
                        {"ef_search", r.options.efSearch},
                        {"threads", r.options.threads},
                        {"text_queries", r.options.textQueries},
                        {"photo_queries", r.options.photoQueries},
                        {"sgemm_gflops", r.sgemmGflops},
                        {"exact_batch_gflops", r.exactBatchGflops},
                        {"exact_batch_s", r.exactBatchSeconds},
                        {"encode_text_p50_ms", r.encodeTextP50Ms},
                        {"encode_photo_p50_ms", r.encodePhotoP50Ms},
                        {"sha_ni", r.hardwareSha},
                        {"simd", r.simd},
                        {"rows", rows}};
    return j.dump(2);
}

std::string indexBenchTable(const IndexBenchReport& r)
{
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line,
                  "%lld products x %d tokens x %d-d (%s), k=%d, M=%d, efC=%d, %d threads; sgemm peak %.0f GFLOP/s, "
                  "exact reference %.0f GFLOP/s (%.2f s for %d+%d queries)\n\n",
                  static_cast<long long>(r.options.products), r.tokens, r.dim, r.vectorsSource.c_str(), r.options.k,
                  r.options.m, r.options.efConstruction, r.options.threads, r.sgemmGflops, r.exactBatchGflops,
                  r.exactBatchSeconds, r.options.textQueries, r.options.photoQueries);
    out << line;
    out << "| engine | routing | candidates | build s | open s | file MiB | memory MiB | recall@" << r.options.k
        << " text | recall@" << r.options.k << " photo | text p50/p95 ms | photo p50/p95 ms |\n";
    out << "|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& x : r.rows) {
        const std::string routing = x.routing < 0 ? "-" : x.routing == 0 ? "all tokens" : x.routing == 1 ? "mean" : std::to_string(x.routing);
        std::snprintf(line, sizeof line, "| %s | %s | %d | %.1f | %.2f | %.0f | %.0f | %.4f | %.4f | %.2f / %.2f | %.2f / %.2f |\n",
                      x.engine.c_str(), routing.c_str(), x.candidates, x.buildSeconds, x.openSeconds, x.fileMiB,
                      x.memoryMiB, x.recallText, x.recallPhoto, x.textP50Ms, x.textP95Ms, x.photoP50Ms, x.photoP95Ms);
        out << line;
    }
    if (r.encodeTextP50Ms >= 0) {
        std::snprintf(line, sizeof line, "\nModel encode p50: text %.2f ms, photo %.2f ms.\n", r.encodeTextP50Ms,
                      r.encodePhotoP50Ms);
        out << line;
    }
    return out.str();
}

} // namespace uf::search
