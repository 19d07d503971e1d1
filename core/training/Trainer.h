// Two-phase training of the unified model on a catalog (no torch in this header).
//   phase 1  cross-modal pre-training: autoencoder, then ITC/ITM/captioning, then those together
//            with the diffusion loss (text-only and reference + text conditioning);
//   phase 2  composed fine-tuning: triplets mined from attributes, composed-retrieval loss against
//            the target image and text, and edit generation; only the Q-Former, its heads and the
//            adapters learn (vision encoder, language model, autoencoder and UNet stay bit-identical).
// Budget by steps or minutes; progress lines with ETA go to `log`; a CSV loss log, periodic
// checkpoints in "<out>.ckpt" (resumed automatically by the same command), and cancellation through
// `progress` (Ctrl-C) that saves a checkpoint and a usable pack before returning Cancelled.
#pragma once

#include "common/Progress.h"
#include "model/ModelConfig.h"
#include "text/Tokenizer.h"
#include "training/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace uf::training {

namespace fs = std::filesystem;

struct TrainJob {
    fs::path catalogDir;
    std::string split = "train";     // products used ("all" = every product)
    int phase = 1;
    std::optional<fs::path> initPack; // required for phase 2
    fs::path outPack;
    std::optional<long long> steps;   // budget; default from the train config
    std::optional<double> minutes;    // time budget (stages share it by time)
    bool cuda = false;
    model::ModelConfig model;         // ignored when initPack is set (the pack's own config is used)
    TrainConfig train;
    text::Tokenizer::BuildOptions tokenizer;
    std::uint64_t seed = 1234;
    bool fresh = false;               // ignore an existing checkpoint
    int threads = 0;                  // 0 = all cores
};

struct StageReport {
    std::string name;
    long long steps = 0;
    double seconds = 0;
    double firstStepSeconds = 0; // includes one-off costs (allocations, latent cache)
    std::map<std::string, double> lastLosses; // mean of the stage's last steps
    double secondsPerStep() const { return steps > 0 ? seconds / double(steps) : 0.0; }
    double steadySecondsPerStep() const { return steps > 1 ? (seconds - firstStepSeconds) / double(steps - 1) : secondsPerStep(); }
};

struct TrainOutcome {
    JobStatus status = JobStatus::Completed;
    long long steps = 0;
    double seconds = 0;
    bool resumed = false;
    fs::path pack;
    std::vector<StageReport> stages;
    nlohmann::json summary; // what went into the manifest's "training" entry
};

using LogFn = std::function<void(const std::string&)>;

TrainOutcome train(const TrainJob& job, const LogFn& log, const ProgressFn& progress);

// Makes glibc keep freed memory instead of returning it to the kernel after every step (the
// conv nets here allocate the same large blocks each step: 1.5-2x faster on this CPU).
void tuneAllocator();

// Checkpoint folder of an output pack ("<out>.ckpt").
fs::path checkpointPath(const fs::path& outPack);

} // namespace uf::training
