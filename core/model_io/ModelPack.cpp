// Model pack manifests: parsing, verification of every file, and the atomic folder swap.
#include "model_io/ModelPack.h"

#include "common/Error.h"
#include "common/Files.h"

#include <cstdio>
#include <fcntl.h>
#include <random>
#include <sys/syscall.h>
#include <unistd.h>

namespace uf::model_io {

namespace {

using nlohmann::json;

const char* kRetrainHint = "re-copy the pack from its source or retrain it with 'unifashion train'";

void fsyncFolder(const fs::path& folder)
{
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool plainName(const std::string& n)
{
    return !n.empty() && n != "." && n != ".." && n.find('/') == std::string::npos && n.find('\\') == std::string::npos
           && n != kManifestName;
}

// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE); false when unsupported.
bool exchangePaths(const fs::path& a, const fs::path& b)
{
#ifdef SYS_renameat2
    return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), 2 /*RENAME_EXCHANGE*/) == 0;
#else
    (void)a;
    (void)b;
    return false;
#endif
}

} // namespace

const PackFile* PackManifest::file(const std::string& n) const
{
    for (const auto& f : files)
        if (f.name == n)
            return &f;
    return nullptr;
}

json PackManifest::toJson() const
{
    json jf = json::object();
    for (const auto& f : files) {
        json e = {{"role", f.role}, {"bytes", f.bytes}, {"sha256", f.sha256}};
        if (!f.part.empty())
            e["part"] = f.part;
        if (!f.tensorSha256.empty())
            e["tensor_sha256"] = f.tensorSha256;
        jf[f.name] = e;
    }
    return {{"format", kPackFormat}, {"format_version", formatVersion}, {"name", name}, {"created_at", createdAt},
            {"phase", phase}, {"model", model}, {"tokenizer", tokenizer}, {"training", training}, {"data", data},
            {"eval", eval}, {"extra", extra}, {"files", jf}};
}

PackManifest PackManifest::fromJson(const json& j, const std::string& where)
{
    if (!j.is_object() || !j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kPackFormat)
        throw ModelLoadError(where + " is not a UniFashion model pack (its manifest has no \"format\": \"" + kPackFormat
                             + "\"). Pass the folder of a pack made by 'unifashion train'.");
    PackManifest m;
    try {
        m.formatVersion = j.at("format_version").get<int>();
        if (m.formatVersion > kPackFormatVersion)
            throw ModelLoadError(where + ": pack format version " + std::to_string(m.formatVersion)
                                 + " is newer than this application reads (" + std::to_string(kPackFormatVersion)
                                 + "). Update UniFashion Studio or use a pack made by this version.");
        if (m.formatVersion < 1)
            throw ModelLoadError(where + ": pack format version " + std::to_string(m.formatVersion) + " is not valid. "
                                 + kRetrainHint);
        m.name = j.value("name", "");
        m.createdAt = j.value("created_at", "");
        m.phase = j.value("phase", 0);
        m.model = j.at("model");
        m.tokenizer = j.at("tokenizer");
        m.training = j.value("training", json::object());
        m.data = j.value("data", json::object());
        m.eval = j.value("eval", json::object());
        m.extra = j.value("extra", json::object());
        const json& jf = j.at("files");
        if (!jf.is_object())
            throw ModelLoadError(where + ": manifest 'files' is not an object. " + kRetrainHint);
        for (auto it = jf.begin(); it != jf.end(); ++it) {
            PackFile f;
            f.name = it.key();
            if (!plainName(f.name))
                throw ModelLoadError(where + ": manifest lists a file outside the pack ('" + f.name + "'): refusing it. "
                                     + kRetrainHint);
            const json& e = it.value();
            f.role = e.value("role", "other");
            f.part = e.value("part", "");
            f.bytes = e.at("bytes").get<std::int64_t>();
            f.sha256 = e.at("sha256").get<std::string>();
            f.tensorSha256 = e.value("tensor_sha256", "");
            m.files.push_back(std::move(f));
        }
    } catch (const json::exception& e) {
        throw ModelLoadError(where + ": manifest is incomplete or malformed (" + e.what() + "). " + kRetrainHint);
    }
    return m;
}

