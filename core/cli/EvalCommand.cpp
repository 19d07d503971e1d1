// `unifashion eval`: retrieval, caption and generation figures of a model pack on a catalog.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "diffusion/DiffusionConfig.h"
#include "pipeline/EvaluatePipeline.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace uf::cli {

int cmdEval(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion eval --catalog DIR [--model PACK] [--split test] [--queries FILE] [--json]\n"
        "                       [--device cpu|cuda] [--limit N] [--captions N] [--generate N] [--steps N]\n"
        "                       [--sampler ddim|dpm++2m] [--guidance G] [--edits N] [--edit-strength S] [--draft] [--judge-steps N] [--seed S]\n"
        "                       [--no-store] [--prompt TEXT ...] [--prompt-samples N]\n"
        "Evaluates a model pack (default: the shipped one) on the catalog's split: text<->image Recall@1/5/10,\n"
        "attribute precision@10 of Japanese, English and mixed queries (and of a TSV query set: lang, kind,\n"
        "query, expected k=v;k=v), image->image precision@10, composed Recall@10/50, caption BLEU-4/CIDEr-D and\n"
        "attribute accuracy, and generation judged by an attribute classifier trained on the catalog's train\n"
        "images (cached in the pack), with a Fréchet distance on its features (not Inception FID).\n"
        "--prompt (repeatable; default \"red striped shirt\" and \"赤いストライプのシャツ\"): drawn --prompt-samples times\n"
        "(default 16) and judged against the attributes the prompt names.\n"
        "--draft generates without the pack's upscaler (its draft size). --generate 0 skips generation. Figures are stored in the pack's manifest when it was trained on DIR.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
    Args args(argv,
              {"catalog", "model", "split", "queries", "device", "limit", "captions", "generate", "steps", "sampler", "guidance", "edits", "edit-strength",
               "judge-steps", "seed", "threads", "vocab-queries", "composed", "prompt", "prompt-samples"},
              {"json", "no-store", "draft"});
    eval::EvalOptions o;
    o.catalogDir = args.required("catalog");
    o.split = args.valueOr("split", "test");
    if (auto q = args.value("queries"))
        o.queriesFile = *q;
    o.device = args.valueOr("device", "cpu");
    o.maxItems = static_cast<int>(args.intOr("limit", -1));
    o.captionLimit = static_cast<int>(args.intOr("captions", o.captionLimit));
    o.generateCount = static_cast<int>(args.intOr("generate", o.generateCount));
    o.generateSteps = static_cast<int>(args.intOr("steps", o.generateSteps));
    o.sampler = args.choiceOr("sampler", diffusion::solverNames(), o.sampler);
    o.guidance = args.doubleOr("guidance", o.guidance);
    o.editCount = static_cast<int>(args.intOr("edits", o.editCount));
    o.editStrength = args.doubleOr("edit-strength", o.editStrength);
    o.judgeSteps = static_cast<int>(args.intOr("judge-steps", o.judgeSteps));
    o.seed = static_cast<std::uint64_t>(args.intOr("seed", static_cast<long long>(o.seed)));
    o.threads = static_cast<int>(args.intOr("threads", 0));
    o.vocabularyQueries = static_cast<int>(args.intOr("vocab-queries", o.vocabularyQueries));
    o.composedLimit = static_cast<int>(args.intOr("composed", o.composedLimit));
    o.store = !args.flag("no-store");
    o.draft = args.flag("draft");
    if (args.has("prompt"))
        o.prompts = args.all("prompt");
    o.promptSamples = static_cast<int>(args.intOr("prompt-samples", o.promptSamples));
    if (o.generateSteps < 1 || o.captionLimit < 0 || o.generateCount < 0 || o.judgeSteps < 1 || o.promptSamples < 1)
        throw UsageError("--steps, --judge-steps and --prompt-samples must be >= 1, --captions and --generate >= 0");
    std::optional<std::filesystem::path> pack;
    if (auto m = args.value("model"))
        pack = *m;
    installInterruptHandler();
    auto log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
    ProgressFn progress = [](std::int64_t, std::int64_t) { return !interrupted(); };
    const auto result = pipeline::evaluateModel(o, pack, log, progress);
    if (args.flag("json")) {
        nlohmann::json j = result.figures;
        j["stored_in_pack"] = result.stored;
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    const auto& f = result.figures;
    std::printf("Model %s on %s (%s, %d products)\n", f["model"].value("name", "").c_str(), f.value("catalog", "").c_str(),
                f.value("split", "").c_str(), f.value("items", 0));
    for (const auto& [lang, r] : f["retrieval"].items())
        std::printf("  %s text->image R@1/5/10 %.3f %.3f %.3f   image->text %.3f %.3f %.3f\n", lang.c_str(),
                    r["text_to_image"].value("R@1", 0.0), r["text_to_image"].value("R@5", 0.0), r["text_to_image"].value("R@10", 0.0),
                    r["image_to_text"].value("R@1", 0.0), r["image_to_text"].value("R@5", 0.0), r["image_to_text"].value("R@10", 0.0));
    for (const auto& [lang, r] : f["attribute_precision"]["vocabulary"].items())
        std::printf("  attribute P@10 (%s vocabulary queries) %.3f\n", lang.c_str(), r.value("p_at_10", 0.0));
    if (f["attribute_precision"].contains("queries_file")) {
        const auto& q = f["attribute_precision"]["queries_file"];
        std::printf("  attribute P@10 (query file) %.3f\n", q["overall"].value("p_at_10", 0.0));
        for (const auto& [k, r] : q["by_kind"].items())
            std::printf("    kind %-10s %.3f (%d)\n", k.c_str(), r.value("p_at_10", 0.0), r.value("queries", 0));
    }
    std::printf("  image->image P@10 category %.3f, category+colour %.3f\n", f["image_to_image"].value("category_p_at_10", 0.0),
                f["image_to_image"].value("category_color_p_at_10", 0.0));
    if (f["composed"].value("triplets", 0) > 0)
        std::printf("  composed R@10 %.3f R@50 %.3f P@10 %.3f (%d triplets)\n", f["composed"].value("recall_at_10", 0.0),
                    f["composed"].value("recall_at_50", 0.0), f["composed"].value("precision_at_10", 0.0), f["composed"].value("triplets", 0));
    for (const char* lang : {"en", "ja"})
        if (f["captions"].contains(lang))
            std::printf("  captions %s BLEU-4 %.3f CIDEr-D %.3f category+colour %.3f\n", lang, f["captions"][lang].value("bleu4", 0.0),
                        f["captions"][lang].value("cider_d", 0.0), f["captions"][lang].value("category_color_accuracy", 0.0));
    if (f.contains("generation") && f["generation"].contains("text_to_image"))
        std::printf("  generation category+colour %.3f, judge-feature FID %.2f (real vs real %.2f)\n",
                    f["generation"]["text_to_image"].value("category_color_accuracy", 0.0),
                    f["generation"]["judge_fid"].value("generated_vs_real", 0.0), f["generation"]["judge_fid"].value("real_vs_real_halves", 0.0));
    if (result.stored)
        std::printf("Figures stored in the pack's manifest.\n");
    return kExitOk;
}

} // namespace uf::cli
