#include "search/TokenStore.h"

#include "common/Error.h"
#include "search/IndexFile.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace uf::search {

namespace {

// On-disk item record: i64 product id, u64 first row, u32 rows, u32 flags, 32-byte content hash.
constexpr std::size_t kItemBytes = 8 + 8 + 4 + 4 + 32;
constexpr std::uint32_t kDeletedFlag = 1;

} // namespace

void FingerprintBuilder::add(std::int64_t productId, const Digest& contentHash)
{
    std::uint8_t id[8];
    for (int i = 0; i < 8; ++i)
        id[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(productId) >> (8 * i));
    m_sha.update(id, 8);
    m_sha.update(contentHash.data(), contentHash.size());
}

Digest contentDigest(const std::string& contentHash)
{
    Digest d;
    if (fromHex(contentHash, d))
        return d;
    return sha256(contentHash.data(), contentHash.size());
}

TokenStore::TokenStore(int dim, std::string modelHash) : m_dim(dim), m_modelHash(std::move(modelHash))
{
    if (dim <= 0)
        throw Error("TokenStore: dimension must be positive");
}

std::uint32_t TokenStore::add(std::int64_t productId, const Digest& contentHash, const float* vectors, int rows)
{
    if (rows <= 0 || rows > kMaxRows)
        throw BadInputError("A product embedding must have 1 to " + std::to_string(kMaxRows) + " vectors (got "
                            + std::to_string(rows) + ")");
    if (m_items.size() >= std::numeric_limits<std::uint32_t>::max() / kMaxRows)
        throw Error("TokenStore: too many slots; compact the index");
    remove(productId);
    TokenItem item;
    item.productId = productId;
    item.firstRow = rowCount();
    item.rows = static_cast<std::uint32_t>(rows);
    item.contentHash = contentHash;
    m_data.insert(m_data.end(), vectors, vectors + static_cast<std::size_t>(rows) * m_dim);
    const auto slot = static_cast<std::uint32_t>(m_items.size());
    m_items.push_back(item);
    m_slotOf[productId] = slot;
    return slot;
}

bool TokenStore::remove(std::int64_t productId)
{
    const auto it = m_slotOf.find(productId);
    if (it == m_slotOf.end())
        return false;
    m_items[it->second].deleted = true;
    m_slotOf.erase(it);
    return true;
}

void TokenStore::reserve(std::size_t products, std::size_t rows)
{
    m_items.reserve(m_items.size() + products);
    m_data.reserve(m_data.size() + rows * static_cast<std::size_t>(m_dim));
    m_slotOf.reserve(m_slotOf.size() + products);
}

