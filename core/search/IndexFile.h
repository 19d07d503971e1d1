// The container every search index file uses: a fixed 256-byte header (magic, format version,
// dimension, metric, counts, model pack hash, a tag binding the files of one save, the payload's
// digest, and the header's own digest) followed by the payload. Written front to back into a
// temporary file beside the target, fsynced and renamed (the same discipline as
// uf::writeFileAtomic, streamed so that a gigabyte payload is never copied in memory); read
// through mmap and verified completely before anyone trusts a byte of it.
#pragma once

#include "search/Checksum.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace uf::search {

namespace fs = std::filesystem;

enum class Metric : std::uint32_t { InnerProduct = 1 };

struct IndexFileHeader {
    static constexpr std::size_t kSize = 256;
    std::string magic;             // 8 bytes, says which kind of file this is
    std::uint32_t formatVersion = 0;
    std::uint32_t dim = 0;
    Metric metric = Metric::InnerProduct;
    std::uint64_t count = 0;       // live entries
    std::uint64_t total = 0;       // stored entries, deleted ones included
    std::uint64_t payloadSize = 0; // filled by the writer
    Digest payloadDigest{};        // filled by the writer (treeDigest)
    std::string modelHash;         // at most 64 characters
    Digest tag{};                  // same value in files that belong together
    std::array<std::uint32_t, 8> params{}; // meaning depends on the file kind
};

class IndexFileWriter {
public:
    explicit IndexFileWriter(fs::path target);
    ~IndexFileWriter(); // removes the temporary file unless commit() succeeded
    IndexFileWriter(const IndexFileWriter&) = delete;
    IndexFileWriter& operator=(const IndexFileWriter&) = delete;

    void write(const void* data, std::size_t size);
    template <typename T>
    void writePod(const T& value) { write(&value, sizeof(T)); }

    // Completes the header (payload size and digest), writes it, fsyncs, renames over the target
    // and fsyncs the folder. Throws StorageError.
    void commit(IndexFileHeader header);

private:
    void flushBuffer();
    fs::path m_target;
    fs::path m_tmp;
    int m_fd = -1;
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_written = 0;
    TreeDigestStream m_digest;
    bool m_committed = false;
};

// Maps a file and verifies it; every failure is an IndexCorruptError saying what is wrong with
// which file (missing, truncated, foreign, newer format, damaged header, damaged payload).
class IndexFileReader {
public:
    IndexFileReader(const fs::path& path, std::string_view magic, std::uint32_t formatVersion, int verifyThreads = 2);
    ~IndexFileReader();
    IndexFileReader(const IndexFileReader&) = delete;
    IndexFileReader& operator=(const IndexFileReader&) = delete;

    const IndexFileHeader& header() const { return m_header; }
    const std::uint8_t* payload() const { return m_data + IndexFileHeader::kSize; }
    std::size_t payloadSize() const { return static_cast<std::size_t>(m_header.payloadSize); }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
    IndexFileHeader m_header;
    const std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

// Reads and checks only the header (cheap; used to report what an index holds).
IndexFileHeader readIndexFileHeader(const fs::path& path, std::string_view magic);

// Bounds-checked reading of a payload; running past the end throws IndexCorruptError.
class PayloadCursor {
public:
    PayloadCursor(const std::uint8_t* data, std::size_t size, const fs::path& path)
        : m_data(data), m_size(size), m_path(path) {}
    const std::uint8_t* take(std::size_t bytes);
    template <typename T>
    T readPod()
    {
        T value;
        std::memcpy(&value, take(sizeof(T)), sizeof(T));
        return value;
    }
    std::size_t remaining() const { return m_size - m_pos; }
    [[noreturn]] void fail(const std::string& what) const;

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
    const fs::path& m_path;
};

} // namespace uf::search