PackManifest readManifest(const fs::path& pack)
{
    std::error_code ec;
    if (!fs::exists(pack, ec))
        throw ModelLoadError("model pack not found: '" + pack.string()
                             + "'. Pass the folder of a trained pack (unifashion train --out DIR) or install the default model.");
    if (!fs::is_directory(pack, ec))
        throw ModelLoadError("'" + pack.string() + "' is a file, not a model pack folder. A pack is the folder that holds manifest.json.");
    const fs::path mf = pack / kManifestName;
    if (!fs::is_regular_file(mf, ec))
        throw ModelLoadError("'" + pack.string() + "' is not a UniFashion model pack: it has no manifest.json. "
                             "Pass the folder made by 'unifashion train --out'.");
    std::string text;
    try {
        text = readFileText(mf);
    } catch (const StorageError& e) {
        throw ModelLoadError(std::string("cannot read the pack's manifest: ") + e.what());
    }
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw ModelLoadError("'" + mf.string() + "' is not valid JSON (damaged or truncated: " + e.what() + "). "
                             + kRetrainHint);
    }
    return PackManifest::fromJson(j, "'" + pack.string() + "'");
}

void verifyFiles(const fs::path& pack, const PackManifest& manifest)
{
    for (const auto& f : manifest.files) {
        const fs::path p = pack / f.name;
        std::error_code ec;
        if (!fs::is_regular_file(p, ec))
            throw ModelLoadError("model pack '" + pack.string() + "' is incomplete: '" + f.name + "' is missing. " + kRetrainHint);
        const auto size = static_cast<std::int64_t>(fs::file_size(p, ec));
        if (ec || size != f.bytes)
            throw ModelLoadError("model pack '" + pack.string() + "': '" + f.name + "' is " + std::to_string(size)
                                 + " bytes but the manifest says " + std::to_string(f.bytes)
                                 + " (truncated or replaced). " + kRetrainHint);
        std::string hash;
        try {
            hash = sha256File(p);
        } catch (const StorageError& e) {
            throw ModelLoadError(std::string("model pack: ") + e.what());
        }
        if (hash != f.sha256)
            throw ModelLoadError("model pack '" + pack.string() + "': '" + f.name
                                 + "' is damaged (its SHA-256 does not match the manifest). " + kRetrainHint);
    }
}

PackManifest writePack(const fs::path& packIn, PackManifest manifest,
                       const std::function<std::vector<PackFile>(const fs::path& staging)>& writeFiles)
{
    const fs::path pack = fs::absolute(packIn).lexically_normal();
    const fs::path parent = pack.parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (fs::exists(pack, ec)) {
        const bool isPack = fs::is_regular_file(pack / kManifestName, ec);
        const bool empty = fs::is_directory(pack, ec) && fs::is_empty(pack, ec);
        if (!isPack && !empty)
            throw StorageError("refusing to replace '" + pack.string()
                               + "': it exists and is not a model pack. Choose another --out folder.");
    }
    std::random_device rd;
    const fs::path staging = parent / ("." + pack.filename().string() + ".staging-" + std::to_string(::getpid()) + "-"
                                       + std::to_string(rd()));
    fs::create_directories(staging);
    try {
        manifest.files = writeFiles(staging);
        for (auto& f : manifest.files) {
            if (!plainName(f.name))
                throw StorageError("pack file name '" + f.name + "' is not a plain file name");
            const fs::path p = staging / f.name;
            f.bytes = static_cast<std::int64_t>(fs::file_size(p));
            f.sha256 = sha256File(p);
        }
        writeFileAtomic(staging / kManifestName, manifest.toJson().dump(2));
        fsyncFolder(staging);
        if (fs::exists(pack, ec)) {
            if (exchangePaths(staging, pack)) {
                fs::remove_all(staging, ec); // the old pack now lives there
            } else {
                const fs::path old = parent / ("." + pack.filename().string() + ".old-" + std::to_string(::getpid()));
                fs::rename(pack, old);
                fs::rename(staging, pack);
                fs::remove_all(old, ec);
            }
        } else {
            fs::rename(staging, pack);
        }
        fsyncFolder(parent);
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
    return manifest;
}

void updatePack(const fs::path& pack, const std::function<void(PackManifest&)>& edit,
                const std::vector<std::pair<PackFile, std::vector<std::uint8_t>>>& newFiles)
{
    PackManifest m = readManifest(pack);
    for (const auto& [desc, bytes] : newFiles) {
        if (!plainName(desc.name))
            throw StorageError("pack file name '" + desc.name + "' is not a plain file name");
        writeFileAtomic(pack / desc.name, std::span<const std::uint8_t>(bytes.data(), bytes.size()));
        PackFile f = desc;
        f.bytes = static_cast<std::int64_t>(bytes.size());
        f.sha256 = sha256Hex(std::span<const std::uint8_t>(bytes.data(), bytes.size()));
        bool replaced = false;
        for (auto& existing : m.files)
            if (existing.name == f.name) {
                existing = f;
                replaced = true;
            }
        if (!replaced)
            m.files.push_back(f);
    }
    if (edit)
        edit(m);
    writeFileAtomic(pack / kManifestName, m.toJson().dump(2));
}

std::string manifestSha256(const fs::path& pack) { return sha256File(pack / kManifestName); }

} // namespace uf::model_io
