// The exact per-product vectors that candidates are re-ranked with (one row per query token for an
// image, one per language for a description), kept in memory beside the ANN graph and saved in
// the same container format (search/IndexFile.h). A product lives in a slot; slots are appended
// and never reused until compaction, so ANN labels (slot * kMaxRows + row) stay unambiguous.
// Not synchronised: SearchIndex guards it with its lock.
#pragma once

#include "search/Checksum.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace uf::search {

namespace fs = std::filesystem;

// Most vector rows one product may have (the ANN label packs the row into 8 bits).
inline constexpr int kMaxRows = 256;

struct TokenItem {
    std::int64_t productId = 0;
    std::uint64_t firstRow = 0; // index of the first vector row in the store
    std::uint32_t rows = 0;
    bool deleted = false;
    Digest contentHash{};
};

// SHA-256 over (product id, content hash) pairs in ascending product order: a cheap identity of
// "which products, in which version" that the catalog and an index file can both compute.
class FingerprintBuilder {
public:
    void add(std::int64_t productId, const Digest& contentHash);
    Digest finish() { return m_sha.finish(); }

private:
    Sha256Stream m_sha;
};

// The digest form of a content-hash text (64 hex digits; anything else is hashed as text).
Digest contentDigest(const std::string& contentHash);

struct TokenStoreExpectation {
    std::optional<int> dim;
    std::optional<std::string> modelHash;
    std::optional<std::uint64_t> count; // live products
    std::optional<Digest> fingerprint;
};

class TokenStore {
public:
    static constexpr const char* kMagic = "UFTOKENS";
    static constexpr std::uint32_t kFormatVersion = 1;

    TokenStore(int dim, std::string modelHash);

    // Stores a product's rows (rows x dim, row-major) in a new slot; a previous version of the
    // product is marked deleted. Returns the slot.
    std::uint32_t add(std::int64_t productId, const Digest& contentHash, const float* vectors, int rows);
    bool remove(std::int64_t productId);
    void reserve(std::size_t products, std::size_t rows);

    std::optional<std::uint32_t> slotOf(std::int64_t productId) const;
    const TokenItem& item(std::uint32_t slot) const { return m_items[slot]; }
    const float* rowsOf(std::uint32_t slot) const { return m_data.data() + m_items[slot].firstRow * m_dim; }
    const float* allRows() const { return m_data.data(); }
    std::size_t rowCount() const { return m_data.size() / static_cast<std::size_t>(m_dim); }

    std::size_t slots() const { return m_items.size(); }
    std::size_t live() const { return m_slotOf.size(); }
    std::size_t deletedSlots() const { return m_items.size() - m_slotOf.size(); }
    int dim() const { return m_dim; }
    const std::string& modelHash() const { return m_modelHash; }

    // Live (product id, content hash) pairs in ascending product order.
    std::vector<std::pair<std::int64_t, Digest>> liveItems() const;
    Digest fingerprint() const;
    std::size_t memoryBytes() const;

    // params: small integers the owner wants kept with the file (e.g. how the ANN was built).
    void save(const fs::path& file, const Digest& tag, const std::array<std::uint32_t, 4>& params = {}) const;
    struct Opened {
        std::unique_ptr<TokenStore> store;
        Digest tag;
        std::array<std::uint32_t, 4> params;
    };
    static Opened open(const fs::path& file, const TokenStoreExpectation& expect = {}, int verifyThreads = 2);

private:
    int m_dim;
    std::string m_modelHash;
    std::vector<TokenItem> m_items;
    std::vector<float> m_data;
    std::unordered_map<std::int64_t, std::uint32_t> m_slotOf; // live products only
};

} // namespace uf::search
