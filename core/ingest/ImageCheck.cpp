#include "ingest/ImageCheck.h"

#include "common/Files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace uf::ingest {

namespace {

std::string quoted(std::string_view written) { return "image '" + std::string(written) + "'"; }

bool hasPrefixCI(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i])
            return false;
    return true;
}

std::string rootList(const std::vector<fs::path>& roots)
{
    std::string out;
    for (const auto& r : roots)
        out += (out.empty() ? "" : ", ") + r.string();
    return out;
}

// Reads the whole file behind an open descriptor.
std::vector<std::uint8_t> readAll(int fd, std::size_t size)
{
    std::vector<std::uint8_t> bytes(size);
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd, bytes.data() + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return bytes;
}

struct FdCloser {
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

const char* problemCode(ImageProblem problem)
{
    switch (problem) {
    case ImageProblem::OutsideRoots: return "path_escape";
    case ImageProblem::Unsupported: return "unsupported";
    case ImageProblem::Missing: return "missing_file";
    case ImageProblem::Unreadable: return "unreadable";
    case ImageProblem::Empty: return "empty_file";
    case ImageProblem::NotImage: return "not_image";
    case ImageProblem::TooLarge: return "too_large";
    case ImageProblem::Truncated: return "truncated";
    case ImageProblem::Corrupt: return "corrupt_image";
    }
    return "image";
}

std::vector<fs::path> canonicalRoots(const std::vector<fs::path>& folders)
{
    std::vector<fs::path> out;
    for (const auto& f : folders) {
        std::error_code ec;
        fs::path c = fs::canonical(f, ec);
        if (ec || !fs::is_directory(c, ec))
            throw BadInputError("The allowed image folder '" + f.string() + "' does not exist or is not a folder");
        if (std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(std::move(c));
    }
    return out;
}

fs::path resolveImagePath(std::string_view written, const fs::path& baseDir)
{
    std::string s(written);
    if (hasPrefixCI(s, "file://"))
        s.erase(0, 7);
    // Paths typed on Windows (images\a.png) name the same file here.
    if (s.find('\\') != std::string::npos && s.find('/') == std::string::npos)
        std::replace(s.begin(), s.end(), '\\', '/');
    fs::path p(s);
    if (p.is_relative())
        p = baseDir / p;
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? fs::absolute(p).lexically_normal() : c;
}

bool isUnderRoots(const fs::path& canonical, const std::vector<fs::path>& roots)
{
    for (const auto& root : roots) {
        const fs::path rel = canonical.lexically_relative(root);
        if (!rel.empty() && *rel.begin() != "..")
            return true;
    }
    return false;
}

imaging::ImageHeader probeHeader(std::span<const std::uint8_t> b)
{
    imaging::ImageHeader h = imaging::sniffHeader(b);
    if (h.format != imaging::ImageFormat::Webp || b.size() < 30)
        return h;
    const std::uint8_t* p = b.data();
    auto le16 = [](const std::uint8_t* q) { return q[0] | (q[1] << 8); };
    auto le24 = [](const std::uint8_t* q) { return q[0] | (q[1] << 8) | (q[2] << 16); };
    if (std::memcmp(p + 12, "VP8 ", 4) == 0) {
        h.width = le16(p + 26) & 0x3fff;
        h.height = le16(p + 28) & 0x3fff;
    } else if (std::memcmp(p + 12, "VP8L", 4) == 0 && p[20] == 0x2f) {
        const std::uint32_t bits = p[21] | (p[22] << 8) | (p[23] << 16) | (std::uint32_t(p[24]) << 24);
        h.width = static_cast<int>((bits & 0x3fff) + 1);
        h.height = static_cast<int>(((bits >> 14) & 0x3fff) + 1);
    } else if (std::memcmp(p + 12, "VP8X", 4) == 0) {
        h.width = le24(p + 24) + 1;
        h.height = le24(p + 27) + 1;
    }
    return h;
}

CheckedImage checkImage(std::string_view written, const fs::path& baseDir, const ImageCheckOptions& options)
{
    const std::string what = quoted(written);
    if (hasPrefixCI(written, "http://") || hasPrefixCI(written, "https://") || hasPrefixCI(written, "ftp://"))
        throw ImageCheckError(ImageProblem::Unsupported,
                              what + ": web addresses are not fetched; download the image and give its file path");

    CheckedImage out;
    out.path = resolveImagePath(written, baseDir);
    if (!options.allowedRoots.empty() && !isUnderRoots(out.path, options.allowedRoots))
        throw ImageCheckError(ImageProblem::OutsideRoots,
                              what + " lies outside the allowed folders (it resolves to " + out.path.string()
                                  + "; allowed: " + rootList(options.allowedRoots)
                                  + "); move it next to the import file or allow its folder with --allow-root");

    // The canonical path has no symlinks left, so what we open is what we checked.
    const int fd = ::open(out.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            throw ImageCheckError(ImageProblem::Missing, what + " not found (looked for " + out.path.string() + ")");
        throw ImageCheckError(ImageProblem::Unreadable,
                              what + " cannot be read (" + out.path.string() + ": " + std::strerror(err) + ")");
    }
    FdCloser closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw ImageCheckError(ImageProblem::Unreadable, what + " is not a regular file (" + out.path.string() + ")");
    if (st.st_size == 0)
        throw ImageCheckError(ImageProblem::Empty, what + " is an empty file (0 bytes)");
    if (st.st_size > options.maxFileBytes)
        throw ImageCheckError(ImageProblem::TooLarge, what + " is too large a file (" + std::to_string(st.st_size)
                                                          + " bytes; the limit is "
                                                          + std::to_string(options.maxFileBytes) + ")");
    out.bytes = readAll(fd, static_cast<std::size_t>(st.st_size));
    if (out.bytes.empty())
        throw ImageCheckError(ImageProblem::Unreadable, what + " could not be read (" + out.path.string() + ")");

    const imaging::ImageHeader h = probeHeader(out.bytes);
    out.format = h.format;
    if (h.format == imaging::ImageFormat::Unknown)
        throw ImageCheckError(ImageProblem::NotImage,
                              what + " is not an image (its content is not PNG, JPEG, BMP, WebP or TIFF)");
    if (h.format == imaging::ImageFormat::Gif)
        throw ImageCheckError(ImageProblem::Unsupported, what + " is a GIF, which is not supported; convert it to PNG");
    // Decompression bombs: refuse on the header's word, before a single pixel is allocated.
    const auto& lim = options.limits;
    if (h.width > lim.maxSide || h.height > lim.maxSide || std::int64_t(h.width) * h.height > lim.maxPixels)
        throw ImageCheckError(ImageProblem::TooLarge,
                              what + " is too large: its header says " + std::to_string(h.width) + "x"
                                  + std::to_string(h.height) + " pixels (the limit is "
                                  + std::to_string(lim.maxPixels / 1'000'000) + " megapixels and "
                                  + std::to_string(lim.maxSide) + " pixels a side); it was not decoded");
    // Decoders fill a cut-off tail with grey and report success, so completeness is checked by hand.
    const auto& b = out.bytes;
    if (h.format == imaging::ImageFormat::Png) {
        static const std::uint8_t iend[] = {'I', 'E', 'N', 'D'};
        if (b.size() < 12 || !std::equal(iend, iend + 4, b.end() - 8))
            throw ImageCheckError(ImageProblem::Truncated,
                                  what + " is truncated: the PNG file ends before its last chunk (an interrupted copy?)");
    } else if (h.format == imaging::ImageFormat::Jpeg) {
        std::size_t end = b.size();
        while (end > 2 && b[end - 1] == 0)
            --end;
        if (!(end >= 2 && b[end - 2] == 0xFF && b[end - 1] == 0xD9))
            throw ImageCheckError(ImageProblem::Truncated,
                                  what + " is truncated: the JPEG file ends before its end marker (an interrupted copy?)");
    }
    out.width = h.width;
    out.height = h.height;
    if (options.decodePixels) {
        try {
            out.pixels = imaging::decode(b, what, lim);
        } catch (const BadInputError& e) {
            throw ImageCheckError(ImageProblem::Corrupt, std::string(e.what()));
        }
        out.width = out.pixels.width;
        out.height = out.pixels.height;
    }
    out.sha256 = sha256Hex(std::span<const std::uint8_t>(out.bytes));
    return out;
}

} // namespace uf::ingest
