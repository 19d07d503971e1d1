// `unifashion generate`: thin over pipeline/GeneratePipeline. Outputs are stored as pending review.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "diffusion/DiffusionConfig.h"
#include "model/UnifiedModel.h"
#include "pipeline/GeneratePipeline.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>

namespace uf::cli {

namespace {

constexpr int kExitCancelled = 130; // 128 + SIGINT, as shells report an interrupted command

const char* const kGenerateUsage =
    "usage: unifashion generate --catalog DIR --prompt TEXT [--reference SKU|PATH] [--count N] [--seed S]\n"
    "                           [--steps S] [--guidance G] [--strength S] [--sampler NAME] [--draft]\n"
    "                           [--model PACK] [--device cpu|cuda] [--as USER] [--json]\n"
    "\n"
    "Draws N variations (default 4) from a prompt, or edits a reference (a product SKU in the catalog,\n"
    "else an image file) as the prompt says. Images are saved under DIR/generated/ and stored as\n"
    "pending review with their provenance; nothing generated is usable until a reviewer approves it\n"
    "('unifashion audit'). The same seed and settings give the same images: the call's seed is the\n"
    "batch seed (printed, and random when not given); image i is reproduced by the same call.\n"
    "Ctrl-C cancels; a cancelled call stores nothing (exit 130).\n"
    "\n"
    "  --sampler  dpm++2m (the default: second order, the same quality in fewer steps) or ddim (first\n"
    "             order); an output's provenance names its sampler and steps, to draw it again\n"
    "  --steps    sampling steps; the default suits the default sampler (DDIM wants about 25)\n"
    "  --draft  skip the pack's upscaler: images at its draft size (the default pack: 64 px, not 128), faster\n"
    "  --strength  edits: how much of the reference may change, above 0 up to 1 (1: drawn anew from noise\n"
    "              with the reference as a condition; lower keeps more of its shape and layout)\n"
    "  --json   print {\"outputs\":[{\"id\":…,\"path\":…,\"status\":\"pending\",…}],\"seed\":…}\n"
    "  --as     record USER as the maker instead of the OS user (tests, shared workstations)\n";

std::uint64_t parseSeed(const std::string& s)
{
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size())
        throw UsageError("--seed needs a whole number from 0 to 18446744073709551615, got '" + s + "'");
    return v;
}

void printJson(const nlohmann::json& j) { std::printf("%s\n", j.dump().c_str()); }

} // namespace

int cmdGenerate(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kGenerateUsage))
        return kExitOk;
    Args args(argv, {"catalog", "prompt", "reference", "count", "seed", "steps", "guidance", "strength", "sampler", "model", "device", "as"},
              {"json", "draft"});
    pipeline::GenerateOptions o;
    o.catalogDir = args.required("catalog");
    o.prompt = args.required("prompt");
    o.reference = args.value("reference");
    const long long count = args.intOr("count", 4);
    if (count < 1 || count > 64)
        throw UsageError("--count must be between 1 and 64");
    o.count = static_cast<int>(count);
    if (auto s = args.value("seed"))
        o.seed = parseSeed(*s);
    if (args.has("steps")) {
        const long long steps = args.intOr("steps", 0);
        if (steps < 1 || steps > 1000)
            throw UsageError("--steps must be between 1 and 1000");
        o.steps = static_cast<int>(steps);
    }
    if (args.has("guidance"))
        o.guidance = static_cast<float>(args.doubleOr("guidance", 0.0));
    if (args.has("strength")) {
        const double strength = args.doubleOr("strength", 0.0);
        if (!model::isValidEditStrength(strength))
            throw UsageError("--strength must be above 0 and at most 1");
        o.strength = static_cast<float>(strength);
    }
    if (args.has("sampler"))
        o.sampler = args.choiceOr("sampler", diffusion::solverNames(), model::kDefaultSampler);
    o.draft = args.flag("draft");
    if (auto m = args.value("model"))
        o.modelPack = *m;
    o.device = args.valueOr("device", "cpu");
    o.actor = args.value("as");

    installInterruptHandler();
    const auto result = pipeline::generateImages(o, stderrProgress("generate"));
    if (result.status == JobStatus::Cancelled) {
        std::fprintf(stderr, "generate: cancelled; nothing was stored\n");
        return kExitCancelled;
    }
    if (args.flag("json")) {
        nlohmann::json outs = nlohmann::json::array();
        for (const auto& s : result.outputs)
            outs.push_back({{"id", s.id},
                            {"path", s.path.string()},
                            {"status", "pending"},
                            {"kind", "image"},
                            {"sha256", s.sha256},
                            {"index", s.index}});
        printJson({{"outputs", outs},
                   {"seed", result.seed},
                   {"sampler", result.sampler},
                   {"steps", result.steps},
                   {"model", {{"name", result.modelName}, {"sha256", result.modelSha256}}}});
    } else {
        for (const auto& s : result.outputs)
            std::printf("%lld\tpending\t%s\n", static_cast<long long>(s.id), s.path.c_str());
        std::fprintf(stderr, "generate: %zu image(s) stored as pending review; seed %llu (reproduce with --seed %llu "
                             "--count %d --sampler %s --steps %d)\n",
                     result.outputs.size(), static_cast<unsigned long long>(result.seed),
                     static_cast<unsigned long long>(result.seed), o.count, result.sampler.c_str(), result.steps);
    }
    return kExitOk;
}

} // namespace uf::cli
