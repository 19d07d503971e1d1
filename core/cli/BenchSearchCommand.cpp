// `unifashion bench-search`: the search benchmark (search::runIndexBench) — our index vs FAISS's
// HNSW vs exact brute force on the same vectors, printed as a Markdown table (docs/BENCHMARKS.md)
// or JSON. Not a test: it reports, it does not judge.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "common/Files.h"
#include "search/IndexBench.h"

#include <cstdio>
#include <sstream>

namespace uf::cli {

namespace {

const char* const kUsage = R"(usage: unifashion bench-search [options]

Measures the search index on clustered vectors: recall@k against exact max-over-tokens search,
query p50/p95, build time, open time (full verification), file size and memory, for each routing
variant; FAISS's HNSW on the same vectors with the same re-ranking; exact brute force; and the
machine's sgemm peak. Vectors are synthetic (clustered, with augmentation noise) unless --model
and --catalog are given, in which case the catalog's images are embedded with augmentation.

options:
  --products N        products (default 100000; 1000000 needs ~20 GB of memory)
  --tokens T          vectors per product, synthetic (default 16)
  --dim D             dimension, synthetic (default 128)
  --text-queries N    (default 200)      --photo-queries N   (default 100)
  --k K               (default 10)
  --routing LIST      ANN vectors per product, comma separated: 0 every token, 1 the mean,
                      R centroids (default 0,1)
  --candidates LIST   products re-ranked per query, comma separated (default 32,64)
  --m M               HNSW degree (default 16)      --ef-construction E (default 200)
  --ef-search E       minimum query beam (default 64)
  --threads N         (default 2)
  --no-faiss          skip FAISS            --no-sgemm         skip the sgemm peak
  --model PACK --catalog DIR   use the model's embeddings of DIR's images
  --work DIR          where index files are written and reopened (default: a temporary folder)
  --out FILE          also write the Markdown table to FILE
  --json              print JSON instead of the table
)";

std::vector<int> intList(const std::string& text, const char* what)
{
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            out.push_back(std::stoi(item));
        } catch (const std::exception&) {
            throw UsageError(std::string(what) + " needs numbers separated by commas (got '" + text + "')");
        }
    }
    if (out.empty())
        throw UsageError(std::string(what) + " needs at least one number");
    return out;
}

} // namespace

int cmdBenchSearch(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    const Args args(argv,
                    {"products", "tokens", "dim", "text-queries", "photo-queries", "k", "routing", "candidates", "m",
                     "ef-construction", "ef-search", "threads", "model", "catalog", "work", "out"},
                    {"no-faiss", "no-sgemm", "json"});
    search::IndexBenchOptions o;
    o.products = args.intOr("products", 100000);
    o.tokens = static_cast<int>(args.intOr("tokens", 16));
    o.dim = static_cast<int>(args.intOr("dim", 128));
    o.textQueries = static_cast<int>(args.intOr("text-queries", 200));
    o.photoQueries = static_cast<int>(args.intOr("photo-queries", 100));
    o.k = static_cast<int>(args.intOr("k", 10));
    o.routings = intList(args.valueOr("routing", "0,1"), "--routing");
    o.candidates = intList(args.valueOr("candidates", "32,64"), "--candidates");
    o.m = static_cast<int>(args.intOr("m", 16));
    o.efConstruction = static_cast<int>(args.intOr("ef-construction", 200));
    o.efSearch = static_cast<int>(args.intOr("ef-search", 64));
    o.threads = static_cast<int>(args.intOr("threads", 2));
    o.faiss = !args.flag("no-faiss");
    o.sgemm = !args.flag("no-sgemm");
    if (const auto m = args.value("model"))
        o.pack = *m;
    if (const auto c = args.value("catalog"))
        o.catalog = *c;
    if (o.pack.has_value() != o.catalog.has_value())
        throw UsageError("--model and --catalog go together");
    if (const auto w = args.value("work"))
        o.workDir = *w;
    if (o.products < 100 || o.tokens < 1 || o.tokens > 255 || o.dim < 8 || o.k < 1 || o.threads < 1 || o.m < 2)
        throw UsageError("implausible sizes");

    const auto report = search::runIndexBench(o, [](const std::string& s) { std::fprintf(stderr, "%s\n", s.c_str()); });
    const std::string table = search::indexBenchTable(report);
    if (args.flag("json"))
        std::printf("%s\n", search::indexBenchJson(report).c_str());
    else
        std::printf("%s", table.c_str());
    if (const auto out = args.value("out"))
        writeFileAtomic(*out, table);
    std::fflush(stdout);
    return kExitOk;
}

} // namespace uf::cli
