// Saving and loading the unified model's weights inside a model pack (see PackIO.h).
#include "model_io/PackIO.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Files.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace uf::model_io {

namespace {

std::string shapeString(const at::IntArrayRef& s)
{
    std::ostringstream o;
    o << "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        o << (i ? "," : "") << s[i];
    o << "]";
    return o.str();
}

// name -> tensor for every parameter and buffer, prefixed by the module's name.
std::map<std::string, torch::Tensor> namedTensors(const ModuleList& modules)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& [prefix, m] : modules) {
        for (const auto& p : m->named_parameters(true))
            out[prefix + "." + p.key()] = p.value();
        for (const auto& b : m->named_buffers(true))
            out[prefix + "." + b.key()] = b.value();
    }
    return out;
}

const char* kHint = "Re-copy the pack or retrain it with 'unifashion train'.";

} // namespace

std::string weightFileName(const std::string& part) { return part + ".pt"; }

std::string tensorDigest(const ModuleList& modules, torch::Dtype storage)
{
    Sha256 h;
    for (const auto& [name, t] : namedTensors(modules)) {
        auto c = t.detach().to(torch::kCPU).to(storage).to(torch::kFloat).contiguous();
        h.update(name);
        h.update(shapeString(c.sizes()));
        h.update(c.data_ptr(), static_cast<std::size_t>(c.numel()) * sizeof(float));
    }
    return h.hexDigest();
}

std::vector<std::uint8_t> serializeTensors(const ModuleList& modules, torch::Dtype storage, std::string* tensorSha256)
{
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& [name, t] : namedTensors(modules)) {
        auto c = t.detach().to(torch::kCPU);
        if (c.is_floating_point())
            c = c.to(storage);
        dict.insert(name, c.contiguous().clone());
    }
    std::vector<char> bytes = torch::pickle_save(dict);
    if (tensorSha256)
        *tensorSha256 = tensorDigest(modules, storage);
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

void deserializeInto(const std::vector<std::uint8_t>& bytes, const ModuleList& modules, const std::string& what)
{
    c10::IValue iv;
    try {
        iv = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    } catch (const c10::Error& e) {
        throw ModelLoadError(what + " is not a weights file this application can read (" + std::string(e.what_without_backtrace())
                             + "). " + kHint);
    }
    if (!iv.isGenericDict())
        throw ModelLoadError(what + " does not hold a table of named tensors. " + kHint);
    std::map<std::string, torch::Tensor> stored;
    for (const auto& kv : iv.toGenericDict()) {
        if (!kv.key().isString() || !kv.value().isTensor())
            throw ModelLoadError(what + " holds an entry that is not a named tensor. " + kHint);
        stored[kv.key().toStringRef()] = kv.value().toTensor();
    }
    auto expected = namedTensors(modules);
    for (const auto& [name, t] : expected) {
        auto it = stored.find(name);
        if (it == stored.end())
            throw ModelLoadError(what + " lacks tensor '" + name
                                 + "': the weights do not match the pack's architecture config (mismatched pack). " + kHint);
        if (it->second.sizes() != t.sizes())
            throw ModelLoadError(what + ": tensor '" + name + "' has shape " + shapeString(it->second.sizes())
                                 + " but the pack's config builds " + shapeString(t.sizes()) + " (mismatched pack). " + kHint);
    }
    for (const auto& [name, t] : stored)
        if (!expected.count(name))
            throw ModelLoadError(what + " holds tensor '" + name
                                 + "' that the pack's architecture config does not have (mismatched pack). " + kHint);
    torch::NoGradGuard ng;
    for (auto& [name, t] : expected)
        t.copy_(stored[name]);
}

