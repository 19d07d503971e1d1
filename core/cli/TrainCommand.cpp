// `unifashion train`: two-phase training of the unified model on a catalog.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/TrainPipeline.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace uf::cli {

int cmdTrain(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion train --catalog DIR --phase 1|2 [--init PACK] --out PACK [--steps N | --minutes M]\n"
        "                        [--device cpu|cuda] [--config FILE] [--seed S] [--batch B] [--split train|all]\n"
        "                        [--threads T] [--fresh] [--json]\n"
        "       unifashion train --print-config [--config FILE]   (the effective config as JSON)\n"
        "Phase 1 pre-trains the whole model on the catalog's image-text pairs (autoencoder, then contrastive,\n"
        "matching and captioning losses, then those with the diffusion loss). Phase 2 (--init a phase-1 pack)\n"
        "fine-tunes the Q-Former and adapters on composed queries mined from the attributes (\"same dress in\n"
        "navy\") and on edits; everything else stays frozen. Budget: --steps, or --minutes of wall time (the\n"
        "stages share it). Progress and ETA go to stderr; Ctrl-C saves a checkpoint (PACK.ckpt) and a usable pack\n"
        "and exits with code 3; the same command then resumes (--fresh starts over). --config FILE holds\n"
        "{\"model\": {...}, \"train\": {...}, \"tokenizer\": {...}} (see resources/models/configs/cpu-default.json).\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    Args args(argv, {"catalog", "phase", "init", "out", "steps", "minutes", "device", "config", "seed", "batch", "split", "threads"},
              {"json", "fresh", "print-config"});
    if (args.flag("print-config")) {
        model::ModelConfig m;
        training::TrainConfig t;
        text::Tokenizer::BuildOptions tok;
        if (auto v = args.value("config"))
            pipeline::readTrainConfigFile(*v, m, t, tok);
        nlohmann::json j = {{"model", m.toJson()},
                            {"train", t.toJson()},
                            {"tokenizer",
                             {{"maxWords", tok.maxWords}, {"minWordCount", tok.minWordCount}, {"maxPieces", tok.maxPieces},
                              {"minPieceCount", tok.minPieceCount}}}};
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    pipeline::TrainOptions o;
    o.catalogDir = args.required("catalog");
    o.phase = static_cast<int>(args.intOr("phase", 1));
    if (auto v = args.value("init"))
        o.init = *v;
    o.out = args.required("out");
    if (args.has("steps") && args.has("minutes"))
        throw UsageError("give --steps or --minutes, not both");
    if (args.has("steps"))
        o.steps = args.intOr("steps", 0);
    if (args.has("minutes"))
        o.minutes = args.doubleOr("minutes", 0);
    o.device = args.valueOr("device", "cpu");
    if (auto v = args.value("config"))
        o.configFile = *v;
    o.seed = static_cast<std::uint64_t>(args.intOr("seed", 1234));
    if (args.has("batch"))
        o.batch = static_cast<int>(args.intOr("batch", 64));
    o.split = args.valueOr("split", "train");
    o.threads = static_cast<int>(args.intOr("threads", 0));
    o.fresh = args.flag("fresh");
    installInterruptHandler();
    auto log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
    ProgressFn progress = [](std::int64_t, std::int64_t) { return !interrupted(); };
    const auto outcome = pipeline::trainModel(o, log, progress);
    const bool cancelled = outcome.status == JobStatus::Cancelled;
    if (args.flag("json")) {
        nlohmann::json j = outcome.summary;
        j["pack"] = outcome.pack.string();
        j["cancelled"] = cancelled;
        j["resumed"] = outcome.resumed;
        std::cout << j.dump() << "\n";
    } else {
        std::printf("%s pack '%s' after %lld steps in %.1f min%s\n", cancelled ? "Stopped; wrote" : "Trained",
                    outcome.pack.string().c_str(), outcome.steps, outcome.seconds / 60.0, outcome.resumed ? " (resumed)" : "");
        const auto peak = outcome.summary.value("gemm_peak_gflops", nlohmann::json::object());
        std::printf("  this machine's float32 GEMM peak: %.0f GFLOP/s at the start, %.0f at the end (read the minutes beside it)\n",
                    peak.value("start", 0.0), peak.value("end", 0.0));
        for (const auto& s : outcome.stages) {
            std::printf("  %-12s %6lld steps  %6.2f s/step", s.name.c_str(), s.steps, s.steadySecondsPerStep());
            for (const auto& [k, v] : s.lastLosses)
                std::printf("  %s %.4f", k.c_str(), v);
            std::printf("\n");
        }
    }
    return cancelled ? kExitPartial : kExitOk;
}

} // namespace uf::cli
