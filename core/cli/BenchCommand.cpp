// `unifashion bench`: the model's speed figures beside the machine's GEMM peak (eval/ModelBench).
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "common/Files.h"
#include "diffusion/DiffusionConfig.h"
#include "eval/ModelBench.h"

#include <cstdio>
#include <iostream>

namespace uf::cli {

int cmdBench(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion bench --catalog DIR [--config FILE] [--model PACK] [--device cpu|cuda] [--threads N]\n"
        "                        [--steps-per-stage N] [--images N] [--sampler NAME] [--steps N]\n"
        "                        [--ddim-steps N] [--ddim-images N] [--captions N]\n"
        "                        [--out FILE] [--json]\n"
        "Measures the float32 matrix-multiply peak, then training step time per phase and stage (a short run of\n"
        "each on DIR's products with the config's sizes), images and texts embedded per second, caption time, and\n"
        "generation time per image with --sampler/--steps (default: the app's) in calls of --ddim-images, beside\n"
        "DDIM over --ddim-steps (25; 0 skips it). Prints a Markdown table (docs/BENCHMARKS.md) or JSON.\n"
        "Reports; does not judge.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    Args args(argv, {"catalog", "config", "model", "device", "threads", "steps-per-stage", "images", "sampler", "steps", "ddim-steps", "ddim-images", "captions", "out"},
              {"json"});
    eval::ModelBenchOptions o;
    o.catalogDir = args.required("catalog");
    if (auto v = args.value("config"))
        o.config = *v;
    if (auto v = args.value("model"))
        o.model = *v;
    o.device = args.valueOr("device", "cpu");
    o.threads = static_cast<int>(args.intOr("threads", 0));
    o.stepsPerStage = static_cast<int>(args.intOr("steps-per-stage", o.stepsPerStage));
    o.embedImages = static_cast<int>(args.intOr("images", o.embedImages));
    o.sampler = args.choiceOr("sampler", diffusion::solverNames(), o.sampler);
    o.steps = static_cast<int>(args.intOr("steps", o.steps));
    o.ddimSteps = static_cast<int>(args.intOr("ddim-steps", o.ddimSteps));
    o.ddimImages = static_cast<int>(args.intOr("ddim-images", o.ddimImages));
    o.captions = static_cast<int>(args.intOr("captions", o.captions));
    if (o.stepsPerStage < 2 || o.embedImages < 1 || o.steps < 1 || o.ddimSteps < 0 || o.ddimImages < 1 || o.captions < 1)
        throw UsageError("--steps-per-stage must be >= 2, --ddim-steps >= 0 and the other counts >= 1");
    auto log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
    const auto r = eval::runModelBench(o, log);
    const std::string md = eval::modelBenchMarkdown(r);
    if (auto out = args.value("out"))
        writeFileAtomic(*out, md);
    if (args.flag("json"))
        std::cout << r.dump(2) << "\n";
    else
        std::cout << md;
    return kExitOk;
}

} // namespace uf::cli
