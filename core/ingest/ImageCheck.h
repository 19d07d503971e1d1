// The checks an image named in an import row must pass before it enters the catalog: the path stays
// inside the allowed folders (after resolving symlinks and ".."), the file exists, is not empty, is an
// image in a supported format, is not a decompression bomb (the header's dimensions are checked before
// any pixel is decoded), is complete (not truncated) and decodes. Each failure names the file and a
// stable problem code.
#pragma once

#include "common/Error.h"
#include "imaging/Image.h"
#include "imaging/ImageIO.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace uf::ingest {

namespace fs = std::filesystem;

enum class ImageProblem {
    OutsideRoots, // path escapes the import file's folder and the extra allowed roots
    Unsupported,  // URL, GIF, …
    Missing,
    Unreadable,   // a folder, no permission, …
    Empty,        // zero bytes
    NotImage,     // not a recognised image format
    TooLarge,     // dimensions (or file size) beyond the limit
    Truncated,
    Corrupt,
};

// "path_escape", "unsupported", "missing_file", "unreadable", "empty_file", "not_image", "too_large",
// "truncated", "corrupt_image".
const char* problemCode(ImageProblem problem);

class ImageCheckError : public BadInputError {
public:
    ImageCheckError(ImageProblem problem, const std::string& message)
        : BadInputError(message)
        , m_problem(problem)
    {
    }
    ImageProblem problem() const { return m_problem; }

private:
    ImageProblem m_problem;
};

struct ImageCheckOptions {
    // Canonical folders an image may lie under (see canonicalRoots). Empty: anywhere.
    std::vector<fs::path> allowedRoots;
    imaging::DecodeLimits limits;
    std::int64_t maxFileBytes = 200LL * 1024 * 1024;
    bool decodePixels = true; // false: header and completeness checks only
};

struct CheckedImage {
    fs::path path;                   // canonical absolute path
    std::vector<std::uint8_t> bytes; // the file's content
    std::string sha256;
    imaging::ImageFormat format = imaging::ImageFormat::Unknown;
    int width = 0;
    int height = 0;
    imaging::Image pixels; // decoded RGB when decodePixels
};

// Resolves `written` (relative to baseDir unless absolute) and runs every check. Throws ImageCheckError.
CheckedImage checkImage(std::string_view written, const fs::path& baseDir, const ImageCheckOptions& options);

// Canonical forms of folders for ImageCheckOptions::allowedRoots; throws BadInputError for a folder
// that does not exist.
std::vector<fs::path> canonicalRoots(const std::vector<fs::path>& folders);

// Where `written` points (relative to baseDir), with symlinks and ".." resolved as far as the path
// exists; and whether that lies under one of the canonical roots.
fs::path resolveImagePath(std::string_view written, const fs::path& baseDir);
bool isUnderRoots(const fs::path& canonical, const std::vector<fs::path>& roots);

// Width and height from the header for formats sniffHeader leaves at 0 (WebP); 0 when unknown.
imaging::ImageHeader probeHeader(std::span<const std::uint8_t> bytes);

} // namespace uf::ingest
