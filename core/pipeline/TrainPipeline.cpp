// The train use case: config file + overrides -> training::train.
#include "pipeline/TrainPipeline.h"

#include "common/Error.h"
#include "common/Files.h"
#include "common/JsonReader.h"
#include "model/UnifiedModel.h"

#include <nlohmann/json.hpp>
#include <set>

namespace uf::pipeline {

void readTrainConfigFile(const std::filesystem::path& file, model::ModelConfig& model, training::TrainConfig& train,
                         text::Tokenizer::BuildOptions& tokenizer)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(readFileText(file));
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError("config '" + file.string() + "' is not valid JSON: " + e.what());
    }
    if (!j.is_object())
        throw BadInputError("config '" + file.string() + "': expected a JSON object with 'model', 'train' and 'tokenizer' sections");
    try {
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!std::set<std::string>{"model", "train", "tokenizer", "comment"}.count(it.key()))
                throw BadInputError("unknown section '" + it.key() + "' (expected model, train, tokenizer)");
        if (j.contains("model"))
            model = model::ModelConfig::fromJson(j["model"]);
        if (j.contains("train"))
            train = training::TrainConfig::fromJson(j["train"]);
        if (j.contains("tokenizer")) {
            JsonReader r(j["tokenizer"], "tokenizer");
            r.get("maxWords", tokenizer.maxWords);
            r.get("minWordCount", tokenizer.minWordCount);
            r.get("maxPieces", tokenizer.maxPieces);
            r.get("minPieceCount", tokenizer.minPieceCount);
            r.finish();
        }
    } catch (const BadInputError& e) {
        throw BadInputError("config '" + file.string() + "': " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError("config '" + file.string() + "': " + e.what());
    }
}

training::TrainOutcome trainModel(const TrainOptions& options, const training::LogFn& log, const ProgressFn& progress)
{
    training::TrainJob job;
    job.catalogDir = options.catalogDir;
    job.split = options.split;
    job.phase = options.phase;
    job.initPack = options.init;
    job.outPack = options.out;
    job.steps = options.steps;
    job.minutes = options.minutes;
    job.cuda = model::parseDevice(options.device) == model::Device::Cuda;
    job.seed = options.seed;
    job.fresh = options.fresh;
    job.threads = options.threads;
    if (options.configFile)
        readTrainConfigFile(*options.configFile, job.model, job.train, job.tokenizer);
    if (options.batch) {
        if (*options.batch < 2)
            throw UsageError("--batch must be at least 2");
        job.train.batchSize = *options.batch;
        job.train.diffusionBatchSize = *options.batch;
        job.train.itmBatchSize = std::min(job.train.itmBatchSize, *options.batch);
    }
    if (options.steps && *options.steps < 1)
        throw UsageError("--steps must be at least 1");
    if (options.minutes && *options.minutes <= 0)
        throw UsageError("--minutes must be positive");
    if (options.phase == 2 && !options.init)
        throw UsageError("phase 2 fine-tunes a phase-1 pack: pass --init PACK");
    if (options.init && std::filesystem::absolute(*options.init).lexically_normal() == std::filesystem::absolute(options.out).lexically_normal())
        throw UsageError("--out must differ from --init (the init pack is read while the new one is written)");
    return training::train(job, log, progress);
}

} // namespace uf::pipeline
