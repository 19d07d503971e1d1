// The catalog's content-addressed image store: images/ab/<sha256>.<ext> and thumbnails
// thumbs/ab/<sha256>.jpg. Each file is written to a temporary name and renamed, so a reader (or a
// process killed mid-write) never sees a partial file. Instead of one fsync per file (≈1 ms each
// here, 140 s for 70k images and thumbnails) the caller calls sync() once before committing the rows
// that name the files: one syncfs() makes every file written so far durable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace uf::ingest {

namespace fs = std::filesystem;

class ContentStore {
public:
    explicit ContentStore(fs::path catalogFolder);

    // Relative paths inside the catalog folder.
    static std::string imagePath(std::string_view sha256, std::string_view extension); // ".png"
    static std::string thumbPath(std::string_view sha256);

    // Stores the image unless a file of that hash is already there; returns its relative path.
    // Thread-safe (distinct temporary names per call). Throws StorageError.
    std::string putImage(std::string_view sha256, std::string_view extension, std::span<const std::uint8_t> bytes);
    bool hasThumb(std::string_view sha256) const;
    void putThumb(std::string_view sha256, std::span<const std::uint8_t> jpeg);

    // Makes every file written so far durable (syncfs on the catalog's file system).
    void sync();

private:
    void writeOnce(const fs::path& target, std::span<const std::uint8_t> bytes);
    fs::path m_folder;
};

} // namespace uf::ingest
