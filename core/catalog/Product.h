// Plain data for a product as the catalog stores it. Category and attribute values are kept in
// English lower-case canonical form (navy, stripes, long); titles and descriptions per language.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {

enum class ImageStorage { Copied, Referenced };

struct ProductImage {
    std::string path;   // relative to the catalog folder when copied, absolute when referenced
    ImageStorage storage = ImageStorage::Copied;
    std::string sha256; // content hash of the file
    int width = 0;
    int height = 0;
    std::int64_t bytes = 0;
};

struct Product {
    std::int64_t id = 0; // database id, 0 before it is stored
    std::string sku;
    std::map<std::string, std::string> title;       // lang -> text ("ja", "en")
    std::map<std::string, std::string> description; // lang -> text
    std::string category;
    std::map<std::string, std::string> attributes; // canonical key -> canonical value
    std::vector<ProductImage> images;
    std::string sourceFile;
    std::int64_t sourceRow = 0;
    std::optional<std::string> split; // "train" / "test"
    std::string createdAt;            // ISO 8601 UTC
    std::string updatedAt;
    std::string contentHash; // SHA-256 over everything above except ids, source and times

    // Recomputes contentHash from the content fields.
    std::string computeContentHash() const;
};

} // namespace uf::catalog
