// Use case: index a catalog for search (`unifashion index`, the desktop app's Index action).
// Embeds each product's primary image (one vector per query token) and its descriptions (one
// vector per language) with the model, stores the embeddings in the catalog, and brings the index
// files under <catalog>/index/ up to date. Incremental: only products whose image or description
// changed since they were last embedded by this model pack are embedded again; removed products
// leave the index; a different pack re-embeds everything (vectors of two models never mix).
// Generated outputs live in their own table and are never indexed.
#pragma once

#include "common/Progress.h"
#include "search/CatalogIndex.h"
#include "search/Embedder.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
struct Product;
struct ProductImage;
} // namespace uf::catalog

namespace uf::pipeline {

struct IndexOptions {
    int batchSize = 32;
    bool rebuild = false; // rebuild the index files from the stored embeddings
    bool reembed = false; // embed every product again even if unchanged
    search::SearchParams params;
};

struct IndexReport {
    JobStatus status = JobStatus::Completed;
    std::string modelHash;
    std::int64_t products = 0;
    std::int64_t imagesEmbedded = 0;
    std::int64_t textsEmbedded = 0;
    std::int64_t imagesUnchanged = 0;
    std::int64_t textsUnchanged = 0;
    std::int64_t withoutImage = 0;
    std::int64_t otherModelRowsRemoved = 0; // embeddings of another pack, dropped
    std::int64_t failed = 0;
    std::vector<std::string> failures; // the first few, each naming the SKU and the reason
    std::int64_t indexedImages = 0;
    std::int64_t indexedTexts = 0;
    search::CatalogIndexReport index;
    double embedSeconds = 0;
    double indexSeconds = 0;
};

// What is embedded for a product's descriptions: per language the description, or the title when
// the description is empty.
std::map<std::string, std::string> descriptionTexts(const catalog::Product& product);
// Hashes of exactly what is embedded, so unrelated edits (price, attributes) cost no re-embedding.
std::string imageContentHash(const catalog::ProductImage& image);
std::string descriptionContentHash(const catalog::Product& product);

IndexReport indexCatalog(catalog::Catalog& catalog, search::Embedder& embedder, const IndexOptions& options = {},
                         const ProgressFn& progress = {}, const search::MessageFn& messages = {});

} // namespace uf::pipeline
