#include "pipeline/ImportCatalog.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "ingest/ContentStore.h"
#include "ingest/ImageCheck.h"
#include "ingest/SourceReader.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace uf::pipeline {

namespace {

// One row after the workers: a product ready to upsert, or the reason it cannot be.
struct Prepared {
    bool ready = false; // guarded by the pipeline mutex
    bool ok = false;
    catalog::Product product;
    ImportError error;
    std::exception_ptr fatal; // not a row problem: stop the import
};

std::vector<std::uint8_t> makeThumbnail(const imaging::Image& image, int side)
{
    const int longest = std::max(image.width, image.height);
    if (longest <= side) // never upscale: a 28×28 photo keeps its size
        return imaging::encodeJpeg(image, 85);
    const double scale = double(side) / longest;
    const int w = std::max(1, static_cast<int>(image.width * scale + 0.5));
    const int h = std::max(1, static_cast<int>(image.height * scale + 0.5));
    return imaging::encodeJpeg(imaging::resize(image, w, h), 85);
}

class RowPreparer {
public:
    RowPreparer(const ImportOptions& options, const ingest::ImageCheckOptions& check, fs::path baseDir,
                std::string sourceName, ingest::ContentStore* store)
        : m_options(options)
        , m_check(check)
        , m_baseDir(std::move(baseDir))
        , m_sourceName(std::move(sourceName))
        , m_store(store)
    {
    }

    Prepared prepare(ingest::SourceRow& src) const
    {
        Prepared p;
        if (!src.ok()) {
            p.error = {src.row, m_sourceName, src.error, src.errorCode};
            return p;
        }
        // Every image is checked before any is stored, so a bad row leaves nothing behind.
        std::vector<ingest::CheckedImage> images;
        for (const auto& path : src.imagePaths) {
            try {
                images.push_back(ingest::checkImage(path, m_baseDir, m_check));
            } catch (const ingest::ImageCheckError& e) {
                p.error = {src.row, path, e.what(), ingest::problemCode(e.problem())};
                return p;
            }
        }
        catalog::Product product = std::move(src.product);
        for (auto& img : images) {
            catalog::ProductImage pi;
            pi.sha256 = img.sha256;
            pi.width = img.width;
            pi.height = img.height;
            pi.bytes = static_cast<std::int64_t>(img.bytes.size());
            if (m_options.copyImages) {
                pi.storage = catalog::ImageStorage::Copied;
                pi.path = m_store->putImage(img.sha256, imaging::formatExtension(img.format), img.bytes);
            } else {
                pi.storage = catalog::ImageStorage::Referenced;
                pi.path = img.path.string();
            }
            // A referenced image no larger than a thumbnail is its own thumbnail: writing 70k copies
            // of 28x28 photos would double the cost of a reference import for nothing.
            const bool wantsThumb = m_options.copyImages || std::max(img.width, img.height) > m_options.thumbnailSide;
            if (wantsThumb && !m_store->hasThumb(img.sha256))
                m_store->putThumb(img.sha256, makeThumbnail(img.pixels, m_options.thumbnailSide));
            product.images.push_back(std::move(pi));
        }
        product.contentHash = product.computeContentHash();
        p.product = std::move(product);
        p.ok = true;
        return p;
    }

private:
    const ImportOptions& m_options;
    const ingest::ImageCheckOptions& m_check;
    fs::path m_baseDir;
    std::string m_sourceName;
    ingest::ContentStore* m_store;
};

// Worker threads preparing rows in any order into `results`; the writer takes them in file order.
// At most `window` rows run ahead of the writer, which bounds memory on huge files.
class Pipeline {
public:
    Pipeline(std::vector<ingest::SourceRow>& rows, const RowPreparer& preparer, int workers, std::size_t window)
        : m_rows(rows)
        , m_results(rows.size())
        , m_preparer(preparer)
        , m_window(window)
    {
        const int n = std::max(1, workers);
        for (int i = 0; i < n; ++i)
            m_threads.emplace_back([this] { work(); });
    }

    ~Pipeline()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_space.notify_all();
        for (auto& t : m_threads)
            t.join();
    }

    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Waits for row i (taken in order) and hands it over.
    Prepared take(std::size_t i)
    {
        Prepared p;
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [&] { return m_results[i].ready; });
            p = std::move(m_results[i]);
            m_results[i] = Prepared{};
            m_consumed = i + 1;
        }
        m_space.notify_all();
        return p;
    }

