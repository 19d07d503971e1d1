// Use case: train the unified model on a catalog (`unifashion train`). Reads the config file
// ({"model": ModelConfig, "train": TrainConfig, "tokenizer": {...}}; every section optional, the
// built-in defaults are the CPU recipe of resources/models/configs/cpu-default.json), applies the
// command-line overrides, and runs training::train.
#pragma once

#include "common/Progress.h"
#include "training/Trainer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace uf::pipeline {

struct TrainOptions {
    std::filesystem::path catalogDir;
    int phase = 1;
    std::optional<std::filesystem::path> init;
    std::filesystem::path out;
    std::optional<long long> steps;
    std::optional<double> minutes;
    std::string device = "cpu";
    std::optional<std::filesystem::path> configFile;
    std::uint64_t seed = 1234;
    std::optional<int> batch;
    std::string split = "train";
    bool fresh = false;
    int threads = 0;
};

// Reads a training config file into the three parts (absent sections keep their defaults).
// Throws BadInputError naming the file and the key.
void readTrainConfigFile(const std::filesystem::path& file, model::ModelConfig& model, training::TrainConfig& train,
                         text::Tokenizer::BuildOptions& tokenizer);

training::TrainOutcome trainModel(const TrainOptions& options, const training::LogFn& log, const ProgressFn& progress);

} // namespace uf::pipeline
