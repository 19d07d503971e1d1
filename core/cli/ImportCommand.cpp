// `unifashion import`: reads a CSV / TSV / JSON Lines file into a catalog (pipeline::importFile),
// prints a summary (text, or the JSON contract with --json), progress on stderr for long runs.
// Exit codes: 0 all rows imported, 3 some rows failed, 1 error (file unreadable, interrupted), 2 usage.
#include "catalog/Catalog.h"
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/ImportCatalog.h"

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace uf::cli {

namespace fs = std::filesystem;

namespace {

const char* const kUsage = R"(usage: unifashion import --catalog DIR FILE [options]

Imports products from FILE into the catalog folder DIR (created when missing).
FILE is CSV or TSV (UTF-8, UTF-8 with BOM, Shift_JIS/CP932 or UTF-16; detected automatically)
or JSON Lines (one object per line). Column names may be English or Japanese:
  sku/SKU/品番/商品コード, title/商品名/タイトル (title_ja, title_en), description/説明/商品説明
  (description_ja, description_en), category/カテゴリ/カテゴリー, image/画像/image_path/画像パス,
  images (several, separated by ';' or '|'), split/分割 (train/test); any other column becomes an
  attribute. Image paths are relative to FILE's folder.

options:
  --catalog DIR         the catalog folder (required)
  --map COLUMN=FIELD    use COLUMN as FIELD: sku, title, title_ja, title_en, description,
                        description_ja, description_en, category, image, images, split,
                        attr:KEY or ignore (repeatable)
  --copy-images         copy images into the catalog (default)
  --reference-images    reference images where they are, read-only (absolute paths)
  --allow-root DIR      also accept images under DIR (repeatable); by default images must lie
                        under FILE's folder
  --batch-size N        products per transaction (default 500)
  --workers N           image checking threads (default 2)
  --json                print the summary as JSON:
                        {"imported":N,"updated":N,"unchanged":N,"failed":N,
                         "errors":[{"row":R,"file":F,"reason":"...","code":"..."}], ...}

Exit codes: 0 all rows imported, 3 some rows failed (listed), 1 error, 2 usage.
Ctrl-C stops after committing the products read so far; run the import again to complete it.
)";

nlohmann::json summaryJson(const pipeline::ImportSummary& s, const std::string& catalogDir)
{
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : s.errors)
        errors.push_back({{"row", e.row}, {"file", e.file}, {"reason", e.reason}, {"code", e.code}});
    return {
        {"imported", s.imported},
        {"updated", s.updated},
        {"unchanged", s.unchanged},
        {"failed", s.failed},
        {"errors", std::move(errors)},
        {"rows", s.rows},
        {"encoding", s.encoding},
        {"format", s.format},
        {"cancelled", s.cancelled},
        {"took_ms", static_cast<std::int64_t>(s.tookMs + 0.5)},
        {"catalog", catalogDir},
    };
}

void printHuman(const pipeline::ImportSummary& s, const std::string& catalogDir)
{
    std::printf("%s %lld rows (%s, %s) into %s in %.1f s:\n", s.cancelled ? "Interrupted after reading" : "Read",
                static_cast<long long>(s.rows), s.format.c_str(), s.encoding.c_str(), catalogDir.c_str(),
                s.tookMs / 1000.0);
    std::printf("  imported %lld, updated %lld, unchanged %lld, failed %lld\n", static_cast<long long>(s.imported),
                static_cast<long long>(s.updated), static_cast<long long>(s.unchanged), static_cast<long long>(s.failed));
    constexpr std::size_t kShown = 50;
    if (!s.errors.empty())
        std::printf("Rows not imported:\n");
    for (std::size_t i = 0; i < s.errors.size() && i < kShown; ++i)
        std::printf("  row %lld: %s\n", static_cast<long long>(s.errors[i].row), s.errors[i].reason.c_str());
    if (s.errors.size() > kShown)
        std::printf("  … and %zu more (use --json to see them all)\n", s.errors.size() - kShown);
    if (s.cancelled)
        std::printf("The import was interrupted; the products above are stored whole. Run the same command "
                    "again to complete it.\n");
}

} // namespace

int cmdImport(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    const Args args(argv, {"catalog", "map", "allow-root", "batch-size", "workers"},
                    {"copy-images", "reference-images", "json"});
    const std::string catalogDir = args.required("catalog");
    if (args.positionals().size() != 1)
        throw UsageError(args.positionals().empty() ? "name the file to import"
                                                    : "import one file at a time (got " + std::to_string(args.positionals().size()) + ")");
    if (args.flag("copy-images") && args.flag("reference-images"))
        throw UsageError("choose either --copy-images or --reference-images");

    pipeline::ImportOptions options;
    options.copyImages = !args.flag("reference-images");
    options.maps = args.all("map");
    for (const auto& root : args.all("allow-root"))
        options.allowedRoots.emplace_back(root);
    options.batchSize = static_cast<int>(args.intOr("batch-size", 500));
    options.workers = static_cast<int>(args.intOr("workers", 2));
    if (options.batchSize < 1 || options.workers < 1 || options.workers > 64)
        throw UsageError("--batch-size and --workers need a positive number (workers at most 64)");
    const fs::path file = args.positionals().front();
    {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec))
            throw StorageError("Cannot import '" + file.string() + "': "
                               + (fs::exists(file, ec) ? "it is not a file" : "no such file"));
    }

    installInterruptHandler();
    catalog::Catalog catalog(catalogDir, catalog::Catalog::OpenMode::Create);
    // Progress only for long runs: the first report comes after a second or for big files.
    const ProgressFn printer = stderrProgress("import");
    const auto started = std::chrono::steady_clock::now();
    ProgressFn progress = [&](std::int64_t done, std::int64_t total) {
        if (interrupted())
            return false;
        if (total >= 2000 || std::chrono::steady_clock::now() - started > std::chrono::seconds(1))
            return printer(done, total);
        return true;
    };

    const pipeline::ImportSummary summary = pipeline::importFile(catalog, file, options, progress);
    if (args.flag("json"))
        std::printf("%s\n", summaryJson(summary, catalogDir).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    else
        printHuman(summary, catalogDir);
    std::fflush(stdout);
    if (summary.cancelled)
        return kExitError;
    return summary.failed > 0 ? kExitPartial : kExitOk;
}

} // namespace uf::cli