LoadedModel loadModelPack(const fs::path& pack, const torch::Device& device)
{
    LoadedModel out;
    out.manifest = readAndVerify(pack);
    const std::string where = "model pack '" + pack.string() + "'";
    try {
        out.config = model::ModelConfig::fromJson(out.manifest.model);
    } catch (const BadInputError& e) {
        throw ModelLoadError(where + ": its architecture config is not valid (" + e.what() + "). " + kHint);
    }
    try {
        out.tokenizer = text::Tokenizer::fromJson(out.manifest.tokenizer.dump());
    } catch (const BadInputError& e) {
        throw ModelLoadError(where + ": " + e.what());
    }
    if (out.tokenizer.size() != out.config.vocabSize)
        throw ModelLoadError(where + ": the tokenizer has " + std::to_string(out.tokenizer.size()) + " tokens but the model expects "
                             + std::to_string(out.config.vocabSize) + " (mismatched pack). " + kHint);
    try {
        out.net = model::UnifiedNet(out.config);
        for (const auto& [part, modules] : out.net->parts()) {
            const std::string fileName = weightFileName(part);
            const PackFile* f = out.manifest.file(fileName);
            if (!f || f->role != "weights")
                throw ModelLoadError(where + " has no weights for '" + part + "' (" + fileName + " is not listed). " + kHint);
            std::vector<std::uint8_t> bytes;
            try {
                bytes = readFileBytes(pack / fileName);
            } catch (const StorageError& e) {
                throw ModelLoadError(where + ": " + e.what());
            }
            // Hashes were checked by readAndVerify; re-check in case the file changed since.
            if (sha256Hex(std::span<const std::uint8_t>(bytes.data(), bytes.size())) != f->sha256)
                throw ModelLoadError(where + ": '" + fileName + "' changed while loading (SHA-256 mismatch). " + kHint);
            deserializeInto(bytes, modules, where + ": '" + fileName + "'");
        }
        out.net->to(device);
        out.net->eval();
    } catch (const c10::Error& e) {
        throw ModelLoadError(where + " could not be loaded: " + std::string(e.what_without_backtrace()) + " " + kHint);
    } catch (const BadInputError& e) {
        throw ModelLoadError(where + " could not be built from its config: " + std::string(e.what()) + " " + kHint);
    }
    return out;
}

PackManifest saveModelPack(const fs::path& pack, model::UnifiedNet& net, const text::Tokenizer& tokenizer, const SaveRequest& request)
{
    PackManifest m;
    m.name = request.name.empty() ? pack.filename().string() : request.name;
    m.createdAt = catalog::nowIso8601();
    m.phase = request.phase;
    m.model = net->config.toJson();
    m.tokenizer = nlohmann::json::parse(tokenizer.toJson());
    m.training = request.training;
    m.data = request.data;
    m.eval = request.eval;
    m.extra = request.extra;
    return writePack(pack, m, [&](const fs::path& staging) {
        std::vector<PackFile> files;
        for (const auto& [part, modules] : net->parts()) {
            PackFile f;
            f.name = weightFileName(part);
            f.role = "weights";
            f.part = part;
            auto bytes = serializeTensors(modules, request.storage, &f.tensorSha256);
            writeFileAtomic(staging / f.name, std::span<const std::uint8_t>(bytes.data(), bytes.size()));
            files.push_back(f);
        }
        for (const auto& [desc, bytes] : request.extraFiles) {
            writeFileAtomic(staging / desc.name, std::span<const std::uint8_t>(bytes.data(), bytes.size()));
            files.push_back(desc);
        }
        return files;
    });
}

} // namespace uf::model_io

#include "model_io/PackTools.h"

namespace uf::model_io {

void rewritePack(const std::filesystem::path& from, const std::filesystem::path& to, bool half)
{
    auto loaded = loadModelPack(from, torch::kCPU);
    SaveRequest req;
    req.name = loaded.manifest.name;
    req.phase = loaded.manifest.phase;
    req.training = loaded.manifest.training;
    req.data = loaded.manifest.data;
    req.eval = loaded.manifest.eval;
    req.extra = loaded.manifest.extra;
    req.storage = half ? torch::kHalf : torch::kFloat;
    for (const auto& f : loaded.manifest.files)
        if (f.role != "weights")
            req.extraFiles.push_back({f, readFileBytes(from / f.name)});
    saveModelPack(to, loaded.net, loaded.tokenizer, req);
}

} // namespace uf::model_io
