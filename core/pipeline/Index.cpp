#include "pipeline/Index.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "search/EmbeddingStore.h"
#include "search/TokenStore.h"
#include "text/Normalize.h"

#include <chrono>

namespace uf::pipeline {

namespace {

constexpr std::size_t kMaxListedFailures = 20;

struct ImageWork {
    std::int64_t productId;
    std::string sku;
    std::filesystem::path file;
    std::string contentHash;
};

struct TextWork {
    std::int64_t productId;
    std::string sku;
    std::map<std::string, std::string> texts;
    std::string contentHash;
};

void say(const search::MessageFn& messages, const std::string& text)
{
    if (messages)
        messages(text);
}

void fail(IndexReport& report, const std::string& sku, const std::string& why)
{
    ++report.failed;
    if (report.failures.size() < kMaxListedFailures)
        report.failures.push_back(sku + ": " + why);
}

bool validShape(const model::Embedding& e, int dim)
{
    return e.dim == dim && e.tokens >= 1 && e.tokens <= search::kMaxRows
        && e.data.size() == static_cast<std::size_t>(e.tokens) * static_cast<std::size_t>(e.dim);
}

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

std::map<std::string, std::string> descriptionTexts(const catalog::Product& product)
{
    std::map<std::string, std::string> out;
    for (const auto& [lang, text] : product.description)
        if (!text.empty())
            out[lang] = text;
    for (const auto& [lang, text] : product.title)
        if (!text.empty() && !out.count(lang))
            out[lang] = text;
    return out;
}

std::string imageContentHash(const catalog::ProductImage& image)
{
    return sha256Hex("image\n" + image.sha256);
}

std::string descriptionContentHash(const catalog::Product& product)
{
    std::string all = "text\n";
    for (const auto& [lang, text] : descriptionTexts(product))
        all += std::to_string(lang.size()) + ":" + lang + std::to_string(text.size()) + ":" + text;
    return sha256Hex(all);
}

IndexReport indexCatalog(catalog::Catalog& catalog, search::Embedder& embedder, const IndexOptions& options,
                         const ProgressFn& progress, const search::MessageFn& messages)
{
    const auto start = std::chrono::steady_clock::now();
    IndexReport report;
    report.modelHash = embedder.modelHash();
    const int dim = embedder.dim();
    if (report.modelHash.empty() || dim <= 0)
        throw ModelLoadError("The model pack does not say its hash or embedding size; it cannot index a catalog.");
    auto& db = catalog.db();
    search::EmbeddingStore store(db);

    // A different pack: its vectors must never meet ours in one index.
    const auto others = store.otherModels(report.modelHash);
    if (!others.empty()) {
        say(messages, "The catalog holds embeddings of another model pack (" + others.front().substr(0, 12)
                          + "…); embedding every product again with " + report.modelHash.substr(0, 12) + "….");
        catalog::Transaction tx(db);
        report.otherModelRowsRemoved = store.removeOtherModels(report.modelHash);
        tx.commit();
    }

    // What changed since this pack last embedded the catalog.
    std::map<std::int64_t, std::string> imageHashes, textHashes;
    for (auto& k : store.keys(search::EmbeddingKind::Image, report.modelHash))
        imageHashes.emplace(k.productId, std::move(k.contentHash));
    for (auto& k : store.keys(search::EmbeddingKind::Text, report.modelHash))
        textHashes.emplace(k.productId, std::move(k.contentHash));
    std::vector<ImageWork> images;
    std::vector<TextWork> texts;
    std::vector<std::int64_t> dropImage, dropText;
    catalog.forEach({}, [&](const catalog::Product& p) {
        ++report.products;
        const auto oldImage = imageHashes.find(p.id);
        if (p.images.empty()) {
            ++report.withoutImage;
            if (oldImage != imageHashes.end())
                dropImage.push_back(p.id);
        } else {
            const std::string h = imageContentHash(p.images.front());
            if (options.reembed || oldImage == imageHashes.end() || oldImage->second != h)
                images.push_back({p.id, p.sku, catalog.resolveImage(p.images.front()), h});
            else
                ++report.imagesUnchanged;
        }
        const auto oldText = textHashes.find(p.id);
        auto descriptions = descriptionTexts(p);
        if (descriptions.empty()) {
            if (oldText != textHashes.end())
                dropText.push_back(p.id);
        } else {
            const std::string h = descriptionContentHash(p);
            if (options.reembed || oldText == textHashes.end() || oldText->second != h)
                texts.push_back({p.id, p.sku, std::move(descriptions), h});
            else
                ++report.textsUnchanged;
        }
    });
    if (!dropImage.empty() || !dropText.empty()) {
        catalog::Transaction tx(db);
        for (const auto id : dropImage)
            store.remove(search::EmbeddingKind::Image, id);
        for (const auto id : dropText)
            store.remove(search::EmbeddingKind::Text, id);
        tx.commit();
    }
    if (!images.empty() || !texts.empty())
        say(messages, "Embedding " + std::to_string(images.size()) + " images and " + std::to_string(texts.size())
                          + " descriptions (" + std::to_string(report.imagesUnchanged) + " images unchanged).");

    const std::int64_t totalWork = static_cast<std::int64_t>(images.size() + texts.size());
    std::int64_t done = 0;
    bool cancelled = !reportProgress(progress, 0, totalWork);

    // Images, in batches; each batch is stored in one transaction so a cancelled run keeps its work.
    const std::size_t batchSize = static_cast<std::size_t>(std::max(1, options.batchSize));
    for (std::size_t begin = 0; begin < images.size() && !cancelled; begin += batchSize) {
        const std::size_t end = std::min(images.size(), begin + batchSize);
        std::vector<imaging::Image> decoded;
        std::vector<const ImageWork*> owners;
        for (std::size_t i = begin; i < end; ++i) {
            try {
                decoded.push_back(imaging::loadFile(images[i].file));
                owners.push_back(&images[i]);
            } catch (const Error& e) {
                fail(report, images[i].sku, e.what());
            }
        }
        if (!decoded.empty()) {
            const auto embeddings = embedder.embedImages(decoded);
            if (embeddings.size() != decoded.size())
                throw ModelLoadError("The model returned " + std::to_string(embeddings.size()) + " embeddings for "
                                     + std::to_string(decoded.size()) + " images.");
            catalog::Transaction tx(db);
            for (std::size_t i = 0; i < embeddings.size(); ++i) {
                const auto& e = embeddings[i];
                if (!validShape(e, dim)) {
                    fail(report, owners[i]->sku, "the model returned an embedding of the wrong shape");
                    continue;
                }
                store.put(search::EmbeddingKind::Image, owners[i]->productId, report.modelHash, owners[i]->contentHash,
                          e.tokens, e.dim, e.data.data());
                ++report.imagesEmbedded;
            }
            tx.commit();
        }
        done += static_cast<std::int64_t>(end - begin);
        cancelled = !reportProgress(progress, done, totalWork);
    }

    // Descriptions: one vector per language, folded as queries are.
    constexpr std::size_t kTextBatch = 64;
    for (std::size_t begin = 0; begin < texts.size() && !cancelled; begin += kTextBatch) {
        const std::size_t end = std::min(texts.size(), begin + kTextBatch);
        catalog::Transaction tx(db);
        for (std::size_t i = begin; i < end; ++i) {
            const TextWork& w = texts[i];
            std::vector<float> rows;
            int count = 0;
            bool ok = true;
            for (const auto& [lang, text] : w.texts) {
                if (count == search::kMaxRows)
                    break;
                const auto e = embedder.embedText(text::normalize(text));
                if (!validShape(e, dim) || e.tokens != 1) {
                    fail(report, w.sku, "the model returned a description embedding of the wrong shape");
                    ok = false;
                    break;
                }
                rows.insert(rows.end(), e.data.begin(), e.data.end());
                ++count;
            }
            if (!ok)
                continue;
            store.put(search::EmbeddingKind::Text, w.productId, report.modelHash, w.contentHash, count, dim, rows.data());
            ++report.textsEmbedded;
        }
        tx.commit();
        done += static_cast<std::int64_t>(end - begin);
        cancelled = !reportProgress(progress, done, totalWork);
    }
    report.embedSeconds = secondsSince(start);
    if (cancelled) {
        report.status = JobStatus::Cancelled;
        say(messages, "Cancelled; the embeddings made so far are kept, run the index again to continue.");
        return report;
    }

    // The index files follow the stored embeddings.
    const auto indexStart = std::chrono::steady_clock::now();
    if (options.rebuild) {
        search::SearchIndex::removeFiles(catalog.indexDir(), search::kindName(search::EmbeddingKind::Image));
        search::SearchIndex::removeFiles(catalog.indexDir(), search::kindName(search::EmbeddingKind::Text));
    }
    auto index = search::CatalogIndex::load(db, catalog.indexDir(), report.modelHash, options.params, messages, progress,
                                            &report.index);
    if (report.index.cancelled)
        report.status = JobStatus::Cancelled;
    report.indexedImages = index->images() ? static_cast<std::int64_t>(index->images()->size()) : 0;
    report.indexedTexts = index->texts() ? static_cast<std::int64_t>(index->texts()->size()) : 0;
    report.indexSeconds = secondsSince(indexStart);
    return report;
}

} // namespace uf::pipeline
