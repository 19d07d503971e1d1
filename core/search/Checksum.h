// Checksums for index files. Index files run to hundreds of megabytes and must be verified on
// every open (target: open ≤ 1 s at 100k products), which the portable uf::Sha256 (~260 MB/s)
// cannot do; this SHA-256 uses the CPU's SHA extensions when present (several GB/s) and gives
// exactly the same digests. Large payloads are hashed as a two-level tree (16 MiB chunks) so that
// verification can use every core.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace uf::search {

using Digest = std::array<std::uint8_t, 32>;

// Incremental SHA-256 (FIPS 180-4). Identical output to uf::Sha256; faster where the CPU has SHA-NI.
class Sha256Stream {
public:
    Sha256Stream();
    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    Digest finish(); // the object must not be updated afterwards

private:
    std::uint32_t m_state[8];
    std::uint8_t m_buffer[64];
    std::uint64_t m_length = 0;
    std::size_t m_fill = 0;
};

Digest sha256(const void* data, std::size_t size);
std::string toHex(const Digest& d);
// Parses 64 hex digits; false when the text is not a SHA-256 hex digest.
bool fromHex(std::string_view hex, Digest& out);
// True when the running CPU's SHA extensions are used.
bool hardwareSha256();

// Chunk size of the two-level payload digest.
inline constexpr std::size_t kDigestChunk = std::size_t(16) << 20;

// Digest of a payload: SHA-256 over the SHA-256 digests of consecutive kDigestChunk-byte chunks
// (the last may be shorter; an empty payload hashes no chunk). Chunks are hashed on `threads`
// threads. Any changed, missing or extra byte changes the result.
Digest treeDigest(const std::uint8_t* data, std::size_t size, int threads = 2);

// The same digest computed while a payload is written front to back.
class TreeDigestStream {
public:
    void update(const void* data, std::size_t size);
    Digest finish();

private:
    Sha256Stream m_top;
    Sha256Stream m_chunk;
    std::size_t m_chunkFill = 0;
};

} // namespace uf::search
