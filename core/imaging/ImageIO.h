// Decoding, encoding and resizing through OpenCV, with the checks import needs: the header is read
// first so that oversized images (decompression bombs) are refused before any pixel is decoded.
#pragma once

#include "imaging/Image.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace uf::imaging {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, Webp, Gif, Tiff };

struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;  // 0 when the header does not say
    int height = 0;
};

// Sniffs the format from magic bytes and reads width/height from the header where cheap
// (PNG, JPEG, BMP, GIF). Never decodes pixels.
ImageHeader sniffHeader(std::span<const std::uint8_t> bytes);
const char* formatExtension(ImageFormat f); // ".png", ".jpg", …

struct DecodeLimits {
    std::int64_t maxPixels = 50'000'000; // 50 MP
    int maxSide = 20'000;
};

// Decodes to RGB. Throws BadInputError with a reason ("not an image", "truncated or corrupt",
// "too large: 30000×30000 exceeds 50 MP") naming `what` (a file name or row).
Image decode(std::span<const std::uint8_t> bytes, const std::string& what, const DecodeLimits& limits = {});
Image loadFile(const std::filesystem::path& path, const DecodeLimits& limits = {});

std::vector<std::uint8_t> encodePng(const Image& image);
std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality = 90);
void savePng(const Image& image, const std::filesystem::path& path); // atomic

// Area-averaged downscale / bilinear upscale to exactly w×h.
Image resize(const Image& image, int width, int height);
// Fits the longer side to `side`, pads with `background` to a square side×side (keeps aspect).
Image letterbox(const Image& image, int side, std::uint8_t background = 255);

} // namespace uf::imaging
