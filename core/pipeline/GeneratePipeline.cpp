// The generate use case over the model façade and generation/Provenance.
#include "pipeline/GeneratePipeline.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "model/UnifiedModel.h"
#include "text/Normalize.h"
#include "text/QueryText.h"

#include <random>

namespace uf::pipeline {

namespace {

constexpr int kMaxCount = 64;

std::uint64_t randomSeed()
{
    std::random_device rd;
    // 53 bits: survives JSON readers that hold numbers as doubles.
    return ((std::uint64_t(rd()) << 32) | rd()) & ((std::uint64_t(1) << 53) - 1);
}

} // namespace

fs::path resolveModelPack(const std::optional<fs::path>& modelPack)
{
    if (modelPack)
        return *modelPack;
    if (auto p = model::defaultPackPath())
        return *p;
    throw ModelLoadError("No model pack found: pass --model PACK, or install the default pack "
                         "(resources/models/default next to the application).");
}

GenerateResult generateImages(model::UnifiedModel& m, catalog::Catalog& catalog, const GenerateOptions& options,
                              const ProgressFn& progress)
{
    if (options.prompt.empty())
        throw UsageError("a prompt is needed (--prompt \"red striped shirt\")");
    if (!text::isValidUtf8(options.prompt))
        throw BadInputError("The prompt is not valid UTF-8; set the terminal to UTF-8 (e.g. LANG=ja_JP.UTF-8) and "
                            "try again.");
    if (options.count < 1 || options.count > kMaxCount)
        throw UsageError("--count must be between 1 and " + std::to_string(kMaxCount));
    const audit::Actor actor = audit::currentActor(options.actor);

    model::GenerateRequest request;
    request.prompt = options.prompt;
    request.count = options.count;
    request.seed = options.seed ? *options.seed : randomSeed();
    if (options.steps)
        request.steps = *options.steps;
    if (options.guidance)
        request.guidance = *options.guidance;
    if (options.strength)
        request.strength = *options.strength;
    if (options.sampler)
        request.sampler = *options.sampler;
    request.draft = options.draft;
    if (request.steps < 1 || request.steps > 1000)
        throw UsageError("--steps must be between 1 and 1000");

    generation::ImageRecipe recipe;
    if (options.reference) {
        auto ref = generation::resolveReference(catalog, *options.reference);
        recipe.reference = ref.info;
        request.reference = std::move(ref.image);
        recipe.strength = request.strength;
    }
    recipe.prompt = request.prompt;
    recipe.promptRead = text::readQuery(request.prompt).text;
    recipe.seed = request.seed;
    recipe.count = request.count;
    recipe.steps = request.steps;
    recipe.guidance = request.guidance;
    recipe.sampler = request.sampler;
    recipe.draft = request.draft && m.info().draftSize != m.info().outputSize;
    recipe.modelName = m.info().name;
    recipe.modelSha256 = m.info().packSha256;
    recipe.device = options.device;

    GenerateResult result;
    result.seed = request.seed;
    result.sampler = request.sampler;
    result.steps = request.steps;
    result.modelName = recipe.modelName;
    result.modelSha256 = recipe.modelSha256;
    const auto images = m.generate(request, progress);
    // A cancelled batch stores nothing: its images could not be told apart from a full batch's.
    if (static_cast<int>(images.size()) < request.count) {
        result.status = JobStatus::Cancelled;
        return result;
    }
    result.outputs = generation::storeImages(catalog, recipe, images, actor);
    return result;
}

GenerateResult generateImages(const GenerateOptions& options, const ProgressFn& progress)
{
    catalog::Catalog catalog(options.catalogDir);
    auto m = model::UnifiedModel::load(resolveModelPack(options.modelPack), model::parseDevice(options.device));
    return generateImages(*m, catalog, options, progress);
}

} // namespace uf::pipeline
