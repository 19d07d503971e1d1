// The eval use case: pack resolution + eval::evaluate.
#include "pipeline/EvaluatePipeline.h"

#include "common/Error.h"
#include "model/UnifiedModel.h"

namespace uf::pipeline {

eval::EvalResult evaluateModel(eval::EvalOptions options, const std::optional<std::filesystem::path>& modelPack,
                               const std::function<void(const std::string&)>& log, const ProgressFn& progress)
{
    if (modelPack) {
        options.modelPack = *modelPack;
    } else if (auto p = model::defaultPackPath()) {
        options.modelPack = *p;
    } else {
        throw ModelLoadError("No model pack found: pass --model PACK, or install the default pack "
                             "(resources/models/default next to the application).");
    }
    if (options.split.empty())
        throw UsageError("--split must not be empty");
    (void)model::parseDevice(options.device);
    return eval::evaluate(options, log, progress);
}

} // namespace uf::pipeline