std::optional<std::uint32_t> TokenStore::slotOf(std::int64_t productId) const
{
    const auto it = m_slotOf.find(productId);
    if (it == m_slotOf.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::pair<std::int64_t, Digest>> TokenStore::liveItems() const
{
    std::vector<std::pair<std::int64_t, Digest>> out;
    out.reserve(m_slotOf.size());
    for (const auto& [pid, slot] : m_slotOf)
        out.emplace_back(pid, m_items[slot].contentHash);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

Digest TokenStore::fingerprint() const
{
    FingerprintBuilder fp;
    for (const auto& [pid, hash] : liveItems())
        fp.add(pid, hash);
    return fp.finish();
}

std::size_t TokenStore::memoryBytes() const
{
    return m_data.capacity() * sizeof(float) + m_items.capacity() * sizeof(TokenItem)
         + m_slotOf.size() * (sizeof(std::int64_t) + sizeof(std::uint32_t) + 2 * sizeof(void*))
         + m_slotOf.bucket_count() * sizeof(void*);
}

void TokenStore::save(const fs::path& file, const Digest& tag, const std::array<std::uint32_t, 4>& params) const
{
    IndexFileWriter w(file);
    w.writePod(static_cast<std::uint64_t>(rowCount()));
    std::vector<std::uint8_t> records;
    records.reserve(std::min<std::size_t>(m_items.size(), 65536) * kItemBytes);
    auto flush = [&] {
        w.write(records.data(), records.size());
        records.clear();
    };
    for (const TokenItem& item : m_items) {
        std::uint8_t rec[kItemBytes];
        const std::uint32_t flags = item.deleted ? kDeletedFlag : 0;
        std::memcpy(rec, &item.productId, 8);
        std::memcpy(rec + 8, &item.firstRow, 8);
        std::memcpy(rec + 16, &item.rows, 4);
        std::memcpy(rec + 20, &flags, 4);
        std::memcpy(rec + 24, item.contentHash.data(), 32);
        records.insert(records.end(), rec, rec + kItemBytes);
        if (records.size() >= 65536 * kItemBytes)
            flush();
    }
    flush();
    w.write(m_data.data(), m_data.size() * sizeof(float));
    IndexFileHeader header;
    header.magic = kMagic;
    header.formatVersion = kFormatVersion;
    header.dim = static_cast<std::uint32_t>(m_dim);
    header.count = live();
    header.total = slots();
    header.modelHash = m_modelHash;
    header.tag = tag;
    for (std::size_t i = 0; i < params.size(); ++i)
        header.params[i] = params[i];
    w.commit(header);
}

TokenStore::Opened TokenStore::open(const fs::path& file, const TokenStoreExpectation& expect, int verifyThreads)
{
    IndexFileReader reader(file, kMagic, kFormatVersion, verifyThreads);
    const IndexFileHeader& head = reader.header();
    auto mismatch = [&](const std::string& what) {
        throw IndexCorruptError("Index file '" + file.string() + "' does not match the catalog: " + what);
    };
    if (head.dim == 0 || head.dim > 65536)
        mismatch("implausible dimension " + std::to_string(head.dim));
    if (expect.dim && head.dim != static_cast<std::uint32_t>(*expect.dim))
        mismatch("dimension " + std::to_string(head.dim) + ", expected " + std::to_string(*expect.dim));
    if (expect.modelHash && head.modelHash != *expect.modelHash)
        mismatch("built with model " + head.modelHash.substr(0, 12) + ", the catalog uses " + expect.modelHash->substr(0, 12));
    if (expect.count && head.count != *expect.count)
        mismatch(std::to_string(head.count) + " products, the catalog has " + std::to_string(*expect.count));

    PayloadCursor in(reader.payload(), reader.payloadSize(), file);
    const auto rows = in.readPod<std::uint64_t>();
    if (head.total > in.remaining() / kItemBytes)
        in.fail("is truncated inside its item table");
    auto store = std::make_unique<TokenStore>(static_cast<int>(head.dim), head.modelHash);
    store->m_items.resize(head.total);
    store->m_slotOf.reserve(head.count);
    const std::uint8_t* table = in.take(head.total * kItemBytes);
    std::uint64_t nextRow = 0;
    for (std::size_t i = 0; i < head.total; ++i) {
        const std::uint8_t* rec = table + i * kItemBytes;
        TokenItem& item = store->m_items[i];
        std::uint32_t flags = 0;
        std::memcpy(&item.productId, rec, 8);
        std::memcpy(&item.firstRow, rec + 8, 8);
        std::memcpy(&item.rows, rec + 16, 4);
        std::memcpy(&flags, rec + 20, 4);
        std::memcpy(item.contentHash.data(), rec + 24, 32);
        item.deleted = (flags & kDeletedFlag) != 0;
        // Rows are laid out in slot order without gaps; anything else is damage.
        if (item.firstRow != nextRow || item.rows == 0 || item.rows > static_cast<std::uint32_t>(kMaxRows)
            || (flags & ~kDeletedFlag) != 0)
            in.fail("has a damaged item table (slot " + std::to_string(i) + ")");
        nextRow += item.rows;
        if (!item.deleted && !store->m_slotOf.emplace(item.productId, static_cast<std::uint32_t>(i)).second)
            in.fail("lists product " + std::to_string(item.productId) + " twice");
    }
    if (nextRow != rows || store->m_slotOf.size() != head.count)
        in.fail("has an item table that does not add up");
    const std::size_t floats = static_cast<std::size_t>(rows) * head.dim;
    if (in.remaining() != floats * sizeof(float))
        in.fail("has a vector block of the wrong size");
    store->m_data.resize(floats);
    std::memcpy(store->m_data.data(), in.take(floats * sizeof(float)), floats * sizeof(float));

    if (expect.fingerprint && store->fingerprint() != *expect.fingerprint)
        mismatch("it holds other product versions than the stored embeddings (fingerprint mismatch)");
    Opened out;
    out.store = std::move(store);
    out.tag = head.tag;
    for (std::size_t i = 0; i < out.params.size(); ++i)
        out.params[i] = head.params[i];
    return out;
}

} // namespace uf::search
