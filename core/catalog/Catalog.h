// A catalog is a folder, like a photo library:
//   catalog.sqlite   products, texts, attributes, images (WAL, foreign keys, schema version)
//   images/          copied product images, content-addressed (images/ab/abcdef….png)
//   thumbs/          thumbnails, content-addressed
//   index/           search index files (rebuildable from the database)
//   generated/       generated outputs awaiting review
// Catalog owns one connection; open one Catalog per thread.
#pragma once

#include "catalog/Database.h"
#include "catalog/Product.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {

namespace fs = std::filesystem;

struct ProductFilter {
    std::optional<std::string> sku;
    std::optional<std::string> category;
    std::map<std::string, std::string> attributes; // all must match
    std::optional<std::string> split;
    std::int64_t limit = -1; // -1: all
    std::int64_t offset = 0;
};

enum class UpsertResult { Inserted, Updated, Unchanged };

class Catalog {
public:
    enum class OpenMode { Create, Existing, ReadOnly };

    // Opens (and with Create, makes) the catalog at folder; migrates the schema forward.
    explicit Catalog(const fs::path& folder, OpenMode mode = OpenMode::Existing);
    ~Catalog();

    const fs::path& folder() const { return m_folder; }
    fs::path databasePath() const { return m_folder / "catalog.sqlite"; }
    fs::path imagesDir() const { return m_folder / "images"; }
    fs::path thumbsDir() const { return m_folder / "thumbs"; }
    fs::path indexDir() const { return m_folder / "index"; }
    fs::path generatedDir() const { return m_folder / "generated"; }
    // Absolute path of a stored image.
    fs::path resolveImage(const ProductImage& image) const;

    Database& db() { return *m_db; }
    int schemaVersion();

    // Inserts or updates by SKU inside the caller's transaction (or its own when none is open).
    UpsertResult upsert(Product& product);
    bool remove(const std::string& sku);

    std::optional<Product> findBySku(const std::string& sku);
    std::optional<std::string> contentHashOf(const std::string& sku);
    std::vector<Product> list(const ProductFilter& filter);
    std::int64_t count(const ProductFilter& filter = {});
    // Loads every product in id order, calling fn for each (streaming, for training and reports).
    void forEach(const ProductFilter& filter, const std::function<void(const Product&)>& fn);

    // Catalog-level settings (key/value), e.g. audit.allow_self_approval.
    std::optional<std::string> setting(const std::string& key);
    void setSetting(const std::string& key, const std::string& value);

private:
    void loadDetails(std::vector<Product>& products);
    fs::path m_folder;
    std::unique_ptr<Database> m_db;
};

// Current UTC time as ISO 8601 with seconds ("2026-11-27T04:20:00Z").
std::string nowIso8601();

} // namespace uf::catalog
