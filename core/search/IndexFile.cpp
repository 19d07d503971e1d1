#include "search/IndexFile.h"

#include "common/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <random>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace uf::search {

namespace {

constexpr std::size_t kWriteBuffer = std::size_t(4) << 20;
constexpr std::size_t kHeaderDigestOffset = IndexFileHeader::kSize - 32;

template <typename T>
void putLe(std::uint8_t* at, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        at[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(value) >> (8 * i));
}

template <typename T>
T getLe(const std::uint8_t* at)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        v |= std::uint64_t(at[i]) << (8 * i);
    return static_cast<T>(v);
}

std::array<std::uint8_t, IndexFileHeader::kSize> encodeHeader(const IndexFileHeader& h)
{
    std::array<std::uint8_t, IndexFileHeader::kSize> b{};
    std::memcpy(b.data(), h.magic.data(), std::min<std::size_t>(8, h.magic.size()));
    putLe<std::uint32_t>(&b[8], IndexFileHeader::kSize);
    putLe<std::uint32_t>(&b[12], h.formatVersion);
    putLe<std::uint32_t>(&b[16], h.dim);
    putLe<std::uint32_t>(&b[20], static_cast<std::uint32_t>(h.metric));
    putLe<std::uint64_t>(&b[24], h.count);
    putLe<std::uint64_t>(&b[32], h.total);
    putLe<std::uint64_t>(&b[40], h.payloadSize);
    std::memcpy(&b[48], h.payloadDigest.data(), 32);
    std::memcpy(&b[80], h.modelHash.data(), std::min<std::size_t>(64, h.modelHash.size()));
    std::memcpy(&b[144], h.tag.data(), 32);
    for (std::size_t i = 0; i < h.params.size(); ++i)
        putLe<std::uint32_t>(&b[176 + 4 * i], h.params[i]);
    const Digest self = sha256(b.data(), kHeaderDigestOffset);
    std::memcpy(&b[kHeaderDigestOffset], self.data(), 32);
    return b;
}

[[noreturn]] void corrupt(const fs::path& path, const std::string& what)
{
    throw IndexCorruptError("Index file '" + path.string() + "' " + what);
}

IndexFileHeader decodeHeader(const std::uint8_t* b, std::size_t fileSize, const fs::path& path, std::string_view magic)
{
    if (fileSize < IndexFileHeader::kSize)
        corrupt(path, "is truncated (" + std::to_string(fileSize) + " bytes, shorter than its header)");
    if (std::memcmp(b, magic.data(), magic.size()) != 0)
        corrupt(path, "is not a UniFashion index file of the expected kind (wrong magic)");
    const Digest self = sha256(b, kHeaderDigestOffset);
    if (std::memcmp(self.data(), b + kHeaderDigestOffset, 32) != 0)
        corrupt(path, "has a damaged header (header checksum mismatch)");
    if (getLe<std::uint32_t>(b + 8) != IndexFileHeader::kSize)
        corrupt(path, "has an unknown header size");
    IndexFileHeader h;
    h.magic.assign(reinterpret_cast<const char*>(b), 8);
    h.formatVersion = getLe<std::uint32_t>(b + 12);
    h.dim = getLe<std::uint32_t>(b + 16);
    h.metric = static_cast<Metric>(getLe<std::uint32_t>(b + 20));
    h.count = getLe<std::uint64_t>(b + 24);
    h.total = getLe<std::uint64_t>(b + 32);
    h.payloadSize = getLe<std::uint64_t>(b + 40);
    std::memcpy(h.payloadDigest.data(), b + 48, 32);
    const char* model = reinterpret_cast<const char*>(b + 80);
    h.modelHash.assign(model, strnlen(model, 64));
    std::memcpy(h.tag.data(), b + 144, 32);
    for (std::size_t i = 0; i < h.params.size(); ++i)
        h.params[i] = getLe<std::uint32_t>(b + 176 + 4 * i);
    return h;
}

void fsyncFolder(const fs::path& folder)
{
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

[[noreturn]] void storageFailure(const std::string& what, const fs::path& path)
{
    throw StorageError(what + " '" + path.string() + "': " + std::strerror(errno));
}

} // namespace

// ---------------------------------------------------------------------------------------------

IndexFileWriter::IndexFileWriter(fs::path target) : m_target(std::move(target))
{
    const fs::path folder = m_target.parent_path();
    if (!folder.empty())
        fs::create_directories(folder);
    std::random_device rd;
    m_tmp = m_target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        storageFailure("Cannot create", m_tmp);
    m_buffer.reserve(kWriteBuffer);
    // Room for the header, written last once the payload digest is known.
    m_buffer.resize(IndexFileHeader::kSize, 0);
}

