// Use case: import a merchandiser's file (CSV / TSV / JSON Lines) into a catalog. Bad rows are
// reported and skipped, the rest imports. Two worker threads check, hash and (in copy mode) store
// images; the calling thread is the only writer and upserts products in batched transactions, so a
// process killed at any moment leaves whole products only, and running the import again completes it.
// Re-importing an unchanged file changes nothing.
#pragma once

#include "common/Progress.h"
#include "imaging/ImageIO.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::pipeline {

namespace fs = std::filesystem;

struct ImportOptions {
    // true: images are copied into the catalog (images/ab/<sha256>.<ext>, with a thumbnail
    // thumbs/ab/<sha256>.jpg); false: the catalog references them read-only by absolute path and
    // makes thumbnails only for images larger than thumbnailSide (a smaller image is its own).
    bool copyImages = true;
    std::vector<std::string> maps;      // "COLUMN=FIELD", see ingest::ColumnMapper
    std::vector<fs::path> allowedRoots; // besides the import file's own folder
    int batchSize = 500;                // products per transaction
    int workers = 2;                    // image checking threads
    imaging::DecodeLimits limits;
    int thumbnailSide = 256;
};

struct ImportError {
    std::int64_t row = 0; // line in the file where the record starts (header = 1)
    std::string file;     // the image as written in the row, or the import file
    std::string reason;   // a sentence naming the file and what to do
    std::string code;     // stable machine-readable problem code (missing_file, duplicate_sku, …)
};

struct ImportSummary {
    std::int64_t rows = 0; // data rows read
    std::int64_t imported = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t failed = 0;
    std::string encoding; // "utf-8", "cp932", …
    std::string format;   // "csv", "tsv", "jsonl"
    std::vector<ImportError> errors;
    bool cancelled = false; // progress returned false; the rows up to the last commit are in
    double tookMs = 0;
};

// Imports `file` into `catalog`. progress(done, total) is called from the calling thread after each
// row; returning false stops after committing the products read so far (summary.cancelled).
// Throws UsageError (bad --map), StorageError (file unreadable, disk full) or BadInputError (no
// header or SKU column); row problems never throw.
ImportSummary importFile(catalog::Catalog& catalog, const fs::path& file, const ImportOptions& options,
                         const ProgressFn& progress = {});

} // namespace uf::pipeline
