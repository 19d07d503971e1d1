// torch-internal (core/model, model_io, training, eval only): saving the unified model into a
// pack and loading it back with every check: file hashes (ModelPack), config validity, tokenizer
// size, and the name and shape of every tensor against what the config builds. Any failure is a
// ModelLoadError; c10::Error never escapes.
#pragma once

#include "model/NetModules.h"
#include "model_io/ModelPack.h"
#include "text/Tokenizer.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace uf::model_io {

using ModuleList = std::vector<std::pair<std::string, torch::nn::Module*>>;

// Parameters and buffers of the modules as one pickled {name: tensor} dict (readable by Python's
// torch.load too). storage: kFloat or kHalf. tensorSha256 (optional) gets tensorDigest of what was written.
std::vector<std::uint8_t> serializeTensors(const ModuleList& modules, torch::Dtype storage = torch::kFloat,
                                           std::string* tensorSha256 = nullptr);
// Copies the tensors into the modules' parameters/buffers; every expected tensor must be present
// with the same shape and no foreign tensor may be there. `what` names the file in messages.
void deserializeInto(const std::vector<std::uint8_t>& bytes, const ModuleList& modules, const std::string& what);
// SHA-256 over names, shapes and float32 values, in name order: equal digests mean bit-identical weights.
std::string tensorDigest(const ModuleList& modules, torch::Dtype storage = torch::kFloat);

struct LoadedModel {
    PackManifest manifest;
    model::ModelConfig config;
    text::Tokenizer tokenizer;
    model::UnifiedNet net{nullptr};
};

// Loads and verifies a whole pack onto device (eval mode).
LoadedModel loadModelPack(const fs::path& pack, const torch::Device& device);

struct SaveRequest {
    std::string name;
    int phase = 0;
    nlohmann::json training = nlohmann::json::object();
    nlohmann::json data = nlohmann::json::object();
    nlohmann::json eval = nlohmann::json::object();
    nlohmann::json extra = nlohmann::json::object();
    torch::Dtype storage = torch::kFloat;
    // Extra payload files (loss log, cached judge ...), written beside the weights.
    std::vector<std::pair<PackFile, std::vector<std::uint8_t>>> extraFiles;
};

PackManifest saveModelPack(const fs::path& pack, model::UnifiedNet& net, const text::Tokenizer& tokenizer, const SaveRequest& request);

// Weight file name of a part ("qformer" -> "qformer.pt").
std::string weightFileName(const std::string& part);

} // namespace uf::model_io
