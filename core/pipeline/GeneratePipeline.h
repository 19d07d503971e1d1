// Use case "generate variations": load the model (or use one the caller holds), resolve the
// reference, run the model, store the images as pending outputs with provenance
// (generation/Provenance.h). Called by the CLI and the UI.
#pragma once

#include "common/Progress.h"
#include "generation/Provenance.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace uf::model {
class UnifiedModel;
}

namespace uf::pipeline {

namespace fs = std::filesystem;

struct GenerateOptions {
    fs::path catalogDir;
    std::string prompt;
    std::optional<std::string> reference; // SKU or image file
    int count = 4;
    std::optional<std::uint64_t> seed;    // random (and recorded) when not given
    std::optional<int> steps;             // model defaults when not given
    std::optional<float> guidance;
    std::optional<float> strength;        // edits: model::GenerateRequest::strength
    std::optional<std::string> sampler;
    bool draft = false;                   // model::GenerateRequest::draft
    std::optional<fs::path> modelPack;    // default pack when not given
    std::string device = "cpu";
    std::optional<std::string> actor;     // --as
};

struct GenerateResult {
    JobStatus status = JobStatus::Completed; // Cancelled: nothing was stored
    std::vector<generation::StoredOutput> outputs;
    std::uint64_t seed = 0;
    std::string sampler; // what drew them (with seed and steps: what reproduces them)
    int steps = 0;
    std::string modelName;
    std::string modelSha256;
};

// The pack to load: options.modelPack, else the default pack; ModelLoadError when there is none.
fs::path resolveModelPack(const std::optional<fs::path>& modelPack);

GenerateResult generateImages(const GenerateOptions& options, const ProgressFn& progress = {});
// With a model the caller already loaded (the UI keeps one); `device` is recorded as given.
GenerateResult generateImages(model::UnifiedModel& model, catalog::Catalog& catalog, const GenerateOptions& options,
                              const ProgressFn& progress = {});

} // namespace uf::pipeline
