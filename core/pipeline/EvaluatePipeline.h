// Use case: evaluate a model pack on a catalog (`unifashion eval`). Resolves the pack (--model or
// the shipped default) and runs eval::evaluate.
#pragma once

#include "common/Progress.h"
#include "eval/Evaluator.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace uf::pipeline {

eval::EvalResult evaluateModel(eval::EvalOptions options, const std::optional<std::filesystem::path>& modelPack,
                               const std::function<void(const std::string&)>& log, const ProgressFn& progress);

} // namespace uf::pipeline
