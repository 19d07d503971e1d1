// Internal to demo/: a small portable random generator (splitmix64 seeding, xoshiro256**) with
// its own uniform/normal helpers. std:: distributions differ between standard libraries, and the
// demo catalogs must be byte-identical for a seed wherever they are built.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace uf::demo::detail {

inline std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Derives an independent stream seed from a parent seed and a label (item index, purpose).
inline std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t label)
{
    std::uint64_t s = seed ^ (label * 0xD1B54A32D192ED03ull);
    splitmix64(s);
    return splitmix64(s);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed)
    {
        std::uint64_t s = seed;
        for (auto& word : m_s)
            word = splitmix64(s);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // [0, n) for n > 0 (multiply-shift; the bias is below 2^-32 for the small n used here).
    int below(int n) { return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32); }
    int range(int lo, int hi) { return lo + below(hi - lo + 1); } // inclusive
    bool chance(double p) { return uniform() < p; }
    // Standard normal by Box-Muller (one value per call; simple beats fast here).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    template <class T>
    const T& pick(const std::vector<T>& items)
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace uf::demo::detail
