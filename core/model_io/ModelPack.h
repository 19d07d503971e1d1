// Model packs on disk, without torch: a pack is a folder
//   manifest.json   format + version, name, phase, architecture config, tokenizer, every file's
//                   SHA-256 and size, training summary, data summary, evaluation figures
//   <part>.pt       weights, one file per module group (vision, qformer, lm, adapters,
//                   autoencoder, unet), plus optional extras (judge.pt, loss_log.csv)
// Loading verifies the format, version and every listed file's size and hash before any byte
// reaches torch; a damaged, truncated, mismatched or foreign pack is refused with a
// ModelLoadError that says what is wrong and what to do. Writing is atomic: the pack is staged in
// a sibling temporary folder, fsynced, and swapped in with one rename.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace uf::model_io {

namespace fs = std::filesystem;

inline constexpr const char* kPackFormat = "unifashion-model-pack";
inline constexpr int kPackFormatVersion = 1;
inline constexpr const char* kManifestName = "manifest.json";

struct PackFile {
    std::string name;         // relative to the pack folder, no sub-folders
    std::string role;         // "weights", "judge", "log", "other"
    std::string part;         // module group for weights ("vision", ...)
    std::int64_t bytes = 0;
    std::string sha256;       // of the file's bytes
    std::string tensorSha256; // of the tensors' names, shapes and values (weights only)
};

struct PackManifest {
    int formatVersion = kPackFormatVersion;
    std::string name;
    std::string createdAt;
    int phase = 0; // 0 untrained, 1 pre-trained, 2 composed fine-tuned
    nlohmann::json model;     // ModelConfig::toJson()
    nlohmann::json tokenizer; // Tokenizer::toJson() parsed
    nlohmann::json training = nlohmann::json::object(); // steps, minutes, seed, stages, losses, device
    nlohmann::json data = nlohmann::json::object();     // catalog, counts per split, fingerprint
    nlohmann::json eval = nlohmann::json::object();     // figures from `unifashion eval`
    nlohmann::json extra = nlohmann::json::object();    // e.g. cached attribute judge info
    std::vector<PackFile> files;

    const PackFile* file(const std::string& name) const;
    nlohmann::json toJson() const;
    // Throws ModelLoadError (naming `where`) when the JSON is not a manifest of this format.
    static PackManifest fromJson(const nlohmann::json& j, const std::string& where);
};

// Reads manifest.json and checks every listed file's presence, size and SHA-256.
PackManifest readManifest(const fs::path& pack);
void verifyFiles(const fs::path& pack, const PackManifest& manifest);
inline PackManifest readAndVerify(const fs::path& pack)
{
    auto m = readManifest(pack);
    verifyFiles(pack, m);
    return m;
}

// Writes a new pack atomically. writeFiles gets the staging folder and writes the payload files
// there, returning their descriptions (sha256/bytes may be left empty: they are computed here).
// Files listed in keepFrom's manifest with names not written by writeFiles are copied over when
// keepFrom is set (e.g. a cached judge). Returns the final manifest.
PackManifest writePack(const fs::path& pack, PackManifest manifest,
                       const std::function<std::vector<PackFile>(const fs::path& staging)>& writeFiles);

// Adds or replaces one payload file and edits the manifest of an existing pack; the manifest is
// rewritten atomically last, so a crash leaves the old manifest (and at most an unlisted file).
void updatePack(const fs::path& pack, const std::function<void(PackManifest&)>& edit,
                const std::vector<std::pair<PackFile, std::vector<std::uint8_t>>>& newFiles = {});

// SHA-256 of the manifest file (ModelInfo::packSha256).
std::string manifestSha256(const fs::path& pack);

} // namespace uf::model_io
