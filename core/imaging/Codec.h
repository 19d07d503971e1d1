// Internal to imaging/: the pixel codec backend. OpenCV on workstations (CodecOpenCV.cpp); a
// libpng/libjpeg backend (CodecBasic.cpp) for headless GPU servers that have no OpenCV
// (CMake option UF_WITH_OPENCV=OFF). ImageIO.cpp does all checks; these only move pixels.
#pragma once

#include "imaging/Image.h"

#include <cstdint>
#include <span>
#include <vector>

namespace uf::imaging::codec {

// Decodes PNG/JPEG/BMP/… to RGB; returns false when the data cannot be decoded.
bool decode(std::span<const std::uint8_t> bytes, Image& out);
std::vector<std::uint8_t> encodePng(const Image& image);
std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality);
// Area average when shrinking, bilinear when enlarging.
void resize(const Image& src, Image& dst);

} // namespace uf::imaging::codec