private:
    void work()
    {
        for (;;) {
            const std::size_t i = m_next.fetch_add(1);
            if (i >= m_rows.size())
                return;
            {
                std::unique_lock lock(m_mutex);
                m_space.wait(lock, [&] { return m_stop || i < m_consumed + m_window; });
                if (m_stop)
                    return;
            }
            Prepared p;
            try {
                p = m_preparer.prepare(m_rows[i]);
            } catch (...) {
                p.fatal = std::current_exception();
            }
            {
                std::lock_guard lock(m_mutex);
                m_results[i] = std::move(p);
                m_results[i].ready = true;
            }
            m_ready.notify_all();
        }
    }

    std::vector<ingest::SourceRow>& m_rows;
    std::vector<Prepared> m_results; // guarded by m_mutex
    const RowPreparer& m_preparer;
    const std::size_t m_window;
    std::atomic<std::size_t> m_next{0};
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::size_t m_consumed = 0; // guarded by m_mutex
    bool m_stop = false;        // guarded by m_mutex
    std::vector<std::thread> m_threads;
};

} // namespace

ImportSummary importFile(catalog::Catalog& catalog, const fs::path& file, const ImportOptions& options,
                         const ProgressFn& progress)
{
    const auto started = std::chrono::steady_clock::now();
    if (options.batchSize < 1)
        throw UsageError("the batch size must be at least 1");
    const ingest::ColumnMapper mapper(options.maps);
    ingest::SourceTable table = ingest::readSource(file, mapper);

    ImportSummary summary;
    summary.rows = static_cast<std::int64_t>(table.rows.size());
    summary.encoding = text::encodingName(table.encoding);
    summary.format = ingest::formatName(table.format);

    std::error_code ec;
    const fs::path baseDir = fs::canonical(fs::absolute(file).parent_path(), ec);
    if (ec)
        throw StorageError("Cannot resolve the folder of '" + file.string() + "': " + ec.message());
    std::vector<fs::path> roots{baseDir};
    roots.insert(roots.end(), options.allowedRoots.begin(), options.allowedRoots.end());
    ingest::ImageCheckOptions check;
    check.allowedRoots = ingest::canonicalRoots(roots);
    check.limits = options.limits;

    // Thumbnails are the catalog's own files: for every copied image, and for referenced ones larger
    // than a thumbnail.
    ingest::ContentStore store(catalog.folder());
    const RowPreparer preparer(options, check, baseDir, file.string(), &store);

    std::optional<catalog::Transaction> tx;
    int inBatch = 0;
    auto commit = [&] {
        if (tx) {
            store.sync(); // the image files a row names are durable before the row is
            tx->commit();
            tx.reset();
        }
        inBatch = 0;
    };
    auto fail = [&](ImportError e) {
        ++summary.failed;
        summary.errors.push_back(std::move(e));
    };

    // First occurrence of each SKU in this file: its content hash and row.
    std::unordered_map<std::string, std::pair<std::string, std::int64_t>> seen;
    const std::size_t n = table.rows.size();
    {
        const std::size_t window = static_cast<std::size_t>(std::max(options.batchSize * 2, 256));
        Pipeline pipeline(table.rows, preparer, options.workers, window);
        for (std::size_t i = 0; i < n; ++i) {
            Prepared p = pipeline.take(i);
            if (p.fatal)
                std::rethrow_exception(p.fatal); // the open batch rolls back; re-running redoes it
            if (!p.ok) {
                fail(std::move(p.error));
            } else {
                const std::int64_t row = p.product.sourceRow;
                auto [it, fresh] = seen.try_emplace(p.product.sku, p.product.contentHash, row);
                if (!fresh) {
                    if (it->second.first == p.product.contentHash) {
                        ++summary.unchanged; // the same product twice: nothing to do
                    } else {
                        fail({row, file.string(),
                              "duplicate SKU '" + p.product.sku + "' with different content; row "
                                  + std::to_string(it->second.second) + " has it first and was kept, this row was skipped",
                              ingest::problem::kDuplicateSku});
                    }
                } else {
                    if (!tx)
                        tx.emplace(catalog.db());
                    switch (catalog.upsert(p.product)) {
                    case catalog::UpsertResult::Inserted: ++summary.imported; break;
                    case catalog::UpsertResult::Updated: ++summary.updated; break;
                    case catalog::UpsertResult::Unchanged: ++summary.unchanged; break;
                    }
                    if (++inBatch >= options.batchSize)
                        commit();
                }
            }
            if (!reportProgress(progress, static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(n))) {
                summary.cancelled = true;
                break;
            }
        }
        commit();
    }
    summary.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

} // namespace uf::pipeline