IndexFileWriter::~IndexFileWriter()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed)
        ::unlink(m_tmp.c_str());
}

void IndexFileWriter::flushBuffer()
{
    std::size_t done = 0;
    while (done < m_buffer.size()) {
        const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            storageFailure("Cannot write", m_tmp);
        }
        done += static_cast<std::size_t>(n);
    }
    m_buffer.clear();
}

void IndexFileWriter::write(const void* data, std::size_t size)
{
    const auto* p = static_cast<const std::uint8_t*>(data);
    m_digest.update(p, size);
    m_written += size;
    if (m_buffer.size() + size > kWriteBuffer) {
        flushBuffer();
        if (size >= kWriteBuffer) {
            m_buffer.assign(p, p + size); // large blocks go straight through
            flushBuffer();
            return;
        }
    }
    m_buffer.insert(m_buffer.end(), p, p + size);
}

void IndexFileWriter::commit(IndexFileHeader header)
{
    flushBuffer();
    header.payloadSize = m_written;
    header.payloadDigest = m_digest.finish();
    const auto bytes = encodeHeader(header);
    if (::pwrite(m_fd, bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size()))
        storageFailure("Cannot write the header of", m_tmp);
    if (::fsync(m_fd) != 0)
        storageFailure("Cannot flush", m_tmp);
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_tmp.c_str(), m_target.c_str()) != 0)
        storageFailure("Cannot replace", m_target);
    m_committed = true;
    fsyncFolder(m_target.parent_path());
}

// ---------------------------------------------------------------------------------------------

IndexFileReader::IndexFileReader(const fs::path& path, std::string_view magic, std::uint32_t formatVersion,
                                 int verifyThreads)
    : m_path(path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        corrupt(path, std::string("cannot be opened: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        corrupt(path, "cannot be read");
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size < IndexFileHeader::kSize) {
        ::close(fd);
        corrupt(path, "is truncated (" + std::to_string(m_size) + " bytes, shorter than its header)");
    }
    void* map = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        corrupt(path, std::string("cannot be mapped: ") + std::strerror(errno));
    m_data = static_cast<const std::uint8_t*>(map);
    ::madvise(map, m_size, MADV_SEQUENTIAL);
    try {
        m_header = decodeHeader(m_data, m_size, path, magic);
        if (m_header.formatVersion > formatVersion)
            corrupt(path, "was written by a newer UniFashion Studio (format " + std::to_string(m_header.formatVersion)
                              + ", this version reads " + std::to_string(formatVersion) + ")");
        if (m_header.formatVersion != formatVersion)
            corrupt(path, "has an old format (" + std::to_string(m_header.formatVersion) + ")");
        if (m_header.metric != Metric::InnerProduct)
            corrupt(path, "uses an unknown metric");
        const std::uint64_t expected = IndexFileHeader::kSize + m_header.payloadSize;
        if (m_size < expected)
            corrupt(path, "is truncated (" + std::to_string(m_size) + " of " + std::to_string(expected) + " bytes)");
        if (m_size > expected)
            corrupt(path, "has " + std::to_string(m_size - expected) + " unexpected bytes after its payload");
        const Digest d = treeDigest(payload(), payloadSize(), verifyThreads);
        if (d != m_header.payloadDigest)
            corrupt(path, "is damaged (payload checksum mismatch)");
    } catch (...) {
        ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
        m_data = nullptr;
        throw;
    }
}

IndexFileReader::~IndexFileReader()
{
    if (m_data)
        ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
}

IndexFileHeader readIndexFileHeader(const fs::path& path, std::string_view magic)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        corrupt(path, std::string("cannot be opened: ") + std::strerror(errno));
    std::uint8_t b[IndexFileHeader::kSize];
    const ssize_t n = ::pread(fd, b, sizeof b, 0);
    ::close(fd);
    return decodeHeader(b, n < 0 ? 0 : static_cast<std::size_t>(n), path, magic);
}

const std::uint8_t* PayloadCursor::take(std::size_t bytes)
{
    if (bytes > m_size - m_pos)
        fail("ends early (payload shorter than its structure says)");
    const std::uint8_t* p = m_data + m_pos;
    m_pos += bytes;
    return p;
}

void PayloadCursor::fail(const std::string& what) const { corrupt(m_path, what); }

} // namespace uf::search
