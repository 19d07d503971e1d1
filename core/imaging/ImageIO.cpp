#include "imaging/ImageIO.h"

#include "common/Error.h"
#include "common/Files.h"

#include "imaging/Codec.h"

#include <algorithm>

namespace uf::imaging {

namespace {

std::uint32_t be32(const std::uint8_t* p) { return (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::int32_t le32(const std::uint8_t* p) { return static_cast<std::int32_t>(p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24)); }

} // namespace

ImageHeader sniffHeader(std::span<const std::uint8_t> b)
{
    ImageHeader h;
    const std::size_t n = b.size();
    const std::uint8_t* p = b.data();
    if (n >= 24 && p[0] == 0x89 && p[1] == 'P' && p[2] == 'N' && p[3] == 'G') {
        h.format = ImageFormat::Png;
        h.width = static_cast<int>(be32(p + 16));
        h.height = static_cast<int>(be32(p + 20));
    } else if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        h.format = ImageFormat::Jpeg;
        std::size_t i = 2;
        while (i + 9 < n) {
            if (p[i] != 0xFF) {
                ++i;
                continue;
            }
            const std::uint8_t marker = p[i + 1];
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF) {
                ++i;
                continue;
            }
            const std::uint16_t len = be16(p + i + 2);
            if ((marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                h.height = be16(p + i + 5);
                h.width = be16(p + i + 7);
                break;
            }
            i += 2 + len;
        }
    } else if (n >= 26 && p[0] == 'B' && p[1] == 'M') {
        h.format = ImageFormat::Bmp;
        h.width = std::abs(le32(p + 18));
        h.height = std::abs(le32(p + 22));
    } else if (n >= 10 && p[0] == 'G' && p[1] == 'I' && p[2] == 'F') {
        h.format = ImageFormat::Gif;
        h.width = le16(p + 6);
        h.height = le16(p + 8);
    } else if (n >= 12 && p[0] == 'R' && p[1] == 'I' && p[2] == 'F' && p[3] == 'F' && p[8] == 'W' && p[9] == 'E') {
        h.format = ImageFormat::Webp;
    } else if (n >= 4 && ((p[0] == 'I' && p[1] == 'I' && p[2] == 42) || (p[0] == 'M' && p[1] == 'M' && p[3] == 42))) {
        h.format = ImageFormat::Tiff;
    }
    return h;
}

const char* formatExtension(ImageFormat f)
{
    switch (f) {
    case ImageFormat::Png: return ".png";
    case ImageFormat::Jpeg: return ".jpg";
    case ImageFormat::Bmp: return ".bmp";
    case ImageFormat::Webp: return ".webp";
    case ImageFormat::Gif: return ".gif";
    case ImageFormat::Tiff: return ".tif";
    case ImageFormat::Unknown: break;
    }
    return "";
}

Image decode(std::span<const std::uint8_t> bytes, const std::string& what, const DecodeLimits& limits)
{
    if (bytes.empty())
        throw BadInputError(what + ": the file is empty (0 bytes)");
    const ImageHeader h = sniffHeader(bytes);
    if (h.format == ImageFormat::Unknown)
        throw BadInputError(what + ": not an image (unrecognised file format; use PNG, JPEG, BMP, WebP or TIFF)");
    if (h.format == ImageFormat::Gif)
        throw BadInputError(what + ": GIF images are not supported; convert it to PNG");
    if (h.width > limits.maxSide || h.height > limits.maxSide
        || static_cast<std::int64_t>(h.width) * h.height > limits.maxPixels)
        throw BadInputError(what + ": image too large (" + std::to_string(h.width) + "x" + std::to_string(h.height)
                            + " pixels; the limit is " + std::to_string(limits.maxPixels / 1'000'000) + " megapixels)");
    Image decoded;
    if (!codec::decode(bytes, decoded))
        throw BadInputError(what + ": truncated or corrupt image (it could not be decoded)");
    if (static_cast<std::int64_t>(decoded.width) * decoded.height > limits.maxPixels)
        throw BadInputError(what + ": image too large");
    // libpng/libjpeg fill a truncated tail with grey and still succeed; a PNG must end in IEND.
    if (h.format == ImageFormat::Png) {
        static const std::uint8_t iend[] = {'I', 'E', 'N', 'D'};
        const bool complete = bytes.size() >= 12 && std::equal(iend, iend + 4, bytes.end() - 8);
        if (!complete)
            throw BadInputError(what + ": truncated image (the PNG file ends before its last chunk)");
    } else if (h.format == ImageFormat::Jpeg) {
        std::size_t end = bytes.size();
        while (end > 2 && bytes[end - 1] == 0) // some writers pad with zeros
            --end;
        if (!(end >= 2 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9))
            throw BadInputError(what + ": truncated image (the JPEG file ends before its end marker)");
    }
    return decoded;
}

Image loadFile(const std::filesystem::path& path, const DecodeLimits& limits)
{
    std::vector<std::uint8_t> bytes;
    try {
        bytes = readFileBytes(path);
    } catch (const StorageError&) {
        throw BadInputError(path.string() + ": the image file is missing or unreadable");
    }
    return decode(bytes, path.string(), limits);
}

std::vector<std::uint8_t> encodePng(const Image& image)
{
    return codec::encodePng(image);
}

std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality)
{
    return codec::encodeJpeg(image, quality);
}

void savePng(const Image& image, const std::filesystem::path& path)
{
    writeFileAtomic(path, encodePng(image));
}

Image resize(const Image& image, int width, int height)
{
    if (image.width == width && image.height == height)
        return image;
    Image out;
    out.width = width;
    out.height = height;
    codec::resize(image, out);
    return out;
}

Image letterbox(const Image& image, int side, std::uint8_t background)
{
    const double scale = double(side) / std::max(image.width, image.height);
    const int w = std::max(1, static_cast<int>(image.width * scale + 0.5));
    const int h = std::max(1, static_cast<int>(image.height * scale + 0.5));
    Image scaled = resize(image, w, h);
    Image out;
    out.width = out.height = side;
    out.rgb.assign(static_cast<std::size_t>(side) * side * 3, background);
    const int x0 = (side - w) / 2, y0 = (side - h) / 2;
    for (int y = 0; y < h; ++y)
        std::copy(scaled.row(y), scaled.row(y) + w * 3, out.row(y0 + y) + x0 * 3);
    return out;
}

} // namespace uf::imaging
