// The model's speed figures for `unifashion bench` (no torch in this header): the machine's
// float32 matrix-multiply peak measured in the same run, then training step time per phase and
// stage, images embedded per second, caption time, and generation time per image with the app's
// sampler (and its draft) beside DDIM over 25 steps, the sampler before it (each the median of
// three calls) — each beside the peak
// so the fraction of it shows. Reports; does not judge.
#pragma once

#include "model/UnifiedModel.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace uf::eval {

struct ModelBenchOptions {
    std::filesystem::path catalogDir;             // products for the training steps and images
    std::optional<std::filesystem::path> config;  // train/model config (default: the CPU recipe)
    std::optional<std::filesystem::path> model;   // time inference on this pack instead of the benchmark's own
    std::string device = "cpu";
    int stepsPerStage = 6;  // timed training steps per stage (the first is reported apart)
    int embedImages = 512;
    std::string sampler = model::kDefaultSampler; // what generation is timed with
    int steps = model::kDefaultSamplingSteps;
    int ddimSteps = 25;  // the DDIM reference timed beside it (the app's sampler until stop 21); 0 skips it
    int ddimImages = 8;  // images per generate call (the app draws 4)
    int captions = 32;
    int threads = 0;
    std::filesystem::path workDir; // temporary packs (default: a folder under the system temp dir)
};

nlohmann::json runModelBench(const ModelBenchOptions& options, const std::function<void(const std::string&)>& log);

// The benchmark as a Markdown table (docs/BENCHMARKS.md).
std::string modelBenchMarkdown(const nlohmann::json& result);

} // namespace uf::eval
