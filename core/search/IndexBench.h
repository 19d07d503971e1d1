// The search benchmark behind `unifashion bench-search` (and callable from a general `bench`):
// on clustered token vectors (the model's, or synthetic ones with augmentation noise) it measures,
// side by side in one run, our index (hnswlib + exact re-ranking) for each routing variant, FAISS's
// HNSW on the same vectors with the same re-ranking, and exact brute force (BLAS matrix product):
// recall@k against exact max-over-tokens search, query p50/p95, build time, open time (with full
// verification), file size and memory — plus the machine's sgemm peak as a reference.
// Benchmarks are not tests: nothing here asserts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace uf::search {

struct IndexBenchOptions {
    std::int64_t products = 100000;
    int tokens = 16; // synthetic only; model vectors bring their own shape
    int dim = 128;
    int textQueries = 200;
    int photoQueries = 100;
    int k = 10;
    std::vector<int> routings = {0, 1}; // ANN vectors per product (0 = every token)
    std::vector<int> candidates = {32, 64}; // products re-ranked per query, swept
    int m = 16;
    int efConstruction = 200;
    int efSearch = 64; // minimum beam; a query's beam is max(efSearch, 2 x candidates)
    int threads = 2;
    bool faiss = true;
    bool sgemm = true;
    std::uint64_t seed = 1;
    std::filesystem::path workDir;             // where index files are saved and reopened
    std::optional<std::filesystem::path> pack; // model pack: real embeddings from `catalog` images
    std::optional<std::filesystem::path> catalog;
};

struct IndexBenchRow {
    std::string engine; // "uf-hnswlib", "faiss-hnsw", "exact"
    int routing = 0;
    int candidates = 0;
    double buildSeconds = 0;
    double openSeconds = 0;
    double fileMiB = 0;
    double memoryMiB = 0;
    double recallText = 0;
    double recallPhoto = 0;
    double textP50Ms = 0, textP95Ms = 0;
    double photoP50Ms = 0, photoP95Ms = 0;
};

struct IndexBenchReport {
    IndexBenchOptions options;
    std::string vectorsSource; // "synthetic" or "model:<hash>"
    int tokens = 0;
    int dim = 0;
    std::int64_t vectors = 0;
    double sgemmGflops = 0;        // torch::mm 4096² peak
    double exactBatchGflops = 0;   // the reference computation's throughput
    double exactBatchSeconds = 0;
    double encodeTextP50Ms = -1;   // model encode cost when a pack was given
    double encodePhotoP50Ms = -1;
    bool hardwareSha = false;
    std::string simd;
    std::vector<IndexBenchRow> rows;
};

using BenchLog = std::function<void(const std::string&)>;

IndexBenchReport runIndexBench(const IndexBenchOptions& options, const BenchLog& log = {});
std::string indexBenchJson(const IndexBenchReport& report);
std::string indexBenchTable(const IndexBenchReport& report); // Markdown, for docs/BENCHMARKS.md

} // namespace uf::search
