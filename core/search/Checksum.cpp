// SHA-256 with a runtime switch to the x86 SHA extensions (the compression function below follows
// Intel's published SHA-NI round structure); the portable path is the plain FIPS 180-4 loop.
#include "search/Checksum.h"

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define UF_SEARCH_X86 1
#endif

namespace uf::search {

namespace {

alignas(64) const std::uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

inline std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compressPortable(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks)
{
    for (; blocks > 0; --blocks, data += 64) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t(data[4 * i]) << 24) | (std::uint32_t(data[4 * i + 1]) << 16)
                 | (std::uint32_t(data[4 * i + 2]) << 8) | std::uint32_t(data[4 * i + 3]);
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#ifdef UF_SEARCH_X86
__attribute__((target("sha,sse4.1,ssse3"))) void compressShaNi(std::uint32_t state[8], const std::uint8_t* data,
                                                               std::size_t blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The SHA instructions keep the state as ABEF / CDGH.
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0])), 0xB1); // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4])), 0x1B); // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abefSave = state0;
        const __m128i cdghSave = state1;
        __m128i w[4];
        for (int i = 0; i < 4; ++i)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byteSwap);
        // 16 groups of four rounds; the message schedule for group g+1 is finished during group g.
        for (int g = 0; g < 16; ++g) {
            __m128i msg = _mm_add_epi32(w[g & 3], _mm_load_si128(reinterpret_cast<const __m128i*>(&kK[4 * g])));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            if (g >= 3 && g <= 14) {
                __m128i& next = w[(g + 1) & 3];
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[g & 3], w[(g - 1) & 3], 4));
                next = _mm_sha256msg2_epu32(next, w[g & 3]);
            }
            msg = _mm_shuffle_epi32(msg, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
            if (g >= 1 && g <= 12)
                w[(g - 1) & 3] = _mm_sha256msg1_epu32(w[(g - 1) & 3], w[g & 3]);
        }
        state0 = _mm_add_epi32(state0, abefSave);
        state1 = _mm_add_epi32(state1, cdghSave);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);       // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);    // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0); // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);    // ABEF -> HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

bool detectShaNi()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = (ebx >> 29) & 1u;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sse41 = (ecx >> 19) & 1u;
    const bool ssse3 = (ecx >> 9) & 1u;
    return sha && sse41 && ssse3;
}
#endif

using CompressFn = void (*)(std::uint32_t*, const std::uint8_t*, std::size_t);

CompressFn pickCompress()
{
#ifdef UF_SEARCH_X86
    if (detectShaNi())
        return compressShaNi;
#endif
    return compressPortable;
}

const CompressFn kCompress = pickCompress();

} // namespace

bool hardwareSha256() { return kCompress != compressPortable; }

Sha256Stream::Sha256Stream()
{
    static const std::uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::memcpy(m_state, init, sizeof m_state);
}

void Sha256Stream::update(const void* data, std::size_t size)
{
    const auto* p = static_cast<const std::uint8_t*>(data);
    m_length += size;
    if (m_fill > 0) {
        const std::size_t take = std::min(size, 64 - m_fill);
        std::memcpy(m_buffer + m_fill, p, take);
        m_fill += take;
        p += take;
        size -= take;
        if (m_fill < 64)
            return;
        kCompress(m_state, m_buffer, 1);
        m_fill = 0;
    }
    if (size >= 64) {
        const std::size_t blocks = size / 64;
        kCompress(m_state, p, blocks);
        p += blocks * 64;
        size -= blocks * 64;
    }
    if (size > 0) {
        std::memcpy(m_buffer, p, size);
        m_fill = size;
    }
}

Digest Sha256Stream::finish()
{
    const std::uint64_t bits = m_length * 8;
    std::uint8_t pad[72] = {0x80};
    const std::size_t padLen = (m_fill < 56) ? 56 - m_fill : 120 - m_fill;
    std::uint8_t lengthBytes[8];
    for (int i = 0; i < 8; ++i)
        lengthBytes[i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    const std::uint64_t keep = m_length;
    update(pad, padLen);
    update(lengthBytes, 8);
    m_length = keep;
    Digest out;
    for (int i = 0; i < 8; ++i) {
        out[4 * i] = static_cast<std::uint8_t>(m_state[i] >> 24);
        out[4 * i + 1] = static_cast<std::uint8_t>(m_state[i] >> 16);
        out[4 * i + 2] = static_cast<std::uint8_t>(m_state[i] >> 8);
        out[4 * i + 3] = static_cast<std::uint8_t>(m_state[i]);
    }
    return out;
}

Digest sha256(const void* data, std::size_t size)
{
    Sha256Stream s;
    s.update(data, size);
    return s.finish();
}

std::string toHex(const Digest& d)
{
    static const char* digits = "0123456789abcdef";
    std::string out(64, '0');
    for (std::size_t i = 0; i < d.size(); ++i) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    return out;
}

bool fromHex(std::string_view hex, Digest& out)
{
    if (hex.size() != 64)
        return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < 32; ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return true;
}

Digest treeDigest(const std::uint8_t* data, std::size_t size, int threads)
{
    const std::size_t chunks = (size + kDigestChunk - 1) / kDigestChunk;
    std::vector<Digest> digests(chunks);
    auto work = [&](std::size_t first, std::size_t step) {
        for (std::size_t c = first; c < chunks; c += step) {
            const std::size_t begin = c * kDigestChunk;
            digests[c] = sha256(data + begin, std::min(kDigestChunk, size - begin));
        }
    };
    const std::size_t workers = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(chunks, 1));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t)
        pool.emplace_back(work, t, workers);
    work(0, workers);
    for (auto& th : pool)
        th.join();
    Sha256Stream top;
    for (const auto& d : digests)
        top.update(d.data(), d.size());
    return top.finish();
}

void TreeDigestStream::update(const void* data, std::size_t size)
{
    const auto* p = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const std::size_t take = std::min(size, kDigestChunk - m_chunkFill);
        m_chunk.update(p, take);
        m_chunkFill += take;
        p += take;
        size -= take;
        if (m_chunkFill == kDigestChunk) {
            const Digest d = m_chunk.finish();
            m_top.update(d.data(), d.size());
            m_chunk = Sha256Stream();
            m_chunkFill = 0;
        }
    }
}

Digest TreeDigestStream::finish()
{
    if (m_chunkFill > 0) {
        const Digest d = m_chunk.finish();
        m_top.update(d.data(), d.size());
        m_chunkFill = 0;
    }
    return m_top.finish();
}

} // namespace uf::search
