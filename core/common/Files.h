// File helpers shared by every folder: crash-safe writes (temporary file, fsync, rename, fsync of
// the folder), whole-file reads, and SHA-256 content hashes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace uf {

namespace fs = std::filesystem;

// Writes data to path so that after a crash path holds either the old or the new content.
void writeFileAtomic(const fs::path& path, std::span<const std::uint8_t> data);
void writeFileAtomic(const fs::path& path, std::string_view data);

// Reads a whole file; throws StorageError naming the file.
std::vector<std::uint8_t> readFileBytes(const fs::path& path);
std::string readFileText(const fs::path& path);

// Lower-case hex SHA-256.
std::string sha256Hex(std::span<const std::uint8_t> data);
std::string sha256Hex(std::string_view data);
std::string sha256File(const fs::path& path);

// Incremental SHA-256 for streams and hash chains.
class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    std::string hexDigest(); // finalises; the object must not be updated afterwards

private:
    void compress(const std::uint8_t* block);
    std::uint32_t m_state[8];
    std::uint8_t m_buffer[64];
    std::uint64_t m_length = 0;
    std::size_t m_fill = 0;
};

} // namespace uf
